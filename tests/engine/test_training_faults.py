"""Faults end a run within bounded time, with one plain sentence, and leave no process behind.

Every test drives real worker processes: a process of a data-parallel run killed mid-epoch, a
coordinator nobody joins, a port in use, a process that cannot read its data, a hung worker, a
loss that becomes NaN, a model far too big for the memory, a data file cut short mid-run.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from engine.training import TrainingClient, make_job
from engine.training.launcher import free_port
from tests.keras_models import seed_config
from tests.training_helpers import TIMEOUT, of_kind, run_job


def tiny(input_dim: int = 8, units: int = 16) -> dict[str, Any]:
    import keras
    from keras import layers

    keras.backend.clear_session()
    with keras.StatelessScope(initialize_variables=False):  # a huge one allocates nothing here
        features = keras.Input(shape=(input_dim,), name="features")
        hidden = layers.Dense(units, activation="relu", name="hidden")(features)
        label = layers.Dense(3, activation="softmax", name="label")(hidden)
        return json.loads(keras.Model(features, label, name="tiny").to_json())


def alive(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def until_batch(client: TrainingClient, batch: int = 1) -> list[dict[str, Any]]:
    seen = []
    for event in client.events(timeout=TIMEOUT):
        seen.append(event)
        assert event["event"] not in ("finished", "error"), event
        if event["event"] == "batch" and event["batch"] >= batch:
            return seen
    raise AssertionError("the stream ended before the batch")


def cluster_job(process_id: int, port: int, **fields: Any) -> dict[str, Any]:
    distribution = {
        "num_processes": 2,
        "process_id": process_id,
        "coordinator": f"127.0.0.1:{port}",
        "join_timeout": 6,
        **fields.pop("distribution", {}),
    }
    return make_job(
        tiny(),
        backend="jax",
        data={"source": "dummy", "samples": 64},
        fit={"batch_size": 16},
        distribution=distribution,
        save={"keras": False, "csv": False},
        **fields,
    )


# ---------------------------------------------------------------------- data-parallel runs


def test_a_process_killed_mid_epoch_ends_the_whole_run(tmp_path):
    job = make_job(
        tiny(),
        backend="jax",
        data={"source": "dummy", "samples": 20000},
        fit={"epochs": 50, "batch_size": 16},
        distribution={"num_processes": 2},
        output_dir=str(tmp_path),
        batch_events_per_second=50,
    )
    with TrainingClient() as client:
        client.submit(job)
        launcher = client.pid
        seen = until_batch(client, 2)
        pids = of_kind(seen, "started")[0]["pids"]
        assert len(pids) == 2 and all(alive(pid) for pid in pids)
        killed_at = time.monotonic()
        os.kill(pids[1], signal.SIGKILL)
        error = list(client.events(timeout=60))[-1]
        took = time.monotonic() - killed_at
        assert error["event"] == "error", error
        assert error["message"] == (
            "Process 1 of 2 was killed (SIGKILL: by Kill, by another program, or by the system "
            "when memory ran out) during the run, so the whole run was ended."
        )
        assert took < 60
        assert not any(alive(pid) for pid in pids)  # no process of the run remains
        assert client.pid == launcher  # the launcher serves the next run
        assert not (tmp_path / "model.weights.h5").exists()


def test_a_coordinator_nobody_joins_says_who_is_missing():
    with TrainingClient() as client:
        start = time.monotonic()
        events = run_job(client, cluster_job(0, free_port()))
    error = events[-1]
    assert error["event"] == "error" and error["error_type"] == "JoinError", error
    assert error["message"].startswith("Process 1 of 2 never joined the coordinator at 127.0.0.1:")
    assert "within 6 s" in error["message"]
    assert time.monotonic() - start < TIMEOUT


def test_a_port_in_use_is_named():
    with socket.create_server(("127.0.0.1", 0)) as taken, TrainingClient() as client:
        port = taken.getsockname()[1]
        events = run_job(client, cluster_job(0, port))
    assert events[-1]["message"] == (
        f"The coordinator port {port} is already in use on this machine (another run, or "
        f"another program): choose another port. Received: 127.0.0.1:{port}"
    )


def test_a_process_that_cannot_read_its_data_is_named_by_process_0(tmp_path):
    """Two processes as on two hosts: process 1's data file is missing on its host."""
    port = free_port()
    lead = cluster_job(0, port, distribution={"hosts": ["alpha", "beta"]})
    peer = cluster_job(1, port, distribution={"hosts": ["alpha", "beta"]})
    peer["data"] = {
        "source": "files",
        "path": str(tmp_path / "missing.npz"),
        "to_categorical": False,
    }
    with TrainingClient() as first, TrainingClient() as second:
        first.submit(lead)
        second.submit(peer)
        lead_events = [e for e in first.events(timeout=TIMEOUT) if e["event"] != "ready"]
        peer_events = [e for e in second.events(timeout=TIMEOUT) if e["event"] != "ready"]
    assert lead_events[-1]["event"] == "error" and lead_events[-1]["error_type"] == "DataError"
    assert lead_events[-1]["message"] == (
        f"Process 1 (beta): The data file does not exist. Received: {tmp_path / 'missing.npz'}"
    )
    assert peer_events[-1]["message"].startswith("The data file does not exist.")
    assert not of_kind(lead_events, "started")


