"""Automatic layout of a diagram: cards in layered rows, folded into columns, wires in lanes.

Top to bottom, as data flows, but a model 400 calls deep must still use a wide window, so:

- **Frames first, inside out.** An expanded group is laid out on its own (its cards, and the
  groups inside it as boxes) and becomes one box in the level above, as TensorBoard lays out
  its name scopes. A wire from outside enters a frame through a port on its top edge and leaves
  through its bottom edge.
- **Folding.** When a level is taller than wide, its rows are cut into bands placed side by
  side as columns, like a newspaper. The cuts go where the fewest wires cross (between two
  ResNet blocks, one wire). The top level picks the number of columns that brings the drawing
  closest to a landscape window (`aspect`); frames inside fold to the same column height.
- **Wires never under a card.** Within a band every wire runs through lanes the layout keeps
  free (`engine.diagram.layered`); from one column to the next it runs below its column, up the
  gap between the columns and along the top, in tracks of its own.

Every wire's route is a list of points: between two points at the same x or y the wire is a
straight line; otherwise the two points bound an empty band (a gap between rows or below a
column) and the wire may curve inside it. Routes start on the source's row bottom and end on
the target's row top, at the cards' centre x: the canvas moves the ends to the actual ports,
which only changes curves inside those empty bands.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from engine.diagram.columns import FRAME_PAD, IN, OUT, Box, FrameContent, Spacing
from engine.diagram.dag import dag_of
from engine.diagram.view import DiagramView, flat_view, group_of_unit
from engine.model.graph import Graph

INNER_FOLD = 1.8  # a frame folds at this many times the top level's column height
Size = tuple[float, float]
Point = tuple[float, float]


@dataclass
class Layout:
    """Result of a layout.

    Attributes:
        positions: unit (node id or `group:<key>`) -> (x, y) of its box's top-left corner.
        routes: (source unit, target unit) -> points from the source's row bottom to the
            target's row top (see the module docstring). Absent for a wire against the flow
            (a cycle in a damaged file).
        frames: expanded group key -> (x, y, width, height) of its frame.
        width, height: the extent of the whole drawing (it starts at 0, 0).
    """

    positions: dict[str, Point] = field(default_factory=dict)
    routes: dict[tuple[str, str], list[Point]] = field(default_factory=dict)
    frames: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    width: float = 0.0
    height: float = 0.0


def edges_of(graph: Graph) -> list[tuple[str, str]]:
    """(source node, target node) pairs, one per pair however many tensors connect them."""
    return dag_of(graph).edges()


def layered_layout(
    graph: Graph,
    sizes: Mapping[str, Size] | Callable[[str], Size] | None = None,
    *,
    h_gap: float = 36.0,
    v_gap: float = 34.0,
    aspect: float = 1.6,
) -> Layout:
    """Lay every node of `graph` out (no groups), folded to about `aspect` (width / height)."""
    return lay_out(flat_view(graph), sizes, spacing=Spacing(h_gap, v_gap), aspect=aspect)


def lay_out(
    view: DiagramView,
    sizes: Mapping[str, Size] | Callable[[str], Size] | None = None,
    *,
    spacing: Spacing | None = None,
    aspect: float = 1.6,
) -> Layout:
    """Lay out the units and frames of `view`.

    Args:
        view: what is drawn (`engine.diagram.view.project`).
        sizes: unit -> (width, height) of its card, as a mapping or a function; 180 x 60 when
            not given.
        spacing: gaps between cards, rows and columns.
        aspect: the width / height the whole drawing aims at (a landscape window).
    """
    spacing = spacing or Spacing()
    size_of = _with_room_beside(_size_function(sizes), spacing.beside)
    if not view.units:
        return Layout()
    plan = _Plan(view, size_of, spacing)
    plan.column_height = _column_height(view, size_of, spacing, aspect)
    root = plan.lay_out_frame(None, aspect)
    layout = Layout(width=root.width, height=root.height)
    plan.place(None, root, 0.0, 0.0, layout)
    plan.route(layout)
    return layout


def _with_room_beside(size_of, room: float):
    """Cards take `room` more on their right; a group's card carries nothing beside it."""
    if not room:
        return size_of

    def size(unit: str) -> Size:
        width, height = size_of(unit)
        return (width if group_of_unit(unit) is not None else width + room), height

    return size


