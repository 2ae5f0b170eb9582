"""What a first-time user meets (issue 9 §4-5), with real widgets: the seed's notes beside its
templates, the panels, the palette, the status line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtWidgets import QDockWidget

from app.main_window import MainWindow
from app.panels.palette import WHOLE_NAME
from app.style import TEMPLATES
from engine.io.files import load_document, save_document

Feature = QDockWidget.DockWidgetFeature


def make_window(qtbot, tmp_path, path=None) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_path=tmp_path / "recovery.kcanvas")
    qtbot.addWidget(window, before_close_func=lambda w: w.controller.undo_stack.setClean())
    window.show()
    window.start(str(path) if path else None, offer_recovery=False)
    qtbot.waitUntil(lambda: window.ready, timeout=180_000)
    return window


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def test_a_ready_window_takes_the_interpreter_back_sooner(qtbot, tmp_path):
    """Once Keras has loaded, threads of the window hand Python's lock back to the GUI thread
    after half a millisecond, not Python's 5 ms (bench/bench_look_gui.py --compare)."""
    import sys

    from app.gil import GUI_SWITCH_INTERVAL

    sys.setswitchinterval(0.005)  # Python's default, as a process starts
    make_window(qtbot, tmp_path)
    assert GUI_SWITCH_INTERVAL < 0.005
    assert sys.getswitchinterval() == pytest.approx(GUI_SWITCH_INTERVAL)


# ---------------------------------------------------------------- the seed's notes


def test_a_seed_template_opens_with_the_seeds_notes_beside_it(window, qtbot):
    window.open_template(TEMPLATES / "cnn.kcanvas")
    dock = window.docks["notes"]
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())
    text = window.notes.plain_text()
    assert "卷积神经网络" in text and "Convolutional neural network" in text  # both languages
    assert "(None, 49, 49, 32)" in text  # the seed's words, as written
    assert "Where the seed is wrong" in text and "(None, 48, 48, 32)" in text
    window.notes.language.setCurrentIndex(window.notes.language.findData("en"))
    assert "这里种子算错了" not in window.notes.plain_text()  # our Chinese note, hidden
    # clicking a node while reading brings its inspector to the front
    graph = window.controller.graph
    window.controller.select([next(iter(graph.nodes))])
    qtbot.waitUntil(lambda: not window.docks["inspector"].visibleRegion().isEmpty())
    # a model without notes puts the panel away
    window.open_template(TEMPLATES / "lenet5.kcanvas")
    assert window.notes.notes is None and dock.isHidden()


def test_paragraphs_of_one_kind_in_a_row_share_one_heading():
    from app.panels.notes_panel import render_notes
    from engine.gallery.notes import notes_for

    notes = notes_for("cnn_digits")  # two "look closer" paragraphs, then the data
    assert [b["kind"] for b in notes["blocks"][:3]] == ["note", "note", "data"]
    page = render_notes(notes)
    assert page.count("看一看 · Look closer") == 1 and page.count("训练数据 · Data to train") == 1
    assert "Watch it learn" in page and "看它学习" in page  # the second paragraph still shows


def test_notes_read_from_a_file_are_text_never_markup(window, tmp_path):
    document = load_document(TEMPLATES / "mlp.kcanvas")
    notes = document.editor_state["notes"]
    notes["blocks"][0]["en"] = '<img src="file:///etc/passwd"><a href="x">click</a>'
    save_document(document, tmp_path / "hostile.kcanvas")
    window.open_path(str(tmp_path / "hostile.kcanvas"))
    assert '<img src="file:///etc/passwd">' in window.notes.plain_text()
    document.editor_state["notes"] = {"blocks": "not a list", "title": 3}
    save_document(document, tmp_path / "damaged.kcanvas")
    window.open_path(str(tmp_path / "damaged.kcanvas"))
    assert window.notes.notes is None  # ignored, the model still opens
    assert window.controller.graph.name == "mlp"


# ---------------------------------------------------------------- panels


