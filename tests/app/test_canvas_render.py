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


def test_a_very_deep_model_gives_a_png_viewers_can_open(qapp, tmp_path):
    from app.render import MAX_PNG_SIDE
    from tests.keras_models import application_config

    document = Document(graph_from_config(application_config("DenseNet121")))
    image = QImage(str(render_document(document, tmp_path / "densenet.png")))
    assert not image.isNull()
    assert max(image.width(), image.height()) <= MAX_PNG_SIDE
    assert image.height() > 10 * image.width()  # still the whole column, scaled down
