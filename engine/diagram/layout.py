"""Automatic layered layout of a graph, top to bottom, in about linear time.

The classic Sugiyama pipeline, each stage kept linear or close to it so that imported models
with 1,000+ calls (DenseNet201, NASNetLarge) lay out in well under a second:

1. **Layering** by longest path from the inputs (one pass in topological order). Sources read
   only deep in the graph (an auxiliary input) move down next to their first reader.
2. **Long edges** are split by dummy nodes, one per layer crossed, so that a skip connection gets
   its own lane instead of running across the nodes it skips.
3. **Ordering** within layers by barycenters, a few down and up sweeps (each sweep is linear).
4. **Coordinates**: each layer is placed as close as possible to its neighbours' barycenters while
   keeping order and spacing; the least-squares fit is an isotonic regression solved by the
   pool-adjacent-violators algorithm, linear per layer.

Nothing here walks paths, so skip connections cannot make it exponential. Pure Python, no Qt.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from engine.model.graph import Graph

Size = tuple[float, float]


@dataclass
class Layout:
    """Result of a layout.

    Attributes:
        positions: node id -> (x, y) of the node's top-left corner.
        routes: (source node id, target node id) -> waypoints (x, y) a long edge passes
            through, centre of the lane reserved for it in each layer it crosses.
    """

    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    routes: dict[tuple[str, str], list[tuple[float, float]]] = field(default_factory=dict)


@dataclass
class _Vertex:
    key: str | tuple  # a node id, or (source, target, k) for a dummy
    width: float
    height: float
    rank: int = 0
    order: float = 0.0
    x: float = 0.0
    ups: list[int] = field(default_factory=list)  # neighbours in the previous rank
    downs: list[int] = field(default_factory=list)  # neighbours in the next rank


def edges_of(graph: Graph) -> list[tuple[str, str]]:
    """(source node, target node) pairs, one per pair however many tensors connect them."""
    seen: dict[tuple[str, str], None] = {}
    for node in graph.nodes.values():
        for ref in node.input_refs():
            if ref.node_id in graph.nodes and ref.node_id != node.id:
                seen[(ref.node_id, node.id)] = None
    return list(seen)


def layered_layout(
    graph: Graph,
    sizes: Mapping[str, Size] | Callable[[str], Size] | None = None,
    *,
    h_gap: float = 40.0,
    v_gap: float = 56.0,
    sweeps: int = 4,
) -> Layout:
    """Lay `graph` out in layers, inputs at the top.

    Args:
        graph: the graph; every node is placed, connected or not.
        sizes: node id -> (width, height), as a mapping or a function; default 180 x 60.
        h_gap: horizontal space between neighbours in a layer.
        v_gap: vertical space between layers.
        sweeps: barycenter sweeps (each one down and one up).

    Returns:
        The positions (top-left corners) and the waypoints of long edges.
    """
    size_of = _size_function(sizes)
    node_ids = list(graph.nodes)
    if not node_ids:
        return Layout()
    edges = edges_of(graph)
    ranks = _ranks(node_ids, edges)
    vertices, index = _vertices(node_ids, size_of, ranks)
    lanes = _split_long_edges(vertices, index, edges, ranks, h_gap)
    layers = _layers(vertices)
    _order(vertices, layers, sweeps)
    _place(vertices, layers, h_gap)
    return _result(vertices, layers, lanes, v_gap)


def _size_function(sizes: Mapping[str, Size] | Callable[[str], Size] | None):
    if sizes is None:
        return lambda _node_id: (180.0, 60.0)
    if callable(sizes):
        return sizes
    return lambda node_id: sizes.get(node_id, (180.0, 60.0))


def _ranks(node_ids: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layering (Kahn's order); nodes on a cycle end up after the rest."""
    preds: dict[str, list[str]] = defaultdict(list)
    succs: dict[str, list[str]] = defaultdict(list)
    indegree = dict.fromkeys(node_ids, 0)
    for source, target in edges:
        preds[target].append(source)
        succs[source].append(target)
        indegree[target] += 1
    queue = deque(n for n in node_ids if indegree[n] == 0)
    order: list[str] = []
    while queue:
        node_id = queue.popleft()
        order.append(node_id)
        for target in succs[node_id]:
            indegree[target] -= 1
            if indegree[target] == 0:
                queue.append(target)
    placed = set(order)
    order += [n for n in node_ids if n not in placed]  # a cycle: keep going, never loop
    rank: dict[str, int] = {}
    for node_id in order:
        rank[node_id] = max((rank[p] + 1 for p in preds[node_id] if p in rank), default=0)
    # a source sits just above its first reader (an auxiliary input joins late)
    for node_id in reversed(order):
        if not preds[node_id] and succs[node_id]:
            rank[node_id] = max(0, min(rank[s] for s in succs[node_id]) - 1)
    return rank


def _vertices(node_ids, size_of, ranks) -> tuple[list[_Vertex], dict[str, int]]:
    vertices = []
    index: dict[str, int] = {}
    for node_id in node_ids:
        width, height = size_of(node_id)
        index[node_id] = len(vertices)
        vertices.append(_Vertex(node_id, width, height, ranks[node_id]))
    return vertices, index


