"""The local launcher: `python -m engine.training.launcher --processes N`.

It speaks the worker's protocol (engine.training.events) on stdin and stdout, so the window and
the command line talk to it as to one worker; behind it, each job runs data-parallel on N fresh
worker processes of this machine (JAX's distributed runtime is joined once per process). It gives
each worker the job with its process id and a free coordinator port on 127.0.0.1, forwards
process 0's events, passes stop, pause and resume to process 0 (which decides for all), and
watches every process: one that dies, or reports an error, ends the whole run at once with one
plain sentence naming it. No worker outlives the launcher (they die with it).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import copy
import logging
import os
import queue
import random
import socket
import subprocess
import sys
import threading
import time
from typing import IO, Any

from engine.errors import KerasCanvasError
from engine.training import events
from engine.training.client import LAUNCHER_MODULE, worker_command, worker_env
from engine.training.events import EventWriter
from engine.training.exits import exit_text
from engine.training.job import normalize_job
from engine.training.worker import PARENT_ENV, error_fields, protect_stdout

logger = logging.getLogger(__name__)

PEER_ERROR_GRACE = 5.0  # seconds process 0 gets to report a failure a peer reported first
EXIT_SECONDS = 60.0  # seconds the processes get to exit once process 0 has finished
STDERR_LINES = 60
_STDIN_EOF = "stdin-eof"


class _Process:
    """One worker of the group, with the tail of its stderr."""

    def __init__(self, index: int, popen: subprocess.Popen[bytes]) -> None:
        self.index, self.popen = index, popen
        self.stderr: collections.deque[str] = collections.deque(maxlen=STDERR_LINES)
        self.terminal: dict[str, Any] | None = None
        self.lock = threading.Lock()

    def send(self, command: dict[str, Any]) -> None:
        with self.lock, contextlib.suppress(OSError, ValueError):
            self.popen.stdin.write(events.encode(command))  # type: ignore[union-attr]
            self.popen.stdin.flush()  # type: ignore[union-attr]

    def exit_text(self) -> str:
        return exit_text(self.popen.poll(), "\n".join(self.stderr))


class ProcessGroup:
    """Runs jobs on `count` local worker processes, one job at a time.

    Args:
        writer: where the group's events go (this process's stdout).
        count: processes per job.
    """

    def __init__(self, writer: EventWriter, count: int) -> None:
        self.writer, self.count = writer, count
        self.inbox: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self.processes: list[_Process] = []
        self._quit = False

    # ------------------------------------------------------------------ commands

    def read_commands(self) -> None:
        """Queue stdin's commands (a thread); EOF means the client is gone."""
        for line in sys.stdin.buffer:
            if line.strip():
                try:
                    self.inbox.put(("cmd", events.decode(line)))
                except ValueError as exc:
                    self.writer.emit(events.WARNING, message=f"Ignored a bad command: {exc}")
        self.inbox.put((_STDIN_EOF,))

    def serve(self) -> None:
        """Run jobs until quit, or until the client is gone."""
        while not self._quit:
            item = self.inbox.get()
            if item[0] == _STDIN_EOF:
                return
            if item[0] != "cmd":
                continue
            command = item[1]
            name = command.get("cmd")
            if name == events.CMD_RUN:
                self._run(command.get("job") or {})
            elif name == events.CMD_QUIT:
                return

    # ------------------------------------------------------------------ one job

    def _run(self, raw_job: dict[str, Any]) -> None:
        try:
            job = normalize_job(raw_job)
        except KerasCanvasError as exc:
            self.writer.emit(events.ERROR, job_id=raw_job.get("job_id"), **error_fields(exc))
            return
        history: dict[str, list[Any]] = {}
        self.count = job["distribution"]["num_processes"] if job["distribution"] else self.count
        try:
            self._start(job)
            terminal = self._watch(job, history)
        except OSError as exc:  # a worker could not even start
            terminal = self._fault(job["job_id"], None, history, f"A worker cannot start: {exc}")
        finally:
            self._end_all()
        terminal["job_id"] = terminal.get("job_id") or job["job_id"]
        self._emit(terminal)

    def _emit(self, event: dict[str, Any]) -> None:
        fields = dict(event)
        kind = fields.pop("event")
        with contextlib.suppress(OSError):  # the client is gone: nobody to tell
            self.writer.emit(kind, **fields)

    def _start(self, job: dict[str, Any]) -> None:
        port = free_port()
        seed = job["seed"] if job["seed"] is not None else random.randrange(2**31)
        env = worker_env("jax", {PARENT_ENV: str(os.getpid())})
        self.processes = []
        for index in range(self.count):
            popen = subprocess.Popen(
                worker_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
            process = _Process(index, popen)
            self.processes.append(process)
            threading.Thread(target=self._read_events, args=(process,), daemon=True).start()
            threading.Thread(target=self._read_stderr, args=(process,), daemon=True).start()
            process.send({"cmd": events.CMD_RUN, "job": _job_for(job, index, port, seed)})

    def _watch(self, job: dict[str, Any], history: dict[str, list[Any]]) -> dict[str, Any]:
        """Forward process 0's events until the job ends; return the job's last event."""
        job_id = job["job_id"]
        peer_error: tuple[_Process, dict[str, Any], float] | None = None
        while True:
            try:
                item = self.inbox.get(timeout=0.5)
            except queue.Empty:
                item = None
            if peer_error is not None and time.monotonic() > peer_error[2]:
                process, event, _deadline = peer_error
                return self._fault(job_id, process, history, event.get("message"))
            if item is None:
                continue
            if item[0] == _STDIN_EOF:  # the client is gone: end everything now
                self._quit = True
                return self._fault(job_id, None, history, "The client closed the launcher.")
            if item[0] == "cmd":
                self._command(item[1])
                continue
            process = item[1]
            if process not in self.processes:
                continue  # the last words of an earlier job's worker
            if item[0] == "eof":
                if process.index == 0 and self.processes[0].terminal is not None:
                    continue
                if process.terminal is None or process.index == 0:
                    return self._fault(job_id, process, history)
                continue
            event = item[2]
            kind = event.get("event")
            if process.index == 0:
                if kind == events.READY:
                    continue
                if kind == events.EPOCH:
                    for name, value in (event.get("logs") or {}).items():
                        history.setdefault(name, []).append(value)
                if kind in events.TERMINAL_EVENTS:
                    return self._after_lead(job_id, event, history)
                if kind == events.STARTED:  # which processes train (a window may show them)
                    event = {**event, "pids": [p.popen.pid for p in self.processes]}
                self._emit(event)
            elif kind == events.ERROR and peer_error is None:
                peer_error = (process, event, time.monotonic() + PEER_ERROR_GRACE)

    def _after_lead(
        self, job_id: str, event: dict[str, Any], history: dict[str, list[Any]]
    ) -> dict[str, Any]:
        """Process 0 ended: wait for the others; a failure of theirs may be the cause."""
        self.processes[0].terminal = event
        failed = event["event"] == events.ERROR
        deadline = time.monotonic() + (PEER_ERROR_GRACE if failed else EXIT_SECONDS)
        for process in self.processes[1:]:
            left = max(deadline - time.monotonic(), 0.1)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.popen.wait(timeout=left)
            if failed and _died(process):
                return self._fault(job_id, process, history, detail=event.get("message"))
        return event

    def _command(self, command: dict[str, Any]) -> None:
        name = command.get("cmd")
        if name in (events.CMD_STOP, events.CMD_PAUSE, events.CMD_RESUME) and self.processes:
            self.processes[0].send(command)  # process 0 decides for every process
        elif name == events.CMD_QUIT:
            self._quit = True
        elif name == events.CMD_RUN:
            self.writer.emit(events.WARNING, message="A job is already running: ignored.")

    def _fault(
        self,
        job_id: str,
        process: _Process | None,
        history: dict[str, list[Any]],
        reason: str | None = None,
        detail: str | None = None,
    ) -> dict[str, Any]:
        """End the whole run; the event says which process failed, in one sentence."""
        self._kill_all()
        if process is None:
            message, tail = reason or "The run was ended.", ""
        else:
            tail = "\n".join(process.stderr)
            what = f"Process {process.index} of {self.count}"
            if reason:
                message = f"{what} failed, so the whole run was ended: {reason}"
            else:
                ended = "so the whole run was ended"
                message = f"{what} {process.exit_text()} during the run, {ended}."
        if detail:
            tail = f"{detail}\n{tail}"
        return {
            "event": events.ERROR,
            "job_id": job_id,
            "error_type": "WorkerError",
            "message": message,
            "traceback": tail,
            "user_error": True,
            "history": history,
            "process": None if process is None else process.index,
        }

    def _kill_all(self) -> None:
        for process in self.processes:
            if process.popen.poll() is None:
                with contextlib.suppress(OSError):
                    process.popen.kill()
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.popen.wait(timeout=10.0)

    def _end_all(self) -> None:
        """Ask the workers to quit; kill those still alive after a while."""
        for process in self.processes:
            process.send({"cmd": events.CMD_QUIT})
            with contextlib.suppress(OSError):
                process.popen.stdin.close()  # type: ignore[union-attr]
        deadline = time.monotonic() + 10.0
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.popen.wait(timeout=max(deadline - time.monotonic(), 0.1))
        self._kill_all()
        self.processes = []

    # ------------------------------------------------------------------ readers

    def _read_events(self, process: _Process) -> None:
        stream: IO[bytes] = process.popen.stdout  # type: ignore[assignment]
        for line in stream:
            try:
                event = events.decode(line)
            except ValueError:
                continue
            if event.get("event") in events.TERMINAL_EVENTS:
                process.terminal = event
            self.inbox.put(("event", process, event))
        process.popen.wait()
        self.inbox.put(("eof", process))

    def _read_stderr(self, process: _Process) -> None:
        stream: IO[bytes] = process.popen.stderr  # type: ignore[assignment]
        for line in stream:
            text = line.decode("utf-8", "replace").rstrip()
            process.stderr.append(text)
            with contextlib.suppress(OSError):  # the client keeps our stderr to explain a crash
                sys.stderr.write(f"[{process.index}] {text}\n")
                sys.stderr.flush()


def _job_for(job: dict[str, Any], index: int, port: int, seed: int) -> dict[str, Any]:
    """Process `index`'s copy of the job: its id, the coordinator, the shared seed."""
    mine = copy.deepcopy(job)
    mine["seed"] = seed  # every process must initialize the same weights
    mine["distribution"].update(
        process_id=index,
        coordinator=f"127.0.0.1:{port}",
        hosts=["this machine"] * job["distribution"]["num_processes"],
    )
    if index:
        mine["output_dir"] = None  # process 0 alone writes files
    return mine


def _died(process: _Process) -> bool:
    code = process.popen.poll()
    return code is not None and code != 0


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m " + LAUNCHER_MODULE)
    parser.add_argument("--processes", type=int, required=True)
    args = parser.parse_args(argv)
    writer = EventWriter(protect_stdout())
    group = ProcessGroup(writer, max(args.processes, 1))
    writer.emit(events.READY, backend="jax", processes=group.count, pid=os.getpid(), launcher=True)
    threading.Thread(target=group.read_commands, name="commands", daemon=True).start()
    try:
        group.serve()
    finally:
        group._kill_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
