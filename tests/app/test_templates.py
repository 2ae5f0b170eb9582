"""The gallery: every template exports exactly the JSON of the same model in plain Keras."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

import pytest

from engine.io.files import load_document

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"


def _generator():
    spec = importlib.util.spec_from_file_location("make_templates", TEMPLATES / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()
SEED_NAMES = [
    "mlp",
    "cnn",
    "stateful_lstm",
    "news_two_io",
    "shared_lstm",
    "shared_conv",
    "inception",
    "shared_vision",
    "vqa",
]


def test_gallery_holds_the_seed_examples_and_classics():
    names = {path.stem for path in TEMPLATES.glob("*.kcanvas")}
    assert set(SEED_NAMES) <= names
    assert {"lenet5", "residual_block", "autoencoder", "transformer_encoder"} <= names
    assert names == set(GENERATOR.TEMPLATES)


@pytest.mark.parametrize("name", sorted(GENERATOR.TEMPLATES))
def test_template_exports_the_plain_keras_json(name):
    document = load_document(TEMPLATES / f"{name}.kcanvas")
    assert document.to_config() == GENERATOR.keras_config(name)


@pytest.mark.parametrize("name", ["cnn", "vqa", "inception"])
def test_template_has_a_layout_without_overlaps(name):
    document = load_document(TEMPLATES / f"{name}.kcanvas")
    positions = document.editor_state["positions"]
    assert set(positions) == set(document.graph.nodes)
    corners = list(positions.values())
    for (x1, y1), (x2, y2) in itertools.combinations(corners, 2):
        assert abs(x1 - x2) >= 200 or abs(y1 - y2) >= 60, f"{name}: nodes overlap"
