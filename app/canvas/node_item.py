"""A node: one call of a layer, drawn as a card with ports.

The card shows the layer's name, its class (or "Input", or the nested model's kind), the output
shape(s) and parameter count Keras computes, an error badge when Keras would refuse the call,
a colour chip and "call i of n" on shared layers, and an "output i" badge below model outputs.

Painting must stay cheap with thousands of nodes: every text is laid out once into a
`QStaticText` (on the first paint after the node's content changes), never per paint.
Zoomed far out, a node draws only its card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QStaticText
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.canvas import theme
from app.canvas.card_text import advance, elide, paint_far_print
from app.canvas.port_item import PortItem

_MOVED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
)
_CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache
_UNCACHED = QGraphicsItem.CacheMode.NoCache
CACHE_ZOOM = 0.45  # from this zoom up cards are cached as pixmaps (and show their ports)
DETAIL_ZOOM = 0.62  # from this zoom up a card's small print (8 pt shapes) is readable
FAR_ZOOM = 0.22  # below this a card is too small on screen (48 px wide) for any name
_PAD = 10.0
_TITLE_Y = 9.0
_LINE = 15.0


@dataclass
class NodeInfo:
    """What a node shows of the graph's structure (cheap to compute, no Keras)."""

    name: str
    kind_text: str  # "Conv2D", "Input", "Sequential · 8 layers"
    class_name: str
    accent: QColor
    is_input: bool = False
    is_model: bool = False
    inputs: list[tuple[Any, str, bool]] = field(default_factory=list)  # (path, label, connected)
    merge: bool = False  # grows a "+" port
    outputs: int = 1
    output_badges: dict[int, int] = field(default_factory=dict)  # tensor index -> model output #
    call: tuple[int, int] | None = None  # (i, n) of a shared layer, 1-based
    chip: QColor | None = None


@dataclass
class NodeAnnotation:
    """What Keras says about the node: shapes, parameters, error."""

    shapes: list[str] = field(default_factory=list)
    params: str = ""
    error: str | None = None


