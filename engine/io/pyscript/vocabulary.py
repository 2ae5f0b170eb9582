"""The Keras vocabulary a script may use: which dotted names mean what, under every spelling.

A name is resolved to its canonical Keras 3 path first: `tf.keras`, `tensorflow.keras` and
`tf_keras` are Keras; Keras 2's module layout (`keras.layers.convolutional.Conv2D`,
`keras.layers.merge.concatenate`, `keras.engine.topology.Input`) maps to Keras 3's. Then the
object is classified by what calling it does (its `kind`):

- `layer`: a layer class, constructed with the script's arguments (Keras 2 ones translated);
- `input`, `model`, `sequential`: `keras.Input`, `keras.Model`, `keras.Sequential`;
- `object`: initializers, regularizers, constraints, dtype policies (constructed);
- `merge`, `op`, `activation`: functions applied to symbolic tensors (`concatenate`,
  `keras.ops.add`, `keras.activations.relu`);
- `deserialize`, `application`, `clear_session`, `int_shape`, `setting`, `seed`, `refused`:
  handled one by one in `engine.io.pyscript.keras_calls`.

Anything else in Keras (`keras.utils.to_categorical`, `keras.datasets...`) is data the running
script computes: it becomes an opaque value. Nothing outside Keras is ever imported.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
from typing import Any

from engine.io.pyscript.values import KerasName

# Prefixes that name Keras under another package, longest first.
_PACKAGE_ALIASES = (
    ("tensorflow.python.keras", "keras"),
    ("tensorflow.keras", "keras"),
    ("keras._tf_keras.keras", "keras"),
    ("tf_keras", "keras"),
    ("keras.api", "keras"),
    ("keras.layers.experimental.preprocessing", "keras.layers"),
    ("keras.layers.experimental", "keras.layers"),
    ("keras.engine.input_layer", "keras.layers"),
    ("keras.engine.topology", "keras.layers"),
    ("keras.engine.training", "keras.models"),
    ("keras.engine.functional", "keras.models"),
    ("keras.engine.sequential", "keras.models"),
    ("keras.engine", "keras"),
)
# Keras 2 spread keras.layers over submodules; Keras 3 keeps every layer in keras.layers.
LEGACY_LAYER_MODULES = frozenset(
    {
        "core",
        "convolutional",
        "convolutional_recurrent",
        "pooling",
        "recurrent",
        "recurrent_v2",
        "cudnn_recurrent",
        "merge",
        "embeddings",
        "normalization",
        "normalization_v2",
        "advanced_activations",
        "wrappers",
        "noise",
        "local",
        "dense_attention",
        "attention",
        "preprocessing",
        "reshaping",
        "regularization",
        "activation",
    }
)
MERGE_FUNCTIONS = frozenset(
    {"add", "subtract", "multiply", "average", "maximum", "minimum", "concatenate", "dot"}
)
# Layers that hold or load code or files: never constructed from a script.
REFUSED_LAYERS = {
    "Lambda": "a Lambda layer runs Python code written in the script",
    "TFSMLayer": "a TFSMLayer loads a SavedModel from disk",
}
# Calls that change Keras's global settings: the model would differ if they were skipped.
SETTINGS = frozenset(
    {
        "keras.backend.set_floatx",
        "keras.config.set_floatx",
        "keras.backend.set_image_data_format",
        "keras.config.set_image_data_format",
        "keras.backend.set_epsilon",
        "keras.config.set_epsilon",
        "keras.mixed_precision.set_global_policy",
        "keras.config.set_dtype_policy",
        "keras.config.enable_unsafe_deserialization",
    }
)
SEEDS = frozenset({"keras.utils.set_random_seed", "keras.random.set_seed"})
_SPECIAL = {
    "keras.backend.clear_session": "clear_session",
    "keras.utils.clear_session": "clear_session",
    "keras.layers.deserialize": "deserialize",
    "keras.saving.deserialize_keras_object": "deserialize",
    "keras.utils.deserialize_keras_object": "deserialize",
    "keras.backend.int_shape": "int_shape",  # Keras 2's; Keras 3 reads `x.shape`
    "keras.layers.merge": "legacy_merge",  # Keras 1's merge(mode=...), Keras 2's module
    "keras.backend.floatx": "pure",
    "keras.config.floatx": "pure",
    "keras.backend.image_data_format": "pure",
    "keras.config.image_data_format": "pure",
    "keras.backend.epsilon": "pure",
    "keras.config.epsilon": "pure",
}


def canonical(path: str) -> str:
    """The Keras 3 spelling of a dotted name (`tf.keras.layers.convolutional.Conv2D` ->
    `keras.layers.Conv2D`); names outside Keras come back unchanged."""
    for old, new in _PACKAGE_ALIASES:
        if path == old or path.startswith(old + "."):
            path = new + path[len(old) :]
            break
    parts = path.split(".")
    legacy = (
        len(parts) > 2 and parts[:2] == ["keras", "layers"] and parts[2] in LEGACY_LAYER_MODULES
    )
    if legacy and (len(parts) > 3 or parts[2] != "merge"):  # `keras.layers.merge`: see _SPECIAL
        del parts[2]
    return ".".join(parts)


def is_keras_path(path: str) -> bool:
    return path == "keras" or path.startswith("keras.")


class UnknownName(Exception):
    """A Keras name that does not exist; the message suggests the closest one."""


def resolve(path: str) -> KerasName | None:
    """The vocabulary entry of a canonical Keras path (None: it exists but is not vocabulary).

    Raises:
        UnknownName: nothing in Keras 3 has this name.
    """
    if path in _SPECIAL:
        return KerasName(path, _SPECIAL[path], _lookup(path, missing_ok=True))
    if path in SETTINGS:
        return KerasName(path, "setting")
    if path in SEEDS:
        return KerasName(path, "seed")
    obj = _lookup(path)
    if inspect.ismodule(obj):
        return KerasName(path, "module")
    kind = _kind(path, obj)
    return KerasName(path, kind, obj) if kind else None


def _lookup(path: str, missing_ok: bool = False) -> Any:
    """The object a Keras path names, through attributes or Keras's own submodules."""
    import keras

    parts = path.split(".")
    obj: Any = keras
    for index, part in enumerate(parts[1:], start=1):
        if part.startswith("_") or not part.isidentifier():
            raise UnknownName(f"`{path}` is not a public Keras name")
        if hasattr(obj, part):
            obj = getattr(obj, part)
            continue
        module = ".".join(parts[: index + 1])
        if inspect.ismodule(obj) and parts[1] == "src":
            try:  # Keras's own internal modules (generated scripts import classes from them)
                obj = importlib.import_module(module)
                continue
            except ImportError:
                pass
        if missing_ok:
            return None
        raise UnknownName(_unknown_message(path, obj, part))
    return obj


