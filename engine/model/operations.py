"""User intents turned into edits: add a layer, connect, apply again, append, pop, remove...

Each builder reads the graph, checks what it can up front, and returns one `Edit` (often a
compound) that `engine.model.edits.apply` carries out. Builders never change the graph themselves.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from engine.errors import ConnectionError_, GraphError, NotFoundError
from engine.model.call_kwargs import default_call_kwargs
from engine.model.edits import Edit, Path, check_connection, check_name, compound
from engine.model.graph import INPUT_CLASS, Graph, Layer, Node, TensorRef, iter_refs
from engine.model.keras_objects import keras


def json_clean(value: Any) -> Any:
    """`value` as it reads back from JSON (tuples become lists), as Keras configs are stored."""
    return json.loads(json.dumps(value))


def snake_case(class_name: str) -> str:
    """Keras's base name for a new layer of `class_name` (`Conv2D` -> `conv2d`)."""
    from engine.catalog import UnknownLayerError, get_catalog

    try:  # the catalog holds Keras's own answer: no Keras needed while it loads
        return get_catalog().get(class_name).default_name
    except UnknownLayerError:
        from keras.src.utils.naming import to_snake_case

        return to_snake_case(class_name)


def default_config(class_name: str, name: str, **overrides: Any) -> dict[str, Any]:
    """Keras's own default config for `class_name` (with `overrides`), named `name`."""
    from engine.catalog import UnknownLayerError, get_catalog

    try:
        spec = get_catalog().get(class_name)
    except UnknownLayerError:
        raise GraphError(f"Unknown layer class. Received: {class_name!r}.") from None
    try:
        return json_clean(spec.default_config(name=name, **overrides))
    except (TypeError, ValueError) as exc:
        raise GraphError(f"Cannot create {class_name}: {exc}") from exc


#: Layers called with separate named tensors: `mha(query, value)`.
NAMED_TENSOR_ARGS: dict[str, tuple[str, ...]] = {
    "MultiHeadAttention": ("query", "value"),
    "GroupQueryAttention": ("query", "value"),
}
#: Layers called with one list of named tensors: `Attention()([query, value])` (key optional).
TENSOR_LIST_ARGS: dict[str, tuple[str, ...]] = {
    "Attention": ("query", "value", "key"),
    "AdditiveAttention": ("query", "value", "key"),
}


def is_merge(layer: Layer) -> bool:
    """Merge layers take one list of tensors (variadic): Add, Concatenate, ..."""
    from engine.catalog import UnknownLayerError, get_catalog

    if layer.body is not None or layer.is_input:
        return False
    try:
        return get_catalog().get(layer.class_name).is_merge
    except UnknownLayerError:
        return False


def call_skeleton(layer: Layer) -> tuple[list[Any], dict[str, Any]]:
    """Unconnected args/kwargs for a new call: one slot, a list for merge layers, named slots."""
    if is_merge(layer):
        return [[]], {}
    if layer.class_name in NAMED_TENSOR_ARGS:
        return [None] * len(NAMED_TENSOR_ARGS[layer.class_name]), {}
    if layer.class_name in TENSOR_LIST_ARGS:
        return [[None, None]], {}  # query and value; a wire on "+" adds the key
    if layer.body is not None and len(layer.body.inputs) > 1:
        return [[None] * len(layer.body.inputs)], {}
    return [None], {}


def _new_call(graph: Graph, layer: Layer, inputs: list[TensorRef] | None) -> Node:
    args, kwargs = call_skeleton(layer)
    node = Node(id=graph.new_id("N"), layer_id=layer.id, args=args, kwargs=kwargs)
    inputs = list(inputs or [])
    if inputs:
        if args == [[]]:
            args[0] = list(inputs)
        elif args and isinstance(args[0], list):
            args[0][: len(inputs)] = inputs
        else:
            args[: len(inputs)] = inputs
    if layer.class_name not in TENSOR_LIST_ARGS:  # Keras records no call kwargs for these
        node.kwargs.update(default_call_kwargs(layer, NAMED_TENSOR_ARGS.get(layer.class_name)))
    return node


def add_layer(
    graph: Graph,
    class_name: str,
    inputs: list[TensorRef] | None = None,
    name: str | None = None,
    **params: Any,
) -> tuple[Edit, str, str]:
    """A new layer of `class_name` with Keras's default config and its first call.

    Returns:
        (edit, layer id, node id).
    """
    name = name or graph.unique_name(snake_case(class_name))
    layer = Layer(id=graph.new_id("L"), class_name=class_name, config={})
    layer.config = default_config(class_name, name, **params)
    return _add(graph, layer, inputs)


