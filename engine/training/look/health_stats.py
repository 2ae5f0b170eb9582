"""The numbers behind training health: norms and update ratios of weights, which probe outputs
belong to ReLU-family calls and to the model's outputs.

Plain numpy on arrays the health callback copies out of the model, plus two walks over the
probe's nodes (no Keras calls).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from engine.training.look.probe import Probe

RELU_ACTIVATIONS = ("relu", "relu6")


def norm(arrays: list[np.ndarray]) -> float:
    """The L2 norm of several arrays taken together."""
    return math.sqrt(sum(float(np.sum(np.square(a, dtype="float64"))) for a in arrays))


def layer_stats(before: list[np.ndarray], after: list[np.ndarray]) -> dict[str, Any]:
    """Weight norm, update ratio |Δw| / |w| of one step, and whether a weight is not finite."""
    before_norm = norm(before)
    change = norm([a - b for a, b in zip(after, before, strict=True)])
    finite = all(bool(np.all(np.isfinite(a))) for a in after)
    return {
        "weight_norm": norm(after) if finite else None,
        "update_ratio": change / before_norm if before_norm > 0 and finite else None,
        "grad_norm": None,
        "nonfinite": not finite,
    }


def relu_outputs(probe: Probe) -> dict[int, str]:
    """Probe output index -> node key, for calls whose output is a ReLU's (zero means dead)."""
    watched = {}
    for node in probe.nodes:
        layer = node.layer
        try:
            config = layer.get_config()
        except Exception:  # ops and exotic layers have no usable config: not ReLU-family
            continue
        activation = config.get("activation")
        relu_layer = type(layer).__name__ == "ReLU" and not config.get("negative_slope")
        kind, index = node.outputs[0]
        if (activation in RELU_ACTIVATIONS or relu_layer) and kind == "output":
            watched[index] = node.key
    return watched


def model_output_indices(probe: Probe) -> list[int]:
    """The probe output index of each model output, in the model's order."""
    sources = {
        key: source
        for node in probe.nodes
        for key, source in zip(node.tensor_keys(), node.outputs, strict=True)
    }
    return [sources[key][1] for key in probe.output_keys]
