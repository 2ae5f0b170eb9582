"""`python main.py inspect`: a PNG per node, activations.npz and summary.json, clear refusals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests import keras_models, look_models

ROOT = Path(__file__).resolve().parents[2]


def inspect(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "inspect", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def digits_files(tmp_path_factory) -> tuple[Path, Path]:
    """(model JSON, its weights) of the digits CNN."""
    import keras

    folder = tmp_path_factory.mktemp("digits")
    keras.backend.clear_session()
    keras.utils.set_random_seed(5)
    model = look_models.digits_cnn()
    (folder / "cnn.json").write_text(model.to_json())
    model.save_weights(folder / "cnn.weights.h5")
    return folder / "cnn.json", folder / "cnn.weights.h5"


def test_writes_a_picture_per_node_the_arrays_and_the_summary(digits_files, tmp_path):
    from PIL import Image

    model_json, weights = digits_files
    out = tmp_path / "handout"
    done = inspect(str(model_json), "--data", "digits", "--sample", "3",
                   "--weights", str(weights), "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote 7 pictures, activations.npz and summary.json to {out}"
    names = ["image", "conv_1", "pool_1", "conv_2", "flatten", "hidden", "digit"]
    with np.load(out / "activations.npz") as archive:
        arrays = {key: archive[key] for key in archive.files}
    assert sorted(arrays) == sorted(f"{name}:0" for name in names)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["sample"]["index"] == 3 and summary["sample"]["description"] == "digits #3"
    for name in names:
        node = summary["nodes"][f"{name}:0"]
        array = arrays[f"{name}:0"]
        assert node["shape"] == list(array.shape) and array.shape[0] == 1
        assert node["min"] == pytest.approx(float(array.min()), abs=1e-6)
        assert node["max"] == pytest.approx(float(array.max()), abs=1e-6)
        assert node["mean"] == pytest.approx(float(array.mean()), abs=1e-6)
        assert node["zeros"] == pytest.approx(float(np.mean(array == 0)))
        assert (node["layer"], node["call"], node["png"]) == (name, 0, f"{name}.0.png")
        with Image.open(out / node["png"]) as picture:
            assert picture.format == "PNG" and min(picture.size) >= 40
    # the probabilities add up, and the pictures show what the weights computed
    assert arrays["digit:0"].sum() == pytest.approx(1.0, abs=1e-5)
    assert summary["predictions"]["digit"]["top"][0]["class"] == int(arrays["digit:0"].argmax())


def test_images_for_each_input_of_the_shared_vision_model(tmp_path):
    import keras
    from PIL import Image

    keras.backend.clear_session()
    (tmp_path / "vision.json").write_text(keras_models.s16_shared_vision().to_json())
    Image.fromarray(np.tri(40, dtype="uint8") * 255).save(tmp_path / "a.png")
    Image.new("RGB", (30, 30), (255, 255, 255)).save(tmp_path / "b.png")
    out = tmp_path / "out"
    done = inspect(str(tmp_path / "vision.json"), "--image", f"digit_a={tmp_path / 'a.png'}",
                   "--image", f"digit_b={tmp_path / 'b.png'}", "-o", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    with np.load(out / "activations.npz") as archive:
        a, b = archive["digit_a:0"], archive["digit_b:0"]
        inner = archive["vision:1/conv2d:0"]
    assert a.shape == b.shape == (1, 27, 27, 1)
    assert np.all(b == 1.0) and a[0, 0, -1, 0] == 0.0 and a[0, -1, 0, 0] == 1.0  # resized, grey
    assert inner.shape == (1, 25, 25, 64)
    assert (out / "vision.1__conv2d.0.png").is_file() and (
        out / "vision.0__flatten.0.png"
    ).is_file()
