"""Data-parallel training on several processes under Keras's distribution API (JAX backend).

The proof of data parallelism: two local processes, each feeding its half of every global batch
of 64, end with the weights one process reaches on the same global batches (plain SGD, the same
initial weights), and with identical weights in both processes; one process over two CPU devices
(the multi-GPU code path) reaches them too. Tiny model, few samples: the check is the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import h5py
import numpy as np
import pytest

from engine.training import TrainingClient, make_job
from tests.training_helpers import TIMEOUT, of_kind, run_job

SAMPLES, GLOBAL_BATCH = 256, 64


def tiny_mlp() -> dict[str, Any]:
    import keras
    from keras import layers

    keras.backend.clear_session()
    features = keras.Input(shape=(8,), name="features")
    hidden = layers.Dense(16, activation="tanh", name="hidden")(features)
    label = layers.Dense(3, activation="softmax", name="label")(hidden)
    return json.loads(keras.Model(features, label, name="tiny").to_json())


@pytest.fixture(scope="module")
def initial_weights(tmp_path_factory) -> tuple[dict[str, Any], str]:
    """The model and one file of initial weights every run starts from."""
    import keras

    config = tiny_mlp()
    path = tmp_path_factory.mktemp("init") / "init.weights.h5"
    keras.models.model_from_json(json.dumps(config)).save_weights(str(path))
    return config, str(path)


def sgd_job(config: dict[str, Any], init: str, out: Path, **fields: Any) -> dict[str, Any]:
    return make_job(
        config,
        backend="jax",
        data={"source": "dummy", "samples": SAMPLES},
        compile={"optimizer": "sgd", "learning_rate": 0.1},
        fit={"epochs": 2, "batch_size": GLOBAL_BATCH, "shuffle": False},
        load_weights=init,
        output_dir=str(out),
        save={"keras": False, "csv": False},
        **fields,
    )


def weights(path: str) -> list[np.ndarray]:
    arrays: list[np.ndarray] = []
    with h5py.File(path) as file:
        file.visititems(
            lambda _name, item: arrays.append(item[()]) if isinstance(item, h5py.Dataset) else None
        )
    return arrays


@pytest.fixture(scope="module")
def one_process(initial_weights, tmp_path_factory) -> dict[str, Any]:
    config, init = initial_weights
    with TrainingClient() as client:
        events = run_job(client, sgd_job(config, init, tmp_path_factory.mktemp("one")))
    assert events[-1]["event"] == "finished", events[-1]
    return events[-1]


def test_two_processes_end_with_the_weights_of_one(initial_weights, one_process, tmp_path):
    config, init = initial_weights
    job = sgd_job(config, init, tmp_path, distribution={"num_processes": 2})
    with TrainingClient() as client:
        events = run_job(client, job)
        assert client.ready["processes"] == 2
    finished = events[-1]
    assert finished["event"] == "finished", finished
    started = of_kind(events, "started")[0]
    assert (started["processes"], started["devices"], started["backend"]) == (2, 2, "jax")
    assert started["batch_size"] == GLOBAL_BATCH and started["steps"] == SAMPLES // GLOBAL_BATCH
    assert [e["epoch"] for e in of_kind(events, "epoch")] == [0, 1]
    # both processes hold the same weights, and process 0 alone wrote them
    assert finished["replicas_identical"] is True and len(set(finished["replicas"])) == 1
    assert len(finished["replicas"]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.weights.h5"]
    for two, one in zip(
        weights(finished["files"]["weights"]), weights(one_process["files"]["weights"]), strict=True
    ):
        np.testing.assert_allclose(two, one, rtol=1e-5, atol=1e-5)
    assert finished["history"]["loss"] == pytest.approx(one_process["history"]["loss"], rel=1e-5)


def test_one_process_over_two_devices_is_the_same_code_path(initial_weights, one_process, tmp_path):
    config, init = initial_weights
    env = {"XLA_FLAGS": "--xla_force_host_platform_device_count=2"}
    with TrainingClient(env=env) as client:
        events = run_job(client, sgd_job(config, init, tmp_path))
    finished = events[-1]
    assert finished["event"] == "finished", finished
    started = of_kind(events, "started")[0]
    assert (started["processes"], started["devices"]) == (1, 2)
    for two, one in zip(
        weights(finished["files"]["weights"]), weights(one_process["files"]["weights"]), strict=True
    ):
        np.testing.assert_allclose(two, one, rtol=1e-5, atol=1e-5)
    assert TIMEOUT  # the helper's per-event limit guards every wait above


def test_pause_resume_and_stop_reach_every_process_at_the_same_batch(initial_weights, tmp_path):
    """Process 0 decides; a process that stopped alone would wait forever for the other."""
    config, _init = initial_weights
    job = make_job(
        config,
        backend="jax",
        data={"source": "dummy", "samples": 20000},
        fit={"epochs": 50, "batch_size": 16},
        distribution={"num_processes": 2},
        output_dir=str(tmp_path),
        save={"keras": False, "csv": False},
        batch_events_per_second=50,
    )
    with TrainingClient() as client:
        client.submit(job)
        batches = 0
        for event in client.events(timeout=TIMEOUT):
            assert event["event"] not in ("finished", "error"), event
            batches += event["event"] == "batch"
            if batches >= 2:
                break
        client.pause()
        paused = next(e for e in client.events(timeout=TIMEOUT) if e["event"] == "paused")
        client.resume()
        resumed = next(e for e in client.events(timeout=TIMEOUT) if e["event"] == "resumed")
        assert (resumed["epoch"], resumed["batch"]) == (paused["epoch"], paused["batch"])
        client.stop()
        finished = list(client.events(timeout=TIMEOUT))[-1]
    assert finished["event"] == "finished" and finished["stopped"] is True, finished
    assert len(finished["history"]["loss"]) == 1  # stopped inside the first of 50 epochs
    assert finished["replicas_identical"] is True  # both stopped after the same batch
    assert Path(finished["files"]["weights"]).is_file()
