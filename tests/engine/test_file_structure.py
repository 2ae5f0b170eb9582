"""Damaged model files are refused with an engine error that says where the damage is.

Each case below raised an untyped exception (a traceback in the CLI) before the structure was
checked where it is read: a mutation fuzzer over the templates found them (AttributeError,
TypeError, ValueError, OverflowError in keras_config, graph.input_refs and the shape engine).
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.errors import FormatError, StructureError, TooLargeError
from engine.io.files import load_document, read_model_config
from tests.file_mutations import ROOT

TEMPLATE = json.loads((ROOT / "resources" / "templates" / "shared_vision.kcanvas").read_text())
MODEL = TEMPLATE["model"]
DENSE_CALL = 'config.layers[4] ("dense").inbound_nodes[0]'
DENSE_TENSOR = f"{DENSE_CALL}.args[0].config"


def _layer(config: dict, index: int) -> dict:
    return config["config"]["layers"][index]


def _dense_tensor(config: dict) -> dict:
    return _layer(config, 4)["inbound_nodes"][0]["args"][0]["config"]


def _set(change: Callable[[dict], Any]) -> dict:
    config = copy.deepcopy(MODEL)
    change(config)
    return config


# (what was damaged, the damaged config, where the message says it is, what it says was received)
CASES = [
    (  # keras_config: unhashable 'dict' as a layer's name
        "layer name",
        _set(lambda c: _layer(c, 4).update(name={})),
        'config.layers[4] ("dense").name: expected the layer\'s name',
        "{}",
    ),
    (  # keras_config: unhashable 'list' in keras_history
        "history layer",
        _set(lambda c: _dense_tensor(c)["keras_history"].__setitem__(0, [1, 2])),
        f"{DENSE_TENSOR}.keras_history[0]: expected a layer name",
        "[1, 2]",
    ),
    (  # keras_config: int() of a dict
        "history tensor index",
        _set(lambda c: _dense_tensor(c)["keras_history"].__setitem__(2, {})),
        f"{DENSE_TENSOR}.keras_history[2]: expected a tensor index",
        "{}",
    ),
    (  # keras_config: OverflowError, int(inf)
        "infinite node index",
        _set(lambda c: _dense_tensor(c)["keras_history"].__setitem__(1, math.inf)),
        f"{DENSE_TENSOR}.keras_history[1]: expected a node index of layer 'concatenate'",
        "Infinity",
    ),
    (  # keras_config: 'list' object has no attribute 'get'
        "tensor config",
        _set(lambda c: _layer(c, 4)["inbound_nodes"][0]["args"][0].update(config=[])),
        f"{DENSE_TENSOR}: expected the tensor's description",
        "[]",
    ),
    (  # graph.input_refs: sorted() of a non-dict kwargs
        "call kwargs",
        _set(lambda c: _layer(c, 4)["inbound_nodes"][0].update(kwargs=3)),
        f"{DENSE_CALL}.kwargs: expected an object of arguments",
        "3",
    ),
    (  # the issue's own example
        "a call",
        _set(lambda c: _layer(c, 4)["inbound_nodes"].__setitem__(0, None)),
        f'{DENSE_CALL}: expected a call: {{"args": [...], "kwargs": {{...}}}}',
        "null",
    ),
    (  # shapes: int('a/b') of an Input size
        "input size text",
        _set(lambda c: _layer(c, 0)["config"]["batch_shape"].__setitem__(1, "a/b")),
        'config.layers[0] ("digit_a").config.batch_shape[1]: expected a size',
        '"a/b"',
    ),
    (  # shapes: NaN as an Input size
        "input size NaN",
        _set(lambda c: _layer(c, 1)["config"]["batch_shape"].__setitem__(2, math.nan)),
        'config.layers[1] ("digit_b").config.batch_shape[2]: expected a size',
        "NaN",
    ),
    (  # shapes: tuple() of a float
        "input shape number",
        _set(lambda c: _layer(c, 1)["config"].update(batch_shape=2.5)),
        'config.layers[1] ("digit_b").config.batch_shape: expected a shape',
        "2.5",
    ),
    (  # a nested model's inner layer: the path goes through it
        "nested layer",
        _set(lambda c: _layer(c, 2)["config"]["layers"][1]["inbound_nodes"].__setitem__(0, [])),
        'config.layers[2] ("vision").config.layers[1] ("conv2d").inbound_nodes[0]: expected a call',
        "[]",
    ),
    (  # found by the long fuzz: export then met a call it had not numbered (KeyError)
        "input that is no Input",
        _set(lambda c: c["config"].update(input_layers=[["concatenate", 0, 0]])),
        "config.input_layers[0][0]: expected the name of an Input layer",
        '"concatenate"',
    ),
    (
        "output reference",
        _set(lambda c: c["config"].update(output_layers=["dense", 5, 0])),
        "config.output_layers[1]: expected a node index of layer 'dense', which has 1 call",
        "5",
    ),
]


@pytest.mark.parametrize(("what", "config", "where", "received"), CASES, ids=[c[0] for c in CASES])
def test_a_damaged_model_file_names_the_place(tmp_path: Path, what, config, where, received):
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(config))
    with pytest.raises(StructureError) as caught:
        load_document(path)
    message = str(caught.value)
    assert message.startswith(f"'damaged.json' is not a valid model file at {where}"), message
    assert f"Received: {received}" in message
    assert caught.value.location == where.split(":")[0]


def test_a_layer_reading_its_own_output_is_refused(tmp_path: Path):
    # found by the long fuzz: the file opened, then shapes and the summary raised CycleError
    path = tmp_path / "cycle.json"
    path.write_text(
        json.dumps(_set(lambda c: _dense_tensor(c).update(keras_history=["dense", 0, 0])))
    )
    message = r"^'cycle\.json': Model 'shared_vision' is not a valid Keras model: the graph has a "
    with pytest.raises(FormatError, match=message + r"cycle through layer 'dense'\."):
        load_document(path)


def test_a_project_names_the_place_from_its_top(tmp_path: Path):
    project = copy.deepcopy(TEMPLATE)
    project["model"] = CASES[0][1]
    path = tmp_path / "damaged.kcanvas"
    path.write_text(json.dumps(project))
    with pytest.raises(
        StructureError,
        match=r"^'damaged\.kcanvas' is not a valid project at model\.config\.layers\[4\]",
    ):
        load_document(path)


def test_a_damaged_run_record_is_named(tmp_path: Path):
    project = copy.deepcopy(TEMPLATE)
    project["runs"] = [{"id": "run-1", "name": "Run 1", "history": {"loss": [0.5, "x"]}}]
    path = tmp_path / "runs.kcanvas"
    path.write_text(json.dumps(project))
    message = r'runs\[0\] \("Run 1"\)\.history\.loss\[1\]: expected a number or null'
    message += r'\. Received: "x"'
    with pytest.raises(StructureError, match=message):
        load_document(path)


AT = r"^'m\.yaml' is not a valid model file at "


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 2001-12-14\n", AT + r"a: expected text, a number.*Received: \"<date>\""),
        ("1: one\n", AT + r"1: expected text keys only\. Received: 1\."),
        ("a: &x [1]\nb: *x\n", r"^'m\.yaml' is not valid YAML.*aliases are not allowed \(line 2"),
        ("a: !!binary aGVsbG8=\n", AT + r"a: expected text.*Received: \"<bytes>\""),
    ],
)
def test_yaml_gives_only_what_json_can_hold(tmp_path: Path, text: str, message: str):
    path = tmp_path / "m.yaml"
    path.write_text(text)
    with pytest.raises(FormatError, match=message):
        read_model_config(path)


def test_invalid_unicode_in_json_is_named(tmp_path: Path):
    config = copy.deepcopy(MODEL)
    text = json.dumps(config).replace('"name": "dense"', '"name": "dense\\udcf3"', 1)
    path = tmp_path / "m.json"
    path.write_text(text)
    with pytest.raises(StructureError, match=r"^'m\.json' is not .*\.name: expected valid Unicode"):
        load_document(path)


def test_json_syntax_errors_read_as_one_sentence(tmp_path: Path):
    path = tmp_path / "control.json"
    path.write_text('{"class_name": "Functional\x01"}')
    with pytest.raises(FormatError) as caught:
        load_document(path)
    message = str(caught.value)
    assert "Invalid control character at line 1, column 27." in message
    assert "at at" not in message


def test_nesting_beyond_the_limit_is_refused(tmp_path: Path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 300 + "]" * 300)
    with pytest.raises(TooLargeError, match=r"nested too deeply.*up to 200 levels"):
        load_document(path)
