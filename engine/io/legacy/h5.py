"""Legacy Keras 2 `.h5` files: full models (`model.save("m.h5")`) and weights (`save_weights`).

A Keras 2 `.h5` file holds the model's JSON in the `model_config` attribute and one group per
layer, `model_weights/<layer>/...`, whose `weight_names` attribute lists the layer's weights in
Keras 2's order: trainable weights first, then non-trainable ones (a nested model lists those of
all its layers). A weights-only file has the same layer groups at its root.

Everything is read with h5py in a child process (`engine.io.legacy.h5_contents`): libhdf5 can
crash on a damaged file, and that crash must not take the editor with it. No pickle, no Keras 2
code. Weights are matched to a Keras 3 model by layer name, then by order within the layer
(Keras 3 keeps Keras 2's per-layer order when it lists `trainable_weights +
non_trainable_weights`), and every shape is checked before anything is assigned, so a mismatch
leaves the model untouched.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import FormatError
from engine.io.isolated import run_reader
from engine.io.legacy.rebuild import build_keras3_config, convert_legacy_config
from engine.io.legacy.translate import is_legacy_config, keras3_name
from engine.model.keras_config import refuse_unsafe

_READER = "engine.io.legacy.h5_contents"


@dataclass(frozen=True)
class LayerWeights:
    """The saved weights of one layer, in the file's order."""

    name: str
    weight_names: tuple[str, ...]
    values: tuple[np.ndarray, ...]


@dataclass(frozen=True)
class WeightsH5:
    """The weights of a legacy `.h5` file, by layer name (in the file's layer order)."""

    layers: dict[str, LayerWeights] = field(default_factory=dict)
    keras_version: str | None = None

    def apply(self, model: Any) -> None:
        """Assigns the weights to a built Keras 3 model, matching layers by name.

        Args:
            model: A Keras 3 model whose layers have the names of the saved ones.

        Raises:
            FormatError: a layer is missing on either side, or a count or shape differs. Nothing
                is assigned in that case.
        """
        pairs = []
        model_layers = [layer for layer in model.layers if _legacy_order(layer)]
        for layer in model_layers:
            saved = self.layers.get(layer.name)
            if saved is None or not saved.values:
                raise FormatError(
                    f"Layer '{layer.name}' has weights in the model but none in the file. "
                    f"Received: layers with weights in the file: {self._names_with_weights()}"
                )
            pairs.extend(_match_layer(layer, saved))
        extra = sorted(set(self._names_with_weights()) - {layer.name for layer in model_layers})
        if extra:
            raise FormatError(
                "The file holds weights for layers the model does not have (or has without "
                f"weights). Received: {extra}"
            )
        for variable, value in pairs:
            variable.assign(value)

    def _names_with_weights(self) -> list[str]:
        return [name for name, saved in self.layers.items() if saved.values]


def read_legacy_h5(path: str | os.PathLike, allow_unsafe: bool = False) -> tuple[dict, WeightsH5]:
    """Reads a Keras 2 full-model `.h5` file (in a child process: see `engine.io.isolated`).

    Args:
        path: The `.h5` file written by Keras 2's `model.save`.
        allow_unsafe: Convert Lambda layers (their code runs when the model is loaded).

    Returns:
        The Keras 3 model config (as Keras 3's `model.to_json()` writes it) and the weights.

    Raises:
        FormatError: the file is not a readable Keras `.h5` model, or cannot be converted.
        DamagedFileError: reading the file crashed or stopped the child that read it.
        UnsafeContentError: the model holds a Lambda layer and `allow_unsafe` is False.
    """
    config = read_legacy_h5_config(path, allow_unsafe=allow_unsafe)
    return config, read_legacy_weights(path)


def read_legacy_h5_config(path: str | os.PathLike, allow_unsafe: bool = False) -> dict:
    """The Keras 3 model config of a Keras 2 full-model `.h5` file, without its weights.

    Raises:
        FormatError: as `read_legacy_h5`.
    """
    contents = run_reader(_READER, Path(path), "config").data
    raw = contents.get("model_config")
    if raw is None:
        raise FormatError(
            f"'{Path(path).name}' holds no model config (is it a weights-only file? Load it "
            f"into a model instead). Received: attributes {contents.get('attributes')}"
        )
    config = _parse_model_config(raw, path)
    if is_legacy_config(config):
        return convert_legacy_config(config, allow_unsafe=allow_unsafe)
    if not allow_unsafe:  # Keras 3 configs too: no Lambda code runs while building it
        refuse_unsafe(config)
    return build_keras3_config(config, allow_unsafe=allow_unsafe)


def read_legacy_weights(path: str | os.PathLike) -> WeightsH5:
    """Reads the weights of a Keras 2 `.h5` file, full-model or weights-only (in a child process).

    Raises:
        FormatError: the file is not a readable Keras `.h5` weights file.
        DamagedFileError: reading the file crashed or stopped the child that read it.
    """
    result = run_reader(_READER, Path(path), "weights")
    layers, position = {}, 0
    for entry in result.data["layers"]:
        count = len(entry["weight_names"])
        values = tuple(result.arrays[str(i)] for i in range(position, position + count))
        position += count
        # Keyed by the Keras 3 name, which the converted model's layer carries.
        name = keras3_name(entry["name"])
        layers[name] = LayerWeights(name, tuple(entry["weight_names"]), values)
    return WeightsH5(layers, result.data["keras_version"])


def apply_legacy_weights(model: Any, path: str | os.PathLike) -> None:
    """Loads the weights of a Keras 2 full-model `.h5` file into a built Keras 3 model.

    Raises:
        FormatError: the file cannot be read or its weights do not fit the model.
    """
    read_legacy_weights(path).apply(model)


def load_legacy_weights(model: Any, path: str | os.PathLike) -> None:
    """Loads a Keras 2 weights-only `.h5` file (from `save_weights`) into a built Keras 3 model.

    Full-model files are accepted too.

    Raises:
        FormatError: the file cannot be read or its weights do not fit the model.
    """
    read_legacy_weights(path).apply(model)


def _parse_model_config(text: str, path: str | os.PathLike) -> dict:
    try:
        config = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise FormatError(
            f"The model config in '{Path(path).name}' is not valid JSON. Received: {error}"
        ) from None
    if not isinstance(config, dict):
        raise FormatError(
            f"The model config in '{Path(path).name}' is not an object. "
            f"Received: {type(config).__name__}"
        )
    return config


def _legacy_order(layer: Any) -> list[Any]:
    # Keras 2 saved trainable weights first, then non-trainable ones (Keras 3's legacy loader
    # uses the same order).
    return list(layer.trainable_weights) + list(layer.non_trainable_weights)


def _match_layer(layer: Any, saved: LayerWeights) -> list[tuple[Any, np.ndarray]]:
    variables = _legacy_order(layer)
    if len(variables) != len(saved.values):
        raise FormatError(
            f"Layer '{layer.name}' has {len(variables)} weights in the model "
            f"({[tuple(v.shape) for v in variables]}) but {len(saved.values)} in the file. "
            f"Received: {list(saved.weight_names)}"
        )
    for variable, value, weight_name in zip(
        variables, saved.values, saved.weight_names, strict=True
    ):
        if tuple(variable.shape) != value.shape:
            raise FormatError(
                f"Layer '{layer.name}': weight '{variable.path}' has shape {tuple(variable.shape)} "
                f"in the model. Received: '{weight_name}' with shape {value.shape}"
            )
    return list(zip(variables, saved.values, strict=True))
