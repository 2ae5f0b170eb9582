"""The three pages of the Look inside tab: a row of the data, a drawing, an image file.

Each page only lays out its widgets; the chooser (`sample_chooser`) reads and sets them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.style import set_role
from app.training.paint_pad import PaintPad

PREVIEW_PIXELS = 112


class DataPage(QWidget):
    """An index slider over the data's rows, the row's picture (or numbers) and its label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.spin = QSpinBox()
        self.spin.setPrefix(self.tr("# "))
        self.slider.valueChanged.connect(self.spin.setValue)
        self.spin.valueChanged.connect(self.slider.setValue)
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_PIXELS, PREVIEW_PIXELS)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #111827; color: #e5e7eb;")
        self.preview.setWordWrap(True)
        self.label_text = QLabel()
        font = self.label_text.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.label_text.setFont(font)
        self.note = QLabel()
        self.note.setWordWrap(True)
        set_role(self.note, "muted")
        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        shown = QHBoxLayout()
        shown.addWidget(self.preview)
        side = QVBoxLayout()
        side.addWidget(self.label_text)
        side.addWidget(self.note)
        side.addStretch(1)
        shown.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(shown)
        layout.addStretch(1)


class DrawingPage(QWidget):
    """The paint pad, a note on what to draw, and Clear."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pad = PaintPad(8)
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(self.pad.clear)
        self.note = QLabel()
        self.note.setWordWrap(True)
        set_role(self.note, "muted")
        side = QVBoxLayout()
        side.addWidget(self.note)
        side.addWidget(clear, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(side, 1)


class ImagePage(QWidget):
    """A path, Browse…, and the image as read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("An image file (PNG, JPEG…)"))
        self.browse = QPushButton(self.tr("Browse…"))
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_PIXELS, PREVIEW_PIXELS)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note = QLabel(self.tr("The image is converted to the input's channels and resized to "
                              "its height and width."))  # fmt: skip
        note.setWordWrap(True)
        set_role(note, "muted")
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.preview)
        layout.addWidget(note)
        layout.addStretch(1)


def pixmap(image: np.ndarray, side: int) -> QPixmap:
    """A grey or RGB image in [0, 1] as a pixmap enlarged with crisp pixels."""
    rgb = np.clip(image * 255, 0, 255).astype("uint8")
    if rgb.ndim == 2:
        rgb = np.repeat(rgb[:, :, None], 3, axis=2)
    rgb = np.ascontiguousarray(rgb)
    height, width = rgb.shape[:2]
    qimage = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
    return QPixmap.fromImage(qimage).scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.FastTransformation)  # fmt: skip
