"""Plain sentences for what the training health statistics show.

Each problem is a small record (`kind`, the layer, the number that raised it) with one English
sentence that says what is wrong and what usually causes it. The window shows the sentence on
the card (translated from the kind and the number); the command line prints it. The thresholds
are deliberately loose: a warning that cries wolf teaches learners to ignore warnings.

Plain Python: no Keras.
"""

from __future__ import annotations

from typing import Any

# most of a ReLU layer's units silent for a whole batch: a freshly initialised Dense layer after a
# ReLU layer has about half of its units silent for every sample (its inputs are all positive and
# alike, so a unit's sign is the same for all), which is healthy
DEAD_FRACTION = 0.8
LARGE_UPDATE = 0.1  # one step moves the weights by a tenth of their size (1e-3 is healthy)
TINY_UPDATE = 1e-7  # the weights do not move at all
VANISHING_GRADIENT = 1e-8
EXPLODING_GRADIENT = 1e4


def problem(
    kind: str, layer: str, message: str, value: float | None = None, node: str = ""
) -> dict:
    return {"kind": kind, "layer": layer, "node": node, "value": value, "message": message}


def percent(fraction: float) -> str:
    return f"{round(100 * fraction)} %"


def magnitude(value: float) -> str:
    """A ratio or a gradient's size to one digit ("3e-04"); zero as "0", not "0e+00"."""
    return "0" if value == 0 else f"{value:.0e}"


def share_of_size(ratio: float) -> str:
    """ "25 % of their size", or "3e+05 times their size" once the change dwarfs the weights."""
    return (
        f"{percent(ratio)} of their size" if ratio < 10 else f"{magnitude(ratio)} times their size"
    )


def layer_problems(layer: str, stats: dict[str, Any]) -> list[dict[str, Any]]:
    """What is wrong with one layer's weights, updates and gradients."""
    found = []
    if stats.get("nonfinite"):
        found.append(problem(
            "nonfinite_weights", layer,
            f"{layer}: its weights became NaN or infinite; the learning rate is far too high "
            "(or the loss divides by zero).",
        ))  # fmt: skip
        return found
    ratio = stats.get("update_ratio")
    if ratio is not None and ratio > LARGE_UPDATE:
        found.append(problem(
            "large_updates", layer,
            f"{layer}: one training step changes its weights by {share_of_size(ratio)}; a "
            "learning rate this high makes training jump around or diverge.",
            ratio,
        ))  # fmt: skip
    elif ratio is not None and ratio < TINY_UPDATE and (stats.get("weight_norm") or 0) > 0:
        found.append(problem(
            "frozen", layer,
            f"{layer}: its weights barely move (update ratio {magnitude(ratio)}); the learning "
            "rate may be too low, or no gradient reaches this layer.",
            ratio,
        ))  # fmt: skip
    gradient = stats.get("grad_norm")
    if gradient is not None and 0 < gradient < VANISHING_GRADIENT:
        found.append(problem(
            "vanishing_gradient", layer,
            f"{layer}: its gradient is almost zero ({magnitude(gradient)}); the signal vanishes "
            "before it reaches this layer (deep stacks of sigmoid or tanh do this).",
            gradient,
        ))  # fmt: skip
    elif gradient is not None and gradient > EXPLODING_GRADIENT:
        found.append(problem(
            "exploding_gradient", layer,
            f"{layer}: its gradient is huge ({magnitude(gradient)}); lower the learning rate or "
            "clip the gradients (Clip norm).",
            gradient,
        ))  # fmt: skip
    return found


def node_problems(node: str, layer: str, stats: dict[str, Any]) -> list[dict[str, Any]]:
    """What is wrong with one call's output on the probe batch."""
    if stats.get("nonfinite"):
        return [problem(
            "nonfinite_output", layer,
            f"{layer}: its output holds NaN or infinite values.", node=node,
        )]  # fmt: skip
    dead = stats.get("dead")
    if dead is not None and dead >= DEAD_FRACTION:
        return [problem(
            "dead_units", layer,
            f"{layer}: {percent(dead)} of its units output zero for every sample; a too-high "
            "learning rate or a poor initialisation does this.",
            dead, node,
        )]  # fmt: skip
    return []


def nan_cause(node: str | None, layer: str | None, weights: bool) -> str:
    """Where a NaN loss comes from, as the second half of the run's error (no position)."""
    if node is None:
        return (
            "Every layer's output is finite on the probe batch: the loss itself overflows "
            "(try a lower learning rate)."
        )
    cause = (
        "its weights are already NaN or infinite: the learning rate is far too high"
        if weights
        else "its weights are finite, so its input or its computation overflows"
    )
    return f"The first layer whose output became NaN is {layer} (node {node}); {cause}."


def nan_message(node: str | None, layer: str | None, epoch: int, batch: int, weights: bool) -> str:
    """The sentence that names where a NaN loss comes from."""
    where = f"epoch {epoch + 1}, batch {batch + 1}"
    if node is None:
        return (
            f"The loss became NaN at {where}, but every layer's output is finite on the probe "
            "batch: the loss itself overflows (try a lower learning rate)."
        )
    return f"The loss became NaN at {where}. {nan_cause(node, layer, weights)}"
