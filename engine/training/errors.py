"""Typed errors of the training engine.

`JobError` is a job that cannot run as written (an unknown optimizer, a negative epoch count, a
backend that is not installed); `DataError` is data that does not fit the model (a wrong shape, a
missing array, NaN). Both are user errors: the worker reports them without a traceback. A
`RunError` is a run that started and could not finish (the loss became NaN, memory ran out, the
data failed mid-run, a process of a data-parallel run was lost): its event keeps the history of
the epochs done, so the window can keep the run as failed. A `WorkerError` is the worker process
itself failing (killed, crashed, hung, unreachable).
"""

from __future__ import annotations

from typing import Any

from engine.errors import KerasCanvasError


class JobError(KerasCanvasError):
    """The job's settings are invalid."""


class DataError(KerasCanvasError):
    """The data cannot be read or does not fit the model's inputs and outputs."""


class RunError(KerasCanvasError):
    """The run started but could not finish; `fields` go into its `error` event.

    Args:
        message: one plain sentence (what happened and what to do).
        **fields: extra event fields (`history`, `epoch`, `batch`, ...).
    """

    def __init__(self, message: str, **fields: Any) -> None:
        super().__init__(message)
        self.fields = fields


class WorkerError(KerasCanvasError):
    """The worker process died, was killed or stopped answering."""


# error_type names the worker puts in its `error` events; the client raises the matching class
ERROR_TYPES: dict[str, type[KerasCanvasError]] = {
    "JobError": JobError,
    "DataError": DataError,
    "RunError": RunError,
    "WorkerError": WorkerError,
}
