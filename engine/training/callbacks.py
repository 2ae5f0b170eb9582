"""Keras callbacks of the worker: the event stream, stop requests, and the user's callbacks.

This module imports Keras at the top: only the worker process imports it, after choosing the
backend.
"""

from __future__ import annotations

import importlib.util
import math
import threading
import time
from pathlib import Path
from typing import Any

import keras

from engine.training import events
from engine.training.errors import JobError
from engine.training.events import EventWriter


class StreamCallback(keras.callbacks.Callback):
    """Streams batch and epoch events, at most `rate` batch events a second.

    `async_safe` lets Keras run the batch hooks on its callback thread pool, as it does when
    no callback is given, so streaming does not make each step wait for its logs.

    Args:
        writer: where events go.
        job_id: echoed in every event.
        stop: set by the worker when the client asks to stop.
        rate: the most batch events per second.
        running: cleared while the client holds the run paused.
        stop_on_nan: end the fit at once when the loss becomes NaN (a data-parallel run lets
            process 0 decide instead, for every process at the same batch).

    Attributes:
        history: the logs of every epoch that ended, by name (kept for a run that fails).
        nan_at: (epoch, batch) where the loss first became NaN or infinite, or None.
        position: (epoch, batch) of the training batch running, or the last one.
    """

    async_safe = True

    def __init__(
        self,
        writer: EventWriter,
        job_id: str,
        stop: threading.Event,
        rate: float,
        running: threading.Event | None = None,
        stop_on_nan: bool = True,
    ) -> None:
        super().__init__()
        self._stop_on_nan = stop_on_nan
        self.history: dict[str, list[Any]] = {}
        self.nan_at: tuple[int, int] | None = None
        self.position = (0, 0)  # (epoch, batch) of the training batch running or last run
        self.began = False  # whether a training batch began (a failure after is mid-run)
        self._writer = writer
        self._job_id = job_id
        self._stop = stop
        self._running = running
        self._interval = 1.0 / rate
        self._last = -float("inf")
        self._start = time.monotonic()
        self._epoch = 0
        self._phase = "train"
        self.while_paused: Any = None  # called now and then while the fit is held

    def _elapsed(self) -> float:
        return round(time.monotonic() - self._start, 3)

    def _batch(self, batch: int, logs: dict[str, Any] | None) -> None:
        now = time.monotonic()
        if now - self._last < self._interval:
            return
        self._last = now
        self._writer.emit(
            events.BATCH,
            job_id=self._job_id,
            phase=self._phase,
            epoch=self._epoch,
            batch=batch,
            steps=self.params.get("steps"),
            logs=logs or {},
            elapsed=self._elapsed(),
        )

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._start = time.monotonic()

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._epoch, self._phase = epoch, "train"

    def on_train_batch_begin(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        self.position, self.began = (self._epoch, batch), True
        if self._running is not None and not self._running.is_set():
            self._hold(batch)
        # fit() clears stop_training when it starts: a stop that came earlier is applied here
        if self._stop.is_set():
            self.model.stop_training = True

    def _hold(self, batch: int) -> None:
        """Wait, between two batches, until the client resumes (or stops) the run."""
        where = {"job_id": self._job_id, "epoch": self._epoch, "batch": batch}
        self._writer.emit(events.PAUSED, **where)
        while not self._running.wait(0.2):  # type: ignore[union-attr]
            if self.while_paused is not None:
                self.while_paused()
        self._writer.emit(events.RESUMED, **where)

    def on_test_batch_begin(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        if self._stop.is_set():
            self.model.stop_evaluating = True

    def on_predict_batch_begin(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        if self._stop.is_set():
            self.model.stop_predicting = True

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        self._check_loss(batch, logs)
        self._batch(batch, logs)

    def _check_loss(self, batch: int, logs: dict[str, Any] | None) -> None:
        loss = (logs or {}).get("loss")
        if self.nan_at is not None or loss is None:
            return
        try:
            finite = math.isfinite(float(loss))
        except (TypeError, ValueError):
            return
        if not finite:
            self.nan_at = (self._epoch, batch)
            if self._stop_on_nan:
                self.model.stop_training = True

    def on_test_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._phase = "validate" if self._phase == "train" else self._phase

    def on_test_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        self._batch(batch, logs)

    def on_predict_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        self._batch(batch, None)

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        logs = dict(logs or {})
        for name, value in logs.items():
            self.history.setdefault(name, []).append(value)
        self._writer.emit(
            events.EPOCH,
            job_id=self._job_id,
            epoch=epoch,
            epochs=self.params.get("epochs"),
            logs=logs,
            stopped=bool(self._stop.is_set()),
            elapsed=self._elapsed(),
        )


class ResetStatesCallback(keras.callbacks.Callback):
    """Resets stateful RNNs at each epoch, so an epoch does not continue the last one's
    sequences."""

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        for layer in self.model.layers:
            if getattr(layer, "stateful", False) and hasattr(layer, "reset_states"):
                layer.reset_states()


def user_callbacks(specs: list[dict[str, Any]], output_dir: Path) -> list[keras.callbacks.Callback]:
    """Instantiate the job's callbacks; file paths default into (or are relative to) the run's
    folder.

    Raises:
        JobError: TensorBoard is asked for but not installed.
        TypeError, ValueError: Keras refuses a setting (the worker reports it as a JobError).
    """
    built = []
    for spec in specs:
        name, config = spec["class_name"], dict(spec["config"])
        if name == "ModelCheckpoint":
            config.setdefault("filepath", "checkpoint.weights.h5")
            config["filepath"] = str(output_dir / config["filepath"])
            if str(config["filepath"]).endswith(".weights.h5"):
                config["save_weights_only"] = True
        elif name == "CSVLogger":
            config["filename"] = str(output_dir / config.get("filename", "training_log.csv"))
        elif name == "TensorBoard":
            if importlib.util.find_spec("tensorboard") is None:
                raise JobError(
                    "The TensorBoard callback needs the `tensorboard` package, which is not "
                    "installed. Received: TensorBoard in fit.callbacks"
                )
            config["log_dir"] = str(output_dir / config.get("log_dir", "tensorboard"))
        built.append(getattr(keras.callbacks, name)(**config))
    return built
