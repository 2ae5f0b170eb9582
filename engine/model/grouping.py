"""Group calls into a nested model, and ungroup a nested model back into its calls.

Grouping is the seed's "a model is callable like a layer": the selected calls become the body of
a Functional model whose inputs are the tensors flowing into the selection and whose outputs are
the tensors flowing out; one call of that model replaces them. Both are compounds of primitive
edits, so their inverses are exact.
"""

from __future__ import annotations

import copy

from engine.errors import GraphError
from engine.model.call_kwargs import default_call_kwargs
from engine.model.edits import Edit, compound
from engine.model.graph import INPUT_CLASS, Graph, Layer, Node, TensorRef, free_name, map_refs
from engine.model.operations import _clear_inner_reads, _ports_reading, _reader_first, json_clean
from engine.model.shapes import ShapeEngine
from engine.model.topology import dependency_order


def _check_selection(graph: Graph, selected: set[str]) -> None:
    if not selected:
        raise GraphError("Select the layers to group first. Received: an empty selection.")
    for node_id in selected:
        layer = graph.layer_of(node_id)
        if layer.is_input:
            raise GraphError(
                f"Inputs stay outside a group; the group gets its own. Received: '{layer.name}'."
            )
        outside = [n for n in graph.calls[layer.id] if n not in selected]
        if outside:
            raise GraphError(
                f"Layer '{layer.name}' is also called outside the selection ({len(outside)} "
                "call(s)); select all its calls, or group without it."
            )


def _boundary(graph: Graph, selected: set[str], order: list[str]):
    inputs: list[TensorRef] = []
    for node_id in order:
        if node_id in selected:
            for ref in graph.nodes[node_id].input_refs():
                if ref.node_id not in selected and ref not in inputs:
                    inputs.append(ref)
    used_outside = {
        ref for n in graph.nodes.values() if n.id not in selected for ref in n.input_refs()
    }
    used_outside.update(graph.outputs)
    outputs = sorted(
        (ref for ref in used_outside if ref.node_id in selected),
        key=lambda r: (order.index(r.node_id), r.index),
    )
    return inputs, outputs


def _input_layer(body: Graph, shape: tuple, dtype: str, name: str) -> tuple[Layer, Node]:
    config = {
        "batch_shape": list(shape),
        "dtype": dtype,
        "sparse": False,
        "ragged": False,
        "name": name,
        "optional": False,
    }
    layer = Layer(id=body.new_id("L"), class_name=INPUT_CLASS, config=config)
    return layer, Node(id=body.new_id("N"), layer_id=layer.id)


def group(graph: Graph, node_ids: list[str], name: str, shapes: ShapeEngine) -> Edit:
    """Replace the selected calls by one call of a new nested Functional model named `name`."""
    selected = set(node_ids)
    _check_selection(graph, selected)
    results = shapes.infer(graph)
    broken = [graph.layer_of(n).name for n in selected if results[n].error]
    if broken:
        raise GraphError(f"Fix the selected layers before grouping. Received errors on: {broken}.")
    order = dependency_order(graph)
    inputs, outputs = _boundary(graph, selected, order)
    if not inputs or not outputs:
        raise GraphError("A group needs tensors flowing in and out of the selection.")
    body = Graph(name=name)
    body.single_input = len(inputs) == 1
    body.single_output = len(outputs) == 1
    mapping: dict[TensorRef, TensorRef] = {}
    for i, ref in enumerate(inputs):
        spec = results[ref.node_id].outputs[ref.index]
        layer, node = _input_layer(body, spec.shape, spec.dtype, body.unique_name(f"{name}_input"))
        body._insert_layer(layer)
        body._insert_node(node)
        mapping[ref] = TensorRef(node.id)
        body.inputs.append(TensorRef(node.id))
        del i
    for node_id in order:
        if node_id in selected:
            source = graph.nodes[node_id]
            if source.layer_id not in body.layers:
                body._insert_layer(copy.deepcopy(graph.layers[source.layer_id]))

            def inner(ref: TensorRef) -> TensorRef:
                return mapping.get(ref, ref)

            args = map_refs(source.args, inner)
            kwargs = copy.deepcopy(map_refs(source.kwargs, inner))
            node = Node(source.id, source.layer_id, args, kwargs)
            body._insert_node(node)
    body.outputs = list(outputs)
    return compound(_replace_with_call(graph, body, selected, inputs, outputs), f"Group {name}")


