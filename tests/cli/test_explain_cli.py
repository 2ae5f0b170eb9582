"""`python main.py explain IN [--layer NAME] [--json]`, as a teacher or a tool calls it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.cli.in_process import run_in_process
from tests.keras_models import seed_config

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "resources" / "templates"
KEYS = {"name", "class_name", "weights", "total", "trainable", "non_trainable", "shape_rule"}


def run_process(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "explain", *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess:
    return run_in_process("explain", *args)


def test_every_layer_of_the_deeper_cnn_is_explained_with_its_numbers() -> None:
    result = run_process(str(TEMPLATES / "cnn_deeper.kcanvas"))  # as a real process
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "conv2d (Conv2D)\n═" in out and "What it does" in out and "Keras: 2D convolution" in out
    assert "height: ⌊(100 − 3) / 1⌋ + 1 = 98" in out
    assert "kernel 3×3×3×32 = 864 + bias 32 = 896" in out
    assert "features: 24 × 24 × 64 = 36,864" in out
    assert "kernel 36,864×256 = 9,437,184 + bias 256 = 9,437,440" in out
    assert out.count("\nParameters\n") == 11  # one section per layer, inputs included


def test_json_for_all_layers_adds_up_to_keras_count(tmp_path: Path) -> None:
    import keras

    path = tmp_path / "news.json"
    config = seed_config("S13_news_two_io")
    path.write_text(json.dumps(config))
    result = run(str(path), "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert all(set(record) >= KEYS for record in records)
    model = keras.models.model_from_json(json.dumps(config))
    assert [r["name"] for r in records] == [layer.name for layer in model.layers]
    for record in records:
        layer = model.get_layer(record["name"])
        assert record["total"] == layer.count_params() == sum(w["count"] for w in record["weights"])
        assert record["trainable"] + record["non_trainable"] == record["total"]
        assert [w["shape"] for w in record["weights"]] == [list(w.shape) for w in layer.weights]
    embedding = next(r for r in records if r["class_name"] == "Embedding")
    assert embedding["shape_rule"]["outputs"] == [[None, 100, 512]]
    assert embedding["shape_rule"]["from_keras"] is False


def test_one_shared_layer_as_json() -> None:
    result = run(str(TEMPLATES / "shared_lstm.kcanvas"), "--layer", "lstm", "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["name"], record["class_name"], record["total"]) == ("lstm", "LSTM", 82_176)
    assert [(w["name"], w["shape"], w["trainable"]) for w in record["weights"]] == [
        ("kernel", [256, 256], True),
        ("recurrent_kernel", [64, 256], True),
        ("bias", [256], True),
    ]
    assert len(record["calls"]) == 2
    assert all(call["outputs"] == [[None, 64]] for call in record["calls"])


def test_an_unknown_layer_or_file_is_refused_with_what_there_is(tmp_path: Path) -> None:
    result = run(str(TEMPLATES / "shared_lstm.kcanvas"), "--layer", "lsmt")
    assert result.returncode == 1
    assert "No such layer: lsmt" in result.stderr and "lstm" in result.stderr
    assert result.stdout == ""
    result = run(str(tmp_path / "missing.kcanvas"))
    assert result.returncode == 2 and "No such file" in result.stderr
