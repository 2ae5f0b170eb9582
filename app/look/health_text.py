"""What training health found, in the user's language.

The worker sends each problem as a kind, a layer and the number behind it, with an English
sentence (engine.training.look.advice); here the same sentences go through Qt's translator.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from engine.training.look.advice import magnitude


def percent(value: float) -> str:
    """ "40 %" in English; Chinese writes the sign against the number ("40%")."""
    return QCoreApplication.translate("TrainingHealth", "{0} %").format(round(100 * value))


def problem_text(problem: dict[str, Any]) -> str:
    """The sentence for one problem of a `health` event (the engine's, if the kind is new)."""
    kind, layer, value = problem.get("kind"), problem.get("layer", ""), problem.get("value")
    if kind == "dead_units" and value is not None:
        return QCoreApplication.translate(
            "TrainingHealth",
            "{layer}: {percent} of its units output zero for every sample; a too-high learning "
            "rate or a poor initialisation does this.",
        ).format(layer=layer, percent=percent(value))
    if kind == "nonfinite_weights":
        return QCoreApplication.translate(
            "TrainingHealth",
            "{layer}: its weights became NaN or infinite; the learning rate is far too high "
            "(or the loss divides by zero).",
        ).format(layer=layer)
    if kind == "nonfinite_output":
        return QCoreApplication.translate(
            "TrainingHealth", "{layer}: its output holds NaN or infinite values."
        ).format(layer=layer)
    if kind == "large_updates" and value is not None:
        size = (
            QCoreApplication.translate("TrainingHealth", "{percent} of their size").format(
                percent=percent(value)
            )
            if value < 10
            else QCoreApplication.translate("TrainingHealth", "{times} times their size").format(
                times=magnitude(value)
            )
        )
        return QCoreApplication.translate(
            "TrainingHealth",
            "{layer}: one training step changes its weights by {size}; a learning rate this "
            "high makes training jump around or diverge.",
        ).format(layer=layer, size=size)
    if kind == "frozen" and value is not None:
        return QCoreApplication.translate(
            "TrainingHealth",
            "{layer}: its weights barely move (update ratio {ratio}); the learning rate may "
            "be too low, or no gradient reaches this layer.",
        ).format(layer=layer, ratio=magnitude(value))
    if kind == "vanishing_gradient" and value is not None:
        return QCoreApplication.translate(
            "TrainingHealth",
            "{layer}: its gradient is almost zero ({value}); the signal vanishes before it "
            "reaches this layer (deep stacks of sigmoid or tanh do this).",
        ).format(layer=layer, value=magnitude(value))
    if kind == "exploding_gradient" and value is not None:
        return QCoreApplication.translate(
            "TrainingHealth",
            "{layer}: its gradient is huge ({value}); lower the learning rate or clip the "
            "gradients (Clip norm).",
        ).format(layer=layer, value=magnitude(value))
    return str(problem.get("message", ""))


def nan_card_text(nan: dict[str, Any]) -> str:
    """The short sentence on the card where NaN starts."""
    if nan.get("weights_nonfinite"):
        return QCoreApplication.translate(
            "TrainingHealth",
            "{layer}: NaN starts here. Its weights are already NaN or infinite: the learning "
            "rate is far too high.",
        ).format(layer=nan.get("layer"))
    return QCoreApplication.translate(
        "TrainingHealth",
        "{layer}: NaN starts here. Its weights are finite: its input or its computation overflows.",
    ).format(layer=nan.get("layer"))


def nan_text(nan: dict[str, Any], epoch: int, batch: int) -> str:
    """The panel's sentence for the first NaN loss (the engine's `nan` record)."""
    where = QCoreApplication.translate("TrainingHealth", "epoch {epoch}, batch {batch}").format(
        epoch=epoch + 1, batch=batch + 1
    )
    if not nan.get("node"):
        return QCoreApplication.translate(
            "TrainingHealth",
            "The loss became NaN at {where}, but every layer's output is finite on the probe "
            "batch: the loss itself overflows (try a lower learning rate).",
        ).format(where=where)
    cause = (
        QCoreApplication.translate(
            "TrainingHealth",
            "its weights are already NaN or infinite: the learning rate is far too high",
        )
        if nan.get("weights_nonfinite")
        else QCoreApplication.translate(
            "TrainingHealth", "its weights are finite, so its input or its computation overflows"
        )
    )
    return QCoreApplication.translate(
        "TrainingHealth",
        "The loss became NaN at {where}. The first layer whose output became NaN is {layer} "
        "(node {node}); {cause}.",
    ).format(where=where, layer=nan.get("layer"), node=nan.get("node"), cause=cause)
