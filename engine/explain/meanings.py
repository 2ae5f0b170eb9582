"""What each axis of a weight stands for: `kernel 3×3×3×32` is a 3×3 window × 3 input channels
× 32 filters; an LSTM's `kernel 256×256` is 256 input features × 4 parts × 64 units.

The shape always comes from the real weight; a meaning is only the words for its axes, given by
the layer's kind and config. It is shown only when its numbers multiply to the weight's real
count and agree with the config, so it is never a guess that contradicts Keras.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

Factors = list[tuple[tuple[int, ...], str]]  # (sizes, what they count), multiplied together

# class -> parts per unit: an LSTM's 3 gates and candidate, a GRU's 2 gates and candidate (the
# notes say which); each part is a small Dense layer with `units` outputs
RNN_PARTS = {"LSTM": 4, "GRU": 3, "SimpleRNN": 1}


def meaning(class_name: str, config: dict, weight_name: str, shape: tuple[int, ...]) -> str:
    """Words for the axes of one weight (`3×3 window × 3 input channels × 32 filters`), or ""."""
    if class_name == "Bidirectional" and "/" in weight_name:
        inner = config.get("layer", {})
        return meaning(inner.get("class_name", ""), inner.get("config", {}),
                       weight_name.split("/", 1)[1], shape)  # fmt: skip
    rule = _rule(class_name)
    if rule is None:
        return ""
    try:
        factors = rule(config, weight_name, shape)
    except (KeyError, TypeError, ValueError, IndexError):
        return ""
    if not factors or math.prod(math.prod(sizes) for sizes, _ in factors) != math.prod(shape):
        return ""
    return " × ".join(_factor_text(sizes, what) for sizes, what in factors)


def _factor_text(sizes: tuple[int, ...], what: str) -> str:
    return f"{'×'.join(f'{s:,}' for s in sizes)} {what}".rstrip()


def _rule(class_name: str) -> Callable[[dict, str, tuple[int, ...]], Factors | None] | None:
    if class_name == "Dense":
        return _dense
    if re.fullmatch(r"Conv[123]D", class_name):
        return _conv
    if re.fullmatch(r"Conv[123]DTranspose", class_name):
        return _conv_transpose
    if re.fullmatch(r"(Depthwise|Separable)Conv[12]D", class_name):
        return _depthwise_separable
    if class_name in RNN_PARTS:
        return lambda config, name, shape: _recurrent(class_name, config, name, shape)
    return {
        "Embedding": _embedding,
        "BatchNormalization": _per_channel,
        "LayerNormalization": _per_feature,
        "MultiHeadAttention": _attention,
    }.get(class_name)


def _dense(config: dict, name: str, shape: tuple[int, ...]) -> Factors | None:
    units = int(config["units"])
    if name == "kernel" and shape[-1] == units:
        return [((shape[0],), "input features"), ((units,), "units")]
    if name == "bias" and shape == (units,):
        return [((units,), "units, one each")]
    return None


def _conv(config: dict, name: str, shape: tuple[int, ...]) -> Factors | None:
    filters = int(config["filters"])
    groups = int(config.get("groups", 1))
    if name == "kernel" and shape[-1] == filters:
        channels = (
            "input channels" if groups == 1 else f"input channels per group (groups={groups})"
        )
        return [(shape[:-2], "window"), ((shape[-2],), channels), ((filters,), "filters")]
    if name == "bias" and shape == (filters,):
        return [((filters,), "filters, one each")]
    return None


def _conv_transpose(config: dict, name: str, shape: tuple[int, ...]) -> Factors | None:
    filters = int(config["filters"])
    if name == "kernel" and shape[-2] == filters:  # Keras keeps (window, filters, inputs)
        return [(shape[:-2], "window"), ((filters,), "filters"), ((shape[-1],), "input channels")]
    if name == "bias" and shape == (filters,):
        return [((filters,), "filters, one each")]
    return None


def _depthwise_separable(config: dict, name: str, shape: tuple[int, ...]) -> Factors | None:
    multiplier = int(config.get("depth_multiplier", 1))
    if name in ("kernel", "depthwise_kernel") and shape[-1] == multiplier:
        return [(shape[:-2], "window"), ((shape[-2],), "input channels"),
                ((multiplier,), "depth_multiplier")]  # fmt: skip
    if name == "pointwise_kernel" and shape[-1] == int(config["filters"]):
        return [(shape[:-2], "window"), ((shape[-2],), "depthwise outputs"),
                ((shape[-1],), "filters")]  # fmt: skip
    if name == "bias":
        return [(shape, "output channels, one each")]
    return None


def _recurrent(class_name: str, config: dict, name: str, shape: tuple[int, ...]) -> Factors | None:
    units = int(config["units"])
    parts = RNN_PARTS[class_name]
    gates = [((parts,), "parts")] if parts > 1 else []
    if shape[-1] != parts * units:
        return None
    if name == "kernel":
        return [((shape[0],), "input features"), *gates, ((units,), "units")]
    if name == "recurrent_kernel" and shape[0] == units:
        return [((units,), "units of the previous state"), *gates, ((units,), "units")]
    if name == "bias" and len(shape) == 1:
        return [*gates, ((units,), "units")]
    if name == "bias" and shape[0] == 2:  # GRU(reset_after=True): input and recurrent biases
        return [((2,), "biases (input, recurrent)"), *gates, ((units,), "units")]
    return None


def _embedding(config: dict, name: str, shape: tuple[int, ...]) -> Factors | None:
    if name == "embeddings" and shape == (int(config["input_dim"]), int(config["output_dim"])):
        return [((shape[0],), "rows (input_dim)"), ((shape[1],), "numbers per row (output_dim)")]
    return None


def _per_channel(config: dict, name: str, shape: tuple[int, ...]) -> Factors | None:
    return [(shape, "channels, one each")] if len(shape) == 1 else None


def _per_feature(config: dict, name: str, shape: tuple[int, ...]) -> Factors | None:
    return [(shape, "features, one each")] if len(shape) == 1 else None


def _attention(config: dict, name: str, shape: tuple[int, ...]) -> Factors | None:
    heads = int(config["num_heads"])
    part, _, kind = name.rpartition("/")
    if part in ("query", "key", "value") and shape[-2] == heads:
        size = "key_dim" if part != "value" else "value_dim"
        if kind == "kernel":
            return [((shape[0],), "input features"), ((heads,), "heads"), ((shape[-1],), size)]
        return [((heads,), "heads"), ((shape[-1],), size)]
    if part == "attention_output" and kind == "kernel" and shape[0] == heads:
        return [((heads,), "heads"), ((shape[1],), "value_dim"), ((shape[2],), "output features")]
    if part == "attention_output" and kind == "bias":
        return [(shape, "output features, one each")]
    return None
