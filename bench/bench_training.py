"""Training through our worker against a plain Keras script: the cost of streaming.

The same model (the seed's MLP), the same data (one .npz file) and the same epochs are trained
(a) by a plain script that calls `model.fit` and (b) by `python -m engine.training.worker`
through `TrainingClient`, which streams batch events (at most 10 a second) and epoch events,
writes a CSV log and saves the weights and the `.keras` file. Both run in a fresh subprocess,
alternately, several times; we print the medians and the ratio b / a (target: <= 1.03).

Two figures: the fit alone (timed inside each process around `fit`), and the whole run as a
user waits for it (process start, Keras import, model build, fit, saving).

    .venv/bin/python bench/bench_training.py [--epochs 8] [--samples 40000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.training import TrainingClient, make_job  # noqa: E402

PLAIN_SCRIPT = """
import json, sys, time
import keras
import numpy as np

model_path, data_path = sys.argv[1], sys.argv[2]
epochs, batch_size = int(sys.argv[3]), int(sys.argv[4])
model = keras.models.model_from_json(open(model_path).read())
with np.load(data_path) as data:
    x, y = data["features"], data["predictions"]
keras.utils.set_random_seed(0)
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
start = time.perf_counter()
model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0)
print(json.dumps({"fit_seconds": time.perf_counter() - start}))
"""


def mlp_config() -> dict:
    """The seed's MLP (tests/keras_models.py, S9), its output named for the data file."""
    import keras
    from keras import layers

    inputs = keras.Input(shape=(20,), name="features")
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dropout(0.5)(x)
    x = layers.Dense(64, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
    return json.loads(keras.Model(inputs, outputs, name="mlp").to_json())


def write_data(path: Path, samples: int) -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    features = rng.standard_normal((samples, 20)).astype("float32")
    labels = np.eye(10, dtype="float32")[rng.integers(0, 10, samples)]
    np.savez(path, features=features, predictions=labels)


def run_plain(
    model_path: Path, data_path: Path, epochs: int, batch_size: int
) -> tuple[float, float]:
    """(fit seconds, whole-run seconds) of the plain script."""
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            PLAIN_SCRIPT,
            str(model_path),
            str(data_path),
            str(epochs),
            str(batch_size),
        ],
        capture_output=True,
        text=True,
        check=True,
        env=_env(),
    )
    total = time.perf_counter() - start
    return json.loads(done.stdout.strip().splitlines()[-1])["fit_seconds"], total


def run_worker(job: dict) -> tuple[float, float, int]:
    """(fit seconds, whole-run seconds, batch events) through a fresh worker."""
    start = time.perf_counter()
    batches = 0

    def count(event: dict) -> None:
        nonlocal batches
        batches += event["event"] == "batch"

    with TrainingClient(env=_env()) as client:
        finished = client.run(job, on_event=count)
        total = time.perf_counter() - start
    return finished["fit_seconds"], total, batches


def _env() -> dict[str, str]:
    return {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--samples", type=int, default=40000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-training-") as tmp:
        folder = Path(tmp)
        config = mlp_config()
        model_path, data_path = folder / "mlp.json", folder / "data.npz"
        model_path.write_text(json.dumps(config))
        write_data(data_path, args.samples)
        job = make_job(
            config,
            data=str(data_path),
            compile={
                "optimizer": "adam",
                "loss": "categorical_crossentropy",
                "metrics": ["accuracy"],
            },
            fit={"epochs": args.epochs, "batch_size": args.batch_size},
            output_dir=str(folder / "run"),
        )
        steps = -(-args.samples // args.batch_size)
        print(
            f"MLP (seed S9), {args.samples} samples, {args.epochs} epochs, "
            f"batch {args.batch_size} ({steps} steps/epoch), {args.repeats} runs each"
        )
        plain, ours = [], []
        for repeat in range(args.repeats):
            plain.append(run_plain(model_path, data_path, args.epochs, args.batch_size))
            ours.append(run_worker(job))
            print(
                f"  run {repeat + 1}: plain fit {plain[-1][0]:.2f} s (total {plain[-1][1]:.2f} s)"
                f" | worker fit {ours[-1][0]:.2f} s (total {ours[-1][1]:.2f} s, "
                f"{ours[-1][2]} batch events)"
            )
    for label, index in (("fit only", 0), ("whole run", 1)):
        a = statistics.median(run[index] for run in plain)
        b = statistics.median(run[index] for run in ours)
        print(f"{label:>9}: plain {a:.2f} s, worker {b:.2f} s, ratio {b / a:.3f} (target <= 1.03)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
