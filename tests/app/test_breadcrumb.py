"""The breadcrumb above the canvas: shown inside nested models, each part a way back up."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.style import TEMPLATES
from tests.app.test_window import make_window


def _block(window) -> str:
    graph = window.controller.graph
    return next(n for n in graph.nodes if graph.layer_of(n).body is not None)


def test_breadcrumb_shows_the_nested_path_and_goes_back_up(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, TEMPLATES / "shared_vision.kcanvas")
    controller, view = window.controller, window.canvas
    bar = view.breadcrumb
    assert bar.isHidden() and view.viewportMargins().top() == 0  # top level: no bar
    top_name = controller.graph.name

    view.scene().enter_node(_block(window))  # what a double-click on the block does
    assert bar.isVisible() and bar.parts == [top_name, "vision"]
    assert view.viewportMargins().top() == bar.height()  # above the canvas, not over it
    assert bar.geometry().bottom() < view.viewport().geometry().top()

    # one level deeper: group two layers of the vision model into a model of its own
    inner = controller.graph
    convs = [n for n in inner.nodes if inner.layer_of(n).class_name == "Conv2D"][:2]
    controller.select(convs)
    window.actions_by_key["group"].trigger()
    window.edits.group_dialog.group_button.click()  # the dialog's Group, name "block"
    view.scene().enter_node(_block(window))
    assert bar.parts == [top_name, "vision", "block"]
    assert [b.text() for b in bar.buttons()] == [top_name, "vision"]

    qtbot.mouseClick(bar.buttons()[1], Qt.MouseButton.LeftButton)  # back up to vision
    assert controller.view_path and controller.graph is inner
    assert bar.parts == [top_name, "vision"]
    qtbot.mouseClick(bar.buttons()[0], Qt.MouseButton.LeftButton)  # back up to the top
    assert controller.view_path == []
    assert bar.isHidden() and view.viewportMargins().top() == 0