def _unknown_message(path: str, parent: Any, part: str) -> str:
    known = [n for n in dir(parent) if not n.startswith("_")]
    close = difflib.get_close_matches(part, known, n=1)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    return f"`{path}` does not exist in Keras 3{hint}"


def _kind(path: str, obj: Any) -> str | None:
    import keras

    if path.startswith("keras.applications.") and inspect.isfunction(obj):
        # model builders only (ResNet50...): decode_predictions & co. download files
        return "application" if path.rpartition(".")[2][:1].isupper() else None
    if inspect.isclass(obj):
        return _class_kind(obj, keras)
    if obj is keras.Input:
        return "input"
    module, _, name = path.rpartition(".")
    if module == "keras.layers" and name in MERGE_FUNCTIONS:
        return "merge"
    if (module == "keras.ops" or module.startswith("keras.ops.")) and callable(obj):
        return "op"
    if module == "keras.activations" and callable(obj) and name not in ("get", "serialize"):
        return "activation"
    return None


def _class_kind(cls: type, keras: Any) -> str | None:
    if issubclass(cls, keras.Sequential):
        return "sequential"
    if issubclass(cls, keras.Model):
        return "model" if cls.__name__ in ("Model", "Functional") else None
    if issubclass(cls, keras.layers.Layer):
        return "refused" if cls.__name__ in REFUSED_LAYERS else "layer"
    if issubclass(cls, keras.Operation):
        return "object"
    bases = (
        keras.initializers.Initializer,
        keras.regularizers.Regularizer,
        keras.constraints.Constraint,
        keras.DTypePolicy,
    )
    return "object" if issubclass(cls, bases) else None
