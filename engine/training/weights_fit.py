"""Say which layer a weights file does not fit.

Keras refuses a `.weights.h5` file that does not match the model with a message about variable
shapes or object counts, not about the user's layers. Its format is a tree of groups:
`layers/<key>/vars/<i>`, nested models `layers/<key>/layers/<key>/...`, where the key of each
layer is its class name in snake case, numbered in the order of `model.layers`
(`input_layer`, `input_layer_1`, `dense`, `dense_1`...), and `vars/<i>` are the layer's own
trainable then non-trainable variables. Walking the model's layers in the same order tells
which layer differs, in its own name.

Runs in the worker only (it reads the file with h5py, as Keras does, in that process).
"""

from __future__ import annotations

import re
from typing import Any


def describe_mismatch(model: Any, path: str) -> str | None:
    """The first layer of `model` that the weights at `path` do not fit, in words.

    Returns:
        A sentence naming the layer, or None when the file is not in Keras 3's format or no
        difference is found (then Keras's own message is all we know).
    """
    import h5py

    try:
        with h5py.File(path, "r") as store:
            layers = store.get("layers")
            if layers is None:
                return None
            return _compare(getattr(model, "layers", []), layers, "")
    except (OSError, KeyError, ValueError):
        return None


def snake_case(name: str) -> str:
    """Keras's `to_snake_case`: `Conv2D` -> `conv2d`, `MaxPooling2D` -> `max_pooling2d`."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def keys_of(layers: list[Any]) -> list[str]:
    """The file's group name of each layer, in order (class names numbered as Keras does)."""
    used: dict[str, int] = {}
    keys = []
    for layer in layers:
        name = snake_case(type(layer).__name__)
        if name in used:
            used[name] += 1
            name = f"{name}_{used[name]}"
        else:
            used[name] = 0
        keys.append(name)
    return keys


def _compare(layers: list[Any], group: Any, where: str) -> str | None:
    keys = keys_of(layers)
    for key, layer in zip(keys, layers, strict=True):
        name = f"{where}{layer.name}"
        inner = getattr(layer, "layers", None)
        if key not in group:
            if layer.weights:
                return f"The file has no weights for layer '{name}' ({type(layer).__name__})."
            continue
        if inner is not None and "layers" in group[key]:
            found = _compare(inner, group[key]["layers"], f"{name}/")
            if found:
                return found
            continue
        found = _compare_variables(layer, group[key], name)
        if found:
            return found
    extra = sorted(set(group) - set(keys))
    with_weights = [key for key in extra if _has_variables(group[key])]
    if with_weights:
        return (
            f"The file has weights for layers the model lacks (stored as {with_weights}); "
            f"the model's layers here are {[layer.name for layer in layers]}."
        )
    return None


def _compare_variables(layer: Any, group: Any, name: str) -> str | None:
    own = list(layer._trainable_variables) + list(layer._non_trainable_variables)
    needed = [tuple(v.shape) for v in own]
    stored_group = group.get("vars")
    stored = [tuple(stored_group[str(i)].shape) for i in range(len(stored_group or []))]
    if stored == needed:
        return None
    kind = type(layer).__name__
    return (
        f"Layer '{name}' ({kind}) differs: the file holds weights of shapes {_shapes(stored)}, "
        f"the model needs {_shapes(needed)}."
    )


def _has_variables(group: Any) -> bool:
    if not hasattr(group, "keys"):
        return True
    return any(_has_variables(group[key]) for key in group)


def _shapes(shapes: list[tuple[int, ...]]) -> str:
    if not shapes:
        return "none"
    return ", ".join("(" + ", ".join(str(d) for d in s) + ("," if len(s) == 1 else "") + ")"
                     for s in shapes)  # fmt: skip
