"""A small CNN learns scikit-learn's digits in the real worker; evaluate, predict and the
one-batch steps reuse its weights, as the GUI does after a run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from engine.training import make_job
from tests.training_helpers import run_job


def small_cnn() -> dict[str, Any]:
    import keras
    from keras import layers

    keras.backend.clear_session()
    image = keras.Input(shape=(8, 8, 1), name="image")
    x = layers.Conv2D(16, 3, activation="relu", padding="same")(image)
    x = layers.MaxPooling2D()(x)
    x = layers.Flatten()(x)
    digit = layers.Dense(10, activation="softmax", name="digit")(x)
    return json.loads(keras.Model(image, digit, name="digits_cnn").to_json())


@pytest.fixture(scope="module")
def trained(client, tmp_path_factory) -> tuple[dict[str, Any], dict[str, Any]]:
    """(model config, finished event) of a short run on the digits images."""
    config = small_cnn()
    job = make_job(
        config,
        data="digits",
        compile={"learning_rate": 0.01},
        fit={"epochs": 4, "validation_split": 0.2},
        output_dir=str(tmp_path_factory.mktemp("digits")),
        save={"keras": False},
    )
    events = run_job(client, job)
    assert events[-1]["event"] == "finished", events[-1]
    return config, events[-1]


def test_cnn_learns_digits(trained):
    _config, finished = trained
    # ten classes: chance is 0.1
    assert finished["history"]["val_accuracy"][-1] > 0.5


def test_evaluate_with_the_saved_weights(client, trained):
    config, finished = trained
    job = make_job(
        config, kind="evaluate", data="digits", load_weights=finished["files"]["weights"]
    )
    events = run_job(client, job)
    assert events[0]["event"] == "started" and events[0]["samples"] == 1797
    result = events[-1]["result"]
    assert set(result) == {"loss", "accuracy"}
    assert result["accuracy"] > 0.5  # the trained weights, not fresh ones


def test_predict_writes_every_prediction(client, trained, tmp_path):
    config, finished = trained
    job = make_job(
        config,
        kind="predict",
        data="digits",
        load_weights=finished["files"]["weights"],
        output_dir=str(tmp_path),
    )
    done = run_job(client, job)[-1]
    assert done["event"] == "finished", done
    with np.load(done["files"]["predictions"]) as archive:
        assert archive["digit"].shape == (1797, 10)
        np.testing.assert_allclose(archive["digit"].sum(axis=1), 1.0, rtol=1e-4)
    preview = done["result"]
    assert preview["shapes"] == {"digit": [1797, 10]}
    assert np.array(preview["predictions"]["digit"]).shape == (5, 10)
    assert np.array(preview["targets"]["digit"]).shape == (5, 10)


def test_one_batch_steps(client, trained, tmp_path):
    config, finished = trained
    results = {}
    for kind in ("train_on_batch", "test_on_batch", "predict_on_batch"):
        job = make_job(
            config,
            kind=kind,
            data="digits",
            fit={"batch_size": 8},
            load_weights=finished["files"]["weights"],
            output_dir=str(tmp_path / kind),
            save={"keras": False},
        )
        done = run_job(client, job)[-1]
        assert done["event"] == "finished", done
        results[kind] = done
    assert set(results["train_on_batch"]["result"]) == {"loss", "accuracy"}
    assert Path(results["train_on_batch"]["files"]["weights"]).is_file()
    assert results["test_on_batch"]["result"]["loss"] > 0
    assert np.array(results["predict_on_batch"]["result"]["predictions"]["digit"]).shape == (8, 10)


def test_weights_of_another_model_are_refused(client, trained, tmp_path):
    import keras

    keras.backend.clear_session()
    inputs = keras.Input(shape=(8, 8, 1), name="image")
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(inputs))
    other = json.loads(keras.Model(inputs, outputs).to_json())
    _config, finished = trained
    job = make_job(other, kind="evaluate", data="digits", load_weights=finished["files"]["weights"])
    error = run_job(client, job)[-1]
    assert error["event"] == "error" and error["error_type"] == "JobError"
    assert "do not fit the model" in error["message"]
