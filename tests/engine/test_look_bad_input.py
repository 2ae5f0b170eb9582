"""Samples and models a look-inside job refuses, each with a message that says what to fix."""

from __future__ import annotations

import json

import pytest

from engine.training import JobError, make_job
from tests import keras_models, look_models
from tests.training_helpers import run_job


@pytest.fixture(scope="module")
def cnn_config() -> dict:
    import keras

    keras.backend.clear_session()
    return json.loads(look_models.digits_cnn().to_json())


def _error(client, config: dict, **fields) -> dict:
    events = run_job(client, make_job(config, kind="activations", **fields))
    assert events[-1]["event"] == "error", events[-1]
    assert not any(e["event"] == "started" for e in events)  # refused before it starts
    return events[-1]


def test_an_index_past_the_data(client, cnn_config):
    error = _error(client, cnn_config, data="digits", look={"sample": {"index": 1797}})
    assert error["error_type"] == "DataError"
    assert error["message"] == (
        "The sample index is out of range: the data has 1797 samples (0 to 1796). Received: 1797"
    )


def test_a_drawing_of_the_wrong_shape(client, cnn_config):
    drawing = [[0.0] * 28 for _ in range(28)]
    error = _error(client, cnn_config, look={"sample": {"inputs": {"image": {"values": drawing}}}})
    assert error["message"] == (
        "The sample does not fit input 'image': it expects one sample of shape (8, 8, 1). "
        "Received: (28, 28)"
    )


def test_an_unreadable_image(client, cnn_config, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    error = _error(
        client, cnn_config, look={"sample": {"inputs": {"image": {"image": str(broken)}}}}
    )
    assert error["error_type"] == "DataError"
    assert error["message"].startswith(f"Cannot read the image file {broken}. Received: ")


def test_an_image_for_an_input_that_takes_none(client, tmp_path):
    from PIL import Image

    Image.new("L", (8, 8)).save(tmp_path / "x.png")
    config = keras_models.seed_config("S9_mlp")  # input 'features' of shape (20,)
    error = _error(
        client,
        config,
        look={"sample": {"inputs": {"features": {"image": str(tmp_path / "x.png")}}}},
    )
    assert error["message"].startswith(
        "Input 'features' does not take an image: it expects shape (20,)"
    )


def test_a_sample_for_an_input_the_model_lacks(client, cnn_config):
    error = _error(client, cnn_config, look={"sample": {"inputs": {"picture": {"values": [0]}}}})
    assert error["message"] == (
        "The sample names inputs the model lacks: ['picture']. Expected some of ['image']"
    )


def test_the_node_that_stops_the_forward_pass_is_named(client):
    import keras
    from keras import layers

    keras.backend.clear_session()
    tokens = keras.Input((4,), dtype="int32", name="tokens")
    x = layers.Dense(3, name="before")(layers.Flatten()(layers.Embedding(10, 2)(tokens)))
    config = json.loads(keras.Model(tokens, x).to_json())
    # token 50 is past the Embedding's vocabulary of 10: TensorFlow refuses the lookup
    events = run_job(
        client,
        make_job(
            config,
            kind="activations",
            look={"sample": {"inputs": {"tokens": {"values": [1, 2, 3, 50]}}}},
        ),
    )
    error = events[-1]
    assert error["event"] == "error" and error["error_type"] == "JobError"
    assert error["message"].startswith("The forward pass stops at embedding:0. Received: ")


def test_a_malformed_sample_is_refused_before_any_process(cnn_config):
    with pytest.raises(JobError, match=r"must be \{\"image\": path\} or \{\"values\": numbers\}"):
        make_job(cnn_config, kind="activations", look={"sample": {"inputs": {"image": "x.png"}}})
    with pytest.raises(JobError, match=r"`look.every` must be 'epoch' or a number of batches"):
        make_job(cnn_config, look={"every": 0})


def test_weights_of_another_model_name_the_layer_that_differs(client, cnn_config, tmp_path):
    import keras
    from keras import layers

    keras.backend.clear_session()
    image = keras.Input((8, 8, 1), name="image")
    x = layers.Conv2D(8, 3, padding="same", name="conv_1")(image)  # 8 filters, not 16
    other = keras.Model(image, layers.Dense(10)(layers.Flatten()(x)))
    other.save_weights(tmp_path / "other.weights.h5")
    error = _error(
        client, cnn_config, data="digits", load_weights=str(tmp_path / "other.weights.h5")
    )
    assert error["error_type"] == "JobError"
    assert (
        "do not fit the model. Layer 'conv_1' (Conv2D) differs: the file holds weights of shapes "
        "(3, 3, 1, 8), (8,), the model needs (3, 3, 1, 16), (16,). Received: "
    ) in error["message"]


def test_weights_for_layers_the_model_lacks(client, cnn_config, tmp_path):
    import keras

    keras.backend.clear_session()
    keras_models.s16_shared_vision().save_weights(tmp_path / "vision.weights.h5")
    error = _error(client, cnn_config, load_weights=str(tmp_path / "vision.weights.h5"))
    assert "The file has no weights for layer 'conv_1' (Conv2D)." in error["message"]
