"""Typed errors of the training engine.

`JobError` is a job that cannot run as written (an unknown optimizer, a negative epoch count, a
backend that is not installed); `DataError` is data that does not fit the model (a wrong shape, a
missing array, NaN). Both are user errors: the worker reports them without a traceback. A
`WorkerError` is the worker process itself failing (killed, crashed, unreachable).
"""

from __future__ import annotations

from engine.errors import KerasCanvasError


class JobError(KerasCanvasError):
    """The job's settings are invalid."""


class DataError(KerasCanvasError):
    """The data cannot be read or does not fit the model's inputs and outputs."""


class WorkerError(KerasCanvasError):
    """The worker process died, was killed or stopped answering."""


# error_type names the worker puts in its `error` events; the client raises the matching class
ERROR_TYPES: dict[str, type[KerasCanvasError]] = {
    "JobError": JobError,
    "DataError": DataError,
    "WorkerError": WorkerError,
}
