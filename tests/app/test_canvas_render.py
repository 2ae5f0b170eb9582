"""Exporting the diagram to PNG and SVG, without a window."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from app.render import render_document
from engine.errors import FormatError
from engine.model.document import Document
from engine.model.keras_config import graph_from_config
from tests.keras_models import seed_config


@pytest.fixture(scope="module")
def document() -> Document:
    return Document(graph_from_config(seed_config("S14_shared_lstm")))


def test_png_shows_the_model_and_leaves_the_document_unchanged(qapp, document, tmp_path):
    before = dict(document.editor_state)
    path = render_document(document, tmp_path / "model.png", scale=1.0)
    image = QImage(str(path))
    assert not image.isNull()
    assert image.width() > 400 and image.height() > 300  # two columns, four rows of nodes
    dark = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if image.pixelColor(x, y).lightness() < 100
    )
    assert dark > 100  # text, ports and wires were drawn, not a blank picture
    assert document.editor_state == before


def test_svg_holds_the_layer_names_and_shapes(qapp, document, tmp_path):
    path = render_document(document, tmp_path / "model.svg")
    root = ET.parse(path).getroot()
    text = " ".join(t for t in root.itertext())
    for word in ("tweet_a", "lstm", "concatenate", "dense", "(None, 64)", "call 2 of 2"):
        assert word in text


def test_other_extensions_are_refused(qapp, document, tmp_path):
    with pytest.raises(FormatError, match=r"Received: a file named 'model\.jpg'"):
        render_document(document, tmp_path / "model.jpg")


def test_pictures_leave_out_the_plus_slot_of_merge_layers(qapp):
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    from app.canvas.scene import GraphScene
    from app.controller import DocumentController

    controller = DocumentController(Document(graph_from_config(seed_config("S14_shared_lstm"))))
    scene = GraphScene(controller)
    card = next(item for item in scene.nodes.values() if item.info.merge)
    plus = card.input_ports[-1]
    assert plus.is_plus

    def above_slot_centre(editing: bool) -> int:
        """Lightness just above the slot's centre: on the '+' sign's vertical stroke."""
        scene.editing = editing
        image = QImage(300, 200, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.translate(20, 40)
        card.paint(painter, QStyleOptionGraphicsItem())
        painter.end()
        return image.pixelColor(round(20 + plus.x), round(40 + plus.y - 2)).lightness()

    assert above_slot_centre(editing=True) < 150  # the editor shows where a wire can be added
    assert above_slot_centre(editing=False) > 240  # an exported picture does not


def test_a_deep_model_is_drawn_collapsed_readable_on_one_page(qapp, tmp_path):
    """DenseNet121 as the window opens it: its dense blocks and transitions as cards."""
    from app.render import MAX_PNG_SIDE
    from tests.keras_models import application_config

    document = Document(graph_from_config(application_config("DenseNet121")))
    image = QImage(str(render_document(document, tmp_path / "densenet.png")))
    assert not image.isNull()
    assert max(image.width(), image.height()) <= 4000  # one page at 2 px per unit
    assert 1 / 3 <= image.width() / image.height() <= 3
    svg = " ".join(ET.parse(render_document(document, tmp_path / "d.svg")).getroot().itertext())
    for word in ("conv3", "84 layers", "concat", "pool2", "predictions"):
        assert word in svg
    assert document.editor_state.get("collapsed") is None  # the document is left unchanged
    everything = render_document(document, tmp_path / "all.png", scale=1.0, collapse=0)
    image = QImage(str(everything))
    assert max(image.width(), image.height()) <= MAX_PNG_SIDE
    assert image.width() * image.height() > 20 * 2372 * 1468 / 4  # every layer its own card
    svg = " ".join(ET.parse(render_document(document, tmp_path / "l2.svg", collapse=2))
                   .getroot().itertext())  # fmt: skip
    assert "block12" in svg and "conv3_block12" not in svg  # blocks as cards, inside stages
