"""Opening a large model computes its shapes off the GUI thread: the window stays live."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from app.busy import Cancelled, run_busy
from tests.app.test_window import make_window
from tests.keras_models import application_config


def test_opening_densenet_keeps_the_event_loop_running(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    before = window.controller.document
    path = tmp_path / "densenet121.json"
    config = application_config("DenseNet121")
    path.write_text(json.dumps(config))
    ticks: list[int] = []
    second_open: list[bool] = []

    def tick() -> None:
        ticks.append(1)
        if len(ticks) == 1:  # a second file while the first is opening is refused, politely
            second_open.append(window.files.open_path(path))

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    assert window.files.open_path(path)
    timer.stop()
    assert ticks, "no timer event ran while the model was opening"
    assert second_open == [False]
    assert "still opening" in window.files.last_error
    assert QApplication.activeModalWidget() is None  # a status line, not a dialog to dismiss
    document = window.controller.document
    assert document is not before
    assert len(document.graph.layers) == len(config["config"]["layers"])
    # the shapes were computed before the document was shown
    results = document.shapes.infer(document.graph)
    assert all(r.error is None for r in results.values())
    assert document.to_config() == config


def test_cancel_drops_the_result(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()

    def cancel_when_shown() -> None:
        dialog = parent.findChild(QProgressDialog)
        if dialog is not None and dialog.isVisible():
            dialog.findChild(QPushButton).click()  # the user's Cancel
        else:
            QTimer.singleShot(20, cancel_when_shown)

    QTimer.singleShot(0, cancel_when_shown)
    with pytest.raises(Cancelled):
        run_busy(parent, "Waiting…", lambda: release.wait(60))
    release.set()
    dialog = parent.findChild(QProgressDialog)  # deleted later; hidden now
    assert dialog is None or not dialog.isVisible()


def test_errors_of_the_step_reach_the_caller(qapp):
    def step() -> None:
        raise ValueError("bad file")

    with pytest.raises(ValueError, match="bad file"):
        run_busy(None, "Reading…", step)
    assert run_busy(None, "Adding…", lambda: 2 + 3) == 5