def _replace_with_call(graph, body, selected, inputs, outputs) -> list[Edit]:
    if any(layer.name == body.name for layer in graph.layers.values()):
        raise GraphError(f"The name '{body.name}' is taken. Received: '{body.name}'.")
    layer = Layer(
        id=graph.new_id("L"),
        class_name="Functional",
        config={},
        body=body,
        module="keras.src.models.functional",
        registered_name="Functional",
        extra={"build_config": {"input_shape": None}, "compile_config": {}},
    )
    args = [inputs[0]] if len(inputs) == 1 else [list(inputs)]
    kwargs = default_call_kwargs(layer)
    if len(inputs) > 1 and "mask" in kwargs:
        kwargs["mask"] = [None] * len(inputs)
    call = Node(id=graph.new_id("N"), layer_id=layer.id, args=args, kwargs=kwargs)
    replacement = {ref: TensorRef(call.id, k) for k, ref in enumerate(outputs)}
    edits = [Edit("insert_layer", {"layer": layer}), Edit("insert_node", {"node": call})]
    edits += _rewire(graph, selected, replacement)
    edits += _delete(graph, selected)
    return edits


def _rewire(graph: Graph, old_nodes: set[str], replacement: dict[TensorRef, TensorRef]):
    edits = []
    for reader, path in _ports_reading(graph, old_nodes):
        old = graph.nodes[reader].args if path[0] == "args" else graph.nodes[reader].kwargs
        for key in path[1:]:
            old = old[key]
        edits.append(
            Edit("set_port", {"node_id": reader, "path": path, "source": replacement[old]})
        )
    outputs = [replacement.get(ref, ref) for ref in graph.outputs]
    if outputs != graph.outputs:
        edits.append(Edit("set_outputs", {"refs": outputs}))
    return edits


def _delete(graph: Graph, doomed: set[str]) -> list[Edit]:
    edits = _clear_inner_reads(graph, doomed)
    edits += [Edit("delete_node", {"node_id": n}) for n in _reader_first(graph, doomed)]
    layers = dict.fromkeys(graph.nodes[n].layer_id for n in doomed)
    edits += [Edit("delete_layer", {"layer_id": lid}) for lid in layers]
    return edits


def ungroup(graph: Graph, node_id: str) -> Edit:
    """Replace a call of a nested model by the model's own layers (its weights become unshared)."""
    nested = graph.layer_of(node_id)
    body = nested.body
    if body is None:
        raise GraphError(f"Only a nested model can be ungrouped. Received: '{nested.name}'.")
    if len(graph.calls[nested.id]) != 1:
        raise GraphError(
            f"Model '{nested.name}' is applied {len(graph.calls[nested.id])} times; ungrouping "
            "would give each call its own weights. Remove the other calls first."
        )
    call_inputs = graph.nodes[node_id].input_refs()
    if len(call_inputs) != len(body.inputs):
        raise GraphError(f"Connect every input of '{nested.name}' before ungrouping.")
    mapping = dict(zip(body.inputs, call_inputs, strict=True))
    edits: list[Edit] = []
    taken = {layer.name for layer in graph.layers.values()} - {nested.name}
    new_ids: dict[str, str] = {}
    for layer in body.layers.values():
        if layer.is_input:
            continue
        copy_ = copy.deepcopy(layer)
        copy_.id = new_ids[layer.id] = graph.new_id("L")
        name = free_name(layer.name, taken)
        taken.add(name)
        if copy_.body is not None:
            copy_.body.name = name
        else:
            copy_.config["name"] = name
        edits.append(Edit("insert_layer", {"layer": copy_}))
    node_ids = {n: graph.new_id("N") for n in body.nodes if not body.layer_of(n).is_input}

    def outer(ref: TensorRef) -> TensorRef:
        return mapping.get(ref) or TensorRef(node_ids[ref.node_id], ref.index)

    for old_id in dependency_order(body):
        if old_id in node_ids:
            source = body.nodes[old_id]
            node = Node(
                node_ids[old_id],
                new_ids[source.layer_id],
                map_refs(source.args, outer),
                map_refs(source.kwargs, outer),
            )
            edits.append(Edit("insert_node", {"node": json_safe_node(node)}))
    replacement = {TensorRef(node_id, k): outer(ref) for k, ref in enumerate(body.outputs)}
    edits += _rewire(graph, {node_id}, replacement)
    edits += _delete(graph, {node_id})
    return compound(edits, f"Ungroup {nested.name}")


def json_safe_node(node: Node) -> Node:
    node.kwargs = {
        k: v if isinstance(v, TensorRef) else json_clean(v) for k, v in node.kwargs.items()
    }
    return node
