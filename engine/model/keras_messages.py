"""Keras's errors about a layer's inputs, reworded for someone drawing a model.

Keras words its checks for Python programmers: "Input 0 with name 'None' of layer 'dense' is
incompatible with the layer: expected min_ndim=2, found ndim=1". The node's error badge and the
problems panel show these messages, so the common ones are rewritten here as what the layer
expects and what it received, with the same facts (and a hint where the fix is clear). Messages
not recognised pass through, minus Python reprs of tensors; errors raised by Python or NumPy
internals (a TypeError, "operands could not be broadcast...") name the input shapes they failed
on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

Shape = tuple[int | None, ...]

# exceptions that come from Python or NumPy inside a layer, not from a check Keras words itself
_INTERNAL_TYPES = (TypeError, IndexError, KeyError, AttributeError, ZeroDivisionError)
_INTERNAL_TEXTS = ("operands could not be broadcast",)

_INPUT_SPEC = re.compile(
    r"Input (?P<index>\d+) with name '(?P<name>[^']*)' of layer '[^']*' is incompatible with "
    r"the layer: (?P<detail>.*)",
    re.S,
)
_NDIM = re.compile(
    r"expected (?P<kind>min_ndim|max_ndim|ndim)=(?P<want>\d+), found ndim=(?P<got>\d+)"
    r"(?:\. Full shape received: (?P<shape>.*))?",
    re.S,
)
_DTYPE = re.compile(r"expected dtype=(?P<want>\S+), found dtype=(?P<got>\S+)")
_AXIS = re.compile(
    r"expected axis (?P<axis>-?\d+) of input shape to have value (?P<want>\d+), but received "
    r"input with shape (?P<shape>.*)",
    re.S,
)
_SHAPE = re.compile(r"expected shape=(?P<want>.*), found shape=(?P<shape>.*)", re.S)
_COUNT = re.compile(
    r"Layer \"[^\"]*\" expects (?P<want>\d+) input\(s\), but it received (?P<got>\d+) input "
    r"tensors\."
)
_CONCATENATE = re.compile(
    r"A `Concatenate` layer requires inputs with matching shapes except for the concatenation "
    r"axis\."
)
_ELEMENTWISE = re.compile(r"Inputs have incompatible shapes\. Received shapes")
_VARIABLE = re.compile(
    r"Shapes used to initialize variables must be fully-defined \(no `None` dimensions\)\. "
    r"Received: shape=(?P<shape>.*) for variable path='(?P<path>[^']*)'",
    re.S,
)
_OUTPUT_SIZE = re.compile(r"Computed output size would be zero or negative\.")
_BACKTICK_PARAM = re.compile(r"`(?P<key>[^`=]+)=(?P<value>[^`]*)`")
_RESHAPE = re.compile(
    r"The total size of the tensor must be unchanged\. Received: input_shape=(?P<inp>.*), "
    r"target_shape=(?P<target>.*)",
    re.S,
)
_KERAS_TENSOR = re.compile(r"<KerasTensor shape=(?P<shape>\([^)]*\)), dtype=(?P<dtype>\w+)[^>]*>")
_DIM = re.compile(r"None|-?\d+")
_DESERIALIZING = re.compile(
    r"Error when deserializing class '[^']*' using config=.*Exception encountered:\s*", re.S
)


def readable_error(
    exc: BaseException, class_name: str, config: dict[str, Any], input_shapes: Sequence[Shape]
) -> str:
    """The message for a layer that Keras refused to build or call, in plain words.

    Args:
        exc: what Keras (or Python inside Keras) raised.
        class_name: the layer's class (the subject of the message: "Dense expects...").
        config: the layer's config (Concatenate's axis...).
        input_shapes: the shapes the call received, batch axis included.

    Returns:
        The reworded message, or Keras's own text when it is not a case known here.
    """
    text = str(exc).strip() or type(exc).__name__
    complaint = _DESERIALIZING.sub("", text)
    if complaint != text:  # the settings were refused, whatever the input: say just that
        return f"{class_name} refuses its settings: {complaint}"
    context = _Context(class_name, config, [tuple(s) for s in input_shapes])
    for pattern, explain in _EXPLAINERS:
        match = pattern.match(text)
        if match:
            return explain(context, match)
    text = _KERAS_TENSOR.sub(lambda m: f"a tensor of shape {m['shape']}", text)
    if is_internal_error(exc):
        return (
            f"{class_name} cannot compute its output from {context.received()}. "
            f"Keras stopped on: {text}"
        )
    return text


def is_internal_error(exc: BaseException) -> bool:
    """Whether `exc` comes from Python or NumPy inside a layer rather than a Keras check."""
    text = str(exc)
    return isinstance(exc, _INTERNAL_TYPES) or text.startswith(_INTERNAL_TEXTS)


class _Context:
    """The layer an error is about and what it received."""

    def __init__(self, class_name: str, config: dict[str, Any], shapes: list[Shape]) -> None:
        self.class_name = class_name
        self.config = config
        self.shapes = shapes

    def received(self) -> str:
        if not self.shapes:
            return "no input"
        if len(self.shapes) == 1:
            return f"an input of shape {_shape(self.shapes[0])}"
        return "inputs of shapes " + _join([_shape(s) for s in self.shapes])

    def shape_of(self, index: int, fallback: str | None = None) -> str:
        if index < len(self.shapes):
            return _shape(self.shapes[index])
        return _shape(_dims(fallback)) if fallback else "unknown"

    def which_input(self, index: int, name: str) -> str:
        """'its input', or which one when the layer has several."""
        label = f"'{name}'" if name and name != "None" else f"#{index}"
        return "its input" if len(self.shapes) <= 1 and index == 0 else f"its input {label}"


# ---------------------------------------------------------------------- explainers


def _input_spec(context: _Context, match: re.Match) -> str:
    """Keras's InputSpec checks: number of dimensions, dtype, size of an axis, whole shape."""
    index, detail = int(match["index"]), match["detail"]
    which = context.which_input(index, match["name"])
    subject = context.class_name
    found = _NDIM.match(detail)
    if found:
        return _wrong_rank(context, which, index, found)
    found = _DTYPE.match(detail)
    if found:
        return (
            f"{subject} expects {which} to have dtype {found['want']}. "
            f"Received: dtype {found['got']} (shape {context.shape_of(index)})."
        )
    found = _AXIS.match(detail)
    if found:
        axis = int(found["axis"])
        where = "the last axis" if axis == -1 else f"axis {axis}"
        return (
            f"{subject} expects {where} of {which} to have size {found['want']} (its weights "
            f"were built for that size). Received: shape {_shape(_dims(found['shape']))}."
        )
    found = _SHAPE.match(detail)
    if found:
        return (
            f"{subject} expects {which} to have shape {_shape(_dims(found['want']))}. "
            # the shape received, not Keras's copy of it (squeezed when its last axis is 1)
            f"Received: shape {context.shape_of(index, found['shape'])}."
        )
    detail = detail.replace(" with name 'None'", "")
    return f"{subject}: {which} is not what the layer accepts: {detail}"


