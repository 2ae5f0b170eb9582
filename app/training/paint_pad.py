"""A small paint pad: draw a grey digit (8 x 8 or 28 x 28) to run through the model.

Values are in [0, 1] with ink at 1, as the digits and Fashion-MNIST datasets hold them, and the
pad draws them the same way the input thumbnail does: white ink on black. The left button
paints with a soft round brush, the right button erases.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PAD_PIXELS = 168  # on screen: 21 px a cell at 8 x 8, 6 px at 28 x 28


class PaintPad(QWidget):
    """A square grid of grey values the user paints.

    Signals:
        changed(): a stroke ended (the drawing is new).
    """

    changed = Signal()

    def __init__(self, side: int = 8, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values = np.zeros((side, side), dtype="float32")
        self._painting: float | None = None  # 1.0 paints, 0.0 erases, None: no stroke
        self._last: QPointF | None = None  # the stroke's last point: moves join up to it
        self._dirty = False
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(
            self.tr("Draw with the left button, erase with the right. Ink is 1, paper is 0.")
        )

    @property
    def side(self) -> int:
        return int(self.values.shape[0])

    def set_side(self, side: int) -> None:
        """A new, empty pad of `side` x `side` cells."""
        if side != self.side:
            self.values = np.zeros((side, side), dtype="float32")
            self.update()

    def clear(self) -> None:
        self.values[:] = 0.0
        self.update()
        self.changed.emit()

    def set_values(self, values: np.ndarray) -> None:
        """Show `values` (side x side, in [0, 1])."""
        self.values = np.clip(np.asarray(values, dtype="float32"), 0.0, 1.0)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(PAD_PIXELS, PAD_PIXELS)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    # ------------------------------------------------------------------ painting by the user

    def _cell_at(self, point: QPointF) -> tuple[float, float]:
        scale = self.side / PAD_PIXELS
        return point.y() * scale, point.x() * scale

    def _stroke(self, point: QPointF) -> None:
        """Ink (or erase) along the segment from the last point: a fast drag leaves no gaps."""
        last = self._last or point
        self._last = QPointF(point)
        steps = max(1, int(max(abs(point.x() - last.x()), abs(point.y() - last.y())) / 3))
        for i in range(1, steps + 1):
            t = i / steps
            self._dab(QPointF(last.x() + (point.x() - last.x()) * t,
                              last.y() + (point.y() - last.y()) * t))  # fmt: skip
        self._dirty = True
        self.update()

    def _dab(self, point: QPointF) -> None:
        row, column = self._cell_at(point)
        radius = 1.0 if self.side <= 8 else 1.6  # a pen about as wide as a digit's stroke
        rows, columns = np.mgrid[0 : self.side, 0 : self.side] + 0.5
        distance = np.hypot(rows - row, columns - column)
        # full ink within half the radius, fading to paper at one and a half radii
        strength = np.clip(1.5 - distance / radius, 0.0, 1.0)
        if self._painting:
            self.values = np.maximum(self.values, strength.astype("float32"))
        else:
            self.values = np.where(strength > 0.3, 0.0, self.values).astype("float32")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            self._painting = 1.0 if event.button() == Qt.MouseButton.LeftButton else 0.0
            self._last = None
            self._stroke(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._painting is not None:
            self._stroke(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._painting = None
        self._last = None
        if self._dirty:
            self._dirty = False
            self.changed.emit()

    # ------------------------------------------------------------------ drawing on screen

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        cell = PAD_PIXELS / self.side
        grey = np.round(self.values * 255).astype(int)
        painter.setPen(Qt.PenStyle.NoPen)
        for row in range(self.side):
            for column in range(self.side):
                level = int(grey[row, column])
                painter.setBrush(QColor(level, level, level))
                painter.drawRect(QRectF(column * cell, row * cell, cell + 0.5, cell + 0.5))
        if self.side <= 8:  # a grid helps to see the cells of a small pad
            painter.setPen(QPen(QColor(80, 80, 80), 1))
            for i in range(1, self.side):
                painter.drawLine(QPointF(i * cell, 0), QPointF(i * cell, PAD_PIXELS))
                painter.drawLine(QPointF(0, i * cell), QPointF(PAD_PIXELS, i * cell))
        painter.setPen(QPen(QColor("#9ca3af"), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0.5, 0.5, PAD_PIXELS - 1, PAD_PIXELS - 1))
        painter.end()
