"""The automatic layout: layered rows folded into columns, frames, wires in lanes, fast."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.diagram.columns import Spacing
from engine.diagram.groups import find_groups
from engine.diagram.layout import Layout, edges_of, lay_out, layered_layout
from engine.diagram.view import flat_view, project
from engine.model.graph import Graph, Layer, Node, TensorRef
from engine.model.keras_config import graph_from_config
from tests.keras_models import application_config, seed_config

W, H = 180.0, 60.0
CARD, GROUP = (216.0, 100.0), (216.0, 112.0)


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


def _size(unit: str) -> tuple[float, float]:
    return GROUP if unit.startswith("group:") else CARD


def _boxes(layout: Layout, size=_size) -> dict[str, tuple[float, float, float, float]]:
    return {u: (x, y, x + size(u)[0], y + size(u)[1]) for u, (x, y) in layout.positions.items()}


def _overlaps(boxes) -> list[tuple[str, str]]:
    items = sorted(boxes.items(), key=lambda item: item[1][0])
    found = []
    for i, (a, (_ax0, ay0, ax1, ay1)) in enumerate(items):
        for b, (bx0, by0, _bx1, by1) in items[i + 1 :]:
            if bx0 >= ax1:
                break
            if by0 < ay1 and ay0 < by1:
                found.append((a, b))
    return found


def wires_under_cards(layout: Layout, size=_size) -> list[tuple[tuple[str, str], str]]:
    """(wire, card) pairs where a route's piece may run under a card.

    Between two points on one line the wire is that line; between others it curves inside
    the rectangle the two points span: that rectangle must be clear of every card.
    """
    boxes = _boxes(layout, size)
    cells: dict[tuple[int, int], list[str]] = {}  # a grid, so the check stays fast
    for unit, (x0, y0, x1, y1) in boxes.items():
        for cx, cy in itertools.product(range(int(x0 // 400), int(x1 // 400) + 1),
                                         range(int(y0 // 400), int(y1 // 400) + 1)):  # fmt: skip
            cells.setdefault((cx, cy), []).append(unit)
    hits = []
    for wire, points in layout.routes.items():
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
            near = {u for cx in range(int(x0 // 400), int(x1 // 400) + 1)
                    for cy in range(int(y0 // 400), int(y1 // 400) + 1)
                    for u in cells.get((cx, cy), ())}  # fmt: skip
            for unit in near:
                ux0, uy0, ux1, uy1 = boxes[unit]
                if x0 < ux1 - 1 and ux0 + 1 < x1 + 0.01 and y0 < uy1 - 1 and uy0 + 1 < y1 + 0.01:
                    hits.append((wire, unit))
    return hits


def _column_of(layout: Layout) -> dict[str, int]:
    """Folded columns, found from x: cards whose boxes overlap in x share a column."""
    spans = sorted((x, x + CARD[0], unit) for unit, (x, _y) in layout.positions.items())
    column, right, found = -1, None, {}
    for x0, x1, unit in spans:
        if right is None or x0 >= right:
            column += 1
            right = x1
        right = max(right, x1)
        found[unit] = column
    return found


def test_a_short_chain_is_one_straight_column_top_to_bottom():
    graph = graph_from_config(seed_config("S9_mlp"))
    layout = layered_layout(graph, lambda _n: (W, H))
    xs = {x for x, _ in layout.positions.values()}
    ys = sorted(y for _, y in layout.positions.values())
    assert len(xs) == 1
    assert ys == sorted(set(ys)) and len(ys) == len(graph.nodes)
    assert layout.positions[graph.inputs[0].node_id][1] == 0.0


def test_a_deep_model_folds_into_columns_read_left_to_right():
    graph = graph_from_config(application_config("DenseNet121"))
    layout = layered_layout(graph, lambda _n: CARD)
    assert set(layout.positions) == set(graph.nodes)
    assert 1 / 3 <= layout.width / layout.height <= 3
    column = _column_of(layout)
    assert len(set(column.values())) >= 4
    for source, target in edges_of(graph):  # down a column, or on to a later column
        if column[source] == column[target]:
            assert layout.positions[target][1] > layout.positions[source][1]
        else:
            assert column[target] > column[source]
    assert _overlaps(_boxes(layout, lambda _n: CARD)) == []
    assert wires_under_cards(layout, lambda _n: CARD) == []


def test_skip_connections_run_in_a_lane_beside_the_cards_they_skip():
    graph = graph_from_config(seed_config("S15_residual"))
    layout = layered_layout(graph, lambda _n: (W, H))
    image = graph.inputs[0].node_id
    add = graph.outputs[0].node_id
    conv = graph.calls[graph.layer_by_name("conv2d").id][0]
    route = layout.routes[(image, add)]
    lane_xs = {x for x, _ in route[1:-1]}
    conv_x = layout.positions[conv][0]
    assert lane_xs and all(not conv_x <= x <= conv_x + W for x in lane_xs)
    assert wires_under_cards(layout, lambda _n: (W, H)) == []


def test_inception_towers_sit_side_by_side_between_input_and_merge():
    graph = graph_from_config(seed_config("S15_inception"))
    layout = layered_layout(graph, lambda _n: (W, H))
    image = graph.inputs[0].node_id
    merged = graph.outputs[0].node_id
    first_convs = [n for n in graph.nodes if TensorRef(image) in graph.nodes[n].input_refs()]
    rows = {layout.positions[n][1] for n in first_convs}
    assert len(first_convs) == 3 and len(rows) == 1
    assert _overlaps(_boxes(layout, lambda _n: (W, H))) == []
    xs = sorted(layout.positions[n][0] for n in first_convs)
    centre = layout.positions[merged][0]
    assert xs[0] < centre < xs[-1] + 1  # the merge is centred under its towers


def test_auxiliary_input_sits_next_to_its_reader():
    graph = graph_from_config(seed_config("S13_news_two_io"))
    layout = layered_layout(graph, lambda _n: (W, H))
    aux_node = graph.calls[graph.layer_by_name("aux_input").id][0]
    readers = [n for n in graph.nodes if TensorRef(aux_node) in graph.nodes[n].input_refs()]
    gap = layout.positions[readers[0]][1] - layout.positions[aux_node][1]
    assert 0 < gap <= 2 * (H + 56)


CASES = [("ResNet50", 2), ("NASNetMobile", 1), ("InceptionResNetV2", 2), ("ResNet50V2", 0)]


@pytest.mark.parametrize(("name", "level"), CASES)
def test_frames_hold_their_cards_and_wires_stay_out_from_under_cards(name, level):
    graph = graph_from_config(application_config(name))
    tree = find_groups(graph)
    view = project(graph, tree, tree.collapsed_at_level(level))
    layout = lay_out(view, _size)
    assert set(layout.positions) == set(view.units)
    assert set(layout.frames) == set(view.frames)
    assert set(layout.routes) == set(view.wires)  # every wire routed (no cycle here)
    boxes = _boxes(layout)
    assert _overlaps(boxes) == []
    assert wires_under_cards(layout) == []
    for unit, frame in view.parent.items():  # a frame encloses what it holds
        if frame is None:
            continue
        fx, fy, fw, fh = layout.frames[frame]
        x0, y0, x1, y1 = boxes[unit] if unit in boxes else _frame_box(layout.frames[unit])
        assert fx <= x0 and fy <= y0 and x1 <= fx + fw and y1 <= fy + fh, (unit, frame)
    assert 1 / 3 <= layout.width / layout.height <= 3


def _frame_box(frame):
    x, y, w, h = frame
    return x, y, x + w, y + h


def test_a_long_residual_chain_lays_out_every_node_without_overlap():
    graph = _chain_with_skips(2_000, skip_every=3)
    layout = layered_layout(graph, lambda _n: CARD)
    assert len(layout.positions) == len(graph.nodes)
    assert _overlaps(_boxes(layout, lambda _n: CARD)) == []
    assert len(layout.routes) == len(edges_of(graph))
    assert 1 / 3 <= layout.width / layout.height <= 3


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


@settings(max_examples=60, deadline=None)
@given(
    length=st.integers(1, 40),
    skip_every=st.integers(0, 4),
    room=st.floats(0.0, 400.0),
    aspect=st.floats(1.0, 2.4),
)
def test_the_room_kept_beside_each_card_holds_no_other_card(length, skip_every, room, aspect):
    """Look-inside thumbnails go right of their card: a layout asked for `room` there leaves it
    free, however it folds."""
    graph = _chain_with_skips(length, skip_every)
    layout = lay_out(flat_view(graph), lambda _u: CARD, spacing=Spacing(beside=room),
                     aspect=aspect)  # fmt: skip
    assert set(layout.positions) == set(graph.nodes)
    assert _overlaps(_boxes(layout, lambda _u: (CARD[0] + room, CARD[1]))) == []
