"""After a run: evaluate, predict, step one batch, and the weights / model files.

Every action is a worker job that starts from the current weights (the last run's, or a file
the user loaded), so the GUI process never trains anything itself. Loading Keras 2 `.h5`
weights needs Keras here: it runs in a background thread and writes a `.weights.h5`.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.engine_text import engine_text
from app.style import set_role
from app.training.background import Background
from app.training.results import ResultsView
from app.training.status_text import kind_label
from app.training.weights import convert_legacy_weights, image_samples


class RunHost(Protocol):
    """What the actions need of the panel that holds them (a `TrainingPanel`)."""

    controller: Any  # the window's DocumentController: the document and its path
    message: Any  # Signal(str): a line for the status bar
    tabs: Any  # QTabWidget: shows this widget when a job's results arrive

    def submit(self, kind: str, **fields: Any) -> bool: ...

    def show_error(self, text: str) -> None: ...

    def run_root(self) -> Path:
        """The folder of this document's runs (files of jobs, imported weights)."""
        ...

    def project_folder(self) -> Path:
        """Where the user keeps this project: its folder, or its runs' folder if untitled."""
        ...


# (button, job kind, tooltip); the texts are translated where the buttons are made
_JOBS = (
    (
        QT_TRANSLATE_NOOP("AfterRunActions", "Evaluate"),
        "evaluate",
        QT_TRANSLATE_NOOP(
            "AfterRunActions", "model.evaluate on the chosen data: loss and metrics."
        ),
    ),
    (
        QT_TRANSLATE_NOOP("AfterRunActions", "Predict"),
        "predict",
        QT_TRANSLATE_NOOP(
            "AfterRunActions", "model.predict on the chosen data: a table, or images with labels."
        ),
    ),
    (
        QT_TRANSLATE_NOOP("AfterRunActions", "Train one batch"),
        "train_on_batch",
        QT_TRANSLATE_NOOP("AfterRunActions", "One gradient step on the first batch."),
    ),
    (
        QT_TRANSLATE_NOOP("AfterRunActions", "Test one batch"),
        "test_on_batch",
        QT_TRANSLATE_NOOP("AfterRunActions", "Loss and metrics of the first batch, no update."),
    ),
    (
        QT_TRANSLATE_NOOP("AfterRunActions", "Predict one batch"),
        "predict_on_batch",
        QT_TRANSLATE_NOOP("AfterRunActions", "The model's outputs for the first batch."),
    ),
)


