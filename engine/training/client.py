"""A plain-Python client of the training worker: start it, send jobs, read its events.

The command line uses it as is; the GUI wraps the same protocol in a QProcess. The worker starts
on the first job with the job's backend (and restarts when a later job wants another one), then
stays warm for the next job: importing Keras is the slow part of a run. A job for several local
processes goes to the local launcher (engine.training.launcher), which speaks the same protocol;
a job that is one process of a cluster gets a fresh worker (JAX's distributed runtime is joined
once per process). A job that sends no event for its `hang_timeout` is hung: the worker is
killed and the job ends with an error event.

    with TrainingClient() as client:
        finished = client.run(make_job(config, data="digits"), on_event=print)
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from engine.training import events
from engine.training.backends import require_backend
from engine.training.errors import ERROR_TYPES, WorkerError
from engine.training.exits import exit_text
from engine.training.job import normalize_job
from engine.training.placement import is_multi_process, needs_launcher

logger = logging.getLogger(__name__)

WORKER_MODULE = "engine.training.worker"
LAUNCHER_MODULE = "engine.training.launcher"
STDERR_LINES = 200  # kept to explain a crash
_EOF = object()
# the folder that holds the `engine` package, so the worker imports the same code
_ROOT = str(Path(__file__).resolve().parents[2])


def worker_command(python: str | None = None, processes: int = 1) -> list[str]:
    """The command line that starts a worker, or the launcher of `processes` local workers (a
    QProcess can run the same)."""
    if processes > 1:
        return [python or sys.executable, "-m", LAUNCHER_MODULE, "--processes", str(processes)]
    return [python or sys.executable, "-m", WORKER_MODULE]


def processes_for(job: dict[str, Any]) -> tuple[int, bool]:
    """(local processes to start, whether the worker must be fresh) for a normalized job."""
    spec = job["distribution"]
    if needs_launcher(spec):
        return spec["num_processes"], True
    return 1, is_multi_process(spec)


def hung_event(job: dict[str, Any], seconds: float, history: dict[str, Any]) -> dict[str, Any]:
    """The error event of a job that sent nothing for `seconds` (its worker was killed)."""
    return {
        "event": events.ERROR,
        "job_id": job.get("job_id"),
        "error_type": "WorkerError",
        "message": (
            f"The training worker sent nothing for {seconds:g} s, so it was stopped as hung. "
            "If one batch can take that long, raise the hang timeout (Where tab)."
        ),
        "traceback": "",
        "user_error": True,
        "history": history,
        "hung": True,
    }


def worker_env(backend: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a worker for `backend`: ours, plus the backend and the import path."""
    env = {**os.environ, **(extra or {}), "KERAS_BACKEND": backend}
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [_ROOT, env.get("PYTHONPATH")]))
    return env


