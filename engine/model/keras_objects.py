"""Live Keras objects for serialized layers: deserialized once, never built with real weights.

Keras is imported lazily here (about 3 s) so that nothing on the window's start-up path pays it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from typing import Any

from engine.errors import FormatError
from engine.model.graph import Layer


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Hide what TensorFlow's C++ code prints while it loads (CUDA probing on a CPU machine).

    Those lines ignore TF_CPP_MIN_LOG_LEVEL and would bury our own messages.
    """
    try:
        saved = os.dup(2)
    except OSError:  # no real stderr (e.g. a GUI without console)
        yield
        return
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def keras():
    """The keras module, imported on first use."""
    if "keras" not in sys.modules:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        with _native_stderr_silenced():
            import keras as keras_module

            if keras_module.backend.backend() == "tensorflow":
                # TensorFlow probes for CUDA on first device use, not at import: probe it here,
                # where its "failed call to cuInit" on a machine without a GPU is hidden too
                import tensorflow as tf

                tf.config.list_physical_devices()
    return sys.modules["keras"]


def serialized(layer: Layer) -> dict[str, Any]:
    return {
        "module": layer.module,
        "class_name": layer.class_name,
        "config": layer.config,
        "registered_name": layer.registered_name,
    }


_classes: dict[tuple[str | None, str, str | None], type] = {}


def settings_problem(layer: Layer, changes: dict[str, Any]) -> str | None:
    """Why Keras refuses to create `layer` with `changes` in its config, or None if it accepts.

    The inspector asks as the user types (`units=-5`: "Received an invalid value for `units`,
    expected a positive integer. Received: units=-5"), before anything changes in the model.
    The answer is Keras's own complaint, without the config dump around it.
    """
    if layer.body is not None or layer.is_input or layer.is_op:
        return None  # nested models, inputs and ops have checks of their own
    candidate = Layer(
        id=layer.id,
        class_name=layer.class_name,
        config={**layer.config, **changes},
        module=layer.module,
        registered_name=layer.registered_name,
    )
    try:
        instantiate(candidate)
    except Exception as exc:  # whatever Keras raises for a refused setting
        cause = exc.__cause__ if isinstance(exc, FormatError) and exc.__cause__ else exc
        text = str(cause).strip() or type(cause).__name__
        return text.rsplit("Exception encountered:", 1)[-1].strip()
    return None


def instantiate(layer: Layer) -> Any:
    """A fresh, unbuilt Keras object for `layer` (raises FormatError if Keras cannot load it)."""
    k = keras()
    identity = (layer.module, layer.class_name, layer.registered_name)
    # Keras keeps references to the config it is given: give it a private copy
    config = json.loads(json.dumps(layer.config))
    cls = _classes.get(identity)
    if cls is not None:
        # the class is known: skip deserialize_keras_object's per-call lookup (about 1 ms each)
        return cls.from_config(config)
    try:
        obj = k.saving.deserialize_keras_object({**serialized(layer), "config": config})
    except Exception as exc:  # Keras raises TypeError/ValueError/ImportError... for unknown layers
        raise FormatError(
            f"Keras cannot create layer '{layer.name}' ({layer.class_name}): {exc}"
        ) from exc
    _classes[identity] = type(obj)
    return obj
