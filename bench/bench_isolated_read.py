"""What reading a legacy `.h5` in a child process costs, against reading it in this process.

Legacy `.h5` files are read by `python -m engine.io.legacy.h5_contents` (engine.io.isolated) so
that libhdf5 crashing on a damaged file cannot take the editor down. Measured on sound files
written by Keras (its legacy `.h5` layout): a small CNN (the seed's S10) and ResNet50 (98 MB of
weights). For each: the architecture (what opening the file reads) and all the weights (what
"Load Keras 2 weights" reads), in this process with the same functions vs in the child, and
the whole `read_model_config` of the file (conversion included) for scale.

Run: `.venv/bin/python bench/bench_isolated_read.py` (best of N runs each; the machine is shared).
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from engine.io.files import read_model_config
from engine.io.isolated import run_reader
from engine.io.legacy.h5_contents import read_config, read_weights
from tests.keras_models import SEED_MODELS

REPEATS = 3
READER = "engine.io.legacy.h5_contents"


def best_of(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def child_cpu(fn) -> float:
    """CPU seconds the child processes started by `fn` used (independent of the machine's load)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    fn()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def in_process(path: Path, what: str) -> None:
    import h5py

    with h5py.File(path, "r") as h5:
        if what == "config":
            read_config(h5)
        else:
            read_weights(h5, path.name, budget=2 * path.stat().st_size + 1024)


def write_models(folder: Path) -> dict[str, Path]:
    import keras

    models = {
        "S10 cnn": SEED_MODELS["S10_cnn"](),
        "ResNet50": keras.applications.ResNet50(weights=None),
    }
    paths = {}
    for name, model in models.items():
        paths[name] = folder / f"{name.replace(' ', '_')}.h5"
        model.save(paths[name])
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = write_models(Path(folder))
        print(
            f"{'file':<10} {'size':>8} {'read':<13} {'in process':>11} {'child':>8} "
            f"{'added':>7} {'child CPU':>10}"
        )
        for name, path in paths.items():
            size = f"{path.stat().st_size / 1e6:.1f} MB"
            for what in ("config", "weights"):
                inside = best_of(lambda p=path, w=what: in_process(p, w))
                child = best_of(lambda p=path, w=what: run_reader(READER, p, w))
                cpu = min(child_cpu(lambda p=path, w=what: run_reader(READER, p, w)) for _ in "ab")
                label = "architecture" if what == "config" else "all weights"
                print(
                    f"{name:<10} {size:>8} {label:<13} {inside:>10.3f}s {child:>7.3f}s "
                    f"{child - inside:>6.2f}s {cpu:>9.2f}s"
                )
            whole = best_of(lambda p=path: read_model_config(p))
            print(f"{name:<10} {size:>8} {'open (all)':<13} {'':>11} {whole:>7.3f}s")


if __name__ == "__main__":
    main()
