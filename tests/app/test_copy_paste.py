"""Copy and paste in the window: Ctrl+C / Ctrl+V with the real clipboard, one undo step.

The pasted block lands at the mouse when the mouse is over the canvas (moved there with QTest),
else beside the originals; where cards already sit, on the nearest free space in view. A Keras
model's JSON text pastes as its layers; other text is refused in the status bar.
"""

from __future__ import annotations

import json

import keras
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from engine.io.clipboard import MIME_TYPE, PASTE_ACCEPTS
from tests.app.test_window import make_window, node_of


def _press(qtbot, widget, key: Qt.Key) -> None:
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def _mouse_off_canvas(qtbot, window) -> None:
    """Move the mouse from the canvas to the layers palette (the user's path off the canvas).

    The first move into a new offscreen window may report it under the mouse as well: starting
    on the canvas makes the enter/leave events the real ones.
    """
    viewport = window.canvas.viewport()
    qtbot.mouseMove(viewport, viewport.rect().center())
    palette = window.docks["palette"].widget()
    qtbot.mouseMove(palette, palette.rect().center())
    assert not window.canvas.viewport().underMouse()


def _mouse_onto_canvas(qtbot, window, spot: QPoint) -> None:
    """Move the mouse onto the canvas at `spot`, coming from the palette.

    An earlier test may have left the (global, offscreen) cursor at the very same point, and a
    move to where the cursor already is sends no event: come from elsewhere, like a user.
    """
    palette = window.docks["palette"].widget()
    qtbot.mouseMove(palette, palette.rect().center())
    viewport = window.canvas.viewport()
    qtbot.mouseMove(viewport, spot)
    assert viewport.underMouse()


def _top_left(window, node_ids: list[str]) -> QPointF:
    nodes = window.canvas.scene().nodes
    return QPointF(
        min(nodes[n].pos().x() for n in node_ids), min(nodes[n].pos().y() for n in node_ids)
    )


def _free_spot(window, right: float = 120.0) -> QPoint:
    """A viewport point `right` of all cards, with room below it, brought into view."""
    view = window.canvas
    corner = view.scene().nodes_rect().topRight() + QPointF(right, 0)
    view.centerOn(corner + QPointF(150, 150))
    return view.mapFromScene(corner)


def _overlapping(window, node_ids: list[str]) -> list[tuple[str, str]]:
    """Pairs (pasted card, other card) whose cards overlap."""
    nodes = window.canvas.scene().nodes
    rect = {n: item.card_rect().translated(item.pos()) for n, item in nodes.items()}
    return [(a, b) for a in node_ids for b in nodes if a != b and rect[a].intersects(rect[b])]


def _in_view(window, node_ids: list[str]) -> bool:
    view = window.canvas
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    return all(visible.contains(view.scene().nodes[n].sceneBoundingRect()) for n in node_ids)


def _copy(qtbot, window, names: list[str]) -> list[str]:
    originals = [node_of(window, name) for name in names]
    window.controller.select(originals)
    window.canvas.setFocus()
    _press(qtbot, window.canvas, Qt.Key.Key_C)
    return originals


