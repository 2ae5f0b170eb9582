"""Ports: the input slots and output tensors of a node, the ends of wires.

Input ports sit on the node's top edge (in the order Keras passes the tensors), output ports on
its bottom edge (one per returned tensor). A port is not a QGraphicsItem of its own: with
thousands of nodes, one Python item per port doubled the cost of building the scene. The node
draws its ports, hit-tests them (`NodeItem.port_at`) and forwards the wire gestures, so a port is
plain data with a position on its node.
"""

from __future__ import annotations

import functools
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QPainter, QPen

from app.canvas import theme


class PortOwner(Protocol):
    """What a port needs of its node (a `NodeItem`)."""

    node_id: str

    def pos(self) -> QPointF: ...

    def scene(self) -> Any: ...


HIT = 8.0  # half-size of the clickable square: larger than the dot, easier to hit


class PortItem:
    """An input port (`path` into the call's args) or an output port (`index` of the tensor).

    Attributes:
        node: the node it belongs to.
        node_id: that node's id.
        is_input: input (top edge) or output (bottom edge).
        path: for inputs, the engine's port path (None for a merge layer's "+" port).
        index: for outputs, the tensor index.
        label: what the port is called ("query", "value"), empty when obvious.
        connected: whether a wire is attached (drawn filled).
        is_plus: the "+" port of a merge layer (a wire dropped here adds an input).
        hovered: under the cursor (drawn larger).
    """

    __slots__ = ("connected", "hovered", "index", "is_input", "is_plus", "label", "node",
                 "node_id", "path", "x", "y")  # fmt: skip

    def __init__(self, node: PortOwner, *, is_input: bool, path: tuple[Any, ...] | None = None,
                 index: int = 0, label: str = "", connected: bool = False) -> None:  # fmt: skip
        self.node = node
        self.node_id = node.node_id
        self.is_input = is_input
        self.path = path
        self.index = index
        self.label = label
        self.connected = connected
        self.is_plus = is_input and path is None
        self.hovered = False
        self.x = 0.0
        self.y = 0.0

    def setPos(self, x: float, y: float) -> None:
        self.x, self.y = x, y

    def pos(self) -> QPointF:
        return QPointF(self.x, self.y)

    def scenePos(self) -> QPointF:
        return self.node.pos() + QPointF(self.x, self.y)

    def hit_rect(self) -> QRectF:
        return QRectF(self.x - HIT, self.y - HIT, 2 * HIT, 2 * HIT)

    def scene(self) -> Any:
        return self.node.scene()

    def paint(self, painter: QPainter) -> None:
        """Draw the port in its node's coordinates."""
        outline, empty, filled, lit = _paints()
        radius = theme.PORT_RADIUS + (1.5 if self.hovered else 0.0)
        centre = QPointF(self.x, self.y)
        painter.setPen(outline)
        if self.is_plus:
            painter.setBrush(empty)
            painter.drawEllipse(centre, radius, radius)
            painter.drawLine(QPointF(self.x - 2.5, self.y), QPointF(self.x + 2.5, self.y))
            painter.drawLine(QPointF(self.x, self.y - 2.5), QPointF(self.x, self.y + 2.5))
            return
        painter.setBrush(lit if self.hovered else filled if self.connected else empty)
        painter.drawEllipse(centre, radius, radius)


@functools.cache
def _paints() -> tuple[QPen, QBrush, QBrush, QBrush]:
    """Outline pen and empty / connected / hovered fills, made once: ports are many."""
    return (QPen(theme.PORT_CONNECTED, 1.4), QBrush(theme.PORT_FILL),
            QBrush(theme.PORT_CONNECTED), QBrush(theme.WIRE_HOVER))  # fmt: skip
