"""The document controller: the only way the GUI changes a model.

Views turn gestures into engine edits (`engine.model.operations`) and `push` them; each push is one
`QUndoCommand` whose redo/undo is one call of `engine.model.edits.apply` (the inverse comes
back from the engine). Engine events are re-emitted as Qt signals for the views.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from engine.errors import KerasCanvasError
from engine.model.document import Document
from engine.model.edits import Edit
from engine.model.graph import Graph, GraphEvent
from engine.model.placement import check_move

MOVE_BURST_ID = 14  # QUndoCommand.id() of keyboard moves: a burst of them merges into one step
BURST_SECONDS = 1.0  # keyboard moves of the same cards closer than this are one burst


class KerasNotReady(RuntimeError):
    """Keras is still loading: what needs it (shapes, the export) waits."""


class EditCommand(QUndoCommand):
    """One engine edit on the undo stack.

    The graph is addressed by its path of nested layer ids, not held: undoing and redoing a
    "Group into model" inserts a copy of the nested model, and an edit made inside it must
    reach that copy.
    """

    def __init__(self, controller: DocumentController, graph: Graph, edit: Edit, text: str):
        super().__init__(text)
        self._controller = controller
        self._path = list(controller.view_path)
        self._graph = graph
        self._edit = edit
        self._inverse: Edit | None = None

    def redo(self) -> None:
        self._inverse = self._controller.apply_raw(self._target(), self._edit, self._path)

    def undo(self) -> None:
        assert self._inverse is not None
        self._edit = self._controller.apply_raw(self._target(), self._inverse, self._path)

    def _target(self) -> Graph:
        graph = self._controller.document.graph
        for layer_id in self._path:
            layer = graph.layers.get(layer_id)
            if layer is None or layer.body is None:
                return self._graph  # the path is gone: only the graph itself is left
            graph = layer.body
        return graph


class MoveCommand(QUndoCommand):
    """Moving cards: one `Document.move` (editor state, not the model) on the undo stack.

    Keyboard moves of the same cards in quick succession (a burst of arrow keys) merge into
    one undo step; a burst that ends where it started leaves no step at all.
    """

    def __init__(self, controller: DocumentController, positions: dict[str, Any], text: str,
                 burst: bool = False) -> None:  # fmt: skip
        super().__init__(text)
        self._controller = controller
        self._positions = dict(positions)
        self._inverse: dict[str, Any] = {}
        self._burst = burst
        self._time = time.monotonic()

    def redo(self) -> None:
        self._inverse = self._controller.move_raw(self._positions)

    def undo(self) -> None:
        self._controller.move_raw(self._inverse)

    def id(self) -> int:
        return MOVE_BURST_ID if self._burst else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, MoveCommand)
            and other._burst
            and set(other._positions) == set(self._positions)
            and other._time - self._time < BURST_SECONDS
        ):
            return False
        self._positions = dict(other._positions)
        self._time = other._time
        self.setObsolete(self._positions == self._inverse)  # back where the burst started
        return True


class DocumentController(QObject):
    """Holds the document, its undo stack and the graph being viewed (top level or nested).

    Signals:
        graph_event(object): an engine GraphEvent.
        changed(): after every applied edit (views refresh shapes, summary, code).
        document_replaced(): a new document was loaded.
        error(str): an edit was refused; the message says why.
        selection_changed(list): node ids selected in the canvas.
        view_changed(): the graph shown changed (entered or left a nested model, or an undo
            removed the nested model shown).
        nested_edited(str): an edit was applied inside the nested model of this layer id of
            the graph shown (its calls' cards show new shapes, ports, layer counts); emitted
            before `changed`.
        focus_requested(str): a panel asks the canvas to centre on this node id.
        positions_changed(list): cards moved (their position keys, see `engine.model.placement`),
            by a move, its undo or its redo.
        runs_changed(): a training run was kept in the document or forgotten (its undo).
    """

    graph_event = Signal(object)
    nested_edited = Signal(str)
    changed = Signal()
    document_replaced = Signal()
    error = Signal(str)
    selection_changed = Signal(list)
    view_changed = Signal()
    focus_requested = Signal(str)
    positions_changed = Signal(list)
    runs_changed = Signal()

    def __init__(self, document: Document | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.document = document or Document()
        self.path: str | None = None
        self.view_path: list[str] = []  # layer ids of nested models entered, outermost first
        self._bodies: list[Graph] = []  # the nested graphs of view_path (listened to)
        self.selection: list[str] = []  # node ids selected (in the graph being viewed)
        # False while the window loads Keras: layers can be placed and wired meanwhile, what
        # needs Keras (shapes, the export) waits; nothing may import it on the GUI thread
        self.keras_ready = True
        self._config: tuple[dict | None, Exception | None] | None = None  # see model_config
        self.document.graph.subscribe(self._on_graph_event)

    # ------------------------------------------------------------------ document

    def set_document(self, document: Document, path: str | None = None) -> None:
        self.document.graph.unsubscribe(self._on_graph_event)
        self._listen_to([])
        self.document = document
        self.path = path
        self.view_path = []
        self._config = None
        document.graph.subscribe(self._on_graph_event)
        self.undo_stack.clear()
        self.document_replaced.emit()
        self.changed.emit()
        self.select([])

    @property
    def graph(self) -> Graph:
        """The graph being viewed: the model, or a nested model's body.

        While an edit removes the nested model shown (undoing a group from inside it), this is
        still the graph the views show, until the edit ends and the view follows the model.
        """
        return self._bodies[-1] if self._bodies else self.document.graph

    def enter(self, layer_id: str) -> None:
        body = self.graph.layer(layer_id).body
        if body is None:
            return
        self.view_path.append(layer_id)
        self._listen_to([*self._bodies, body])
        self.view_changed.emit()
        self.select([])

    def leave(self, depth: int = 0) -> None:
        """Go back up to `depth` (0 = the top-level model)."""
        del self.view_path[depth:]
        self._listen_to(self._bodies[:depth])
        self.view_changed.emit()
        self.select([])

    def _listen_to(self, bodies: list[Graph]) -> None:
        """Listen to exactly `bodies` (the nested graphs shown): a graph an edit copied (undoing
        a group copies the nested model) or left must not carry the controller along."""
        for body in self._bodies:
            if self._on_graph_event in body._listeners:
                body.unsubscribe(self._on_graph_event)
        self._bodies = list(bodies)
        for body in self._bodies:
            body.subscribe(self._on_graph_event)

    def _bodies_of(self, path: list[str]) -> list[Graph]:
        """The nested graphs along `path`, as far as they exist now."""
        bodies: list[Graph] = []
        graph = self.document.graph
        for layer_id in path:
            layer = graph.layers.get(layer_id)
            if layer is None or layer.body is None:
                break
            graph = layer.body
            bodies.append(graph)
        return bodies

    def _follow_view(self) -> None:
        """After an edit: if the nested model shown was removed or replaced by a copy (an undo
        or redo made above it), show what exists now instead of a graph no longer in the model."""
        bodies = self._bodies_of(self.view_path)
        if len(bodies) == len(self._bodies) and all(
            a is b for a, b in zip(bodies, self._bodies, strict=True)
        ):
            return
        del self.view_path[len(bodies) :]
        self._listen_to(bodies)
        self.view_changed.emit()
        self.select([])

    # ------------------------------------------------------------------ selection

    def select(self, node_ids: list[str]) -> None:
        """Set the selection (any view may call it); emits selection_changed when it changes."""
        node_ids = list(node_ids)
        if node_ids != self.selection:
            self.selection = node_ids
            self.selection_changed.emit(node_ids)

    def focus(self, node_id: str) -> None:
        """Select `node_id` and ask the canvas to centre on it."""
        self.select([node_id])
        self.focus_requested.emit(node_id)

    # ------------------------------------------------------------------ editing

    def push(self, edit: Edit, text: str) -> bool:
        """Apply `edit` as one undoable command; on a refused edit emit `error` and return False."""
        command = EditCommand(self, self.graph, edit, text)
        try:
            command.redo()
        except KerasCanvasError as exc:
            self.error.emit(str(exc))
            return False
        # the stack calls redo() again on push: make that a no-op by replaying the inverse first
        inverse = command._inverse
        assert inverse is not None
        command._edit = self.apply_raw(command._graph, inverse, command._path)
        self.undo_stack.push(command)
        return True

    def move(self, positions: dict[str, Any], text: str | None = None, burst: bool = False) -> bool:
        """Move cards as one undoable command; on malformed positions emit `error`, return False.

        Args:
            positions: position key -> (x, y) (see `engine.model.placement`).
            burst: a keyboard move; it merges with the previous one of a burst.
        """
        try:
            check_move(positions)
        except KerasCanvasError as exc:
            self.error.emit(str(exc))
            return False
        self.undo_stack.push(MoveCommand(self, positions, text or self.tr("Move"), burst))
        return True

    def move_raw(self, positions: dict[str, Any]) -> dict[str, Any]:
        """Apply one move to the document's editor state; returns its inverse."""
        inverse = self.document.move(positions)
        self.positions_changed.emit(list(positions))
        return inverse

    def apply_raw(self, graph: Graph, edit: Edit, path: list[str] | None = None) -> Edit:
        """Apply one edit to `graph`, found at `path` (nested layer ids; the viewed path if
        None)."""
        from engine.model import edits

        path = list(self.view_path if path is None else path)
        inverse = edits.apply(graph, edit)
        self._config = None  # also for edits inside a nested model no longer viewed
        if graph is not self.document.graph:
            self._invalidate_enclosing(path)
        self._follow_view()
        shown = len(self.view_path)
        if len(path) > shown and path[:shown] == self.view_path:
            # made inside a nested model of the graph shown (an undo after going up): its
            # calls' cards change though no event of the shown graph says so
            self.nested_edited.emit(path[shown])
        self.changed.emit()
        return inverse

    def _invalidate_enclosing(self, path: list[str]) -> None:
        """An edit inside a nested model changes the shapes of every call of that model."""
        shapes = self.document.shapes
        graph = self.document.graph
        for layer_id in path:
            layer = graph.layers.get(layer_id)
            if layer is None or layer.body is None:
                return
            shapes.invalidate(graph, layer_ids={layer_id})
            graph = layer.body
        shapes.invalidate(graph)

    def _on_graph_event(self, event: GraphEvent) -> None:
        self._config = None
        self.graph_event.emit(event)

    def model_config(self) -> dict:
        """`document.to_config()`, computed once per change and shared by the panels.

        Read it, never change it: the JSON, YAML and Python panels and the training form all
        see this one dict (a large model's config takes a good part of a second to write).

        Raises:
            KerasNotReady: while Keras loads.
            what `to_config` raises for a graph Keras would refuse (again on each call).
        """
        if not self.keras_ready:
            raise KerasNotReady(self.tr("Keras is still loading."))
        if self._config is None:
            try:
                self._config = (self.document.to_config(), None)
            except Exception as exc:  # kept: every panel asks, the answer is the same
                self._config = (None, exc)
        config, error = self._config
        if error is not None:
            raise error
        return config
