"""Edits: every change to a graph, each with an exact inverse.

An `Edit` is plain data (an operation name and its arguments). `apply(graph, edit)` validates it,
changes the graph, emits one event per primitive change, and returns the inverse edit, so that an
undo stack needs nothing else: redo is `inverse = apply(graph, edit)`, undo is
`apply(graph, inverse)`. Compound edits (remove a node with its connections, group into a model)
are lists of primitives; their inverse is the reversed list of inverses.

The builders in `engine.model.operations` turn user intents ("connect this port to that one")
into edits.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from engine.errors import (
    ConnectionError_,
    CycleError,
    DuplicateNameError,
    GraphError,
    NotFoundError,
)
from engine.model.graph import Graph, Layer, Node, TensorRef
from engine.model.topology import downstream

Path = tuple[Any, ...]  # ("args", 0) / ("args", 0, 2) / ("kwargs", "key")


@dataclass
class Edit:
    op: str
    args: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Edit({self.op})"


def compound(edits: list[Edit], label: str = "") -> Edit:
    return Edit("compound", {"edits": edits, "label": label})


_OPS: dict[str, Callable[..., Edit]] = {}


def _op(fn: Callable[..., Edit]) -> Callable[..., Edit]:
    _OPS[fn.__name__.lstrip("_")] = fn
    return fn


def apply(graph: Graph, edit: Edit) -> Edit:
    """Apply `edit` to `graph` and return its inverse (raises a GraphError if invalid)."""
    try:
        handler = _OPS[edit.op]
    except KeyError:
        raise GraphError(f"Unknown edit. Received: {edit.op!r}.") from None
    return handler(graph, **edit.args)


# ---------------------------------------------------------------------- compound


@_op
def _compound(graph: Graph, edits: list[Edit], label: str = "") -> Edit:
    done: list[Edit] = []
    try:
        for edit in edits:
            done.append(apply(graph, edit))
    except Exception:
        for inverse in reversed(done):  # leave the graph exactly as it was
            apply(graph, inverse)
        raise
    return compound(list(reversed(done)), label)


# ---------------------------------------------------------------------- layers and nodes


def check_name(graph: Graph, name: str, ignore: str | None = None) -> None:
    if not isinstance(name, str) or not name.strip():
        raise GraphError(f"A layer name must be a non-empty string. Received: {name!r}.")
    if "/" in name:
        raise GraphError(f"A layer name cannot contain '/'. Received: {name!r}.")
    for layer in graph.layers.values():
        if layer.name == name and layer.id != ignore:
            raise DuplicateNameError(
                f"The name '{name}' is used twice in the model. All layer names should be "
                f"unique. Received: '{name}' for a second layer."
            )


@_op
def _insert_layer(graph: Graph, layer: Layer, position: int | None = None) -> Edit:
    if layer.id in graph.layers:
        raise GraphError(f"A layer with id {layer.id!r} exists already.")
    check_name(graph, layer.name)
    graph._insert_layer(copy.deepcopy(layer), position)
    graph.emit("layer_added", layer_id=layer.id)
    return Edit("delete_layer", {"layer_id": layer.id})


@_op
def _delete_layer(graph: Graph, layer_id: str) -> Edit:
    layer = graph.layer(layer_id)
    if graph.calls.get(layer_id):
        raise GraphError(f"Layer '{layer.name}' is still called; remove its calls first.")
    position = list(graph.layers).index(layer_id)
    del graph.layers[layer_id]
    graph.calls.pop(layer_id, None)
    graph.emit("layer_removed", layer_id=layer_id)
    return Edit("insert_layer", {"layer": layer, "position": position})


@_op
def _insert_node(graph: Graph, node: Node, call_index: int | None = None) -> Edit:
    if node.id in graph.nodes:
        raise GraphError(f"A node with id {node.id!r} exists already.")
    graph.layer(node.layer_id)
    graph._insert_node(copy.deepcopy(node), call_index)
    graph.emit("node_added", node_id=node.id, layer_id=node.layer_id)
    return Edit("delete_node", {"node_id": node.id})


@_op
def _delete_node(graph: Graph, node_id: str) -> Edit:
    node = graph.node(node_id)
    readers = graph.consumers(node_id)
    if readers or any(r.node_id == node_id for r in graph.inputs + graph.outputs):
        raise GraphError(f"Layer '{graph.layer_of(node_id).name}' is still connected.")
    call_index = graph.call_index(node_id)
    del graph.nodes[node_id]
    graph.calls[node.layer_id].remove(node_id)
    graph.emit("node_removed", node_id=node_id, layer_id=node.layer_id)
    return Edit("insert_node", {"node": node, "call_index": call_index})


# ---------------------------------------------------------------------- ports


def get_at(structure: Any, path: Path) -> Any:
    for key in path:
        structure = structure[key]
    return structure


def _container(node: Node, path: Path) -> tuple[Any, Any]:
    if not path or path[0] not in ("args", "kwargs"):
        raise ConnectionError_(f"A port path starts with 'args' or 'kwargs'. Received: {path!r}.")
    root = {"args": node.args, "kwargs": node.kwargs}
    try:
        return get_at(root, path[:-1]), path[-1]
    except (KeyError, IndexError, TypeError):
        raise NotFoundError(f"No such input port. Received: {path!r}.") from None


def check_connection(graph: Graph, source: TensorRef, node_id: str) -> None:
    """Raise unless `source` may feed node `node_id` (exists, not an Input, no cycle)."""
    target = graph.node(node_id)
    graph.node(source.node_id)
    layer = graph.layer(target.layer_id)
    source_layer = graph.layer_of(source.node_id)
    if layer.is_input:
        raise ConnectionError_(
            f"An Input takes no incoming connection. Received: '{source_layer.name}' -> "
            f"Input '{layer.name}'."
        )
    if source.index < 0:
        raise ConnectionError_(f"Tensor indices start at 0. Received: {source.index}.")
    if source.node_id in downstream(graph, {node_id}):
        raise CycleError(
            f"Connecting '{source_layer.name}' to '{layer.name}' would make a cycle: "
            f"'{source_layer.name}' already depends on '{layer.name}'."
        )


@_op
def _set_port(graph: Graph, node_id: str, path: Path, source: TensorRef | None) -> Edit:
    """Set the tensor at `path` of a call (None disconnects it)."""
    node = graph.node(node_id)
    if source is not None:
        check_connection(graph, source, node_id)
    container, key = _container(node, tuple(path))
    if isinstance(container, dict):
        previous = container.get(key)
        if source is None:
            container.pop(key, None)
        else:
            container[key] = source
    else:
        if not isinstance(key, int) or not 0 <= key < len(container):
            raise NotFoundError(f"No input port at {path!r} on '{graph.layer_of(node_id).name}'.")
        previous = container[key]
        container[key] = source
    graph.emit("connection_changed", node_id=node_id, path=tuple(path))
    return Edit("set_port", {"node_id": node_id, "path": tuple(path), "source": previous})


@_op
def _insert_port(graph: Graph, node_id: str, path: Path, source: TensorRef | None = None) -> Edit:
    """Insert an entry in a variadic input list (a merge layer's "+" port)."""
    node = graph.node(node_id)
    if source is not None:
        check_connection(graph, source, node_id)
    container, index = _container(node, tuple(path))
    if not isinstance(container, list) or not 0 <= index <= len(container):
        raise NotFoundError(f"Cannot add an input at {path!r}.")
    container.insert(index, source)
    graph.emit("connection_changed", node_id=node_id, path=tuple(path))
    return Edit("remove_port", {"node_id": node_id, "path": tuple(path)})


@_op
def _remove_port(graph: Graph, node_id: str, path: Path) -> Edit:
    node = graph.node(node_id)
    container, index = _container(node, tuple(path))
    if not isinstance(container, list) or not 0 <= index < len(container):
        raise NotFoundError(f"No input port at {path!r}.")
    previous = container.pop(index)
    graph.emit("connection_changed", node_id=node_id, path=tuple(path))
    return Edit("insert_port", {"node_id": node_id, "path": tuple(path), "source": previous})


# ---------------------------------------------------------------------- layer settings


_MISSING = "__missing__"


@_op
def _set_config(graph: Graph, layer_id: str, changes: dict[str, Any]) -> Edit:
    """Change keys of a layer's Keras config (the value `_MISSING` deletes a key)."""
    layer = graph.layer(layer_id)
    if "name" in changes:
        raise GraphError("Rename a layer with the rename edit, not by changing its config.")
    previous = {key: copy.deepcopy(layer.config.get(key, _MISSING)) for key in changes}
    for key, value in changes.items():
        if value == _MISSING:
            layer.config.pop(key, None)
        else:
            layer.config[key] = copy.deepcopy(value)
    graph.emit("config_changed", layer_id=layer_id, keys=list(changes))
    return Edit("set_config", {"layer_id": layer_id, "changes": previous})


@_op
def _rename(graph: Graph, layer_id: str, name: str) -> Edit:
    layer = graph.layer(layer_id)
    old = layer.name
    if name == old:
        return Edit("rename", {"layer_id": layer_id, "name": old})
    check_name(graph, name, ignore=layer_id)
    if layer.body is not None:
        layer.body.name = name
    else:
        layer.config["name"] = name
    graph.emit("renamed", layer_id=layer_id, old=old, new=name)
    return Edit("rename", {"layer_id": layer_id, "name": old})


@_op
def _set_outputs(graph: Graph, refs: list[TensorRef]) -> Edit:
    for ref in refs:
        graph.node(ref.node_id)
    previous = list(graph.outputs)
    graph.outputs = list(refs)
    graph.emit("outputs_changed")
    return Edit("set_outputs", {"refs": previous})


@_op
def _set_inputs(graph: Graph, refs: list[TensorRef]) -> Edit:
    for ref in refs:
        layer = graph.layer_of(ref.node_id)
        if not layer.is_input:
            raise GraphError(f"Only Input layers can be model inputs. Received: '{layer.name}'.")
    previous = list(graph.inputs)
    graph.inputs = list(refs)
    graph.emit("inputs_changed")
    return Edit("set_inputs", {"refs": previous})


@_op
def _set_model_name(graph: Graph, name: str) -> Edit:
    previous = graph.name
    graph.name = name
    graph.emit("model_renamed")
    return Edit("set_model_name", {"name": previous})
