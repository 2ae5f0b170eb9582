"""The training worker process: `python -m engine.training.worker`.

It reads commands from stdin and writes events to stdout, one JSON object per line (see
engine.training.events). Keras's backend comes from `KERAS_BACKEND` in its environment. Jobs run
one after the other on the main thread; a reader thread handles `stop`, `pause` and `resume`
while a job runs. Closing stdin stops the current job and ends the worker, so an orphaned worker
does not train on.

Whatever else writes to stdout (Keras's progress bar with verbose=1, print calls in TensorFlow)
is sent to stderr: the event stream stays parseable.

A worker that took part in a data-parallel run of several processes exits after it: JAX's
distributed runtime cannot be joined twice in one process. A worker whose client is gone (stdin
closed) that has not ended its job after ORPHAN_SECONDS exits anyway, so that a process stuck in a
collective never outlives its run; started by the local launcher (KCANVAS_PARENT_PID), it also
dies with the launcher.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import queue
import signal
import sys
import threading
import traceback
import warnings
from typing import Any

from engine.errors import KerasCanvasError
from engine.training import events
from engine.training.events import EventWriter

logger = logging.getLogger(__name__)

ORPHAN_SECONDS = 30.0
PARENT_ENV = "KCANVAS_PARENT_PID"
_PR_SET_PDEATHSIG = 1


class _EventLogHandler(logging.Handler):
    """Forwards warnings and errors logged by Keras and TensorFlow as `log` events."""

    def __init__(self, writer: EventWriter) -> None:
        super().__init__(level=logging.WARNING)
        self._writer = writer

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(OSError):  # the client is gone; nothing left to tell
            self._writer.emit(events.LOG, level=record.levelname, message=self.format(record))


def protect_stdout() -> int:
    """Keep the real stdout for events and point file descriptor 1 at stderr.

    Returns:
        A descriptor of the original stdout.
    """
    sys.stdout.flush()
    events_fd = os.dup(1)
    os.dup2(2, 1)
    return events_fd


def _route_diagnostics(writer: EventWriter) -> None:
    def show_warning(message: Any, category: type, *_args: Any, **_kwargs: Any) -> None:
        writer.emit(events.WARNING, message=f"{category.__name__}: {message}")

    warnings.showwarning = show_warning
    logging.getLogger().addHandler(_EventLogHandler(writer))


class _Commands:
    """Reads stdin on a thread: queues runs, applies stops at once."""

    def __init__(self, runner: Any) -> None:
        self.runs: queue.Queue[tuple[dict[str, Any], threading.Event] | None] = queue.Queue()
        self._runner = runner
        self._stops: list[threading.Event] = []
        self._lock = threading.Lock()

    def read_forever(self) -> None:
        for line in sys.stdin.buffer:
            if line.strip():
                self._handle(line)
        self._stop_all()  # stdin closed: the client is gone
        self.runs.put(None)
        # a job stuck where no stop reaches it (a collective whose peer died) must not live on
        orphan = threading.Timer(ORPHAN_SECONDS, os._exit, args=(3,))
        orphan.daemon = True  # a worker that ends its job normally does not wait for it
        orphan.start()

    def _handle(self, line: bytes) -> None:
        try:
            command = events.decode(line)
        except ValueError as exc:
            self._runner.writer.emit(events.WARNING, message=f"Ignored a bad command: {exc}")
            return
        name = command.get("cmd")
        if name == events.CMD_RUN:
            stop = threading.Event()
            with self._lock:
                self._stops.append(stop)
            self.runs.put((command.get("job") or {}, stop))
        elif name == events.CMD_STOP:
            self._stop_all()
        elif name == events.CMD_PAUSE:
            self._runner.pause()
        elif name == events.CMD_RESUME:
            self._runner.resume()
        elif name == events.CMD_LOOK:  # another sample to show during the running fit
            self._runner.look_mailbox.put(command.get("sample"))
        elif name == events.CMD_QUIT:
            self.runs.put(None)
        else:
            self._runner.writer.emit(events.WARNING, message=f"Unknown command. Received: {name!r}")

    def _stop_all(self) -> None:
        with self._lock:
            for stop in self._stops:
                stop.set()
        self._runner.request_stop()

    def done(self, stop: threading.Event) -> None:
        with self._lock:
            self._stops.remove(stop)


def error_fields(exc: BaseException) -> dict[str, Any]:
    """The `error` event's fields for an exception; user errors carry no traceback."""
    user_error = isinstance(exc, KerasCanvasError)
    # a run that failed on an unexpected exception keeps its traceback for the curious
    unexpected = not user_error or (
        exc.__cause__ is not None and not isinstance(exc.__cause__, KerasCanvasError)
    )
    return {
        "error_type": type(exc).__name__,
        "message": str(exc) if user_error else f"{type(exc).__name__}: {exc}",
        "traceback": traceback.format_exc() if unexpected else "",
        "user_error": user_error,
        **getattr(exc, "fields", {}),
    }


def serve(writer: EventWriter) -> None:
    """Import Keras, announce readiness, then run jobs until stdin says quit or closes."""
    import keras

    from engine.training.runner import JobRunner

    runner = JobRunner(writer)
    commands = _Commands(runner)
    threading.Thread(target=commands.read_forever, name="commands", daemon=True).start()
    writer.emit(
        events.READY,
        backend=keras.backend.backend(),
        keras_version=keras.__version__,
        pid=os.getpid(),
    )
    while (item := commands.runs.get()) is not None:
        job, stop = item
        try:
            runner.run(job, stop)
        except Exception as exc:  # every failure of a job becomes its error event
            logger.debug("job failed", exc_info=True)
            writer.emit(events.ERROR, job_id=job.get("job_id"), **error_fields(exc))
        finally:
            commands.done(stop)
        if runner.parallel is not None and runner.parallel.multi_process:
            runner.parallel.shutdown()  # one run of several processes per worker
            return


def die_with_parent() -> None:
    """Ask Linux to kill this process when the launcher that started it dies."""
    parent = os.environ.get(PARENT_ENV)
    if not parent or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if str(os.getppid()) != parent:  # the launcher died before the request took effect
        os._exit(3)


def main() -> int:
    """The process entry point."""
    die_with_parent()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    writer = EventWriter(protect_stdout())
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    logging.getLogger("absl").setLevel(logging.ERROR)
    _route_diagnostics(writer)
    try:
        serve(writer)
    except Exception as exc:  # Keras itself failed to import: say so, then exit non-zero
        writer.emit(events.ERROR, job_id=None, **error_fields(exc))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