def test_bottom_panels_open_tall_with_locked_title_bars(window, qtbot):
    summary = window.docks["summary"]
    assert summary.height() >= 250  # about ten summary rows, curves with room to read
    for dock in window.docks.values():  # a drag on a title bar never tears a panel off
        assert not dock.features() & (Feature.DockWidgetFloatable | Feature.DockWidgetMovable)
    assert summary.titleBarWidget() is not None  # locked: the tab names it, no bar to drag
    window.actions_by_key["lock_panels"].setChecked(False)
    assert summary.features() & Feature.DockWidgetFloatable and summary.titleBarWidget() is None
    assert window.files.settings.value("panels_locked") in (False, "false")
    window.actions_by_key["lock_panels"].setChecked(True)
    assert summary.features() == Feature.DockWidgetClosable
    assert window.tabPosition(Qt.DockWidgetArea.BottomDockWidgetArea).name == "North"


# ---------------------------------------------------------------- palette and adding layers


def test_palette_enter_adds_the_exact_match_and_the_arrows_choose(window, qtbot):
    palette = window.palette
    qtbot.keyClicks(palette.search, "LSTM")
    assert palette.visible_classes()[0] == "ConvLSTM1D"  # the tree's order is by name...
    assert palette.current_class() == "LSTM"  # ...but the exact match is highlighted
    assert "Enter adds LSTM" in palette.status.text()
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    graph = window.controller.graph
    assert [layer.class_name for layer in graph.layers.values()] == ["LSTM"]
    qtbot.keyClick(palette.search, Qt.Key.Key_Down)
    assert palette.current_class() == "LSTMCell"
    assert "Enter adds LSTMCell" in palette.status.text()
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert graph.layer_of(window.controller.selection[0]).class_name == "LSTMCell"


def test_palette_names_are_whole_and_searching_never_widens_it(window, qtbot):
    palette = window.palette
    dock = window.docks["palette"]
    tree = palette.tree
    categories = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    items = [c.child(j) for c in categories for j in range(c.childCount())]
    items = [item for item in items if len(item.text(0)) <= WHOLE_NAME]  # the longer: elided
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    metrics = tree.fontMetrics()
    ends = [tree.visualItemRect(i).left() + metrics.horizontalAdvance(i.text(0)) for i in items]
    widest = max(ends)
    assert widest <= tree.viewport().width()
    before = dock.width()
    qtbot.keyClicks(palette.search, "normalization")
    qtbot.wait(50)
    assert dock.width() == before
    assert palette.status.wordWrap()


def test_tab_popup_lists_layers_before_any_typing(window, qtbot):
    from app.canvas.quick_add import QuickAddPopup

    popup = QuickAddPopup(window.canvas)
    qtbot.addWidget(popup)
    popup.popup_at(window.canvas.mapToGlobal(window.canvas.rect().center()))
    assert popup.results.count() == len(window.catalog)  # every layer, by category
    assert popup.results.currentRow() == 0
    popup.close()


def test_empty_canvas_hint_goes_with_the_first_layer(window, qtbot):
    view = window.canvas
    assert view._hint_shown
    view.scene().drop_layer("Dense", view.mapToScene(view.viewport().rect().center()))
    assert not view._hint_shown  # the whole viewport is repainted without it
    window.controller.undo_stack.undo()
    assert view._hint_shown


def test_a_layer_dropped_on_a_wire_lands_on_it_in_view_covering_no_card(window, qtbot):
    window.open_template(TEMPLATES / "mlp.kcanvas")
    view, scene, graph = window.canvas, window.canvas.scene(), window.controller.graph
    first, second = (graph.calls[graph.layer_by_name(n).id][0] for n in ("dense", "dense_1"))
    edge = scene.edges[(second, ("args", 0))]
    target_before = scene.nodes[second].pos()
    where = edge.path().pointAtPercent(0.5)
    view.centerOn(where)
    inserted = scene.drop_layer("Dropout", where)
    assert graph.nodes[second].input_refs()[0].node_id == inserted  # in the wire
    card = scene.nodes[inserted].sceneBoundingRect()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(card)
    for node_id, item in scene.nodes.items():
        if node_id != inserted:
            assert not card.intersects(item.sceneBoundingRect()), graph.layer_of(node_id).name
    # between the two cards it joins: the target made room below it
    assert scene.nodes[first].sceneBoundingRect().bottom() < card.top()
    assert card.bottom() < scene.nodes[second].sceneBoundingRect().top()
    assert scene.nodes[second].pos().y() > target_before.y()
    assert abs(card.center().x() - where.x()) < 1
    window.controller.undo_stack.undo()  # one step: the layer goes, the cards come back
    assert inserted not in graph.nodes and scene.nodes[second].pos() == target_before


