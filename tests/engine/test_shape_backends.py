"""The window's shape engine runs on JAX (main.py): it must compute what it computes on
TensorFlow, tensor for tensor and weight for weight.

The seed's examples and a keras.applications model, as Keras writes them, are opened by the
shape engine twice: in a child process on the JAX backend and in this one on TensorFlow; both
export them (their shapes are in the export) and count their parameters. (The whole fixed-point
suite passes on both backends: `KERAS_BACKEND=jax pytest tests/engine/test_fixed_point.py`.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from engine.model.keras_config import graph_from_config, graph_to_config
from engine.model.shapes import ShapeEngine
from tests.keras_models import SEED_MODELS, application_config, ensure_applications, seed_config

ROOT = Path(__file__).resolve().parents[2]
APPLICATIONS = ("MobileNetV3Small",)

SCRIPT = """
import json, sys
import keras
from tests.engine.test_shape_backends import everything
assert keras.backend.backend() == "jax", keras.backend.backend()
with open(sys.argv[1]) as file:
    json.dump(everything(json.load(file)), sys.stdout)
"""


def everything(configs: dict[str, dict]) -> dict[str, dict]:
    """name -> {"export": the engine's Keras config, "params": (trainable, non-trainable)}."""
    out = {}
    for name, config in configs.items():
        graph, engine = graph_from_config(config), ShapeEngine()
        out[name] = {
            "export": graph_to_config(graph, engine),
            "params": list(engine.model_params(graph)),
        }
    return out


def test_jax_computes_every_shape_and_count_tensorflow_computes(tmp_path):
    ensure_applications(APPLICATIONS)
    configs = {name: seed_config(name) for name in sorted(SEED_MODELS)}
    configs.update({name: application_config(name) for name in APPLICATIONS})
    (tmp_path / "configs.json").write_text(json.dumps(configs))
    env = {**os.environ, "KERAS_BACKEND": "jax", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "configs.json")],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    on_jax = json.loads(done.stdout)
    on_tensorflow = json.loads(json.dumps(everything(configs)))  # tuples as JSON has them
    assert sorted(on_jax) == sorted(on_tensorflow)
    for name, expected in on_tensorflow.items():
        assert on_jax[name]["params"] == expected["params"], name
        assert on_jax[name]["export"] == expected["export"], name
