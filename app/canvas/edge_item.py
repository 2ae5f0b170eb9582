"""A wire: one tensor flowing from an output port into an input port.

The path is computed when an end moves (never in `paint`): a vertical S-curve, or, while both
ends stand where the automatic layout put them, the route it found (`engine.diagram.layout`):
straight runs through the lanes and channels kept free of cards, rounded at the corners, and
S-curves only inside the empty gaps between rows. The hover shape is a stroke of the path, also
computed once. Hovering shows the tensor's shape.
"""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSceneHoverEvent

from app.canvas import theme
from engine.model.graph import TensorRef


class EdgeItem(QGraphicsPathItem):
    """The wire into input `path` of node `target`, from tensor `source`.

    Attributes:
        source: the tensor (output of a node) the wire carries (for a wire from a collapsed
            group: one of the tensors it stands for).
        target: the reading node's id, or the unit (`group:<key>`) of the card it enters.
        port_path: the input port's path in the reading call (None into a group's card).
        source_unit: the card the wire leaves: the source node, or its collapsed group.
        waypoints: the route from the automatic layout ([] when drawn directly).
    """

    def __init__(self, source: TensorRef, target: str, path: tuple[Any, ...] | None,
                 source_unit: str | None = None) -> None:  # fmt: skip
        super().__init__()
        self.source = source
        self.target = target
        self.port_path = path
        self.source_unit = source_unit or source.node_id
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
    """The wire from `start` (an output port) to `end` (an input port).

    Without waypoints: a smooth vertical S-curve. With a route from the layout (see
    `engine.diagram.layout`): its first and last points move to the ports' x, straight runs
    between points on one line (corners rounded), S-curves between the others.
    """
    if not waypoints:
        path = QPainterPath(start)
        bend = max(abs(end.y() - start.y()) * 0.5, 30.0)
        path.cubicTo(start + QPointF(0, bend), end - QPointF(0, bend), end)
        return path
    points = [QPointF(x, y) for x, y in waypoints]
    points[0].setX(start.x())
    points[-1].setX(end.x())
    points = _dedup([start, *points, end])
    path = QPainterPath(start)
    count = len(points)
    for i in range(1, count):
        a, b = points[i - 1], points[i]
        if a.x() != b.x() and a.y() != b.y():
            middle = (a.y() + b.y()) / 2  # inside the band between a and b: nothing there
            path.cubicTo(QPointF(a.x(), middle), QPointF(b.x(), middle), b)
            continue
        following = points[i + 1] if i + 1 < count else None
        turns = following is not None and _straight_turn(a, b, following)
        if not turns:
            path.lineTo(b)
            continue
        radius = min(_CORNER, _length(a, b) / 2, _length(b, following) / 2)
        path.lineTo(_towards(b, a, radius))
        path.quadTo(b, _towards(b, following, radius))
        points[i] = _towards(b, following, radius)  # the next run starts after the corner
    return path


_CORNER = 8.0


def _straight_turn(a: QPointF, b: QPointF, c: QPointF) -> bool:
    """a-b and b-c both straight, at a right angle."""
    first_vertical = a.x() == b.x()
    second_vertical = b.x() == c.x()
    second_straight = second_vertical or b.y() == c.y()
    return second_straight and first_vertical != second_vertical


def _length(a: QPointF, b: QPointF) -> float:
    return abs(a.x() - b.x()) + abs(a.y() - b.y())


def _towards(origin: QPointF, target: QPointF, distance: float) -> QPointF:
    length = _length(origin, target)
    if length == 0:
        return QPointF(origin)
    t = distance / length
    return QPointF(origin.x() + (target.x() - origin.x()) * t,
                   origin.y() + (target.y() - origin.y()) * t)  # fmt: skip


def _dedup(points: list[QPointF]) -> list[QPointF]:
    kept = [points[0]]
    for point in points[1:]:
        if abs(point.x() - kept[-1].x()) + abs(point.y() - kept[-1].y()) > 0.01:
            kept.append(point)
    return kept
