"""The training script reproduces a run outside the app: the same loss after one epoch.

The worker trains a job (the real worker process, as the window runs it); the script written for
the same job is run by a separate Python (this one we do run: it is our own generated code, not
a user's file) and its training log is compared with the worker's history.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import keras
import pytest
from keras import layers

from engine.deploy.training_script import training_script
from engine.training.job import make_job
from tests.training_helpers import run_job

ROOT = Path(__file__).resolve().parents[2]


def digits_cnn() -> dict:
    inputs = keras.Input((8, 8, 1), name="digit")
    x = layers.Conv2D(6, 3, activation="relu")(inputs)
    x = layers.Flatten()(x)
    x = layers.Dropout(0.25)(x)
    outputs = layers.Dense(10, activation="softmax", name="label")(x)
    return json.loads(keras.Model(inputs, outputs, name="digits_cnn").to_json())


def two_heads() -> dict:
    """Two inputs (tokens into an Embedding), two outputs with their own losses and weights."""
    tokens = keras.Input((12,), dtype="int32", name="tokens")
    extra = keras.Input((3,), name="extra")
    x = layers.GlobalAveragePooling1D()(layers.Embedding(40, 4)(tokens))
    x = layers.concatenate([x, extra])
    return json.loads(
        keras.Model(
            [tokens, extra],
            [layers.Dense(3, activation="softmax", name="kind")(x),
             layers.Dense(1, activation="sigmoid", name="flag")(x)],
            name="two_heads",
        ).to_json()
    )  # fmt: skip


JOBS = {
    "digits_cnn": lambda: make_job(
        digits_cnn(),
        data={"source": "digits", "limit": 600},
        compile={"optimizer": "rmsprop", "learning_rate": 0.002},
        fit={
            "epochs": 2,
            "batch_size": 50,
            "validation_split": 0.2,
            "callbacks": [{"class_name": "EarlyStopping", "config": {"patience": 1}}],
        },
        seed=3,
    ),
    "two_heads": lambda: make_job(
        two_heads(),
        data={"source": "dummy", "samples": 200},
        compile={
            "optimizer": "sgd",
            "learning_rate": 0.05,
            "momentum": 0.5,
            "loss_weights": {"kind": 1.0, "flag": 0.3},
        },
        fit={"epochs": 1, "batch_size": 16, "validation_split": 0.25},
        seed=11,
    ),
}


def logged(path: Path) -> list[dict[str, float]]:
    with open(path, newline="", encoding="utf-8") as stream:
        return [{k: float(v) for k, v in row.items()} for row in csv.DictReader(stream)]


def test_the_scripts_give_the_runs_losses(client, tmp_path):
    """Each job's script, run outside the app, logs the worker's losses (both scripts run in
    one Python, one after the other, to pay TensorFlow's import once: each starts its own
    Keras session and seeds it, as a fresh process would)."""
    histories, scripts = {}, []
    for name, make in JOBS.items():
        job = make()
        job["output_dir"] = str(tmp_path / f"worker_{name}")
        finished = run_job(client, job)[-1]
        assert finished["event"] == "finished", finished
        histories[name] = finished["history"]
        script = tmp_path / f"train_{name}.py"
        script.write_text(training_script(job, script.name), encoding="utf-8")
        scripts.append(str(script))
    runner = "import runpy, sys\nfor path in sys.argv[1:]:\n    runpy.run_path(path, run_name=" + (
        "'__main__')"
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": ""}
    result = subprocess.run(
        [sys.executable, "-c", runner, *scripts], capture_output=True, text=True, cwd=tmp_path,
        env=env, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    for name, history in histories.items():
        output = tmp_path / f"train_{name}_output"
        rows = logged(output / "training_log.csv")
        assert len(rows) == len(history["loss"])
        for epoch, row in enumerate(rows):
            for key in ("loss", "val_loss"):
                assert row[key] == pytest.approx(history[key][epoch], rel=1e-5), (name, key)
        assert (output / "model.weights.h5").is_file()


def test_the_memory_check_leaves_the_runs_initial_weights_as_the_seed_gives_them():
    """The worker counts a model's weights (a stateless build) after seeding, before it builds
    the model: the count must not move the random state, or a script that seeds and builds
    once starts from other weights and reaches another loss."""
    from engine.training.memory import check_memory

    config = digits_cnn()

    def initial_weights(count_first: bool) -> list:
        keras.backend.clear_session()
        keras.utils.set_random_seed(3)
        if count_first:
            check_memory(config, batch_size=50)
        return [w.numpy() for w in keras.models.model_from_json(json.dumps(config)).weights]

    for plain, counted in zip(initial_weights(False), initial_weights(True), strict=True):
        assert (plain == counted).all()
