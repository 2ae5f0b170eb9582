"""A port: one input slot or one output tensor of a node, the ends of wires.

Ports are small child items of their node. Input ports sit on the node's top edge (in the order
Keras passes the tensors), output ports on its bottom edge (one per returned tensor). Dragging
from a port draws a wire; releasing it over another port (or a node) asks the scene to connect.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.canvas import theme

if TYPE_CHECKING:
    from app.canvas.node_item import NodeItem


class PortItem(QGraphicsItem):
    """An input port (`path` into the call's args) or an output port (`index` of the tensor).

    Attributes:
        node_id: the node it belongs to.
        is_input: input (top edge) or output (bottom edge).
        path: for inputs, the engine's port path (None for a merge layer's "+" port).
        index: for outputs, the tensor index.
        label: what the port is called ("query", "#1", "+"), empty when obvious.
        connected: whether a wire is attached (drawn filled).
    """

    HIT = 7.0  # half-size of the clickable square: larger than the dot, easier to hit

    def __init__(self, parent: NodeItem, *, is_input: bool, path: tuple[Any, ...] | None = None,
                 index: int = 0, label: str = "", connected: bool = False) -> None:  # fmt: skip
        super().__init__(parent)
        self.node_id = parent.node_id
        self.is_input = is_input
        self.path = path
        self.index = index
        self.label = label
        self.connected = connected
        self.is_plus = is_input and path is None
        self._hovered = False
        self.setAcceptHoverEvents(True)
        self.setZValue(2)

    @property
    def node(self) -> NodeItem:
        return self.parentItem()  # type: ignore[return-value]

    def boundingRect(self) -> QRectF:
        return QRectF(-self.HIT, -self.HIT, 2 * self.HIT, 2 * self.HIT)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        radius = theme.PORT_RADIUS + (1.5 if self._hovered else 0.0)
        painter.setPen(QPen(theme.PORT_CONNECTED, 1.4))
        if self.is_plus:
            painter.setBrush(QBrush(theme.PORT_FILL))
            painter.drawEllipse(QPointF(0, 0), radius, radius)
            painter.drawLine(QPointF(-2.5, 0), QPointF(2.5, 0))
            painter.drawLine(QPointF(0, -2.5), QPointF(0, 2.5))
            return
        fill = theme.PORT_CONNECTED if self.connected else theme.PORT_FILL
        if self._hovered:
            fill = theme.WIRE_HOVER
        painter.setBrush(QBrush(fill))
        painter.drawEllipse(QPointF(0, 0), radius, radius)

    # ------------------------------------------------------------------ interaction

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = True
        self.setCursor(Qt.CursorShape.CrossCursor)  # set on demand: cheaper for 1,000s of ports
        scene = self.scene()
        if scene is not None:
            self.setToolTip(scene.describe_port(self))
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = False
        self.update()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.scene().begin_wire(self, event.scenePos())
            event.accept()
        else:
            event.ignore()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.scene().move_wire(event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.scene().finish_wire(event.scenePos())
