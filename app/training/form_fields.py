"""Pieces of the training form: choices, the per-output table, small parsers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from engine.training.errors import JobError

# labels marked for the translator; the form translates them where it shows them
DATA_SOURCES = [
    (QT_TRANSLATE_NOOP("TrainingForm", "Dummy data (random, fits any model)"), "dummy"),
    (QT_TRANSLATE_NOOP("TrainingForm", "Digits (8×8 images, 10 classes)"), "digits"),
    (QT_TRANSLATE_NOOP("TrainingForm", "Iris (4 features, 3 classes)"), "iris"),
    (QT_TRANSLATE_NOOP("TrainingForm", "Wine (13 features, 3 classes)"), "wine"),
    (QT_TRANSLATE_NOOP("TrainingForm", "Breast cancer (30 features, 2 classes)"), "breast_cancer"),
    (QT_TRANSLATE_NOOP("TrainingForm", "Fashion-MNIST (IDX folder)"), "fashion_mnist"),
    (QT_TRANSLATE_NOOP("TrainingForm", "My files (.npz, .npy, .csv, .h5)"), "files"),
]
OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop", "adagrad", "adadelta", "adamax", "nadam", "lion")
LOSSES = (
    "auto",
    "categorical_crossentropy",
    "sparse_categorical_crossentropy",
    "binary_crossentropy",
    "mean_squared_error",
    "mean_absolute_error",
    "huber",
)
# callback -> (help, [(config key, label, default)]); the default's type picks the widget
CALLBACK_FIELDS: dict[str, tuple[str, list[tuple[str, str, Any]]]] = {
    "EarlyStopping": (
        QT_TRANSLATE_NOOP("TrainingForm", "Stop when the monitored value stops improving."),
        [
            ("monitor", "monitor", "val_loss"),
            ("patience", "patience", 3),
            ("restore_best_weights", QT_TRANSLATE_NOOP("TrainingForm", "restore best"), True),
        ],
    ),
    "ModelCheckpoint": (
        QT_TRANSLATE_NOOP("TrainingForm", "Save the weights after each epoch (or only the best)."),
        [
            ("monitor", "monitor", "val_loss"),
            ("save_best_only", QT_TRANSLATE_NOOP("TrainingForm", "best only"), True),
        ],
    ),
    "ReduceLROnPlateau": (
        QT_TRANSLATE_NOOP(
            "TrainingForm", "Lower the learning rate when the monitored value stalls."
        ),
        [
            ("monitor", "monitor", "val_loss"),
            ("factor", "factor", 0.5),
            ("patience", "patience", 2),
        ],
    ),
    "TerminateOnNaN": (
        QT_TRANSLATE_NOOP("TrainingForm", "Stop at once when the loss becomes NaN."),
        [],
    ),
    "CSVLogger": (
        QT_TRANSLATE_NOOP("TrainingForm", "Write each epoch's logs to a CSV file."),
        [("filename", QT_TRANSLATE_NOOP("TrainingForm", "file"), "log.csv")],
    ),
    "TensorBoard": (
        QT_TRANSLATE_NOOP(
            "TrainingForm", "Write logs that TensorBoard can show (tensorboard --logdir ...)."
        ),
        [("log_dir", QT_TRANSLATE_NOOP("TrainingForm", "folder"), "tensorboard")],
    ),
}


def parse_class_weight(text: str) -> dict[int, float] | None:
    """`"0: 1, 1: 5"` -> {0: 1.0, 1: 5.0}; empty text -> None.

    Raises:
        JobError: the text is not `class: weight` pairs.
    """
    if not text.strip():
        return None
    weights = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = part.partition(":")
        try:
            weights[int(key)] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            message = QCoreApplication.translate(
                "TrainingForm",
                "Class weights are written class: weight, separated by commas. Received: {0}",
            )
            raise JobError(message.format(repr(part)))
    return weights


class OutputsTable(QTableWidget):
    """One row per model output: its loss, its loss weight and its metrics.

    Signals:
        changed(): a value changed.
    """

    changed = Signal()
    HEADERS = (
        QT_TRANSLATE_NOOP("OutputsTable", "Output"),
        QT_TRANSLATE_NOOP("OutputsTable", "Loss"),
        QT_TRANSLATE_NOOP("OutputsTable", "Loss weight"),
        QT_TRANSLATE_NOOP("OutputsTable", "Metrics"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setHorizontalHeaderLabels([self.tr(header) for header in self.HEADERS])
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.setToolTip(
            self.tr(
                "Each output gets its own loss; the model minimizes the weighted sum "
                "(loss_weights). 'auto' picks one from the output's activation."
            )
        )
        self.setMinimumHeight(90)
        self._names: list[str] = []
        self._saved: dict[str, dict[str, Any]] = {}

    def set_outputs(self, names: list[str]) -> None:
        if names == self._names:
            return
        self._saved.update(self.state())
        self._names = list(names)
        self.setRowCount(len(names))
        for row, name in enumerate(names):
            saved = self._saved.get(name, {})
            label = QLineEdit(name)
            label.setReadOnly(True)
            label.setFrame(False)
            self.setCellWidget(row, 0, label)
            loss = QComboBox()
            loss.setEditable(True)
            loss.addItems(LOSSES)
            loss.setCurrentText(saved.get("loss", "auto"))
            loss.currentTextChanged.connect(self.changed)
            self.setCellWidget(row, 1, loss)
            weight = QDoubleSpinBox()
            weight.setRange(0.0, 1000.0)
            weight.setSingleStep(0.1)
            weight.setValue(saved.get("loss_weight", 1.0))
            weight.valueChanged.connect(self.changed)
            self.setCellWidget(row, 2, weight)
            metrics = QLineEdit(saved.get("metrics", "auto"))
            metrics.setToolTip(
                self.tr("Comma-separated, e.g. accuracy, mae; 'auto': accuracy for classifiers")
            )
            metrics.textChanged.connect(self.changed)
            self.setCellWidget(row, 3, metrics)

    def state(self) -> dict[str, dict[str, Any]]:
        return {
            name: {
                "loss": self.cellWidget(row, 1).currentText(),  # type: ignore[union-attr]
                "loss_weight": self.cellWidget(row, 2).value(),  # type: ignore[union-attr]
                "metrics": self.cellWidget(row, 3).text(),  # type: ignore[union-attr]
            }
            for row, name in enumerate(self._names)
        }

    def set_state(self, state: dict[str, dict[str, Any]]) -> None:
        self._saved.update(state)
        names, self._names = self._names, []
        self.set_outputs(names)

    def compile_fields(self) -> dict[str, Any]:
        """`loss`, `loss_weights` and `metrics` for compile: dicts by output, or None (auto)."""
        state = self.state()
        fields: dict[str, Any] = {}
        losses = {n: s["loss"] for n, s in state.items() if s["loss"] not in ("", "auto")}
        if losses:
            fields["loss"] = {n: losses.get(n) for n in state}
        if any(s["loss_weight"] != 1.0 for s in state.values()):
            fields["loss_weights"] = {n: s["loss_weight"] for n, s in state.items()}
        if any(s["metrics"].strip() != "auto" for s in state.values()):
            # an output left on auto gets no metric here (the engine's default needs all on auto)
            fields["metrics"] = {
                n: _metrics(s["metrics"])
                for n, s in state.items()
                if s["metrics"].strip() != "auto"
            }
        return fields


def _metrics(text: str) -> list[str]:
    return [m.strip() for m in text.split(",") if m.strip()]
