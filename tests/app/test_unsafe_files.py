"""Lambda layers in the window (issue 14, item 8): a file (or pasted text) with code opens only
after a warning that names the code, for that file only; nothing of it runs."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.app.dialogs import answer_next_box
from tests.app.test_window import make_window
from tests.engine.test_lambda_code import lambda_model_config

ALLOW = "Open with 'allow unsafe'"


def _layer_names(window) -> list[str]:
    return [layer.name for layer in window.controller.graph.layers.values()]


def test_a_file_with_a_lambda_opens_only_once_allowed_after_naming_its_code(qtbot, tmp_path):
    marker = tmp_path / "ran.txt"
    path = tmp_path / "with_code.json"
    path.write_text(json.dumps(lambda_model_config(marker)), encoding="utf-8")
    window = make_window(qtbot, tmp_path)  # the dropout MLP template
    seen: list[str] = []

    answer_next_box(QMessageBox.StandardButton.Cancel, seen)
    assert not window.files.open_path(path)
    assert len(seen) == 1
    warning = seen[0]
    assert "'with_code.json' holds Python code in a Lambda layer" in warning
    assert "Lambda 'doubler' (function): a lambda(t, where) written in " in warning
    assert "test_lambda_code.py" in warning and "write_text" in warning  # names the code
    assert "LOAD_FAST" in warning  # the disassembly, under Show Details
    assert window.controller.graph.name == "mlp_dropout"  # refused: the document stays
    assert "not allowed" in window.status_text.text()

    answer_next_box(ALLOW, seen)
    assert window.files.open_path(path)
    assert len(seen) == 2
    assert window.controller.graph.name == "with_code"
    assert "doubler" in _layer_names(window)
    window.files.export("json", str(tmp_path / "again.json"))  # kept as the file stored it
    exported = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert (
        exported["config"]["layers"][1]["config"]["function"]
        == (stored["config"]["layers"][1]["config"]["function"])
    )

    window.controller.undo_stack.setClean()
    answer_next_box(QMessageBox.StandardButton.Cancel, seen)
    assert not window.files.open_path(path)  # allowed for that opening only: asked again
    assert len(seen) == 3
    assert not marker.exists()  # nothing ran, in all of this


def test_pasting_a_model_with_a_lambda_asks_the_same_way(qtbot, tmp_path):
    marker = tmp_path / "ran.txt"
    text = json.dumps(lambda_model_config(marker))
    window = make_window(qtbot, tmp_path)
    view = window.canvas
    before = _layer_names(window)
    seen: list[str] = []
    QApplication.clipboard().setText(text)
    view.setFocus()

    answer_next_box(QMessageBox.StandardButton.Cancel, seen)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1 and "The pasted model holds Python code" in seen[0]
    assert "Lambda 'doubler'" in seen[0]
    assert _layer_names(window) == before and window.controller.undo_stack.count() == 0
    assert "not allowed" in window.status_text.text()

    answer_next_box("Paste with 'allow unsafe'", seen)
    window.actions_by_key["paste"].trigger()  # Edit > Paste
    assert len(seen) == 2
    pasted = {window.controller.graph.layer_of(n).class_name for n in window.controller.selection}
    assert "Lambda" in pasted and window.controller.undo_stack.count() == 1
    assert not marker.exists()
