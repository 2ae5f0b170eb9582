"""The edit engine's promise, as checks the case tests and the property tests share.

- `snapshot(doc)`: the whole project (model, editor state) as one comparable string.
- `check_structure(graph)`: names unique per graph, acyclic (with Keras's call order), every
  reference resolves, nested bodies too.
- `keras_agrees(doc)`: when Problems is empty, Keras loads the export and its parameter count
  and output shapes equal what the document shows.
"""

from __future__ import annotations

import json

from engine.io.project import project_dict
from engine.model.document import Document
from engine.model.graph import Graph
from engine.model.topology import dependency_order


def snapshot(doc: Document) -> str:
    return json.dumps(project_dict(doc), sort_keys=True)


def graph_state(graph: Graph) -> str:
    """Everything an edit can change in `graph` (nested bodies included), without Keras."""
    return repr(_state(graph))


def _state(graph: Graph) -> tuple:
    layers = [
        (layer.id, layer.class_name, layer.module, layer.registered_name,
         json.dumps(layer.config, sort_keys=True, default=repr), repr(layer.extra),
         _state(layer.body) if layer.body is not None else None)
        for layer in graph.layers.values()
    ]  # fmt: skip
    nodes = [
        (n.id, n.layer_id, repr(n.args), repr(sorted(n.kwargs.items())))
        for n in graph.nodes.values()
    ]
    return (graph.name, graph.kind, layers, nodes, sorted(graph.calls.items()),
            graph.inputs, graph.outputs)  # fmt: skip


def check_structure(graph: Graph, where: str = "model") -> None:
    """Raise AssertionError unless `graph` (and every nested body) is well formed."""
    names = [layer.name for layer in graph.layers.values()]
    assert len(names) == len(set(names)), f"{where}: duplicate names {sorted(names)}"
    assert set(graph.calls) == set(graph.layers), f"{where}: calls and layers disagree"
    for layer_id, calls in graph.calls.items():
        for node_id in calls:
            assert graph.nodes[node_id].layer_id == layer_id, f"{where}: call {node_id} misfiled"
    assert sum(map(len, graph.calls.values())) == len(graph.nodes), f"{where}: orphan nodes"
    for node in graph.nodes.values():
        for ref in node.input_refs():
            assert ref.node_id in graph.nodes, f"{where}: {node.id} reads missing {ref}"
    for ref in graph.inputs:
        assert graph.layer_of(ref.node_id).is_input, f"{where}: input {ref} is not an Input"
    for ref in graph.outputs:
        assert ref.node_id in graph.nodes, f"{where}: output {ref} is missing"
    dependency_order(graph)  # raises CycleError on a cycle (data or call order)
    for layer in graph.layers.values():
        if layer.body is not None:
            check_structure(layer.body, f"{where}/{layer.name}")


def shown_outputs(doc: Document) -> list[tuple]:
    results = doc.results()
    return [tuple(results[r.node_id].outputs[r.index].shape) for r in doc.graph.outputs]


def keras_agrees(doc: Document) -> None:
    """Keras loads the export; its parameter count and output shapes equal the document's.

    Only meaningful when `doc.problems()` is empty (callers check that first).
    """
    import keras

    config = doc.to_config()
    text = json.dumps(config)
    try:
        model = keras.models.model_from_json(text)
    except Exception as exc:
        raise AssertionError(f"Keras refuses the export: {exc}\n{text[:3000]}") from exc
    shown = sum(doc.shapes.model_params(doc.graph))
    assert model.count_params() == shown, (
        f"count_params: Keras {model.count_params()}, shown {shown}"
    )
    keras_shapes = [tuple(t.shape) for t in model.outputs]
    assert keras_shapes == shown_outputs(doc), (
        f"output shapes: Keras {keras_shapes}, shown {shown_outputs(doc)}"
    )
    keras.backend.clear_session()
