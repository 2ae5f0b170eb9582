"""The code of Lambda layers is found and described, never run (engine.io.lambda_code)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import keras

from engine.io.lambda_code import describe_function, find_unsafe, report


def lambda_model_config(marker: Path) -> dict:
    """A model whose Lambda would write `marker` if its code ever ran."""
    inputs = keras.Input((3,), name="x")
    touched = keras.layers.Lambda(
        lambda t, where=str(marker): (__import__("pathlib").Path(where).write_text("ran"), t)[1],
        name="doubler",
    )(inputs)
    config = json.loads(keras.Model(inputs, touched, name="with_code").to_json())
    marker.unlink()  # Keras ran it once, building the model here: from now on nothing may
    return config


def test_a_lambda_is_named_with_its_source_file_its_names_and_disassembly(tmp_path):
    marker = tmp_path / "ran.txt"
    config = lambda_model_config(marker)
    (layer,) = find_unsafe(config)
    assert (layer.name, layer.class_name) == ("doubler", "Lambda")
    code = layer.code[0]
    assert code.field == "function"
    assert code.summary.startswith("a lambda(t, where) written in ")
    assert Path(__file__).name in code.summary  # where the code was written
    assert "__import__" in code.summary and "write_text" in code.summary  # what it uses
    assert any("LOAD_FAST" in line and "(t)" in line for line in code.details)  # disassembled
    text, details = report([layer])
    assert "Lambda 'doubler' (function): a lambda(t, where)" in text and "LOAD_FAST" in details
    assert not marker.exists()  # described, never run


def test_damaged_bytecode_is_said_to_be_unreadable_without_crashing_us():
    damaged = {"class_name": "__lambda__", "config": {"code": base64.b64encode(b"\xe3garbage")}}
    damaged["config"]["code"] = damaged["config"]["code"].decode()
    description = describe_function("function", damaged)
    assert "cannot read" in description.summary and description.details == []


def test_named_functions_and_tensorflow_ops_are_named():
    named = {"module": "my_project.ops", "class_name": "function", "config": "scale"}
    assert describe_function("function", named).summary == (
        "the Python function my_project.ops.scale, imported when loaded"
    )
    op = describe_function("function", "math.add", "TFOpLambda")
    assert op.summary == "the TensorFlow operation tf.math.add"
    legacy = {"class_name": "Lambda", "config": {"name": "old", "function": ["", None, None]}}
    (layer,) = find_unsafe({"config": {"layers": [legacy]}})
    assert layer.code[0].summary == "a lambda whose bytecode is missing"
