"""The whole window in Simplified Chinese: menus, panels, tabs, buttons and dialog titles speak
it (nothing the catalogue translates is left in English), an engine shape error reads in
Chinese with its numbers, and the window switches back to English keeping the work."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QTextBrowser,
)

from app.i18n import CHINESE, ENGLISH, current_language, install_language, language_option
from app.language_switch import set_language
from app.main_window import MainWindow
from app.style import TEMPLATES
from resources import i18n_dir

CJK = re.compile(r"[\u4e00-\u9fff]")
MNEMONIC = re.compile(r"&(?=[^&])")


def _translated_sources() -> set[str]:
    """The English texts the Chinese catalogue translates into something else."""
    sources = set()
    for message in ET.parse(i18n_dir() / "keras_canvas_zh_CN.ts").getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if forms != [source] and "{" not in source and "%n" not in source:
            sources.add(_plain(source))
    return sources


def _plain(text: str) -> str:
    """A text as a widget shows it: no menu accelerator, no shortcut after a tab."""
    return MNEMONIC.sub("", text.split("\t")[0]).replace("&&", "&").strip()


def _menu_texts(menu: QMenu, into: list[str]) -> list[str]:
    into.append(menu.title())
    for action in menu.actions():
        if action.menu() is not None:
            _menu_texts(action.menu(), into)
        elif action.text():
            into.extend([action.text(), action.toolTip(), action.statusTip()])
    return into


def _window_texts(window: MainWindow) -> dict[str, list[str]]:
    """What the window shows in words, by kind (menus, panel titles, tabs, labels, buttons)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the replaced widgets
    menus: list[str] = []
    for action in window.menuBar().actions():
        _menu_texts(action.menu(), menus)
    tabs = [tab.tabText(i) for tab in window.findChildren(QTabWidget) for i in range(tab.count())]
    return {
        "menus": menus,
        "panels": [dock.windowTitle() for dock in window.findChildren(QDockWidget)],
        "tabs": tabs,
        "labels": [label.text() for label in window.findChildren(QLabel)],
        "buttons": [button.text() for button in window.findChildren(QAbstractButton)],
        "boxes": [box.title() for box in window.findChildren(QGroupBox)],
        "placeholders": [line.placeholderText() for line in window.findChildren(QLineEdit)],
    }


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    """The window on the seed's CNN, made in English (as the other tests see it)."""
    folder = tmp_path_factory.mktemp("chinese")
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    install_language(qapp, ENGLISH)
    window = MainWindow(settings=settings, recovery_path=folder / "recovery.kcanvas")
    window.resize(1280, 800)
    window.show()
    window.start(str(TEMPLATES / "cnn.kcanvas"), offer_recovery=False)
    _wait(qapp, lambda: window.ready)
    yield window
    install_language(qapp, ENGLISH)
    window.controller.undo_stack.setClean()
    window.training.shutdown()
    window.close()
    window.deleteLater()


def _wait(qapp, condition, timeout_ms: int = 180_000) -> None:
    from PySide6.QtTest import QTest

    waited = 0
    while not condition():
        assert waited < timeout_ms, "timed out"
        QTest.qWait(50)
        waited += 50


def test_in_chinese_nothing_the_catalogue_translates_is_left_in_english(window, qapp):
    layers = len(window.controller.graph.layers)
    assert set_language(window, CHINESE)
    assert current_language() == CHINESE
    assert window.files.settings.value("language") == CHINESE  # kept for the next start
    texts = _window_texts(window)
    top = [action.text() for action in window.menuBar().actions()]
    assert top and all(CJK.search(text) for text in top), top
    assert "文件(&F)" in top and "视图(&V)" in top
    code_formats = {"Python", "YAML", "Keras JSON"}  # the code panels are named by format
    assert all(CJK.search(t) for t in texts["panels"] if t not in code_formats), texts["panels"]
    assert any(t.startswith("讲解") for t in texts["panels"])  # the Explain panel
    assert "查看内部" in texts["tabs"] and "训练位置" in texts["tabs"]  # Look inside, Where
    english = _translated_sources()
    left = sorted(
        {f"{kind}: {text!r}" for kind, shown in texts.items() for text in shown
         if text and _plain(text) in english}
    )  # fmt: skip
    assert not left, "still in English:\n" + "\n".join(left)
    assert len(window.controller.graph.layers) == layers  # the work is kept


