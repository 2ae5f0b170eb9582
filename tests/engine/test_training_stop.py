"""Pause holds a run between batches; stop ends it cleanly after the current batch and keeps
its weights; kill ends the worker mid-epoch, and the client reports it and starts a fresh worker
for the next job."""

from __future__ import annotations

from typing import Any

import h5py

from engine.training import TrainingClient, WorkerError, make_job
from engine.training.client import error_from_event
from tests.keras_models import seed_config
from tests.training_helpers import TIMEOUT

EPOCHS = 50  # far more than a test waits for: the run ends only because it is stopped


def long_job(tmp_path, **fields: Any) -> dict[str, Any]:
    return make_job(
        seed_config("S9_mlp"),
        data={"source": "dummy", "samples": 20000},
        fit={"epochs": EPOCHS, "batch_size": 16},
        output_dir=str(tmp_path),
        **fields,
    )


def events_until_batch(client: TrainingClient, batch: int) -> list[dict[str, Any]]:
    """Read events until a training batch numbered `batch` or more has been reported."""
    seen = []
    for event in client.events(timeout=TIMEOUT):
        seen.append(event)
        assert event["event"] not in ("finished", "error"), event
        if event["event"] == "batch" and event["batch"] >= batch:
            return seen
    raise AssertionError("the stream ended before the batch")


def test_pause_resume_then_stop_ends_cleanly_and_saves_weights(client, tmp_path):
    job = client.submit(long_job(tmp_path, save={"keras": False}))
    events_until_batch(client, 1)
    client.pause()
    paused = next(e for e in client.events(timeout=TIMEOUT) if e["event"] == "paused")
    client.resume()
    resumed = next(e for e in client.events(timeout=TIMEOUT) if e["event"] == "resumed")
    assert (resumed["epoch"], resumed["batch"]) == (paused["epoch"], paused["batch"])
    later = events_until_batch(client, paused["batch"] + 1)
    assert later[-1]["epoch"] == paused["epoch"]  # training went on from where it was held
    client.stop()
    rest = list(client.events(timeout=TIMEOUT))
    finished = rest[-1]
    assert finished["event"] == "finished", finished
    assert finished["job_id"] == job["job_id"] and finished["stopped"] is True
    # stopped inside the first epoch: one (partial) epoch in the history, out of 50
    assert len(finished["history"]["loss"]) == 1
    with h5py.File(finished["files"]["weights"]) as weights:
        assert len(weights.keys()) > 0
    # the worker serves the next job
    after = client.run(make_job(seed_config("S9_mlp"), kind="test_on_batch"), timeout=TIMEOUT)
    assert after["stopped"] is False


def test_kill_mid_epoch_is_reported_and_a_new_run_works(client, tmp_path):
    client.submit(long_job(tmp_path / "killed"))
    events_until_batch(client, 1)
    old_pid = client.pid
    client.kill()
    events = list(client.events(timeout=TIMEOUT))
    error = events[-1]
    assert error["event"] == "error" and error["error_type"] == "WorkerError"
    assert error["exit_code"] < 0  # ended by a signal
    assert "was killed" in error["message"]
    assert isinstance(error_from_event(error), WorkerError)
    assert not (tmp_path / "killed" / "model.weights.h5").exists()
    finished = client.run(make_job(seed_config("S9_mlp"), kind="test_on_batch"), timeout=TIMEOUT)
    assert finished["event"] == "finished"
    assert client.pid != old_pid