def add_input(
    graph: Graph,
    shape: tuple[int | None, ...],
    dtype: str = "float32",
    batch_size: int | None = None,
    name: str | None = None,
) -> tuple[Edit, str, str]:
    """A model input (Keras's `Input(shape, batch_size, dtype)`), marked as a model input."""
    name = name or graph.unique_name("input_layer")
    check_name(graph, name)
    if not isinstance(shape, (tuple, list)) or not all(_is_dim(d) for d in shape):
        raise GraphError(
            f"An Input's shape is a tuple of positive sizes (None for any). Received: {shape!r}."
        )
    if not (batch_size is None or _is_dim(batch_size)):
        raise GraphError(f"A batch size is a positive integer or None. Received: {batch_size!r}.")
    config = _input_config(tuple(shape), dtype, batch_size, name)
    layer = Layer(id=graph.new_id("L"), class_name=INPUT_CLASS, config=config)
    node = Node(id=graph.new_id("N"), layer_id=layer.id)
    edits = [
        Edit("insert_layer", {"layer": layer}),
        Edit("insert_node", {"node": node}),
        Edit("set_inputs", {"refs": [*graph.inputs, TensorRef(node.id)]}),
    ]
    return compound(edits, f"Add input {name}"), layer.id, node.id


def _is_dim(value: Any) -> bool:
    return value is None or (type(value) is int and value > 0)


def _input_config(
    shape: tuple[int | None, ...], dtype: str, batch_size: int | None, name: str
) -> dict[str, Any]:
    """`InputLayer(shape, batch_size, dtype, name).get_config()`, from the catalog's template
    when that is the input asked for (the canvas's default: placed while Keras loads)."""
    from engine.catalog import get_catalog

    template = get_catalog().get(INPUT_CLASS).template
    if template.get("batch_shape") == [batch_size, *shape] and template.get("dtype") == dtype:
        return {**copy.deepcopy(template), "name": name}
    try:
        layer_obj = keras().layers.InputLayer(
            shape=shape, batch_size=batch_size, dtype=dtype, name=name
        )
        return json_clean(layer_obj.get_config())
    except (TypeError, ValueError, AttributeError) as exc:  # Keras's word on a bad dtype
        raise GraphError(f"Keras refuses this Input: {exc} Received: dtype={dtype!r}.") from None


def add_nested(graph: Graph, body: Graph, inputs: list[TensorRef] | None = None):
    """A nested model (a Graph used as a layer) and its first call."""
    layer = Layer(id=graph.new_id("L"), class_name=body.kind, config={}, body=body)
    layer.module = "keras" if body.kind == "Sequential" else "keras.src.models.functional"
    layer.registered_name = None if body.kind == "Sequential" else "Functional"
    layer.extra = {"build_config": {"input_shape": None}, "compile_config": {}}
    return _add(graph, layer, inputs)


def _add(graph: Graph, layer: Layer, inputs: list[TensorRef] | None) -> tuple[Edit, str, str]:
    for ref in inputs or []:
        graph.node(ref.node_id)
    node = _new_call(graph, layer, inputs)
    edits = [Edit("insert_layer", {"layer": layer}), Edit("insert_node", {"node": node})]
    return compound(edits, f"Add {layer.name}"), layer.id, node.id


def apply_again(graph: Graph, layer_id: str, inputs: list[TensorRef] | None = None):
    """A new call of an existing layer: weights are shared between calls."""
    layer = graph.layer(layer_id)
    if layer.is_input:
        raise GraphError(f"An Input cannot be called. Received: '{layer.name}'.")
    node = _new_call(graph, layer, inputs)
    return Edit("insert_node", {"node": node}), node.id


def duplicate_layer(graph: Graph, node_id: str) -> tuple[Edit, str, str]:
    """An independent copy of a call's layer (new weights), unconnected."""
    source = graph.layer_of(node_id)
    if source.is_input or source.body is not None:
        raise GraphError(f"Only plain layers can be duplicated. Received: '{source.name}'.")
    base = source.name.rstrip("0123456789").rstrip("_") or "layer"
    layer = copy.deepcopy(source)
    layer.id = graph.new_id("L")
    layer.config["name"] = graph.unique_name(base)
    return _add(graph, layer, None)


