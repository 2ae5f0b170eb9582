"""Run one job inside the worker: fit, evaluate, predict or one `*_on_batch` step.

The job is prepared first (engine.training.prepare: everything that can fail before training
fails there, before the `started` event); the run streams its events and saves its files.
Imports Keras at the top: only the worker imports this module, once the backend is chosen.
"""

from __future__ import annotations

import math
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import keras
import numpy as np

from engine.training import events
from engine.training.callbacks import ResetStatesCallback, StreamCallback, user_callbacks
from engine.training.dataset import Dataset
from engine.training.errors import JobError
from engine.training.events import EventWriter
from engine.training.job import normalize_job
from engine.training.look.activations import run_activations
from engine.training.look.fit import look_callbacks
from engine.training.look.refresh import SampleMailbox
from engine.training.prepare import Prepared, prepare
from engine.training.signature import ModelSignature

PREVIEW_ROWS = 5


class JobRunner:
    """Runs jobs one after the other and lets another thread stop the current one.

    Args:
        writer: where events go.
    """

    def __init__(self, writer: EventWriter) -> None:
        self.writer = writer
        self.stop_event = threading.Event()  # replaced by each run's own
        self.running = threading.Event()  # cleared while paused
        self.running.set()
        self._model: Any = None
        self.look_mailbox = SampleMailbox()  # samples the client picks during a fit

    def pause(self) -> None:
        """Hold training before its next batch (called from the stdin thread)."""
        self.running.clear()

    def resume(self) -> None:
        self.running.set()

    def request_stop(self) -> None:
        """End the current job after its current batch (called from the stdin thread)."""
        self.running.set()  # a paused run must wake up to stop
        model = self._model
        if model is not None:
            model.stop_training = True
            model.stop_evaluating = True
            model.stop_predicting = True

    def run(self, raw_job: dict[str, Any], stop: threading.Event) -> None:
        """Run a job to its `finished` event; errors propagate to the worker's loop.

        Args:
            raw_job: the job as the client sent it.
            stop: set when the client asks this job to stop.
        """
        self.stop_event = stop
        self.running.set()
        start = time.monotonic()
        job = normalize_job(raw_job)
        if job["backend"] != keras.backend.backend():
            raise JobError(
                f"This worker runs the {keras.backend.backend()} backend; start another worker "
                f"with KERAS_BACKEND={job['backend']}. Received: backend={job['backend']!r}"
            )
        keras.backend.clear_session()
        if job["seed"] is not None:
            keras.utils.set_random_seed(job["seed"])
        output_dir = _output_dir(job)
        try:
            prepared = prepare(job)
            self._model = prepared.model
            result = _KINDS[job["kind"]](self, job, prepared, output_dir)
        finally:
            self._model = None
        files = _save(job, prepared.model, output_dir, result.pop("_files", {}))
        self.writer.emit(
            events.FINISHED,
            job_id=job["job_id"],
            kind=job["kind"],
            stopped=self.stop_event.is_set(),
            files=files,
            output_dir=str(output_dir),
            elapsed=round(time.monotonic() - start, 3),
            **result,
        )

    def _started(self, job: dict[str, Any], prepared: Prepared, **fields: Any) -> None:
        self.writer.emit(
            events.STARTED,
            job_id=job["job_id"],
            kind=job["kind"],
            backend=keras.backend.backend(),
            keras_version=keras.__version__,
            data=prepared.train.description,
            samples=prepared.train.num_samples,
            inputs={s.name: list(s.shape) for s in prepared.signature.inputs},
            outputs={s.name: list(s.shape) for s in prepared.signature.outputs},
            **fields,
        )


def _run_fit(runner: JobRunner, job: dict[str, Any], p: Prepared, output_dir: Path) -> dict:
    fit = job["fit"]
    stream = StreamCallback(
        runner.writer,
        job["job_id"],
        runner.stop_event,
        job["batch_events_per_second"],
        running=runner.running,
    )
    callbacks: list[Any] = [stream, *look_callbacks(runner, job, p, output_dir, stream)]
    if p.signature.fixed_batch_size:
        callbacks.append(ResetStatesCallback())
    try:
        callbacks += user_callbacks(fit["callbacks"], output_dir)
    except (TypeError, ValueError) as exc:
        raise JobError(f"Keras refuses a callback setting. Received: {exc}") from exc
    files = _callback_files(callbacks)
    if job["save"]["csv"] and "csv" not in files:
        csv_path = output_dir / "training_log.csv"
        callbacks.append(keras.callbacks.CSVLogger(str(csv_path), append=fit["initial_epoch"] > 0))
        files["csv"] = str(csv_path)
    validation = None
    if p.validation is not None:
        validation = (p.inputs(p.validation), p.targets(p.validation))
    train_samples = math.ceil(p.train.num_samples * (1.0 - p.validation_split))
    runner._started(
        job,
        p,
        epochs=fit["epochs"],
        initial_epoch=fit["initial_epoch"],
        batch_size=p.batch_size,
        shuffle=p.shuffle,
        steps=math.ceil(train_samples / p.batch_size),
        validation_samples=(
            p.validation.num_samples if p.validation else p.train.num_samples - train_samples
        ),
    )
    start = time.monotonic()
    history = p.model.fit(
        p.inputs(p.train),
        p.targets(p.train),
        batch_size=p.batch_size,
        epochs=fit["epochs"],
        verbose=fit["verbose"],
        callbacks=callbacks,
        validation_split=p.validation_split,
        validation_data=validation,
        shuffle=p.shuffle,
        class_weight=fit["class_weight"],
        sample_weight=p.weights(p.train),
        initial_epoch=fit["initial_epoch"],
    )
    return {
        "history": history.history,
        "fit_seconds": round(time.monotonic() - start, 3),
        "_files": files,
    }


