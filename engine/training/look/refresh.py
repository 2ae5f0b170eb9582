"""Show the chosen sample again while a fit trains, so that a learner watches features form.

The callback looks once before the first batch (the untrained or loaded weights), then at
every epoch's end or every N batches. The client may choose another sample during the fit (a
`look` command): the stdin thread drops it into a `SampleMailbox`, and the callback takes it
between two batches, or at once while the fit is paused.

Imports Keras: worker-only.
"""

from __future__ import annotations

import threading
from typing import Any

import keras

from engine.errors import KerasCanvasError
from engine.training.events import EventWriter
from engine.training.look.activations import ACTIVATIONS_EVENT, Looker
from engine.training.look.sample import Sample
from engine.training.look_spec import normalize_sample

_EMPTY = object()


class SampleMailbox:
    """One pending sample request, from the stdin thread to the training thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Any = _EMPTY

    def put(self, sample: Any) -> None:
        with self._lock:
            self._pending = sample

    def take(self) -> Any:
        """The latest request (the earlier ones are stale), or `_EMPTY`."""
        with self._lock:
            pending, self._pending = self._pending, _EMPTY
        return pending

    @staticmethod
    def is_empty(value: Any) -> bool:
        return value is _EMPTY


class RefreshCallback(keras.callbacks.Callback):
    """Writes the sample's activations before training, then every epoch or `every` batches.

    Args:
        looker: shows samples through the model's probe.
        sample: the first sample.
        load: turns a sample spec from the client into a Sample (raises on bad input).
        writer: where events go.
        job_id: echoed in every event.
        every: "epoch" or a number of batches.
        mailbox: sample requests from the client.
        initial_epoch: the fit's first epoch (the first look is counted in it).
    """

    def __init__(
        self,
        looker: Looker,
        sample: Sample | None,
        load: Any,
        writer: EventWriter,
        job_id: str,
        every: Any,
        mailbox: SampleMailbox,
        initial_epoch: int = 0,
    ) -> None:
        super().__init__()
        self._looker = looker
        self._sample = sample
        self._load = load
        self._writer = writer
        self._job_id = job_id
        self._every = every
        self._mailbox = mailbox
        self._epoch = initial_epoch

    def look(self, batch: int | None, phase: str) -> None:
        if self._sample is None:
            return
        fields = self._looker.look(self._sample)
        self._writer.emit(
            ACTIVATIONS_EVENT,
            job_id=self._job_id,
            epoch=self._epoch,
            batch=batch,
            phase=phase,
            **fields,
        )

    def check_mailbox(self) -> None:
        """Take a new sample if the client asked for one, and show it now."""
        request = self._mailbox.take()
        if SampleMailbox.is_empty(request):
            return
        try:
            self._sample = self._load(normalize_sample(request)) if request is not None else None
        except KerasCanvasError as exc:  # a bad sample must not end the fit
            self._writer.emit("warning", job_id=self._job_id, message=str(exc), look=True)
            return
        self.look(None, "request")

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self.look(None, "start")

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._epoch = epoch

    # between two batches, in the begin hook: a synchronous batch-end hook would make every
    # step wait for the last one's logs (see health.py)
    def on_train_batch_begin(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        self.check_mailbox()
        if isinstance(self._every, int) and batch and batch % self._every == 0:
            self.look(batch - 1, "batch")

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if self._every == "epoch":
            self.look(None, "epoch")
