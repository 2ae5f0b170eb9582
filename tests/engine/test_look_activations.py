"""The `activations` job against an independent computation with plain Keras.

Each test builds a model in plain Keras, saves its weights, runs the real worker's
`activations` job on the model's JSON with those weights, and compares every output the job
wrote with `keras.Model(inputs, intermediate)` built here, within 1e-5.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from engine.training import make_job
from engine.training.look.keys import parse_key
from tests import keras_models, look_models
from tests.training_helpers import of_kind, run_job

TOLERANCE = 1e-5


def _run(client, model: Any, tmp_path: Path, **fields: Any) -> tuple[dict, dict[str, np.ndarray]]:
    """(activations event, arrays) of an activations job on `model` with its own weights."""
    weights = tmp_path / "model.weights.h5"
    model.save_weights(weights)
    job = make_job(
        json.loads(model.to_json()),
        kind="activations",
        load_weights=str(weights),
        output_dir=str(tmp_path / "out"),
        **fields,
    )
    events = run_job(client, job)
    assert events[-1]["event"] == "finished", events[-1]
    (event,) = of_kind(events, "activations")
    with np.load(event["path"]) as archive:
        arrays = {key: archive[key] for key in archive.files}
    assert set(arrays) == set(event["nodes"])
    return event, arrays


def _npz(tmp_path: Path, **arrays: np.ndarray) -> dict[str, Any]:
    path = tmp_path / "data.npz"
    np.savez(path, **arrays)
    return {"source": "files", "path": str(path)}


def _close(actual: np.ndarray, expected: Any) -> None:
    expected = np.asarray(expected)
    assert actual.shape == expected.shape
    np.testing.assert_allclose(actual, expected, atol=TOLERANCE, rtol=TOLERANCE)


def test_shared_lstm_both_calls(client, tmp_path):
    import keras

    keras.backend.clear_session()
    keras.utils.set_random_seed(1)
    model = keras_models.s14_shared_lstm()
    rng = np.random.default_rng(0)
    a = rng.standard_normal((3, 140, 256)).astype("float32")
    b = rng.standard_normal((3, 140, 256)).astype("float32")
    data = _npz(tmp_path, tweet_a=a, tweet_b=b)
    event, arrays = _run(client, model, tmp_path, data=data, look={"sample": {"index": 2}})
    lstm = model.get_layer("lstm")
    calls = [node.outputs[0] for node in lstm._inbound_nodes]
    assert len(calls) == 2
    merged = model.get_layer("concatenate").output
    reference = keras.Model(model.inputs, [*calls, merged, model.output])
    first, second, concatenated, prediction = reference.predict([a[2:], b[2:]], verbose=0)
    _close(arrays["lstm:0"], first)
    _close(arrays["lstm:1"], second)
    assert not np.allclose(arrays["lstm:0"], arrays["lstm:1"])  # two calls, two results
    _close(arrays["concatenate:0"], concatenated)
    _close(arrays["dense:0"], prediction)
    _close(arrays["tweet_a:0"], a[2:])
    assert event["nodes"]["lstm:1"]["shape"] == [1, 64]


def test_shared_vision_inside_the_nested_model(client, tmp_path):
    import keras

    keras.backend.clear_session()
    keras.utils.set_random_seed(2)
    model = keras_models.s16_shared_vision()
    rng = np.random.default_rng(1)
    a = rng.random((2, 27, 27, 1)).astype("float32")
    b = rng.random((2, 27, 27, 1)).astype("float32")
    data = _npz(tmp_path, digit_a=a, digit_b=b)
    _event, arrays = _run(client, model, tmp_path, data=data, look={"sample": {"index": 1}})
    vision = model.get_layer("vision")
    inner = [vision.get_layer(name) for name in ("conv2d", "conv2d_1", "max_pooling2d", "flatten")]
    reference = keras.Model(vision.inputs, [layer.output for layer in inner])
    for call, images in (("vision:0", a[1:]), ("vision:1", b[1:])):
        expected = reference.predict(images, verbose=0)
        for layer, value in zip(inner, expected, strict=True):
            _close(arrays[f"{call}/{layer.name}:0"], value)
        _close(arrays[call], expected[-1])  # the nested model's card shows its output
        _close(arrays[f"{call}/digit:0"], images)  # its input card shows what this call got
    assert not np.allclose(arrays["vision:0/conv2d:0"], arrays["vision:1/conv2d:0"])
    outer = keras.Model(model.inputs, [model.get_layer("concatenate").output, model.output])
    concatenated, prediction = outer.predict([a[1:], b[1:]], verbose=0)
    _close(arrays["concatenate:0"], concatenated)
    _close(arrays["dense:0"], prediction)


def test_digits_cnn_on_a_dataset_row(client, tmp_path):
    import keras
    from sklearn.datasets import load_digits

    keras.backend.clear_session()
    keras.utils.set_random_seed(3)
    model = look_models.digits_cnn()
    event, arrays = _run(client, model, tmp_path, data="digits", look={"sample": {"index": 7}})
    image = arrays["image:0"]
    # the input is a real digits image (scaled 0..1), with the label the dataset gives it
    digits = load_digits()
    matches = np.flatnonzero(np.all(np.isclose(digits.data / 16.0, image.reshape(1, 64)), axis=1))
    assert matches.size >= 1
    assert event["sample"]["labels"]["digit"] in {int(digits.target[i]) for i in matches}
    layers = model.layers[1:]
    reference = keras.Model(model.inputs, [layer.output for layer in layers])
    for layer, expected in zip(layers, reference.predict(image, verbose=0), strict=True):
        _close(arrays[f"{layer.name}:0"], expected)
        summary = event["nodes"][f"{layer.name}:0"]
        assert summary["min"] == pytest.approx(float(expected.min()), abs=TOLERANCE)
        assert summary["zeros"] == pytest.approx(float(np.mean(expected == 0)))
    top = event["predictions"]["digit"]["top"][0]
    assert top["class"] == int(np.argmax(arrays["digit:0"]))


def test_weights_archive_holds_the_loaded_weights(client, tmp_path):
    import keras

    keras.backend.clear_session()
    keras.utils.set_random_seed(4)
    model = keras_models.s16_shared_vision()
    a = np.zeros((1, 27, 27, 1), "float32")
    event, _arrays = _run(client, model, tmp_path, data=_npz(tmp_path, digit_a=a, digit_b=a))
    with np.load(event["weights_path"]) as archive:
        kernel = archive["vision/conv2d/kernel"]
        dense = archive["dense/kernel"]
    _close(kernel, model.get_layer("vision").get_layer("conv2d").kernel.numpy())
    _close(dense, model.get_layer("dense").kernel.numpy())


def test_every_key_names_a_node(client, tmp_path):
    import keras

    keras.backend.clear_session()
    model = keras_models.lstm_with_state()
    x = np.ones((1, 10, 8), "float32")
    event, arrays = _run(client, model, tmp_path, data=_npz(tmp_path, seq=x))
    # LSTM(return_state=True) returns three tensors: one key each
    assert {"lstm:0", "lstm:0:1", "lstm:0:2"} <= set(arrays)
    _path, index = parse_key("lstm:0:2")
    assert index == 2
    assert arrays["lstm:0"].shape == (1, 10, 16) and arrays["lstm:0:2"].shape == (1, 16)
    assert event["nodes"]["lstm:0"]["class_name"] == "LSTM"
