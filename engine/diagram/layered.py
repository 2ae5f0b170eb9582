"""One band of a layered drawing: rows of boxes, long wires in lanes of their own.

The classic Sugiyama stages, each kept linear or close to it (NASNetLarge and DenseNet201
expanded have 1,000+ boxes):

1. The caller gives every box its row (`rank`): a wire always runs down to a later row.
2. **Lanes**: a wire crossing rows gets a thin dummy box in each row it crosses, so it runs
   through a gap between boxes instead of under one.
3. **Order** within rows by barycenters, a few down and up sweeps (each linear).
4. **Coordinates**: each row is placed as close as possible to its neighbours' mean x while
   keeping order and spacing: a least-squares fit solved as an isotonic regression by pool
   adjacent violators, linear per row.

Rows are top-aligned: every box's input side is on its row's top edge, so a wire leaving a row's
bottom and entering the next row's top crosses only the empty gap between them.
Plain lists of numbers, no objects per box: this runs for every box on every layout.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Band:
    """A laid-out band, in its own coordinates (left edge 0, top row at y 0).

    Attributes:
        xs: centre x of each box given.
        row_top: top y of each row.
        row_height: height of each row.
        lanes: for each wire given, the x of its lane in each row it crosses.
        width, height: the band's extent.
    """

    xs: list[float]
    row_top: list[float]
    row_height: list[float]
    lanes: list[list[float]]
    width: float
    height: float


def lay_out_band(
    widths: list[float],
    heights: list[float],
    ranks: list[int],
    wires: list[tuple[int, int]],
    *,
    h_gap: float,
    v_gap: float,
    lane: float,
    sweeps: int = 3,
) -> Band:
    """Place boxes (given by index) in rows `ranks`, wires (source, target) running down.

    Args:
        widths, heights, ranks: per box; rows are 0..max(ranks), some maybe empty.
        wires: (source box, target box) with ranks[source] < ranks[target]; others ignored.
        h_gap: space between neighbours in a row; v_gap: between rows.
        lane: width reserved for a wire crossing a row.
        sweeps: barycenter sweeps (each one down and one up).
    """
    count = len(widths)
    rows = max(ranks) + 1 if ranks else 0
    widths = list(widths)
    rank = list(ranks)
    ups: list[list[int]] = [[] for _ in range(count)]
    downs: list[list[int]] = [[] for _ in range(count)]
    chains: list[list[int]] = []
    for source, target in wires:
        low, high = rank[source], rank[target]
        chain: list[int] = []
        if high <= low:
            chains.append(chain)
            continue
        previous = source
        for row in range(low + 1, high):
            dummy = len(widths)
            widths.append(lane)
            rank.append(row)
            ups.append([previous])
            downs.append([])
            downs[previous].append(dummy)
            chain.append(dummy)
            previous = dummy
        downs[previous].append(target)
        ups[target].append(previous)
        chains.append(chain)
    layers: list[list[int]] = [[] for _ in range(rows)]
    for i, row in enumerate(rank):
        layers[row].append(i)
    order = [0.0] * len(widths)
    for layer in layers:
        for position, i in enumerate(layer):
            order[i] = position
    _order(layers, ups, downs, order, sweeps)
    xs = _place(layers, ups, downs, widths, h_gap)
    row_top, row_height, y = [], [], 0.0
    for row in range(rows):
        height = max((heights[i] for i in layers[row] if i < count), default=0.0)
        row_top.append(y)
        row_height.append(height)
        y += height + v_gap
    left = min((xs[i] - widths[i] / 2 for i in range(len(widths))), default=0.0)
    right = max((xs[i] + widths[i] / 2 for i in range(len(widths))), default=0.0)
    if left:
        xs = [x - left for x in xs]
    lanes = [[xs[i] for i in chain] for chain in chains]
    height = y - v_gap if rows else 0.0
    return Band(xs[:count], row_top, row_height, lanes, right - left, height)


def _order(layers, ups, downs, order, sweeps: int) -> None:
    """Barycenter heuristic: sort each row by the mean order of its neighbours."""
    down_pass = [layer for layer in layers[1:] if len(layer) > 1]
    up_pass = [layer for layer in reversed(layers[:-1]) if len(layer) > 1]
    for sweep in range(sweeps + 1):
        moved = _sort_rows(down_pass, ups, order)
        if sweep < sweeps and (moved or sweep == 0):
            moved = _sort_rows(up_pass, downs, order)
        if not moved:
            break  # stable: more sweeps would change nothing


def _sort_rows(rows: list[list[int]], side: list[list[int]], order: list[float]) -> bool:
    """Sort each row by barycenters; True when some row changed its order."""
    moved = False
    for layer in rows:
        keys = {}
        for i in layer:
            neighbours = side[i]
            if neighbours:
                keys[i] = (sum(order[n] for n in neighbours) / len(neighbours), order[i])
            else:
                keys[i] = (order[i], order[i])  # stays where it is
        before = list(layer)
        layer.sort(key=keys.__getitem__)
        if layer != before:
            moved = True
            for position, i in enumerate(layer):
                order[i] = position
    return moved


def _place(layers, ups, downs, widths, gap: float) -> list[float]:
    """x of every box centre: packed first, then pulled towards neighbours, both ways."""
    xs = [0.0] * len(widths)
    for layer in layers:
        x = 0.0
        for i in layer:
            xs[i] = x + widths[i] / 2
            x += widths[i] + gap
    down = layers[1:]
    up = layers[-2::-1]
    for sequence, side in ((down, ups), (up, downs), (down, ups)):
        for layer in sequence:
            if len(layer) == 1:
                i = layer[0]
                neighbours = side[i]
                if neighbours:
                    xs[i] = sum(xs[n] for n in neighbours) / len(neighbours)
            else:
                _fit_row(layer, side, xs, widths, gap)
    return xs


def _fit_row(layer, side, xs, widths, gap: float) -> None:
    """Least-squares placement of one row at its neighbours' mean x, order and gaps kept.

    With offsets c_i (the packed distance from the first box), y_i = x_i - c_i must be
    non-decreasing: an isotonic regression of the desired y, solved by pool adjacent violators.
    """
    means: list[float] = []
    weights: list[float] = []
    counts: list[int] = []
    offsets: list[float] = []
    offset = 0.0
    previous_half = None
    for i in layer:
        half = widths[i] / 2
        if previous_half is not None:
            offset += previous_half + gap + half
        previous_half = half
        offsets.append(offset)
        neighbours = side[i]
        if len(neighbours) == 1:
            mean, weight = xs[neighbours[0]] - offset, 1.0
        elif neighbours:
            mean, weight = sum([xs[n] for n in neighbours]) / len(neighbours) - offset, 1.0
        else:
            mean, weight = xs[i] - offset, 0.05  # free boxes barely pull
        count = 1
        while means and means[-1] > mean:
            last_weight = weights.pop()
            total = last_weight + weight
            mean = (means.pop() * last_weight + mean * weight) / total
            weight = total
            count += counts.pop()
        means.append(mean)
        weights.append(weight)
        counts.append(count)
    position = 0
    for mean, count in zip(means, counts, strict=True):
        for _ in range(count):
            xs[layer[position]] = mean + offsets[position]
            position += 1
