"""Import of legacy Keras 2 model configs (tf.keras <= 2.15, tf_keras) into Keras 3 form.

Keras 2's `model.to_json()` differs from Keras 3's in ways the public Keras 3 API does not
bridge: no top-level `module`, `batch_input_shape`, `time_major`, `groups` on depthwise
convolutions, BatchNormalization `axis` as a list, list-of-lists `inbound_nodes`, node indices of
nested models shifted by one (a nested Keras 2 model keeps the node of its own construction), ...

Conversion runs in two steps. `translate_legacy_config` rewrites the dict so that Keras 3 can
deserialize it (pure dict work, no Keras). `convert_legacy_config` then lets Keras 3 build that
dict without allocating its weights and serializes the model again, so the result is exactly
what Keras 3's `model.to_json()` would write, shapes and dtypes of every `__keras_tensor__`
included. What cannot be translated raises `FormatError`, naming the layer.

The package: `translate` (step one), `rebuild` (step two); the `.h5` half is
`engine.legacy_h5`. Import from `engine.legacy`.
"""

from __future__ import annotations

from typing import Any

from engine.legacy.rebuild import build_keras3_config
from engine.legacy.translate import (
    MODEL_CLASSES,
    is_legacy_config,
    keras3_name,
    translate_legacy_config,
)

__all__ = [
    "MODEL_CLASSES",
    "build_keras3_config",
    "convert_legacy_config",
    "is_legacy_config",
    "keras3_name",
    "translate_legacy_config",
]


_H5_API = frozenset(
    {"WeightsH5", "read_legacy_h5", "read_legacy_weights", "apply_legacy_weights",
     "load_legacy_weights"}
)  # fmt: skip


def __getattr__(name: str) -> Any:
    """The `.h5` half lives in `engine.legacy_h5`; `from engine.legacy import ...` finds it too."""
    if name in _H5_API:
        from engine import legacy_h5

        return getattr(legacy_h5, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
