"""The two templates that train on real data keep the promise their notes make: opened from
the gallery and trained with the settings they open with, through the real worker, validation
accuracy passes 90 %; the CNN shows its sample on every card while it learns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from app.canvas.look_items import ThumbnailItem
from app.canvas.node_item import NodeItem
from engine.gallery import TEMPLATES
from engine.gallery.notes import notes_for
from engine.io.files import load_document
from resources import templates_dir
from tests.app.look_window import look_window

WAIT_MS = 300_000  # the first job imports Keras in the worker


@pytest.fixture(scope="module")
def window(qapp):
    with look_window(1200, 650) as parts:  # as in a 1920 x 1080 window: three folded columns
        yield parts


@pytest.mark.parametrize("name", ["mlp_digits", "cnn_digits"])
def test_a_digits_template_trains_as_its_notes_say(qtbot, window, name):
    controller, view, panel, look = window
    document = load_document(str(templates_dir() / f"{name}.kcanvas"))
    controller.set_document(document, None)
    laid_out = _positions(view)
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
        _thumbnails_on_every_card_and_none_hidden(qtbot, view, look, laid_out)


def _positions(view) -> dict[str, tuple[float, float]]:
    return {n: (card.pos().x(), card.pos().y()) for n, card in view.scene().nodes.items()}


def _shown(scene, look) -> set[str]:
    return {
        item.parentItem().node_id
        for item in look.layer.items.values()
        if item.scene() is scene and (item.thumbnail.image is not None or item.thumbnail.bars)
    }


def _thumbnails_on_every_card_and_none_hidden(qtbot, view, look, laid_out) -> None:
    """The layout makes room for the thumbnails (folded in three columns, the middle one had
    cards on both sides), and closes up again when the thumbnails go."""
    scene = view.scene()
    assert len({x for x, _ in laid_out.values()}) == 3
    qtbot.waitUntil(lambda: _shown(scene, look) == set(scene.nodes), timeout=20_000)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for thumbnail in look.layer.items.values():
        covering = [i for i in scene.items(thumbnail.sceneBoundingRect())
                    if isinstance(i, NodeItem) and i is not thumbnail.parentItem()]  # fmt: skip
        assert not covering, thumbnail.key
        assert thumbnail.pos().x() > 0, thumbnail.key  # on the card's right
        assert visible.contains(thumbnail.sceneBoundingRect()), thumbnail.key
    assert _positions(view) != laid_out
    # the colour legend floats over the view's lower left: the fit leaves it nothing to cover
    legend = look.legend
    corner = view.viewport().mapFrom(view, legend.geometry().topLeft())
    under = view.mapToScene(QRect(corner, legend.size())).boundingRect()
    assert legend.isVisible() and not [
        i for i in scene.items(under) if isinstance(i, (NodeItem, ThumbnailItem))
    ]
    look.panel.look.hide()
    assert not look.layer.items and scene.beside_room == 0
    assert _positions(view) == laid_out
