"""The canvas's keyboard path: reach every card and act on it without the mouse.

The arrow keys move the selection along the wires (`app.canvas.navigation`), Shift+arrows move
the selected cards a grid step (a burst of them is one undo step), Escape clears the selection,
Enter opens a selected nested model, and Tab adds a layer after the selection, placed below it
and scrolled into view. The view (`GraphView`) hands its key presses here first.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from app.canvas.navigation import first_node, neighbour
from app.canvas.scene import GraphScene

GRID = 24.0
ARROWS = {Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down", Qt.Key.Key_Left: "left",
          Qt.Key.Key_Right: "right"}  # fmt: skip
NUDGE = {"up": (0.0, -GRID), "down": (0.0, GRID), "left": (-GRID, 0.0), "right": (GRID, 0.0)}
NO_STEP = {
    "up": QT_TRANSLATE_NOOP(
        "CanvasKeyboard", "Nothing above: this node reads no other node (Up follows its inputs)."
    ),
    "down": QT_TRANSLATE_NOOP(
        "CanvasKeyboard", "Nothing below: no node reads this one yet (Down follows its outputs)."
    ),
    "left": QT_TRANSLATE_NOOP("CanvasKeyboard", "No card to the left of this one."),
    "right": QT_TRANSLATE_NOOP("CanvasKeyboard", "No card to the right of this one."),
}
_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier
_ALT = Qt.KeyboardModifier.AltModifier


class KeyboardView(Protocol):
    """What the keyboard path needs of the view (a `GraphView`)."""

    controller: object
    message: object  # Signal(str): a status-bar line

    def scene(self) -> GraphScene: ...

    def viewport(self) -> QWidget: ...

    def mapToScene(self, point: QPoint) -> QPointF: ...

    def ensureVisible(self, rect: QRectF, xmargin: int, ymargin: int) -> None: ...


class CanvasKeyboard:
    """Key handling of the canvas beyond Qt's defaults."""

    def __init__(self, view: KeyboardView) -> None:
        self._view = view
        self._last_step: tuple[str, str, str] | None = None  # (from, to, direction)

    def key_press(self, event: QKeyEvent) -> bool:
        """Handle a key press; False lets the view handle it."""
        key, mods = event.key(), event.modifiers()
        scene = self._view.scene()
        selected = scene.selected_node_ids()
        if key in ARROWS and not mods & (_CTRL | _ALT):
            direction = ARROWS[key]
            if mods & _SHIFT:
                self.nudge_selection(direction)
            else:
                self.step_selection(direction)
            return True
        if key == Qt.Key.Key_Escape:
            scene.select_nodes([])
            scene.hide_message()
            return True
        opens = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and len(selected) == 1
        card = scene.nodes.get(selected[0]) if opens else None
        if card is not None and card.info.is_model:
            scene.enter_node(selected[0])
            return True
        return False

    def step_selection(self, direction: str) -> str | None:
        """Select the next card along the wires ("up", "down") or among siblings ("left",
        "right"); with nothing selected, the first model input. Returns the node selected."""
        view, scene = self._view, self._view.scene()
        positions = {node_id: (item.x(), item.y()) for node_id, item in scene.nodes.items()}
        current = next((n for n in view.controller.selection if n in positions), None)
        graph = view.controller.graph
        if current is None:
            target = first_node(graph, positions)
        else:
            target = neighbour(graph, positions, current, direction, self._last_step)
        if target is None:
            view.message.emit(QCoreApplication.translate("CanvasKeyboard", NO_STEP[direction]))
            return None
        self._last_step = (current, target, direction) if current is not None else None
        scene.select_nodes([target])
        self.reveal(target)
        return target

    def nudge_selection(self, direction: str) -> bool:
        """Move the selected cards one grid step; quick repeats are one undo step."""
        scene = self._view.scene()
        dx, dy = NUDGE[direction]
        # cards, a group's card included (its layers are not drawn)
        targets = {
            unit: scene.unit_item(unit).pos() + QPointF(dx, dy) for unit in scene.selected_units()
        }
        moved = bool(targets) and scene.move_nodes(
            targets, QCoreApplication.translate("CanvasKeyboard", "Move"), burst=True
        )
        for node_id in targets:
            self.reveal(node_id)
        return moved

    def reveal(self, node_id: str) -> None:
        """Scroll just enough for the card to be in view, with a margin."""
        item = self._view.scene().nodes.get(node_id)
        if item is not None:
            self._view.ensureVisible(item.sceneBoundingRect(), 60, 60)

    def quick_add_point(self, cursor: QPoint) -> QPointF:
        """Where Tab adds a layer: below the selected card, else at the mouse (`cursor`, in
        viewport coordinates) when it is over the canvas, else mid-view: never off-screen."""
        view, scene = self._view, self._view.scene()
        selected = scene.selected_node_ids()
        item = scene.nodes.get(selected[0]) if len(selected) == 1 else None
        if item is not None:
            rect = item.sceneBoundingRect()
            return QPointF(rect.center().x(), rect.bottom() + 60)
        viewport = view.viewport().rect()
        if viewport.contains(cursor):
            return view.mapToScene(cursor)
        return view.mapToScene(viewport.center())