# ---------------------------------------------------------------- before Keras has loaded


def test_layers_are_placed_and_wired_while_keras_loads(qtbot, tmp_path, monkeypatch):
    import threading

    gate = threading.Event()
    original = MainWindow._load_keras

    def slow_keras(self):
        gate.wait(60)
        original(self)

    monkeypatch.setattr(MainWindow, "_load_keras", slow_keras)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_path=tmp_path / "recovery.kcanvas")
    qtbot.addWidget(window, before_close_func=lambda w: w.controller.undo_stack.setClean())
    window.show()
    with qtbot.waitSignal(window.palette_ready, timeout=5000):
        window.start(None, offer_recovery=False)
    assert not window.ready and not window.controller.keras_ready
    assert "Dense" in window.palette.visible_classes() and window.palette.search.isEnabled()
    scene = window.canvas.scene()
    source = scene.drop_layer("Input", QPointF(0, 0))
    dense = scene.drop_layer("Dense", QPointF(0, 250))
    start, end = scene.nodes[source].output_ports[0], scene.nodes[dense].input_ports[0]
    scene.begin_wire(start, start.scenePos())
    assert scene.finish_wire(end.scenePos())
    assert scene.nodes[dense].result is None  # shapes wait for Keras
    window.controller.select([dense])
    assert "Keras is still loading" in _inspector_text(window)
    gate.set()
    qtbot.waitUntil(lambda: window.ready, timeout=180_000)
    assert tuple(scene.nodes[dense].result.outputs[0].shape) == (None, 32)
    assert window.inspector.editors  # the parameters are editable now


def _inspector_text(window) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in window.inspector.widget().findChildren(QLabel))


# ---------------------------------------------------------------- inspector fields


def _select(window, layer_name: str) -> str:
    graph = window.controller.graph
    node_id = graph.calls[graph.layer_by_name(layer_name).id][0]
    window.controller.select([node_id])
    return node_id


def test_an_integer_field_says_why_it_refuses_letters_and_minus_five_as_typed(window, qtbot):
    window.open_template(TEMPLATES / "mlp.kcanvas")
    _select(window, "dense")
    editor = window.inspector.editors["units"]
    line = editor.spin.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "3a")
    assert line.text() == "3a"  # kept, not silently dropped
    assert "whole number" in editor.error.text() and not editor.error.isHidden()
    line.selectAll()
    qtbot.keyClicks(line, "-5")  # no Enter yet: Keras's own check, as the user types
    assert "expected a positive integer" in editor.error.text()
    assert editor.spin.property("invalid") is True
    qtbot.keyClick(line, Qt.Key.Key_Return)  # refused: the model is unchanged
    assert window.controller.graph.layer_by_name("dense").config["units"] == 32
    assert window.controller.undo_stack.count() == 0
    line.selectAll()
    qtbot.keyClicks(line, "64")
    assert editor.error.isHidden()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.controller.graph.layer_by_name("dense").config["units"] == 64


def test_an_inline_error_is_shown_whole_in_a_narrow_inspector(window, qtbot):
    window.open_template(TEMPLATES / "lenet5.kcanvas")
    window.resizeDocks([window.docks["inspector"]], [260], Qt.Orientation.Horizontal)
    _select(window, "c1")
    editor = window.inspector.editors["kernel_size"]
    editor.line.setText("abc")
    editor.line.textEdited.emit("abc")
    strides = window.inspector.editors["strides"]
    strides.line.setText("0")
    strides.line.textEdited.emit("0")  # the spec takes it, Keras does not
    assert "value > 0" in strides.error.text()
    qtbot.wait(50)
    for label in (editor.error, strides.error):
        assert label.height() >= label.heightForWidth(label.width())  # every line shows


# ---------------------------------------------------------------- problems


