"""The real worker process trains the seed's models and streams their events.

One worker serves the whole module (jobs run one after the other, as in the app): importing
Keras is the slow part of a run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import h5py
import numpy as np

from engine.training import make_job
from engine.training.job import available_callbacks
from tests.keras_models import seed_config
from tests.training_helpers import of_kind, run_job


def test_mlp_trains_on_dummy_data(client, tmp_path):
    job = make_job(
        seed_config("S9_mlp"),
        data={"source": "dummy", "samples": 128},
        fit={"epochs": 2, "validation_split": 0.25, "verbose": 2},
        output_dir=str(tmp_path),
        batch_events_per_second=0.001,  # one per 1000 s: only the run's first batch is reported
    )
    events = run_job(client, job)
    assert events[0]["event"] == "started"
    assert events[-1]["event"] == "finished", events[-1]
    assert {e["job_id"] for e in events} == {job["job_id"]}
    epochs = of_kind(events, "epoch")
    assert [e["epoch"] for e in epochs] == [0, 1]
    assert set(epochs[0]["logs"]) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    batches = of_kind(events, "batch")
    assert [(e["phase"], e["epoch"], e["batch"]) for e in batches] == [("train", 0, 0)]
    assert batches[0]["steps"] == 3 and batches[0]["logs"]["loss"] > 0
    finished = events[-1]
    assert len(finished["history"]["loss"]) == 2 and not finished["stopped"]
    with h5py.File(finished["files"]["weights"]) as weights:
        assert len(weights.keys()) > 0
    assert Path(finished["files"]["keras"]).stat().st_size > 0
    assert len(Path(finished["files"]["csv"]).read_text().splitlines()) == 3  # header + 2 epochs
    # Keras's verbose output went to stderr: stdout carried nothing but events
    assert client.stray_output == []
    assert "Epoch 2/2" in client.stderr_tail()


def _error(events: list[dict[str, Any]]) -> dict[str, Any]:
    assert not of_kind(events, "started"), "bad data must be refused before the run"
    assert events[-1]["event"] == "error"
    return events[-1]


def test_wrong_shape_is_refused_before_the_run(client, tmp_path):
    path = tmp_path / "data.npz"
    np.savez(path, features=np.zeros((32, 21), "float32"), dense_2=np.zeros((32, 10), "float32"))
    config = seed_config("S9_mlp")
    error = _error(run_job(client, make_job(config, data=str(path))))
    assert error["error_type"] == "DataError" and error["user_error"] is True
    assert error["message"] == (
        "Input 'features' expects data of shape (None, 20). Received: (32, 21)"
    )
    assert error["traceback"] == ""


def test_wrong_number_of_arrays_is_refused_before_the_run(client, tmp_path):
    path = tmp_path / "news.npz"
    np.savez(
        path,
        main_input=np.zeros((16, 100), "int32"),
        main_output=np.zeros((16, 1)),
        aux_output=np.zeros((16, 1)),
    )
    error = _error(run_job(client, make_job(seed_config("S13_news_two_io"), data=str(path))))
    assert error["error_type"] == "DataError"
    assert "has 2 inputs (main_input, aux_input)" in error["message"]
    assert "Missing: aux_input" in error["message"]


def test_nan_is_refused_before_the_run(client, tmp_path):
    targets = np.eye(10, dtype="float32")[np.arange(16) % 10]
    targets[3, 0] = np.nan
    np.save(tmp_path / "x.npy", np.zeros((16, 20), "float32"))
    np.save(tmp_path / "y.npy", targets)
    arrays = {"features": str(tmp_path / "x.npy"), "dense_2": str(tmp_path / "y.npy")}
    job = make_job(seed_config("S9_mlp"), data={"source": "files", "arrays": arrays})
    error = _error(run_job(client, job))
    assert error["error_type"] == "DataError"
    assert "Output 'dense_2' contains NaN" in error["message"]


def test_a_crashing_job_reports_an_error_and_the_worker_serves_on(client, tmp_path):
    # Keras refuses class_weight for a model with two outputs, inside fit()
    job = make_job(
        seed_config("S13_news_two_io"),
        data={"source": "dummy", "samples": 32},
        fit={"class_weight": {"0": 1.0, "1": 2.0}},
        output_dir=str(tmp_path),
    )
    events = run_job(client, job)
    error = events[-1]
    assert error["event"] == "error" and error["job_id"] == job["job_id"]
    assert error["user_error"] is False
    assert "class_weight" in error["message"]
    assert "Traceback" in error["traceback"]
    assert client.running
    after = run_job(client, make_job(seed_config("S9_mlp"), kind="test_on_batch"))
    assert after[-1]["event"] == "finished" and "loss" in after[-1]["result"]


def test_callbacks_write_their_files(client, tmp_path):
    callbacks = [
        {"class_name": "EarlyStopping", "config": {"monitor": "val_loss", "patience": 5}},
        {"class_name": "ModelCheckpoint", "config": {"filepath": "best.weights.h5"}},
        {"class_name": "ReduceLROnPlateau", "config": {"patience": 1}},
        "TerminateOnNaN",
        {"class_name": "CSVLogger", "config": {"filename": "log.csv"}},
    ]
    job = make_job(
        seed_config("S9_mlp"),
        data={"source": "dummy", "samples": 64},
        validation_data={"source": "dummy", "samples": 16, "to_categorical": False},
        fit={
            "epochs": 3,
            "initial_epoch": 1,
            "callbacks": callbacks,
            "class_weight": {str(k): 1.0 + k / 10 for k in range(10)},
        },
        output_dir=str(tmp_path),
        save={"keras": False},
    )
    events = run_job(client, job)
    finished = events[-1]
    assert finished["event"] == "finished", finished
    assert [e["epoch"] for e in of_kind(events, "epoch")] == [1, 2]  # from initial_epoch
    assert events[0]["validation_samples"] == 16
    assert "val_loss" in finished["history"]
    assert finished["files"]["csv"] == str(tmp_path / "log.csv")
    assert len((tmp_path / "log.csv").read_text().splitlines()) == 3
    assert finished["files"]["checkpoint"] == str(tmp_path / "best.weights.h5")
    assert (tmp_path / "best.weights.h5").is_file()
    assert "learning_rate" in finished["history"]  # ReduceLROnPlateau logs it


def test_tensorboard_logs_or_a_clear_refusal(client, tmp_path):
    job = make_job(
        seed_config("S9_mlp"),
        data={"source": "dummy", "samples": 32},
        fit={"callbacks": ["TensorBoard"]},
        output_dir=str(tmp_path),
        save={"keras": False},
    )
    events = run_job(client, job)
    if "TensorBoard" in available_callbacks():
        assert events[-1]["event"] == "finished", events[-1]
        assert any(Path(events[-1]["files"]["tensorboard"]).rglob("events.out.tfevents.*"))
    else:  # tensorboard is an optional package: the job is refused before it starts
        assert not of_kind(events, "started")
        assert events[-1]["error_type"] == "JobError"
        assert "needs the `tensorboard` package" in events[-1]["message"]
