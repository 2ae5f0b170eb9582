"""The viewer a thumbnail opens: every channel, one channel at a time, the weights, the numbers.

The pictures are the engine's (engine.training.look.render) at full size; hovering any of them
says which channel, row and column is under the mouse and its value, so a learner can check
that a ReLU's white is a true zero and read the numbers a feature map is made of.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.training.look import render
from engine.training.look.keys import layer_path, parse_key
from engine.training.look.results import read_npz

ALL_TILES = 256
FIT = (560, 400)  # the pictures are drawn at the largest whole zoom that fits about this


def fitted(make: Any) -> render.Picture:
    """`make(zoom)` at the whole zoom that fits FIT: values as square blocks, thin gaps."""
    small = make(1)
    height, width = small.rgb.shape[:2]
    zoom = max(1, min(FIT[0] // max(width, 1), FIT[1] // max(height, 1)))
    return make(zoom) if zoom > 1 else small


class PictureView(QWidget):
    """A picture drawn at the largest whole zoom that fits; reports the cell under the mouse.

    Signals:
        hovered(object): (cell index, row, column) in the picture's data, or None.
    """

    hovered = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picture: render.Picture | None = None
        self._image = QImage()
        self.setMouseTracking(True)
        self.setMinimumSize(240, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_picture(self, picture: render.Picture | None) -> None:
        self.picture = picture
        self._image = QImage()
        if picture is not None:
            rgb = np.ascontiguousarray(picture.rgb)
            height, width = rgb.shape[:2]
            self._image = QImage(rgb.data, width, height, 3 * width,
                                 QImage.Format.Format_RGB888).copy()  # fmt: skip
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 420)

    def _target(self) -> QRectF:
        if self._image.isNull():
            return QRectF()
        scale = min(self.width() / self._image.width(), self.height() / self._image.height())
        scale = math.floor(scale) if scale >= 1 else scale
        width, height = self._image.width() * scale, self._image.height() * scale
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        target = self._target()
        if not target.isNull():
            smooth = target.width() < self._image.width()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
            painter.drawImage(target, self._image)
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.hovered.emit(self.cell_at(event.position()))

    def leaveEvent(self, event: Any) -> None:
        self.hovered.emit(None)

    def cell_at(self, point: QPointF) -> tuple[int, int, int] | None:
        """(cell index, row, column) of the data under `point`, or None."""
        target = self._target()
        if self.picture is None or target.isNull() or not target.contains(point):
            return None
        x = (point.x() - target.left()) * self._image.width() / target.width()
        y = (point.y() - target.top()) * self._image.height() / target.height()
        zoom = self.picture.zoom
        for index, cell in enumerate(self.picture.cells):
            if cell.x <= x < cell.x + cell.width and cell.y <= y < cell.y + cell.height:
                return index, int((y - cell.y) // zoom), int((x - cell.x) // zoom)
        return None


class ScaleBar(QWidget):
    """The diverging colour bar with the values its ends stand for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rgb = np.ascontiguousarray(render.legend(240, 12))
        self._image = QImage(rgb.data, 240, 12, 720, QImage.Format.Format_RGB888).copy()
        self.low, self.high = QLabel(), QLabel()
        bar = QLabel()
        bar.setPixmap(QPixmap.fromImage(self._image))
        self.note = QLabel()
        self.note.setStyleSheet("color: #4b5563;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.low, bar, self.high, self.note):
            layout.addWidget(widget)
        layout.addStretch(1)

    def set_scale(self, scale: float | None) -> None:
        self.setVisible(scale is not None)
        if scale is not None:
            self.low.setText(f"−{scale:.3g}")
            self.high.setText(f"+{scale:.3g}")
            self.note.setText(self.tr("(beyond: the strongest colour; NaN: magenta)"))


class ActivationViewer(QDialog):
    """All of one node's output for the sample, and its layer's weights.

    Args:
        key: the node key (`conv_1:0`).
        event: the worker's `activations` event (archives and summary).
        parent: the window.
    """

    def __init__(self, key: str, event: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.summary = (event.get("nodes") or {}).get(key, {})
        arrays = read_npz(event["path"], [key])
        self.values = arrays[key][0] if key in arrays else np.zeros((0,))
        self.weights = _layer_weights(event.get("weights_path"), key)
        name, call = parse_key(key)[0][-1]
        self.setWindowTitle(self.tr("Look inside {name} (call {call})").format(
            name=name, call=call + 1))  # fmt: skip
        self.header = QLabel(self._header_text())
        self.header.setWordWrap(True)
        self.scale_bar = ScaleBar()
        self.readout = QLabel(self._hover_hint())
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self._build_channels()
        self._build_weights()
        self.tabs.currentChanged.connect(self._on_tab)
        self._on_tab()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.scale_bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.readout)
        layout.addWidget(buttons)
        self.resize(760, 620)

    # ------------------------------------------------------------------ building

    def _header_text(self) -> str:
        s = self.summary
        shape = "(" + ", ".join(str(d) for d in s.get("shape", [])[1:]) + ")"
        text = self.tr("{key} · {kind} · output {shape}").format(
            key=self.key, kind=s.get("class_name", ""), shape=shape
        )
        if s.get("min") is not None:
            text += "\n" + self.tr(
                "min {low:.4g} · max {high:.4g} · mean {mean:.4g} · zeros {zeros} %"
            ).format(low=s["min"], high=s["max"], mean=s["mean"], zeros=round(100 * s["zeros"]))
        return text

    def _build_channels(self) -> None:
        values = self.values
        is_input = self.summary.get("class_name") == "InputLayer"
        self.all_view = PictureView()
        self.all_picture = fitted(
            lambda zoom: render.picture(values, is_image=is_input, max_tiles=ALL_TILES, zoom=zoom)
        )
        self.all_view.set_picture(self.all_picture)
        self.all_view.hovered.connect(lambda cell: self._read(cell, self.all_picture, None))
        self.tabs.addTab(self.all_view, self._all_title())
        if values.ndim != 3 or is_input:
            self.channel_spin = None
            return
        page = QWidget()
        self.channel_spin = QSpinBox()
        self.channel_spin.setRange(1, values.shape[-1])
        self.channel_spin.setPrefix(self.tr("channel "))
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(1, values.shape[-1])
        slider.valueChanged.connect(self.channel_spin.setValue)
        self.channel_spin.valueChanged.connect(slider.setValue)
        self.channel_spin.valueChanged.connect(self._show_channel)
        self.one_view = PictureView()
        self.one_view.hovered.connect(self._read_channel)
        row = QHBoxLayout()
        row.addWidget(self.channel_spin)
        row.addWidget(slider, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.one_view, 1)
        self.tabs.addTab(page, self.tr("One channel"))
        self._show_channel(1)

    def _all_title(self) -> str:
        picture = self.all_picture
        if picture.kind == "maps":
            return self.tr("All {count} channels").format(count=picture.total)
        if picture.kind == "vector":
            return self.tr("{count} units").format(count=picture.total)
        if picture.kind == "sequence":
            return self.tr("Time × features")
        return self.tr("The sample")

    def _build_weights(self) -> None:
        if not self.weights:
            return
        name, array = max(self.weights.items(), key=lambda item: (item[1].ndim, item[1].size))
        self.weight_array = array
        self.weight_picture = render.weights_picture(array)
        if self.weight_picture.kind == "kernels":
            self.weight_picture = fitted(
                lambda zoom: render.kernels_picture(array, max_tiles=ALL_TILES, zoom=zoom)
            )
        else:
            self.weight_picture = fitted(lambda zoom: render.zoomed(self.weight_picture, zoom))
        view = PictureView()
        view.set_picture(self.weight_picture)
        view.hovered.connect(self._read_weight)
        shape = " × ".join(str(d) for d in array.shape)
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(self._weights_note(name, shape))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(view, 1)
        self.tabs.addTab(page, self.tr("Weights"))

    def _weights_note(self, name: str, shape: str) -> str:
        if self.weight_picture.kind == "kernels":
            if self.weight_array.shape[-2] == 3:
                return self.tr(
                    "{name} {shape}: each filter as a small colour image (its three input "
                    "channels as red, green and blue, stretched to its own range)."
                ).format(name=name, shape=shape)
            return self.tr(
                "{name} {shape}: each filter averaged over its input channels; blue below zero, "
                "red above."
            ).format(name=name, shape=shape)
        return self.tr(
            "{name} {shape}: one row per input, one column per unit; blue below zero, red above."
        ).format(name=name, shape=shape)

    def _on_tab(self) -> None:
        """The colour bar of the pictures shown (the weights have their own scale)."""
        on_weights = self.tabs.tabText(self.tabs.currentIndex()) == self.tr("Weights")
        picture = self.weight_picture if on_weights else self.all_picture
        self.scale_bar.set_scale(picture.scale)
        self.readout.setText(self._hover_hint())  # the last tab's value would read as this one's

    def _hover_hint(self) -> str:
        return self.tr("Hover the pictures to read the values.")

    # ------------------------------------------------------------------ reading values

    def _show_channel(self, channel: int) -> None:
        values = self.values[:, :, channel - 1]
        scale = render.colour_scale(self.values)  # the node's scale: channels compare
        height, width = values.shape
        single = render.Picture(
            render.colourize(values, scale),
            [render.Cell(0, 0, width, height, channel - 1)],
            "maps",
            scale,
            1,
            1,
        )
        self.one_view.set_picture(fitted(lambda zoom: render.zoomed(single, zoom)))

    def _read_channel(self, cell: tuple[int, int, int] | None) -> None:
        if cell is None or self.channel_spin is None:
            return
        channel = self.channel_spin.value() - 1
        _, row, column = cell
        value = self.values[row, column, channel]
        self.readout.setText(self.tr("channel {c} · row {r} · column {k}: {v:.5g}").format(
            c=channel + 1, r=row + 1, k=column + 1, v=float(value)))  # fmt: skip

    def _read(self, cell: tuple[int, int, int] | None, picture: render.Picture, _: Any) -> None:
        if cell is None:
            return
        index, row, column = cell
        values = self.values
        if picture.kind == "maps" and values.ndim == 3:
            value = values[row, column, index]
            text = self.tr("channel {c} · row {r} · column {k}: {v:.5g}").format(
                c=index + 1, r=row + 1, k=column + 1, v=float(value))  # fmt: skip
        elif picture.kind == "image":
            value = values[row, column] if values.ndim >= 2 else values[row]
            shown = ", ".join(f"{float(v):.4g}" for v in np.atleast_1d(value))
            text = self.tr("row {r} · column {k}: {v}").format(r=row + 1, k=column + 1, v=shown)
        elif picture.kind == "vector":
            columns = picture.cells[0].width // picture.zoom
            unit = row * columns + column
            if unit >= values.size:
                return
            text = self.tr("unit {u}: {v:.5g}").format(
                u=unit + 1, v=float(values.reshape(-1)[unit])
            )
        elif picture.kind == "sequence" and values.ndim == 2:
            steps, features = values.shape
            drawn_steps = picture.cells[0].width // picture.zoom
            drawn_features = picture.cells[0].height // picture.zoom
            step = min(column * math.ceil(steps / drawn_steps), steps - 1)
            feature = min(row * math.ceil(features / drawn_features), features - 1)
            text = self.tr("step {s} · feature {f}: {v:.5g}").format(
                s=step + 1, f=feature + 1, v=float(values[step, feature]))  # fmt: skip
        else:
            return
        self.readout.setText(text)

    def _read_weight(self, cell: tuple[int, int, int] | None) -> None:
        if cell is None:
            return
        index, row, column = cell
        array = self.weight_array
        picture = self.weight_picture
        if picture.kind == "kernels":
            kernel = array if array.ndim == 4 else array[None]
            value = kernel[row, column, :, index]
            shown = ", ".join(f"{float(v):.4g}" for v in value[:3])
            more = " …" if value.size > 3 else ""
            text = self.tr("filter {f} · row {r} · column {k}: {v}").format(
                f=index + 1, r=row + 1, k=column + 1, v=shown + more)  # fmt: skip
        else:
            matrix = array.reshape(array.shape[0], -1) if array.ndim > 1 else array[None]
            rows = math.ceil(matrix.shape[0] / (picture.cells[0].height // picture.zoom))
            columns = math.ceil(matrix.shape[1] / (picture.cells[0].width // picture.zoom))
            i, j = min(row * rows, matrix.shape[0] - 1), min(column * columns, matrix.shape[1] - 1)
            text = self.tr("input {i} · unit {j}: {v:.5g}").format(
                i=i + 1, j=j + 1, v=float(matrix[i, j]))  # fmt: skip
        self.readout.setText(text)


def _layer_weights(path: str | None, key: str) -> dict[str, np.ndarray]:
    """The weights of the node's layer, by weight name."""
    if not path:
        return {}
    layer = layer_path(parse_key(key)[0])
    arrays = read_npz(path)
    prefix = f"{layer}/"
    return {k[len(prefix) :]: v for k, v in arrays.items() if k.startswith(prefix)}
