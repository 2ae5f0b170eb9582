"""The Python export: generated scripts rebuild models whose JSON equals Keras's own export."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

import keras
import pytest
from keras import layers

from engine.codegen import generate_python
from engine.errors import FormatError, UnsafeContentError
from tests.keras_models import SEED_MODELS, application_config, seed_config

ROOT = Path(__file__).resolve().parents[2]
# Cover shared layers, nested models, bare ops and every layer family they use; all 40 would
# take minutes of Keras graph building for little more coverage.
APPLICATION_SAMPLE = (
    "ResNet50",
    "MobileNetV3Small",
    "ConvNeXtTiny",
    "DenseNet121",
    "NASNetMobile",
    "EfficientNetB0",
    "InceptionV3",
)


def run_script(source: str, stateless: bool = False) -> dict:
    """Executes a generated script in a fresh namespace and session; returns its model's JSON."""
    keras.backend.clear_session()
    namespace: dict = {"__name__": "generated_model"}
    code = compile(source, "generated_model.py", "exec")
    if stateless:  # shapes without allocating weights: the config does not depend on them
        with keras.StatelessScope():
            exec(code, namespace)
    else:
        exec(code, namespace)
    return json.loads(namespace["model"].to_json())


def assert_same_json(rebuilt: dict, expected: dict) -> None:
    if rebuilt != expected:
        diff = difflib.unified_diff(
            json.dumps(expected, indent=1).splitlines(),
            json.dumps(rebuilt, indent=1).splitlines(),
            "expected",
            "rebuilt",
            lineterm="",
        )
        pytest.fail("the script builds a different model:\n" + "\n".join(list(diff)[:60]))


def assert_readable(source: str) -> None:
    compile(source, "generated_model.py", "exec")
    long_lines = [line for line in source.splitlines() if len(line) > 100]
    assert long_lines == []


# ------------------------------------------------------------------ models beyond the seed's


def nested_as_output():
    """A nested Functional model whose output is a model output (Keras shifts its node index)."""
    i = keras.Input((4,), name="inner_in")
    inner = keras.Model(i, layers.Dense(3, name="inner_dense")(i), name="inner")
    a = keras.Input((4,), name="a")
    y = inner(a)
    return keras.Model(a, [y, layers.Dense(2, name="head")(y)], name="nested_out")


def nested_twice():
    """Nesting inside nesting, a multi-output nested model, and a Sequential in a Sequential."""
    i = keras.Input((6,), name="leaf_in")
    leaf = keras.Model(i, [layers.Dense(2, name="leaf_a")(i), layers.Dense(3, name="leaf_b")(i)])
    j = keras.Input((6,), name="mid_in")
    p, q = leaf(j)
    block = keras.Sequential(
        [keras.Input((5,)), keras.Sequential([layers.Dense(4)], name="tail")], name="block"
    )
    mid = keras.Model(j, block(layers.concatenate([p, q])), name="mid")
    x = keras.Input((6,), name="x")
    return keras.Model(x, [mid(x), mid(layers.Dense(6, name="pre")(x))], name="nested_twice")


def masked_text():
    """Embedding(mask_zero=True): Keras adds a `not_equal` op and passes the mask on by itself."""
    tokens = keras.Input((12,), dtype="int32", name="tokens")
    x = layers.Embedding(50, 8, mask_zero=True)(tokens)
    x = layers.Bidirectional(layers.LSTM(4, return_sequences=True))(x)
    x = layers.TimeDistributed(layers.Dense(3))(x)
    return keras.Model(tokens, layers.GlobalAveragePooling1D()(x), name="masked_text")


def unusual_arguments():
    """Non-default initializers and regularizers, call kwargs, odd names, dict outputs."""
    x = keras.Input((8,), name="x")
    y = layers.Dense(
        5,
        kernel_initializer=keras.initializers.HeNormal(seed=3),
        kernel_regularizer=keras.regularizers.L2(0.02),
        bias_constraint=keras.constraints.MaxNorm(2.0),
        use_bias=True,
        name="class",
    )(x)
    y = layers.Dropout(0.2, name="mc-dropout")(y, training=True)
    z = layers.Dense(2, dtype="float16", trainable=False, name="2nd dense")(y)
    seq = keras.Input((3, 8), name="seq")
    att, scores = layers.MultiHeadAttention(2, 4, name="mha")(
        seq, seq, return_attention_scores=True
    )
    mean = keras.ops.mean(att, axis=1)  # a bare op with arguments of its own
    return keras.Model(
        {"x": x, "seq": seq}, {"z": z, "scores": scores, "mean": mean}, name="unusual"
    )


def sequential_top():
    return keras.Sequential(
        [
            keras.Input((10, 3), batch_size=4),
            layers.Conv1D(8, 3, padding="causal", kernel_initializer="he_uniform"),
            layers.Reshape((80,)),
            layers.Dense(2, activation="softmax"),
        ],
        name="seq_top",
    )


EXTRA_MODELS = {
    "nested_as_output": nested_as_output,
    "nested_twice": nested_twice,
    "masked_text": masked_text,
    "unusual_arguments": unusual_arguments,
    "sequential_top": sequential_top,
}


def extra_config(name: str) -> dict:
    keras.backend.clear_session()
    return json.loads(EXTRA_MODELS[name]().to_json())


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("name", sorted(SEED_MODELS))
def test_seed_script_rebuilds_the_same_json(name):
    config = seed_config(name)
    source = generate_python(config)
    assert_readable(source)
    assert_same_json(run_script(source), config)


@pytest.mark.parametrize("name", sorted(EXTRA_MODELS))
def test_unusual_graphs_rebuild_the_same_json(name):
    config = extra_config(name)
    source = generate_python(config)
    assert_readable(source)
    assert_same_json(run_script(source), config)


@pytest.mark.parametrize("name", APPLICATION_SAMPLE)
def test_application_script_rebuilds_the_same_json(name):
    config = application_config(name)
    source = generate_python(config)
    assert_readable(source)
    # Every layer is written as a constructor; none falls back to a config dict.
    assert "deserialize" not in source
    assert_same_json(run_script(source, stateless=True), config)