def input_ports(graph: Graph, node_id: str) -> list[tuple[Path, str, TensorRef | None]]:
    """The call's input ports: (path, label, connected tensor or None), in order."""
    node = graph.node(node_id)
    layer = graph.layer(node.layer_id)
    if layer.is_input:
        return []
    ports: list[tuple[Path, str, TensorRef | None]] = []
    labels = NAMED_TENSOR_ARGS.get(layer.class_name, ())
    names = TENSOR_LIST_ARGS.get(layer.class_name, ())
    for i, arg in enumerate(node.args):
        if isinstance(arg, list):
            ports += [(("args", i, j), names[j] if j < len(names) else f"#{j}", ref)
                      for j, ref in enumerate(arg)]  # fmt: skip
        elif isinstance(arg, TensorRef) or arg is None:
            ports.append((("args", i), labels[i] if i < len(labels) else "input", arg))
    for key in sorted(node.kwargs):
        ports += _kwargs_ports(("kwargs", key), key, node.kwargs[key])
    return ports


def _kwargs_ports(path: Path, label: str, value: Any) -> list[tuple[Path, str, TensorRef | None]]:
    """Tensors in a keyword argument, at any depth (`initial_state=[h, c]`): each is a port."""
    if isinstance(value, TensorRef):
        return [(path, label, value)]
    if isinstance(value, list):
        found = []
        for i, item in enumerate(value):
            found += _kwargs_ports((*path, i), f"{label}[{i}]", item)
        return found
    if isinstance(value, dict):
        found = []
        for key in sorted(value):
            found += _kwargs_ports((*path, key), f"{label}.{key}", value[key])
        return found
    return []


def connect(graph: Graph, source: TensorRef, node_id: str, path: Path | None = None) -> Edit:
    """Connect tensor `source` to an input port of call `node_id`.

    Without a path the first free port is used; a merge layer grows a new one.
    """
    check_connection(graph, source, node_id)
    node = graph.node(node_id)
    if path is None:
        free = [p for p, _, ref in input_ports(graph, node_id) if ref is None]
        if free:
            path = free[0]
        elif node.args and isinstance(node.args[0], list):
            return Edit("insert_port", {"node_id": node_id, "path": ("args", 0, len(node.args[0])),
                                        "source": source})  # fmt: skip
        else:
            name = graph.layer_of(node_id).name
            raise ConnectionError_(
                f"Every input of '{name}' is connected already. Disconnect one first, or drop "
                "the wire on a specific port to replace it."
            )
    if path[0] == "kwargs":
        return Edit("set_port", {"node_id": node_id, "path": tuple(path), "source": source})
    return Edit("set_port", {"node_id": node_id, "path": tuple(path), "source": source})


def disconnect(graph: Graph, node_id: str, path: Path) -> Edit:
    """Disconnect one port (a merge layer's port disappears, as does an entry of a list of
    tensors in the kwargs)."""
    ports = {tuple(p): ref for p, _, ref in input_ports(graph, node_id)}
    if not isinstance(path, (tuple, list)) or tuple(path) not in ports:
        raise NotFoundError(
            f"'{graph.layer_of(node_id).name}' has no input port {path!r}. "
            f"Received: {path!r}; its ports are {sorted(map(str, ports))}."
        )
    path = tuple(path)
    if _removes_port(graph, node_id, path):
        return Edit("remove_port", {"node_id": node_id, "path": path})
    return Edit("set_port", {"node_id": node_id, "path": path, "source": None})


def _removes_port(graph: Graph, node_id: str, path: Path) -> bool:
    """Whether disconnecting `path` removes its port (a variadic input) or leaves it empty
    (a nested model's input #1 stays #1)."""
    if len(path) < 3 or not isinstance(path[-1], int):
        return False
    if path[0] == "kwargs":
        return True
    layer = graph.layer_of(node_id)
    if layer.class_name in TENSOR_LIST_ARGS:
        return path[-1] >= 2  # query and value keep their places; the key is optional
    return is_merge(layer)


def _ports_reading(graph: Graph, node_ids: set[str]) -> list[tuple[str, Path]]:
    """(reader node, path) of every port outside `node_ids` that reads one of them."""
    found = []
    for node in graph.nodes.values():
        if node.id in node_ids:
            continue
        for path, _, ref in input_ports(graph, node.id):
            if ref is not None and ref.node_id in node_ids:
                found.append((node.id, path))
    return found