def test_copy_paste_selected_nodes_off_the_canvas_lands_beside_them(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    controller = window.controller
    graph = controller.graph
    assert window.actions_by_key["copy"].shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    assert window.actions_by_key["paste"].shortcut() == QKeySequence("Ctrl+V")
    before = controller.document.to_config()
    originals = _copy(qtbot, window, ["dense", "dropout"])
    mime = QApplication.clipboard().mimeData()
    assert mime.hasFormat(MIME_TYPE)
    data = json.loads(bytes(mime.data(MIME_TYPE)).decode("utf-8"))
    assert [n["key"] for n in data["nodes"]] == originals
    assert [layer["name"] for layer in json.loads(mime.text())] == ["dense", "dropout"]

    _mouse_off_canvas(qtbot, window)
    count = controller.undo_stack.count()
    _press(qtbot, window.canvas, Qt.Key.Key_V)
    assert controller.undo_stack.count() == count + 1  # one undo step
    by_name = {graph.layer_of(n).name: n for n in controller.selection}
    assert sorted(by_name) == ["dense_3", "dropout_2"]
    pasted = [by_name["dense_3"], by_name["dropout_2"]]
    assert graph.nodes[pasted[1]].input_refs()[0].node_id == pasted[0]
    scene = window.canvas.scene()
    assert set(scene.selected_node_ids()) == set(pasted)
    # a step from the originals would cover them: the copies sit on free space beside them
    assert _overlapping(window, pasted) == [] and _in_view(window, pasted)
    offsets = {(scene.nodes[c].pos() - scene.nodes[o].pos()).toTuple()
               for o, c in zip(originals, pasted, strict=True)}  # fmt: skip
    assert len(offsets) == 1  # the block keeps its shape
    ((dx, dy),) = offsets
    assert abs(dx) + abs(dy) < 800  # beside them
    window.actions_by_key["paste"].trigger()  # again: names still unique, cards still apart
    names = [layer.name for layer in graph.layers.values()]
    assert len(names) == len(set(names)) == 10
    assert _overlapping(window, list(controller.selection)) == []

    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.document.to_config() == before
    assert not (set(pasted) & set(scene.nodes))


def test_paste_lands_at_the_mouse_over_the_canvas(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    controller = window.controller
    view = window.canvas
    originals = _copy(qtbot, window, ["dense", "dropout"])
    spot = _free_spot(window)
    _mouse_onto_canvas(qtbot, window, spot)
    count = controller.undo_stack.count()
    _press(qtbot, view, Qt.Key.Key_V)
    assert controller.undo_stack.count() == count + 1
    by_name = {controller.graph.layer_of(n).name: n for n in controller.selection}
    assert sorted(by_name) == ["dense_3", "dropout_2"]
    pasted = [by_name["dense_3"], by_name["dropout_2"]]
    cursor = view.mapToScene(spot)
    corner = _top_left(window, pasted)
    assert corner.x() == pytest.approx(cursor.x(), abs=0.1)
    assert corner.y() == pytest.approx(cursor.y(), abs=0.1)
    # the block keeps its shape: each copy sits where its original sat relative to the others
    nodes = view.scene().nodes
    assert nodes[pasted[1]].pos() - nodes[pasted[0]].pos() == (
        nodes[originals[1]].pos() - nodes[originals[0]].pos()
    )

    elsewhere = spot + QPoint(300, 40)  # free too: right of the first copies
    _mouse_onto_canvas(qtbot, window, elsewhere)
    _press(qtbot, view, Qt.Key.Key_V)
    corner = _top_left(window, list(controller.selection))
    target = view.mapToScene(elsewhere)
    assert (round(corner.x()), round(corner.y())) == (round(target.x()), round(target.y()))


def _two_layer_model_json() -> str:
    inputs = keras.Input((4,), name="pixels")
    hidden = keras.layers.Dense(3, activation="relu", name="dense")(inputs)
    outputs = keras.layers.Dense(2, name="head")(hidden)
    return keras.Model(inputs, outputs, name="pasted").to_json()


def test_paste_keras_model_json_adds_its_layers_at_the_mouse(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    controller = window.controller
    graph = controller.graph
    view = window.canvas
    before = controller.document.to_config()
    names_before = {layer.name for layer in graph.layers.values()}
    QApplication.clipboard().setText(_two_layer_model_json())
    spot = _free_spot(window)
    _mouse_onto_canvas(qtbot, window, spot)
    view.setFocus()
    count = controller.undo_stack.count()
    _press(qtbot, view, Qt.Key.Key_V)

    assert controller.undo_stack.count() == count + 1  # one undo step
    by_name = {graph.layer_of(n).name: n for n in controller.selection}
    assert sorted(by_name) == ["dense_3", "head", "pixels"]  # 'dense' was taken: free_name
    assert not set(by_name) & names_before
    pasted = [by_name["pixels"], by_name["dense_3"], by_name["head"]]
    assert graph.layer_of(pasted[0]).class_name == "InputLayer"
    assert graph.nodes[pasted[1]].input_refs()[0].node_id == pasted[0]  # wired as in the model
    assert graph.nodes[pasted[2]].input_refs()[0].node_id == pasted[1]
    result = controller.document.shapes.infer(graph)[pasted[2]]
    assert result.error is None and result.outputs[0].shape == (None, 2)
    corner = _top_left(window, pasted)
    cursor = view.mapToScene(spot)
    assert corner.x() == pytest.approx(cursor.x(), abs=0.1)
    assert corner.y() == pytest.approx(cursor.y(), abs=0.1)
    nodes = view.scene().nodes
    assert nodes[pasted[0]].pos().y() < nodes[pasted[1]].pos().y() < nodes[pasted[2]].pos().y()

    controller.undo_stack.undo()
    assert controller.document.to_config() == before


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("not nodes", "plain text: 'not nodes'"),
        ('{"class_name": "Dense", "config": {"name": "d"}}', "a single Dense layer"),
        ('{"units": 3', "not valid JSON"),
    ],
)
def test_paste_text_that_is_not_a_model_says_why_in_the_status_bar(qtbot, tmp_path, text,
                                                                   described):  # fmt: skip
    window = make_window(qtbot, tmp_path)
    controller = window.controller
    before = controller.document.to_config()
    QApplication.clipboard().setText(text)
    window.canvas.setFocus()
    _press(qtbot, window.canvas, Qt.Key.Key_V)
    message = window.status_text.text()
    assert message.startswith("The clipboard holds ")
    assert described in message and PASTE_ACCEPTS in message
    assert controller.undo_stack.count() == 0
    assert controller.document.to_config() == before


def test_paste_over_cards_lands_on_the_nearest_free_space_in_view(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    controller, view = window.controller, window.canvas
    _copy(qtbot, window, ["dense", "dropout"])
    dense = view.scene().nodes[node_of(window, "dense")]
    view.centerOn(dense)
    spot = view.mapFromScene(dense.pos() + QPointF(20, 20))  # right on the dense card
    _mouse_onto_canvas(qtbot, window, spot)
    for _ in range(3):  # and again at the same spot: each block finds its own room
        _press(qtbot, view, Qt.Key.Key_V)
        pasted = list(controller.selection)
        assert len(pasted) == 2
        assert _overlapping(window, pasted) == [] and _in_view(window, pasted)
        corner = _top_left(window, pasted)
        cursor = view.mapToScene(spot)
        assert abs(corner.x() - cursor.x()) + abs(corner.y() - cursor.y()) < 900  # near it


def test_paste_off_the_canvas_stays_visible_when_the_originals_are_not(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    view = window.canvas
    originals = _copy(qtbot, window, ["dense"])
    view.zoom_by(3.0)  # zoomed in on a corner far from the copied node
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    original = view.scene().nodes[originals[0]]
    assert not visible.intersects(original.sceneBoundingRect().translated(40, 40))
    _mouse_off_canvas(qtbot, window)
    pasted = window.edits.paste()
    assert len(pasted) == 1
    assert visible.contains(view.scene().nodes[pasted[0]].pos())
