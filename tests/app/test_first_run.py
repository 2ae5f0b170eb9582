"""What a first-time user meets (issue 9 §4-5), with real widgets: the seed's notes beside its
templates, the panels, the palette, the status line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget

from app.main_window import MainWindow
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
