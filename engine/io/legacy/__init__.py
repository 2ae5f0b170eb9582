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

The package: `translate` (step one), `rebuild` (step two), `h5` (full-model and weights `.h5`
files, architecture and weights).
"""

from __future__ import annotations

from engine.io.legacy.rebuild import build_keras3_config, convert_legacy_config
from engine.io.legacy.translate import (
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
