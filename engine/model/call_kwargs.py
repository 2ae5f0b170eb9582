"""The keyword arguments Keras records for a call made without any.

When a layer is called, `Layer.__call__` fills in `training` (from the call signature's default)
and `mask` (None when no mask flows in), and both appear in `model.to_json()`. A call drawn in the
editor must record the same, or its export would differ from the same model written in Keras.

For a layer of the catalog the call signature comes from the catalog (no Keras needed, so layers
can be placed and wired while Keras loads); other classes (nested models, custom layers) are
asked of Keras itself.
"""

from __future__ import annotations

import inspect
from functools import cache
from typing import Any

from engine.model.graph import Layer


@cache
def _call_parameters(cls: type) -> tuple[tuple[str, Any], ...]:
    signature = inspect.signature(cls.call)
    return tuple(
        (name, param.default)
        for name, param in signature.parameters.items()
        if name != "self" and param.kind not in (param.VAR_POSITIONAL, param.VAR_KEYWORD)
    )


def _layer_class(layer: Layer) -> type | None:
    from engine.model.keras_objects import instantiate, keras

    if layer.body is not None:
        from keras.src.models.functional import Functional

        return keras().Sequential if layer.body.kind == "Sequential" else Functional
    try:
        return type(instantiate(layer))
    except Exception:
        return None


Signature = tuple[list[str], dict[str, Any]]  # call() names in order; defaults by name


def _catalog_signature(layer: Layer) -> Signature | None:
    """The call signature the catalog recorded for the layer's class (None if not a catalog
    class: a nested model, an op, a custom layer)."""
    from engine.catalog import UnknownLayerError, get_catalog

    if layer.body is not None or layer.module != "keras.layers" or layer.registered_name:
        return None
    try:
        spec = get_catalog().get(layer.class_name)
    except UnknownLayerError:
        return None
    if spec.class_name != layer.class_name:
        return None
    return list(spec.call_params), dict(spec.call_defaults)


def _keras_signature(layer: Layer) -> Signature | None:
    from engine.model.keras_objects import keras

    cls = _layer_class(layer)
    if cls is None or not issubclass(cls, keras().layers.Layer):
        return None
    params = {
        name: default
        for name, default in _call_parameters(cls)
        if default is not inspect.Parameter.empty
    }
    return [name for name, _ in _call_parameters(cls)], params


def default_call_kwargs(layer: Layer, tensor_args: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Keyword arguments Keras records for `layer` called on its tensors only.

    Args:
        layer: the layer called.
        tensor_args: names of the call parameters that receive tensors (default: the first).
    """
    signature = _catalog_signature(layer)
    if signature is None:
        signature = _keras_signature(layer)
    if signature is None:
        return {}  # ops and unknown classes record nothing
    names, params = signature
    if tensor_args is None:
        tensor_args = tuple(names[:1])
    kwargs: dict[str, Any] = {}
    if params.get("training") is not None:  # a default other than None (missing: no default)
        kwargs["training"] = params["training"]
    if len(tensor_args) == 1:
        if "mask" in params and params["mask"] is None:
            kwargs["mask"] = None
    else:
        for arg in tensor_args:
            if f"{arg}_mask" in params and params[f"{arg}_mask"] is None:
                kwargs[f"{arg}_mask"] = None
    return kwargs
