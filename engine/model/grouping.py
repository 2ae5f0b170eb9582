"""Group calls into a nested model, and ungroup a nested model back into its calls.

Grouping is the seed's "a model is callable like a layer": the selected calls become the body of
a Functional model whose inputs are the tensors flowing into the selection and whose outputs are
the tensors flowing out; one call of that model replaces them. `plan_group` says what a
selection would give (its inputs and outputs) or what it needs first (a layer between two
selected ones, the other calls of a shared layer), so a window can guide the user; `group`
carries the plan out. Both grouping and ungrouping are compounds of primitive edits, so their
inverses are exact.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from engine.errors import CycleError, GraphError
from engine.model.call_kwargs import default_call_kwargs
from engine.model.edits import Edit, check_name, compound, get_at
from engine.model.graph import (
    INPUT_CLASS,
    Graph,
    Layer,
    Node,
    TensorRef,
    free_name,
    iter_refs,
    map_refs,
)
from engine.model.operations import _clear_inner_reads, _ports_reading, _reader_first, json_clean
from engine.model.shapes import NodeResult, ShapeEngine, TensorSpec
from engine.model.topology import dependency_order, downstream, upstream


@dataclass
class GroupPlan:
    """What grouping a selection gives, or what it needs first.

    Attributes:
        nodes: the calls that go into the group, in dependency order.
        inputs_left_out: selected Input calls: they stay outside and feed the group (a nested
            model has Inputs of its own).
        between: calls outside the selection that lie between two selected calls (the group
            would read its own output). Included in `nodes` when the plan was asked to complete
            the selection.
        other_calls: calls outside the selection of a selected shared layer (its weights cannot
            be both inside and outside the group). Included like `between`.
        inputs: the tensors flowing into the group, in order: one Input each.
        outputs: the tensors flowing out of it, in order: the group's outputs.
        new_outputs: those of `outputs` that nothing outside reads yet: the end of a chain.
        input_specs / output_specs: their shapes and dtypes.
        refusal: why the selection cannot be grouped (None when it can).
    """

    nodes: list[str] = field(default_factory=list)
    inputs_left_out: list[str] = field(default_factory=list)
    between: list[str] = field(default_factory=list)
    other_calls: list[str] = field(default_factory=list)
    inputs: list[TensorRef] = field(default_factory=list)
    outputs: list[TensorRef] = field(default_factory=list)
    new_outputs: list[TensorRef] = field(default_factory=list)
    input_specs: list[TensorSpec] = field(default_factory=list)
    output_specs: list[TensorSpec] = field(default_factory=list)
    refusal: str | None = None


def plan_group(
    graph: Graph, node_ids: list[str], shapes: ShapeEngine, complete: bool = False
) -> GroupPlan:
    """What grouping `node_ids` gives.

    Args:
        graph: the graph holding the calls.
        node_ids: the selected calls (Inputs among them stay outside).
        shapes: shape inference for `graph`.
        complete: add the calls the group needs (`between`, `other_calls`) to the selection
            instead of refusing it.
    """
    for node_id in node_ids:
        graph.node(node_id)  # NotFoundError names an id that does not exist
    plan = GroupPlan()
    plan.inputs_left_out = [n for n in dict.fromkeys(node_ids) if graph.layer_of(n).is_input]
    selected = set(node_ids) - set(plan.inputs_left_out)
    if not selected:
        plan.refusal = (
            "Select the layers to group. An Input stays outside a group (the nested model gets "
            f"an Input of its own). Received: {_names(graph, plan.inputs_left_out) or 'nothing'}."
        )
        return plan
    selected = _completed(graph, selected, plan, complete)
    try:
        results = shapes.infer(graph)
        order = dependency_order(graph)
    except CycleError as exc:
        plan.refusal = str(exc)
        return plan
    plan.nodes = [n for n in order if n in selected]
    if plan.refusal is None:
        _boundary(graph, plan)
    if plan.refusal is None:
        plan.refusal = _broken(graph, plan.nodes, results)
    if plan.refusal is None:
        _specs(graph, plan, results)
    return plan


def _completed(graph: Graph, selected: set[str], plan: GroupPlan, complete: bool) -> set[str]:
    """The selection, with what it needs added (or the plan's refusal saying what it needs)."""
    while True:
        down = downstream(graph, selected, call_order=False)
        between = sorted((down & upstream(graph, selected)) - selected, key=_id_order)
        layers = {graph.nodes[n].layer_id for n in selected}
        others = [n for lid in layers for n in graph.calls[lid] if n not in selected]
        if not between and not others:
            return selected
        if not complete:
            plan.between, plan.other_calls = between, sorted(others, key=_id_order)
            plan.refusal = _needs_message(graph, selected, between, others)
            return selected
        plan.between += between
        plan.other_calls += others
        selected = selected | set(between) | set(others)


def _id_order(node_id: str) -> tuple[int, str]:
    digits = "".join(c for c in node_id if c.isdigit())
    return (int(digits) if digits else 0, node_id)


def _needs_message(graph: Graph, selected: set[str], between: list[str], others: list[str]):
    if between:
        first = between[0]
        before = next(n for n in upstream(graph, {first}) if n in selected)
        after = next(n for n in downstream(graph, {first}, call_order=False) if n in selected)
        return (
            f"The selection skips {_names(graph, between)}: "
            f"'{graph.layer_of(first).name}' takes its input from the selected "
            f"'{graph.layer_of(before).name}' and feeds the selected "
            f"'{graph.layer_of(after).name}'. A group holds every layer on the way between "
            "its layers: add it to the selection, or leave out the layers after it."
        )
    layer = graph.layer_of(others[0])
    return (
        f"Layer '{layer.name}' is also called outside the selection ({len(others)} call(s)): "
        "its weights cannot be both inside and outside the group. Select all its calls, or "
        "group without it."
    )


def _names(graph: Graph, node_ids: list[str]) -> str:
    return ", ".join(f"'{graph.layer_of(n).name}'" for n in node_ids)


def _broken(graph: Graph, nodes: list[str], results: dict[str, NodeResult]) -> str | None:
    broken = [n for n in nodes if results[n].error]
    if not broken:
        return None
    names = [graph.layer_of(n).name for n in broken]
    return (
        f"Fix the selected layers before grouping: '{names[0]}': {results[broken[0]].error} "
        f"Received errors on: {names}."
    )


def _boundary(graph: Graph, plan: GroupPlan) -> None:
    """The tensors flowing into and out of the selection (the ends, when none flows out)."""
    selected = set(plan.nodes)
    for node_id in plan.nodes:
        for ref in graph.nodes[node_id].input_refs():
            if ref.node_id not in selected and ref not in plan.inputs:
                plan.inputs.append(ref)
    if not plan.inputs:
        plan.refusal = (
            "Nothing flows into the selection: connect its first layer to an Input (or another "
            "layer) before grouping. A nested model needs at least one input."
        )
        return
    position = {n: i for i, n in enumerate(plan.nodes)}
    used_outside = {
        ref for n in graph.nodes.values() if n.id not in selected for ref in n.input_refs()
    }
    used_outside.update(graph.outputs)
    outputs = [ref for ref in used_outside if ref.node_id in selected]
    if not outputs:  # a chain whose end is not an output yet: its end becomes the output
        read_inside = {r.node_id for n in plan.nodes for r in graph.nodes[n].input_refs()}
        outputs = [TensorRef(n) for n in plan.nodes if n not in read_inside]
        plan.new_outputs = list(outputs)
    plan.outputs = sorted(outputs, key=lambda r: (position[r.node_id], r.index))


def _specs(graph: Graph, plan: GroupPlan, results: dict[str, NodeResult]) -> None:
    """Shapes of what flows in and out (every selected call computes: their inputs exist)."""
    for ref in plan.outputs:
        if ref.index >= len(results[ref.node_id].outputs):
            name = graph.layer_of(ref.node_id).name
            plan.refusal = f"'{name}' has no output #{ref.index}: fix what reads it first."
            return
    plan.input_specs = [results[r.node_id].outputs[r.index] for r in plan.inputs]
    plan.output_specs = [results[r.node_id].outputs[r.index] for r in plan.outputs]


def check_group_name(graph: Graph, name: Any) -> None:
    """Raise a GraphError unless `name` can name a new nested model in `graph`."""
    check_name(graph, name)


def group(graph: Graph, node_ids: list[str], name: str, shapes: ShapeEngine,
          complete: bool = False) -> Edit:  # fmt: skip
    """Replace the selected calls by one call of a new nested Functional model named `name`.

    Selected Inputs stay outside and feed the group. Raises a GraphError saying what the
    selection needs when it cannot be grouped as it is (see `plan_group`).
    """
    plan = plan_group(graph, node_ids, shapes, complete)
    if plan.refusal is not None:
        raise GraphError(plan.refusal)
    check_group_name(graph, name)
    body = _body(graph, plan, name)
    return compound(_replace_with_call(graph, body, plan), f"Group {name}")


def call_of(edit: Edit) -> str:
    """The node id of the new model's call in an edit made by `group`."""
    return next(e.args["node"].id for e in edit.args["edits"] if e.op == "insert_node")


def _body(graph: Graph, plan: GroupPlan, name: str) -> Graph:
    """The nested model: copies of the selected layers and calls (same ids), then Inputs with
    ids of their own."""
    body = Graph(name=name)
    body.single_input = len(plan.inputs) == 1
    body.single_output = len(plan.outputs) == 1
    for node_id in plan.nodes:
        source = graph.nodes[node_id]
        if source.layer_id not in body.layers:
            body._insert_layer(copy.deepcopy(graph.layers[source.layer_id]))
        body._insert_node(Node(source.id, source.layer_id, copy.deepcopy(source.args),
                               copy.deepcopy(source.kwargs)))  # fmt: skip
    mapping: dict[TensorRef, TensorRef] = {}
    for position, (ref, spec) in enumerate(zip(plan.inputs, plan.input_specs, strict=True)):
        layer, node = _input_layer(body, spec, body.unique_name(f"{name}_input"))
        body._insert_layer(layer, position)
        body._insert_node(node)
        mapping[ref] = TensorRef(node.id)
        body.inputs.append(TensorRef(node.id))
    for node in body.nodes.values():
        node.args = map_refs(node.args, lambda r: mapping.get(r, r))
        node.kwargs = map_refs(node.kwargs, lambda r: mapping.get(r, r))
    body.outputs = list(plan.outputs)
    return body


def _input_layer(body: Graph, spec: TensorSpec, name: str) -> tuple[Layer, Node]:
    config = {
        "batch_shape": list(spec.shape),
        "dtype": spec.dtype,
        "sparse": False,
        "ragged": False,
        "name": name,
        "optional": False,
    }
    # new_id skips the ids the copied layers and calls already hold
    layer = Layer(id=body.new_id("L"), class_name=INPUT_CLASS, config=config)
    return layer, Node(id=body.new_id("N"), layer_id=layer.id)


def _replace_with_call(graph: Graph, body: Graph, plan: GroupPlan) -> list[Edit]:
    layer = Layer(
        id=graph.new_id("L"),
        class_name="Functional",
        config={},
        body=body,
        module="keras.src.models.functional",
        registered_name="Functional",
        extra={"build_config": {"input_shape": None}, "compile_config": {}},
    )
    inputs = plan.inputs
    args = [inputs[0]] if len(inputs) == 1 else [list(inputs)]
    kwargs = default_call_kwargs(layer)
    if len(inputs) > 1 and "mask" in kwargs:
        kwargs["mask"] = [None] * len(inputs)
    call = Node(id=graph.new_id("N"), layer_id=layer.id, args=args, kwargs=kwargs)
    replacement = {ref: TensorRef(call.id, k) for k, ref in enumerate(plan.outputs)}
    edits = [Edit("insert_layer", {"layer": layer}), Edit("insert_node", {"node": call})]
    edits += _rewire(graph, set(plan.nodes), replacement)
    edits += _delete(graph, set(plan.nodes))
    return edits


def _rewire(graph: Graph, old_nodes: set[str], replacement: dict[TensorRef, TensorRef]):
    edits = []
    for reader, path in _ports_reading(graph, old_nodes):
        node = graph.nodes[reader]
        old = get_at({"args": node.args, "kwargs": node.kwargs}, path)
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


# ---------------------------------------------------------------------- ungroup


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
    call_inputs = list(iter_refs(graph.nodes[node_id].args))
    if len(call_inputs) != len(body.inputs):
        raise GraphError(f"Connect every input of '{nested.name}' before ungrouping.")
    _check_ungroupable(graph, node_id, nested)
    mapping = dict(zip(body.inputs, call_inputs, strict=True))
    taken = {layer.name for layer in graph.layers.values()} - {nested.name}
    inner = [layer for layer in body.layers.values() if not layer.is_input]
    names = {}
    for layer in inner:
        names[layer.id] = free_name(layer.name, taken)
        taken.add(names[layer.id])
    edits: list[Edit] = []
    if nested.name in names.values():  # the model's own name goes to one of its layers
        temporary = free_name(f"{nested.name}_ungrouped", taken)
        edits.append(Edit("rename", {"layer_id": nested.id, "name": temporary}))
    new_ids: dict[str, str] = {}
    for layer in inner:
        copy_ = copy.deepcopy(layer)
        copy_.id = new_ids[layer.id] = graph.new_id("L")
        if copy_.body is not None:
            copy_.body.name = names[layer.id]
        else:
            copy_.config["name"] = names[layer.id]
        edits.append(Edit("insert_layer", {"layer": copy_}))
    node_ids = {n: graph.new_id("N") for n in body.nodes if not body.layer_of(n).is_input}

    def outer(ref: TensorRef) -> TensorRef:
        if ref in mapping:
            return mapping[ref]
        if ref.node_id not in node_ids:  # an Input's tensor that the call does not pass in
            raise GraphError(
                f"Inside '{nested.name}', a layer reads tensor #{ref.index} of Input "
                f"'{body.layer_of(ref.node_id).name}', which is not one of the model's inputs: "
                "fix that wire inside the model (see Problems) before ungrouping."
            )
        return TensorRef(node_ids[ref.node_id], ref.index)

    for old_id in dependency_order(body):
        if old_id in node_ids:
            source = body.nodes[old_id]
            args = map_refs(source.args, outer)
            kwargs = {k: _json_safe(v) for k, v in map_refs(source.kwargs, outer).items()}
            node = Node(node_ids[old_id], new_ids[source.layer_id], args, kwargs)
            edits.append(Edit("insert_node", {"node": node}))
    replacement = {TensorRef(node_id, k): outer(ref) for k, ref in enumerate(body.outputs)}
    edits += _rewire(graph, {node_id}, replacement)
    edits += _delete(graph, {node_id})
    return compound(edits, f"Ungroup {nested.name}")


def _check_ungroupable(graph: Graph, node_id: str, nested: Layer) -> None:
    """Refuse what ungrouping could not wire: outputs read outside that the model lost, and
    calls inside reading an Input that is not one of the model's inputs."""
    body = nested.body
    assert body is not None
    read = [ref for n in graph.nodes.values() for ref in n.input_refs()] + graph.outputs
    missing = sorted(
        {r.index for r in read if r.node_id == node_id and r.index >= len(body.outputs)}
    )
    if missing:
        raise GraphError(
            f"Model '{nested.name}' has {len(body.outputs)} output(s), but its output "
            f"#{missing[0]} is still used outside it: mark that output inside '{nested.name}' "
            "again, or disconnect what reads it, before ungrouping."
        )
    inputs = {ref.node_id for ref in body.inputs}
    for node in body.nodes.values():
        for ref in node.input_refs():
            if body.layer_of(ref.node_id).is_input and ref.node_id not in inputs:
                name = body.layer_of(ref.node_id).name
                raise GraphError(
                    f"Input '{name}' inside '{nested.name}' is not one of its model inputs: "
                    "ungrouping would leave nothing to feed it. Mark it as a model input first."
                )


def _json_safe(value: Any) -> Any:
    """`value` as it reads back from JSON (tuples become lists), tensors kept."""
    if isinstance(value, TensorRef):
        return value
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    return json_clean(value)
