"""Step two of the import: Keras 3 builds the translated config, unallocated, and writes it.

The result is exactly what Keras 3's `model.to_json()` writes; when Keras rejects the config,
the error names the first layer it cannot create.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterator

from engine.errors import FormatError
from engine.io.legacy.translate import (
    MODEL_CLASSES,
    _class_name,
    _layer_name,
    translate_legacy_config,
)


def build_keras3_config(translated: dict, allow_unsafe: bool = False) -> dict:
    """Builds a translated config with Keras 3 (no weights allocated) and serializes it again.

    Args:
        translated: The result of `translate_legacy_config`.
        allow_unsafe: Let Keras deserialize Lambda layers.

    Returns:
        What Keras 3's `model.to_json()` writes for the model.

    Raises:
        FormatError: Keras 3 rejects the config; the message names the first layer it rejects.
    """
    try:
        try:
            with _unallocated_variables():
                return _deserialized_json(translated, allow_unsafe)
        except ValueError as error:
            if "stateless scope" not in str(error):
                raise
            # A stateful RNN (the seed's S11) creates its states from concrete zeros, which a
            # stateless scope refuses: build that model for real (its weights are allocated, as
            # Keras's own loading would).
            return _deserialized_json(translated, allow_unsafe)
    except FormatError:
        raise
    except Exception as error:  # Keras raises many types; the culprit is found below.
        raise _locate_rejected_layer(translated, allow_unsafe, error) from error


def _deserialized_json(translated: dict, allow_unsafe: bool) -> dict:
    import keras

    # Keras pops keys from the config it builds: give it a copy, keep ours for errors.
    model = keras.saving.deserialize_keras_object(
        copy.deepcopy(translated), safe_mode=not allow_unsafe
    )
    return json.loads(model.to_json())


def _locate_rejected_layer(translated: dict, allow_unsafe: bool, error: Exception) -> FormatError:
    """Names the first layer Keras 3 cannot create, or describes the whole model's failure."""
    import keras

    for layer in _iter_layers(translated):
        class_name = layer.get("class_name")
        if layer.get("module") == "keras.layers" and not hasattr(keras.layers, class_name):
            return FormatError(
                f"Layer '{_layer_name(layer)}' has class '{class_name}', which Keras 3 does not "
                "provide (a custom layer, or one Keras 3 removed). "
                f"Received: class_name={class_name!r}"
            )
        try:
            with _unallocated_variables():
                keras.saving.deserialize_keras_object(
                    _without_graph(layer), safe_mode=not allow_unsafe
                )
        except Exception as layer_error:
            return FormatError(
                f"Layer '{_layer_name(layer)}' ({layer.get('class_name')}) cannot be loaded by "
                f"Keras 3. Received: {_first_line(layer_error)}"
            )
    name = translated.get("config", {}).get("name")
    return FormatError(
        f"Keras 3 cannot build the converted model '{name}'. Received: {_first_line(error)}"
    )


@contextlib.contextmanager
def _unallocated_variables() -> Iterator[None]:
    """A scope in which Keras creates variables without allocating them, and forgets them after.

    A plain `keras.StatelessScope` allocates every variable created inside it on exit (VGG16's
    138M weights: 6 s and 1.3 GB, against 0.2 s without). Keras keeps the uninitialized ones in
    a global list to allocate them on the next scope exit; the list is restored here so that
    the converted model's variables are never allocated.
    """
    import keras
    from keras.src.backend.common import global_state

    pending = list(global_state.get_global_attribute("uninitialized_variables") or [])
    try:
        with keras.StatelessScope(initialize_variables=False):
            yield
    finally:
        global_state.set_global_attribute("uninitialized_variables", pending)


def _iter_layers(model: dict) -> list[dict]:
    """All non-model layers of a translated model config, nested models included."""
    layers = []
    for layer in model.get("config", {}).get("layers", []):
        if _class_name(layer) in MODEL_CLASSES:
            layers.extend(_iter_layers(layer))
        else:
            layers.append(layer)
    return layers


def _without_graph(layer: dict) -> dict:
    return {k: v for k, v in layer.items() if k not in ("inbound_nodes", "name")}


def _first_line(error: Exception, limit: int = 300) -> str:
    """The part of a Keras error message that says what is wrong, shortened."""
    text = str(error).strip() or type(error).__name__
    # Keras wraps the cause in "Error when deserializing ... Exception encountered: <cause>".
    text = text.rsplit("Exception encountered: ", 1)[-1].strip()
    line = text.splitlines()[0] if text else type(error).__name__
    return line if len(line) <= limit else line[: limit - 3] + "..."


def convert_legacy_config(cfg: dict, allow_unsafe: bool = False) -> dict:
    """Converts a Keras 2 model config into the Keras 3 config of the same model.

    Args:
        cfg: The parsed Keras 2 `model.to_json()`.
        allow_unsafe: Convert Lambda layers (their code runs when the model is loaded).

    Returns:
        The dict Keras 3's `model.to_json()` writes for the model; `keras.models.model_from_json`
        loads it.

    Raises:
        FormatError: `cfg` is not a model config, or a layer cannot be translated.
        UnsafeContentError: the model holds a Lambda layer and `allow_unsafe` is False.
    """
    translated = translate_legacy_config(cfg, allow_unsafe=allow_unsafe)
    return build_keras3_config(translated, allow_unsafe=allow_unsafe)