def _callback_files(callbacks: list[Any]) -> dict[str, str]:
    files = {}
    for callback in callbacks:
        if isinstance(callback, keras.callbacks.CSVLogger):
            files["csv"] = callback.filename
        elif isinstance(callback, keras.callbacks.ModelCheckpoint):
            files["checkpoint"] = callback.filepath
        elif isinstance(callback, keras.callbacks.TensorBoard):
            files["tensorboard"] = callback.log_dir
    return files


def _run_evaluate(runner: JobRunner, job: dict[str, Any], p: Prepared, output_dir: Path) -> dict:
    runner._started(job, p, batch_size=p.batch_size, steps=_steps(p))
    stream = StreamCallback(
        runner.writer, job["job_id"], runner.stop_event, job["batch_events_per_second"]
    )
    result = p.model.evaluate(
        p.inputs(p.train),
        p.targets(p.train),
        batch_size=p.batch_size,
        verbose=job["fit"]["verbose"],
        sample_weight=p.weights(p.train),
        callbacks=[stream],
        return_dict=True,
    )
    return {"result": result}


def _run_predict(runner: JobRunner, job: dict[str, Any], p: Prepared, output_dir: Path) -> dict:
    runner._started(job, p, batch_size=p.batch_size, steps=_steps(p))
    stream = StreamCallback(
        runner.writer, job["job_id"], runner.stop_event, job["batch_events_per_second"]
    )
    predictions = p.model.predict(
        p.inputs(p.train),
        batch_size=p.batch_size,
        verbose=job["fit"]["verbose"],
        callbacks=[stream],
    )
    named = _named_outputs(p.signature, predictions)
    path = output_dir / "predictions.npz"
    np.savez(path, **named)
    return {"result": _preview(named, p.train), "_files": {"predictions": str(path)}}


def _run_step(runner: JobRunner, job: dict[str, Any], p: Prepared, output_dir: Path) -> dict:
    batch = p.train.take(slice(0, p.batch_size))
    runner._started(job, p, batch_size=batch.num_samples, steps=1)
    x = p.inputs(batch)
    if job["kind"] == "predict_on_batch":
        named = _named_outputs(p.signature, p.model.predict_on_batch(x))
        return {"result": _preview(named, batch, rows=batch.num_samples)}
    step = getattr(p.model, job["kind"])
    logs = step(
        x,
        p.targets(batch),
        sample_weight=p.weights(batch),
        return_dict=True,
    )
    return {"result": logs}


def _steps(p: Prepared) -> int:
    return math.ceil(p.train.num_samples / p.batch_size)


def _named_outputs(signature: ModelSignature, predictions: Any) -> dict[str, np.ndarray]:
    if not isinstance(predictions, (list, tuple)):
        predictions = [predictions]
    return {
        name: np.asarray(array)
        for name, array in zip(signature.output_names(), predictions, strict=True)
    }


def _preview(named: dict[str, np.ndarray], data: Dataset, rows: int = PREVIEW_ROWS) -> dict:
    """Shapes and the first rows of predictions (and of the true targets, when known)."""
    return {
        "shapes": {name: list(array.shape) for name, array in named.items()},
        "predictions": {name: array[:rows] for name, array in named.items()},
        "targets": {name: array[:rows] for name, array in data.y.items()},
    }


_KINDS = {
    "fit": _run_fit,
    "evaluate": _run_evaluate,
    "predict": _run_predict,
    "train_on_batch": _run_step,
    "test_on_batch": _run_step,
    "predict_on_batch": _run_step,
    "activations": run_activations,
}


def _output_dir(job: dict[str, Any]) -> Path:
    if job["output_dir"]:
        path = Path(job["output_dir"]).expanduser()
        path.mkdir(parents=True, exist_ok=True)
        return path
    return Path(tempfile.mkdtemp(prefix=f"kcanvas-{job['job_id']}-"))


def _save(job: dict[str, Any], model: Any, output_dir: Path, files: dict[str, str]) -> dict:
    """Save the trained model (after fit and train_on_batch only: the others change nothing)."""
    if job["kind"] not in ("fit", "train_on_batch"):
        return files
    if job["save"]["weights"]:
        files["weights"] = str(output_dir / "model.weights.h5")
        model.save_weights(files["weights"])
    if job["save"]["keras"]:
        files["keras"] = str(output_dir / "model.keras")
        model.save(files["keras"])
    return files
