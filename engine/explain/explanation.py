"""One call of a layer explained: what the layer does, its shape rule and its parameter count.

`explain_call` gathers, for a node of a graph, Keras's own description (the docstring's first
paragraph), our plain-language note, the call's input and output shapes with the rule that
links them, and the layer's weights. The result is plain data: the command line prints it as
text or JSON, the window's Explain panel lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.errors import NotFoundError
from engine.explain.docs import keras_doc, model_doc
from engine.explain.formula import Formula, Shape, ShapeRule, shape_text
from engine.explain.notes import note_key, plain_note
from engine.explain.shape_rules import shape_rule
from engine.explain.weights import ParamBreakdown, layer_breakdown
from engine.model.graph import Graph, Layer
from engine.model.shapes import ShapeEngine
from engine.model.topology import topology


@dataclass
class Explanation:
    """Everything the Explain panel and `main.py explain` say about one call.

    Attributes:
        layer_name, class_name: the layer called.
        call_index: Keras's node index of this call (0 for the first).
        calls: how many calls the layer has.
        note: our plain-language note ("" for layers without one).
        keras_doc: the first paragraph of Keras's docstring ("" where there is none).
        inputs, outputs: the call's tensor shapes.
        error: why Keras rejects this call, or None.
        shape_rule: how the outputs follow from the inputs (None when the call fails).
        params: the layer's weights.
        note_key: which note `note` is (`engine.explain.notes.note_key`): the app shows the
            note's translation found under it.
    """

    layer_name: str
    class_name: str
    call_index: int
    calls: int
    note: str
    keras_doc: str
    inputs: list[Shape] = field(default_factory=list)
    outputs: list[Shape] = field(default_factory=list)
    error: str | None = None
    shape_rule: ShapeRule | None = None
    params: ParamBreakdown = field(default_factory=ParamBreakdown)
    model_path: tuple[str, ...] = ()
    note_key: str = ""

    @property
    def title(self) -> str:
        call = f" · call {self.call_index + 1} of {self.calls}" if self.calls > 1 else ""
        where = "".join(f"{name} › " for name in self.model_path)
        return f"{where}{self.layer_name} ({self.class_name}){call}"

    def shapes_text(self) -> str:
        """`(None, 100, 100, 3) → (None, 98, 98, 32)`."""
        inputs = ", ".join(shape_text(s) for s in self.inputs)
        outputs = ", ".join(shape_text(s) for s in self.outputs) or "?"
        return f"{inputs} → {outputs}" if inputs else outputs


def explain_call(engine: ShapeEngine, graph: Graph, node_id: str,
                 model_path: tuple[str, ...] = ()) -> Explanation:  # fmt: skip
    """The explanation of one call (node) of `graph`, a model nested at `model_path` (names)."""
    layer = graph.layer_of(node_id)
    calls = graph.calls.get(layer.id, [])
    result = engine.result(graph, node_id)
    explanation = Explanation(
        layer_name=layer.name,
        class_name=_class_name(layer),
        call_index=calls.index(node_id),
        calls=len(calls),
        note=plain_note(layer.class_name, is_model=layer.body is not None),
        note_key=note_key(layer.class_name, is_model=layer.body is not None),
        keras_doc=model_doc() if layer.body is not None else keras_doc(layer.class_name),
        inputs=[tuple(spec.shape) for spec in result.inputs],
        outputs=[tuple(spec.shape) for spec in result.outputs],
        error=result.error,
        params=layer_breakdown(engine, graph, layer),
        model_path=model_path,
    )
    if result.error is None:
        explanation.shape_rule = _rule_of(layer, explanation)
    return explanation


def explain_layer(engine: ShapeEngine, graph: Graph, layer: Layer,
                  model_path: tuple[str, ...] = ()) -> list[Explanation]:  # fmt: skip
    """One explanation per call of `layer` (none for a layer not called)."""
    calls = graph.calls.get(layer.id, [])
    return [explain_call(engine, graph, node_id, model_path) for node_id in calls]


def explain_model(engine: ShapeEngine, graph: Graph,
                  model_path: tuple[str, ...] = ()) -> list[list[Explanation]]:  # fmt: skip
    """Every layer's calls, in the model's layer order (as `model.summary()` lists them), then
    the layers of each nested model, at their model's path."""
    engine.infer(graph)
    try:
        order = topology(graph).layers if graph.outputs else []
    except Exception:  # a cycle: the graph's own order
        order = []
    order += [layer_id for layer_id in graph.layers if layer_id not in order]
    layers = [graph.layers[layer_id] for layer_id in order]
    found = [explain_layer(engine, graph, layer, model_path) for layer in layers]
    for layer in layers:
        if layer.body is not None:
            found += explain_model(engine, layer.body, (*model_path, layer.name))
    return [calls for calls in found if calls]


