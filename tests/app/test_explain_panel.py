"""The Explain panel in the real window: the selected call explained, kept current by edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from app.main_window import MainWindow
from app.panels.explain_panel import ExplainPanel
from app.style import TEMPLATES
from engine.io.files import load_document


@pytest.fixture
def open_window(qtbot, tmp_path):
    def open_template(name: str) -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, recovery_path=tmp_path / "recovery.kcanvas")
        qtbot.addWidget(window, before_close_func=lambda w: w.controller.undo_stack.setClean())
        window.resize(1440, 900)
        window.show()
        window.start(str(TEMPLATES / f"{name}.kcanvas"), offer_recovery=False)
        qtbot.waitUntil(lambda: window.ready, timeout=180_000)
        return window

    return open_template


def _call(window: MainWindow, name: str, index: int = 0) -> str:
    graph = window.controller.graph
    return graph.calls[graph.layer_by_name(name).id][index]


def _page(panel: ExplainPanel) -> str:
    return panel.browser.toPlainText()


def test_explain_follows_selection_and_edits(open_window, qtbot) -> None:
    window = open_window("cnn")
    panel, dock = window.explain, window.docks["explain"]
    assert dock in window.tabifiedDockWidgets(window.docks["summary"])  # with the bottom panels
    assert not dock.isFloating()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    texts = [a.text() for a in view_menu.actions()]
    assert "&Explain the selection" in texts and "Explain" in texts  # action and dock toggle

    window.actions_by_key["explain"].trigger()  # View → Explain the selection
    qtbot.waitUntil(lambda: panel.is_shown() and "Click a layer" in _page(panel))
    assert panel.explanation is None and not panel.copy_button.isEnabled()

    window.controller.select([_call(window, "conv2d")])
    qtbot.waitUntil(lambda: panel.explanation is not None)
    page = _page(panel)
    assert "conv2d" in panel.title.text() and "Conv2D" in panel.title.text()
    for expected in ("What it does", "stencil", "Keras's documentation: 2D convolution layer.",
                     "(None, 100, 100, 3)", "(None, 98, 98, 32)", "⌊(100 − 3) / 1⌋ + 1 =",
                     "896, all trainable", "3×3×3×32 =", "864"):  # fmt: skip
        assert expected in page, expected

    # a learner edits the kernel in the inspector and watches the formula follow
    line = window.inspector.editors["kernel_size"].line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "5, 5")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "⌊(100 − 5) / 1⌋ + 1 =" in _page(panel))
    assert "(None, 96, 96, 32)" in _page(panel)
    assert "2,432, all trainable" in _page(panel)  # 5×5×3×32 + 32
    window.controller.undo_stack.undo()
    qtbot.waitUntil(lambda: "⌊(100 − 3) / 1⌋ + 1 =" in _page(panel))

    panel.copy_button.click()
    assert "kernel 3×3×3×32 = 864 + bias 32 = 896" in QGuiApplication.clipboard().text()

    window.controller.select([_call(window, "flatten")])
    qtbot.waitUntil(lambda: "48 × 48 × 32 =" in _page(panel))  # the seed's CNN (S10)
    assert "73,728" in _page(panel) and "no weights" in _page(panel)

    window.controller.select([_call(window, "conv2d"), _call(window, "flatten")])
    qtbot.waitUntil(lambda: "2 layers are selected" in _page(panel))


def test_a_hidden_panel_catches_up_when_shown(open_window, qtbot) -> None:
    window = open_window("cnn")
    panel = window.explain
    window.show_explain()
    window.controller.select([_call(window, "conv2d")])
    qtbot.waitUntil(lambda: panel.explanation is not None)
    window.docks["summary"].raise_()
    qtbot.waitUntil(lambda: not panel.is_shown())
    window.controller.select([_call(window, "dense")])
    qtbot.wait(100)
    assert panel.explanation.layer_name == "conv2d"  # no work for a panel nobody sees
    window.docks["explain"].raise_()
    qtbot.waitUntil(lambda: panel.explanation.layer_name == "dense")
    assert "73,728×256 =" in _page(panel)


def test_shared_and_nested_calls(open_window, qtbot) -> None:
    window = open_window("shared_lstm")
    panel = window.explain
    window.show_explain()
    window.controller.select([_call(window, "lstm", 1)])
    qtbot.waitUntil(lambda: panel.explanation is not None)
    assert "call 2 of 2" in panel.title.text()
    page = _page(panel)
    assert "counted once" in page and "82,176" in page and "recurrent_kernel" in page

    window.open_template(TEMPLATES / "shared_vision.kcanvas")
    qtbot.waitUntil(lambda: window.controller.graph.name == "shared_vision")
    vision = window.controller.graph.layer_by_name("vision")
    window.controller.enter(vision.id)
    window.controller.select([_call(window, "conv2d_1")])
    qtbot.waitUntil(lambda: panel.explanation is not None and "vision ›" in panel.title.text())
    assert "⌊(25 − 3) / 1⌋ + 1 =" in _page(panel)


def test_the_sections_stand_side_by_side_when_the_panel_is_wide(controller, qtbot) -> None:
    controller.set_document(load_document(str(TEMPLATES / "cnn.kcanvas")))
    panel = ExplainPanel(controller)
    qtbot.addWidget(panel)
    panel.enabled = True
    panel.resize(1200, 300)
    panel.show()
    controller.select([_call_of(controller, "conv2d")])
    qtbot.waitUntil(lambda: panel.explanation is not None)
    assert _columns_in(panel) == 3
    panel.resize(400, 900)
    qtbot.waitUntil(lambda: _columns_in(panel) == 0)
    assert "⌊(100 − 3) / 1⌋ + 1 =" in _page(panel)


def _call_of(controller, name: str) -> str:
    graph = controller.graph
    return graph.calls[graph.layer_by_name(name).id][0]


def _columns_in(panel: ExplainPanel) -> int:
    """How many sections stand side by side in the page's first table row."""
    from PySide6.QtGui import QTextTable

    frame = panel.browser.document().rootFrame()
    for child in frame.childFrames():
        if isinstance(child, QTextTable) and child.rows() == 1:
            return child.columns()
    return 0


def test_larger_text_for_a_projector(controller, qtbot) -> None:
    panel = ExplainPanel(controller)
    qtbot.addWidget(panel)
    size = panel.browser.font().pointSizeF()
    title = panel.title.font().pointSizeF()
    panel.larger.click()
    panel.larger.click()
    assert panel.browser.font().pointSizeF() == size + 2
    assert panel.title.font().pointSizeF() > title
    for _ in range(20):
        panel.larger.click()
    assert not panel.larger.isEnabled() and panel.browser.font().pointSizeF() == size + 12
    for _ in range(20):
        panel.smaller.click()
    assert not panel.smaller.isEnabled() and panel.browser.font().pointSizeF() == size - 2