def remove_nodes(graph: Graph, node_ids: list[str]) -> Edit:
    """Remove calls (and layers left without calls), disconnecting whatever read them."""
    doomed = set(node_ids)
    for node_id in doomed:
        graph.node(node_id)
    edits: list[Edit] = []
    # merge ports are removed from the highest index down so earlier paths stay valid
    for reader, path in sorted(_ports_reading(graph, doomed), key=lambda rp: rp[1], reverse=True):
        edits.append(disconnect(graph, reader, path))
    kept_outputs = [r for r in graph.outputs if r.node_id not in doomed]
    if kept_outputs != graph.outputs:
        edits.append(Edit("set_outputs", {"refs": kept_outputs}))
    kept_inputs = [r for r in graph.inputs if r.node_id not in doomed]
    if kept_inputs != graph.inputs:
        edits.append(Edit("set_inputs", {"refs": kept_inputs}))
    for node_id in _reader_first(graph, doomed):
        edits.append(Edit("delete_node", {"node_id": node_id}))
    for layer_id in dict.fromkeys(graph.nodes[n].layer_id for n in node_ids):
        if set(graph.calls[layer_id]) <= doomed:
            edits.append(Edit("delete_layer", {"layer_id": layer_id}))
    return compound(edits, "Remove")


def _reader_first(graph: Graph, node_ids: set[str]) -> list[str]:
    """`node_ids` ordered so that each node comes before the nodes it reads."""
    from engine.model.topology import dependency_order

    return [n for n in reversed(dependency_order(graph)) if n in node_ids]


def _clear_inner_reads(graph: Graph, node_ids: set[str]) -> list[Edit]:
    """Disconnect reads between doomed nodes (so they can be deleted in any order)."""
    edits = []
    for node_id in node_ids:
        for path, _, ref in sorted(input_ports(graph, node_id), key=lambda p: p[0], reverse=True):
            if ref is not None:
                edits.append(disconnect(graph, node_id, path))
    return edits


def set_params(graph: Graph, layer_id: str, **changes: Any) -> Edit:
    return Edit("set_config", {"layer_id": layer_id, "changes": changes})


def rename(graph: Graph, layer_id: str, name: str) -> Edit:
    return Edit("rename", {"layer_id": layer_id, "name": name})


def mark_output(graph: Graph, ref: TensorRef, position: int | None = None) -> Edit:
    refs = [r for r in graph.outputs if r != ref]
    refs.insert(len(refs) if position is None else position, ref)
    return Edit("set_outputs", {"refs": refs})


def unmark_output(graph: Graph, ref: TensorRef) -> Edit:
    return Edit("set_outputs", {"refs": [r for r in graph.outputs if r != ref]})


# ---------------------------------------------------------------------- chains (add / pop)


def append(graph: Graph, class_name: str, name: str | None = None, **params: Any):
    """The seed's `model.add(layer)`: call a new layer on the single output, make it the output."""
    if len(graph.outputs) != 1:
        raise GraphError(
            f"Append works on a model with exactly one output. Received: {len(graph.outputs)} "
            "outputs. Connect the new layer by hand instead."
        )
    add, layer_id, node_id = add_layer(graph, class_name, [graph.outputs[0]], name, **params)
    edit = compound([add, Edit("set_outputs", {"refs": [TensorRef(node_id)]})], "Append")
    return edit, layer_id, node_id


def pop(graph: Graph) -> Edit:
    """The seed's `model.pop()`: remove the last layer of a chain; its input becomes the output."""
    if len(graph.outputs) != 1:
        raise GraphError(f"Pop needs exactly one output. Received: {len(graph.outputs)}.")
    last = graph.outputs[0].node_id
    layer = graph.layer_of(last)
    refs = list(iter_refs(graph.nodes[last].args))
    if layer.is_input or len(refs) != 1:
        raise GraphError(
            f"Pop removes the last layer of a chain. Received: '{layer.name}', which has "
            f"{len(refs)} inputs."
        )
    if graph.consumers(last):
        raise GraphError(f"Layer '{layer.name}' feeds other layers; it is not the last one.")
    edits = [Edit("set_outputs", {"refs": refs}), *_clear_inner_reads(graph, {last})]
    edits.append(Edit("delete_node", {"node_id": last}))
    if len(graph.calls[layer.id]) == 1:
        edits.append(Edit("delete_layer", {"layer_id": layer.id}))
    return compound(edits, "Pop")