class NodeItem(QGraphicsItem):
    """The card of one node (one Keras call)."""

    is_group = False  # a collapsed group's card (`app.canvas.group_items.GroupItem`) says True

    def __init__(self, node_id: str, info: NodeInfo) -> None:
        super().__init__()
        self.node_id = node_id
        self.info = info
        self.annotation = NodeAnnotation()
        self.result: Any = None  # the engine's NodeResult last shown (identity = up to date)
        self.sibling = False  # another call of the same layer is selected
        self.input_ports: list[PortItem] = []
        self.output_ports: list[PortItem] = []
        self._rect = QRectF()
        self._bounds = QRectF()
        self._far_brush = QBrush(info.accent.lighter(170))
        self._texts: list[tuple[float, float, str, str]] | None = None  # see texts()
        self._statics: list[QStaticText] | None = None
        self._badges: list[tuple[QRectF, str]] = []
        self._hovered_port: PortItem | None = None
        self._far_name: tuple | None = None  # (sizes, texts) of the far print
        # the name read from afar: inside a frame, what the frame's name does not already say
        # (`1_conv` in the frame conv3_block2); the scene sets it
        self.short_name: str | None = None
        self._wiring = False
        self.setFlags(_FLAGS)  # wires sit below cards: their z value is negative
        self.setAcceptHoverEvents(True)
        self._relayout()

    def set_cached(self, on: bool) -> None:
        """Cache the card as a pixmap, so that panning blits it instead of painting it again.

        Worth it only where the card shows its text (`CACHE_ZOOM`): zoomed far out, filling a
        pixmap for each of thousands of small cards costs more than drawing them.
        """
        self.setCacheMode(_CACHED if on else _UNCACHED)

    # ------------------------------------------------------------------ content

    def set_info(self, info: NodeInfo) -> None:
        """New structure (name, ports, badges): rebuild texts and ports."""
        self.info = info
        self._far_brush = QBrush(info.accent.lighter(170))
        self._relayout()

    def set_annotation(self, annotation: NodeAnnotation) -> None:
        if annotation != self.annotation:
            self.annotation = annotation
            self._relayout()

    def port_for_path(self, path: Any) -> PortItem | None:
        for port in self.input_ports:
            if port.path == path:
                return port
        return None

    def output_port(self, index: int) -> PortItem | None:
        return self.output_ports[index] if 0 <= index < len(self.output_ports) else None

    def _relayout(self) -> None:
        """Geometry and ports now; the texts on the next paint (only cards on screen pay)."""
        self.prepareGeometryChange()
        info = self.info
        top = 12.0 if any(label for _, label, _ in info.inputs) else 0.0
        # one line per output tensor, reserved before Keras answers so that the card keeps its
        # size (and the layout made for it) when the shapes arrive
        lines = len(self.annotation.shapes) or info.outputs
        height = max(top + _TITLE_Y + 18 + _LINE + 2 + lines * (_LINE - 1) + 8, top + 48)
        self._rect = QRectF(0, top, theme.NODE_WIDTH, height - top)
        self._bounds = QRectF(-2, -10, theme.NODE_WIDTH + 4, height + 32)  # ports, badges
        self._layout_ports(top, height)
        self._layout_badges(top, height)
        self._texts = None
        self._statics = None
        self._far_name = None
        self.update()

    def texts(self) -> list[tuple[float, float, str, str]]:
        """The card's texts as (x, y, text, font key), elided to fit."""
        if self._texts is None:
            self._texts = self._layout_texts()
        return self._texts

    def _layout_texts(self) -> list[tuple[float, float, str, str]]:
        info, note = self.info, self.annotation
        top = self._rect.top()
        texts = [(port.x + 7, top - 14, port.label, "tiny")  # beside the wire, not on it
                 for port in self.input_ports if port.label and not port.is_plus]  # fmt: skip
        y = top + _TITLE_Y
        inner = theme.NODE_WIDTH - 2 * _PAD
        title_width = inner - (80 if info.call else 24)
        texts.append((_PAD + 4, y, elide(info.name, "title", title_width), "title"))
        y += 18
        params_width = advance(note.params, "small") + 8 if note.params else 0
        kind_fits = advance(info.kind_text, "small") <= inner - 4 - params_width
        # the parameter count goes beside the class, or beside the first shape if that is long
        if note.params:
            x = theme.NODE_WIDTH - _PAD - advance(note.params, "small")
            texts.append((x, y if kind_fits else y + _LINE + 2, note.params, "small"))
        kind_width = inner - 4 - (params_width if kind_fits else 0)
        texts.append((_PAD + 4, y, elide(info.kind_text, "small", kind_width), "small"))
        y += _LINE + 2
        for i, shape in enumerate(self.annotation.shapes or ["…"] * info.outputs):
            width = inner - (params_width if i == 0 and not kind_fits else 0)
            texts.append((_PAD + 4, y, elide(shape, "mono", width), "mono"))
            y += _LINE - 1
        return texts

    def _layout_ports(self, top: float, bottom: float) -> None:
        info = self.info
        slots = list(info.inputs)
        if info.merge:
            slots.append((None, "+", False))
        count = len(slots)
        self.input_ports = []
        for i, (path, label, connected) in enumerate(slots):
            port = PortItem(self, is_input=True, path=path, label=label, connected=connected)
            port.setPos(_spread(i, count), top)
            self.input_ports.append(port)
        count = info.outputs
        self.output_ports = []
        for i in range(count):
            port = PortItem(self, is_input=False, index=i, connected=True)
            port.setPos(_spread(i, count), bottom)
            self.output_ports.append(port)

    def _layout_badges(self, top: float, bottom: float) -> None:
        self._badges = []
        for index, number in sorted(self.info.output_badges.items()):
            port = self.output_ports[index] if index < len(self.output_ports) else None
            x = port.x if port is not None else theme.NODE_WIDTH / 2
            text = QCoreApplication.translate("NodeItem", "output {0}").format(number)
            self._badges.append((QRectF(x + 9, bottom + 3, 52, 14), text))

    # ------------------------------------------------------------------ painting

    def boundingRect(self) -> QRectF:
        return self._bounds  # Qt asks often (indexing, moves): computed once per relayout

    def card_rect(self) -> QRectF:
        return QRectF(self._rect)

    def card_fill(self) -> QColor:
        return theme.NODE_FILL

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        info = self.info
        border, width = theme.NODE_BORDER, 1.0
        if self.isSelected():
            border, width = theme.NODE_SELECTED, 2.2
        elif self.sibling:
            border, width = theme.NODE_SIBLING, 2.2
        elif self.annotation.error:
            border = theme.ERROR
        painter.setPen(QPen(border, width))
        painter.setBrush(QBrush(self.card_fill()))
        rect = self._rect
        if lod < FAR_ZOOM:  # far away: the card alone (the view writes group names large)
            painter.setBrush(self._far_brush)
            painter.drawRect(rect)
            return
        painter.drawRoundedRect(rect, 6, 6)
        if info.is_model:
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 4, 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(info.accent))
        painter.drawRoundedRect(
            QRectF(rect.left() + 1, rect.top() + 6, 4, rect.height() - 12), 2, 2
        )
        if lod >= CACHE_ZOOM:
            scene = self.scene()
            editing = scene is None or scene.editing
            for port in self.input_ports:
                if editing or not port.is_plus:
                    port.paint(painter)
            for port in self.output_ports:
                port.paint(painter)
        if lod < DETAIL_ZOOM:
            self._paint_far_name(painter, lod)
            return
        self._paint_texts(painter)
        self._paint_marks(painter)

    def _paint_far_name(self, painter: QPainter, lod: float) -> None:
        """Too far for the card's small print: its name in letters readable at this zoom (no
        card is drawn blank where a name would fit); see `app.canvas.card_text`."""
        self._far_name = paint_far_print(painter, self._rect, self.short_name or self.info.name,
                                         self.info.kind_text, lod, self._far_name)  # fmt: skip

    def _paint_texts(self, painter: QPainter) -> None:
        fonts = theme.fonts()
        texts = self.texts()
        if self._statics is None:
            self._statics = [_static(text) for _, _, text, _ in texts]
        for (x, y, _, font), static in zip(texts, self._statics, strict=True):
            painter.setFont(fonts[font])
            painter.setPen(theme.TEXT if font in ("title", "mono") else theme.TEXT_MUTED)
            painter.drawStaticText(QPointF(x, y), static)

    def _paint_marks(self, painter: QPainter) -> None:
        rect = self._rect
        info = self.info
        fonts = theme.fonts()
        if info.call is not None and info.chip is not None:
            chip = QRectF(rect.right() - 70, rect.top() + 7, 62, 14)
            painter.setBrush(QBrush(info.chip))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(chip, 7, 7)
            painter.setPen(QColor("white"))
            painter.setFont(fonts["badge"])
            call = QCoreApplication.translate("NodeItem", "call {0} of {1}")
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, call.format(*info.call))
        if self.annotation.error:
            centre = QPointF(rect.right() - (82 if info.call else 12), rect.top() + 14)
            painter.setBrush(QBrush(theme.ERROR))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(centre, 7, 7)
            painter.setPen(QColor("white"))
            painter.setFont(fonts["badge"])
            painter.drawText(QRectF(centre.x() - 7, centre.y() - 7, 14, 14),
                             Qt.AlignmentFlag.AlignCenter, "!")  # fmt: skip
        for badge, text in self._badges:
            painter.setBrush(QBrush(theme.OUTPUT_BADGE))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(badge, 7, 7)
            painter.setPen(QColor("white"))
            painter.setFont(fonts["badge"])
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

    # ------------------------------------------------------------------ interaction

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == _MOVED:
            scene = self.scene()
            if scene is not None:
                scene.node_moved(self)
        return value  # what QGraphicsItem.itemChange returns, without a round trip to C++

    def port_at(self, pos: QPointF) -> PortItem | None:
        """The port under `pos` (node coordinates), if any."""
        for port in self.input_ports + self.output_ports:
            if port.hit_rect().contains(pos):
                return port
        return None

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hoverMoveEvent(event)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        port = self.port_at(event.pos())
        if port is self._hovered_port and self.toolTip():
            return
        if self._hovered_port is not None:
            self._hovered_port.hovered = False
        self._hovered_port = port
        scene = self.scene()
        if port is not None:
            port.hovered = True
            self.setCursor(Qt.CursorShape.CrossCursor)
            self.setToolTip(scene.describe_port(port) if scene is not None else "")
        else:
            self.unsetCursor()
            self.setToolTip(scene.describe_node(self.node_id) if scene is not None else "")
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if self._hovered_port is not None:
            self._hovered_port.hovered = False
            self._hovered_port = None
            self.update()
        self.setToolTip("")

    # a press on a port draws a wire instead of moving the node
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        port = self.port_at(event.pos()) if event.button() == Qt.MouseButton.LeftButton else None
        if port is not None:
            self._wiring = True
            self.scene().begin_wire(port, event.scenePos())
            event.accept()
            return
        self._wiring = False
        _shift_as_ctrl(event)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._wiring:
            self.scene().move_wire(event.scenePos())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._wiring:
            self._wiring = False
            self.scene().finish_wire(event.scenePos())
            return
        _shift_as_ctrl(event)  # Qt settles the selection on release too
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.info.is_model:
            self.scene().enter_node(self.node_id)
        else:
            super().mouseDoubleClickEvent(event)


def _static(text: str) -> QStaticText:
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    return static


def _spread(i: int, count: int) -> float:
    """x of port i of count, evenly spread over the card's width."""
    return theme.NODE_WIDTH * (i + 1) / (count + 1)


def _shift_as_ctrl(event: QGraphicsSceneMouseEvent) -> None:
    """Shift+click adds to the selection, as in most editors (Qt's own key is Ctrl)."""
    if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
        event.setModifiers(event.modifiers() | Qt.KeyboardModifier.ControlModifier)
