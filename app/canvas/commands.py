"""What the user does on the canvas, turned into engine edits pushed on the undo stack.

`CanvasCommands` is mixed into `GraphScene`: dropping a layer (on empty canvas or on a wire),
drawing a wire between ports, deleting, duplicating, applying a layer again, marking outputs.
Every method here is the one the mouse or keyboard handler calls, so tests drive the canvas
through the same path as a user. Refused edits show their reason next to the cursor.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, QTimer
from PySide6.QtGui import QBrush, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSimpleTextItem,
    QMenu,
)

from app.canvas import describe, theme
from app.canvas.edge_item import EdgeItem, wire_path
from app.canvas.free_space import free_offset
from app.canvas.node_item import NodeItem
from app.canvas.port_item import PortItem
from app.engine_text import engine_text
from engine.errors import KerasCanvasError
from engine.model import operations
from engine.model.edits import Edit, compound
from engine.model.graph import TensorRef
from engine.model.topology import downstream

INPUT_CLASSES = ("InputLayer", "Input")
INSERTED_CARD_HEIGHT = 72.0  # a new layer's card (name, class, shape), before it exists
INSERT_GAP = 28.0  # between an inserted card and the cards above and below it
DEFAULT_INPUT_SHAPE = (32,)  # a placeholder the inspector edits; Keras needs some shape


class CanvasCommands:
    """User intents of the canvas (mixed into GraphScene)."""

    def _init_commands(self) -> None:
        self._toast: QGraphicsRectItem | None = None
        self._wire: tuple[PortItem, QGraphicsPathItem] | None = None
        self._last_error = ""
        self._toast_timer = QTimer(self)
        self._toast_timer.setSingleShot(True)
        self._toast_timer.timeout.connect(self.hide_message)
        self.controller.error.connect(self._remember_error)

    def _remember_error(self, text: str) -> None:
        self._last_error = text

    def _push(self, edit: Edit, text: str, where: QPointF | None) -> bool:
        """Push one edit; a refusal is shown at `where` (the cursor), not in a dialog."""
        self._last_error = ""
        if self.controller.push(edit, text):
            return True
        self.show_message(self._last_error or self.tr("The edit was refused."), where)
        return False

    # ------------------------------------------------------------------ adding layers

    def drop_layer(self, class_name: str, where: QPointF) -> str | None:
        """Place a new layer at `where`; on a wire, insert it into that wire.

        This is what a palette drop and the quick-add popup call.

        Returns:
            The new node's id, or None when the layer could not be added (reason shown).
        """
        graph = self.graph
        edge = None if class_name in INPUT_CLASSES else self.edge_at(where)
        try:
            if class_name in INPUT_CLASSES:
                edit, _, node_id = operations.add_input(graph, DEFAULT_INPUT_SHAPE)
            else:
                class_name, params = _new_layer_params(class_name)
                edit, _, node_id = operations.add_layer(
                    graph, class_name, [edge.source] if edge else None, **params
                )
            if edge is not None:
                rewire = Edit("set_port", {"node_id": edge.target, "path": edge.port_path,
                                           "source": TensorRef(node_id)})  # fmt: skip
                edit = compound([edit, rewire], self.tr("Insert {0}").format(class_name))
        except KerasCanvasError as exc:
            self.show_message(str(exc), where)
            return None
        label = self.tr("Insert {0}") if edge else self.tr("Add {0}")
        label = label.format(class_name)
        if edge is None:  # dropped where the user chose
            self.store_position(node_id, where - QPointF(theme.NODE_WIDTH / 2, 20))
            added = self._push(edit, label, where)
        else:  # on the wire, the cards below moved to make room: one undo step for both
            stack = self.controller.undo_stack
            stack.beginMacro(label)
            try:
                self.store_position(node_id, self._insert_spot(edge, where))
                added = self._push(edit, label, where)
            finally:
                stack.endMacro()
            if not added and stack.canUndo() and stack.undoText() == label:
                stack.undo()  # refused: the cards go back where they were
        if not added:
            return None
        self.select_nodes([node_id])
        return node_id

    def add_after_selection(self, class_name: str, where: QPointF) -> str | None:
        """The quick-add popup's choice: connected after the single selected node and placed
        below it, as the palette's Enter does; else dropped `where` the popup was opened.

        Returns:
            The new node's id, or None when the layer could not be added (reason shown).
        """
        selected = self.selected_node_ids()
        source = self.nodes.get(selected[0]) if len(selected) == 1 else None
        if source is None or class_name in INPUT_CLASSES:  # (a group's card: its layers)
            return self.drop_layer(class_name, where)
        try:
            class_name, params = _new_layer_params(class_name)
            edit, _, node_id = operations.add_layer(
                self.graph, class_name, [TensorRef(source.node_id)], **params
            )
        except KerasCanvasError as exc:
            self.show_message(str(exc), where)
            return None
        below = source.pos() + QPointF(0, source.boundingRect().height() + 40)
        self.store_position(node_id, self.free_spot(below))
        if not self._push(edit, self.tr("Add {0}").format(class_name), where):
            return None
        self.select_nodes([node_id])
        return node_id

    def _insert_spot(self, edge: EdgeItem, where: QPointF) -> QPointF:
        """Where a layer inserted into `edge` at `where` goes: on the wire at the drop point.

        On a downward wire (as the layout draws them) the card sits between the two cards it
        joins; when the gap is too small, the wire's target and everything downstream of it
        move down to make room (Blender's node editor does the same "auto-offset"). Anywhere a
        card would still be covered, the nearest free place in view is taken instead
        (`app.canvas.free_space`, as a paste does).
        """
        height = INSERTED_CARD_HEIGHT
        corner = QPointF(where.x() - theme.NODE_WIDTH / 2, where.y() - height / 2)
        source = self.nodes.get(edge.source.node_id)
        target = self.nodes.get(edge.target)
        if source is not None and target is not None:
            above, below = source.sceneBoundingRect(), target.sceneBoundingRect()
            if below.top() > above.bottom():
                corner.setY(max(corner.y(), above.bottom() + INSERT_GAP))
                room = corner.y() + height + INSERT_GAP - below.top()
                if room > 0:
                    moved = downstream(self.graph, {edge.target}) & set(self.nodes)
                    down = QPointF(0, room)
                    self.move_nodes(
                        {n: self.nodes[n].pos() + down for n in moved}, self.tr("Make room")
                    )
        block = QRectF(corner, QSizeF(theme.NODE_WIDTH, height))
        return corner + free_offset(self, block, self._visible_rect())

    def _visible_rect(self) -> QRectF | None:
        """The part of the canvas the (first visible) view shows, if any."""
        views = [view for view in self.views() if view.isVisible()]
        if not views:
            return None
        return views[0].mapToScene(views[0].viewport().rect()).boundingRect()

    def apply_again(self, node_id: str) -> str | None:
        """A new call of the node's layer (shared weights), placed beside it."""
        layer_id = self.graph.nodes[node_id].layer_id
        where = self.free_spot(self.item_for(node_id).pos() + QPointF(theme.NODE_WIDTH + 40, 0))
        try:
            edit, new_id = operations.apply_again(self.graph, layer_id)
        except KerasCanvasError as exc:
            self.show_message(str(exc), where)
            return None
        self.store_position(new_id, where)
        if not self._push(edit, self.tr("Apply again"), where):
            return None
        self.select_nodes([new_id])
        return new_id

    def duplicate_selected(self) -> list[str]:
        """Independent copies (new weights) of the selected layers, as one undo step."""
        created: list[str] = []
        if not self.selected_node_ids():
            return created
        stack = self.controller.undo_stack
        stack.beginMacro(self.tr("Duplicate"))
        try:
            for node_id in self.selected_node_ids():
                where = self.item_for(node_id).pos() + QPointF(30, 30)
                try:
                    edit, _, new_id = operations.duplicate_layer(self.graph, node_id)
                except KerasCanvasError as exc:
                    self.show_message(str(exc), where)
                    continue
                self.store_position(new_id, where)
                if self._push(edit, self.tr("Duplicate"), where):
                    created.append(new_id)
        finally:
            stack.endMacro()
        self.select_nodes(created)
        return created

    # ------------------------------------------------------------------ removing, outputs

    def remove_selected(self) -> bool:
        node_ids = self.selected_node_ids()
        if not node_ids:
            return False
        where = self.item_for(node_ids[0]).pos()
        try:
            edit = operations.remove_nodes(self.graph, node_ids)
        except KerasCanvasError as exc:
            self.show_message(str(exc), where)
            return False
        return self._push(edit, self.tr("Delete %n node(s)", "", len(node_ids)), where)

    def toggle_output(self, node_id: str, index: int = 0) -> bool:
        """Mark tensor `index` of the node as a model output, or unmark it."""
        ref = TensorRef(node_id, index)
        if ref in self.graph.outputs:
            edit = operations.unmark_output(self.graph, ref)
            return self._push(edit, self.tr("Unmark output"), None)
        return self._push(operations.mark_output(self.graph, ref), self.tr("Mark as output"), None)

    def enter_node(self, node_id: str) -> None:
        """Open a nested model (double-click on its block)."""
        self.controller.enter(self.graph.nodes[node_id].layer_id)

    # ------------------------------------------------------------------ wires

    def begin_wire(self, port: PortItem, where: QPointF) -> None:
        line = QGraphicsPathItem()
        pen = QPen(theme.WIRE_HOVER, 1.8, Qt.PenStyle.DashLine)
        line.setPen(pen)
        line.setZValue(50)
        self.addItem(line)
        self._wire = (port, line)
        self.move_wire(where)

    def move_wire(self, where: QPointF) -> None:
        if self._wire is None:
            return
        port, line = self._wire
        start = port.scenePos()
        ends = (where, start) if port.is_input else (start, where)
        line.setPath(wire_path(*ends) if ends[0].y() < ends[1].y() else _straight(*ends))

    def finish_wire(self, where: QPointF) -> bool:
        """Mouse released while drawing a wire: connect to what is under the cursor."""
        if self._wire is None:
            return False
        port, line = self._wire
        self._wire = None
        self.removeItem(line)
        target = self.connectable_at(where, exclude=port)
        if target is None:
            if port.is_input and port.connected:  # dragged a wire end off: disconnect
                edit = operations.disconnect(self.graph, port.node_id, port.path)
                return self._push(edit, self.tr("Disconnect"), where)
            return False
        return self.connect_ports(port, target, where)

    def connectable_at(self, where: QPointF, exclude: Any = None) -> PortItem | NodeItem | None:
        """The port (preferred) or node under `where`; ports stick out of their node's card."""
        found = None
        for item in self.items(where.x() - 8, where.y() - 8, 16, 16,
                               Qt.ItemSelectionMode.IntersectsItemShape,
                               Qt.SortOrder.DescendingOrder):  # fmt: skip
            if not isinstance(item, NodeItem) or item.is_group:
                continue  # a group's card takes no wire: its layers are inside
            port = item.port_at(item.mapFromScene(where))
            if port is not None and port is not exclude:
                return port
            if found is None and item.contains(item.mapFromScene(where)):
                found = item
        return found

    def connect_ports(self, start: PortItem, target: PortItem | NodeItem,
                      where: QPointF | None = None) -> bool:  # fmt: skip
        """Connect the wire drawn from `start` to `target` (a port, or a node's first free input).

        Returns:
            Whether the connection was made; a refusal is shown near `where`.
        """
        if isinstance(target, PortItem):
            if target.is_input == start.is_input:
                if start.is_input:
                    text = self.tr(
                        "Connect an output to an input: drag this wire to an output (bottom)."
                    )
                else:
                    text = self.tr(
                        "Connect an output to an input: drag this wire to an input (top)."
                    )
                self.show_message(text, where)
                return False
            out, inp = (target, start) if start.is_input else (start, target)
            source, node_id, path = TensorRef(out.node_id, out.index), inp.node_id, inp.path
        elif start.is_input:
            source, node_id, path = TensorRef(target.node_id), start.node_id, start.path
        else:
            source, node_id, path = TensorRef(start.node_id, start.index), target.node_id, None
        try:
            edit = operations.connect(self.graph, source, node_id, path)
        except KerasCanvasError as exc:
            self.show_message(str(exc), where)
            return False
        return self._push(edit, self.tr("Connect"), where)

    def edge_at(self, where: QPointF) -> EdgeItem | None:
        """The wire under `where`, unless a node covers it there."""
        for item in self.items(where):
            if isinstance(item, NodeItem):
                return None
            if isinstance(item, EdgeItem):
                return item
        return None

    # ------------------------------------------------------------------ selection

    def select_nodes(self, node_ids: list[str]) -> None:
        """Select these nodes' cards (a hidden node's: the card of the group hiding it)."""
        self.select_units([self.view.unit_of.get(n, n) for n in node_ids])

    def select_all(self) -> None:
        self.select_units([*self.nodes, *(f"group:{key}" for key in self.groups)])

    # ------------------------------------------------------------------ messages

    def show_message(self, text: str, where: QPointF | None) -> None:
        """A floating note next to the cursor (and the status bar), gone after a few seconds."""
        text = engine_text(text)  # a refusal from the engine, in the interface's language
        self.message.emit(text)
        self.hide_message()
        if where is None:
            return
        label = QGraphicsSimpleTextItem(_wrap(text, 60))
        label.setFont(theme.fonts()["small"])
        label.setBrush(QBrush(theme.TEXT))
        box = QGraphicsRectItem(label.boundingRect().adjusted(-8, -6, 8, 6))
        box.setBrush(QBrush(theme.TOAST_FILL))
        box.setPen(QPen(theme.TOAST_BORDER, 1))
        label.setParentItem(box)
        box.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        box.setZValue(100)
        box.setPos(where + QPointF(14, 14))
        self.addItem(box)
        self._toast = box
        self._toast_timer.start(5000)

    def hide_message(self) -> None:
        if self._toast is not None and self._toast.scene() is self:
            self.removeItem(self._toast)
        self._toast = None

    def toast_text(self) -> str:
        """The floating message shown now ("" if none)."""
        if self._toast is None:
            return ""
        return self._toast.childItems()[0].text().replace("\n", " ")

    # ------------------------------------------------------------------ tooltips

    def describe_node(self, node_id: str) -> str:
        return describe.describe_node(self.graph, node_id, self.nodes[node_id].result)

    def describe_tensor(self, ref: TensorRef) -> str:
        item = self.nodes.get(ref.node_id)
        result = item.result if item is not None else None
        if result is None and ref.node_id in self.graph.nodes:  # inside a collapsed group
            result = self.controller.document.shapes.infer(self.graph).get(ref.node_id)
        return describe.describe_tensor(self.graph, result, ref)

    def describe_port(self, port: PortItem) -> str:
        text = describe.describe_port(self.graph, port.node_id, port.is_input, port.label,
                                      port.index)  # fmt: skip
        if not port.is_input:
            return self.describe_tensor(TensorRef(port.node_id, port.index)) + "<br>" + text
        return text

    # ------------------------------------------------------------------ context menu

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        item = next((i for i in self.items(event.scenePos()) if isinstance(i, NodeItem)), None)
        if item is not None and item.is_group:
            self._group_menu(item.group_key, event)
            return
        if item is None:
            frame = next((i for i in self.items(event.scenePos()) if hasattr(i, "label")), None)
            if frame is not None:
                self._group_menu(frame.group_key, event)
            return
        if getattr(item, "is_inner", False):
            menu = QMenu()
            unit, call = item.node_id, item.call_id
            menu.addAction(self.tr("Go inside to edit it"), lambda: self.edit_inside(unit))
            menu.addAction(self.tr("Close the model here\t−"), lambda: self.close_model(call))
            menu.exec(event.screenPos())
            return
        if not item.isSelected():
            self.select_nodes([item.node_id])
        menu = QMenu()
        node_id = item.node_id
        if item.info.is_model:
            menu.addAction(self.tr("Open nested model"), lambda: self.enter_node(node_id))
            menu.addAction(self.tr("Show its layers here\t+"), lambda: self.open_model(node_id))
        if not item.info.is_input:
            menu.addAction(
                self.tr("Apply again (shared weights)"), lambda: self.apply_again(node_id)
            )
            menu.addAction(self.tr("Duplicate (new weights)\tCtrl+D"), self.duplicate_selected)
        is_output = TensorRef(node_id) in self.graph.outputs
        toggle = self.tr("Remove from outputs") if is_output else self.tr("Mark as output")
        menu.addAction(toggle, lambda: self.toggle_output(node_id))
        menu.addSeparator()
        menu.addAction(self.tr("Delete\tDel"), self.remove_selected)
        menu.exec(event.screenPos())


def _new_layer_params(class_name: str) -> tuple[str, dict[str, Any]]:
    """The catalog's class name and example values of the parameters Keras requires.

    `Dense()` cannot be built without `units`: a new layer starts from the catalog's example
    value, which the inspector then edits.
    """
    from engine.catalog import UnknownLayerError, get_catalog

    try:
        spec = get_catalog().get(class_name)
    except UnknownLayerError:
        return class_name, {}  # not in the catalog: Keras's own error will say so
    params = {
        p.name: p.default for p in spec.required_params if p.in_config and p.default is not None
    }
    return spec.class_name, params


def _straight(start: QPointF, end: QPointF) -> QPainterPath:
    path = QPainterPath(start)
    path.lineTo(end)
    return path


def _wrap(text: str, width: int) -> str:
    """Wrap a message so the floating note stays narrow: on spaces, and between any two
    Chinese characters (which count two columns each and need no space between them)."""
    lines: list[str] = []
    used = 0
    for piece, spaced in _pieces(text):
        size = _columns(piece)
        if lines and used + size + spaced < width:
            lines[-1] += (" " if spaced else "") + piece
            used += size + spaced
        else:
            lines.append(piece)
            used = size
    return "\n".join(lines)


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Words, and wide characters one by one, each with whether a space came before it."""
    pieces: list[tuple[str, bool]] = []
    for index, word in enumerate(text.split()):
        spaced = index > 0
        run = ""
        for char in word:
            if _columns(char) == 2 and char not in _NO_LINE_START:
                if run:
                    pieces.append((run, spaced))
                    spaced = False
                run = char
            else:
                run += char
        if run:
            pieces.append((run, spaced))
    return pieces


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# punctuation that never starts a line (it stays with the character before it)
_NO_LINE_START = "，。、；：？！）》」』”’"