def _split_long_edges(vertices, index, edges, ranks, lane_width):
    """Connect vertices rank to rank, adding one dummy per rank a long edge crosses."""
    lanes: dict[tuple[str, str], list[int]] = {}
    for source, target in edges:
        low, high = ranks[source], ranks[target]
        if high <= low:  # an edge against the layering (cycle): no lane, drawn directly
            continue
        previous = index[source]
        chain = []
        for rank in range(low + 1, high):
            dummy = _Vertex((source, target, rank), lane_width * 0.5, 0.0, rank)
            vertices.append(dummy)
            chain.append(len(vertices) - 1)
            _link(vertices, previous, chain[-1])
            previous = chain[-1]
        _link(vertices, previous, index[target])
        if chain:
            lanes[(source, target)] = chain
    return lanes


def _link(vertices: list[_Vertex], upper: int, lower: int) -> None:
    vertices[upper].downs.append(lower)
    vertices[lower].ups.append(upper)


def _layers(vertices: list[_Vertex]) -> list[list[int]]:
    count = max(v.rank for v in vertices) + 1
    layers: list[list[int]] = [[] for _ in range(count)]
    for i, vertex in enumerate(vertices):
        vertex.order = len(layers[vertex.rank])
        layers[vertex.rank].append(i)
    return layers


def _order(vertices: list[_Vertex], layers: list[list[int]], sweeps: int) -> None:
    """Barycenter heuristic: sort each layer by the mean order of its neighbours."""
    for _ in range(sweeps):
        for layer in layers[1:]:
            _sort_layer(vertices, layer, "ups")
        for layer in reversed(layers[:-1]):
            _sort_layer(vertices, layer, "downs")
    for layer in layers[1:]:
        _sort_layer(vertices, layer, "ups")


def _sort_layer(vertices: list[_Vertex], layer: list[int], side: str) -> None:
    def barycenter(i: int) -> float:
        neighbours = getattr(vertices[i], side)
        if not neighbours:
            return vertices[i].order  # stay where it is
        return sum(vertices[n].order for n in neighbours) / len(neighbours)

    layer.sort(key=lambda i: (barycenter(i), vertices[i].order))
    for position, i in enumerate(layer):
        vertices[i].order = position


def _place(vertices: list[_Vertex], layers: list[list[int]], gap: float) -> None:
    """x of every vertex centre: packed first, then pulled towards neighbours, both ways."""
    for layer in layers:
        x = 0.0
        for i in layer:
            vertices[i].x = x + vertices[i].width / 2
            x += vertices[i].width + gap
    passes = [(layers[1:], "ups"), (list(reversed(layers[:-1])), "downs")] * 2
    passes.append((layers[1:], "ups"))
    for sequence, side in passes:
        for layer in sequence:
            _fit_layer(vertices, layer, side, gap)


def _fit_layer(vertices: list[_Vertex], layer: list[int], side: str, gap: float) -> None:
    """Least-squares placement of one layer at its neighbours' mean x, order and gaps kept.

    With offsets c_i (the packed distance from the first vertex), y_i = x_i - c_i must be
    non-decreasing: an isotonic regression of the desired y, solved by pool adjacent violators.
    """
    offsets = []
    offset = 0.0
    for position, i in enumerate(layer):
        if position:
            previous = vertices[layer[position - 1]]
            offset += previous.width / 2 + gap + vertices[i].width / 2
        offsets.append(offset)
    blocks: list[list[float]] = []  # [mean, weight, count]
    for position, i in enumerate(layer):
        neighbours = getattr(vertices[i], side)
        if neighbours:
            desired = sum(vertices[n].x for n in neighbours) / len(neighbours)
            weight = 1.0 if vertices[i].width > 0 else 0.5
        else:
            desired, weight = vertices[i].x, 0.05  # free vertices barely pull
        blocks.append([desired - offsets[position], weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, weight, count = blocks.pop()
            last = blocks[-1]
            total = last[1] + weight
            last[0] = (last[0] * last[1] + mean * weight) / total
            last[1] = total
            last[2] += count
    position = 0
    for mean, _weight, count in blocks:
        for _ in range(count):
            vertices[layer[position]].x = mean + offsets[position]
            position += 1


def _result(vertices, layers, lanes, v_gap) -> Layout:
    layout = Layout()
    min_x = min(v.x - v.width / 2 for v in vertices)
    y = 0.0
    rank_centre: list[float] = []
    for layer in layers:
        height = max((vertices[i].height for i in layer), default=0.0)
        rank_centre.append(y + height / 2)
        for i in layer:
            vertex = vertices[i]
            if isinstance(vertex.key, str):
                top = y + (height - vertex.height) / 2
                layout.positions[vertex.key] = (vertex.x - vertex.width / 2 - min_x, top)
        y += height + v_gap
    for edge, chain in lanes.items():
        layout.routes[edge] = [
            (vertices[i].x - min_x, rank_centre[vertices[i].rank]) for i in chain
        ]
    return layout
