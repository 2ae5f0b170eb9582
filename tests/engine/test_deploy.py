"""Deployment exports: SavedModel, ONNX and LiteRT through Keras's `model.export`, verified.

Tiny models keep this cheap (each export still takes a TensorFlow trace and a conversion). Every
artifact is read back here too, with its own runtime, independently of the exporter's own check,
and compared with Keras given the same weights.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import keras
import numpy as np
import pytest
from keras import layers

from engine.deploy import ExportError, format_named
from engine.deploy.export import export_model

ROOT = Path(__file__).resolve().parents[2]


def two_in_two_out() -> keras.Model:
    """Two inputs (one a sequence through an LSTM), two outputs: every format's hard parts."""
    image = keras.Input((6,), name="features")
    sequence = keras.Input((5, 3), name="sequence")
    x = layers.Dense(4, activation="relu", name="dense_a")(image)
    y = layers.LSTM(4, name="lstm")(sequence)
    merged = layers.concatenate([x, y])
    return keras.Model(
        [image, sequence],
        [layers.Dense(3, activation="softmax", name="classes")(merged),
         layers.Dense(1, name="score")(y)],
        name="tiny",
    )  # fmt: skip


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """The tiny model's config and a weights file unlike fresh weights (as a run leaves)."""
    folder = tmp_path_factory.mktemp("run")
    keras.utils.set_random_seed(7)
    model = two_in_two_out()
    for weight in model.weights:
        weight.assign(np.random.default_rng(3).normal(size=weight.shape).astype("float32"))
    path = folder / "model.weights.h5"
    model.save_weights(path)
    return json.loads(model.to_json()), path


def keras_outputs(config: dict, weights: Path, inputs: list) -> list[np.ndarray]:
    model = keras.models.model_from_json(json.dumps(config))
    model.load_weights(weights)
    return [np.asarray(o) for o in model(inputs)]


def read_back(fmt: str, path: Path, inputs: list) -> list[np.ndarray]:
    """The artifact's outputs, read with its runtime by this test."""
    if fmt == "saved_model":
        import tensorflow as tf

        loaded = tf.saved_model.load(str(path))  # kept: its functions refer to its variables
        return [np.asarray(o) for o in loaded.serve(inputs)]
    if fmt == "onnx":
        import onnxruntime

        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        return session.run(None, {"features": inputs[0], "sequence": inputs[1]})
    import tensorflow as tf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runner = tf.lite.Interpreter(model_path=str(path)).get_signature_runner()
    rows = [runner(features=inputs[0][i : i + 1], sequence=inputs[1][i : i + 1]) for i in range(3)]
    return [np.concatenate([r[key] for r in rows]) for key in ("output_0", "output_1")]


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("saved_model", "tiny_saved"), ("onnx", "tiny.onnx"), ("litert", "tiny.tflite")],
)
def test_export_with_a_runs_weights_predicts_as_keras(trained, tmp_path, fmt, name):
    config, weights = trained
    output = tmp_path / name
    report = export_model(config, output, format_named(fmt), str(weights))
    assert report.max_difference <= 1e-4
    assert report.weights == "weights of model.weights.h5"
    assert output.exists() and report.size_bytes > 0
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no staging left behind
    rng = np.random.default_rng(0)
    inputs = [
        rng.normal(size=(3, 6)).astype("float32"),
        rng.normal(size=(3, 5, 3)).astype("float32"),
    ]
    expected = keras_outputs(config, weights, inputs)
    received = read_back(fmt, output, inputs)
    for keras_out, artifact_out in zip(expected, received, strict=True):
        np.testing.assert_allclose(artifact_out, keras_out, atol=1e-4)
    fresh = keras.models.model_from_json(json.dumps(config))
    assert not np.allclose(np.asarray(fresh(inputs)[1]), expected[1], atol=1e-3)


