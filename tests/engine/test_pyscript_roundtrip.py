"""The script this project generates re-opens, read without running it, as the identical model.

For every keras.applications model (their configs are cached by tests/keras_models.py) and every
gallery template: `engine.io.codegen` writes the script, `engine.io.pyscript` reads it, and the
config read back equals the original, as Keras's `to_json()` writes it, key for key. Generated
scripts are cached beside the configs, keyed by the config and the generator's own source, so a
change to either writes them again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from engine.io.codegen import generate_python
from engine.io.files import load_document
from engine.io.pyscript import read_script
from engine.io.scripts import document_of
from tests.engine.test_codegen import EXTRA_MODELS, assert_same_json, extra_config
from tests.keras_models import APPLICATIONS, CACHE_DIR, application_config

ROOT = Path(__file__).resolve().parents[2]
CODEGEN = ROOT / "engine" / "io" / "codegen"
TEMPLATES = sorted((ROOT / "resources" / "templates").glob("*.kcanvas"))
SCRIPT_CACHE = CACHE_DIR.parent / "generated_scripts"


def generated(name: str, config: dict) -> str:
    """`generate_python(config)`, cached by the config and the generator's source."""
    digest = hashlib.sha256(json.dumps(config, sort_keys=True).encode())
    for source in sorted(CODEGEN.glob("*.py")):
        digest.update(source.read_bytes())
    path = SCRIPT_CACHE / f"{name}-{digest.hexdigest()[:16]}.py"
    if path.exists():
        return path.read_text(encoding="utf-8")
    text = generate_python(config)
    SCRIPT_CACHE.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return text


def reopened(name: str, config: dict) -> dict:
    reading = read_script(generated(name, config), f"{name}.py")
    assert [m.name for m in reading.models] == ["model"]
    return reading.model().config


@pytest.mark.parametrize("name", APPLICATIONS)
def test_application_script_reopens_as_the_identical_model(name):
    config = application_config(name)
    assert_same_json(reopened(name, config), config)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_template_script_reopens_as_the_identical_model(path):
    config = load_document(path).to_config()
    back = reopened(path.stem, config)
    assert_same_json(back, config)
    assert document_of(back).to_config() == config  # the editor's own export agrees


@pytest.mark.parametrize("name", sorted(EXTRA_MODELS))
def test_unusual_graph_script_reopens_as_the_identical_model(name):
    """Nested models as outputs, masks, dict outputs, odd names, bare ops, Sequential tops."""
    config = extra_config(name)
    assert_same_json(reopened(name, config), config)