def _size_function(sizes):
    if sizes is None:
        return lambda _unit: (180.0, 60.0)
    if callable(sizes):
        return sizes
    return lambda unit: sizes.get(unit, (180.0, 60.0))


def _column_height(view: DiagramView, size_of, spacing: Spacing, aspect: float) -> float:
    """The height a column aims at: the drawing's area spread over a window's shape."""
    area = 0.0
    for unit in view.units:
        width, height = size_of(unit)
        area += (width + spacing.h_gap) * (height + spacing.v_gap)
    return max(math.sqrt(area / aspect), 200.0)


class _Plan:
    """The frame tree of a view, with the wire pieces each frame must route."""

    def __init__(self, view: DiagramView, size_of, spacing: Spacing) -> None:
        self.view = view
        self.size_of = size_of
        self.spacing = spacing
        self.column_height = 0.0
        self.children: dict[str | None, list[str]] = defaultdict(list)
        for frame in view.frames:
            self.children[view.parent[frame]].append(frame)
        for unit in view.units:
            self.children[view.parent[unit]].append(unit)
        self.frames = set(view.frames)
        self.boxes: dict[str | None, Box] = {}
        self.origin: dict[str | None, Point] = {}
        self.shapes: dict[tuple, tuple] = {}  # a frame's shape -> its box, children, units
        # per frame: (from child or IN, to child or OUT, source unit)
        self.pieces: dict[str | None, dict[tuple[str, str, str], None]] = defaultdict(dict)
        self.paths: dict[str, list[str | None]] = {}
        for source, target in view.wires:
            self._split_wire(source, target)

    def path(self, unit: str) -> list[str | None]:
        """The frames holding `unit`, outermost first, the top level (None) included."""
        found = self.paths.get(unit)
        if found is None:
            found = []
            frame = self.view.parent[unit]
            while frame is not None:
                found.append(frame)
                frame = self.view.parent[frame]
            found.append(None)
            found.reverse()
            self.paths[unit] = found
        return found

    def _split_wire(self, source: str, target: str) -> None:
        up, down = self.path(source), self.path(target)
        common = 0
        while common + 1 < min(len(up), len(down)) and up[common + 1] == down[common + 1]:
            common += 1
        chain_up = [*up[common:], source]  # frame, child in it, ..., the source itself
        chain_down = [*down[common:], target]
        for depth in range(len(chain_up) - 2, 0, -1):
            self.pieces[chain_up[depth]][(chain_up[depth + 1], OUT, source)] = None
        self.pieces[chain_up[0]][(chain_up[1], chain_down[1], source)] = None
        for depth in range(1, len(chain_down) - 1):
            self.pieces[chain_down[depth]][(IN, chain_down[depth + 1], source)] = None

    # ------------------------------------------------------------------ frames, inside out

    def lay_out_frame(self, frame: str | None, aspect: float) -> Box:
        for child in self.children[frame]:
            if child in self.frames:
                self.lay_out_frame(child, aspect)
        sizes = {}
        for child in self.children[frame]:
            box = self.boxes.get(child) if child in self.frames else None
            sizes[child] = (box.width, box.height) if box else self.size_of(child)
        children = self.children[frame]
        pieces = list(self.pieces[frame])
        shape, units = _shape(children, sizes, pieces, frame is None)
        known = self.shapes.get(shape)
        if known is not None:  # the same block again (ResNet's, DenseNet's): its box, renamed
            box = _renamed(known, children, units)
        else:
            pad = (0.0, 0.0, 0.0, 0.0) if frame is None else FRAME_PAD
            folding = FrameContent(children, sizes, pieces, self.spacing)
            if frame is None:
                box = folding.lay_out(pad, aspect=aspect)
            else:  # a frame folds later than the top level: a block reads best in one column
                box = folding.lay_out(pad, column_height=INNER_FOLD * self.column_height)
            self.shapes[shape] = (box, children, units)
        self.boxes[frame] = box
        return box

    # ------------------------------------------------------------------ absolute positions

    def place(self, frame: str | None, box: Box, x: float, y: float, layout: Layout) -> None:
        self.origin[frame] = (x, y)
        if frame is not None:
            layout.frames[frame] = (x, y, box.width, box.height)
        for child, (cx, cy) in box.child_pos.items():
            if child in self.frames:
                self.place(child, self.boxes[child], x + cx, y + cy, layout)
            else:
                layout.positions[child] = (x + cx, y + cy)

    # ------------------------------------------------------------------ routes

    def route(self, layout: Layout) -> None:
        for source, target in self.view.wires:
            points = self._route(source, target)
            if points is not None:
                layout.routes[(source, target)] = points

    def _route(self, source: str, target: str) -> list[Point] | None:
        up, down = self.path(source), self.path(target)
        common = 0
        while common + 1 < min(len(up), len(down)) and up[common + 1] == down[common + 1]:
            common += 1
        chain_up = [*up[common:], source]  # frame, child in it, ..., the source itself
        chain_down = [*down[common:], target, None]
        keys = []  # (frame, piece key, child it starts from, child it enters, next inside)
        for depth in range(len(chain_up) - 2, 0, -1):
            child = chain_up[depth + 1]
            keys.append((chain_up[depth], (child, OUT, source), child, None, None))
        keys.append((chain_up[0], (chain_up[1], chain_down[1], source), chain_up[1],
                     chain_down[1], chain_down[2]))  # fmt: skip
        for depth in range(1, len(chain_down) - 2):
            child = chain_down[depth + 1]
            keys.append((chain_down[depth], (IN, child, source), None, child,
                         chain_down[depth + 2]))  # fmt: skip
        points: list[Point] = []
        for frame, key, start_child, end_child, inside in keys:
            piece = self._piece(frame, key, start_child, end_child, inside)
            if piece is None:
                return None
            if points and _same(points[-1], piece[0]):  # pieces meet at a frame's port
                points += piece[1:]
            else:
                points += piece
        return points

    def _piece(self, frame, key, start_child, end_child, inside) -> list[Point] | None:
        """A frame's piece of a wire, in absolute coordinates, its ends moved to the ports of
        the frames it leaves and enters."""
        box = self.boxes[frame]
        local = box.pieces.get(key)
        if local is None:
            return None
        ox, oy = self.origin[frame]
        points = [(x + ox, y + oy) for x, y in local] if ox or oy else list(local)
        source = key[2]
        if start_child in self.frames:
            inner = self.boxes[start_child]
            points[0] = (self.origin[start_child][0] + inner.exit_x[source], points[0][1])
        if end_child in self.frames:
            inner = self.boxes[end_child]
            entry = inner.entry_x.get((source, inside), inner.width / 2)
            points[-1] = (self.origin[end_child][0] + entry, points[-1][1])
        return points


