"""Keras 2 spellings in a script's calls, translated as the legacy JSON importer translates them.

Keras 2 let the first layer of a Sequential model declare the input (`input_dim=100`,
`input_shape=(100, 100, 3)`, `batch_input_shape=(32, 8, 16)`); the model then began with an
InputLayer named after that layer (`dense_input`), which is what the legacy importer
(`engine.io.legacy.translate`) rebuilds from a Keras 2 file, and what this reader builds from a
Keras 2 script. Settings Keras 3 dropped are left out where Keras 2's value changes nothing
(`Embedding(input_length=...)`), renamed where Keras 3 renamed them (`LeakyReLU(alpha=...)`), and
refused where they would change the model. Each translation is reported as a note.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from engine.io.legacy.translate import _DROPPED_KEYS, _FALSE_ONLY_KEYS

_INPUT_KEYS = ("input_dim", "input_shape", "batch_input_shape")
# Keras 1's merge(mode=...) and the Keras 3 function that does the same.
LEGACY_MERGE_MODES = {
    "sum": "add",
    "mul": "multiply",
    "ave": "average",
    "max": "maximum",
    "concat": "concatenate",
    "dot": "dot",
}


class LegacyError(ValueError):
    """A Keras 2 setting with no Keras 3 equivalent; the message says which."""


@dataclass
class LayerArgs:
    """A layer constructor's keyword arguments in Keras 3 form.

    Attributes:
        kwargs: what the Keras 3 class accepts.
        input_batch_shape: the input a Keras 2 first layer declared (batch dimension first), or
            None; a Sequential model begins with an InputLayer of this shape.
        notes: one sentence per translation.
    """

    kwargs: dict[str, Any]
    input_batch_shape: tuple | None = None
    notes: list[str] = field(default_factory=list)


@cache
def _explicit_parameters(cls: type) -> frozenset[str]:
    return frozenset(inspect.signature(cls.__init__).parameters)


def translate_layer_kwargs(cls: type, kwargs: dict[str, Any]) -> LayerArgs:
    """Keras 2 keyword arguments of a layer constructor in Keras 3 form.

    Raises:
        LegacyError: a setting Keras 3 cannot express (`time_major=True`...).
    """
    name = cls.__name__
    own = _explicit_parameters(cls)
    out = LayerArgs(dict(kwargs))
    args = out.kwargs
    if name == "InputLayer":
        _rename(out, "input_shape", "shape", own, name)
        _rename(out, "batch_input_shape", "batch_shape", own, name)
        return out
    declared = [key for key in _INPUT_KEYS if key in args and key not in own]
    if declared:
        out.input_batch_shape = _input_batch_shape(args, declared, own)
    for key in _DROPPED_KEYS.get(name, ()):
        if key in args and key not in own:
            args.pop(key)
            out.notes.append(f"`{key}=` is Keras 2's; Keras 3's {name} has no such setting")
    for key in _FALSE_ONLY_KEYS:
        if key in args and key not in own and args.pop(key):
            raise LegacyError(f"{name}({key}=True) has no Keras 3 equivalent")
    if name == "LeakyReLU":
        _rename(out, "alpha", "negative_slope", own, name)
    if name == "BatchNormalization" and isinstance(args.get("axis"), list | tuple):
        if len(args["axis"]) != 1:
            raise LegacyError(f"BatchNormalization over several axes {args['axis']}")
        args["axis"] = args["axis"][0]
    return out


def _input_batch_shape(args: dict[str, Any], declared: list[str], own: frozenset[str]) -> tuple:
    values = {key: args.pop(key) for key in declared}
    batch = args.pop("batch_size", None) if "batch_size" not in own else None
    if "batch_input_shape" in values:
        shape = tuple(values["batch_input_shape"])
    elif "input_shape" in values:
        shape = (batch, *tuple(values["input_shape"]))
    else:
        shape = (batch, values["input_dim"])
    if not all(d is None or (isinstance(d, int) and not isinstance(d, bool)) for d in shape):
        raise LegacyError(f"{'/'.join(declared)} must hold whole numbers; received {shape}")
    return shape


def _rename(out: LayerArgs, old: str, new: str, own: frozenset[str], name: str) -> None:
    if old in out.kwargs and old not in own:
        out.kwargs[new] = out.kwargs.pop(old)
        out.notes.append(f"`{old}=` is Keras 2's spelling of {name}'s `{new}=`")


def translate_model_kwargs(kwargs: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """`Model(input=..., output=...)` (Keras 1) as `Model(inputs=..., outputs=...)`."""
    out, notes = dict(kwargs), []
    for old, new in (("input", "inputs"), ("output", "outputs")):
        if old in out and new not in out:
            out[new] = out.pop(old)
            notes.append(f"`{old}=` is Keras 1's spelling of `{new}=`")
    return out, notes


def legacy_merge(kwargs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Keras 1's `merge(tensors, mode=..., concat_axis=..., dot_axes=...)`: the Keras 3 merge
    function and its keyword arguments.

    Raises:
        LegacyError: a mode without a Keras 3 function (`cos`, a Python function).
    """
    rest = dict(kwargs)
    mode = rest.pop("mode", "sum")
    if mode not in LEGACY_MERGE_MODES:
        raise LegacyError(f"merge(mode={mode!r}) has no Keras 3 equivalent")
    function = LEGACY_MERGE_MODES[mode]
    concat_axis = rest.pop("concat_axis", -1)
    dot_axes = rest.pop("dot_axes", None)
    rest.pop("output_shape", None)
    if function == "concatenate":
        rest["axis"] = concat_axis
    if function == "dot":
        rest["axes"] = dot_axes if dot_axes is not None else -1
    return function, rest
