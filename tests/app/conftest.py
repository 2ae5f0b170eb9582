"""Qt tests run offscreen with real widgets (pytest-qt's `qtbot` / `qapp`)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import pytest

from app.controller import DocumentController


@pytest.fixture
def controller(qapp) -> DocumentController:
    """A controller on a new, empty document."""
    return DocumentController()


@pytest.fixture
def view(qtbot, controller):
    """The canvas widget on `controller`, shown (offscreen) at a realistic size."""
    from app.canvas import GraphView

    widget = GraphView(controller)
    widget.resize(1200, 800)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
