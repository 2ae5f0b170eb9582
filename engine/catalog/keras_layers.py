"""Keras layer classes and instances built from the overlay's example arguments.

The lowest part of the catalog: `introspection` reads specs from these layers, and a
`LayerSpec` asks Keras for a config with overridden values through `instantiate_config`.
Keras is imported only when a function runs.
"""

from __future__ import annotations

import copy
import functools
import inspect
from typing import Any

from engine.catalog import overlay
from engine.catalog.params import json_form


@functools.cache
def layer_classes() -> dict[type, tuple[str, ...]]:
    """Returns each public layer class of `keras.layers` with its public names."""
    import keras

    classes: dict[type, list[str]] = {}
    for name in dir(keras.layers):
        obj = getattr(keras.layers, name)
        if (
            inspect.isclass(obj)
            and issubclass(obj, keras.layers.Layer)
            and obj.__name__ not in overlay.EXCLUDED
        ):
            classes.setdefault(obj, []).append(name)
    return {cls: tuple(names) for cls, names in classes.items()}


def class_named(class_name: str) -> type:
    classes = layer_classes()
    return next(c for c, names in classes.items() if class_name in (c.__name__, *names))


def make_example(value: Any) -> Any:
    """Builds the Keras objects an overlay example describes (fresh ones on every call)."""
    import keras

    if isinstance(value, overlay.Make):
        obj = functools.reduce(getattr, value.path.split("."), keras)
        return obj(**value.kwargs) if value.call else obj
    if isinstance(value, list):
        return [make_example(item) for item in value]
    return value


def init_params(cls: type) -> list[inspect.Parameter]:
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return [p for p in params if p.kind not in variadic]


def example_kwargs(cls: type) -> dict[str, Any]:
    """Returns the arguments the catalog builds a layer with: examples for required ones."""
    by_class = overlay.EXAMPLES_BY_CLASS.get(cls.__name__, {})
    kwargs = {
        p.name: make_example(overlay.EXAMPLES_BY_PARAM[p.name])
        for p in init_params(cls)
        if p.default is p.empty and p.name not in by_class
    }
    return {**kwargs, **{name: make_example(value) for name, value in by_class.items()}}


def instantiate_config(class_name: str, values: dict[str, Any]) -> dict[str, Any]:
    """Lets Keras build a layer from the example arguments and `values`; returns its config."""
    import keras

    cls = class_named(class_name)
    kwargs = {key: as_argument(keras, value) for key, value in values.items()}
    try:
        layer = cls(**{**example_kwargs(cls), **kwargs})
    except Exception as exc:
        received = ", ".join(f"{k}={v!r}" for k, v in values.items())
        raise ValueError(f"{class_name} cannot be built: {exc} Received: {received}") from None
    return json_form(layer.get_config())


def as_argument(keras: Any, value: Any) -> Any:
    """A serialized layer (or list of them) as the layer object a constructor wants."""
    if isinstance(value, list) and value and all(is_serialized_layer(v) for v in value):
        return [keras.layers.deserialize(copy.deepcopy(v)) for v in value]
    if is_serialized_layer(value):
        return keras.layers.deserialize(copy.deepcopy(value))
    return value


def is_serialized_layer(value: Any) -> bool:
    return isinstance(value, dict) and str(value.get("module", "")).startswith("keras.layers")
