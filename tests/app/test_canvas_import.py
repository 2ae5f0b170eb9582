"""Imported graphs on the canvas: every keras.applications model, and the item-move regression."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPointF

from engine.model.document import Document
from engine.model.graph import Graph
from engine.model.keras_config import graph_from_config
from tests.keras_models import APPLICATIONS, application_config


def _connected_ports(graph: Graph) -> int:
    return sum(1 for node in graph.nodes.values() for _ in node.input_refs())


def test_every_keras_application_imports_into_one_scene(view, controller):
    """All 40 applications, one view: cards mirror the graph (a node's own, or its collapsed
    group's), every card is laid out, every wire runs from port to port."""
    scene = view.scene()
    scene.live_annotations = False  # shapes are the engine's tests; here: items and layout
    started = time.perf_counter()
    for name in APPLICATIONS:
        graph = graph_from_config(application_config(name))
        controller.set_document(Document(graph))
        hidden = [n for card in scene.groups.values() for n in card.members]
        assert sorted([*scene.nodes, *hidden]) == sorted(graph.nodes), name
        wires = [*scene.edges.values(), *scene.group_wires.values()]
        for node_id in scene.nodes:  # every connected port has its wire
            ports = sum(1 for _ in graph.nodes[node_id].input_refs())
            into = [w for w in wires if w.target == node_id]
            assert len(into) == len({tuple(map(str, w.port_path)) for w in into}), name
            assert len(into) <= ports and (ports == 0) == (not into), name
        positions = controller.document.editor_state["positions"]
        assert set(scene.nodes) <= set(positions), name
        tops = [item.pos().y() for item in [*scene.nodes.values(), *scene.groups.values()]]
        inputs = [scene.item_for(ref.node_id).pos().y() for ref in graph.inputs]
        assert min(inputs) == min(tops), name  # inputs on the top row
        for edge in wires:  # every wire runs from port to port
            path = edge.path()
            start, end = path.pointAtPercent(0), path.pointAtPercent(1)
            source = scene.unit_item(edge.source_unit)
            index = 0 if source.is_group else edge.source.index
            assert start == source.output_ports[index].scenePos(), (name, edge.target)
            target = scene.unit_item(edge.target)
            port = target.input_ports[0] if target.is_group else target.port_for_path(
                edge.port_path)  # fmt: skip
            assert end == port.scenePos(), (name, edge.target)
        view.viewport().repaint()
    elapsed = time.perf_counter() - started
    print(f"\n40 applications imported into the scene in {elapsed:.1f} s")


@pytest.mark.parametrize("moves", [10_000])
def test_moving_nodes_many_times_keeps_wires_and_positions(view, controller, moves):
    """PySide6 6.12.0 crashed after a few thousand overridden itemChange calls (pinned <6.12)."""
    graph = graph_from_config(application_config("MobileNet"))
    view.scene().live_annotations = False
    controller.set_document(Document(graph))
    scene = view.scene()
    items = list(scene.nodes.values())[:20]
    for i in range(moves):
        item = items[i % len(items)]
        item.setPos(QPointF(i % 500, (i * 7) % 900))
    assert scene.commit_moves()  # the end of the drag: one undo step
    assert controller.undo_stack.count() == 1
    positions = controller.document.editor_state["positions"]
    for item in items:
        assert positions[item.node_id] == [item.pos().x(), item.pos().y()]
        for key, edge in scene.edges.items():
            if edge.target == item.node_id:
                port = item.port_for_path(key[1])
                assert edge.path().pointAtPercent(1) == port.scenePos()
