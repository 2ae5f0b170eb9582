"""Run one job inside the worker: fit, evaluate, predict or one `*_on_batch` step.

The job is prepared first (engine.training.prepare: everything that can fail before training
fails there, before the `started` event); the run streams its events and saves its files. A fit
on JAX with several processes or devices runs data-parallel (engine.training.data_parallel): the
same fit, with its processes joined first and process 0 alone saving. A fit that fails once
started (a NaN loss, memory, data failing mid-run) raises a RunError that keeps its history.
Imports Keras at the top: only the worker imports this module, once the backend is chosen.
"""

from __future__ import annotations

import contextlib
import math
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import keras
import numpy as np

from engine.training import data_parallel, events
from engine.training.callbacks import ResetStatesCallback, StreamCallback, user_callbacks
from engine.training.dataset import Dataset
from engine.training.errors import JobError
from engine.training.events import EventWriter
from engine.training.failures import failed_mid_run, nan_error
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
        self.parallel: data_parallel.DataParallelRun | None = None  # of the current job

    def pause(self) -> None:
        """Hold training before its next batch (called from the stdin thread)."""
        self.running.clear()

    def resume(self) -> None:
        self.running.set()

    def request_stop(self) -> None:
        """End the current job after its current batch (called from the stdin thread)."""
        self.running.set()  # a paused run must wake up to stop
        if self.parallel is not None and self.parallel.multi_process:
            return  # process 0 decides, for every process at the same batch (ControlSync)
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
        self.parallel = None
        keras.backend.clear_session()  # first: it would forget the distribution set below
        # joins the run's other processes: before any JAX computation
        self.parallel = data_parallel.start(job)
        try:
            self._run(job, start)
        finally:
            if self.parallel is not None:
                self.parallel.finish()

    def _run(self, job: dict[str, Any], start: float) -> None:
        if job["seed"] is not None:
            set_random_seed(job["seed"])
        lead = self.parallel is None or self.parallel.lead
        output_dir = _output_dir(job) if lead else None
        try:
            prepared = self._prepare(job)
            self._model = prepared.model
            result = _KINDS[job["kind"]](self, job, prepared, output_dir)
        finally:
            self._model = None
        files = result.pop("_files", {})
        if lead:
            with self.parallel.saving() if self.parallel else _nothing():
                files = _save(job, prepared.model, output_dir, files)
        self.writer.emit(
            events.FINISHED,
            job_id=job["job_id"],
            kind=job["kind"],
            stopped=self.stop_event.is_set() or bool(result.pop("_stopped", False)),
            files=files,
            output_dir=str(output_dir),
            elapsed=round(time.monotonic() - start, 3),
            **result,
        )

    def _prepare(self, job: dict[str, Any]) -> Prepared:
        return prepare(job, self.parallel)

    def _started(self, job: dict[str, Any], prepared: Prepared, **fields: Any) -> None:
        processes = self.parallel.num_processes if self.parallel else 1
        self.writer.emit(
            events.STARTED,
            job_id=job["job_id"],
            kind=job["kind"],
            backend=keras.backend.backend(),
            keras_version=keras.__version__,
            data=prepared.train.description,
            samples=prepared.train.num_samples * processes,
            **(self.parallel.describe() if self.parallel else {}),
            inputs={s.name: list(s.shape) for s in prepared.signature.inputs},
            outputs={s.name: list(s.shape) for s in prepared.signature.outputs},
            **fields,
        )


