"""A fit that looks inside: the sample refreshed every epoch, training health, the NaN layer."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from engine.training import make_job
from tests import look_models
from tests.training_helpers import TIMEOUT, of_kind, run_job


@pytest.fixture(scope="module")
def cnn_config() -> dict:
    import keras

    keras.backend.clear_session()
    return json.loads(look_models.digits_cnn().to_json())


def test_a_fit_refreshes_the_sample_every_epoch_and_streams_health(client, cnn_config, tmp_path):
    job = make_job(
        cnn_config,
        data="digits",
        fit={"epochs": 2},
        compile={"learning_rate": 0.01},
        # the whole fit's time for health: every measurement happens, whatever the machine
        look={"sample": {"index": 3}, "health": True, "health_budget": 1.0},
        output_dir=str(tmp_path),
        save={"keras": False},
    )
    events = run_job(client, job)
    assert events[-1]["event"] == "finished", events[-1]
    looks = of_kind(events, "activations")
    assert [(e["phase"], e["epoch"]) for e in looks] == [("start", 0), ("epoch", 0), ("epoch", 1)]
    names = {"image:0", "conv_1:0", "pool_1:0", "conv_2:0", "flatten:0", "hidden:0", "digit:0"}
    for look in looks:
        assert set(look["nodes"]) == names and look["sample"]["index"] == 3
    with np.load(looks[-1]["path"]) as archive:
        trained = archive["digit:0"]
    assert looks[-1]["path"] == str(tmp_path / "look" / "activations.npz")
    # the last look shows the trained weights: it agrees with the run's own prediction
    assert looks[-1]["predictions"]["digit"]["top"][0]["class"] == int(trained.argmax())

    health = of_kind(events, "health")
    assert health, "no health event"
    for event in health:
        assert set(event["layers"]) == {"conv_1", "conv_2", "hidden", "digit"}
        for stats in event["layers"].values():
            assert stats["weight_norm"] > 0 and 0 < stats["update_ratio"] < 1
            assert stats["nonfinite"] is False
        assert event["every"] >= 1 and event["problems"] == []
    probed = [e for e in health if e["nodes"]]
    assert probed, "no health event ran the probe batch"
    nodes = probed[0]["nodes"]
    assert set(nodes) == names - {"image:0"}
    assert "dead" in nodes["conv_1:0"] and "dead" not in nodes["pool_1:0"]  # ReLU calls only
    assert all(probed[0]["layers"][layer]["grad_norm"] > 0 for layer in probed[0]["layers"])


def test_dead_units_raise_a_plain_warning(client, tmp_path):
    import keras
    from keras import layers

    keras.backend.clear_session()
    pixels = keras.Input((64,), name="pixels")
    # a bias of -100 silences every unit of this ReLU layer for any digit (pixels are 0..1)
    x = layers.Dense(16, activation="relu", bias_initializer=keras.initializers.Constant(-100.0),
                     name="silent")(pixels)  # fmt: skip
    digit = layers.Dense(10, activation="softmax", name="digit")(x)
    config = json.loads(keras.Model(pixels, digit).to_json())
    look = {"health": True, "health_budget": 1.0}
    job = make_job(config, data="digits", fit={"epochs": 3}, look=look,
                   output_dir=str(tmp_path), save={"keras": False})  # fmt: skip
    events = run_job(client, job)
    assert events[-1]["event"] == "finished", events[-1]
    problems = [p for e in of_kind(events, "health") for p in e["problems"]]
    dead = [p for p in problems if p["kind"] == "dead_units"]
    assert dead, problems
    assert dead[0]["layer"] == "silent" and dead[0]["node"] == "silent:0" and dead[0]["value"] == 1
    assert dead[0]["message"] == (
        "silent: 100 % of its units output zero for every sample; a too-high learning rate or a "
        "poor initialisation does this."
    )


def test_a_nan_run_names_the_first_layer_whose_output_became_nan(client, cnn_config, tmp_path):
    import keras

    job = make_job(
        cnn_config,
        data="digits",
        fit={"epochs": 1},
        compile={"optimizer": "sgd", "learning_rate": 1e9},
        look={"health": True},
        output_dir=str(tmp_path),
        save={"keras": False},
    )
    events = run_job(client, job)
    assert events[-1]["event"] == "finished", events[-1]
    (nan,) = [e["nan"] for e in of_kind(events, "health") if "nan" in e]
    assert nan["message"].startswith("The loss became NaN at epoch 1, batch ")
    assert (
        f"The first layer whose output became NaN is {nan['layer']} (node {nan['node']})"
        in (nan["message"])
    )
    # independently: the saved weights of that moment, the same probe batch, plain Keras
    keras.backend.clear_session()
    model = keras.models.model_from_json(json.dumps(cnn_config))
    model.load_weights(nan["weights_path"])
    with np.load(nan["probe_path"]) as archive:
        batch = archive["image"]
    layers = model.layers[1:]  # a chain: Keras's layer order is the order of execution
    outputs = keras.Model(model.inputs, [layer.output for layer in layers]).predict(
        batch, verbose=0
    )
    finite = [bool(np.all(np.isfinite(output))) for output in outputs]
    first = finite.index(False)
    assert all(finite[:first])
    assert nan["layer"] == layers[first].name and nan["node"] == f"{layers[first].name}:0"


def _events_until(client, predicate) -> list[dict[str, Any]]:
    seen = []
    for event in client.events(timeout=TIMEOUT):
        seen.append(event)
        assert event["event"] not in ("finished", "error"), event
        if predicate(event):
            return seen
    raise AssertionError("the stream ended first")


def test_another_sample_during_a_fit_and_while_paused(client, cnn_config, tmp_path):
    job = make_job(
        cnn_config,
        data={"source": "digits", "limit": 1000},
        fit={"epochs": 200, "batch_size": 8},
        look={"sample": {"index": 0}, "every": 1000},
        output_dir=str(tmp_path),
    )
    client.submit(job)
    try:
        _events_until(client, lambda e: e["event"] == "batch")
        client.look({"index": 5})
        seen = _events_until(client, lambda e: e["event"] == "activations")
        assert seen[-1]["phase"] == "request" and seen[-1]["sample"]["index"] == 5
        client.pause()
        _events_until(client, lambda e: e["event"] == "paused")
        client.look({"inputs": {"image": {"values": np.ones((8, 8)).tolist()}}})
        seen = _events_until(client, lambda e: e["event"] == "activations")
        assert seen[-1]["sample"]["description"] == "drawing"
        assert not of_kind(seen, "resumed")  # shown while the fit is held
        client.look({"index": 99999})  # a bad sample is a warning; the fit goes on
        seen = _events_until(client, lambda e: e["event"] == "warning")
        assert seen[-1]["message"].startswith("The sample index is out of range")
        client.resume()
        _events_until(client, lambda e: e["event"] == "resumed")
    finally:
        client.stop()
        for event in client.events(timeout=TIMEOUT):
            last = event
    assert last["event"] == "finished" and last["stopped"]
