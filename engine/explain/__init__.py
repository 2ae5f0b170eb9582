"""Explain a layer to a learner: what it does, its shape rule and its parameter count.

For one call of a layer in a document, `explain_call` says what the layer computes (Keras's
docstring and, for the layers learners meet first, our own plain-language note in
`notes`), how its output shape follows from its inputs with the user's numbers (`shape_rules`:
convolutions and pooling in `spatial_rules`, the rest in `simple_rules`; any other layer says
its shape is Keras's own), and its parameter count as a sum over its real weights (`weights`,
read from the shape engine's stateless build). `text` writes it as plain text. No Qt here.
"""

from __future__ import annotations

from engine.explain.explanation import (
    Explanation,
    as_json,
    explain_call,
    explain_layer,
    explain_model,
    find_layer,
)
from engine.explain.formula import Formula, ShapeRule
from engine.explain.weights import ParamBreakdown, Weight

__all__ = [
    "Explanation",
    "Formula",
    "ParamBreakdown",
    "ShapeRule",
    "Weight",
    "as_json",
    "explain_call",
    "explain_layer",
    "explain_model",
    "find_layer",
]
