"""Name scopes: what a layer's name says about the block it belongs to.

Keras applications name their layers after where they sit: `conv3_block2_1_conv` is in block 2
of stage conv3, `block_5_expand` in MobileNetV2's block 5, `normal_conv_1_5` in NASNet's cell 5.
Split on `_`, a name reads as tokens; a number joins the word before it (`block_5`, `stage_0`),
so `block_5` is one scope, not "block" then "5". The scopes of a name are its prefixes
(`conv3`, `conv3_block2`, `conv3_block2_1`) and, for names ending in an id, that last token
(`*_5`, `*_stem_1`: NASNet numbers its cells at the end).

Names Keras made up (`conv2d_15`, `batch_normalization_3`: the class name in snake case and a
counter) say nothing about structure and have no scope.
"""

from __future__ import annotations

import functools
import re

SUFFIX_MARK = "*_"  # a suffix scope's key: "*_5" holds every name ending in "_5"


def tokens(name: str) -> list[str]:
    """`conv3_block2_1_conv` -> [conv3, block2, 1, conv]; `block_5_expand` -> [block_5, expand].

    A token starting with a digit joins the previous token when that one has no digit yet.
    """
    result: list[str] = []
    for part in name.split("_"):
        if result and part[:1].isdigit() and not _has_digit(result[-1]):
            result[-1] = f"{result[-1]}_{part}"
        else:
            result.append(part)
    return result


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


@functools.lru_cache(maxsize=1024)
def snake_case(class_name: str) -> str:
    """The base of the names Keras gives unnamed layers: `BatchNormalization` ->
    `batch_normalization`, `ReLU` -> `re_lu`, `Conv2D` -> `conv2d` (Keras's own rule)."""
    name = re.sub(r"\W+", "", class_name)
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


_AUTO_BASES = ("input_layer", "input", "tf_op_layer", "lambda")


def is_auto_name(name: str, class_name: str) -> bool:
    """True for a name Keras invented: the class in snake case, maybe with `_<n>`."""
    base = re.sub(r"_\d+$", "", name)
    return base == snake_case(class_name) or base in _AUTO_BASES


def prefix_scopes(name: str, class_name: str) -> list[str]:
    """The nested scopes a name sits in, outermost first (none for a made-up name)."""
    if is_auto_name(name, class_name):
        return []
    parts = tokens(name)
    return ["_".join(parts[: i + 1]) for i in range(len(parts) - 1)]


def suffix_scopes(name: str, class_name: str) -> list[str]:
    """The id a name ends with, most specific first: `reduction_add_1_stem_1` -> [`*_stem_1`,
    `*_1`]; `adjust_bn_5` -> [`*_bn_5`, `*_5`] (NASNet numbers its cells at the end)."""
    if is_auto_name(name, class_name):
        return []
    parts = name.split("_")
    if len(parts) < 3 or not parts[-1][:1].isdigit():
        return []
    found = [SUFFIX_MARK + parts[-1]]
    if parts[-2].isalpha():
        found.insert(0, SUFFIX_MARK + "_".join(parts[-2:]))
    return found
