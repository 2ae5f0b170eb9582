"""The minimap: the whole graph in the canvas's corner, with the part the view shows.

Frames and cards are drawn as small shapes in their colours; the rectangle is the view. A click
or a drag in the minimap moves the view there. Shown or hidden from View ▸ Minimap (the choice
is kept for the next start); hidden on an empty canvas. The drawing is cached and made again only
after the scene changed.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSettings, Qt, QTimer
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsView, QWidget

from app.canvas import theme

WIDTH, MAX_HEIGHT, MIN_HEIGHT = 190, 140, 60
MARGIN = 12
SETTING = "canvas/minimap"


class Minimap(QWidget):
    """An overview of the scene in the bottom-right corner of `view`'s viewport."""

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self._view = view
        self._pixmap: QPixmap | None = None
        self._content = QRectF()
        self._wanted = QSettings().value(SETTING, True, type=bool)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("The whole graph: click or drag to move the view."))
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(150)
        self._stale.timeout.connect(self.refresh)
        view.scene().changed.connect(lambda _rects: self._stale.start())
        view.scene().rebuilt.connect(self.refresh)
        self.refresh()

    def set_wanted(self, on: bool) -> None:
        """Show or hide the minimap (View ▸ Minimap), remembered for the next start."""
        self._wanted = on
        QSettings().setValue(SETTING, on)
        self.refresh()

    def is_wanted(self) -> bool:
        return self._wanted

    # ------------------------------------------------------------------ geometry

    def place(self) -> None:
        """Size to the graph's shape, in the corner of the viewport."""
        content = self._content
        height = MAX_HEIGHT
        if not content.isEmpty():
            height = round(min(max(WIDTH * content.height() / content.width(), MIN_HEIGHT),
                               MAX_HEIGHT))  # fmt: skip
        viewport = self._view.viewport().geometry()
        self.setGeometry(viewport.right() - WIDTH - MARGIN, viewport.bottom() - height - MARGIN,
                         WIDTH, height)  # fmt: skip

    def _scale(self) -> tuple[float, QPointF]:
        """Scene units to minimap pixels, and the offset of the content's corner."""
        content = self._content
        inner = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        scale = min(inner.width() / content.width(), inner.height() / content.height())
        offset = QPointF(inner.center().x() - content.width() * scale / 2,
                         inner.center().y() - content.height() * scale / 2)  # fmt: skip
        return scale, offset

    def to_scene(self, point: QPointF) -> QPointF:
        scale, offset = self._scale()
        return self._content.topLeft() + (point - offset) / scale

    def to_map(self, rect: QRectF) -> QRectF:
        scale, offset = self._scale()
        corner = (rect.topLeft() - self._content.topLeft()) * scale + offset
        return QRectF(corner.x(), corner.y(), rect.width() * scale, rect.height() * scale)

    # ------------------------------------------------------------------ drawing

    def refresh(self) -> None:
        """Draw the graph again (after the scene changed)."""
        if not self._wanted:
            self.setVisible(False)
            return
        scene = self._view.scene()
        self._content = scene.drawing_rect().adjusted(-24, -24, 24, 24)
        self._pixmap = None
        self.sync()

    def sync(self) -> None:
        """Shown when wanted and the view does not already show the whole graph."""
        shown_part = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        drawing = self._content.adjusted(24, 24, -24, -24)  # without the margin
        # an empty model draws nothing: its null rect is never `contained`, so test it first
        needed = not drawing.isEmpty() and not shown_part.contains(drawing)
        shown = self._wanted and needed
        if shown:
            self.place()
            self.update()
        if shown != self.isVisible():
            self.setVisible(shown)

    def _drawing(self) -> QPixmap:
        if self._pixmap is None or self._pixmap.size() != self.size():
            self._pixmap = QPixmap(self.size())
            self._pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(self._pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(theme.NODE_BORDER, 1))
            painter.setBrush(theme.MINIMAP_FILL)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
            scene = self._view.scene()
            for frame in sorted(scene.frames.values(), key=lambda f: f.depth):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.FRAME_BORDERS[(frame.depth - 1) % 3])
                painter.drawRect(self.to_map(frame.rect()))
            painter.setPen(Qt.PenStyle.NoPen)
            for card in [*scene.nodes.values(), *scene.groups.values(), *scene.inner.values()]:
                painter.setBrush(card.info.accent)
                rect = card.card_rect().translated(card.pos())
                painter.drawRect(self.to_map(rect))
            painter.end()
        return self._pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._content.isEmpty():
            return
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._drawing())
        shown = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        frame = self.to_map(shown).intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.setPen(QPen(theme.MINIMAP_VIEW, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame)
        painter.end()

    # ------------------------------------------------------------------ moving the view

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._view.pan_to(self.to_scene(event.position()))
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._view.pan_to(self.to_scene(event.position()))
            self.update()
