"""The scene's wires: one item per tensor between two drawn cards.

`SceneWires` is mixed into `GraphScene`. A wire between two node cards is keyed by the reading
node and its input port (`edges`); a wire with a collapsed group's card or a nested model's inner
card at one end stands for the tensors between those cards (`group_wires`). Each wire follows
the route the automatic layout found for its pair of cards while both stand where it put them,
and is drawn directly otherwise.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF

from app.canvas.edge_item import EdgeItem
from engine.diagram.view import MODEL_PREFIX
from engine.model.graph import TensorRef
from engine.model.operations import input_ports

EdgeKey = tuple[str, tuple[Any, ...]]  # (reading node id, port path)


class SceneWires:
    """Wires of the viewed graph (mixed into GraphScene)."""

    def _wires_of(self, unit: str) -> list[EdgeItem]:
        keys = self._in_edges.get(unit, set()) | self._out_edges.get(unit, set())
        wires = [self.edges[key] for key in keys]
        if self.group_wires:
            wires += [w for w in self.group_wires.values() if unit in (w.source_unit, w.target)]
        return wires

    # ------------------------------------------------------------------ wires

    def _sync_input_edges(self, node_id: str, place: bool = True) -> None:
        """Make the wires into `node_id` match its connected input ports."""
        wanted = {path: ref for path, _, ref in input_ports(self.graph, node_id) if ref is not None}
        for key in list(self._in_edges.get(node_id, ())):
            edge = self.edges[key]
            if wanted.get(key[1]) != edge.source:
                self._remove_edge(key)
        for path, ref in wanted.items():
            key = (node_id, path)
            if key not in self.edges and ref.node_id in self.nodes:
                self._add_edge(ref, node_id, path)
        if place:
            for key in self._in_edges.get(node_id, ()):
                self._place_edge(self.edges[key])

    def _add_edge(self, source: TensorRef, node_id: str, path: tuple[Any, ...]) -> None:
        key = (node_id, path)
        edge = EdgeItem(source, node_id, path)
        self.edges[key] = edge
        self._in_edges.setdefault(node_id, set()).add(key)
        self._out_edges.setdefault(source.node_id, set()).add(key)
        self.addItem(edge)
        source_item = self.nodes[source.node_id]
        if source_item.output_port(source.index) is None and not self._building:
            self._refresh_node(source.node_id)  # a new tensor index: grow an output port

    def _remove_edge(self, key: EdgeKey) -> None:
        edge = self.edges.pop(key, None)
        if edge is None:
            return
        self._in_edges.get(edge.target, set()).discard(key)
        self._out_edges.get(edge.source.node_id, set()).discard(key)
        self.removeItem(edge)

    def _sync_group_wires(self) -> None:
        """The wires with a collapsed group's card at one end (one per tensor into a drawn
        node's port, one per pair of cards otherwise), and those inside and around nested
        models opened in place."""
        if not self.view.collapsed and not self.view.opened:
            return
        unit_of = self.view.unit_of
        wires = []
        for node_id in self.graph.nodes:
            target = unit_of.get(node_id, node_id)
            for path, _label, ref in input_ports(self.graph, node_id):
                if ref is None or ref.node_id not in unit_of:
                    continue
                source = unit_of[ref.node_id]
                if source == target or (source == ref.node_id and target == node_id):
                    continue  # inside one group, or an ordinary wire between two cards
                if source.startswith(MODEL_PREFIX) or target.startswith(MODEL_PREFIX):
                    continue  # through an opened model: below
                wires.append((ref, source, target, path if target == node_id else None))
        wires += self._inner_wires()
        for ref, source, target, path in wires:
            index = ref.index if self.unit_item(source) is not None and not self.unit_item(
                source).is_group else 0  # fmt: skip
            key = (source, index, target, path)
            if key not in self.group_wires:
                edge = EdgeItem(ref, target, path, source_unit=source)
                self.group_wires[key] = edge
                self.addItem(edge)

    def _place_edge(self, edge: EdgeItem) -> None:
        source = self.unit_item(edge.source_unit)
        target = self.unit_item(edge.target)
        if source is None or target is None:
            return
        if source.is_group:
            out_port = source.output_port(0)
        else:
            out_port = source.output_port(edge.source.index)
        in_port = target.input_ports[0] if target.is_group else target.port_for_path(edge.port_path)
        start = out_port.scenePos() if out_port else source.sceneBoundingRect().center()
        if in_port is not None:
            end = in_port.scenePos()
        else:  # into a model's Input card, opened in place: its top
            card = target.card_rect()
            end = target.mapToScene(QPointF(card.center().x(), card.top()))
        edge.waypoints = self.route_for(edge.source_unit, edge.target)
        edge.set_ends(start, end)

    def _highlight_edges(self, selected: set[str]) -> None:
        for key in list(self._lit_edges):
            if key in self.edges:
                self.edges[key].set_highlighted(False)
        self._lit_edges = set()
        for node_id in selected:
            self._lit_edges |= self._in_edges.get(node_id, set()) | self._out_edges.get(
                node_id, set()
            )
        for key in self._lit_edges:
            self.edges[key].set_highlighted(True)
        for edge in self.group_wires.values():
            edge.set_highlighted(edge.source_unit in selected or edge.target in selected)