# ---------------------------------------------------------------------- one worker

HANG = 12  # seconds: longer than any gap between two events of a warm worker's healthy run


@pytest.fixture(scope="module")
def client():
    with TrainingClient() as client:
        client.start("tensorflow")
        yield client


def test_a_nan_loss_ends_the_run_as_failed_with_its_epochs(client, tmp_path):
    job = make_job(
        seed_config("S9_mlp"),
        data={"source": "dummy", "samples": 256},
        compile={"optimizer": "sgd", "learning_rate": 1e12},
        fit={"epochs": 3, "batch_size": 32},
        output_dir=str(tmp_path),
    )
    events = run_job(client, job)
    error = events[-1]
    assert error["event"] == "error" and error["error_type"] == "RunError", error
    assert error["message"].startswith("The loss became NaN at epoch 1, batch ")
    assert "Lower the learning rate (it is 1e+12)" in error["message"]
    assert len(error["history"]["loss"]) == 1  # the epoch it failed in, kept for the record
    assert error["traceback"] == ""
    assert not (tmp_path / "model.weights.h5").exists()


def test_a_hung_worker_is_stopped_after_the_hang_timeout(client, tmp_path):
    job = make_job(
        seed_config("S9_mlp"),
        data={"source": "dummy", "samples": 20000},
        fit={"epochs": 50, "batch_size": 16},
        output_dir=str(tmp_path),
        hang_timeout=HANG,
    )
    client.submit(job)
    until_batch(client, 1)
    pid = client.pid
    os.kill(pid, signal.SIGSTOP)  # a real hang: the process no longer runs at all
    start = time.monotonic()
    error = list(client.events(timeout=TIMEOUT))[-1]
    assert error["event"] == "error" and error.get("hung") is True
    assert error["message"].startswith(f"The training worker sent nothing for {HANG} s")
    assert time.monotonic() - start < HANG + 30
    assert not alive(pid)
    assert client.run(make_job(seed_config("S9_mlp"), kind="test_on_batch"), timeout=TIMEOUT)


def test_a_model_far_too_big_for_the_memory_is_refused_before_it_is_built(client):
    start = time.monotonic()
    events = run_job(client, make_job(tiny(input_dim=200_000, units=200_000)))
    error = events[-1]
    assert error["event"] == "error" and error["error_type"] == "JobError", error
    assert error["message"].startswith("The model is far too big for this machine's memory")
    assert "40,000,800,003 weights" in error["message"]
    assert time.monotonic() - start < 60  # no swapping: nothing was allocated


def test_a_data_file_cut_short_mid_run_ends_the_run(tmp_path):
    """.npy files are memory-mapped; JAX's fit reads each batch from them as it goes."""
    x = tmp_path / "x.npy"
    np.save(x, np.random.default_rng(0).standard_normal((20000, 8)).astype("float32"))
    np.save(tmp_path / "y.npy", np.eye(3, dtype="float32")[np.arange(20000) % 3])
    job = make_job(
        tiny(),
        backend="jax",
        data={"source": "files", "arrays": {"features": str(x), "label": str(tmp_path / "y.npy")}},
        fit={"epochs": 2, "batch_size": 8, "shuffle": False},
        output_dir=str(tmp_path / "run"),
    )
    with TrainingClient() as client:
        client.submit(job)
        until_batch(client, 1)
        os.truncate(x, 128)  # the header only: the samples are gone
        error = list(client.events(timeout=TIMEOUT))[-1]
        assert error["event"] == "error", error
        assert error["message"] == (
            "The training worker was killed (SIGBUS): a data file it was reading was cut short "
            "or removed during the run."
        )
        assert client.run(make_job(tiny(), backend="jax", kind="test_on_batch"), timeout=TIMEOUT)
