"""Activations of every node for one sample against one `predict` of that sample.

For each model (ResNet50 from keras.applications with random weights, the digits CNN) in one
process: a cold `model.predict(x)` (its first call traces a predict function) against the
first look (`Looker.run`: building the probe and one eager forward pass through every node),
then warm calls of both (median of 5): `predict` again, and a look that reuses the probe's
compiled predict function, as the looks during a fit do. Writing the npz archives is timed
apart (the window reads them; the target is about the forward pass). Target: ratio <= 2.

    .venv/bin/python bench/bench_activations.py [--models ResNet50 digits_cnn]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(name: str):
    import keras

    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    if name == "digits_cnn":
        from tests.look_models import digits_cnn

        return digits_cnn()
    from tests.keras_models import application_config

    return keras.models.model_from_json(json.dumps(application_config(name)))


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bench(name: str) -> None:
    import numpy as np

    from engine.training.look import results
    from engine.training.look.activations import Looker
    from engine.training.look.sample import Sample
    from engine.training.signature import signature_from_model

    model = build(name)
    config = json.loads(model.to_json())
    signature = signature_from_model(model, config)
    spec = signature.inputs[0]
    x = np.random.default_rng(0).random((1, *spec.shape[1:])).astype("float32")
    sample = Sample({spec.name: x[0]})
    folder = Path(tempfile.mkdtemp(prefix="bench-look-"))
    cold_predict = timed(lambda: model.predict(x, verbose=0))
    looker: list = []
    cold_look = timed(lambda: looker.append(Looker(model, signature, folder).run(sample)))
    warm_predict = statistics.median(timed(lambda: model.predict(x, verbose=0)) for _ in range(5))
    compiled = Looker(model, signature, folder)
    compiled.looks = 1  # as during a fit, after the first look: the compiled predict function
    trace = timed(lambda: compiled.run(sample))
    warm_look = statistics.median(timed(lambda: compiled.run(sample)) for _ in range(5))
    values = looker[0]
    size = sum(v.nbytes for v in values.values()) / 1e6
    write = timed(lambda: results.write_npz(folder / "activations.npz", values))
    print(
        f"{name}: {len(values)} node outputs, {size:.1f} MB\n"
        f"  cold: predict {cold_predict:.3f} s, every node {cold_look:.3f} s "
        f"(ratio {cold_look / cold_predict:.2f})\n"
        f"  warm: predict {warm_predict:.4f} s, every node {warm_look:.4f} s "
        f"(ratio {warm_look / warm_predict:.2f}); the looks' trace {trace:.3f} s once; "
        f"writing the npz {write:.3f} s",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", nargs="+", default=["ResNet50", "digits_cnn"])
    args = parser.parse_args()
    for name in args.models:
        bench(name)


if __name__ == "__main__":
    main()