def find_layer(graph: Graph, path: str) -> tuple[Graph, Layer, tuple[str, ...]]:
    """The layer named `path`: `conv2d`, or `vision/conv2d` inside the nested model `vision`.

    Raises:
        NotFoundError: no layer has that name (the message lists the names there are).
    """
    *models, name = path.split("/")
    for model in models:
        body = graph.layer_by_name(model).body
        if body is None:
            raise NotFoundError(f"Layer '{model}' is not a model: it has no layers inside.")
        graph = body
    return graph, graph.layer_by_name(name), tuple(models)


def _class_name(layer: Layer) -> str:
    if layer.body is not None:
        return layer.body.kind
    return layer.class_name


def _rule_of(layer: Layer, explanation: Explanation) -> ShapeRule:
    outputs = explanation.outputs
    if layer.is_input:
        shape = shape_text(outputs[0]) if outputs else "?"
        summary = (
            f"The shape you declared: {shape}. The first axis is the batch: None means any "
            "number of samples."
        )
        return ShapeRule(summary, [], list(outputs))
    if layer.body is not None:
        shapes = ", ".join(shape_text(s) for s in outputs)
        summary = (
            f"A nested model's output is what its own layers compute, one after the other: "
            f"{shapes}. Enter the model to see each layer's rule."
        )
        return ShapeRule(summary, [], list(outputs), from_keras=True)
    return shape_rule(layer.class_name, layer.config, explanation.inputs, outputs)


def as_json(explanations: list[Explanation]) -> dict[str, Any]:
    """The JSON record of one layer (all its calls): names, weights, counts and shape rule."""
    first = explanations[0]
    params = first.params
    record: dict[str, Any] = {
        "name": first.layer_name,
        "model_path": list(first.model_path),
        "class_name": first.class_name,
        "weights": [w.as_json() for w in params.weights],
        "total": None if params.unknown else params.total,
        "trainable": None if params.unknown else params.trainable,
        "non_trainable": None if params.unknown else params.non_trainable,
        "shape_rule": _rule_json(first),
        "calls": [_call_json(e) for e in explanations],
    }
    return record


def _call_json(explanation: Explanation) -> dict[str, Any]:
    return {
        "inputs": [list(s) for s in explanation.inputs],
        "outputs": [list(s) for s in explanation.outputs],
        "error": explanation.error,
        "shape_rule": _rule_json(explanation),
    }


def _rule_json(explanation: Explanation) -> dict[str, Any] | None:
    rule = explanation.shape_rule
    if rule is None:
        return None
    return {
        "summary": rule.summary,
        "formulas": [_formula_json(f) for f in rule.formulas],
        "outputs": [list(s) for s in rule.outputs],
        "from_keras": rule.from_keras,
    }


def _formula_json(formula: Formula) -> dict[str, Any]:
    return {
        "what": formula.what,
        "expression": formula.expression,
        "value": formula.value,
        "note": formula.note,
        "text": str(formula),
    }