def _run_fit(runner: JobRunner, job: dict[str, Any], p: Prepared, output_dir: Path | None) -> dict:
    fit, parallel = job["fit"], runner.parallel
    control = _control(runner, job)
    stream = StreamCallback(
        runner.writer,
        job["job_id"],
        control.agreed_stop if control else runner.stop_event,
        job["batch_events_per_second"],
        running=None if control else runner.running,
        stop_on_nan=control is None,
    )
    if control is not None:
        control.nan_seen = lambda: stream.nan_at is not None
    callbacks: list[Any] = [control, stream] if control else [stream]
    if parallel is None and output_dir is not None:
        # looking inside runs in single-process fits (a probe under a distribution is untested)
        callbacks += look_callbacks(runner, job, p, output_dir, stream)
    if p.signature.fixed_batch_size:
        callbacks.append(ResetStatesCallback())
    callbacks += _user_callbacks(job, parallel, output_dir)
    files = _callback_files(callbacks)
    if job["save"]["csv"] and "csv" not in files and output_dir is not None:
        csv_path = output_dir / "training_log.csv"
        csv_logger = keras.callbacks.CSVLogger(str(csv_path), append=fit["initial_epoch"] > 0)
        callbacks += parallel.lead_only([csv_logger]) if parallel else [csv_logger]
        files["csv"] = str(csv_path)
    validation = None
    if p.validation is not None:
        validation = (p.inputs(p.validation), p.targets(p.validation))
    train_samples = math.ceil(p.train.num_samples * (1.0 - p.validation_split))
    processes = parallel.num_processes if parallel else 1
    runner._started(
        job,
        p,
        epochs=fit["epochs"],
        initial_epoch=fit["initial_epoch"],
        batch_size=p.batch_size * processes,
        shuffle=p.shuffle,
        steps=math.ceil(train_samples / p.batch_size),
        validation_samples=processes
        * (p.validation.num_samples if p.validation else p.train.num_samples - train_samples),
    )
    start = time.monotonic()
    if parallel is not None:
        parallel.check_active()
    try:
        history = _fit(p, fit, callbacks, validation)
    except Exception as exc:
        if not stream.began:
            raise  # Keras refused the job before training (a setting): the error as it is
        raise failed_mid_run(exc, stream.position, stream.history) from exc
    if stream.nan_at is not None or (control is not None and control.nan):
        raise nan_error(stream.nan_at or stream.position, stream.history, job)
    result = {
        "history": history.history,
        "fit_seconds": round(time.monotonic() - start, 3),
        "_files": files,
        "_stopped": bool(control and control.agreed_stop.is_set()),
    }
    if control is not None:  # every process's weights, as process 0 learns them
        digests = runner.parallel.replica_digests(p.model)  # type: ignore[union-attr]
        result.update(replicas=digests, replicas_identical=len(set(digests)) == 1)
    return result


def _control(runner: JobRunner, job: dict[str, Any]) -> data_parallel.ControlSync | None:
    """The callback that shares process 0's decisions, in a run of several processes."""
    if runner.parallel is None or not runner.parallel.multi_process:
        return None
    return data_parallel.ControlSync(
        runner.parallel,
        runner.writer,
        job["job_id"],
        runner.stop_event,
        runner.running,
    )


def _user_callbacks(
    job: dict[str, Any], parallel: data_parallel.DataParallelRun | None, output_dir: Path | None
) -> list[Any]:
    """The job's callbacks; in a data-parallel run those that write files run in process 0 only,
    and TerminateOnNaN gives way to process 0's decision (see ControlSync)."""
    try:
        built = user_callbacks(job["fit"]["callbacks"], output_dir or Path(tempfile.gettempdir()))
    except (TypeError, ValueError) as exc:
        raise JobError(f"Keras refuses a callback setting. Received: {exc}") from exc
    if parallel is None:
        return built
    writes = (
        keras.callbacks.CSVLogger,
        keras.callbacks.ModelCheckpoint,
        keras.callbacks.TensorBoard,
    )
    shared = [c for c in built if not isinstance(c, (*writes, keras.callbacks.TerminateOnNaN))]
    return shared + parallel.lead_only([c for c in built if isinstance(c, writes)])


def _fit(p: Prepared, fit: dict[str, Any], callbacks: list[Any], validation: Any) -> Any:
    return p.model.fit(
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


def _callback_files(callbacks: list[Any]) -> dict[str, str]:
    files = {}
    for callback in (getattr(c, "inner", c) for c in callbacks):
        if isinstance(callback, keras.callbacks.CSVLogger):
            files["csv"] = callback.filename
        elif isinstance(callback, keras.callbacks.ModelCheckpoint):
            files["checkpoint"] = callback.filepath
        elif isinstance(callback, keras.callbacks.TensorBoard):
            files["tensorboard"] = callback.log_dir
    return files


def _run_evaluate(runner: JobRunner, job: dict[str, Any], p: Prepared, output_dir: Any) -> dict:
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


def set_random_seed(seed: int) -> None:
    """`keras.utils.set_random_seed`, without importing TensorFlow into another backend's worker.

    Keras also seeds TensorFlow whenever it is installed; importing it costs a JAX or PyTorch
    worker seconds (and memory) for a library the run never uses. While Keras seeds, `import
    tensorflow` fails, so Keras skips it; the module stays importable afterwards (the
    TensorBoard callback imports it when asked for).
    """
    if keras.backend.backend() == "tensorflow" or "tensorflow" in sys.modules:
        keras.utils.set_random_seed(seed)
        return
    sys.modules["tensorflow"] = None  # type: ignore[assignment]
    try:
        keras.utils.set_random_seed(seed)
    finally:
        del sys.modules["tensorflow"]


def _nothing() -> contextlib.AbstractContextManager[None]:
    return contextlib.nullcontext()


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
