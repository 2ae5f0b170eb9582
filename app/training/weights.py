"""Weights files of a trained model: legacy Keras 2 `.h5` import and image samples for predict.

These run in a background thread: they import Keras or scikit-learn, which takes seconds the
first time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from app.training.results import GRID_SAMPLES, class_of, image_of


def convert_legacy_weights(model_config: dict[str, Any], h5_path: str, out_dir: Path) -> dict:
    """Load Keras 2 weights into the model and save them as `.weights.h5` and `.keras`.

    Returns:
        {"weights": path, "keras": path} of the converted files.

    Raises:
        FormatError: the file's weights do not fit the model (nothing is written then).
    """
    import keras

    from engine.io.legacy.h5 import load_legacy_weights

    model = keras.models.model_from_json(_json(model_config))
    load_legacy_weights(model, h5_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = Path(h5_path).name.removesuffix(".h5").removesuffix(".hdf5")
    files = {
        "weights": str(out_dir / f"{stem}.weights.h5"),
        "keras": str(out_dir / f"{stem}.keras"),
    }
    model.save_weights(files["weights"])
    model.save(files["keras"])
    return files


def image_samples(started: dict[str, Any], job: dict[str, Any], predictions_path: str) -> dict:
    """The first samples of a predict job's data as images, with predicted and true classes.

    Args:
        started: the job's `started` event (the model's input and output shapes by name).
        job: the predict job (its data spec and seed).
        predictions_path: the `.npz` of predictions the worker saved.

    Returns:
        {"images": [...], "predicted": [...], "true": [...]}; empty lists when the data is not
        one input of images.
    """
    from engine.training.data import load_data
    from engine.training.signature import ModelSignature, TensorSpec

    inputs = [TensorSpec(n, tuple(s), "float32") for n, s in started["inputs"].items()]
    outputs = [TensorSpec(n, tuple(s), "float32") for n, s in started["outputs"].items()]
    empty: dict[str, list] = {"images": [], "predicted": [], "true": []}
    if len(inputs) != 1 or len(outputs) != 1:
        return empty
    data = load_data(job["data"], ModelSignature(tuple(inputs), tuple(outputs)), seed=job["seed"])
    x = data.x[inputs[0].name][:GRID_SAMPLES]
    images = [image_of(sample) for sample in x]
    if not images or any(image is None for image in images):
        return empty
    with np.load(predictions_path) as stored:
        predicted = stored[outputs[0].name][: len(images)]
    targets = data.y.get(outputs[0].name)
    return {
        "images": images,
        "predicted": [class_of(row) for row in predicted],
        "true": [class_of(row) for row in targets[: len(images)]]
        if targets is not None
        else [None] * len(images),
    }


def _json(config: dict[str, Any]) -> str:
    import json

    return json.dumps(config)
