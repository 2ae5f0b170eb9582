"""The dialogs of File → Export for deployment and of the training script.

`DeployDialog` asks which weights (a run's, fresh ones, a file) and where: it says what the
format is for and how the export is checked, lists the runs of the model that kept their
weights (newest first, with their last loss), and proposes a file name beside the project.
`TrainingScriptDialog` asks whose settings the script reproduces (the Training panel's, or a
run's: its model, data, settings and seed) and where. The caller gets the choice as plain
values; nothing is exported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.deploy import DeployFormat

FRESH, OTHER = "fresh", "other"


@dataclass
class DeployChoice:
    output: str
    weights: str | None  # None: fresh weights


def run_label(run: dict[str, Any]) -> str:
    """'Run 3, loss 0.1234': a run's name and its last loss."""
    loss = (run.get("history") or {}).get("loss") or []
    last = f", loss {loss[-1]:.4g}" if loss and isinstance(loss[-1], int | float) else ""
    return f"{run.get('name', run.get('id', 'Run'))}{last}"


def run_weights(runs: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(id, label, weights path) of the runs whose weights file still exists, newest first."""
    found = []
    for run in reversed(runs):
        path = run.get("weights")
        if not isinstance(path, str) or not Path(path).is_file():
            continue
        found.append((str(run.get("id")), run_label(run), path))
    return found


class DeployDialog(QDialog):
    """Asks for the weights and the destination of one deployment export."""

    def __init__(
        self,
        fmt: DeployFormat,
        runs: list[dict[str, Any]],
        suggested: Path,
        parent: QWidget,
        earlier_versions: set[str] | None = None,
    ) -> None:
        """`earlier_versions`: ids of runs that trained another version of the model (edited
        since): their exports are that version, and their labels say so."""
        super().__init__(parent)
        self.fmt = fmt
        self.setWindowTitle(self.tr("Export {title}").format(title=fmt.title))
        intro = QLabel(self._intro(fmt))
        intro.setWordWrap(True)
        self.weights = QComboBox()
        earlier = earlier_versions or set()
        for run_id, label, path in run_weights(runs):
            if run_id in earlier:
                text = self.tr("Weights of {run} (an earlier version of the model)")
            else:
                text = self.tr("Weights of {run}")
            self.weights.addItem(text.format(run=label), path)
        self.weights.addItem(self.tr("Fresh weights (not trained)"), FRESH)
        self.weights.addItem(self.tr("Another weights file…"), OTHER)
        self.weights.activated.connect(self._on_weights)
        self.output = QLineEdit(str(suggested))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        _arrange(self, intro, (self.tr("Weights:"), self.weights), (self.tr("Save to:"), browse),
                 self.tr("Export"))  # fmt: skip
        self._other: str | None = None

    def _intro(self, fmt: DeployFormat) -> str:
        uses = {
            "saved_model": self.tr(
                "a folder that TensorFlow Serving, TensorFlow.js and TensorFlow's converters read"
            ),
            "onnx": self.tr("one file that ONNX Runtime and most inference engines read"),
            "litert": self.tr("one file for phones and small devices (LiteRT, formerly TFLite)"),
        }[fmt.key]
        return self.tr(
            "{title}: {uses}. Keras writes it (model.export); before it is saved, its "
            "predictions on random inputs are checked against Keras's with {runtime}."
        ).format(title=fmt.title, uses=uses, runtime=fmt.runtime)

    def _on_weights(self, index: int) -> None:
        if self.weights.itemData(index) != OTHER:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Weights file"),
            str(Path(self.output.text()).parent),
            self.tr("Weights (*.weights.h5 *.keras *.h5)"),
        )
        if path:
            self._other = path
            self.weights.setItemText(
                index, self.tr("Weights of {name}").format(name=Path(path).name)
            )
        else:
            self.weights.setCurrentIndex(0)

    def _browse(self) -> None:
        current = self.output.text()
        if self.fmt.suffix is None:
            path = QFileDialog.getExistingDirectory(self, self.tr("SavedModel folder"), current)
        else:
            pattern = f"{self.fmt.title} (*{self.fmt.suffix})"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), current, pattern)
        if path:
            self.output.setText(path)

    def choice(self) -> DeployChoice:
        data = self.weights.currentData()
        weights = self._other if data == OTHER else (None if data == FRESH else data)
        return DeployChoice(self.output.text().strip(), weights)


class TrainingScriptDialog(QDialog):
    """Asks whose settings the training script reproduces, and where it goes."""

    def __init__(self, runs: list[dict[str, Any]], suggested: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export the training script"))
        intro = QLabel(
            self.tr(
                "One Python script with the model's code, the data loading, the compile and fit "
                "settings and the callbacks. Run with python, it trains as the app does: the "
                "same loss after each epoch, with the same seed and backend."
            )
        )
        intro.setWordWrap(True)
        self.source = QComboBox()
        self.source.addItem(self.tr("The Training panel's current settings"), None)
        for run in reversed(runs):  # newest first
            if run.get("model") and run.get("settings"):
                label = self.tr("{run}: its model, data and settings").format(run=run_label(run))
                self.source.addItem(label, run.get("id"))
        self.output = QLineEdit(str(suggested))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        _arrange(self, intro, (self.tr("Reproduce:"), self.source), (self.tr("Save to:"), browse),
                 self.tr("Export"))  # fmt: skip

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), self.output.text(), self.tr("Python script (*.py)")
        )
        if path:
            self.output.setText(path)

    def choice(self) -> tuple[str | None, str]:
        """(the run's id, or None for the panel's settings; the destination)."""
        return self.source.currentData(), self.output.text().strip()


def _arrange(
    dialog: QDialog,
    intro: QLabel,
    choice: tuple[str, QWidget],
    save_to: tuple[str, QPushButton],
    export_text: str,
) -> None:
    """The export dialogs' one shape: a text, what to export, where (the dialog's `output` line
    and a Choose button), and Export / Cancel."""
    row = QHBoxLayout()
    row.addWidget(dialog.output, 1)
    row.addWidget(save_to[1])
    form = QFormLayout()
    form.addRow(*choice)
    form.addRow(save_to[0], row)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(export_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addLayout(form)
    layout.addWidget(buttons)
    dialog.resize(560, dialog.sizeHint().height())
