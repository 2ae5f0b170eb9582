"""The training worker as a Qt object: a QProcess that speaks the JSON-lines protocol.

The worker (`engine.training.worker`) writes one JSON event per line on stdout. Reading it
through a QProcess keeps everything on the GUI thread without blocking it: Qt tells us when
bytes arrive, we split them into lines and emit one signal per event. Batch events are
throttled by the worker, so this never floods the event loop.

A job for several local processes runs the local launcher instead (same protocol); a cluster
run is followed (`follow`): its lines come from a file or a port (app.training.remote). A job
that sends nothing for its `hang_timeout` (paused time not counted) is hung: the worker is killed
and the job ends with an error event.
"""

from __future__ import annotations

import collections
import logging
import os
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from app.training.remote import RemoteEvents
from engine.training import events
from engine.training.backends import require_backend
from engine.training.client import hung_event, processes_for, worker_command, worker_env
from engine.training.errors import JobError
from engine.training.exits import exit_text
from engine.training.job import normalize_job

logger = logging.getLogger(__name__)

STDERR_LINES = 200
# the worker runs a little below the GUI's priority: on a machine whose cores training fills,
# the window (and its curves) still gets the CPU at once; idle cores still go to training
WORKER_NICE = 5


class TrainingProcess(QObject):
    """Owns one worker process; sends it jobs and turns its events into signals.

    Signals:
        ready(dict), started(dict), batch(dict), epoch(dict), log(dict), warning(dict),
        paused(dict), resumed(dict), activations(dict), health(dict): the worker's events,
            as sent (the last two: a sample's activations, training health; see look_spec).
        error(dict): the job failed (the event has `message`, `error_type`, `user_error`).
        finished(dict): the job ended (`history`, `files`, `result`, `stopped`).
        crashed(str): the worker died while a job ran (a kill, a crash); the text explains.
        busy_changed(bool): a job started or ended.
    """

    ready = Signal(dict)
    started = Signal(dict)
    batch = Signal(dict)
    epoch = Signal(dict)
    log = Signal(dict)
    warning = Signal(dict)
    paused = Signal(dict)
    resumed = Signal(dict)
    activations = Signal(dict)
    health = Signal(dict)
    error = Signal(dict)
    finished = Signal(dict)
    crashed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: QProcess | None = None
        self._buffer = b""
        self._stderr: collections.deque[str] = collections.deque(maxlen=STDERR_LINES)
        self._killed = False
        self.backend: str | None = None
        self.processes = 1  # worker processes behind the pipe (>1: the local launcher)
        self.job: dict[str, Any] | None = None  # the job in flight
        self.remote: RemoteEvents | None = None  # the followed cluster run, if any
        self._history: dict[str, list[Any]] = {}  # epochs of the job in flight
        self._watchdog = QTimer(self, singleShot=True)
        self._watchdog.timeout.connect(self._on_hung)
        self._signals = {
            events.READY: self.ready,
            events.STARTED: self.started,
            events.BATCH: self.batch,
            events.EPOCH: self.epoch,
            events.LOG: self.log,
            events.WARNING: self.warning,
            events.PAUSED: self.paused,
            events.RESUMED: self.resumed,
            events.ACTIVATIONS: self.activations,
            events.HEALTH: self.health,
        }

    @property
    def busy(self) -> bool:
        """Whether a job is in flight."""
        return self.job is not None

    @property
    def history(self) -> dict[str, list[Any]]:
        """The epochs of the current (or last) job, as they were reported."""
        return self._history

    @property
    def running(self) -> bool:
        """Whether a worker process is alive."""
        return self._process is not None and self._process.state() != QProcess.NotRunning

    def submit(self, job: dict[str, Any]) -> dict[str, Any]:
        """Check `job`, start a worker for its backend if needed, and send the job.

        Returns:
            The normalized job.

        Raises:
            JobError: the job is invalid, its backend is not installed, or a job already runs.
        """
        if self.busy:
            raise JobError(self.tr("A job is already running. Received: a second job"))
        job = normalize_job(job)
        processes, fresh = processes_for(job)
        self._ensure_worker(job["backend"], processes, fresh)
        self._begin(job)
        self._send({"cmd": events.CMD_RUN, "job": job})
        return job

    def follow(self, job: dict[str, Any], source: RemoteEvents) -> None:
        """Show a cluster run's events as they come from `source` (a file or a port).

        Raises:
            JobError: a job already runs.
        """
        if self.busy:
            raise JobError("A job is already running. Received: a second job")
        self.remote = source
        source.line.connect(self._dispatch)
        self._begin(normalize_job(job))

    def _begin(self, job: dict[str, Any]) -> None:
        self.job, self._history = job, {}
        self._arm_watchdog()
        self.busy_changed.emit(True)

    def warm_up(self, backend: str) -> None:
        """Start a worker now, so that it has imported Keras when the first job comes."""
        try:
            self._ensure_worker(backend)
        except JobError as exc:  # reported again, to the user, when a job is submitted
            logger.info("no warm worker: %s", exc)

    def stop(self) -> None:
        """Ask the job to end after its current batch (the weights so far are saved)."""
        self._send({"cmd": events.CMD_STOP})

    def pause(self) -> None:
        self._send({"cmd": events.CMD_PAUSE})

    def resume(self) -> None:
        self._send({"cmd": events.CMD_RESUME})

    def look(self, sample: dict[str, Any] | None) -> None:
        """Show another sample during the running fit (engine.training.look_spec)."""
        self._send({"cmd": events.CMD_LOOK, "sample": sample})

    def kill(self) -> None:
        """End the worker at once; the job in flight is lost, `crashed` reports it. A followed
        cluster run is asked to stop, and no longer followed."""
        if self.remote is not None:
            self.remote.send({"cmd": events.CMD_STOP})
            self._end_remote()
            self._end_job()
            self.crashed.emit(
                self.tr(
                    "The window stopped following the cluster run and asked it to stop (a STOP "
                    "file, or over the connection); processes that do not hear it end with their "
                    "run, or with scancel."
                )
            )
            return
        if self.running:
            self._killed = True
            self._process.kill()  # type: ignore[union-attr]

    def close(self, timeout_ms: int = 3000) -> None:
        """Ask the worker to quit; kill it if it does not within `timeout_ms`."""
        process = self._process
        if process is None:
            return
        self.job = None
        self._drop(process)  # first: an exit we asked for is no crash
        if process.state() != QProcess.NotRunning:
            process.write(events.encode({"cmd": events.CMD_STOP}))
            process.write(events.encode({"cmd": events.CMD_QUIT}))
            process.closeWriteChannel()
            if not process.waitForFinished(timeout_ms):
                process.kill()
                process.waitForFinished(timeout_ms)

    def stderr_tail(self) -> str:
        """The worker's last lines of stderr (a crash's traceback, TensorFlow's messages)."""
        return "\n".join(self._stderr)

    # ------------------------------------------------------------------ the process

    def _ensure_worker(self, backend: str, processes: int = 1, fresh: bool = False) -> None:
        same = self.backend == backend and self.processes == processes
        if self.running and same and not fresh:
            return
        require_backend(backend)
        self.close()
        process = QProcess(self)
        environment = QProcessEnvironment()
        for key, value in worker_env(backend).items():
            environment.insert(key, value)
        process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(self._on_stdout)
        process.readyReadStandardError.connect(self._on_stderr)
        process.finished.connect(self._on_exit)
        command = worker_command(processes=processes)
        self._buffer, self._killed = b"", False
        self._stderr.clear()
        self._process, self.backend, self.processes = process, backend, processes
        process.start(command[0], command[1:])
        # fork + exec takes milliseconds; Keras's import happens later, in the worker
        if not process.waitForStarted(10000):
            self._drop(process)
            raise JobError(
                self.tr("The training worker could not start. Received: {0}").format(command)
            )
        _lower_priority(process.processId())

    def _drop(self, process: QProcess) -> None:
        process.finished.disconnect(self._on_exit)
        process.deleteLater()
        if self._process is process:
            self._process = None

    def _send(self, command: dict[str, Any]) -> None:
        if self.remote is not None:
            self.remote.send(command)
        elif self.running:
            self._process.write(events.encode(command))  # type: ignore[union-attr]

    def _on_stdout(self) -> None:
        process = self.sender()
        if process is not self._process:
            return
        self._buffer += bytes(process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            if line.strip():
                self._dispatch(line)

    def _dispatch(self, line: bytes) -> None:
        try:
            event = events.decode(line)
        except ValueError:
            logger.debug("worker stdout: %r", line)
            return
        kind = event.get("event")
        if self.job is not None:
            self._note(event)
        if kind in events.TERMINAL_EVENTS:
            if self.job is None:
                return  # a followed run's late words, or a job already ended as hung
            if kind == events.ERROR:
                event.setdefault("history", self._history)
            self._end_remote()
            self._end_job()
            (self.finished if kind == events.FINISHED else self.error).emit(event)
        elif kind in self._signals:
            self._signals[kind].emit(event)

    def _note(self, event: dict[str, Any]) -> None:
        """Keep the epochs (a failed run keeps its curves) and rearm the hang watchdog."""
        kind = event.get("event")
        if kind == events.EPOCH:
            for name, value in (event.get("logs") or {}).items():
                self._history.setdefault(name, []).append(value)
        if kind == events.PAUSED:
            self._watchdog.stop()  # a paused run is not hung
        else:
            self._arm_watchdog()

    def _arm_watchdog(self) -> None:
        seconds = (self.job or {}).get("hang_timeout") or 0
        if seconds:
            self._watchdog.start(int(seconds * 1000))
        else:
            self._watchdog.stop()

    def _on_hung(self) -> None:
        job = self.job
        if job is None:
            return
        event = hung_event(job, job["hang_timeout"], self._history)
        self._end_job()
        if self.remote is not None:
            self._end_remote()
            event["message"] = self.tr(
                "Process 0 of the cluster run sent nothing for {0:g} s, so the window stopped "
                "following it."
            ).format(job["hang_timeout"])
        elif self.running:
            self._process.kill()  # type: ignore[union-attr]  # its exit is no longer a crash
        self.error.emit(event)

    def _end_job(self) -> None:
        self._watchdog.stop()
        self.job = None
        self.busy_changed.emit(False)

    def _end_remote(self) -> None:
        if self.remote is not None:
            self.remote.line.disconnect(self._dispatch)
            self.remote.close()
            self.remote.deleteLater()
            self.remote = None

    def _on_stderr(self) -> None:
        process = self.sender()
        if process is not self._process:
            return
        text = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        self._stderr.extend(line for line in text.splitlines() if line.strip())

    def _on_exit(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self.sender()
        if process is not self._process:
            return
        self._on_stdout()  # the last events may still be buffered
        was_busy = self.busy and self.remote is None
        self._drop(process)
        if not was_busy:
            return
        self._end_job()
        if self._killed:
            message = self.tr(
                "The training worker was stopped with Kill; the run in flight is lost."
            )
        else:
            # QProcess gives a signal's number as the code of a crash exit (the text is the
            # engine's English, translated where the panel shows it)
            signal_code = -code if status == QProcess.CrashExit else code
            message = f"The training worker {exit_text(signal_code, self.stderr_tail())}."
        self.crashed.emit(message)


def _lower_priority(pid: int) -> None:
    """Nice the worker (before it starts TensorFlow's threads, which inherit it)."""
    if not hasattr(os, "setpriority"):  # Windows: keep the default
        return
    try:
        os.setpriority(os.PRIO_PROCESS, pid, WORKER_NICE)
    except OSError:
        logger.debug("could not lower the worker's priority", exc_info=True)
