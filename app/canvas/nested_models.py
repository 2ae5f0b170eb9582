"""Nested models opened in place: the body of a model call drawn inside a frame where its card
stood, read-only.

A nested model's call is one card, the model's own (its ports take wires, the inspector edits
it). "Show inside here" (+, or the card's menu) draws the body's calls in a frame instead, with
the outer wires going into the body's inputs and out of its outputs, as Keras runs them; the
frame's chevron (or -) closes it. The inner cards show shapes and parameters but take no edits:
double-click one to go inside the model (the breadcrumb view) and edit it there. Which calls
are open is kept with the project (`engine.diagram.state`), like collapsed groups.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtWidgets import QGraphicsSceneHoverEvent, QGraphicsSceneMouseEvent

from app.canvas.describe import annotation_for, describe_node, node_info
from app.canvas.group_items import FrameItem
from app.canvas.node_item import NodeItem
from engine.diagram import state
from engine.diagram.view import MODEL_PREFIX, split_inner
from engine.model.graph import Graph
from engine.model.operations import input_ports


class InnerNodeItem(NodeItem):
    """A call inside a nested model opened in place (read-only)."""

    is_inner = True

    def __init__(self, unit: str, info) -> None:
        super().__init__(unit, info)
        self.call_id, self.inner_id = split_inner(unit)

    def port_at(self, pos: QPointF):
        return None  # no wiring from inside: go into the model to edit it

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        scene = self.scene()
        if not self.toolTip() and scene is not None:
            self.setToolTip(scene.describe_inner(self.node_id))

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.scene().edit_inside(self.node_id)


class SceneModels:
    """Nested models opened in place (mixed into GraphScene)."""

    def _init_models(self) -> None:
        self.inner: dict[str, InnerNodeItem] = {}

    def opened_models(self) -> set[str]:
        editor = self.controller.document.editor_state
        return state.opened_models(editor, self.view_key(), self.graph)

    def _set_opened(self, nodes: set[str], anchor: str | None) -> None:
        editor = self.controller.document.editor_state
        state.set_opened_models(editor, self.view_key(), self.graph, nodes)
        self._relayout_view(anchor)

    def open_model(self, node_id: str) -> bool:
        """Draw the body of the nested model called by `node_id` in place."""
        if self.graph.layer_of(node_id).body is None or node_id in self.view.opened:
            return False
        self._set_opened(self.view.opened | {node_id}, anchor=node_id)
        return True

    def close_model(self, node_id: str) -> None:
        self._set_opened(self.view.opened - {node_id}, anchor=MODEL_PREFIX + node_id)

    def edit_inside(self, unit: str) -> None:
        """Go into the nested model (the breadcrumb view) with this call selected."""
        call, inner = split_inner(unit)
        self.controller.enter(self.graph.nodes[call].layer_id)
        self.controller.select([inner])

    def body_of(self, call: str) -> Graph:
        return self.graph.layer_of(call).body

    def _add_inner_items(self) -> None:
        for unit in self.view.units:
            found = split_inner(unit)
            if found is None:
                continue
            call, inner = found
            body = self.body_of(call)
            index = {ref: i for i, ref in enumerate(body.outputs)}
            info = node_info(body, inner, index)
            info.output_badges = {}  # the model's outputs are the call's, outside
            item = InnerNodeItem(unit, info)
            self.inner[unit] = item
            self.addItem(item)
        for call in self.view.opened:
            layer = self.graph.layer_of(call)
            depth = 1 + sum(1 for _ in self.frames_holding(call))
            frame = FrameItem(MODEL_PREFIX + call, layer.name, len(layer.body.nodes), depth)
            tip = QCoreApplication.translate(
                "Canvas", "The nested model {0}, opened here. Double-click a card to edit inside."
            )
            frame.setToolTip(tip.format(layer.name))
            self.frames[MODEL_PREFIX + call] = frame
            self.addItem(frame)

    def place_inner_items(self) -> None:
        """Inner cards where the layout put them (else in a column where the call stood)."""
        stored = self.positions()
        for step, (unit, item) in enumerate(self.inner.items()):
            spot = stored.get(self.position_key(unit))
            if spot is None:
                corner = stored.get(self.position_key(item.call_id), [0.0, 0.0])
                spot = stored[self.position_key(unit)] = [corner[0], corner[1] + 130.0 * step]
            item.setPos(QPointF(*spot))

    def _inner_wires(self) -> list[tuple]:
        """(source ref, source unit, target unit, port path) of the wires inside opened bodies
        and across their edges."""
        wires = []
        for call in self.view.opened:
            body = self.body_of(call)
            for inner in body.nodes:
                target = f"{call}/{inner}"
                for path, _label, ref in input_ports(body, inner):
                    if ref is not None:
                        wires.append((ref, f"{call}/{ref.node_id}", target, path))
            refs = self.graph.nodes[call].input_refs()
            for k, ref in enumerate(refs):  # into the body's inputs
                if k < len(body.inputs):
                    source = self.view.unit_of.get(ref.node_id, ref.node_id)
                    if ref.node_id in self.view.opened:
                        outer = self.body_of(ref.node_id).outputs[ref.index]
                        source, ref = f"{ref.node_id}/{outer.node_id}", outer
                    wires.append((ref, source, f"{call}/{body.inputs[k].node_id}", None))
        for node_id in self.graph.nodes:  # out of the bodies' outputs
            if node_id in self.view.opened:
                continue
            target = self.view.unit_of.get(node_id, node_id)
            for path, _label, ref in input_ports(self.graph, node_id):
                if ref is None or ref.node_id not in self.view.opened:
                    continue
                outputs = self.body_of(ref.node_id).outputs
                if ref.index < len(outputs):
                    inner = outputs[ref.index]
                    port = path if target == node_id else None
                    wires.append((inner, f"{ref.node_id}/{inner.node_id}", target, port))
        return wires

    def describe_inner(self, unit: str) -> str:
        call, inner = split_inner(unit)
        body = self.body_of(call)
        result = self.controller.document.shapes.infer(body).get(inner)
        text = describe_node(body, inner, result)
        return (
            text
            + "<br>"
            + QCoreApplication.translate(
                "Canvas", "Inside {0}: double-click to go in and edit it."
            ).format(self.graph.layer_of(call).name)
        )

    def annotate_inner(self) -> None:
        shapes = self.controller.document.shapes
        for call in self.view.opened:
            body = self.body_of(call)
            results = shapes.infer(body)
            for inner, result in results.items():
                item = self.inner.get(f"{call}/{inner}")
                if item is not None and result is not item.result:
                    item.result = result
                    item.set_annotation(annotation_for(body, shapes, inner, result))
