"""What the training panel says: progress positions, durations, the last values of a run,
why a model cannot train yet, and a document's runs in one line.

Plain functions of the worker's events and the project's run records, so the panel (and its
tests) read the same words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.engine_text import engine_text
from app.training.runs import describe

# the pause button's texts, translated where the panel shows them (context TrainingPanel)
PAUSE_TEXT = QT_TRANSLATE_NOOP("TrainingPanel", "Pause")
RESUME_TEXT = QT_TRANSLATE_NOOP("TrainingPanel", "Resume")
PAUSE_HELP = QT_TRANSLATE_NOOP(
    "TrainingPanel",
    "Hold the fit before its next batch; Resume goes on from there (weights kept).",
)
RESUME_HELP = QT_TRANSLATE_NOOP("TrainingPanel", "Go on training from where the fit was held.")
# the job kinds of engine.training.job, as the panel names them
KIND_LABELS = {
    "fit": QT_TRANSLATE_NOOP("TrainingPanel", "Fit"),
    "evaluate": QT_TRANSLATE_NOOP("TrainingPanel", "Evaluate"),
    "predict": QT_TRANSLATE_NOOP("TrainingPanel", "Predict"),
    "train_on_batch": QT_TRANSLATE_NOOP("TrainingPanel", "Train on batch"),
    "test_on_batch": QT_TRANSLATE_NOOP("TrainingPanel", "Test on batch"),
    "predict_on_batch": QT_TRANSLATE_NOOP("TrainingPanel", "Predict on batch"),
}


def widest_progress() -> str:
    """The longest progress text, for the label's width."""
    return fit_position(887, 888, 8888, 8888) + " · " + time_left(88 * 60 + 59)


def fit_position(epoch: int, epochs: int, batch: int, steps: int) -> str:
    """ "epoch 3 / 20 · batch 12 / 50" (epochs counted from 1, batches done so far)."""
    text = QCoreApplication.translate("TrainingPanel", "epoch {0} / {1} · batch {2} / {3}")
    return text.format(epoch + 1, epochs, batch, steps)


def time_left(seconds: float) -> str:
    """ "2 min 05 s left"."""
    return QCoreApplication.translate("TrainingPanel", "{0} left").format(duration(seconds))


def started_text(event: dict[str, Any]) -> str:
    """ "fit: digits (1797 samples) on tensorflow" from a `started` event (", 2 processes, 2
    devices (data-parallel)" for a data-parallel run)."""
    text = QCoreApplication.translate("TrainingPanel", "{0}: {1} on {2}")
    data = engine_text(str(event.get("data")))
    text = text.format(kind_label(str(event.get("kind"))), data, event.get("backend"))
    processes, devices = event.get("processes"), event.get("devices")
    if processes and processes > 1:
        text += QCoreApplication.translate("TrainingPanel", ", {0} processes").format(processes)
    if devices and devices > 1:
        text += QCoreApplication.translate("TrainingPanel", ", {0} devices (data-parallel)").format(
            devices
        )
    return text


def missing_ends(config: dict[str, Any]) -> str:
    """Why a model config cannot train (no inputs, no outputs), or "" when it has both."""
    inner = config.get("config") or {}
    if config.get("class_name") == "Sequential":
        has_inputs = has_outputs = bool(inner.get("layers"))
    else:
        has_inputs, has_outputs = bool(inner.get("input_layers")), bool(output_names(config))
    if not has_inputs:
        return QCoreApplication.translate(
            "TrainingPanel",
            "The model has no input yet: add an Input layer and connect layers to it, or start "
            "from File → New from template. Received: a model without inputs",
        )
    if not has_outputs:
        return QCoreApplication.translate(
            "TrainingPanel",
            "The model has no output yet: select its last layer and tick 'Model output' in the "
            "Inspector. Received: a model without outputs",
        )
    return ""


def runs_summary(runs: list[dict[str, Any]], weights_kept: bool) -> str:
    """The status line of a document just opened: its runs, or what to do."""
    if not runs:
        return QCoreApplication.translate(
            "TrainingPanel", "No run yet: choose the data and press Train (F5)."
        )
    if len(runs) == 1:
        text = QCoreApplication.translate("TrainingPanel", "1 run kept in this project: {last}.")
    else:
        text = QCoreApplication.translate(
            "TrainingPanel", "{count} runs kept in this project; the last: {last}."
        )
    text = text.format(count=len(runs), last=describe(runs[-1]))
    if not weights_kept:
        text += " " + QCoreApplication.translate(
            "TrainingPanel", "Its weights file is not here any more: jobs start from fresh weights."
        )
    return text


def kind_label(kind: str) -> str:
    """ "Fit", "Evaluate", "Train on batch"... (a job's kind as the progress label says it)."""
    label = KIND_LABELS.get(kind)
    if label is None:
        return kind.replace("_", " ").capitalize()
    return QCoreApplication.translate("TrainingPanel", label)


def output_names(config: dict[str, Any]) -> list[str]:
    """The names of a Keras model config's outputs (Functional or Sequential)."""
    inner = config.get("config") or {}
    if config.get("class_name") == "Sequential":
        layers = inner.get("layers") or []
        return [layers[-1]["config"]["name"]] if layers else []
    entries = inner.get("output_layers") or []
    if entries and isinstance(entries[0], str):  # Keras writes one output unnested
        entries = [entries]
    return [entry[0] for entry in entries]


def last_values(history: Any) -> str:
    """ "loss 0.31, val_loss 0.35, ..." from a History dict (the last epoch's values)."""
    if not isinstance(history, dict):
        return ""
    values = [
        f"{key} {series[-1]:.4g}"
        for key, series in history.items()
        if series and isinstance(series[-1], (int, float))
    ]
    if not values:
        return ""
    return QCoreApplication.translate("TrainingPanel", "Last epoch: {0}").format(
        ", ".join(values[:6])
    )


def result_values(result: Any) -> str:
    """ "accuracy 0.95, loss 0.24" from an evaluate or *_on_batch result ("" for predictions)."""
    if not isinstance(result, dict):
        return ""
    values = [f"{k} {v:.4g}" for k, v in result.items() if isinstance(v, (int, float))]
    return ", ".join(values[:6])


def duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds >= 60:
        text = QCoreApplication.translate("TrainingPanel", "{0} min {1:02d} s")
        return text.format(seconds // 60, seconds % 60)
    return QCoreApplication.translate("TrainingPanel", "{0} s").format(seconds)
