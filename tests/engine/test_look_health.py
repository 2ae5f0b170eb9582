"""A fit that looks inside: the sample refreshed every epoch, training health, the NaN layer."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.training import TrainingClient, make_job
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
    (nan,) = [e["nan"] for e in of_kind(events, "health") if "nan" in e]
    assert nan["message"].startswith("The loss became NaN at epoch 1, batch ")
    named = f"The first layer whose output became NaN is {nan['layer']} (node {nan['node']})"
    assert named in nan["message"]
    # the run ends there, in one message that names the layer too (and keeps the record)
    error = events[-1]
    assert error["event"] == "error" and error["error_type"] == "RunError", error
    assert error["message"].startswith("The loss became NaN at epoch 1, batch ")
    assert named in error["message"] and "Lower the learning rate (it is 1e+09)" in error["message"]
    assert error["nan"]["node"] == nan["node"]
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


def test_jax_over_two_devices_looks_inside_as_one_process(cnn_config, tmp_path):
    """One process training on several devices (the multi-GPU path, here two CPU devices under
    Keras's DataParallel) sees every weight: the thumbnails refresh and health streams as on one
    device, and the sample's output agrees with the run's own trained model."""
    import keras

    env = {"XLA_FLAGS": "--xla_force_host_platform_device_count=2"}
    job = make_job(
        cnn_config,
        backend="jax",
        data={"source": "digits", "limit": 256},
        fit={"epochs": 2, "batch_size": 32},
        look={"sample": {"index": 3}, "health": True, "health_budget": 1.0},
        output_dir=str(tmp_path),
        save={"keras": False},
    )
    with TrainingClient(env=env) as jax_client:
        events = run_job(jax_client, job)
    assert events[-1]["event"] == "finished", events[-1]
    started = of_kind(events, "started")[0]
    assert (started["backend"], started["processes"], started["devices"]) == ("jax", 1, 2)
    looks = of_kind(events, "activations")
    assert [(e["phase"], e["epoch"]) for e in looks] == [("start", 0), ("epoch", 0), ("epoch", 1)]
    health = [e for e in of_kind(events, "health") if e["nodes"]]
    assert health and set(health[0]["layers"]) == {"conv_1", "conv_2", "hidden", "digit"}
    assert all(stats["grad_norm"] > 0 for stats in health[0]["layers"].values())
    # the last look used the trained weights: plain Keras with the saved weights agrees
    keras.backend.clear_session()
    model = keras.models.model_from_json(json.dumps(cnn_config))
    model.load_weights(events[-1]["files"]["weights"])
    with np.load(looks[-1]["path"]) as archive:
        image, digit = archive["image:0"], archive["digit:0"]
    np.testing.assert_allclose(model.predict(image, verbose=0), digit, atol=1e-5)


def test_every_n_batches_refreshes_between_batches(client, cnn_config, tmp_path):
    job = make_job(
        cnn_config,
        data={"source": "digits", "limit": 256},
        fit={"epochs": 1, "batch_size": 32},
        look={"sample": {"index": 1}, "every": 3},
        output_dir=str(tmp_path),
        save={"keras": False},
    )
    events = run_job(client, job)
    assert events[-1]["event"] == "finished", events[-1]
    steps = of_kind(events, "started")[0]["steps"]
    every_third = [batch - 1 for batch in range(1, steps) if batch % 3 == 0]
    expected = [("start", 0, None)] + [("batch", 0, batch) for batch in every_third]
    looks = of_kind(events, "activations")
    assert [(e["phase"], e["epoch"], e["batch"]) for e in looks] == expected


def test_health_sentences_write_sizes_in_one_digit_and_zero_as_zero():
    from engine.training.look.advice import layer_problems

    still = layer_problems("dense", {"update_ratio": 0.0, "weight_norm": 2.0})
    assert [p["kind"] for p in still] == ["frozen"]
    assert "(update ratio 0);" in still[0]["message"]  # not "0e+00"
    huge = layer_problems("dense", {"update_ratio": 3.2e5, "grad_norm": 4.7e8, "weight_norm": 1})
    assert [p["kind"] for p in huge] == ["large_updates", "exploding_gradient"]
    assert "by 3e+05 times their size;" in huge[0]["message"]
    assert "its gradient is huge (5e+08);" in huge[1]["message"]


@given(st.floats(min_value=0, max_value=1e300, allow_nan=False) | st.just(0.0))
def test_a_magnitude_reads_back_as_its_value_to_one_digit(value):
    from engine.training.look.advice import magnitude

    text = magnitude(value)
    assert (text == "0") == (value == 0)
    if value:
        mantissa = text.split("e")[0]
        assert 1 <= int(mantissa) <= 9 and float(text) == pytest.approx(value, rel=0.5)
