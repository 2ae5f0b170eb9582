"""The gallery: every template exports exactly the JSON of the same model in plain Keras."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest

from engine.gallery import TEMPLATES, model_config
from engine.gallery.notes import notes_for
from engine.io.files import load_document

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "resources" / "templates"
SEED_NAMES = [
    "mlp",
    "cnn",
    "stateful_lstm",
    "functional_mlp",
    "news_two_io",
    "shared_lstm",
    "shared_conv",
    "inception",
    "shared_vision",
    "vqa",
]


def test_gallery_holds_the_seed_examples_variants_and_classics():
    names = {path.stem for path in TEMPLATE_DIR.glob("*.kcanvas")}
    assert names == set(TEMPLATES)
    assert {n for n, t in TEMPLATES.items() if t.family == "seed"} == set(SEED_NAMES)
    # yesterday's models under the seed's names live on under their own
    assert {"mlp_dropout", "cnn_deeper", "stateful_rnns", "vqa_two_blocks"} <= names
    assert {"lenet5", "residual_block", "autoencoder", "transformer_encoder"} <= names


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_exports_the_plain_keras_json(name):
    document = load_document(TEMPLATE_DIR / f"{name}.kcanvas")
    assert document.to_config() == model_config(name)
    assert document.editor_state.get("notes") == notes_for(name)
    assert document.project_extra["training"] == TEMPLATES[name].training


@pytest.mark.parametrize("name", ["cnn", "vqa", "inception"])
def test_template_has_a_layout_without_overlaps(name):
    document = load_document(TEMPLATE_DIR / f"{name}.kcanvas")
    positions = document.editor_state["positions"]
    assert set(positions) == set(document.graph.nodes)
    corners = list(positions.values())
    for (x1, y1), (x2, y2) in itertools.combinations(corners, 2):
        assert abs(x1 - x2) >= 200 or abs(y1 - y2) >= 60, f"{name}: nodes overlap"


def test_the_generator_imports_no_test_code():
    """Shipped templates are made from shipped code (issue 13): no `tests` import."""
    tree = ast.parse((TEMPLATE_DIR / "make_templates.py").read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
    assert "engine.gallery" in imported
    assert not [name for name in imported if name.split(".")[0] == "tests"]
