"""Copy and paste in the window: Ctrl+C / Ctrl+V with the real clipboard, one undo step."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from engine.clipboard import MIME_TYPE
from tests.app.test_window import make_window, node_of


def test_copy_paste_selected_nodes(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    controller = window.controller
    graph = controller.graph
    assert window.actions_by_key["copy"].shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    assert window.actions_by_key["paste"].shortcut() == QKeySequence("Ctrl+V")
    originals = [node_of(window, name) for name in ("dense", "dropout")]
    controller.select(originals)
    before = controller.document.to_config()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QApplication.clipboard().mimeData()
    assert mime.hasFormat(MIME_TYPE)
    data = json.loads(bytes(mime.data(MIME_TYPE)).decode("utf-8"))
    assert [n["key"] for n in data["nodes"]] == originals
    assert [layer["name"] for layer in json.loads(mime.text())] == ["dense", "dropout"]

    count = controller.undo_stack.count()
    qtbot.keyClick(window.canvas, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert controller.undo_stack.count() == count + 1  # one undo step
    by_name = {graph.layer_of(n).name: n for n in controller.selection}
    assert sorted(by_name) == ["dense_3", "dropout_2"]
    pasted = [by_name["dense_3"], by_name["dropout_2"]]
    assert graph.nodes[pasted[1]].input_refs()[0].node_id == pasted[0]
    scene = window.canvas.scene()
    assert set(scene.selected_node_ids()) == set(pasted)
    for original, copy in zip(originals, pasted, strict=True):
        offset = scene.nodes[copy].pos() - scene.nodes[original].pos()
        assert (offset.x(), offset.y()) == (40.0, 40.0)
    window.actions_by_key["paste"].trigger()  # again: one step further, names still unique
    names = [layer.name for layer in graph.layers.values()]
    assert len(names) == len(set(names)) == 10

    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.document.to_config() == before
    assert not (set(pasted) & set(scene.nodes))


def test_paste_without_nodes_on_the_clipboard_says_why(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    QApplication.clipboard().setText("not nodes")
    messages = []
    window.edits.error.connect(messages.append)
    assert window.edits.paste() == []
    assert "no Keras Canvas nodes" in messages[0]
    assert window.controller.undo_stack.count() == 0
