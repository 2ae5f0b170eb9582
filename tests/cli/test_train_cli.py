"""`python main.py train`: exit codes, the progress bar, the raw event stream, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.keras_models import seed_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def mlp_json(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("models") / "mlp.json"
    path.write_text(json.dumps(seed_config("S9_mlp")))
    return path


def train(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "train", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


def test_trains_with_a_progress_bar(mlp_json, tmp_path):
    out = tmp_path / "run"
    done = train(str(mlp_json), "--epochs", "2", "--validation-split", "0.25",
                 "--output-dir", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Epoch 2/2" in done.stderr and "val_loss" in done.stderr
    assert done.stdout.startswith("finished in ")
    assert f"weights: {out / 'model.weights.h5'}" in done.stdout
    assert (out / "model.weights.h5").is_file() and (out / "training_log.csv").is_file()


def test_events_stream_and_a_dataset_that_does_not_fit(mlp_json, tmp_path):
    done = train(str(mlp_json), "--data", "iris", "--events", "--output-dir", str(tmp_path))
    assert done.returncode == 1
    events = [json.loads(line) for line in done.stdout.splitlines()]
    assert [e["event"] for e in events] == ["ready", "error"]
    assert events[-1]["error_type"] == "DataError"
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        "error: The iris dataset needs an input of shape (4,) and an output of 3 units. "
        "Received: input 'features' of shape (20,), output 'dense_2' of shape (10,)"
    ]
    assert "Traceback" not in done.stderr


def test_unreadable_model_exits_2(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    done = train(str(path))
    assert done.returncode == 2
    # one sentence naming the file once, as every command says it
    assert done.stderr.startswith("error: 'broken.json' is not valid JSON")
    assert done.stderr.count("broken.json") == 1 and done.stderr.count("\n") == 1


def test_an_unknown_backend_exits_1_before_any_worker(mlp_json):
    done = train(str(mlp_json), "--backend", "not_a_backend")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "error: `backend` must be one of ['tensorflow', 'jax', 'torch']. Received: 'not_a_backend'"
    )
