"""One frame's content laid out: rows cut into bands, bands placed side by side as columns.

A frame (an expanded group, or the whole drawing) holds cards and the boxes of the frames
inside it. Its rows come from the wires between them (longest path from the sources). When the
rows are too tall for the window, they are cut into *bands* where the fewest wires cross, and
the bands are placed left to right like a newspaper's columns. Each band is laid out by
`engine.diagram.layered`, with small boxes standing for the frame's ports: entries on its top
row (wires from outside the frame, or from an earlier column) and exits on its bottom row.

A wire from one column to a later one leaves its column at the bottom, runs along a track below
it to the gap between the columns, up that gap, along a track above the columns, and down into
its column: every track is its own, so no wire runs under a card or on top of another wire.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from engine.diagram.dag import dag_from_edges
from engine.diagram.layered import Band, lay_out_band

Point = tuple[float, float]
IN, OUT = "\x00in", "\x00out"  # a frame's top and bottom edges, as ends of a wire piece

FRAME_PAD = (16.0, 40.0, 16.0, 16.0)  # left, top (the title), right, bottom
TRACK = 10.0  # distance between two wires running side by side in a channel
CHANNEL = 18.0  # margin between a channel's wires and the cards


@dataclass
class Spacing:
    h_gap: float = 36.0  # between cards in a row
    v_gap: float = 34.0  # between rows
    lane: float = 16.0  # width kept for a wire crossing a row
    column_gap: float = 64.0  # between folded columns (plus their tracks)
    beside: float = 0.0  # kept free right of every card (look-inside thumbnails go there)


@dataclass
class Box:
    """A frame (or the top level) laid out in its own coordinates."""

    width: float
    height: float
    child_pos: dict[str, Point]  # child -> top-left
    pieces: dict[tuple[str, str, str], list[Point]]  # (from, to, source unit) -> points
    entry_x: dict[tuple[str, str], float]  # (source unit, child) -> x on the top edge
    exit_x: dict[str, float]  # source unit -> x on the bottom edge


@dataclass
class _LaidBand:
    band: Band
    box_of: dict  # child, or (IN | OUT, source unit) -> its box in the band
    ranks: list[int]
    wires: list[tuple[str, str, str]]  # (from, to, source unit), IN/OUT for the ports
    crossings: list[tuple[str, str, str]]  # (from child, to child in a later band, unit)
    members: list[str]


class FrameContent:
    """One frame's content: rows, cut into bands, placed as columns, wires routed.

    Args:
        children: cards and inner frames, in topological order.
        sizes: child -> (width, height).
        pieces: the wire pieces to route here: (from, to, source unit), IN / OUT for the
            frame's ports.
        spacing: gaps.
    """

    def __init__(self, children, sizes, pieces, spacing: Spacing) -> None:
        self.children = list(children)
        self.sizes = sizes
        self.spacing = spacing
        self.pieces = pieces
        self.index = {child: i for i, child in enumerate(self.children)}
        inner = [(a, b) for a, b, _u in pieces if a in self.index and b in self.index]
        self.dag = dag_from_edges(self.children, inner)
        self.rank = self._ranks()

    def _ranks(self) -> dict[str, int]:
        dag = self.dag
        rank: dict[str, int] = {}
        for child in dag.order:
            rank[child] = max((rank[p] + 1 for p in dag.preds[child] if p in rank), default=0)
        for child in reversed(dag.order):  # a source sits just above its first reader
            if not dag.preds[child] and dag.succs[child]:
                rank[child] = max(0, min(rank[s] for s in dag.succs[child]) - 1)
        return rank

    # ------------------------------------------------------------------ bands

    def _rows(self) -> tuple[list[float], list[float], list[int]]:
        count = max(self.rank.values()) + 1
        heights = [0.0] * count
        widths = [0.0] * count
        for child in self.children:
            width, height = self.sizes[child]
            row = self.rank[child]
            heights[row] = max(heights[row], height)
            widths[row] += width + self.spacing.h_gap
        crossing = [0] * count  # wires crossing the cut below each row
        spans: dict[tuple[str, str], tuple[int, int]] = {}
        for a, b, unit in self.pieces:
            if a in self.index and b in self.index and self.rank[b] > self.rank[a]:
                low, high = spans.get((a, unit), (self.rank[a], self.rank[a]))
                spans[(a, unit)] = (low, max(high, self.rank[b]))
        for low, high in spans.values():
            for row in range(low, high):
                crossing[row] += 1
                if row > low:
                    widths[row] += self.spacing.lane + self.spacing.h_gap
        return heights, widths, crossing

    def _split(self, tops, heights, crossing, columns: int) -> list[tuple[int, int]]:
        """Rows cut into `columns` bands of about equal height, at narrow cuts."""
        gap = self.spacing.v_gap
        count = len(heights)
        target = (tops[-1] + heights[-1] + gap) / columns
        bands, start = [], 0
        for _ in range(columns - 1):
            goal = tops[start] + target
            low, high = goal - 0.25 * target, goal + 0.2 * target
            best, best_cost = None, None
            row = bisect.bisect_left(tops, low - gap, lo=start) if start < count else count
            row = max(start, row - 1)
            while row < count - 1:
                bottom = tops[row + 1]
                if bottom > high and best is not None:
                    break
                if bottom >= low:
                    cost = (crossing[row], abs(bottom - goal))
                    if best_cost is None or cost < best_cost:
                        best, best_cost = row, cost
                row += 1
            if best is None:
                break
            bands.append((start, best))
            start = best + 1
            if start >= count:
                break
        if start < count:
            bands.append((start, count - 1))
        return bands

    def _choose_bands(self, aspect: float | None, column_height: float | None):
        heights, widths, crossing = self._rows()
        gap = self.spacing.v_gap
        tops, y = [], 0.0
        for h in heights:
            tops.append(y)
            y += h + gap
        total = y
        if column_height is not None:
            columns = math.ceil(total / (1.15 * column_height))
            return self._split(tops, heights, crossing, min(columns, len(heights)))
        if max(widths) - self.spacing.beside >= total / 2.8:
            return [(0, len(heights) - 1)]  # not tall enough to fold (a small model)
        # a chain of k columns is about k * width wide and total / k high: start from there,
        # then walk while the shape gets closer to `aspect`
        typical = max(sorted(widths)[len(widths) // 2], 1.0) + self.spacing.column_gap
        guess = max(1, min(len(heights), round(math.sqrt(aspect * total / typical))))
        tried: dict[int, tuple[float, list]] = {}

        def cost(columns: int) -> float:
            if columns not in tried:
                bands = self._split(tops, heights, crossing, columns)
                width = sum(max(widths[a : b + 1]) for a, b in bands)
                width += (len(bands) - 1) * self.spacing.column_gap
                height = max(tops[b] + heights[b] - tops[a] for a, b in bands)
                shape = abs(math.log(max(width, 1.0) / max(height, 1.0) / aspect))
                tried[columns] = (shape, bands)
            return tried[columns][0]

        best = guess
        for step in (1, -1):
            columns = best + step
            while 1 <= columns <= len(heights) and cost(columns) < cost(best) - 1e-9:
                best = columns
                columns += step
        return tried[best][1] if best in tried else self._split(tops, heights, crossing, best)

    # ------------------------------------------------------------------ laying out

    def lay_out(self, pad, *, aspect: float | None = None, column_height=None) -> Box:
        """The frame's box: `aspect` folds the top level to a shape, `column_height` an inner
        frame to the top level's column height; `pad` is the room around (left, top, right,
        bottom)."""
        bands = self._choose_bands(aspect, column_height)
        band_of = {}
        for number, (first, last) in enumerate(bands):
            for row in range(first, last + 1):
                band_of[row] = number
        self.band_of_child = {c: band_of[self.rank[c]] for c in self.children}
        self.members = [[] for _ in bands]
        for child in self.children:
            self.members[self.band_of_child[child]].append(child)
        self.band_pieces = [[] for _ in bands]  # each piece, in the bands it touches
        for piece in self.pieces:
            a, b, _unit = piece
            touched = {self.band_of_child.get(a), self.band_of_child.get(b)} - {None}
            for number in touched:
                self.band_pieces[number].append(piece)
        laid = [self._lay_out_band(number, first, last) for number, (first, last) in
                enumerate(bands)]  # fmt: skip
        return self._columns(laid, pad)

    def _lay_out_band(self, number: int, first: int, last: int) -> _LaidBand:
        """One band as rows: entries (row 0, if any), its children, exits (last row)."""
        band_of = self.band_of_child
        members = self.members[number]
        entries: dict[str, None] = {}  # source unit -> entry box (from above, or a crossing)
        exits: dict[str, None] = {}
        wires: dict[tuple[str, str, str], None] = {}  # (from, to, unit), IN/OUT per unit
        crossings: list[tuple[str, str, str]] = []  # (from child, to child, unit)
        for a, b, unit in self.band_pieces[number]:
            a_here = a in band_of and band_of[a] == number
            b_here = b in band_of and band_of[b] == number
            if a == IN and b_here:
                entries[unit] = None
                wires[(IN, b, unit)] = None
            elif b == OUT and a_here:
                exits[unit] = None
                wires[(a, OUT, unit)] = None
            elif a_here and b_here:
                wires[(a, b, unit)] = None
            elif a_here and b in band_of and band_of[b] > number:
                exits[unit] = None
                wires[(a, OUT, unit)] = None
                crossings.append((a, b, unit))
            elif b_here and a in band_of and band_of[a] < number:
                entries[unit] = None
                wires[(IN, b, unit)] = None
        shift = 1 if entries else 0
        boxes = list(members)
        ranks = [self.rank[c] - first + shift for c in members]
        bottom = last - first + 1 + shift
        widths = [self.sizes[c][0] for c in members]
        heights = [self.sizes[c][1] for c in members]
        box_of = {c: i for i, c in enumerate(members)}
        for unit in entries:
            box_of[(IN, unit)] = len(boxes)
            boxes.append((IN, unit))
            ranks.append(0)
            widths.append(self.spacing.lane)
            heights.append(0.0)
        for unit in exits:
            box_of[(OUT, unit)] = len(boxes)
            boxes.append((OUT, unit))
            ranks.append(bottom)
            widths.append(self.spacing.lane)
            heights.append(0.0)
        pairs = []
        for a, b, unit in wires:
            pairs.append((box_of[(IN, unit)] if a == IN else box_of[a],
                          box_of[(OUT, unit)] if b == OUT else box_of[b]))  # fmt: skip
        band = lay_out_band(widths, heights, ranks, pairs, h_gap=self.spacing.h_gap,
                            v_gap=self.spacing.v_gap, lane=self.spacing.lane)  # fmt: skip
        return _LaidBand(band, box_of, ranks, list(wires), crossings, members)

    def _columns(self, laid: list[_LaidBand], pad) -> Box:
        """Bands side by side, the wires between them in channels; the frame's box."""
        s = self.spacing
        sources_out = [list(dict.fromkeys(u for _a, _b, u in item.crossings)) for item in laid]
        crossing_units = list(dict.fromkeys(u for units in sources_out for u in units))
        top_channel = (len(crossing_units) * TRACK + 2 * CHANNEL) if crossing_units else 0.0
        top = pad[1] + top_channel
        xs, x = [], pad[0]
        for item, units in zip(laid, sources_out, strict=True):
            xs.append(x)
            x += item.band.width + s.column_gap + len(units) * TRACK
        width = x - s.column_gap - (len(sources_out[-1]) * TRACK) + pad[2]
        bottoms = [top + item.band.height + (CHANNEL + len(units) * TRACK if units else 0)
                   for item, units in zip(laid, sources_out, strict=True)]  # fmt: skip
        height = max(bottoms) + pad[3]
        box = Box(width, height, {}, {}, {}, {})
        ends: dict[tuple, list[Point]] = {}  # (from, to, unit) of band wires -> points
        for number, item in enumerate(laid):
            self._band_points(item, xs[number], top, height, box, ends)
        for number, item in enumerate(laid):
            band = item.band
            for a, b, unit in item.crossings:
                track = sources_out[number].index(unit)
                y_below = top + band.height + CHANNEL + track * TRACK
                x_gap = xs[number] + band.width + s.column_gap / 2 + track * TRACK
                y_above = pad[1] + CHANNEL + crossing_units.index(unit) * TRACK
                leave = ends[(a, OUT, unit)][:-1]  # down to the band's bottom, not the frame's
                enter = ends[(IN, b, unit, self.band_of_child[b])]
                x_out, x_in = leave[-1][0], enter[0][0]
                channel = [(x_out, y_below), (x_gap, y_below), (x_gap, y_above),
                           (x_in, y_above)]  # fmt: skip
                box.pieces[(a, b, unit)] = [*leave, *channel, *enter[1:]]
        return box

    def _band_points(self, item: _LaidBand, left: float, top: float, height: float, box: Box,
                     ends: dict) -> None:  # fmt: skip
        band = item.band
        box_of = item.box_of
        ranks = item.ranks
        for child in item.members:
            i = box_of[child]
            width = self.sizes[child][0]
            box.child_pos[child] = (left + band.xs[i] - width / 2, top + band.row_top[ranks[i]])
        for (a, b, unit), lanes in zip(item.wires, band.lanes, strict=True):
            i = box_of[(IN, unit)] if a == IN else box_of[a]
            j = box_of[(OUT, unit)] if b == OUT else box_of[b]
            ra, rb = ranks[i], ranks[j]
            if rb <= ra:
                continue  # against the flow (a cycle): drawn straight by the canvas
            start_y = top + band.row_top[ra] + band.row_height[ra]
            points = [(left + band.xs[i], top if a == IN else start_y)]
            if a == IN:
                points.append((left + band.xs[i], start_y))
            for row, lane_x in zip(range(ra + 1, rb), lanes, strict=True):
                points.append((left + lane_x, top + band.row_top[row]))
                points.append((left + lane_x, top + band.row_top[row] + band.row_height[row]))
            points.append((left + band.xs[j], top + band.row_top[rb]))
            if b == OUT:
                ends[(a, OUT, unit)] = [*points, (left + band.xs[j], height)]
                box.exit_x.setdefault(unit, left + band.xs[j])
                box.pieces[(a, OUT, unit)] = ends[(a, OUT, unit)]
            elif a == IN:
                ends[(IN, b, unit, self.band_of_child[b])] = points
                box.entry_x.setdefault((unit, b), left + band.xs[i])
                points[0] = (points[0][0], 0.0)  # from the frame's top edge
                box.pieces[(IN, b, unit)] = points
            else:
                box.pieces[(a, b, unit)] = points
