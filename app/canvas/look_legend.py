"""The colour legend of the thumbnails, in the canvas's lower-left corner.

It says what the cards show (which sample, which weights), how to read the colours (blue below
zero, white at zero, red above, each card on its own scale; magenta for NaN), and offers to
switch between activations and weights or to hide the thumbnails. On a low canvas (a laptop, a
projector at 1280x800) it is compact: the weights line and the hints move to its tooltip, so the
strip the view keeps free for it costs less of the drawing. The user can drag it elsewhere, and it
keeps that spot (from the lower-left corner) while the view is resized.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from engine.training.look.render import legend

MARGIN = 12
COMPACT_BELOW = 600  # view height (pixels) under which the legend leaves its detail to the tooltip


class LookLegend(QFrame):
    """A small floating panel over a view (a child of the view, placed in its corner).

    Signals:
        mode_changed(str): "activations" or "weights".
        close_requested(): the user hides the thumbnails.
    """

    mode_changed = Signal(str)
    close_requested = Signal()

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.setObjectName("lookLegend")
        self.setStyleSheet(
            "#lookLegend { background: rgba(255, 255, 255, 235); border: 1px solid #d1d5db;"
            " border-radius: 6px; }"
        )
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #4b5563;")
        bar = QLabel()
        rgb = np.ascontiguousarray(legend(200, 10))
        image = QImage(rgb.data, 200, 10, 600, QImage.Format.Format_RGB888).copy()
        bar.setPixmap(QPixmap.fromImage(image))
        scale = QHBoxLayout()
        scale.setSpacing(6)
        for text, align in ((self.tr("below 0"), Qt.AlignmentFlag.AlignLeft),
                            ("0", Qt.AlignmentFlag.AlignHCenter),
                            (self.tr("above 0"), Qt.AlignmentFlag.AlignRight)):  # fmt: skip
            label = QLabel(text)
            label.setAlignment(align)
            label.setStyleSheet("color: #4b5563;")
            scale.addWidget(label, 1)
        self.activations = QRadioButton(self.tr("Activations"))
        self.weights = QRadioButton(self.tr("Weights"))
        self.activations.setChecked(True)
        self.activations.setToolTip(self.tr("What each node outputs for the chosen sample."))
        self.weights.setToolTip(
            self.tr("Each layer's weights: convolution kernels as small images, Dense matrices "
                    "as heat maps.")
        )  # fmt: skip
        group = QButtonGroup(self)
        group.addButton(self.activations)
        group.addButton(self.weights)
        self.activations.toggled.connect(
            lambda on: self.mode_changed.emit("activations" if on else "weights")
        )
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setStyleSheet("QToolButton { border: none; font-size: 14px; padding: 0 4px; }")
        close.setToolTip(self.tr("Hide the thumbnails"))
        close.clicked.connect(self.close_requested)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        modes = QHBoxLayout()
        modes.addWidget(self.activations)
        modes.addWidget(self.weights)
        modes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(bar)
        layout.addLayout(scale)
        layout.addWidget(self.detail)
        layout.addLayout(modes)
        self.setFixedWidth(290)
        self._offset = QPoint(0, 0)  # where the user dragged it, from the lower-left corner
        self._grab: QPoint | None = None
        self._help = ""
        self.compact = False
        self.hide()
        view.installEventFilter(self)

    def set_text(self, title: str, detail: str, help_text: str = "") -> None:
        """The sample (title), the weights (detail); how to read it all in the tooltip."""
        self.title.setText(title)
        self.detail.setText(detail)
        self._help = help_text
        self._fit_to_view()

    def _fit_to_view(self) -> None:
        """Compact on a low view, full otherwise; the tooltip has whatever is not shown."""
        parent = self.parentWidget()
        self.compact = parent is not None and parent.height() < COMPACT_BELOW
        self.detail.setVisible(not self.compact)
        drag = self.tr("Drag it by its background if it covers cards.")
        parts = [self.detail.text()] if self.compact and self.detail.text() else []
        parts += [self._help] if self._help else []
        self.setToolTip("\n\n".join([*parts, drag]))
        layout = self.layout()
        layout.activate()
        height = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        height = height if height > 0 else self.sizeHint().height()
        self.setFixedHeight(height)
        self.place()

    def covered_corner(self) -> QSize:
        """What it covers of the view's lower-left corner (nothing once dragged away)."""
        if not self.isVisible() or not self._offset.isNull():
            return QSize()
        return QSize(self.width() + 2 * MARGIN, self.height() + 2 * MARGIN)

    def place(self) -> None:
        """In the lower-left corner, or where the user dragged it, always inside the view."""
        parent = self.parentWidget()
        if parent is None:
            return
        x = MARGIN + self._offset.x()
        y = parent.height() - self.height() - MARGIN + self._offset.y()
        self.move(
            max(0, min(x, parent.width() - self.width())),
            max(0, min(y, parent.height() - self.height())),
        )

    # dragged by any part that is not a control (the controls take their own clicks)
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._grab = event.position().toPoint()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        parent = self.parentWidget()
        if self._grab is None or parent is None:
            super().mouseMoveEvent(event)
            return
        corner = self.mapToParent(event.position().toPoint()) - self._grab
        home = QPoint(MARGIN, parent.height() - self.height() - MARGIN)
        self._offset = corner - home
        self.place()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._grab is not None:
            self._grab = None
            self.unsetCursor()
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit_to_view()  # before the view's own resize handling refits the drawing
        return False
