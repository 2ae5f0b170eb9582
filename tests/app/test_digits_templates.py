"""The two templates that train on real data keep the promise their notes make: opened from
the gallery and trained with the settings they open with, through the real worker, validation
accuracy passes 90 %; the CNN shows its sample on every card while it learns."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QTest

from app.canvas.view import GraphView
from app.controller import DocumentController
from app.look.look_inside import LookInside
from app.training.panel import TrainingPanel
from engine.gallery import TEMPLATES
from engine.gallery.notes import notes_for
from engine.io.files import load_document
from resources import templates_dir

WAIT_MS = 300_000  # the first job imports Keras in the worker


@pytest.fixture(scope="module")
def window(qapp):
    controller = DocumentController()
    view = GraphView(controller)
    view.resize(1200, 800)
    view.show()
    panel = TrainingPanel(controller)
    panel.resize(1400, 450)
    panel.show()
    look = LookInside(controller, view, panel)
    QTest.qWaitForWindowExposed(view)
    yield controller, view, panel, look
    panel.shutdown()
    for widget in (panel, view):
        widget.close()


@pytest.mark.parametrize("name", ["mlp_digits", "cnn_digits"])
def test_a_digits_template_trains_as_its_notes_say(qtbot, window, name):
    controller, view, panel, look = window
    document = load_document(str(templates_dir() / f"{name}.kcanvas"))
    controller.set_document(document, None)
    settings = TEMPLATES[name].training
    assert panel.form.value("source") == "digits"
    assert panel.form.value("epochs") == settings["epochs"]
    epochs = f"{settings['epochs']} epochs"
    assert epochs in " ".join(b.get("en", "") for b in notes_for(name)["blocks"])
    chooser = panel.look.chooser
    panel.tabs.setCurrentWidget(chooser)  # a sample of the data: the cards show it as it learns
    qtbot.waitUntil(lambda: chooser.rows is not None, timeout=WAIT_MS)
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as finished:
        assert panel.train(), panel.last_error
    history = finished.args[0]["history"]
    assert len(history["val_accuracy"]) == settings["epochs"]
    assert history["val_accuracy"][-1] > 0.9, history["val_accuracy"]
    if name == "cnn_digits":
        cards = set(view.scene().nodes)
        qtbot.waitUntil(
            lambda: (
                {
                    item.parentItem().node_id
                    for item in look.layer.items.values()
                    if item.scene() is view.scene()
                    and (item.thumbnail.image is not None or item.thumbnail.bars)
                }
                == cards
            ),
            timeout=20_000,
        )
