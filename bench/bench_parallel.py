"""Data-parallel training and the backends: samples per second of the same fit.

The digits CNN (scikit-learn's 8x8 digits, a small convolutional network) trains through our
worker, the same job each time but for where it runs:

    tensorflow            one worker, TensorFlow backend
    jax                   one worker, JAX backend
    jax, 2 devices        one worker over two CPU devices (XLA_FLAGS), DataParallel
    jax, 2 processes      the local launcher, two workers, DataParallel across processes

Samples per second are measured from the epoch events (the median epoch after the first, which
compiles), so process start-up and Keras's import do not count; they are printed apart, as the
time from submitting the job to its `started` event. Ratios: JAX against TensorFlow, and the
speed-up of 2 processes over 1 with its efficiency (speed-up / 2). The machine's cores are shared
by both processes: on 2 cores expect little gain (each process also runs its own threads).

    .venv/bin/python bench/bench_parallel.py [--epochs 6] [--batch-size 64] [--repeats 1]
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.training import TrainingClient, make_job  # noqa: E402

SETUPS: dict[str, dict[str, Any]] = {
    "tensorflow": {"backend": "tensorflow"},
    "jax": {"backend": "jax"},
    "jax, 2 devices": {
        "backend": "jax",
        "env": {"XLA_FLAGS": "--xla_force_host_platform_device_count=2"},
    },
    "jax, 2 processes": {"backend": "jax", "distribution": {"num_processes": 2}},
}


def digits_cnn() -> dict[str, Any]:
    import keras
    from keras import layers

    image = keras.Input(shape=(8, 8, 1), name="image")
    x = layers.Conv2D(32, 3, activation="relu", padding="same")(image)
    x = layers.Conv2D(32, 3, activation="relu", padding="same")(x)
    x = layers.MaxPooling2D()(x)
    x = layers.Flatten()(x)
    x = layers.Dense(64, activation="relu")(x)
    digit = layers.Dense(10, activation="softmax", name="digit")(x)
    return json.loads(keras.Model(image, digit, name="digits_cnn").to_json())


def measure(name: str, config: dict[str, Any], epochs: int, batch_size: int) -> dict[str, float]:
    setup = SETUPS[name]
    job = make_job(
        config,
        backend=setup["backend"],
        data="digits",
        compile={"optimizer": "sgd", "learning_rate": 0.05},
        fit={"epochs": epochs, "batch_size": batch_size},
        distribution=setup.get("distribution"),
        save={"weights": False, "keras": False, "csv": False},
        batch_events_per_second=1,
    )
    submitted = time.perf_counter()
    started_after = 0.0
    samples = 0
    epoch_ends: list[float] = []
    with TrainingClient(env=setup.get("env")) as client:
        client.submit(job)
        for event in client.events(timeout=600):
            kind = event["event"]
            if kind == "started":
                started_after = time.perf_counter() - submitted
                samples = event["samples"]
            elif kind == "epoch":
                epoch_ends.append(event["elapsed"])
            elif kind == "error":
                raise RuntimeError(f"{name}: {event['message']}")
    durations = [b - a for a, b in itertools.pairwise(epoch_ends)]
    per_epoch = statistics.median(durations)
    return {"samples_per_second": samples / per_epoch, "start_seconds": started_after}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    config = digits_cnn()
    results: dict[str, list[dict[str, float]]] = {name: [] for name in SETUPS}
    for _ in range(args.repeats):
        for name in SETUPS:  # alternate, so that a busy moment does not favour one setup
            results[name].append(measure(name, config, args.epochs, args.batch_size))
    speed = {n: statistics.median(r["samples_per_second"] for r in rs) for n, rs in results.items()}
    start = {n: statistics.median(r["start_seconds"] for r in rs) for n, rs in results.items()}
    print(f"digits CNN, {args.epochs} epochs, global batch {args.batch_size}, SGD")
    for name in SETUPS:
        print(f"  {name:18s} {speed[name]:9.0f} samples/s   start {start[name]:5.1f} s")
    speedup = speed["jax, 2 processes"] / speed["jax"]
    print(f"JAX / TensorFlow speed:               {speed['jax'] / speed['tensorflow']:.2f}x")
    print(f"2 processes / 1 process (JAX):        {speedup:.2f}x (efficiency {speedup / 2:.0%})")
    two_devices = speed["jax, 2 devices"] / speed["jax"]
    print(f"2 devices in 1 process / 1 device:    {two_devices:.2f}x")


if __name__ == "__main__":
    main()
