"""The panels around the canvas, driven as a user would, against real Keras."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QCheckBox

from app.main_window import MainWindow
from app.panels.inspector_sections import CallsSection, ModelSection, OutputSection
from app.panels.palette import LAYER_MIME
from app.style import TEMPLATES
from engine.errors import NotFoundError
from engine.model.graph import TensorRef

EXACT = Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly


@pytest.fixture
def open_window(qtbot, tmp_path):
    def open_template(name: str) -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, recovery_path=tmp_path / "recovery.kcanvas")
        qtbot.addWidget(window, before_close_func=lambda w: w.controller.undo_stack.setClean())
        window.show()
        window.start(str(TEMPLATES / f"{name}.kcanvas"), offer_recovery=False)
        qtbot.waitUntil(lambda: window.ready, timeout=180_000)
        return window

    return open_template


def first_call(window: MainWindow, layer_name: str) -> str:
    graph = window.controller.graph
    return graph.calls[graph.layer_by_name(layer_name).id][0]


def test_summary_matches_keras_model_summary(open_window):
    import keras

    from engine.gallery import seed

    window = open_window("cnn")
    keras.backend.clear_session()
    model = seed.cnn()
    summary = window.summary.summary
    assert summary.total == model.count_params()
    trainable = sum(int(w.numpy().size) for w in model.trainable_weights)
    assert summary.trainable == trainable
    assert window.summary.tree.topLevelItemCount() == len(model.layers)
    assert f"Total params: {model.count_params():,}" in window.summary.totals.text()
    assert f"Total params: {model.count_params():,}" in window.summary.text()


def test_problems_panel_lists_a_broken_node_and_goes_to_it(open_window, qtbot):
    window = open_window("mlp_dropout")
    controller = window.controller
    controller.select([first_call(window, "features")])
    conv = window.edits.add_layer("Conv2D")  # a 2D convolution on (None, 20): Keras refuses
    assert conv is not None
    qtbot.waitUntil(lambda: any(p.node_id == conv for p in window.problems.problems))
    rows = [window.problems.list.item(i) for i in range(window.problems.list.count())]
    row = next(item for item in rows if "conv2d" in item.text())
    controller.select([])
    window.problems.list.itemClicked.emit(row)
    assert controller.selection == [conv]
    assert "Problems (" in window.docks["problems"].windowTitle()


def test_palette_search_drag_and_double_click(open_window):
    window = open_window("mlp_dropout")
    palette = window.palette
    palette.search.setText("lstm")
    assert "LSTM" in palette.visible_classes()
    assert "Dense" not in palette.visible_classes()
    palette.search.setText("")
    item = palette.tree.findItems("LSTM", EXACT)[0]
    data = palette.tree.mimeData([item])
    assert bytes(data.data(LAYER_MIME)).decode("utf-8") == "LSTM"
    controller = window.controller
    last = controller.graph.outputs[0].node_id
    controller.select([last])
    palette.tree.itemActivated.emit(palette.tree.findItems("Dense", EXACT)[0], 0)
    new = controller.selection[0]
    assert controller.graph.nodes[new].args == [TensorRef(last, 0)]
    assert new in controller.document.editor_state["positions"]


def test_layer_list_get_layer_by_name_and_index(open_window):
    window = open_window("mlp_dropout")
    layers = window.layers
    graph = window.controller.graph
    assert layers.tree.topLevelItemCount() == 6
    assert layers.tree.topLevelItem(0).text(3) == "input"
    assert layers.get_layer("-1") == graph.get_layer(index=-1).id
    assert layers.get_layer("dropout") == graph.layer_by_name("dropout").id
    with pytest.raises(NotFoundError):
        layers.get_layer("nope")
    layers.search.setText("nope")
    layers.search.returnPressed.emit()
    assert "No such layer: nope" in layers.error.text()
    layers.search.setText("2")
    layers.search.returnPressed.emit()
    assert window.controller.selection == [first_call(window, "dropout")]


def test_code_panels_follow_edits(open_window, qtbot):
    window = open_window("mlp_dropout")
    controller = window.controller
    window.docks["code_json"].raise_()
    panel = window.code["json"]
    qtbot.waitUntil(lambda: panel.text.toPlainText().startswith("{"))
    assert json.loads(panel.text.toPlainText()) == controller.document.to_config()
    shared = controller.model_config()
    assert controller.model_config() is shared  # the panels share one export per change
    controller.select([first_call(window, "dense")])
    window.inspector.editors["units"].spin.setValue(17)
    assert controller.model_config() is not shared
    assert controller.model_config() == controller.document.to_config()
    qtbot.waitUntil(lambda: '"units": 17' in panel.text.toPlainText())
    window.docks["code_python"].raise_()
    python = window.code["python"]
    qtbot.waitUntil(lambda: "keras.Input" in python.text.toPlainText())
    window.code["yaml"].refresh()
    assert "units: 17" in window.code["yaml"].text.toPlainText()


def test_shared_layer_lists_every_call_with_shapes(open_window):
    window = open_window("shared_lstm")
    controller = window.controller
    lstm = next(lay for lay in controller.graph.layers.values() if lay.class_name == "LSTM")
    controller.select([controller.graph.calls[lstm.id][1]])
    calls = window.inspector.widget().findChild(CallsSection)
    text = calls.label.text()
    assert "call 1 of 2</b> · node index 0" in text and "call 2 of 2</b> · node index 1" in text
    assert text.count("(None, 140, 256)") == 2 and "(None, 64)" in text
    assert "call 2 of 2" in window.status_text.text()


def test_output_marking_and_order(open_window):
    window = open_window("mlp_dropout")
    controller = window.controller
    dense = first_call(window, "dense")
    controller.select([dense])
    output = window.inspector.widget().findChild(OutputSection)
    output.findChildren(QCheckBox)[0].setChecked(True)
    assert controller.graph.outputs[-1] == TensorRef(dense, 0)
    controller.select([])
    model = window.inspector.widget().findChild(ModelSection)
    model.outputs.setCurrentRow(1)
    model._move(-1)
    assert controller.graph.outputs[0] == TensorRef(dense, 0)
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert controller.graph.outputs == [TensorRef(first_call(window, "dense_2"), 0)]


def test_status_bar_explains_the_shape(open_window):
    window = open_window("cnn")
    window.controller.select([first_call(window, "max_pooling2d")])
    text = window.status_text.text()
    assert "(None, 48, 48, 32): batch, height, width, channels" in text