def _shape(children: list[str], sizes: dict, pieces: list, top: bool) -> tuple[tuple, list]:
    """What a frame's layout depends on, with its names left out: the sizes of its children
    in order, and its wire pieces between them by position. Also the wires' source units in
    order of appearance (a frame of the same shape maps its own onto them)."""
    index = {child: i for i, child in enumerate(children)}
    units: dict[str, int] = {}
    wiring = []
    for a, b, unit in pieces:
        number = units.setdefault(unit, len(units))
        wiring.append((index.get(a, a), index.get(b, b), number))
    measured = tuple((round(sizes[c][0], 1), round(sizes[c][1], 1)) for c in children)
    return (top, measured, tuple(wiring)), list(units)


def _renamed(known: tuple, children: list[str], units: list[str]) -> Box:
    """A box laid out for another frame of the same shape, for this frame's names."""
    box, their_children, their_units = known
    child = dict(zip(their_children, children, strict=True))
    unit = dict(zip(their_units, units, strict=True))

    def end(name: str) -> str:
        return child.get(name, name)  # IN and OUT stay

    return Box(
        box.width,
        box.height,
        {child[c]: pos for c, pos in box.child_pos.items()},
        {(end(a), end(b), unit[u]): points for (a, b, u), points in box.pieces.items()},
        {(unit[u], child[c]): x for (u, c), x in box.entry_x.items()},
        {unit[u]: x for u, x in box.exit_x.items()},
    )


def _same(a: Point, b: Point) -> bool:
    return abs(a[0] - b[0]) + abs(a[1] - b[1]) <= 0.01