def _wrong_rank(context: _Context, which: str, index: int, found: re.Match) -> str:
    want, got = int(found["want"]), int(found["got"])
    amount = {"min_ndim": "at least", "max_ndim": "at most", "ndim": "exactly"}[found["kind"]]
    shape = context.shape_of(index, found["shape"])
    hint = (
        "Reshape it first, or give the Input more dimensions."
        if got < want
        else "Flatten or pool it first, or give the Input fewer dimensions."
    )
    return (
        f"{context.class_name} expects {which} to have {amount} {want} dimensions (batch "
        f"included). Received: shape {shape}, {_count(got, 'dimension')}. {hint}"
    )


def _input_count(context: _Context, match: re.Match) -> str:
    want, got = int(match["want"]), int(match["got"])
    return (
        f"{context.class_name} expects {_count(want, 'input')}. "
        f"Received: {_count(got, 'input')}"
        + (f" ({context.received()})." if context.shapes else ".")
    )


def _concatenate(context: _Context, match: re.Match) -> str:
    axis = context.config.get("axis", -1)
    shapes = context.shapes
    listed = _join([_shape(s) for s in shapes])
    ranks = {len(s) for s in shapes}
    if len(ranks) > 1:
        return (
            f"Concatenate joins tensors with the same number of dimensions. "
            f"Received: shapes {listed}."
        )
    where = "the last axis" if axis == -1 else f"axis {axis}"
    differing = _differing_axes(shapes, axis)
    detail = "; ".join(
        f"axis {a} differs ({' vs '.join(str(s[a]) for s in shapes)})" for a in differing
    )
    return (
        f"Concatenate joins its inputs along {where}: every other axis must have the same size. "
        f"Received: shapes {listed}" + (f": {detail}." if detail else ".")
    )


