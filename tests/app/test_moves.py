"""Moving cards is an edit of the editor state (issue 14, item 5): one undo step per drag or per
burst of keyboard moves, a "*" in the title, and a prompt before the work is discarded."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from app.style import TEMPLATES
from engine.io.files import load_document
from engine.io.project import node_key
from tests.app.dialogs import answer_next_box
from tests.app.test_window import make_window

Answer = QMessageBox.StandardButton
_LEFT = Qt.MouseButton.LeftButton
_NONE = Qt.KeyboardModifier.NoModifier


def _drag_card(window, node_id: str, by: QPoint) -> None:
    """Press on a card's title, move the mouse in steps, release: a user's drag."""
    view = window.canvas
    item = view.scene().nodes[node_id]
    view.centerOn(item)
    start = view.mapFromScene(item.pos() + QPointF(40, item.card_rect().top() + 14))
    QTest.mousePress(view.viewport(), _LEFT, _NONE, start)
    for step in range(1, 6):
        QTest.mouseMove(view.viewport(), start + by * step / 5)
    QTest.mouseRelease(view.viewport(), _LEFT, _NONE, start + by)


def test_a_drag_is_one_undo_step_marks_the_title_and_is_saved(qtbot, tmp_path):
    project = tmp_path / "mlp.kcanvas"
    shutil.copyfile(TEMPLATES / "mlp.kcanvas", project)
    window = make_window(qtbot, tmp_path, project)
    controller, scene = window.controller, window.canvas.scene()
    graph = controller.graph
    dense = graph.calls[graph.layer_by_name("dense").id][0]
    before = scene.nodes[dense].pos()
    assert not window.isWindowModified()

    _drag_card(window, dense, QPoint(150, 60))
    moved = scene.nodes[dense].pos()
    assert moved != before
    assert controller.undo_stack.count() == 1  # five mouse moves, one step
    assert controller.undo_stack.undoText() == "Move"
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    assert controller.document.editor_state["positions"][dense] == [moved.x(), moved.y()]

    window.actions_by_key["undo"].trigger()
    assert scene.nodes[dense].pos() == before and not window.isWindowModified()
    assert controller.document.editor_state["positions"][dense] == [before.x(), before.y()]
    window.actions_by_key["redo"].trigger()
    assert scene.nodes[dense].pos() == moved and window.isWindowModified()

    window.actions_by_key["save"].trigger()
    assert not window.isWindowModified()
    reopened = load_document(project)
    saved = reopened.editor_state["positions"]
    by_key = {node_key(reopened.graph, n): xy for n, xy in saved.items()}
    assert by_key["dense#0"] == [moved.x(), moved.y()]


def test_moved_cards_are_not_discarded_without_a_prompt(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)  # the dropout MLP template, untitled
    controller = window.controller
    first = next(iter(controller.graph.nodes))
    _drag_card(window, first, QPoint(80, 40))
    assert window.isWindowModified()

    asked: list[str] = []
    answer_next_box(Answer.Cancel, asked)
    window.open_template(TEMPLATES / "cnn.kcanvas")  # File > New from template
    assert len(asked) == 1 and "Save the changes" in asked[0]
    assert controller.graph.name == "mlp_dropout" and window.isWindowModified()

    answer_next_box(Answer.Cancel, asked)
    window.actions_by_key["new"].trigger()
    assert len(asked) == 2 and controller.graph.name == "mlp_dropout"

    answer_next_box(Answer.Cancel, asked)
    window.close()  # File > Quit
    assert len(asked) == 3 and window.isVisible()

    answer_next_box(Answer.Discard, asked)
    window.open_template(TEMPLATES / "cnn.kcanvas")
    assert len(asked) == 4 and controller.graph.name == "cnn"
    assert not window.isWindowModified()


def test_a_burst_of_keyboard_moves_is_one_undo_step(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    view, controller = window.canvas, window.controller
    scene = view.scene()
    node = next(iter(controller.graph.nodes))
    before = scene.nodes[node].pos()
    controller.select([node])
    view.setFocus()
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    after = scene.nodes[node].pos()
    assert after.x() > before.x() and after.y() > before.y()
    assert controller.undo_stack.count() == 1 and window.isWindowModified()
    window.actions_by_key["undo"].trigger()
    assert scene.nodes[node].pos() == before and not window.isWindowModified()