class AfterRunActions(QWidget):
    """Buttons for the jobs that follow training, and the view of their results.

    Attributes:
        weights: the `.weights.h5` the next job starts from (None: fresh weights).
        keras_path: the matching `.keras` archive, when there is one.
    """

    def __init__(self, panel: RunHost) -> None:
        super().__init__()
        self._panel = panel
        self.weights: str | None = None
        self.keras_path: str | None = None
        self.background = Background(self)
        self.results = ResultsView()
        self.weights_label = QLabel()
        set_role(self.weights_label, "muted")
        grid = QGridLayout()
        for column, (text, kind, help_text) in enumerate(_JOBS):
            button = self._button(
                self.tr(text), self.tr(help_text), lambda _=False, k=kind: self.run(k)
            )
            grid.addWidget(button, 0, column)
        files = (
            (
                self.tr("Save weights…"),
                self.tr("Save the current weights as .weights.h5."),
                self.save_weights,
            ),
            (
                self.tr("Load weights…"),
                self.tr("Start the next job from a .weights.h5 file."),
                self.load_weights,
            ),
            (
                self.tr("Load Keras 2 weights…"),
                self.tr("Convert a legacy .h5 weights file."),
                self.load_legacy,
            ),
            (
                self.tr("Save model (.keras)…"),
                self.tr("Save the trained model as a .keras archive."),
                self.save_model,
            ),
        )
        for column, (text, help_text, slot) in enumerate(files):
            grid.addWidget(self._button(text, help_text, slot), 1, column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.weights_label)
        layout.addWidget(self.results, 1)
        self.set_weights(None)

    def _button(self, text: str, help_text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(help_text)
        button.clicked.connect(slot)
        return button

    def set_weights(self, weights: str | None, keras_path: str | None = None) -> None:
        """The weights the next job starts from."""
        self.weights, self.keras_path = weights, keras_path
        text = weights or self.tr("none yet — jobs start from freshly initialized weights")
        self.weights_label.setText(self.tr("Current weights: {path}").format(path=text))
        if not self.results.has_results():
            self.results.clear(self._placeholder())

    def reset(self, weights: str | None, keras_path: str | None = None) -> None:
        """Another document: none of the last one's results, its own weights (or none)."""
        self.results.clear(self._placeholder())
        self.set_weights(weights, keras_path)

    def _placeholder(self) -> str:
        if self.weights:
            return self.tr(
                "Evaluate, predict or step one batch: the jobs start from the current weights."
            )
        return self.tr("Evaluate, predict or step one batch once a model has been trained.")

    def run(self, kind: str) -> bool:
        """Start an evaluate / predict / one-batch job from the current weights."""
        return self._panel.submit(kind, load_weights=self.weights)

    # ------------------------------------------------------------------ results

    def show_result(self, job: dict[str, Any], started: dict[str, Any], event: dict) -> None:
        """Show what an evaluate, predict or *_on_batch job returned."""
        self._panel.tabs.setCurrentWidget(self)
        kind, result = event.get("kind"), event.get("result") or {}
        source = (job.get("data") or {}).get("source", "")
        title = self.tr("{0} on {1}").format(kind_label(str(kind)), started.get("data", source))
        if kind in ("evaluate", "train_on_batch", "test_on_batch"):
            self.results.show_metrics(title, result)
            return
        self.results.show_predictions(
            title, result.get("predictions") or {}, result.get("targets") or {}
        )
        path = (event.get("files") or {}).get("predictions")
        if kind == "predict" and path and started.get("inputs"):
            self.background.run(
                lambda: image_samples(started, job, path), self._show_images, self._report
            )

    def _show_images(self, samples: dict[str, list]) -> None:
        if samples["images"]:
            self.results.show_images(samples["images"], samples["predicted"], samples["true"])

    def _report(self, error: BaseException) -> None:
        self._panel.show_error(engine_text(str(error)))

    # ------------------------------------------------------------------ files

    def save_weights(self) -> None:
        if not self._need(self.weights, self.tr("No weights to save yet: train the model first.")):
            return
        suggested = self._panel.project_folder() / f"{self._model_name()}.weights.h5"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save weights"), str(suggested), "*.h5")
        if path:
            if not path.endswith(".weights.h5"):
                path = path.removesuffix(".h5") + ".weights.h5"  # Keras 3 insists on the suffix
            shutil.copyfile(self.weights, path)  # type: ignore[arg-type]
            self._panel.message.emit(self.tr("Weights saved to {0}").format(path))

    def load_weights(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Load weights"), str(self._weights_folder()), "*.weights.h5"
            )
        if path:
            self.set_weights(path)

    def save_model(self) -> None:
        if not self._need(self.keras_path, self.tr("No model to save yet: train the model first.")):
            return
        suggested = self._panel.project_folder() / f"{self._model_name()}.keras"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save model"), str(suggested), "*.keras"
        )
        if path:
            shutil.copyfile(self.keras_path, path)  # type: ignore[arg-type]
            self._panel.message.emit(self.tr("Model saved to {0}").format(path))

    def load_legacy(self, path: str | None = None) -> None:
        """Convert Keras 2 weights for the current model (in a thread: it imports Keras)."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Keras 2 weights"), str(self._panel.project_folder()), "*.h5 *.hdf5"
            )
        if not path:
            return
        try:
            config = self._panel.controller.document.to_config()
        except Exception as exc:  # an unfinished graph
            self._panel.show_error(
                self.tr("The model cannot take weights yet: {0}").format(engine_text(str(exc)))
            )
            return
        out_dir = self._panel.run_root() / "imported"
        self.weights_label.setText(self.tr("Converting {0}…").format(Path(path).name))
        self.background.run(
            lambda: convert_legacy_weights(config, path, out_dir), self._on_converted, self._report
        )

    def _on_converted(self, files: dict[str, str]) -> None:
        self.set_weights(files["weights"], files["keras"])
        self._panel.message.emit(
            self.tr("Keras 2 weights converted to {0}").format(files["weights"])
        )

    def _model_name(self) -> str:
        return self._panel.controller.document.graph.name or "model"

    def _weights_folder(self) -> Path:
        """Where weights are looked for: the current weights' folder, else the runs', else
        the project's."""
        if self.weights and Path(self.weights).parent.is_dir():
            return Path(self.weights).parent
        root = self._panel.run_root()
        return root if root.is_dir() else self._panel.project_folder()

    def _need(self, path: str | None, missing: str) -> bool:
        """Whether `path` is a file; if not, say `missing`."""
        if path and Path(path).is_file():
            return True
        self._panel.show_error(missing)
        return False
