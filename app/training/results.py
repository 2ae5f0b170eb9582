"""What the after-run actions show: metrics tables, prediction tables and a grid of images.

Predictions are shown as the class a classifier picks (with its probability) or the raw values
of a regressor, beside the true target when the data has one. For image data a grid of samples
titled "pred / true" lets a learner see what the model gets wrong.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.style import set_role
from app.training.curves import font_families

GRID_SAMPLES = 16


def describe_value(row: Any) -> str:
    """A prediction or target row as text: "3 (0.97)" for class scores, values otherwise."""
    array = np.asarray(row, dtype=float).ravel()
    if array.size > 1 and np.all(array >= 0) and abs(array.sum() - 1.0) < 1e-3:
        index = int(array.argmax())
        return f"{index} ({array[index]:.2f})"
    if array.size > 1 and np.all((array == 0) | (array == 1)) and array.sum() == 1:
        return str(int(array.argmax()))  # a one-hot target
    return ", ".join(f"{v:.4g}" for v in array[:6]) + (" …" if array.size > 6 else "")


def class_of(row: Any) -> int | None:
    """The class a row stands for (argmax of scores or one-hot, a sigmoid's 0/1, an integer)."""
    array = np.asarray(row, dtype=float).ravel()
    if array.size > 1:
        return int(array.argmax())
    if array.size == 1:
        return int(array[0] >= 0.5) if 0.0 <= array[0] <= 1.0 else round(float(array[0]))
    return None


def image_of(sample: Any) -> np.ndarray | None:
    """The sample as a 2-D or RGB image, or None when it is not a picture."""
    array = np.asarray(sample)
    if array.ndim == 3 and array.shape[-1] in (1, 3) and min(array.shape[:2]) >= 4:
        return array[..., 0] if array.shape[-1] == 1 else array
    if array.ndim == 2 and min(array.shape) >= 4:
        return array
    return None


class ResultsView(QWidget):
    """A title, a table and (for images) a matplotlib grid of samples."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        set_role(self.title, "placeholder")
        self.table = QTableWidget()
        self.table.verticalHeader().hide()
        self._grid: Any = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.table, 1)
        self.clear(self.tr("Evaluate, predict or step one batch once a model has been trained."))

    def has_results(self) -> bool:
        """Whether a job's results are shown (not only the placeholder)."""
        return self.table.columnCount() > 0

    def clear(self, text: str) -> None:
        """No results: `text` says what to do to get some."""
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self._hide_grid()
        self.show_message(text)

    def show_message(self, text: str, role: str = "placeholder") -> None:
        self.title.setText(text)
        set_role(self.title, role)

    def show_metrics(self, title: str, values: dict[str, Any]) -> None:
        """A name / value table (evaluate, train_on_batch, test_on_batch)."""
        self.show_message(title, "")
        self._hide_grid()
        headers = [self.tr("Metric"), self.tr("Value")]
        self._fill(headers, [[k, _number(v)] for k, v in values.items()])

    def show_predictions(
        self, title: str, predictions: dict[str, Any], targets: dict[str, Any]
    ) -> None:
        """One row per sample: each output's prediction and, when known, its true value."""
        self.show_message(title, "")
        self._hide_grid()
        headers, columns = [self.tr("Sample")], []
        for name, rows in predictions.items():
            headers.append(self.tr("{0}: predicted").format(name))
            columns.append([describe_value(r) for r in rows])
            if name in targets:
                headers.append(self.tr("{0}: true").format(name))
                columns.append([describe_value(r) for r in targets[name]])
        count = min((len(c) for c in columns), default=0)
        self._fill(headers, [[str(i), *(c[i] for c in columns)] for i in range(count)])

    def show_images(self, images: list[np.ndarray], predicted: list[Any], true: list[Any]) -> None:
        """A grid of samples titled "pred P / true T" (red when wrong)."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        if self._grid is None:
            self._grid = FigureCanvasQTAgg(Figure(figsize=(6, 3), dpi=100, layout="constrained"))
            self._grid.setMinimumHeight(220)
            self._layout.addWidget(self._grid, 2)
        figure = self._grid.figure
        figure.clear()
        count = min(len(images), GRID_SAMPLES)
        columns = 8
        rows = (count + columns - 1) // columns
        for i in range(count):
            axes = figure.add_subplot(rows, columns, i + 1)
            axes.imshow(images[i], cmap="gray_r")
            axes.set_xticks([])
            axes.set_yticks([])
            ok = true[i] is None or predicted[i] == true[i]
            if true[i] is None:
                label = self.tr("pred {0}").format(predicted[i])
            else:
                label = self.tr("pred {0} / true {1}").format(predicted[i], true[i])
            axes.set_title(
                label, fontsize=8, color="#111827" if ok else "#c0392b", fontfamily=font_families()
            )
        self._grid.show()
        self._grid.draw()

    def _hide_grid(self) -> None:
        if self._grid is not None:
            self._grid.hide()

    def _fill(self, headers: list[str], rows: list[list[str]]) -> None:
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()


def _number(value: Any) -> str:
    return f"{value:.6g}" if isinstance(value, (int, float)) else str(value)
