"""The editor window with real widgets: opening, editing through the inspector, files, recovery."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from app.main_window import MainWindow
from app.style import TEMPLATES
from engine.gallery import TEMPLATES as GALLERY

Answer = QMessageBox.StandardButton

MLP = TEMPLATES / "mlp_dropout.kcanvas"  # the Keras guide's MLP (dropout, named layers)


def make_window(qtbot, tmp_path, path=MLP, offer_recovery=False) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_path=tmp_path / "recovery.kcanvas")
    # closing must not ask about unsaved changes: the tests answer that question themselves
    qtbot.addWidget(window, before_close_func=lambda w: w.controller.undo_stack.setClean())
    window.show()
    window.start(str(path) if path else None, offer_recovery=offer_recovery)
    qtbot.waitUntil(lambda: window.ready, timeout=180_000)
    return window


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def node_of(window: MainWindow, layer_name: str) -> str:
    graph = window.controller.graph
    return graph.calls[graph.layer_by_name(layer_name).id][0]


def test_window_opens_with_the_mlp_template(window):
    graph = window.controller.graph
    assert graph.name == "mlp_dropout"
    assert [layer.class_name for layer in graph.layers.values()] == [
        "InputLayer",
        "Dense",
        "Dropout",
        "Dense",
        "Dropout",
        "Dense",
    ]
    assert "mlp_dropout (untitled)" in window.windowTitle()  # a gallery file never gets overwritten
    assert window.controller.path is None
    assert window.palette.visible_classes()  # the catalog is loaded
    assert window.summary.summary.total == 20 * 64 + 64 + 64 * 64 + 64 + 64 * 10 + 10


def test_inspector_edit_changes_the_config_and_undoes(window, qtbot):
    controller = window.controller
    node = node_of(window, "dense")
    controller.select([node])
    layer = controller.graph.layer_of(node)
    spin = window.inspector.editors["units"].spin
    spin.setValue(48)
    assert layer.config["units"] == 48
    assert controller.undo_stack.count() == 1
    assert window.isWindowModified()
    controller.undo_stack.undo()
    assert layer.config["units"] == 64
    qtbot.waitUntil(lambda: window.inspector.editors["units"].spin.value() == 64)
    controller.undo_stack.redo()
    assert layer.config["units"] == 48


def test_inspector_refuses_a_wrong_value_inline(window):
    controller = window.controller
    controller.select([node_of(window, "dropout")])
    editor = window.inspector.editors["rate"]
    editor.line.setText("half")
    editor.line.textEdited.emit("half")
    editor.line.editingFinished.emit()
    assert "Received" in editor.error.text()
    assert not editor.error.isHidden()
    assert controller.undo_stack.count() == 0


def test_rename_and_input_shape_through_the_inspector(window):
    controller = window.controller
    controller.select([node_of(window, "features")])
    from app.panels.inspector_sections import InputSection, NameSection

    shape = window.inspector.widget().findChild(InputSection)
    shape.shape.setText("30")
    shape.shape.editingFinished.emit()
    assert controller.graph.layer_by_name("features").config["batch_shape"] == [None, 30]
    assert window.summary.summary is not None
    name = window.inspector.widget().findChild(NameSection)
    name.line.setText("dense")  # taken: refused inline
    name.line.editingFinished.emit()
    assert "unique" in name.error.text()
    assert controller.undo_stack.count() == 1


def test_malformed_json_shows_an_error_and_keeps_the_document(window, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"class_name": "Functional", "config": ', encoding="utf-8")
    assert not window.files.open_path(bad)
    assert "not valid JSON" in window.files.last_error
    assert window.controller.graph.name == "mlp_dropout"
    assert "not valid JSON" in window.status_text.text()


def test_unsaved_changes_prompt(window, tmp_path):
    files = window.files
    assert files.maybe_save()  # nothing changed: no question
    window.edits.pop()
    assert files.is_modified()
    assert not files.maybe_save(answer=Answer.Cancel)
    assert files.maybe_save(answer=Answer.Discard)
    target = tmp_path / "saved.kcanvas"
    window.controller.path = str(target)
    assert files.maybe_save(answer=Answer.Save)
    assert target.exists() and not files.is_modified()
    assert str(target.resolve()) in files.recent_files()


def test_autosave_writes_a_recovery_file_offered_at_next_start(window, qtbot, tmp_path):
    files = window.files
    window.edits.pop()  # the seed's model.pop(): 5 layers left
    qtbot.waitUntil(files.has_recovery, timeout=20_000)
    saved = json.loads(files.recovery_path.read_text(encoding="utf-8"))
    assert len(saved["model"]["config"]["layers"]) == 5
    second = make_window(qtbot, tmp_path, path=MLP, offer_recovery=False)
    question = second.files.recovery_question()
    assert "model 'mlp_dropout'" in question and "autosaved at" in question  # says what comes back
    assert second.files.offer_recovery(answer=Answer.Yes)
    assert len(second.controller.graph.layers) == 5
    assert second.files.is_modified()
    second.files.remove_recovery()
    assert not files.has_recovery()


def test_export_json_equals_the_document(window, tmp_path):
    target = tmp_path / "mlp.json"
    assert window.files.export("json", str(target))
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported == window.controller.document.to_config()


def test_edit_menu_commands(window):
    controller = window.controller
    controller.select([node_of(window, "dense_1")])
    window.actions_by_key["apply_again"].trigger()
    layer = controller.graph.layer_by_name("dense_1")
    assert len(controller.graph.calls[layer.id]) == 2
    controller.select([node_of(window, "dense_1")])
    window.actions_by_key["duplicate"].trigger()
    assert "dense_3" in {lay.name for lay in controller.graph.layers.values()}
    window.edits.append("Dense")
    assert controller.graph.layer_of(controller.graph.outputs[0].node_id).class_name == "Dense"
    window.actions_by_key["pop"].trigger()
    assert controller.graph.layer_of(controller.graph.outputs[0].node_id).name == "dense_2"
    count = controller.undo_stack.count()
    for _ in range(count):
        controller.undo_stack.undo()
    assert len(controller.graph.layers) == 6


def test_dropping_a_file_on_the_window_opens_it(window, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    target = tmp_path / "cnn.json"
    from engine.io.files import load_document

    target.write_text(json.dumps(load_document(TEMPLATES / "cnn.kcanvas").to_config()))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(target))])
    action, buttons = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    enter = QDragEnterEvent(QPoint(5, 5), action, data, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPoint(5, 5), action, data, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    QApplication.processEvents()
    assert window.controller.graph.name == "cnn"
    assert window.controller.path is None  # a JSON import is saved as a new project


def test_group_into_model_and_ungroup(window):
    controller = window.controller
    graph = controller.graph
    middle = [node_of(window, name) for name in ("dense_1", "dropout_1")]
    before = controller.document.to_config()
    controller.select(middle)
    window.actions_by_key["group"].trigger()
    window.edits.group_dialog.group_button.click()  # the dialog's Group, name "block"
    nested = [layer for layer in controller.graph.layers.values() if layer.body is not None]
    assert len(nested) == 1 and len(nested[0].body.layers) == 3  # its Input and the two layers
    assert window.summary.summary.total == 20 * 64 + 64 + 64 * 64 + 64 + 64 * 10 + 10
    controller.select(graph.calls[nested[0].id])
    window.actions_by_key["ungroup"].trigger()
    assert not any(layer.body for layer in controller.graph.layers.values())
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.document.to_config() == before


def test_export_png_and_svg(window, tmp_path):
    assert window.files.export("png", str(tmp_path / "mlp.png"))
    assert (tmp_path / "mlp.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert window.files.export("svg", str(tmp_path / "mlp.svg"))
    assert "<svg" in (tmp_path / "mlp.svg").read_text(encoding="utf-8")


def test_input_batch_size_and_dtype(window):
    from app.panels.inspector_sections import InputSection

    controller = window.controller
    controller.select([node_of(window, "features")])
    section = window.inspector.widget().findChild(InputSection)
    section.batch.setText("32")
    section.batch.editingFinished.emit()
    config = controller.graph.layer_by_name("features").config
    assert config["batch_shape"] == [32, 20]
    window.inspector.editors["dtype"].combo.setCurrentText("int32")
    assert controller.graph.layer_by_name("features").config["dtype"] == "int32"
    section = window.inspector.widget().findChild(InputSection)
    section.batch.setText("-3")
    section.batch.textEdited.emit("-3")
    assert "Received: '-3'" in section.error.text()


def test_new_from_template_menu(window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    templates = next(a.menu() for a in menu.actions() if a.text() == "New from &template")
    entries = [a for a in templates.actions() if not a.isSeparator()]
    headings = [a.text() for a in entries if not a.isEnabled()]
    assert headings == ["The seed's examples", "Variants", "Classics"]
    titles = [a.text() for a in entries if a.isEnabled()]
    assert len(titles) == len(GALLERY) and titles[0] == "One Conv2D called on two image sizes (S8)"
    next(a for a in templates.actions() if a.text() == "Visual question answering (S17)").trigger()
    assert window.controller.graph.name == "vqa"
    assert window.controller.path is None  # a template opens untitled


def test_status_bar_parameter_count_follows_every_edit(window, qtbot):
    from engine.model import operations as ops

    controller = window.controller
    dense = controller.graph.layer_of(node_of(window, "dense_2"))
    total = sum(controller.document.shapes.model_params(controller.graph))
    assert window.model_stats.text() == f"6 layers · {total:,} params"
    controller.push(ops.set_params(controller.graph, dense.id, units=20), "units")
    assert window.model_stats.text() == f"6 layers · {total + 10 * 64 + 10:,} params"
    controller.undo_stack.undo()
    assert window.model_stats.text() == f"6 layers · {total:,} params"
