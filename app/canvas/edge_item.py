"""A wire: one tensor flowing from an output port into an input port.

The path is computed when an end moves (never in `paint`): a vertical S-curve, or a smooth curve
through the lane the auto-layout reserved for a long skip connection. The hover shape is a
stroke of the path, also computed once. Hovering shows the tensor's shape.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSceneHoverEvent

from app.canvas import theme
from engine.model.graph import TensorRef


class EdgeItem(QGraphicsPathItem):
    """The wire into input `path` of node `target`, from tensor `source`.

    Attributes:
        source: the tensor (output of a node) the wire carries.
        target: the reading node's id.
        port_path: the input port's path in the reading call.
        waypoints: lane points from the auto-layout, dropped as soon as an end moves.
    """

    def __init__(self, source: TensorRef, target: str, path: tuple[Any, ...]) -> None:
        super().__init__()
        self.source = source
        self.target = target
        self.port_path = path
        self.waypoints: list[tuple[float, float]] = []
        self._shape: QPainterPath | None = None
        self.setPen(_pens()[0])
        self.setAcceptHoverEvents(True)
        self.setZValue(-1)  # below the cards

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        """Recompute the curve from `start` (output port) to `end` (input port)."""
        self._shape = None
        self.setPath(wire_path(start, end, self.waypoints))
        self._shape = None  # in case Qt asked for the shape while the path changed

    def shape(self) -> QPainterPath:
        if self._shape is None:  # only wires under the cursor are asked: stroke on demand
            stroker = QPainterPathStroker()
            stroker.setWidth(9)
            self._shape = stroker.createStroke(self.path())
        return self._shape

    def set_highlighted(self, on: bool) -> None:
        self.setPen(_pens()[1 if on else 0])

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        scene = self.scene()
        if scene is not None:
            self.setToolTip(scene.describe_tensor(self.source))
        self.set_highlighted(True)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.set_highlighted(False)


@functools.cache
def _pens() -> tuple[QPen, QPen]:
    """The plain and the highlighted pen, shared by every wire."""
    plain = QPen(theme.WIRE, 1.6)
    plain.setCapStyle(Qt.PenCapStyle.RoundCap)
    return plain, QPen(theme.WIRE_HOVER, 2.6)


def wire_path(
    start: QPointF, end: QPointF, waypoints: list[tuple[float, float]] = ()
) -> QPainterPath:
    """A smooth vertical curve from `start` down to `end`, through `waypoints` if any."""
    points = [start, *(QPointF(x, y) for x, y in waypoints), end]
    path = QPainterPath(start)
    for a, b in itertools.pairwise(points):
        bend = max(abs(b.y() - a.y()) * 0.5, 30.0)
        path.cubicTo(QPointF(a.x(), a.y() + bend), QPointF(b.x(), b.y() - bend), b)
    return path
