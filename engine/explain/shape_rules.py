"""Which shape rule explains a call, and the check that it agrees with Keras before it is shown.

`simple_rule` applies the rule of a layer class to a config and input shapes (tests compare it
with Keras over grids of parameters). `shape_rule` is what the explanation shows: the simple
rule when there is one and it gives exactly Keras's output shapes, otherwise Keras's own shape
with no formula, so a formula on screen is never a guess.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from engine.explain.formula import Shape, ShapeRule, keras_own
from engine.explain.simple_rules import simple_rules
from engine.explain.spatial_rules import spatial_rules

logger = logging.getLogger(__name__)

RULES = {**spatial_rules(), **simple_rules()}


def has_rule(class_name: str) -> bool:
    return class_name in RULES


def simple_rule(class_name: str, config: dict, inputs: Sequence[Shape]) -> ShapeRule | None:
    """The simple rule of `class_name` on these inputs, or None where it has none."""
    rule = RULES.get(class_name)
    if rule is None or not inputs:
        return None
    try:
        return rule(class_name, config, [tuple(shape) for shape in inputs])
    except (KeyError, TypeError, ValueError, IndexError):  # a config form we do not read
        logger.debug("No simple shape rule for this %s config", class_name, exc_info=True)
        return None


def shape_rule(class_name: str, config: dict, inputs: Sequence[Shape],
               outputs: Sequence[Shape]) -> ShapeRule:  # fmt: skip
    """The rule to show for a call whose output shapes Keras computed as `outputs`."""
    rule = simple_rule(class_name, config, inputs)
    if rule is None:
        return keras_own(outputs)
    if [tuple(s) for s in rule.outputs] != [tuple(s) for s in outputs]:
        # never show arithmetic that disagrees with Keras; the formula tests should catch this
        logger.info("%s rule gives %s, Keras %s", class_name, rule.outputs, list(outputs))
        return keras_own(outputs)
    return rule
