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
    between points on one line (corners rounded), S-curves between the others. Plain floats
    throughout: thousands of wires are built at once.
    """
    if not waypoints:
        path = QPainterPath(start)
        bend = max(abs(end.y() - start.y()) * 0.5, 30.0)
        path.cubicTo(start + QPointF(0, bend), end - QPointF(0, bend), end)
        return path
    x0, y0, x1, y1 = start.x(), start.y(), end.x(), end.y()
    points = [(x0, y0), (x0, waypoints[0][1]), *waypoints[1:-1], (x1, waypoints[-1][1]), (x1, y1)]
    if len(waypoints) == 1:
        points = [(x0, y0), (x0, waypoints[0][1]), (x1, waypoints[0][1]), (x1, y1)]
    kept = [points[0]]
    for point in points[1:]:
        last = kept[-1]
        if abs(point[0] - last[0]) + abs(point[1] - last[1]) > 0.01:
            kept.append(point)
    path = QPainterPath(start)
    count = len(kept)
    ax, ay = kept[0]
    for i in range(1, count):
        bx, by = kept[i]
        if ax != bx and ay != by:
            middle = (ay + by) / 2  # inside the band between a and b: nothing there
            path.cubicTo(ax, middle, bx, middle, bx, by)
            ax, ay = bx, by
            continue
        if i + 1 < count:
            cx, cy = kept[i + 1]
            vertical = ax == bx
            if (bx == cx) != vertical and (bx == cx or by == cy):  # a right-angle corner
                radius = min(_CORNER, (abs(bx - ax) + abs(by - ay)) / 2,
                             (abs(cx - bx) + abs(cy - by)) / 2)  # fmt: skip
                inx, iny = _towards(bx, by, ax, ay, radius)
                outx, outy = _towards(bx, by, cx, cy, radius)
                path.lineTo(inx, iny)
                path.quadTo(bx, by, outx, outy)
                ax, ay = outx, outy  # the next run starts after the corner
                continue
        path.lineTo(bx, by)
        ax, ay = bx, by
    return path


_CORNER = 8.0


def _towards(ox: float, oy: float, tx: float, ty: float, distance: float) -> tuple[float, float]:
    length = abs(tx - ox) + abs(ty - oy)
    if length == 0:
        return ox, oy
    t = distance / length
    return ox + (tx - ox) * t, oy + (ty - oy) * t
