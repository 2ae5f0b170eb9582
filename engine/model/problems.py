"""Problems: everything that stops a graph from being a model Keras accepts, in plain words.

The promise of the editor is that an empty list means Keras loads the export and agrees with
every shape and parameter count shown. So the checks cover what Keras checks: every call's
inputs (from shape inference), a model's inputs and outputs (an output must name a tensor the
call still returns), calls that lead to no output (Keras would drop them), cycles, and the
same inside every nested model, whose problems are reported on its call.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.errors import CycleError
from engine.model.graph import Graph
from engine.model.shapes import ShapeEngine
from engine.model.topology import topology

# a call whose input has an error is not a problem of its own: the input is reported
_INHERITED = "An input of this call"


@dataclass
class Problem:
    """A node Keras would reject, or a model-level issue (node_id None).

    `call` names the call of a shared layer ("call 2 of 2"): each call has its own problems.
    """

    node_id: str | None
    layer_name: str
    message: str
    call: str = ""

    @property
    def where(self) -> str:
        """The layer, and which of its calls when it is shared ("" for the whole model)."""
        return f"{self.layer_name} ({self.call})" if self.call else self.layer_name

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.layer_name else self.message


def find_problems(graph: Graph, shapes: ShapeEngine) -> list[Problem]:
    """The problems of `graph` (a model, or a nested model's body seen on its own)."""
    found: list[Problem] = []
    if not graph.inputs:
        found.append(Problem(None, "", "The model has no input. Add an Input layer."))
    if not graph.outputs:
        found.append(Problem(None, "", "The model has no output. Mark a layer as output."))
    found += _structure_problems(graph, shapes, nested=False)
    return found


def _structure_problems(graph: Graph, shapes: ShapeEngine, nested: bool) -> list[Problem]:
    try:
        results = shapes.infer(graph)
        reachable = set(topology(graph).nodes) if graph.outputs else set(graph.nodes)
    except CycleError as exc:
        return [Problem(None, "", str(exc))]
    found: list[Problem] = []
    if not nested:  # inside a nested model, errors on the way to its outputs show on its call
        for node_id, result in results.items():
            if result.error is not None and not result.error.startswith(_INHERITED):
                name = graph.layer_of(node_id).name
                found.append(Problem(node_id, name, result.error, _call_label(graph, node_id)))
    for position, ref in enumerate(graph.outputs):
        result = results[ref.node_id]
        if result.error is None and ref.index >= len(result.outputs):
            name = graph.layer_of(ref.node_id).name
            found.append(
                Problem(
                    ref.node_id,
                    name,
                    f"Model output #{position} is tensor #{ref.index} of '{name}', which "
                    f"returns {len(result.outputs)} tensor(s) now. Mark another output. "
                    f"Received: output ['{name}', {ref.index}].",
                )
            )
    for node_id in graph.nodes:
        if node_id not in reachable:
            name = graph.layer_of(node_id).name
            message = "Not connected to any model output."
            found.append(Problem(node_id, name, message, _call_label(graph, node_id)))
    found += _nested_problems(graph, shapes)
    return found


def _nested_problems(graph: Graph, shapes: ShapeEngine) -> list[Problem]:
    """Problems inside nested models, each reported on the model's first call."""
    found: list[Problem] = []
    for layer in graph.layers.values():
        calls = graph.calls.get(layer.id, [])
        if layer.body is None or not calls:
            continue
        for problem in _structure_problems(layer.body, shapes, nested=True):
            inner = f"{problem.where}: " if problem.layer_name else ""
            message = f"Inside model '{layer.name}': {inner}{problem.message}"
            found.append(Problem(calls[0], layer.name, message))
    return found


def _call_label(graph: Graph, node_id: str) -> str:
    """The label of a shared layer's call, numbered as on the cards ("call 2 of 3"), or ""."""
    calls = graph.calls.get(graph.nodes[node_id].layer_id, [])
    return f"call {calls.index(node_id) + 1} of {len(calls)}" if len(calls) > 1 else ""
