"""The keyword arguments Keras records for a call made without any.

When a layer is called, `Layer.__call__` fills in `training` (from the call signature's default)
and `mask` (None when no mask flows in), and both appear in `model.to_json()`. A call drawn in the
editor must record the same, or its export would differ from the same model written in Keras.
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


def default_call_kwargs(layer: Layer, tensor_args: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Keyword arguments Keras records for `layer` called on its tensors only.

    Args:
        layer: the layer called.
        tensor_args: names of the call parameters that receive tensors (default: the first).
    """
    from engine.model.keras_objects import keras

    cls = _layer_class(layer)
    if cls is None or not issubclass(cls, keras().layers.Layer):
        return {}  # ops and unknown classes record nothing
    params = dict(_call_parameters(cls))
    names = list(params)
    if tensor_args is None:
        tensor_args = tuple(names[:1])
    kwargs: dict[str, Any] = {}
    if params.get("training", inspect.Parameter.empty) not in (inspect.Parameter.empty, None):
        kwargs["training"] = params["training"]
    if len(tensor_args) == 1:
        if "mask" in params and params["mask"] is None:
            kwargs["mask"] = None
    else:
        for arg in tensor_args:
            if params.get(f"{arg}_mask", inspect.Parameter.empty) is None:
                kwargs[f"{arg}_mask"] = None
    return kwargs