def test_fresh_weights_are_said_and_reproducible(tmp_path):
    config = json.loads(two_in_two_out().to_json())
    first = export_model(config, tmp_path / "a.onnx", format_named("onnx"))
    export_model(config, tmp_path / "b.onnx", format_named("onnx"))
    assert "fresh (initialized with seed 0), not trained" in " ".join(first.notes)
    rng = np.random.default_rng(1)
    inputs = [
        rng.normal(size=(3, 6)).astype("float32"),
        rng.normal(size=(3, 5, 3)).astype("float32"),
    ]
    a, b = (read_back("onnx", tmp_path / name, inputs) for name in ("a.onnx", "b.onnx"))
    for left, right in zip(a, b, strict=True):
        np.testing.assert_array_equal(left, right)


def test_a_layer_a_format_cannot_express_is_named_and_nothing_is_written(tmp_path):
    text = keras.Input((1,), dtype="string", name="word")
    model = keras.Model(text, layers.StringLookup(vocabulary=["a", "b"], name="vocab")(text))
    output = tmp_path / "words.onnx"
    with pytest.raises(ExportError) as caught:
        export_model(json.loads(model.to_json()), output, format_named("onnx"))
    assert str(caught.value) == (
        "ONNX cannot express layer 'vocab' (StringLookup): its converter fails on the operations "
        "it uses (LookupTableFindV2)."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_layer_litert_cannot_express_is_named_and_nothing_is_written(tmp_path):
    ids = keras.Input((4,), dtype="int32", name="ids")
    counts = layers.CategoryEncoding(num_tokens=8, output_mode="count", name="counts")(ids)
    output = tmp_path / "counts.tflite"
    with pytest.raises(ExportError) as caught:  # built-in LiteRT operations have no bincount
        export_model(json.loads(keras.Model(ids, counts).to_json()), output,
                     format_named("litert"))  # fmt: skip
    assert str(caught.value) == (
        "LiteRT (TFLite) cannot express layer 'counts' (CategoryEncoding): its converter fails "
        "on the operations it uses (DenseBincount)."
    )
    assert list(tmp_path.iterdir()) == []


def test_mixed_precision_is_refused_for_onnx_naming_the_layer(tmp_path):
    inputs = keras.Input((4,))
    model = keras.Model(inputs, layers.Dense(2, dtype="mixed_float16", name="half")(inputs))
    with pytest.raises(ExportError, match=r"ONNX cannot express layer 'half' \(Dense\)"):
        export_model(json.loads(model.to_json()), tmp_path / "m.onnx", format_named("onnx"))


def test_weights_that_do_not_fit_are_refused(trained, tmp_path):
    _config, weights = trained
    inputs = keras.Input((6,))
    other = json.loads(keras.Model(inputs, layers.Dense(2)(inputs)).to_json())
    with pytest.raises(ExportError, match="do not fit the model"):
        export_model(other, tmp_path / "m.onnx", format_named("onnx"), str(weights))
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_exports_a_script_with_weights(trained, tmp_path):
    config, weights = trained
    source = tmp_path / "tiny.json"
    source.write_text(json.dumps(config), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(source), "-o",
         str(tmp_path / "tiny.tflite"), "--weights", str(weights)],
        capture_output=True, text=True, cwd=tmp_path, timeout=600,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "3"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "LiteRT (TFLite) written to" in result.stdout
    assert "with weights of model.weights.h5" in result.stdout
    assert "it differs from Keras by at most" in result.stdout


def test_weights_are_for_deployment_exports_only(tmp_path):
    from engine.cli import build_parser
    from engine.cli.deploy import deployment_format
    from engine.errors import KerasCanvasError

    args = build_parser().parse_args(["export", "m.json", "-o", "m.yaml", "--weights", "w.h5"])
    with pytest.raises(KerasCanvasError, match="--weights applies to deployment exports"):
        deployment_format(args)
    args = build_parser().parse_args(["export", "m.json", "-o", "folder"])
    assert deployment_format(args).key == "saved_model"  # no extension: a SavedModel folder
