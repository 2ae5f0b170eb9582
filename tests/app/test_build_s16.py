"""The shared vision model (S16) built in the window through the user's own actions.

Palette drops (the scene's drop method), wires drawn port to port, parameters and names typed
into the real inspector, "Group into model" from the Edit menu, "Apply again" on the block, the
breadcrumb to come back up. The export must equal plain Keras; undo goes back to an empty canvas
and redo rebuilds the same JSON.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QPointF, Qt

from app.main_window import MainWindow
from app.panels.inspector_sections import InputSection, ModelSection, NameSection
from tests.app.test_window import make_window
from tests.keras_models import seed_config


class User:
    """What a user does in the window, one gesture per method."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.controller = window.controller
        self.scene = window.canvas.scene()

    def drop(self, class_name: str, x: float, y: float) -> str:
        """Drop a palette entry on empty canvas."""
        node_id = self.scene.drop_layer(class_name, QPointF(x, y))
        assert node_id is not None, self.scene.toast_text()
        return node_id

    def wire(self, source: str, target: str, port: int = 0, out: int = 0) -> None:
        """Drag from an output port of `source` to input port `port` of `target`."""
        start = self.scene.nodes[source].output_ports[out]
        end = self.scene.nodes[target].input_ports[port]
        self.scene.begin_wire(start, start.scenePos())
        self.scene.move_wire((start.scenePos() + end.scenePos()) / 2)
        assert self.scene.finish_wire(end.scenePos()), self.scene.toast_text()

    def click(self, *node_ids: str) -> None:
        self.scene.select_nodes(list(node_ids))

    def section(self, kind: type):
        found = self.window.inspector.widget().findChild(kind)
        assert found is not None, f"no {kind.__name__} in the inspector"
        return found

    def type_into(self, line, text: str) -> None:
        line.setText(text)
        line.textEdited.emit(text)
        line.editingFinished.emit()

    def name(self, node_id: str, name: str) -> None:
        self.click(node_id)
        self.type_into(self.section(NameSection).line, name)
        assert self.controller.graph.layer_of(node_id).name == name

    def input_shape(self, node_id: str, shape: str) -> None:
        self.click(node_id)
        self.type_into(self.section(InputSection).shape, shape)

    def param(self, node_id: str, key: str, value) -> None:
        """Set a parameter in the inspector's form, as its widget takes it."""
        self.click(node_id)
        editor = self.window.inspector.editors[key]
        if hasattr(editor, "spin"):
            editor.spin.setValue(value)
        elif hasattr(editor, "combo"):
            editor.combo.setCurrentText(value)
        else:
            self.type_into(editor.line, value)
        assert editor.error.isHidden(), editor.error.text()


def build_s16(user: User) -> None:
    controller, scene = user.controller, user.scene
    user.click()
    user.type_into(user.section(ModelSection).name, "shared_vision")
    digit_a = user.drop("InputLayer", 0, 0)
    digit_b = user.drop("InputLayer", 600, 0)
    for node_id, name in ((digit_a, "digit_a"), (digit_b, "digit_b")):
        user.input_shape(node_id, "27, 27, 1")
        user.name(node_id, name)
    conv = user.drop("Conv2D", 0, 150)
    user.param(conv, "filters", 64)
    user.param(conv, "kernel_size", "3, 3")
    user.wire(digit_a, conv)
    conv_1 = user.drop("Conv2D", 0, 300)
    user.param(conv_1, "filters", 64)
    user.param(conv_1, "kernel_size", "3, 3")
    user.wire(conv, conv_1)
    pool = user.drop("MaxPooling2D", 0, 450)
    user.wire(conv_1, pool)
    flatten = user.drop("Flatten", 0, 600)
    user.wire(pool, flatten)
    merged = user.drop("Concatenate", 300, 900)
    user.wire(flatten, merged)  # onto the "+" port; the group's output is what flows out

    user.click(conv, conv_1, pool, flatten)
    refused: list[str] = []
    user.window.edits.error.connect(refused.append)
    controller.error.connect(refused.append)
    user.window.actions_by_key["group"].trigger()
    user.window.edits.group_dialog.group_button.click()  # the dialog's Group, name "block"
    assert not refused, refused
    graph = controller.graph
    block = next(n for n in graph.nodes if graph.layer_of(n).body is not None)
    user.name(block, "vision")
    scene.enter_node(block)  # double-click on the block
    inner = controller.graph
    user.name(inner.inputs[0].node_id, "digit")
    breadcrumb = user.window.canvas.breadcrumb
    assert breadcrumb.parts == ["shared_vision", "vision"]
    breadcrumb.buttons()[0].click()  # back up to the top-level model
    assert controller.graph is graph

    block_b = scene.apply_again(block)
    assert block_b is not None, scene.toast_text()
    user.wire(digit_b, block_b)
    user.wire(block_b, merged, port=1)  # the "+" port grown by the first wire
    dense = user.drop("Dense", 300, 1050)
    user.param(dense, "units", 1)
    user.param(dense, "activation", "sigmoid")
    user.wire(merged, dense)
    assert scene.toggle_output(dense)


def test_build_s16_through_the_editor_then_undo_to_empty_and_redo(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, path=None)
    window.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
    user = User(window)
    build_s16(user)
    expected = seed_config("S16_shared_vision")
    controller = window.controller
    assert controller.document.to_config() == expected
    assert window.files.export("json", str(tmp_path / "s16.json"))
    assert json.loads((tmp_path / "s16.json").read_text(encoding="utf-8")) == expected
    scene = user.scene
    assert len(scene.nodes) == 6 and len(scene.edges) == 5

    stack = controller.undo_stack
    steps = stack.count()
    while stack.canUndo():
        stack.undo()
    assert controller.graph.nodes == {} and controller.graph.layers == {}
    assert scene.nodes == {} and scene.edges == {}
    for _ in range(steps):
        stack.redo()
    assert json.dumps(controller.document.to_config()) == json.dumps(expected)
    assert len(scene.nodes) == 6 and len(scene.edges) == 5
