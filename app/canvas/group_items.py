"""Groups on the canvas: a collapsed group's card, and the frame around an expanded one.

A collapsed group is one card (`GroupItem`, a `NodeItem` whose ports carry no gestures): its
name, how many layers it holds, its parameters and the shapes going in and out, drawn over two
offset cards so that it reads as a stack of layers. The chevron at its top right, a double
click, or "+" opens it where it stands. An expanded group is a tinted frame (`FrameItem`)
behind its cards with its name in a title bar; the chevron there, or "-" on a card inside,
closes it again. Both are views: opening and closing never edits the model.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QStaticText
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.canvas import theme
from app.canvas.node_item import DETAIL_ZOOM, FAR_ZOOM, NodeAnnotation, NodeInfo, NodeItem
from engine.diagram.view import group_unit

STACK = 4.0  # offset of each card drawn behind a group's card
_FAR_TITLE = 11.0  # screen pixels of a frame's name when zoomed out
TITLE_HEIGHT = 32.0  # a frame's title bar (the layout keeps 40 px above a frame's cards)


def chevron(painter: QPainter, centre: QPointF, open_: bool, color: QColor) -> None:
    """A small chevron: pointing right (closed, click to open) or down (open)."""
    path = QPainterPath()
    if open_:
        path.moveTo(centre + QPointF(-4.5, -2.0))
        path.lineTo(centre + QPointF(0.0, 2.5))
        path.lineTo(centre + QPointF(4.5, -2.0))
    else:
        path.moveTo(centre + QPointF(-2.0, -4.5))
        path.lineTo(centre + QPointF(2.5, 0.0))
        path.lineTo(centre + QPointF(-2.0, 4.5))
    pen = QPen(color, 1.8)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


class GroupItem(NodeItem):
    """The card of a collapsed group.

    Attributes:
        group_key: the group's key (`engine.diagram.groups.Group.key`).
        members: the node ids it stands for.
    """

    is_group = True

    def __init__(self, key: str, info: NodeInfo, members: list[str]) -> None:
        self.group_key = key
        self.members = members
        super().__init__(group_unit(key), info)
        # the in and out lines are reserved now: the card keeps its size when Keras answers
        self.set_annotation(NodeAnnotation(shapes=["in  …", "out  …"]))

    def _relayout(self) -> None:
        super()._relayout()
        self._bounds = self._bounds.adjusted(0, 0, 2 * STACK, 0)  # the cards behind
        for port in self.output_ports:  # the wire leaves from under the last card of the stack
            port.setPos(port.x, port.y + 2 * STACK)

    def chevron_rect(self) -> QRectF:
        rect = self.card_rect()
        return QRectF(rect.right() - 28, rect.top() + 4, 24, 22)

    def port_at(self, pos: QPointF):
        return None  # a group's ports take no wires: open it to connect its layers

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        rect = self.card_rect()
        if lod >= 0.25:
            painter.setPen(QPen(theme.NODE_BORDER, 1.0))
            painter.setBrush(QBrush(theme.GROUP_STACK))
            for step in (2, 1):
                painter.drawRoundedRect(rect.translated(step * STACK, step * STACK), 6, 6)
        super().paint(painter, option, widget)
        if lod >= DETAIL_ZOOM:
            chevron(painter, self.chevron_rect().center(), False, theme.TEXT_MUTED)

    def card_fill(self) -> QColor:
        return theme.GROUP_FILL

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        on_chevron = self.chevron_rect().contains(event.pos())
        if on_chevron:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        scene = self.scene()
        if not self.toolTip() and scene is not None:
            self.setToolTip(scene.describe_group(self.group_key))

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.chevron_rect().contains(
            event.pos()
        ):
            event.accept()
            self.scene().expand_group(self.group_key)
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.scene().expand_group(self.group_key)


class FrameItem(QGraphicsItem):
    """The frame drawn behind the cards of an expanded group.

    Attributes:
        group_key: the group's key.
        label: its name; `count` the layers it holds; `depth` 1 for a top-level group.
    """

    def __init__(self, key: str, label: str, count: int, depth: int) -> None:
        super().__init__()
        self.group_key = key
        self.label = label
        self.count = count
        self.depth = depth
        self._rect = QRectF()
        self._title: QStaticText | None = None
        self.setZValue(-10 + depth)  # below the wires (-1); an inner frame over its outer one
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)

    def set_rect(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    def title_rect(self) -> QRectF:
        return QRectF(self._rect.left(), self._rect.top(), self._rect.width(), TITLE_HEIGHT)

    def chevron_rect(self) -> QRectF:
        return QRectF(self._rect.left() + 4, self._rect.top() + 3, 22, 22)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        fill, border = _frame_colors(self.depth)
        if lod < FAR_ZOOM:  # the view writes the name large instead (a place name on a map)
            painter.setPen(QPen(border, 1.2))
            painter.setBrush(fill)
            painter.drawRect(self._rect)  # round corners a pixel wide cost, and show nothing
            return
        # a frame is large and a pan repaints it again and again: opaque (no blending), and
        # where no border shows, a plain fill of the exposed part
        if self._rect.adjusted(12, 12, -12, -12).contains(option.exposedRect):
            painter.fillRect(option.exposedRect, fill)
        else:
            painter.setPen(QPen(border, 1.2))
            painter.setBrush(fill)
            painter.drawRoundedRect(self._rect, 10, 10)
        if lod < DETAIL_ZOOM:
            self._paint_far_title(painter, lod)
            return
        chevron(painter, self.chevron_rect().center(), True, theme.FRAME_TITLE)
        if self._title is None:
            title = QCoreApplication.translate("Canvas", "{0}  ·  {1} layers")
            self._title = QStaticText(title.format(self.label, self.count))
            self._title.setTextFormat(Qt.TextFormat.PlainText)
        painter.setFont(_title_font())
        painter.setPen(theme.FRAME_TITLE)
        painter.save()
        painter.setClipRect(self.title_rect().adjusted(28, 0, -8, 0))
        painter.drawStaticText(QPointF(self._rect.left() + 28, self._rect.top() + 6), self._title)
        painter.restore()

    def _paint_far_title(self, painter: QPainter, lod: float) -> None:
        """Zoomed out: the name alone, as large as the title bar allows (readable), its foot
        on the bar's bottom so that larger letters grow upwards, away from the cards."""
        pixels = max(_FAR_TITLE / lod, TITLE_HEIGHT * 0.62)
        font = QFont(_title_font())
        font.setPixelSize(round(pixels))
        painter.setFont(font)
        painter.setPen(theme.FRAME_TITLE)
        bar = self.title_rect()
        area = QRectF(bar.left() + 10, bar.bottom() - pixels * 1.3, bar.width() - 20, pixels * 1.3)
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         self.label)  # fmt: skip

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if self.title_rect().contains(event.pos()):
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(
                QCoreApplication.translate(
                    "Canvas",
                    "<b>{0}</b>: {1} layers. Click the title to select them; click the chevron "
                    "(or press −) to close this group into one card.",
                ).format(self.label, self.count)
            )
        else:
            self.unsetCursor()
            self.setToolTip("")

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.chevron_rect().contains(event.pos()):
            event.accept()
            self.scene().collapse_group(self.group_key)
            return
        if self.title_rect().contains(event.pos()):
            event.accept()  # a double click on the title closes the group
            add = event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
            )
            self.scene().select_frame(self.group_key, add=bool(add))
            return
        event.ignore()  # the empty inside of a frame is canvas: rubber-band selection

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.title_rect().contains(event.pos()):
            self.scene().collapse_group(self.group_key)
        else:
            event.ignore()


@functools.cache
def _frame_colors(depth: int) -> tuple[QColor, QColor]:
    """The fill of a frame at `depth`, opaque (its tint laid over the frames it sits in), and
    its border."""
    color = QColor(theme.BACKGROUND)
    for level in range(depth):
        tint = theme.FRAME_FILLS[level % len(theme.FRAME_FILLS)]
        alpha = tint.alphaF()
        color = QColor.fromRgbF(
            color.redF() * (1 - alpha) + tint.redF() * alpha,
            color.greenF() * (1 - alpha) + tint.greenF() * alpha,
            color.blueF() * (1 - alpha) + tint.blueF() * alpha,
        )
    return color, theme.FRAME_BORDERS[(depth - 1) % len(theme.FRAME_BORDERS)]


@functools.cache
def _title_font() -> QFont:
    font = QFont(theme.fonts()["title"])
    font.setPointSizeF(9.0)
    return font
