"""Issue 14 item 7: "Group into model" guides the user instead of refusing.

Driven as a user: drops and wires on the canvas, a selection, Ctrl+G, the name typed into the
dialog, the Group button clicked. The dialog says what the selection gives and needs, leaves a
selected Input outside, groups a chain whose end is not an output yet, includes the layers a
group needs, refuses taken or invalid names, and the whole is one undo step.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.group_dialog import GroupDialog
from tests.app.test_build_s16 import User
from tests.app.test_window import make_window
from tests.engine.invariants import snapshot


def open_group_dialog(qtbot, window) -> GroupDialog:
    """Ctrl+G on the canvas, as the Edit menu's shortcut; returns the dialog shown."""
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas.viewport(), Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.edits.group_dialog, GroupDialog))
    dialog = window.edits.group_dialog
    qtbot.waitExposed(dialog)
    return dialog


def type_name(qtbot, dialog: GroupDialog, name: str) -> None:
    dialog.name_edit.selectAll()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(dialog.name_edit, name)


def group_selection(qtbot, window, name: str | None = None) -> None:
    """Ctrl+G, then Group (with `name` typed first, if given)."""
    dialog = open_group_dialog(qtbot, window)
    if name is not None:
        type_name(qtbot, dialog, name)
    assert dialog.group_button.isEnabled(), dialog.refusal.text() + dialog.name_error.text()
    qtbot.mouseClick(dialog.group_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path, path=None)


def _image_chain(user: User) -> list[str]:
    """Input(8, 8, 1) -> Conv2D -> MaxPooling2D -> Flatten, nothing after it."""
    image = user.drop("InputLayer", 0, 0)
    user.input_shape(image, "8, 8, 1")
    conv = user.drop("Conv2D", 0, 150)
    user.param(conv, "filters", 4)
    user.param(conv, "kernel_size", "3, 3")
    user.wire(image, conv)
    pool = user.drop("MaxPooling2D", 0, 300)
    user.wire(conv, pool)
    flatten = user.drop("Flatten", 0, 450)
    user.wire(pool, flatten)
    return [image, conv, pool, flatten]


def test_a_chain_with_its_input_groups_and_asks_for_a_name(window, qtbot):
    user = User(window)
    controller = window.controller
    image, conv, pool, flatten = _image_chain(user)
    before = snapshot(controller.document)
    undo_steps = controller.undo_stack.count()
    user.click(image, conv, pool, flatten)  # the Input too, and Flatten is no output yet

    dialog = open_group_dialog(qtbot, window)
    assert dialog.name_edit.text() == "block"
    assert "'input_layer'" in dialog.left_out.text() and dialog.left_out.isVisible()
    assert "'flatten'" in dialog.ends.text() and dialog.ends.isVisible()
    assert "(None, 8, 8, 1)" in dialog.flow.text() and "(None, 36)" in dialog.flow.text()
    assert dialog.refusal.isHidden() and dialog.include.isHidden()
    for taken_or_invalid in ("input_layer", "a/b", ""):
        type_name(qtbot, dialog, taken_or_invalid)
        assert not dialog.group_button.isEnabled()
        assert dialog.name_error.isVisible() and dialog.name_error.text()
    type_name(qtbot, dialog, "conv2d")
    assert "taken" in dialog.name_error.text()
    type_name(qtbot, dialog, "vision")
    assert dialog.group_button.isEnabled() and dialog.name_error.isHidden()
    qtbot.mouseClick(dialog.group_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    graph = controller.graph
    vision = graph.layer_by_name("vision")
    assert controller.selection == graph.calls[vision.id]  # the new block is selected
    positions = controller.document.editor_state["positions"]
    assert positions[graph.calls[vision.id][0]] == positions[conv]  # where the chain began
    body = vision.body
    assert sorted(layer.class_name for layer in body.layers.values()) == [
        "Conv2D", "Flatten", "InputLayer", "MaxPooling2D",
    ]  # fmt: skip
    assert body.layer_of(body.outputs[0].node_id).name == "flatten"
    assert graph.nodes[graph.calls[vision.id][0]].input_refs()[0].node_id == image
    assert controller.undo_stack.count() == undo_steps + 1  # one undo step
    controller.undo_stack.undo()
    assert snapshot(controller.document) == before


def test_the_layers_between_are_offered_and_included(window, qtbot):
    user = User(window)
    controller = window.controller
    _, conv, pool, flatten = _image_chain(user)
    user.click(conv, flatten)  # the pooling between them is not selected

    dialog = open_group_dialog(qtbot, window)
    assert "'max_pooling2d'" in dialog.needs.text()
    assert dialog.include.isVisible() and dialog.include.isChecked()
    assert dialog.group_button.isEnabled()
    dialog.include.click()  # without it the group would read its own output
    assert not dialog.group_button.isEnabled()
    assert "max_pooling2d" in dialog.refusal.text() and dialog.refusal.isVisible()
    dialog.include.click()
    assert dialog.nodes() == [conv, pool, flatten]
    qtbot.mouseClick(dialog.group_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    block = controller.graph.layer_by_name("block")
    assert len(block.body.layers) == 4
    assert controller.document.problems() == [] or all(
        "output" in p.message for p in controller.document.problems()
    )


def test_cancel_changes_nothing(window, qtbot):
    user = User(window)
    controller = window.controller
    nodes = _image_chain(user)
    before, steps = snapshot(controller.document), controller.undo_stack.count()
    user.click(*nodes[1:])
    dialog = open_group_dialog(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert snapshot(controller.document) == before
    assert controller.undo_stack.count() == steps


def test_a_selection_that_cannot_group_says_why(window, qtbot):
    user = User(window)
    lonely = user.drop("Dense", 300, 0)  # nothing flows into it
    user.click(lonely)
    dialog = open_group_dialog(qtbot, window)
    assert not dialog.group_button.isEnabled()
    assert "Nothing flows into the selection" in dialog.refusal.text()
