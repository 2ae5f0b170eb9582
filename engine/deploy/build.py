"""The Keras model to export: built from its config, given its weights, called once.

The weights are a run's (`.weights.h5`, a `.keras` archive, or a legacy Keras 2 `.h5` weights
file) or fresh ones, initialized from a seed so that two exports of an untrained model agree.
Keras's ONNX exporter refuses a model that was never called, so the model is called once on
dummy inputs; stateful RNNs are reset after that call, so the artifact starts from the same
state as the model it is compared with. Imports Keras: runs in the export worker (or the CLI).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import KerasCanvasError

VERIFY_SAMPLES = 4


class ExportError(KerasCanvasError):
    """The model cannot be exported in this format, or its artifact does not match it."""


def build_model(config: dict[str, Any], weights: str | None, seed: int = 0) -> Any:
    """A Keras model for `config`, with the weights in `weights` (None: fresh, from `seed`).

    Raises:
        ExportError: Keras cannot build the model, or the weights do not fit it.
    """
    import keras

    keras.utils.set_random_seed(seed)
    try:
        model = keras.models.model_from_json(json.dumps(config))
    except Exception as exc:  # Keras raises many types here; all mean "bad model"
        raise ExportError(f"Keras cannot build the model: {exc}") from exc
    if weights:
        load_weights(model, Path(weights))
    return model


def load_weights(model: Any, path: Path) -> None:
    if not path.is_file():
        raise ExportError(f"The weights file does not exist. Received: {path}")
    name = path.name.lower()
    try:
        if name.endswith((".weights.h5", ".keras")):
            model.load_weights(str(path))
        elif name.endswith((".h5", ".hdf5")):
            from engine.io.legacy.h5 import load_legacy_weights

            load_legacy_weights(model, str(path))
        else:
            raise ExportError(
                "Weights must be a .weights.h5 or .keras file (or a Keras 2 .h5). "
                f"Received: {path.name}"
            )
    except KerasCanvasError:
        raise
    except (ValueError, OSError, KeyError) as exc:
        raise ExportError(f"The weights in {path.name} do not fit the model: {exc}") from exc


def sample_inputs(model: Any, config: dict[str, Any], samples: int = VERIFY_SAMPLES) -> list:
    """Random inputs that fit the model, one array per input in the model's order (tokens below
    an Embedding's `input_dim`, a stateful model's fixed batch size)."""
    from engine.training.data import dummy_data
    from engine.training.signature import signature_from_model

    signature = signature_from_model(model, config)
    rows = signature.fixed_batch_size or samples
    data = dummy_data(signature, rows, seed=1)
    arrays = []
    for spec in signature.inputs:
        if spec.dtype == "string":
            arrays.append(np.full(data.x[spec.name].shape, "", dtype=object))
        else:
            arrays.append(np.asarray(data.x[spec.name]).astype(spec.dtype))
    return arrays


def as_model_input(model: Any, arrays: list) -> Any:
    """The arrays in the structure the model is called with (one array, or a list)."""
    return arrays[0] if len(model.inputs) == 1 else list(arrays)


def call_once(model: Any, arrays: list) -> None:
    """Call the model on its inputs' first row: a model never called cannot become ONNX."""
    first = [a[:1] if not _fixed_batch(model) else a for a in arrays]
    model(as_model_input(model, first), training=False)
    reset_states(model)


def predictions(model: Any, arrays: list) -> list[np.ndarray]:
    """Keras's outputs for `arrays`, as a flat list in output order."""
    import keras

    outputs = model(as_model_input(model, arrays), training=False)
    reset_states(model)
    return [np.asarray(keras.ops.convert_to_numpy(o)) for o in keras.tree.flatten(outputs)]


def reset_states(model: Any) -> None:
    for layer in all_layers(model):
        if getattr(layer, "stateful", False) and hasattr(layer, "reset_state"):
            layer.reset_state()


def all_layers(model: Any, depth: int = 0) -> list:
    """Every layer of the model, nested models' layers included."""
    found = []
    for layer in getattr(model, "layers", []):
        found.append(layer)
        if depth < 50 and hasattr(layer, "layers"):
            found += all_layers(layer, depth + 1)
    return found


def _fixed_batch(model: Any) -> bool:
    return any(t.shape and t.shape[0] is not None for t in model.inputs)
