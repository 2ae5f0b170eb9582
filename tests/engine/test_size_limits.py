"""Files beyond the documented limits are refused at once, in bounded time and memory.

Limits (README, "Limits"): model files up to 32 MB (YAML 8 MB), 50,000 layers per model, 200
levels of nesting. Memory is measured with tracemalloc (deterministic, unlike a clock).
"""

from __future__ import annotations

import json
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.errors import FormatError, TooLargeError
from engine.io.files import load_document, read_model_config, save_document
from engine.model.config_checks import MAX_LAYERS
from engine.model.summary import summarize

GB = 1024**3


def _peak_memory(call: Callable[[], Any]) -> tuple[BaseException | None, int]:
    """What `call` raised, and the most memory Python allocated while it ran."""
    tracemalloc.start()
    try:
        call()
        raised = None
    except Exception as error:
        raised = error
    finally:
        _size, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return raised, peak


@pytest.mark.parametrize("suffix", [".json", ".yaml", ".kcanvas", ".keras", ".h5"])
def test_a_1_gb_file_is_refused_without_reading_it(tmp_path: Path, suffix: str):
    path = tmp_path / f"huge{suffix}"
    with open(path, "wb") as sparse:  # 1 GB on paper, no disk used
        sparse.truncate(GB)
    raised, peak = _peak_memory(lambda: load_document(path))
    assert isinstance(raised, FormatError), raised
    assert "huge" in str(raised)
    if suffix in (".json", ".yaml", ".kcanvas"):
        assert isinstance(raised, TooLargeError)
        assert "Received: 1,073,741,824 bytes" in str(raised)
    assert peak < 10 * 1024**2  # .keras: the zip directory sought at the end; .h5: a child


def _minimal_layers(count: int) -> str:
    layer = '{"class_name": "ReLU", "config": {"name": "r%d"}}'
    body = ", ".join(layer % i for i in range(count))
    return '{"class_name": "Sequential", "config": {"name": "s", "layers": [' + body + "]}}"


def test_a_million_layers_is_refused_before_parsing(tmp_path: Path):
    path = tmp_path / "million.json"
    path.write_text(_minimal_layers(1_000_000))
    raised, peak = _peak_memory(lambda: load_document(path))
    assert isinstance(raised, TooLargeError), raised
    assert "up to 32 MB" in str(raised)
    assert peak < 10 * 1024**2


def test_more_layers_than_the_limit_are_refused_before_any_is_built(tmp_path: Path):
    path = tmp_path / "many.json"
    path.write_text(_minimal_layers(MAX_LAYERS + 1))
    with pytest.raises(TooLargeError, match=r"50,001 layers; Keras Canvas reads models of up to"):
        load_document(path)
    legacy = json.loads(path.read_text())  # Keras 2's form: no module keys
    legacy["config"]["layers"][0]["config"]["batch_input_shape"] = [None, 3]
    path.write_text(json.dumps(legacy))
    with pytest.raises(TooLargeError, match=r"50,001 layers"):
        read_model_config(path)


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_nesting_deeper_than_pythons_recursion_limit_is_refused(tmp_path: Path, suffix: str):
    path = tmp_path / f"deep{suffix}"
    depth = 50_000  # Python's recursion limit is 1,000
    path.write_text("[" * depth + "]" * depth)
    with pytest.raises(TooLargeError, match=r"nested too deeply"):
        load_document(path)


def _nested_models(levels: int) -> dict:
    """A model holding a model holding a model... `levels` deep, each passing its input on."""
    model: dict = _one_layer_model("m0", None)
    for level in range(1, levels):
        model = _one_layer_model(f"m{level}", model)
    return model


def _one_layer_model(name: str, inner: dict | None) -> dict:
    def tensor(layer: str) -> dict:
        return {
            "class_name": "__keras_tensor__",
            "config": {"shape": [None, 3], "dtype": "float32", "keras_history": [layer, 0, 0]},
        }

    x = {
        "module": "keras.layers",
        "class_name": "InputLayer",
        "config": {"batch_shape": [None, 3], "dtype": "float32", "name": f"{name}_x"},
        "registered_name": None,
        "name": f"{name}_x",
        "inbound_nodes": [],
    }
    if inner is None:
        body = {
            "module": "keras.layers",
            "class_name": "ReLU",
            "config": {"name": f"{name}_relu"},
            "registered_name": None,
        }
        body_name = f"{name}_relu"
    else:
        body, body_name = dict(inner), inner["config"]["name"]
    body["name"] = body_name
    body["inbound_nodes"] = [{"args": [tensor(f"{name}_x")], "kwargs": {}}]
    return {
        "module": "keras.src.models.functional",
        "class_name": "Functional",
        "config": {
            "name": name,
            "trainable": True,
            "layers": [x, body],
            "input_layers": [[f"{name}_x", 0, 0]],
            "output_layers": [[body_name, 1 if inner else 0, 0]],
        },
        "registered_name": "Functional",
    }


def test_models_nested_just_within_the_limit_open_export_and_summarize(tmp_path: Path):
    path = tmp_path / "nested.json"
    path.write_text(json.dumps(_nested_models(64)))  # 64 models: 199 levels of JSON
    document = load_document(path)
    assert document.problems() == []
    assert "m63" in summarize(document).as_text()
    save_document(document, tmp_path / "again.json")
    assert json.loads((tmp_path / "again.json").read_text())["config"]["name"] == "m63"


def test_models_nested_beyond_the_limit_are_refused(tmp_path: Path):
    path = tmp_path / "nested.json"
    path.write_text(json.dumps(_nested_models(70)))
    with pytest.raises(TooLargeError, match=r"up to 200 levels"):
        load_document(path)
    assert os.path.getsize(path) < 1024**2
