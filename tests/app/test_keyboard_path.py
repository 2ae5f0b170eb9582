"""The keyboard path on the canvas (issue 14, item 9): reach the canvas with one shortcut, walk
the wires with the arrow keys, clear with Escape, add a layer after the selection with Tab."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.canvas.quick_add import QuickAddPopup
from app.style import TEMPLATES
from tests.app.test_window import make_window

Key = Qt.Key


def _name(window, node_id: str | None) -> str | None:
    return None if node_id is None else window.controller.graph.layer_of(node_id).name


def _selected(window) -> list[str]:
    return [_name(window, n) for n in window.controller.selection]


def _press(qtbot, window, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def test_arrow_keys_walk_the_wires_and_escape_clears(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, TEMPLATES / "inception_channels.kcanvas")
    view = window.canvas
    window.activateWindow()
    window.palette.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert not view.hasFocus()
    _press(qtbot, window, Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # View > Focus canvas
    assert view.hasFocus()
    assert "arrow keys" in window.status_text.text()

    walk = []
    down, up, left, right = Key.Key_Down, Key.Key_Up, Key.Key_Left, Key.Key_Right
    for key in (down, down, right, left, left, down, right, down, up, up, up):
        _press(qtbot, window, key)
        walk.append(_selected(window)[0])
    assert walk == [
        "image",  # nothing selected: the model's input
        "conv2d_2",  # its reader right below it
        "max_pooling2d",  # a sibling: another reader of the image
        "conv2d_2",
        "conv2d",
        "conv2d_1",
        "conv2d_3",  # no sibling there: the next card in the row
        "concatenate",
        "conv2d_3",  # back up the way it came, though concatenate reads three branches
        "conv2d_2",
        "image",
    ]
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.scene().nodes[window.controller.selection[0]].sceneBoundingRect())
    _press(qtbot, window, Key.Key_Up)  # nothing above an input: said, selection kept
    assert _selected(window) == ["image"] and "Nothing above" in window.status_text.text()
    _press(qtbot, window, Key.Key_Escape)
    assert window.controller.selection == []
    assert view.hasFocus()


def test_tab_adds_a_layer_after_the_selection_in_view(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)  # the MLP template
    view, controller = window.canvas, window.controller
    scene = view.scene()
    window.activateWindow()
    window.focus_canvas()
    for _ in range(4):  # features, dense, dropout, dense_1
        _press(qtbot, window, Key.Key_Down)
    assert _selected(window) == ["dense_1"]
    source = controller.selection[0]
    view.scale(2.0, 2.0)  # zoomed in: below the card is off-screen

    def type_in_popup() -> None:
        popup = next(w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QuickAddPopup) and w.isVisible())  # fmt: skip
        qtbot.keyClicks(popup.search, "BatchNormalization")
        qtbot.keyClick(popup.search, Key.Key_Return)

    QTimer.singleShot(0, type_in_popup)
    _press(qtbot, window, Key.Key_Tab)
    qtbot.waitUntil(lambda: _selected(window) == ["batch_normalization"])
    added = controller.selection[0]
    assert [r.node_id for r in controller.graph.nodes[added].input_refs()] == [source]
    card, source_card = scene.nodes[added], scene.nodes[source]
    assert card.y() > source_card.y()  # below the card it follows
    others = [i.sceneBoundingRect() for n, i in scene.nodes.items() if n != added]
    assert not any(card.sceneBoundingRect().intersects(r) for r in others)  # on free space
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(card.sceneBoundingRect())  # and in view
    assert window.focusWidget() is view, QApplication.focusWidget()  # the keys stay there
    window.actions_by_key["undo"].trigger()
    assert added not in controller.graph.nodes


def test_append_layer_says_what_the_model_lacks_before_asking_for_a_class(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, path=None)  # an empty model: no output
    opened: list[str] = []

    def close_any_dialog() -> None:  # a class dialog here would be a question in vain
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            opened.append(dialog.windowTitle())
            dialog.close()

    QTimer.singleShot(200, close_any_dialog)
    window.actions_by_key["append"].trigger()
    qtbot.wait(300)
    assert opened == []
    assert "has none yet" in window.status_text.text()
    assert window.controller.undo_stack.count() == 0
