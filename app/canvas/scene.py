"""The graph scene: a projection of the engine's graph, one item per node and per wire.

Items are built only from the engine: a full rebuild when the document is replaced or another
(nested) graph is viewed, and otherwise from graph events. Events mark nodes dirty while an edit
runs; the controller's `changed` signal (after every applied edit) then updates exactly the
dirty items. Keras's shapes and parameter counts arrive afterwards (`annotate`), touching only
the nodes whose result the engine recomputed.

User gestures become engine edits in `app.canvas.commands` (the `CanvasCommands` mixin).
Collapsed groups, frames and the automatic layout live in `app.canvas.grouping` (`SceneGroups`):
the scene draws a node's card only while no collapsed group hides it, and a wire touching a
group's card stands for the tensors between that group and the other end.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from app.canvas.arrange import SceneArrangement
from app.canvas.commands import CanvasCommands
from app.canvas.describe import annotation_for, node_info
from app.canvas.edge_item import EdgeItem
from app.canvas.group_items import GroupItem
from app.canvas.grouping import SceneGroups
from app.canvas.nested_models import SceneModels
from app.canvas.node_item import NodeInfo, NodeItem
from app.canvas.wires import SceneWires
from app.controller import DocumentController
from engine.diagram import state
from engine.diagram.groups import find_groups
from engine.model.graph import Graph, GraphEvent, TensorRef

logger = logging.getLogger(__name__)

EdgeKey = tuple[str, tuple[Any, ...]]  # (reading node id, port path)
WireKey = tuple[str, int, str, Any]  # (source unit, tensor index, target unit, port path)
_STRUCTURE = ("node_added", "node_removed", "connection_changed", "renamed", "layer_added",
              "layer_removed")  # fmt: skip


class GraphScene(
    SceneWires, SceneArrangement, SceneModels, SceneGroups, CanvasCommands, QGraphicsScene
):
    """Mirrors `controller.graph`.

    Signals:
        message(str): a short message for the status bar (refused edits, hints).
        rebuilt(): all items were rebuilt (new document, or another graph viewed).
        regrouped(QPointF, QPointF): groups opened or closed; the clicked group's corner
            before and after (the view keeps it in place on screen).

    Attributes:
        nodes: node id -> NodeItem, for the nodes drawn (not hidden in a collapsed group).
        edges: (reading node id, port path) -> EdgeItem, between two nodes drawn.
        groups: group key -> GroupItem, the collapsed groups drawn as cards.
        frames: group key -> FrameItem, the expanded groups holding something drawn.
        group_wires: (source unit, tensor index, target unit, port path) -> EdgeItem, the
            wires with a group's card at one end.
        live_annotations: compute Keras shapes after edits (off for bulk imports in tests).
        editing: draw editing aids (a merge layer's "+" slot); off for exported pictures.
    """

    message = Signal(str)
    rebuilt = Signal()
    regrouped = Signal(QPointF, QPointF)

    def __init__(self, controller: DocumentController, parent: Any = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[EdgeKey, EdgeItem] = {}
        self.group_wires: dict[WireKey, EdgeItem] = {}
        self.live_annotations = True
        self.editing = True
        self.beside_room = 0.0  # kept free right of each card by the automatic layout
        self._in_edges: dict[str, set[EdgeKey]] = {}
        self._out_edges: dict[str, set[EdgeKey]] = {}
        self._output_index: dict[TensorRef, int] = {}
        self._dirty_nodes: set[str] = set()
        self._dirty_layers: set[str] = set()
        self._dirty_outputs = False
        self._restructured = False
        self._building = False
        self._placing = False  # cards follow stored positions (an undo): not a user's move
        self._moving: set[str] = set()  # cards moved by the user since the last commit
        self._lit_edges: set[EdgeKey] = set()
        self._syncing = False
        self._cached_cards: set[NodeItem] = set()
        self._annotate_timer = QTimer(self)
        self._annotate_timer.setSingleShot(True)
        self._annotate_timer.timeout.connect(self.annotate)
        self._regroup_timer = QTimer(self)
        self._regroup_timer.setSingleShot(True)
        self._regroup_timer.timeout.connect(self._regroup)
        self._init_commands()
        self._init_groups()
        self._init_models()
        controller.graph_event.connect(self._on_graph_event)
        controller.nested_edited.connect(self._on_nested_edited)
        controller.changed.connect(self._on_changed)
        controller.document_replaced.connect(self.rebuild)
        controller.view_changed.connect(self.rebuild)
        controller.selection_changed.connect(self._on_controller_selection)
        controller.positions_changed.connect(self._on_positions_changed)
        self.selectionChanged.connect(self._on_selection_changed)
        self.rebuild()

    @property
    def graph(self) -> Graph:
        return self.controller.graph

    def node_moved(self, item: NodeItem) -> None:
        """A card moved (a drag in progress, a keyboard move, an undo): its wires and frames
        follow.

        A move by the user becomes an edit only when it ends (`commit_moves`): one undo step
        per drag, however many mouse events it took.
        """
        if self._building:
            return
        if not self._placing:
            self._moving.add(item.node_id)
        for edge in self._wires_of(item.node_id):
            self._place_edge(edge)
        if self.frames:
            self.place_frames()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.commit_moves()  # the end of a drag: one undo step for all the cards it moved

    # ------------------------------------------------------------------ full rebuild

    def rebuild(self, relayout: bool | None = None, announce: bool = True) -> None:
        """Drop every item and build the current graph again.

        Args:
            relayout: lay the view out again; by default when the layout is automatic (or
                no card has a position yet), else the stored positions are kept.
            announce: emit `rebuilt` (the view then shows the whole drawing anew).
        """
        self._building = True
        # thousands of long-lived items and no garbage: a collection now would only walk the
        # whole heap (Keras's included) for nothing
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._clear_items()
            self._compute_view()
            graph = self.graph
            self._output_index = {ref: i for i, ref in enumerate(graph.outputs)}
            used: dict[str, int] = {}
            for node in graph.nodes.values():
                for ref in node.input_refs():
                    used[ref.node_id] = max(used.get(ref.node_id, 0), ref.index + 1)
            shown = [n for n in graph.nodes if self.view.is_visible(n)]
            for node_id in shown:
                info = node_info(graph, node_id, self._output_index, used.get(node_id, 0))
                self._add_node_item(node_id, info)
            self._add_group_items()
            self._add_inner_items()
            self.name_cards_in_frames()
            if relayout is None:
                relayout = self._wants_layout(shown)
            if relayout and self.view.units:
                self.lay_out_view()
            self._place_nodes(shown)
            self.place_group_cards()
            self.place_inner_items()
            for node_id in shown:
                self._sync_input_edges(node_id, place=False)
            self._sync_group_wires()
            for edge in [*self.edges.values(), *self.group_wires.values()]:
                self._place_edge(edge)
            self.place_frames()
        finally:
            self._building = False
            self._routes_fresh = False
            if collecting:
                gc.enable()
        self._dirty_nodes.clear()
        self._dirty_layers.clear()
        self._restructured = False
        # the cards bound the wires (lanes run between them): no need to measure every path
        self.setSceneRect(self.nodes_rect().adjusted(-2000, -2000, 2000, 2000))
        if announce:
            self.rebuilt.emit()
        self._schedule_annotate()

    def _add_node_item(self, node_id: str, info: NodeInfo) -> None:
        item = NodeItem(node_id, info)
        self.nodes[node_id] = item
        self.addItem(item)

    def cache_cards(self, exposed: QRectF | None) -> None:
        """Cache the cards in `exposed` as pixmaps; None: drop every card's pixmap.

        The view asks before each paint: cards are cached where their text is readable (there
        panning blits them), and only once they are on screen, so a large graph pays for none
        of the thousands of cards it never shows.
        """
        if exposed is None:
            for item in self._cached_cards:
                item.set_cached(False)
            self._cached_cards.clear()
            return
        for item in self.items(exposed):
            if isinstance(item, NodeItem) and item not in self._cached_cards:
                item.set_cached(True)
                self._cached_cards.add(item)

    def _clear_items(self) -> None:
        self.clearSelection()
        self.clear()
        self.nodes.clear()
        self._moving.clear()
        self.groups.clear()
        self.inner.clear()
        self.frames.clear()
        self.group_wires.clear()
        self._lit_edges = set()
        self._cached_cards.clear()
        self.edges.clear()
        self._in_edges.clear()
        self._out_edges.clear()
        self._toast = None
        self._wire = None

    # ------------------------------------------------------------------ engine events

    def _on_graph_event(self, event: GraphEvent) -> None:
        if event.graph is not self.graph:
            return
        data = event.data
        if "node_id" in data:
            self._dirty_nodes.add(data["node_id"])
        if "layer_id" in data and event.kind not in ("layer_added", "layer_removed"):
            self._dirty_layers.add(data["layer_id"])
        if event.kind in ("outputs_changed", "inputs_changed"):
            self._dirty_outputs = True
        if event.kind in _STRUCTURE:
            self._restructured = True

    def _on_nested_edited(self, layer_id: str) -> None:
        self._dirty_layers.add(layer_id)  # its cards' ports and layer count may have changed

    def _on_changed(self) -> None:
        """After each applied edit: update the items the edit touched, nothing else.

        A change of names or wires may change the groups: that is checked once the edit is
        done (the items of the gesture that made it are still in use now).
        """
        graph = self.graph
        if self._restructured:
            self._restructured = False
            if self.groups or self.frames or len(graph.nodes) >= 8:
                self._regroup_timer.start(0)
        hidden = {n for n, unit in self.view.unit_of.items() if unit != n}
        refresh = set(self._dirty_nodes) - hidden
        for node_id in self._dirty_nodes:
            if node_id not in graph.nodes:
                self._remove_node_item(node_id)
        for layer_id in self._dirty_layers:
            refresh.update(n for n in graph.calls.get(layer_id, ()) if n not in hidden)
        if self._dirty_outputs:
            outputs = {ref: i for i, ref in enumerate(graph.outputs)}
            refresh.update(ref.node_id for ref in set(outputs) ^ set(self._output_index))
            refresh.update(r.node_id for r, i in outputs.items() if self._output_index.get(r) != i)
            refresh -= hidden
            self._output_index = outputs
        self._dirty_nodes.clear()
        self._dirty_layers.clear()
        self._dirty_outputs = False
        added = [n for n in refresh if n in graph.nodes and n not in self.nodes]
        for node_id in added:
            self._add_node_item(node_id, node_info(graph, node_id, self._output_index))
        self._building = True
        try:
            order = {node_id: i for i, node_id in enumerate(graph.nodes)}
            self._place_nodes(sorted(added, key=order.__getitem__))
        finally:
            self._building = False
        for node_id in refresh:
            if node_id in graph.nodes:
                self._refresh_node(node_id)
        # always: an edit elsewhere (inside a nested model, an undo made after going up)
        # changes shapes shown here without touching a card (annotate compares results only)
        self._schedule_annotate()

    def _regroup(self) -> None:
        """After an edit of names or wires: draw the groups again if they changed (or if a
        collapsed group's wires may have); a new layer inside a collapsed group opens it."""
        if not self.groups_changed() and not self.view.collapsed and not self.view.opened:
            self.place_frames()
            return
        new = [n for n in self.graph.nodes if n not in self.view.unit_of]
        if new and self.view.collapsed:
            tree = find_groups(self.graph)
            opened = {key for n in new for key in tree.chain(n)}
            if opened & self.view.collapsed:
                editor = self.controller.document.editor_state
                state.set_collapsed_groups(editor, self.view_key(), self.view.collapsed - opened)
        self.rebuild(relayout=False, announce=False)
        self.select_nodes(list(self.controller.selection))

    def _remove_node_item(self, node_id: str) -> None:
        item = self.nodes.pop(node_id, None)
        self._cached_cards.discard(item)
        for key in list(self._in_edges.pop(node_id, ())) + list(self._out_edges.pop(node_id, ())):
            self._remove_edge(key)
        if item is not None:
            self.removeItem(item)

    def _refresh_node(self, node_id: str) -> None:
        item = self.nodes[node_id]
        info = node_info(self.graph, node_id, self._output_index, self._used_outputs(node_id))
        info.outputs = max(info.outputs, len(item.result.outputs) if item.result else 0)
        item.set_info(info)
        self._sync_input_edges(node_id)
        for key in self._out_edges.get(node_id, ()):
            self._place_edge(self.edges[key])

    def _used_outputs(self, node_id: str) -> int:
        keys = self._out_edges.get(node_id, ())
        return max((self.edges[k].source.index + 1 for k in keys), default=0)

    # ------------------------------------------------------------------ Keras annotations

    def _schedule_annotate(self) -> None:
        if self.live_annotations and self.controller.keras_ready:
            self._annotate_timer.start(0)

    def annotate(self) -> None:
        """Show Keras's shapes, parameter counts and errors on nodes whose results changed."""
        graph = self.graph
        shapes = self.controller.document.shapes
        try:
            results = shapes.infer(graph)
        except Exception:  # a cycle or a broken import: the problems panel says why
            logger.exception("Shape inference failed")
            return
        for node_id, item in self.nodes.items():
            result = results.get(node_id)
            if result is None or result is item.result:
                continue
            item.result = result
            if result.error is None and len(result.outputs) != len(item.output_ports):
                self._refresh_node(node_id)  # return_state switched on or off: ports follow
            item.set_annotation(annotation_for(graph, shapes, node_id, result))
        if self.groups:
            self.annotate_groups()
        if self.inner:
            self.annotate_inner()

    # ------------------------------------------------------------------ selection

    def selected_node_ids(self) -> list[str]:
        """The nodes selected: the cards', and every layer of a selected group's card."""
        found: list[str] = []
        for item in self.selectedItems():
            if isinstance(item, GroupItem):
                found += item.members
            elif getattr(item, "is_inner", False):
                if item.call_id not in found:  # the nested model's call, outside
                    found.append(item.call_id)
            elif isinstance(item, NodeItem):
                found.append(item.node_id)
        return found

    def selected_units(self) -> list[str]:
        """The cards selected, as units: node ids and `group:<key>` of group cards."""
        return [item.node_id for item in self.selectedItems()
                if isinstance(item, NodeItem) and not getattr(item, "is_inner", False)]  # fmt: skip

    def select_units(self, units: list[str]) -> None:
        """Select cards by unit (node id or `group:<key>`)."""
        self.blockSignals(True)
        try:
            self.clearSelection()
            for unit in units:
                item = self.unit_item(unit)
                if item is not None:
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        selected = self.selected_node_ids()
        graph = self.graph
        layers = {graph.nodes[n].layer_id for n in selected if n in graph.nodes}
        for item in self.nodes.values():
            node = graph.nodes.get(item.node_id)
            sibling = node is not None and node.layer_id in layers and not item.isSelected()
            if sibling != item.sibling:
                item.sibling = sibling
                item.update()
        self._highlight_edges({i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)})
        self._syncing = True
        try:
            self.controller.select(selected)
        finally:
            self._syncing = False

    def _on_controller_selection(self, node_ids: list[str]) -> None:
        if self._syncing or set(node_ids) == set(self.selected_node_ids()):
            return
        self.select_nodes(node_ids)

    def drawing_rect(self) -> QRectF:
        """Everything drawn: cards, frames, and the wires' channels around them."""
        rect = self.nodes_rect()
        for card in self.nodes.values():  # what cards carry beside them (look-inside thumbnails)
            for child in card.childItems():
                if child.isVisible():
                    rect = rect.united(child.sceneBoundingRect())
        for edge in [*self.edges.values(), *self.group_wires.values()]:
            # the path's own points: an edge's bounding rect would stroke every wire first
            rect = rect.united(edge.path().controlPointRect())
        return rect

    def nodes_rect(self, node_ids: list[str] | None = None) -> QRectF:
        """Bounding rectangle of some nodes (all cards and frames by default), in scene
        coordinates; a hidden node counts as the card of the group hiding it."""
        if node_ids:
            items = {self.item_for(n) for n in node_ids} - {None}
        else:
            items = [*self.nodes.values(), *self.groups.values(), *self.inner.values(),
                     *self.frames.values()]  # fmt: skip
        rect = QRectF()
        for item in items:
            rect = rect.united(item.sceneBoundingRect())
        return rect
