"""Live Keras objects for serialized layers: deserialized once, never built with real weights.

Keras is imported lazily here (about 3 s) so that nothing on the window's start-up path pays it.
"""

from __future__ import annotations

import json
from typing import Any

from engine.errors import FormatError
from engine.graph import Layer


def keras():
    """The keras module, imported on first use."""
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras as keras_module

    return keras_module


def serialized(layer: Layer) -> dict[str, Any]:
    return {
        "module": layer.module,
        "class_name": layer.class_name,
        "config": layer.config,
        "registered_name": layer.registered_name,
    }


def instantiate(layer: Layer) -> Any:
    """A fresh, unbuilt Keras object for `layer` (raises FormatError if Keras cannot load it)."""
    k = keras()
    try:
        # deserialize mutates nothing, but Keras keeps references: give it a private copy
        return k.saving.deserialize_keras_object(json.loads(json.dumps(serialized(layer))))
    except Exception as exc:  # Keras raises TypeError/ValueError/ImportError... for unknown layers
        raise FormatError(
            f"Keras cannot create layer '{layer.name}' ({layer.class_name}): {exc}"
        ) from exc
