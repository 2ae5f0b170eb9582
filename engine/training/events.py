"""The worker's wire protocol: one JSON object per line.

Worker -> client, on the worker's stdout (nothing else is ever written there)::

    {"event": "ready", "backend": "tensorflow", "keras_version": "3.15.1", "pid": 123}
    {"event": "started", "job_id": "...", "kind": "fit", "epochs": 5, "steps": 8, ...}
    {"event": "batch", "job_id": "...", "epoch": 0, "batch": 3, "steps": 8, "logs": {...}}
    {"event": "epoch", "job_id": "...", "epoch": 0, "epochs": 5, "logs": {...}}
    {"event": "paused", "job_id": "...", "epoch": 0, "batch": 4}    (and "resumed")
    {"event": "activations", "job_id": "...", "epoch": 0, "path": "activations.npz", ...}
    {"event": "health", "job_id": "...", "epoch": 0, "batch": 40, "layers": {...}, ...}
    {"event": "log", "level": "INFO", "message": "..."}
    {"event": "warning", "message": "..."}
    {"event": "error", "job_id": "...", "error_type": "DataError", "message": "...",
     "traceback": "...", "user_error": true}
    {"event": "finished", "job_id": "...", "kind": "fit", "history": {...}, "files": {...},
     "stopped": false, "result": ...}

Client -> worker, on the worker's stdin::

    {"cmd": "run", "job": {...}}     run a job (one at a time; see engine.training.job)
    {"cmd": "stop"}                  end the current job cleanly after the current batch
    {"cmd": "pause"} / {"cmd": "resume"}   hold training before its next batch / go on
    {"cmd": "look", "sample": {...}}  show another sample during the running fit (look_spec.py)
    {"cmd": "quit"}                  exit once the current job is over (EOF on stdin does the same)

Every job ends with exactly one `finished` or `error` event. Non-finite floats (a NaN loss) are
written as `null`, since strict JSON parsers (Qt's among them) refuse `NaN`.
"""

from __future__ import annotations

import json
import math
import os
import threading
from typing import Any

READY = "ready"
STARTED = "started"
BATCH = "batch"
EPOCH = "epoch"
LOG = "log"
WARNING = "warning"
ERROR = "error"
FINISHED = "finished"
PAUSED = "paused"
RESUMED = "resumed"
ACTIVATIONS = "activations"  # a sample's activations were written (engine.training.look)
HEALTH = "health"  # per-layer training statistics (engine.training.look.health)

EVENT_TYPES = (
    READY, STARTED, BATCH, EPOCH, LOG, WARNING, ERROR, FINISHED, PAUSED, RESUMED, ACTIVATIONS,
    HEALTH,
)  # fmt: skip
# a job's stream ends with one of these
TERMINAL_EVENTS = (ERROR, FINISHED)

CMD_RUN = "run"
CMD_STOP = "stop"
CMD_PAUSE = "pause"
CMD_RESUME = "resume"
CMD_LOOK = "look"
CMD_QUIT = "quit"


def sanitize(value: Any) -> Any:
    """Turn `value` into plain JSON: numpy scalars and arrays to Python, NaN/inf to None.

    Args:
        value: a dict, list, number, string, numpy value or anything with `tolist()`.

    Returns:
        A structure `json.dumps(..., allow_nan=False)` accepts.
    """
    if isinstance(value, dict):
        return {str(k): sanitize(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [sanitize(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "tolist"):  # numpy scalars and arrays, without importing numpy here
        return sanitize(value.tolist())
    if hasattr(value, "__float__"):  # backend scalars (tf.Tensor of rank 0, ...)
        return sanitize(float(value))
    return str(value)


def encode(message: dict[str, Any]) -> bytes:
    """One protocol line (UTF-8, newline-terminated) for `message`."""
    return (json.dumps(sanitize(message), allow_nan=False) + "\n").encode("utf-8")


def decode(line: bytes | str) -> dict[str, Any]:
    """Parse one protocol line.

    Raises:
        ValueError: the line is not a JSON object.
    """
    message = json.loads(line)
    if not isinstance(message, dict):
        raise ValueError(f"Expected a JSON object per line. Received: {line!r}")
    return message


class EventWriter:
    """Writes events to a file descriptor, one whole line at a time, from any thread.

    Args:
        fd: the descriptor the client reads (the worker's original stdout).
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._lock = threading.Lock()

    def emit(self, event: str, **fields: Any) -> None:
        """Write `{"event": event, **fields}` as one line."""
        data = encode({"event": event, **fields})
        with self._lock:
            view = memoryview(data)
            while view:  # os.write may write less than asked on a full pipe
                written = os.write(self._fd, view)
                view = view[written:]
