"""A canvas, a training panel and the look-inside between them, as the window wires them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtTest import QTest

from app.canvas.view import GraphView
from app.controller import DocumentController
from app.look.look_inside import LookInside
from app.training.panel import TrainingPanel


@contextmanager
def look_window(
    width: int, height: int
) -> Iterator[tuple[DocumentController, GraphView, TrainingPanel, LookInside]]:
    """(controller, view, panel, look), the view `width` x `height`; the worker stops after."""
    controller = DocumentController()
    view = GraphView(controller)
    view.resize(width, height)
    view.show()
    panel = TrainingPanel(controller)
    panel.resize(1400, 450)
    panel.show()
    look = LookInside(controller, view, panel)
    QTest.qWaitForWindowExposed(view)
    try:
        yield controller, view, panel, look
    finally:
        panel.shutdown()
        for widget in (panel, view):
            widget.close()
