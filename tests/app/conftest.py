"""Qt tests run offscreen with real widgets (pytest-qt's `qtbot` / `qapp`)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import pytest

from app.controller import DocumentController


@pytest.fixture(autouse=True, scope="session")
def _english_interface(qapp):
    """The tests read the English interface as it ships (its catalogue gives "1 layer")."""
    from app.i18n import ENGLISH, install_language

    install_language(qapp, ENGLISH)


@pytest.fixture(autouse=True, scope="session")
def _clipboard_emptied_at_exit(qapp):
    """Qt's offscreen platform crashes at exit while its clipboard holds data set by the
    process (seen with PySide6 6.11; xcb does not): copy/paste tests leave some there."""
    yield
    qapp.clipboard().clear()


@pytest.fixture(autouse=True)
def _no_dialog_outlives_its_test(qapp):
    """A message box left open is window-modal: it would swallow the next tests' mouse events."""
    yield
    from PySide6.QtWidgets import QApplication, QDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()


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
