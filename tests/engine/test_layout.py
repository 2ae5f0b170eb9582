"""The layered auto-layout: readable placements, and no blow-up on skip connections."""

from __future__ import annotations

import itertools

import pytest

from engine.diagram.layout import edges_of, layered_layout
from engine.model.graph import Graph, Layer, Node, TensorRef
from engine.model.keras_config import graph_from_config
from tests.keras_models import application_config, seed_config

W, H = 180.0, 60.0


def _chain_with_skips(length: int, skip_every: int) -> Graph:
    """Input -> length nodes; every `skip_every` nodes an Add also reads the block's input."""
    graph = Graph()
    previous = _add(graph, "InputLayer", [])
    graph.inputs = [TensorRef(previous)]
    block_input = previous
    for i in range(length):
        if skip_every and i % skip_every == skip_every - 1:
            previous = _add(graph, "Add", [[TensorRef(previous), TensorRef(block_input)]])
            block_input = previous
        else:
            previous = _add(graph, "Dense", [TensorRef(previous)])
    graph.outputs = [TensorRef(previous)]
    return graph


def _add(graph: Graph, class_name: str, args: list) -> str:
    layer = Layer(
        id=graph.new_id("L"), class_name=class_name, config={"name": f"l{len(graph.layers)}"}
    )
    graph._insert_layer(layer)
    node = Node(id=graph.new_id("N"), layer_id=layer.id, args=args)
    graph._insert_node(node)
    return node.id


def _overlaps(positions: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    """Pairs of nodes whose W x H boxes overlap (sweep by row: nodes of one row share y)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for node_id, (x, y) in positions.items():
        rows.setdefault(y, []).append((x, node_id))
    found = []
    for row in rows.values():
        row.sort()
        found += [(a, b) for (xa, a), (xb, b) in itertools.pairwise(row) if xb - xa < W]
    return found


def test_chain_is_one_straight_column_top_to_bottom():
    graph = graph_from_config(seed_config("S9_mlp"))
    layout = layered_layout(graph, lambda _n: (W, H))
    order = [ref.node_id for ref in graph.inputs]
    xs = {x for x, _ in layout.positions.values()}
    ys = sorted(y for _, y in layout.positions.values())
    assert len(xs) == 1
    assert ys == sorted(set(ys)) and len(ys) == len(graph.nodes)
    assert layout.positions[order[0]][1] == 0.0


def test_every_edge_points_down_and_nothing_overlaps_on_densenet():
    graph = graph_from_config(application_config("DenseNet121"))
    layout = layered_layout(graph, lambda _n: (W, H))
    assert set(layout.positions) == set(graph.nodes)
    for source, target in edges_of(graph):
        assert layout.positions[target][1] > layout.positions[source][1]
    assert _overlaps(layout.positions) == []


def test_skip_connections_get_a_lane_beside_the_nodes_they_skip():
    graph = graph_from_config(seed_config("S15_residual"))
    layout = layered_layout(graph, lambda _n: (W, H))
    (skip,) = layout.routes.values()  # image -> add skips the conv
    conv = graph.calls[graph.layer_by_name("conv2d").id][0]
    conv_x = layout.positions[conv][0]
    lane_x = skip[0][0]
    assert not conv_x <= lane_x <= conv_x + W  # the wire does not run through the conv


def test_inception_towers_sit_side_by_side_between_input_and_merge():
    graph = graph_from_config(seed_config("S15_inception"))
    layout = layered_layout(graph, lambda _n: (W, H))
    image = graph.inputs[0].node_id
    merged = graph.outputs[0].node_id
    first_convs = [n for n in graph.nodes if TensorRef(image) in graph.nodes[n].input_refs()]
    rows = {layout.positions[n][1] for n in first_convs}
    assert len(first_convs) == 3 and len(rows) == 1
    assert _overlaps(layout.positions) == []
    xs = sorted(layout.positions[n][0] for n in first_convs)
    centre = layout.positions[merged][0]
    assert xs[0] < centre < xs[-1] + 1  # the merge is centred under its towers


def test_auxiliary_input_sits_next_to_its_reader():
    graph = graph_from_config(seed_config("S13_news_two_io"))
    layout = layered_layout(graph, lambda _n: (W, H))
    aux = graph.layer_by_name("aux_input")
    aux_node = graph.calls[aux.id][0]
    readers = [n for n in graph.nodes if TensorRef(aux_node) in graph.nodes[n].input_refs()]
    gap = layout.positions[readers[0]][1] - layout.positions[aux_node][1]
    assert 0 < gap <= 2 * (H + 56)


@pytest.mark.parametrize("length", [2_000])
def test_long_residual_chain_lays_out_every_node_without_overlap(length):
    graph = _chain_with_skips(length, skip_every=3)
    layout = layered_layout(graph)
    assert len(layout.positions) == len(graph.nodes)
    assert _overlaps(layout.positions) == []
    assert len(layout.routes) == length // 3


def test_sizes_are_respected_and_cycles_do_not_hang():
    graph = _chain_with_skips(6, skip_every=0)
    nodes = list(graph.nodes)
    graph.nodes[nodes[1]].args = [TensorRef(nodes[-1])]  # a cycle, as a broken file may hold
    layout = layered_layout(graph, {nodes[2]: (400.0, 200.0)})
    assert set(layout.positions) == set(nodes)
    below = [y for n, (_, y) in layout.positions.items() if y > layout.positions[nodes[2]][1]]
    assert all(y >= layout.positions[nodes[2]][1] + 200 for y in below)


def test_empty_graph():
    assert layered_layout(Graph()).positions == {}