def test_dialog_titles_and_qts_own_buttons_are_chinese(window, qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from app.panels.help_dialog import show_how_to

    if current_language() != CHINESE:
        set_language(window, CHINESE)
    dialog = show_how_to(window)
    try:
        assert dialog.windowTitle() == "如何使用 Keras Canvas"
        close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
        assert CJK.search(close.text()), close.text()  # Qt's catalogue (qtbase_zh_CN)
        assert "小地图" in dialog.findChild(QTextBrowser).toPlainText()  # main's new help rows
    finally:
        dialog.close()
        dialog.deleteLater()


def test_the_explain_panel_and_its_copy_speak_chinese(window, qapp):
    if current_language() != CHINESE:
        set_language(window, CHINESE)
    graph = window.controller.graph
    conv = next(n for n in graph.nodes if graph.layer_of(n).name == "conv2d")
    window.controller.select([conv])
    window.explain.refresh()
    text = window.explain.text()  # what "Copy as text" puts on the clipboard
    assert text.startswith("conv2d Conv2D"), text[:80]
    assert "它做什么" in text and "896，全部可训练" in text
    assert "⌊(100 − 3) / 1⌋ + 1 = 98" in text


def test_an_engine_shape_error_reads_in_chinese_with_its_numbers(window, qapp):
    from engine.model import edits, operations
    from engine.model.document import Document
    from engine.model.graph import TensorRef

    if current_language() != CHINESE:
        set_language(window, CHINESE)
    document = Document()
    graph = document.graph
    add_input, _, input_node = operations.add_input(graph, (8,))
    edits.apply(graph, add_input)
    add_conv, _, conv = operations.add_layer(
        graph, "Conv2D", [TensorRef(input_node)], filters=4, kernel_size=3
    )
    edits.apply(graph, add_conv)
    graph.outputs = [TensorRef(conv)]
    document.prepare()
    window.controller.set_document(document, None)
    window.problems.refresh()
    rows = [window.problems.list.item(i).text() for i in range(window.problems.list.count())]
    shape_error = [row for row in rows if "Conv2D" in row]
    assert shape_error, rows
    assert "要求它的输入至少 4 维" in shape_error[0] and "(None, 8)" in shape_error[0], rows
    assert "2 维" in shape_error[0]


def test_switching_back_to_english_speaks_english_everywhere(window, qapp):
    if current_language() != CHINESE:
        set_language(window, CHINESE)
    assert set_language(window, ENGLISH)
    texts = _window_texts(window)
    chinese = [text for shown in texts.values() for text in shown if CJK.search(text or "")]
    # the seed's notes panel offers its own language choice, in Chinese by design
    chinese = [text for text in chinese if text not in ("中文", "Both: 中文 + English", "简体中文")]
    assert not chinese, chinese
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.files.settings.value("language") == ENGLISH


def _layout(window: MainWindow, qapp) -> dict:
    """Where the panels are: which share a tab bar with the Summary and the Inspector, which
    are hidden, and how much of the window the canvas keeps."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    from PySide6.QtTest import QTest

    QTest.qWait(300)  # the panels' sizes are set again once the new layout has settled
    docks = window.docks
    names = {dock: key for key, dock in docks.items()}
    return {
        "with summary": sorted(names[d] for d in window.tabifiedDockWidgets(docks["summary"])),
        "with inspector": sorted(names[d] for d in window.tabifiedDockWidgets(docks["inspector"])),
        "hidden": sorted(key for key, dock in docks.items() if dock.isHidden()),
        "in front": sorted(key for key, d in docks.items() if not d.visibleRegion().isEmpty()),
        "canvas": (window.canvas.width(), window.canvas.height()),
        "window width": window.width(),
    }


def test_switching_language_keeps_the_panels_where_they_were(window, qapp):
    """A review found every bottom panel side by side and the canvas a strip after a switch:
    the old panels, deleted later, still answered to their names when the layout was restored."""
    set_language(window, ENGLISH)
    before = _layout(window, qapp)
    assert "problems" in before["with summary"] and before["canvas"][0] > 400
    for language in (CHINESE, ENGLISH):
        assert set_language(window, language)
        after = _layout(window, qapp)
        assert {**after, "canvas": None} == {**before, "canvas": None}
        for size, was in zip(after["canvas"], before["canvas"], strict=True):
            assert abs(size - was) <= 0.15 * was, (after["canvas"], before["canvas"])
    assert "inspector" in before["in front"] and "summary" in before["in front"]


@pytest.mark.parametrize(
    ("argv", "language", "rest"),
    [(["--lang", "zh_CN", "a.kcanvas"], CHINESE, ["a.kcanvas"]), (["--lang=en"], ENGLISH, []),
     (["--lang", "zh-cn"], CHINESE, []), (["b.json"], None, ["b.json"])],
)  # fmt: skip
def test_the_command_line_chooses_the_language_for_this_start(argv, language, rest):
    assert language_option(argv) == (language, rest)


def test_the_command_line_refuses_a_language_it_does_not_speak():
    refused = re.escape("--lang takes one of en, zh_CN. Received: 'fr'")
    with pytest.raises(ValueError, match=refused):
        language_option(["--lang", "fr"])
