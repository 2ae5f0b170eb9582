"""The Edit menu's commands: each turns the selection into one engine edit on the undo stack.

Builders in `engine.model.operations` raise typed errors for refused edits (a pop on a branching
model, duplicating an Input); those reach the user through the window's status bar, worded
as the engine words them.
"""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QGraphicsView, QInputDialog, QWidget

from app.canvas.free_space import free_offset
from app.engine_text import engine_text
from app.group_dialog import GroupDialog
from app.unsafe_dialog import ask_allow_unsafe
from engine.errors import KerasCanvasError, UnsafeContentError
from engine.io import clipboard
from engine.io.lambda_code import find_unsafe
from engine.model import operations
from engine.model.graph import TensorRef

logger = logging.getLogger(__name__)

_STEP = QPointF(40.0, 40.0)  # where a copy lands relative to its original
_HALF_CARD = QPointF(108.0, 30.0)  # about half a node card of the canvas
_CARD_HEIGHT = 90.0  # a card with one output shape, its ports and badge


def _grouping():
    """`engine.model.grouping` when it is available in this build, else None."""
    try:
        return importlib.import_module("engine.model.grouping")
    except ImportError:
        return None


class EditActions(QObject):
    """Edit commands on the controller's selection.

    Signals:
        error(str): a command was refused; the message says why.
    """

    error = Signal(str)

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._window = parent
        self.catalog = None  # set once Keras is loaded
        self.centre: Callable[[], QPointF] = lambda: QPointF(0.0, 0.0)
        self._pastes = 0  # pastes of the same copy land one step further each time
        self._last_paste_at: QPointF | None = None  # the cursor point of the last paste
        self.group_dialog = None  # the last "Group into model" dialog (tests drive it)

    # ------------------------------------------------------------------ helpers

    @property
    def graph(self):
        return self._controller.graph

    def _selected(self) -> list[str]:
        return [n for n in self._controller.selection if n in self.graph.nodes]

    def _run(self, build: Callable[[], object], text: str) -> object | None:
        """Build an edit (or (edit, *ids)) and push it; report refusals instead of raising."""
        try:
            built = build()
        except (KerasCanvasError, ValueError) as exc:
            self.error.emit(str(exc))
            return None
        edit = built[0] if isinstance(built, tuple) else built
        if not self._controller.push(edit, text):
            return None
        return built

    def _key(self, node_id: str) -> str:
        """The node's key in `editor_state["positions"]` (nested views prefix their path)."""
        return "/".join([*self._controller.view_path, node_id])

    def _place(self, node_id: str, point: QPointF) -> None:
        positions = self._controller.document.editor_state.setdefault("positions", {})
        positions[self._key(node_id)] = [round(point.x(), 1), round(point.y(), 1)]

    def _position(self, node_id: str) -> QPointF:
        positions = self._controller.document.editor_state.get("positions", {})
        x, y = positions.get(self._key(node_id), (0.0, 0.0))
        return QPointF(x, y)

    def required_params(self, class_name: str) -> dict:
        """Example values for the parameters Keras requires (Dense needs `units`)."""
        if self.catalog is None or class_name not in self.catalog:
            return {}
        return {p.name: p.example for p in self.catalog.get(class_name).required_params}

    # ------------------------------------------------------------------ adding

    def add_layer(self, class_name: str, at: QPointF | None = None) -> str | None:
        """Add a layer (connected after the single selected node, if any); returns its node id.

        It lands at `at`, else below the node it follows, else mid-view, where no card sits,
        and the canvas scrolls to show it.
        """
        graph = self.graph
        selected = self._selected()
        if class_name in ("InputLayer", "Input"):
            selected = []  # an Input follows nothing

            def build():
                return operations.add_input(graph, (32,))
        else:
            inputs = [TensorRef(selected[0])] if len(selected) == 1 else None
            params = self.required_params(class_name)

            def build():
                return operations.add_layer(graph, class_name, inputs, **params)

        built = self._peek(build)
        if built is None:
            return None
        _edit, _layer_id, node_id = built
        self._place(node_id, self._new_card_spot(at, selected))
        if not self._controller.push(built[0], self.tr("Add {0}").format(class_name)):
            return None
        self._controller.select([node_id])
        self._reveal(node_id)
        return node_id

    def _new_card_spot(self, at: QPointF | None, selected: list[str]) -> QPointF:
        """A new card's top-left: centred on `at`, else below the one selected node, else in
        the middle of the view; moved right until no card is under it."""
        if at is not None:
            return at - _HALF_CARD
        if len(selected) == 1:
            found = self._canvas_viewport()
            item = found[0].scene().nodes.get(selected[0]) if found is not None else None
            if item is not None:
                return self._free_spot(item.pos() + QPointF(0, item.boundingRect().height() + 40))
        return self._free_spot(self.centre() - _HALF_CARD)

    def _reveal(self, node_id: str) -> None:
        """Scroll the canvas to show the card (nothing without a canvas)."""
        found = self._canvas_viewport()
        item = found[0].scene().nodes.get(node_id) if found is not None else None
        if item is not None:
            found[0].ensureVisible(item.sceneBoundingRect(), 60, 60)

    def _peek(self, build: Callable[[], tuple]) -> tuple | None:
        try:
            return build()
        except (KerasCanvasError, ValueError) as exc:
            self.error.emit(str(exc))
            return None

    # ------------------------------------------------------------------ commands

    def delete(self) -> None:
        selected = self._selected()
        if selected:
            self._run(lambda: operations.remove_nodes(self.graph, selected), self.tr("Delete"))
            self._controller.select([])

    def select_all(self) -> None:
        self._controller.select(list(self.graph.nodes))

    def duplicate(self) -> None:
        for node_id in self._selected()[:1]:
            built = self._peek(lambda n=node_id: operations.duplicate_layer(self.graph, n))
            if built is not None:
                self._place(built[2], self._position(node_id) + _STEP)
                if self._controller.push(built[0], self.tr("Duplicate")):
                    self._controller.select([built[2]])

    def copy(self) -> bool:
        """Put the selected calls on the clipboard (our JSON, and Keras's layers as text)."""
        selected = self._selected()
        if not selected:
            self.error.emit(self.tr("Select the nodes to copy first."))
            return False
        positions = {n: list(self._position_xy(n)) for n in selected}
        data = clipboard.copy_selection(self.graph, selected, positions)
        mime = QMimeData()
        mime.setData(clipboard.MIME_TYPE, json.dumps(data).encode("utf-8"))
        mime.setText(json.dumps(clipboard.keras_text(data), indent=2))
        QApplication.clipboard().setMimeData(mime)
        self._pastes = 0
        return True

    def paste(self) -> list[str]:
        """Independent copies of the clipboard's calls (or a pasted Keras model's layers).

        The pasted block lands with its top-left corner at the mouse when the mouse is over the
        canvas; otherwise a step away from the originals (a model's layers: the middle of the
        view), moved into the view if that is off screen. Where cards already sit there, it
        moves to the nearest free space, in view when there is room. One undo step; the new
        calls are selected and scrolled into view.
        """
        found = self._clipboard_data()
        if found is None:
            return []
        data, from_text = found
        built = self._peek(lambda: clipboard.paste(self.graph, data, (0.0, 0.0)))
        if built is None:
            return []
        edit, new_ids = built
        offset = self._paste_offset(data, from_text)
        placed = clipboard.pasted_positions(data, new_ids, (offset.x(), offset.y()))
        shift = self._free_offset(list(placed.values()))
        for node_id, (x, y) in placed.items():
            self._place(node_id, QPointF(x, y) + shift)
        if not self._controller.push(edit, self.tr("Paste %n node(s)", "", len(new_ids))):
            return []
        self._pastes += 1
        self._controller.select(new_ids)
        self._reveal_block(new_ids)
        return new_ids

    def _free_offset(self, corners: list[tuple[float, float]]) -> QPointF:
        """How far cards placed at `corners` must move to cover no card, staying in view."""
        found = self._canvas_viewport()
        if found is None or not corners:
            return QPointF(0.0, 0.0)
        block = QRectF()
        for x, y in corners:
            block = block.united(QRectF(x, y, _HALF_CARD.x() * 2, _CARD_HEIGHT))
        return free_offset(found[0].scene(), block, self._visible_rect())

    def _reveal_block(self, node_ids: list[str]) -> None:
        """Scroll the canvas so that the pasted cards are in view (as many as fit)."""
        found = self._canvas_viewport()
        if found is None:
            return
        rect = found[0].scene().nodes_rect(node_ids)
        if not rect.isNull():
            found[0].ensureVisible(rect, 40, 40)

    def _clipboard_data(self) -> tuple[dict, bool] | None:
        """(our nodes, False) or (a Keras model's text read as nodes, True); None if neither,
        or if they hold code (Lambda layers) the user did not allow for this paste."""
        mime = QApplication.clipboard().mimeData()
        if mime is not None and mime.hasFormat(clipboard.MIME_TYPE):
            try:
                data = json.loads(bytes(mime.data(clipboard.MIME_TYPE)).decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                self.error.emit(
                    self.tr("The clipboard's nodes cannot be read. Received: {0}.").format(exc)
                )
                return None
            code = find_unsafe(data)
            return (data, False) if not code or self._allow(code) else None
        if mime is None or not mime.hasText():
            formats = ", ".join(mime.formats()) if mime is not None else ""
            if formats:
                held = self.tr("The clipboard holds data of type {0}.").format(formats)
            else:
                held = self.tr("The clipboard holds nothing.")
            self.error.emit(f"{held} {engine_text(clipboard.PASTE_ACCEPTS)}")
            return None
        if not self._keras_ready():  # reading a model's text asks Keras
            return None
        size, text = _HALF_CARD * 2, mime.text()
        try:
            return clipboard.model_text_data(text, (size.x(), 84.0)), True
        except UnsafeContentError:
            pass  # read again keeping the Lambda layers, to show their code first
        except (KerasCanvasError, ValueError) as exc:
            self.error.emit(str(exc))
            return None
        data = self._peek(
            lambda: clipboard.model_text_data(text, (size.x(), 84.0), allow_unsafe=True)
        )
        return None if data is None or not self._allow(find_unsafe(data)) else (data, True)

    def _allow(self, code: list) -> bool:
        """Ask, naming the code, whether this paste may bring Lambda layers in."""
        if ask_allow_unsafe(self._window, self.tr("The pasted model"), code, pasting=True):
            return True
        self.error.emit(self.tr("Nothing pasted: the code of its Lambda layers was not allowed."))
        return False

    def _paste_offset(self, data: dict, from_text: bool) -> QPointF:
        """How far the copied positions move: to the cursor, or a step on, kept in view."""
        origin = QPointF(*clipboard.block_origin(data))
        cursor = self._cursor_on_canvas()
        if cursor is not None:
            repeated = cursor == self._last_paste_at
            self._last_paste_at = cursor
            if not repeated:
                self._pastes = 0  # a new spot: the block lands exactly at the cursor
            return cursor + _STEP * self._pastes - origin
        self._last_paste_at = None
        in_view = self.centre() - _HALF_CARD + _STEP * self._pastes
        target = in_view if from_text else origin + _STEP * (self._pastes + 1)
        visible = self._visible_rect()
        if visible is not None and not visible.contains(QRectF(target, _HALF_CARD * 2)):
            target = in_view  # the originals are off screen (or in another nested view)
        return target - origin

    def _canvas_viewport(self) -> tuple[QGraphicsView, QWidget] | None:
        view = getattr(self._window, "canvas", None)
        if not isinstance(view, QGraphicsView) or not view.isVisible():
            return None
        return view, view.viewport()

    def _cursor_on_canvas(self) -> QPointF | None:
        """The scene point under the mouse when the mouse is over the canvas, else None."""
        found = self._canvas_viewport()
        if found is None:
            return None
        view, viewport = found
        local = viewport.mapFromGlobal(QCursor.pos())
        # underMouse: Qt's enter/leave tracking, false when a menu or popup covers the canvas
        if not viewport.underMouse() or not viewport.rect().contains(local):
            return None
        return view.mapToScene(local)

    def _free_spot(self, point: QPointF) -> QPointF:
        """Where a new card near `point` overlaps no other card (the canvas knows the cards)."""
        found = self._canvas_viewport()
        return found[0].scene().free_spot(point) if found is not None else point

    def _visible_rect(self) -> QRectF | None:
        found = self._canvas_viewport()
        if found is None:
            return None
        view, viewport = found
        return view.mapToScene(viewport.rect()).boundingRect()

    def _position_xy(self, node_id: str) -> tuple[float, float]:
        point = self._position(node_id)
        return point.x(), point.y()

    def apply_again(self) -> None:
        """A new call of the selected layer (shared weights), unconnected, beside the original."""
        selected = self._selected()
        if len(selected) != 1:
            self.error.emit(self.tr("Select one node to apply its layer again."))
            return
        layer_id = self.graph.nodes[selected[0]].layer_id
        built = self._peek(lambda: operations.apply_again(self.graph, layer_id))
        if built is not None:
            edit, node_id = built
            self._place(node_id, self._free_spot(self._position(selected[0]) + QPointF(260, 0)))
            if self._controller.push(edit, self.tr("Apply again")):
                self._controller.select([node_id])

    def _keras_ready(self) -> bool:
        """Whether Keras has loaded; if not, say so (the command needs Keras's shapes)."""
        if not self._controller.keras_ready:
            self.error.emit(
                QCoreApplication.translate(
                    "EditActions", "Keras is still loading: try this again in a moment."
                )
            )
        return self._controller.keras_ready

    def group(self) -> None:
        """Ask how to group the selection (what it gives and needs, the name), then group it
        as one undo step."""
        if not self._keras_ready():
            return
        grouping = _grouping()
        selected = self._selected()
        if grouping is None:
            self.error.emit(self.tr("Grouping into a model is not available in this build."))
            return
        if not selected:
            self.error.emit(self.tr("Select the nodes to group first."))
            return
        graph, shapes = self.graph, self._controller.document.shapes
        dialog = GroupDialog(graph, selected, shapes, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.group_dialog = dialog
        dialog.accepted.connect(lambda: self._group(graph, dialog.nodes(), dialog.name()))
        dialog.open()

    def _group(self, graph, nodes: list[str], name: str) -> None:
        if graph is not self.graph:  # the view changed under the dialog
            return
        grouping = _grouping()
        shapes = self._controller.document.shapes
        edit = self._peek(lambda: grouping.group(graph, nodes, name, shapes))
        if edit is None:
            return
        call = grouping.call_of(edit)
        self._place(call, self._position(nodes[0]))  # where the group's first layer was
        if self._controller.push(edit, self.tr("Group into model")):
            self._controller.select([call])

    def ungroup(self) -> None:
        grouping = _grouping()
        selected = self._selected()
        if grouping is None or len(selected) != 1:
            self.error.emit(self.tr("Select one nested model block to ungroup it."))
            return
        self._run(lambda: grouping.ungroup(self.graph, selected[0]), self.tr("Ungroup"))

    def append(self, class_name: str | None = None) -> None:
        """The seed's `model.add(layer)`: a new layer after the single output."""
        count = len(self.graph.outputs)
        if count != 1:  # say so before asking which class: the answer could not be used
            self.error.emit(_append_refusal(count))
            return
        if class_name is None:
            class_name = self._ask_class()
            if not class_name:
                return
        params = self.required_params(class_name)
        built = self._run(
            lambda: operations.append(self.graph, class_name, **params), self.tr("Append")
        )
        if built is not None:
            self._controller.select([built[2]])

    def pop(self) -> None:
        """The seed's `model.pop()`."""
        self._run(lambda: operations.pop(self.graph), self.tr("Remove last layer"))

    def _ask_class(self) -> str | None:
        names = sorted(spec.class_name for spec in self.catalog) if self.catalog else ["Dense"]
        default = names.index("Dense") if "Dense" in names else 0
        name, ok = QInputDialog.getItem(
            self._window,
            self.tr("Append layer"),
            self.tr("Layer class to append after the output:"),
            names,
            default,
            False,
        )
        return name if ok else None


def _append_refusal(outputs: int) -> str:
    """Why Append cannot work on a model with `outputs` outputs, and what to do instead."""
    if outputs == 0:
        return QCoreApplication.translate(
            "EditActions",
            "Append adds a layer after the model's output, and this model has none yet: select "
            "its last layer and tick 'Model output' in the Inspector first.",
        )
    return QCoreApplication.translate(
        "EditActions",
        "Append works on a model with exactly one output; this one has {count}. Connect the "
        "new layer by hand instead (Tab adds a layer after the selected node).",
    ).format(count=outputs)