def _elementwise(context: _Context, match: re.Match) -> str:
    shapes = _join([_shape(s) for s in context.shapes]) if context.shapes else match.string
    return (
        f"{context.class_name} combines its inputs element by element: their shapes must be "
        f"equal (an axis of size 1 stretches to match). Received: shapes {shapes}."
    )


def _unsized_weight(context: _Context, match: re.Match) -> str:
    weight = match["path"].rsplit("/", 1)[-1]
    return (
        f"{context.class_name} cannot size its weight '{weight}': it would have shape "
        f"{_shape(_dims(match['shape']))}, because an input axis it depends on has no fixed "
        f"size (None). Received: {context.received()}. Give that axis a size (on the Input, "
        "or with a Reshape)."
    )


def _output_too_small(context: _Context, match: re.Match) -> str:
    params = {m["key"].strip(): m["value"] for m in _BACKTICK_PARAM.finditer(match.string)}
    shape = params.pop("inputs shape", None) or params.pop("inputs.shape", None)
    kernel = params.pop("kernel shape", None)
    settings = []
    if kernel is not None:
        settings.append(f"kernel_size {_shape(_dims(kernel)[:-2])}")
    padding = params.pop("padding", "valid")
    settings += [f"{key} {_shape(_dims(value))}" for key, value in params.items()]
    settings.append(f"padding '{padding}'")
    window = "kernel_size" if kernel is not None else "pool_size"
    received = _shape(_dims(shape)) if shape else context.shape_of(0)
    return (
        f"{context.class_name} would produce an output of size zero or less: its input "
        f"{received} is too small for {', '.join(settings)}. Use a smaller {window}, "
        "padding 'same', or a larger input."
    )


def _reshape(context: _Context, match: re.Match) -> str:
    inp, target = _dims(match["inp"]), _dims(match["target"])
    sizes = ""
    if all(d is not None and d > 0 for d in inp) and all(d is not None for d in target):
        sizes = (
            f" The input holds {math.prod(inp)} values per sample; target_shape "
            f"{_shape(target)} holds {math.prod(d for d in target if d != -1)}"
            + (" times the -1 axis." if -1 in target else ".")
        )
    return (
        f"Reshape must keep the number of values of each sample. Received: input shape "
        f"{_shape(inp)} (batch excluded), target_shape {_shape(target)}.{sizes}"
    )


_EXPLAINERS: list[tuple[re.Pattern, Callable[[_Context, re.Match], str]]] = [
    (_INPUT_SPEC, _input_spec),
    (_COUNT, _input_count),
    (_CONCATENATE, _concatenate),
    (_ELEMENTWISE, _elementwise),
    (_VARIABLE, _unsized_weight),
    (_OUTPUT_SIZE, _output_too_small),
    (_RESHAPE, _reshape),
]


# ---------------------------------------------------------------------- helpers


def _dims(text: str) -> Shape:
    """Dimensions from a shape as Python or NumPy prints it: '(None, 8)', '[None 8]'."""
    return tuple(None if token == "None" else int(token) for token in _DIM.findall(text))


def _shape(dims: Sequence[int | None]) -> str:
    return str(tuple(dims))


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _differing_axes(shapes: list[Shape], axis: int) -> list[int]:
    rank = len(shapes[0])
    skip = axis % rank if rank else 0
    return [
        a
        for a in range(1, rank)
        if a != skip and len({s[a] for s in shapes if s[a] is not None}) > 1
    ]