def test_an_empty_model_has_hints_not_problems_drawn_with_icons(window, qtbot):
    problems = window.problems
    problems.refresh()
    assert problems.problems == [] and window.docks["problems"].windowTitle() == "Problems"
    texts = [problems.list.item(i).text() for i in range(problems.list.count())]
    assert "Start with an Input" in texts[0]
    assert all(not problems.list.item(i).icon().isNull() for i in range(problems.list.count()))
    assert not any(glyph in " ".join(texts) for glyph in "ⓘ⚠✓")


def test_the_problems_of_a_shared_layer_name_their_call(window, qtbot):
    window.open_template(TEMPLATES / "shared_lstm.kcanvas")
    graph = window.controller.graph
    lstm = graph.layer_by_name("lstm")
    from engine.model import operations

    window.controller.push(operations.set_params(graph, lstm.id, units=-1), "break it")
    window.problems.refresh()
    rows = [str(p) for p in window.problems.problems if p.layer_name == "lstm"]
    assert rows == [row for row in rows if "(call " in row] and len(set(rows)) == len(rows) == 2
    assert window.docks["problems"].windowTitle().startswith("Problems (")


# ---------------------------------------------------------------- status line and files


def test_one_layer_is_singular_and_long_messages_never_reach_the_counts(window, qtbot):
    window.canvas.scene().drop_layer("Input", QPointF(0, 0))
    qtbot.waitUntil(lambda: window.model_stats.text().startswith("1 layer ·"))
    window.show_hint("A very long message " * 30)
    qtbot.wait(20)
    text = window.status_text
    assert text.geometry().right() < window.model_stats.geometry().left()
    assert text.shown_text().endswith("…") and "very long" in text.toolTip()


def test_save_and_export_say_what_they_wrote(window, tmp_path, qtbot):
    window.open_template(TEMPLATES / "mlp.kcanvas")
    assert window.files.save_as(str(tmp_path / "mine.kcanvas"))
    assert "Saved mine.kcanvas" in window.status_text.text()
    assert window.files.export("json", str(tmp_path / "mine.json"))
    assert "Exported Keras JSON to mine.json" in window.status_text.text()


def test_the_title_names_an_opened_keras_file(window, tmp_path, qtbot):
    from engine.gallery import seed

    model = seed.mlp()
    model.save(tmp_path / "digits_net.keras")
    window.open_path(str(tmp_path / "digits_net.keras"))
    assert "from digits_net.keras" in window.windowTitle()
    assert window.files._suggested().endswith("digits_net.kcanvas")


def test_discarding_an_untitled_model_with_runs_says_what_goes(window, tmp_path):
    document = window.controller.document
    document.project_extra["runs"] = [{"name": "Run 1", "output_dir": str(tmp_path / "run-1")}]
    question = window.files.unsaved_question()
    assert "Run 1" in question and str(tmp_path) in question and "Discard" in question


def test_recovery_is_offered_at_start_before_any_new_work(qtbot, tmp_path, monkeypatch):
    """Keras loads while the user builds: the old work is offered back first, not after."""
    import threading

    from PySide6.QtWidgets import QMessageBox

    first = make_window(qtbot, tmp_path)
    first.open_template(TEMPLATES / "mlp.kcanvas")
    first.edits.pop()  # unsaved work
    assert first.files.write_recovery()
    gate = threading.Event()
    original = MainWindow._load_keras
    monkeypatch.setattr(MainWindow, "_load_keras", lambda self: gate.wait(60) and original(self))
    asked: list[bool] = []

    def answer(*_args, **_kwargs):
        asked.append(second.controller.keras_ready)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    settings = QSettings(str(tmp_path / "settings2.ini"), QSettings.Format.IniFormat)
    second = MainWindow(settings=settings, recovery_path=tmp_path / "recovery.kcanvas")
    qtbot.addWidget(second, before_close_func=lambda w: w.controller.undo_stack.setClean())
    second.show()
    second.start(None, offer_recovery=True)
    assert asked == [False]  # asked at once, while Keras was still loading
    gate.set()
    qtbot.waitUntil(lambda: second.ready, timeout=180_000)
    assert len(second.controller.graph.layers) == 2  # the mlp without its last layer