class TrainingClient:
    """Owns one worker process at a time.

    Args:
        python: the interpreter that runs the worker (this one by default).
        env: extra environment variables for the worker.
    """

    def __init__(self, python: str | None = None, env: dict[str, str] | None = None) -> None:
        self._python = python or sys.executable
        self._env = dict(env or {})
        self._process: subprocess.Popen[bytes] | None = None
        self._events: queue.Queue[Any] = queue.Queue()
        self._stderr: collections.deque[str] = collections.deque(maxlen=STDERR_LINES)
        self._lock = threading.Lock()
        self._readers: list[threading.Thread] = []
        self.backend: str | None = None
        self.processes = 1  # local worker processes behind the pipe (>1: the launcher)
        self.ready: dict[str, Any] | None = None
        self._job: dict[str, Any] | None = None  # the job in flight
        self._paused = False
        self._history: dict[str, list[Any]] = {}  # epochs of the job in flight
        # lines on the worker's stdout that were not events (there should be none)
        self.stray_output: list[str] = []

    def __enter__(self) -> TrainingClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """The worker's process id, or None when none runs."""
        return self._process.pid if self.running else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, backend: str, processes: int = 1, fresh: bool = False) -> None:
        """Start a worker for `backend` (no-op when one for it already runs).

        Args:
            backend: the Keras backend.
            processes: local processes (more than 1: the local launcher runs them).
            fresh: start a new worker even if one for the backend runs.

        Raises:
            JobError: the backend is not installed.
        """
        same = self.backend == backend and self.processes == processes
        if self.running and same and not fresh:
            return
        require_backend(backend)
        self.close()
        self._events = queue.Queue()
        self._stderr.clear()
        self.stray_output = []
        self._process = subprocess.Popen(
            worker_command(self._python, processes),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=worker_env(backend, self._env),
        )
        self.backend, self.processes, self.ready = backend, processes, None
        self._readers = [
            threading.Thread(target=self._read_events, args=(self._process.stdout,), daemon=True),
            threading.Thread(target=self._read_stderr, args=(self._process.stderr,), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def submit(self, job: dict[str, Any]) -> dict[str, Any]:
        """Normalize `job`, start a worker for its backend if needed, and send it.

        Returns:
            The normalized job (its `job_id` names its events).

        Raises:
            JobError: the job is invalid or its backend is not installed.
        """
        job = normalize_job(job)
        processes, fresh = processes_for(job)
        self.start(job["backend"], processes, fresh)
        self._job, self._paused, self._history = job, False, {}
        self._send({"cmd": events.CMD_RUN, "job": job})
        return job

    def events(self, timeout: float | None = None) -> Iterator[dict[str, Any]]:
        """Yield the worker's events until a job ends (`finished` or `error`).

        A worker that dies yields a final `error` event with `error_type` "WorkerError"; so does
        a job that sends nothing for its `hang_timeout` while not paused (its worker is killed).

        Args:
            timeout: the longest wait for one event, in seconds; None waits forever.

        Raises:
            WorkerError: no event came within `timeout`.
        """
        while True:
            hang = self._hang_limit()
            limits = [t for t in (timeout, hang) if t]
            try:
                item = self._events.get(timeout=min(limits) if limits else None)
            except queue.Empty:
                if hang and (timeout is None or hang <= timeout):
                    self.kill()
                    yield hung_event(self._job or {}, hang, self._history)
                    self._job = None
                    return
                raise WorkerError(
                    f"The worker sent no event for {timeout} s. Received: nothing"
                ) from None
            if item is _EOF:
                self._events.put(_EOF)  # a later call learns at once that the worker is gone
                yield {**self._exit_event(), "history": self._history}
                self._job = None
                return
            self._note(item)
            yield item
            if item.get("event") in events.TERMINAL_EVENTS:
                self._job = None
                return

    def _hang_limit(self) -> float | None:
        """Seconds without an event after which the job in flight counts as hung (or None)."""
        if self._job is None or self._paused:
            return None
        return self._job.get("hang_timeout") or None

    def _note(self, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == events.READY:
            self.ready = event
        elif kind in (events.PAUSED, events.RESUMED):
            self._paused = kind == events.PAUSED
        elif kind == events.EPOCH:
            for name, value in (event.get("logs") or {}).items():
                self._history.setdefault(name, []).append(value)

    def run(
        self,
        job: dict[str, Any],
        on_event: Callable[[dict[str, Any]], None] | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Run a job to its end.

        Args:
            job: the job (see engine.training.job).
            on_event: called with every event, the last one included.
            timeout: the longest wait for one event, in seconds.

        Returns:
            The `finished` event.

        Raises:
            JobError, DataError, WorkerError: the job failed; `.event` holds the error event.
        """
        self.submit(job)
        last: dict[str, Any] = {}
        for event in self.events(timeout=timeout):
            if on_event is not None:
                on_event(event)
            last = event
        if last.get("event") != events.FINISHED:
            raise error_from_event(last)
        return last

    def stop(self) -> None:
        """Ask the current job to end after its current batch (weights are still saved)."""
        if self.running:
            self._send({"cmd": events.CMD_STOP})

    def pause(self) -> None:
        """Hold the current fit before its next batch; a `paused` event confirms it."""
        if self.running:
            self._send({"cmd": events.CMD_PAUSE})

    def resume(self) -> None:
        """Let a paused fit go on; a `resumed` event confirms it."""
        if self.running:
            self._send({"cmd": events.CMD_RESUME})

    def look(self, sample: dict[str, Any] | None) -> None:
        """Show another sample during the running fit (see engine.training.look_spec)."""
        if self.running:
            self._send({"cmd": events.CMD_LOOK, "sample": sample})

    def kill(self) -> None:
        """End the worker at once; the job in flight is lost."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def close(self, timeout: float = 10.0) -> None:
        """Ask the worker to quit, and kill it if it does not within `timeout` seconds."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            try:
                self._send({"cmd": events.CMD_STOP})
                self._send({"cmd": events.CMD_QUIT})
                process.stdin.close()  # type: ignore[union-attr]
                process.wait(timeout=timeout)
            except (OSError, subprocess.TimeoutExpired):
                self.kill()
        self._release(process)

    def _release(self, process: subprocess.Popen[bytes]) -> None:
        """Close the pipes of an ended worker once its readers have drained them."""
        for reader in self._readers:
            reader.join(timeout=5.0)
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self._process, self._readers = None, []

    def stderr_tail(self) -> str:
        """The worker's last lines of stderr (TensorFlow's messages, a crash's traceback)."""
        return "\n".join(self._stderr)

    def _send(self, command: dict[str, Any]) -> None:
        if self._process is None or self._process.stdin is None:
            raise WorkerError("No worker is running. Received: a command before start()")
        with self._lock:
            try:
                self._process.stdin.write(events.encode(command))
                self._process.stdin.flush()
            except (BrokenPipeError, ValueError):
                logger.debug("the worker's stdin is closed")

    def _read_events(self, stream: IO[bytes]) -> None:
        for line in stream:
            try:
                self._events.put(events.decode(line))
            except ValueError:
                self.stray_output.append(line.decode("utf-8", "replace").rstrip())
        self._events.put(_EOF)

    def _read_stderr(self, stream: IO[bytes]) -> None:
        for line in stream:
            text = line.decode("utf-8", "replace").rstrip()
            self._stderr.append(text)
            logger.debug("worker: %s", text)

    def _exit_event(self) -> dict[str, Any]:
        process = self._process
        code = None
        if process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):  # stdout closed, still alive
                code = process.wait(timeout=10.0)
        time.sleep(0.05)  # let the stderr thread catch the last lines
        return {
            "event": events.ERROR,
            "job_id": None,
            "error_type": "WorkerError",
            "message": f"The training worker {exit_text(code, self.stderr_tail())}.",
            "traceback": self.stderr_tail(),
            "user_error": False,
            "exit_code": code,
        }


def error_from_event(event: dict[str, Any]) -> Exception:
    """The exception matching an `error` event (`.event` keeps the event)."""
    error_class = ERROR_TYPES.get(event.get("error_type", ""), WorkerError)
    if not event.get("user_error") and error_class is not WorkerError:
        error_class = WorkerError
    error = error_class(event.get("message", "The job failed."))
    error.event = event  # type: ignore[attr-defined]
    return error
