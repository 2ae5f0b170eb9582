"""Python scripts through the command line: every command that takes IN reads a `.py` without
running it, `--model NAME` picks one of several models, a script that stops says where, and a
script's model exports for deployment (on TensorFlow, said plainly on another backend)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.cli.in_process import run_in_process

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "seed_scripts"
AUTOENCODER = textwrap.dedent("""
    import keras
    from keras import layers
    x_in = keras.Input((12,), name="x")
    encoder = keras.Model(x_in, layers.Dense(3, name="code")(x_in), name="encoder")
    z_in = keras.Input((3,), name="z")
    decoder = keras.Model(z_in, layers.Dense(12, name="rebuilt")(z_in), name="decoder")
    inputs = keras.Input((12,), name="inputs")
    autoencoder = keras.Model(inputs, decoder(encoder(inputs)), name="autoencoder")
    autoencoder.fit(x_train, x_train, epochs=50)
""")


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    """A real `python main.py` (its own backend), for what only a process shows."""
    environment = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**environment, "PYTHONPATH": str(ROOT), **env},
    )


@pytest.fixture(scope="module")
def script(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scripts") / "autoencoder.py"
    path.write_text(AUTOENCODER, encoding="utf-8")
    return path


def test_export_picks_a_model_by_name_and_summary_takes_the_last(script, tmp_path):
    output = str(tmp_path / "e.json")
    result = run_in_process("export", str(script), "--model", "encoder", "-o", output)
    assert result.returncode == 0, result.stderr
    config = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    assert config["config"]["name"] == "encoder"
    assert [e["config"]["name"] for e in config["config"]["layers"]] == ["x", "code"]
    assert "note: line 10: `autoencoder.fit(...)` runs when the script runs" in result.stderr
    assert "opened encoder (line 5)" in result.stderr
    summary = run_in_process("summary", str(script))
    assert summary.returncode == 0, summary.stderr
    assert 'Model: "autoencoder"' in summary.stdout
    assert "Total params: 87" in summary.stdout  # 12*3+3 + 3*12+12
    assert "(choose one with --model NAME)" in summary.stderr


def test_an_unknown_model_and_a_script_that_stops_exit_2_with_the_line(script):
    unknown = run_in_process("check", str(script), "--model", "vae")
    assert unknown.returncode == 2
    assert "no model named 'vae'. Its models: encoder, decoder, autoencoder" in unknown.stderr
    stops = run_in_process("check", str(SEED / "s17_vqa.py"))
    assert stops.returncode == 2
    assert "error: 's17_vqa.py', line 27: `encoded_question` is not defined yet" in stops.stderr


def test_a_scripts_model_exports_to_onnx_and_another_backend_is_refused_plainly(tmp_path):
    output = tmp_path / "mlp.onnx"
    result = run("export", str(SEED / "s09_mlp.py"), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ONNX written to {output}")
    import onnxruntime

    session = onnxruntime.InferenceSession(str(output), providers=["CPUExecutionProvider"])
    feed = {session.get_inputs()[0].name: [[0.5] * 100] * 2}
    import numpy as np

    (scores,) = session.run(None, {k: np.asarray(v, "float32") for k, v in feed.items()})
    assert scores.shape == (2, 10)
    on_jax = run("export", str(SEED / "s09_mlp.py"), "-o", str(tmp_path / "j.onnx"),
                 KERAS_BACKEND="jax")  # fmt: skip
    assert on_jax.returncode == 1
    assert (
        "error: Deployment exports run on Keras's TensorFlow backend; this process runs jax. "
        "Run it again with KERAS_BACKEND=tensorflow." in on_jax.stderr
    )
    assert not (tmp_path / "j.onnx").exists()
