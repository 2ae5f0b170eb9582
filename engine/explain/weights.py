"""A layer's parameter count as a sum over its real weights.

The weights are read from the layer the shape engine built inside a `keras.StatelessScope`
(shapes without memory), never from a table: `kernel 3×3×3×32 = 864 + bias 32 = 896`. Weights
Keras updates by other means than gradients (BatchNormalization's moving mean and variance) are
non-trainable. A shared layer owns one set of weights however often it is called; a nested model
sums the weights of its layers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from engine.explain.formula import number
from engine.explain.meanings import meaning
from engine.model.graph import Graph, Layer
from engine.model.shapes import ShapeEngine


@dataclass(frozen=True)
class Weight:
    """One weight tensor: its name within the layer, shape and whether gradients train it."""

    name: str
    shape: tuple[int, ...]
    trainable: bool
    meaning: str = ""  # what its axes stand for: `3×3 window × 3 input channels × 32 filters`

    @property
    def count(self) -> int:
        return math.prod(self.shape)

    def term(self) -> str:
        """`kernel 3×3×3×32 = 864`, or `bias 32` when the shape is the count."""
        dims = "×".join(f"{d:,}" for d in self.shape) or "1"
        if len(self.shape) <= 1:
            return f"{self.name} {dims}"
        return f"{self.name} {dims} = {number(self.count)}"

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "shape": list(self.shape), "count": self.count,
                "trainable": self.trainable, "meaning": self.meaning}  # fmt: skip


@dataclass
class ParamBreakdown:
    """The weights of one layer (or of every layer of a nested model).

    Attributes:
        weights: the layer's weights, in Keras's order (nested models: `layer/weight` names).
        calls: how many times the layer is called in its graph (its weights serve every call).
        parts: for a nested model, each of its layers that has weights, with its breakdown.
        unknown: why the weights cannot be counted (the layer cannot be built yet), or None.
    """

    weights: list[Weight] = field(default_factory=list)
    calls: int = 1
    parts: list[tuple[str, ParamBreakdown]] = field(default_factory=list)
    unknown: str | None = None

    @property
    def total(self) -> int:
        return sum(w.count for w in self.weights)

    @property
    def trainable(self) -> int:
        return sum(w.count for w in self.weights if w.trainable)

    @property
    def non_trainable(self) -> int:
        return self.total - self.trainable

    def sum_text(self) -> str:
        """`kernel 3×3×3×32 = 864 + bias 32 = 896`; a nested model sums its layers."""
        if self.unknown is not None:
            return "unknown"
        if self.parts:
            terms = [f"{name} {number(part.total)}" for name, part in self.parts]
        else:
            terms = [w.term() for w in self.weights]
        if not terms:
            return "no weights: 0"
        if len(terms) == 1 and not self.parts and len(self.weights[0].shape) > 1:
            return terms[0]
        return " + ".join(terms) + f" = {number(self.total)}"

    def split_text(self) -> str:
        """`82,176, all trainable` / `128: 64 trainable, 64 non-trainable`."""
        if self.total == 0:
            return "0: no weights, nothing here is learned"
        if self.non_trainable == 0:
            return f"{number(self.total)}, all trainable"
        if self.trainable == 0:
            return f"{number(self.total)}, all non-trainable"
        return (
            f"{number(self.total)}: {number(self.trainable)} trainable, "
            f"{number(self.non_trainable)} non-trainable"
        )

    def sharing_text(self) -> str:
        """What a shared layer's count means, or "" for a layer called once."""
        if self.calls <= 1:
            return ""
        return (
            f"Shared: the layer is called {self.calls} times and every call uses these same "
            f"weights, so they are counted once, not {self.calls} times."
        )


def layer_breakdown(engine: ShapeEngine, graph: Graph, layer: Layer) -> ParamBreakdown:
    """The breakdown of `layer` in `graph`, from the engine's stateless build."""
    calls = len(graph.calls.get(layer.id, []))
    if layer.is_input:
        return ParamBreakdown(calls=calls)
    if layer.body is not None:
        return _model_breakdown(engine, layer.body, calls)
    obj = engine.built_layer(graph, layer)
    if obj is None:
        return ParamBreakdown(calls=calls, unknown=_why_unbuilt(engine, graph, layer))
    weights = [
        replace(w, meaning=meaning(layer.class_name, layer.config, w.name, w.shape))
        for w in read_weights(obj)
    ]
    return ParamBreakdown(weights=weights, calls=calls)


def _model_breakdown(engine: ShapeEngine, body: Graph, calls: int) -> ParamBreakdown:
    engine.infer(body)
    breakdown = ParamBreakdown(calls=calls)
    for inner in body.layers.values():
        part = layer_breakdown(engine, body, inner)
        if part.unknown is not None:
            return ParamBreakdown(calls=calls, unknown=f"layer '{inner.name}': {part.unknown}")
        for weight in part.weights:
            # a frozen nested model (trainable=False) freezes all its layers, as in Keras
            trainable = weight.trainable and body.trainable
            name = f"{inner.name}/{weight.name}"
            breakdown.weights.append(Weight(name, weight.shape, trainable, weight.meaning))
        if part.weights:
            breakdown.parts.append((inner.name, part))
    return breakdown


def _why_unbuilt(engine: ShapeEngine, graph: Graph, layer: Layer) -> str:
    calls = graph.calls.get(layer.id, [])
    if not calls:
        return "the layer is not called yet: Keras creates a layer's weights on its first call."
    error = engine.result(graph, calls[0]).error
    if error is not None:
        return (
            "Keras creates a layer's weights on its first call, and cannot make that call yet: "
            + error.splitlines()[0]
        )
    return "Keras cannot build this layer."


def read_weights(obj: Any) -> list[Weight]:
    """The weights of a built Keras layer (none for bare ops), named within the layer."""
    variables = list(getattr(obj, "weights", []))
    trainable_ids = {id(v) for v in getattr(obj, "trainable_weights", [])}
    names = _names(variables, str(getattr(obj, "name", "")))
    return [
        Weight(name, tuple(int(d) for d in v.shape), id(v) in trainable_ids)
        for name, v in zip(names, variables, strict=True)
    ]


def _names(variables: list[Any], owner: str) -> list[str]:
    """Each weight's Keras name (`kernel`), made unique by its sub-layer where names repeat
    (Bidirectional's `forward_lstm/kernel`, MultiHeadAttention's `query/kernel`)."""
    names = [v.name for v in variables]
    if len(set(names)) == len(names):
        return names
    # the path below the layer itself (a deserialized wrapper builds its sub-layers outside
    # its own name scope, so the path may or may not start with the layer's name)
    inside = [v.path.split("/") for v in variables]
    inside = [parts[1:] if parts[0] == owner and len(parts) > 1 else parts for parts in inside]
    scoped = [f"{parts[0]}/{v.name}" if len(parts) > 1 else v.name
              for parts, v in zip(inside, variables, strict=True)]  # fmt: skip
    # Keras numbers sub-layers by creation order (forward_lstm_3): drop that where still unique
    plain = [re.sub(r"_\d+/", "/", name, count=1) for name in scoped]
    if len(set(plain)) == len(plain):
        return plain
    if len(set(scoped)) == len(scoped):
        return scoped
    return ["/".join(parts) for parts in inside]
