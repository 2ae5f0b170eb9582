"""Engine speed, as ratios against Keras measured in the same run.

1. Import + shapes + parameter counts (our engine) vs `keras.models.model_from_json` (which
   builds and allocates every weight), on ResNet50, DenseNet201 and NASNetLarge. Target <= 0.2x.
2. One parameter edit in DenseNet201 (the classifier's units) then re-inference, vs a full
   re-inference of the same graph from scratch. Target <= 0.1x.

Run: `.venv/bin/python bench/bench_engine.py` (best of N runs each; the machine is shared).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.model.document import Document
from engine.model.keras_config import graph_from_config
from engine.model.keras_objects import keras
from engine.model.operations import set_params
from engine.model.shapes import ShapeEngine
from tests.keras_models import application_json_path

MODELS = ("ResNet50", "DenseNet201", "NASNetLarge")
REPEATS = 3


def best_of(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def ours(text: str) -> int:
    graph = graph_from_config(json.loads(text))
    engine = ShapeEngine()
    engine.infer(graph)
    return sum(engine.model_params(graph))


def theirs(text: str) -> int:
    k = keras()
    model = k.models.model_from_json(text)
    count = model.count_params()
    k.backend.clear_session()
    return count


def bench_import() -> None:
    print("1. import + shapes + params vs keras.models.model_from_json (target <= 0.20x)")
    for name in MODELS:
        text = application_json_path(name).read_text()
        assert ours(text) == theirs(text), f"{name}: parameter counts differ"
        t_ours = best_of(lambda text=text: ours(text))
        t_keras = best_of(lambda text=text: theirs(text))
        print(f"   {name:<12} ours {t_ours * 1000:8.1f} ms   keras {t_keras * 1000:8.1f} ms"
              f"   ratio {t_ours / t_keras:.3f}x")  # fmt: skip


def bench_edit() -> None:
    print("2. one parameter edit in DenseNet201 vs full re-inference (target <= 0.10x)")
    config = json.loads(application_json_path("DenseNet201").read_text())
    doc = Document(graph_from_config(config))
    doc.results()
    dense = doc.graph.layer_by_name("predictions")
    units = [1000]

    def edit() -> None:
        units[0] = 1001 if units[0] == 1000 else 1000
        doc.apply(set_params(doc.graph, dense.id, units=units[0]))
        doc.results()
        sum(doc.shapes.model_params(doc.graph))

    def full() -> None:
        doc.shapes = ShapeEngine()
        doc.results()
        sum(doc.shapes.model_params(doc.graph))

    t_edit = best_of(edit, 5)
    t_full = best_of(full)
    ratio = t_edit / t_full
    print(f"   edit {t_edit * 1000:8.1f} ms   full {t_full * 1000:8.1f} ms   ratio {ratio:.3f}x")


if __name__ == "__main__":
    keras()  # the import itself is not what we measure
    bench_import()
    bench_edit()
