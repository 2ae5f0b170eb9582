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
import inspect
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


_SIGNATURES: dict[str, inspect.Signature] = {}


def _op(fn: Callable[..., Edit]) -> Callable[..., Edit]:
    _OPS[fn.__name__.lstrip("_")] = fn
    _SIGNATURES[fn.__name__.lstrip("_")] = inspect.signature(fn)
    return fn


def apply(graph: Graph, edit: Edit) -> Edit:
    """Apply `edit` to `graph` and return its inverse (raises a GraphError if invalid)."""
    try:
        handler = _OPS[edit.op]
    except (KeyError, TypeError):
        raise GraphError(f"Unknown edit. Received: {edit.op!r}.") from None
    try:
        _SIGNATURES[edit.op].bind(graph, **edit.args)
    except TypeError as exc:
        raise GraphError(f"Edit '{edit.op}' cannot take these arguments: {exc}.") from None
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


def check_name(graph: Graph, name: Any, ignore: str | None = None,
               ignore_all: bool = False) -> None:  # fmt: skip
    """Raise unless `name` is a name Keras accepts and no other layer of `graph` has it.

    Args:
        graph: the graph the name is for.
        name: the name.
        ignore: the id of the layer being renamed (it may keep its name).
        ignore_all: check only that Keras accepts the name (a model's own name).
    """
    if not isinstance(name, str) or not name.strip():
        raise GraphError(f"A name must be a non-empty string. Received: {name!r}.")
    if "/" in name:
        raise GraphError(f"A name cannot contain '/' (Keras refuses it). Received: {name!r}.")
    if ignore_all:
        return
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


def _path(path: Any) -> Path:
    if not isinstance(path, (tuple, list)) or not path or path[0] not in ("args", "kwargs"):
        raise ConnectionError_(
            f"A port path is a tuple starting with 'args' or 'kwargs'. Received: {path!r}."
        )
    for step in path[1:]:
        if not (isinstance(step, str) or (type(step) is int and step >= 0)):
            raise NotFoundError(f"No such input port. Received: {tuple(path)!r}.")
    return tuple(path)


def _container(node: Node, path: Path) -> tuple[Any, Any]:
    """The list or dict holding the entry at `path`, and the entry's key in it."""
    root = {"args": node.args, "kwargs": node.kwargs}
    try:
        container = get_at(root, path[:-1])
    except (KeyError, IndexError, TypeError):
        raise NotFoundError(f"No such input port. Received: {path!r}.") from None
    key = path[-1]
    if isinstance(container, list) and type(key) is int:
        return container, key
    if isinstance(container, dict) and isinstance(key, str):
        return container, key
    raise NotFoundError(f"No such input port. Received: {path!r}.")


def _check_source(source: Any) -> None:
    valid = isinstance(source, TensorRef) and type(source.index) is int
    if not (source is None or valid):
        raise ConnectionError_(
            f"A port is connected to a tensor (a TensorRef) or to nothing (None). "
            f"Received: {source!r}."
        )


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
    if source.node_id not in downstream(graph, {node_id}):
        return
    if source.node_id in downstream(graph, {node_id}, call_order=False):
        raise CycleError(
            f"Connecting '{source_layer.name}' to '{layer.name}' would make a cycle: "
            f"'{source_layer.name}' already depends on '{layer.name}'."
        )
    calls = graph.calls[target.layer_id]
    raise CycleError(
        f"Connecting '{source_layer.name}' to call {calls.index(node_id)} of "
        f"'{layer.name}' would make a cycle: Keras makes a shared layer's calls in order "
        f"(call 0 builds it), and '{source_layer.name}' comes after that call. Connect a "
        f"later call of '{layer.name}' instead. Received: a wire from "
        f"'{source_layer.name}' to call {calls.index(node_id)} of {len(calls)}."
    )


@_op
def _set_port(graph: Graph, node_id: str, path: Path, source: TensorRef | None,
              keep: bool = False) -> Edit:  # fmt: skip
    """Set the tensor at `path` of a call (None disconnects it).

    A disconnected keyword argument disappears from the call, unless `keep` (then it holds None,
    as Keras records `mask=None`): each inverse says which, so undo is exact.
    """
    node = graph.node(node_id)
    path = _path(path)
    _check_source(source)
    container, key = _container(node, path)
    present = key in container if isinstance(container, dict) else 0 <= key < len(container)
    if not present and not isinstance(container, dict):
        raise NotFoundError(f"No input port at {path!r} on '{graph.layer_of(node_id).name}'.")
    previous = container[key] if present else None
    if previous is not None and not isinstance(previous, TensorRef):
        raise ConnectionError_(
            f"{path!r} of '{graph.layer_of(node_id).name}' is not a tensor input: it holds "
            f"{previous!r}. Received: a connection to it."
        )
    if source is not None:
        check_connection(graph, source, node_id)
    if isinstance(container, dict) and source is None and not keep:
        container.pop(key, None)
    else:
        container[key] = source
    graph.emit("connection_changed", node_id=node_id, path=path)
    inverse = {"node_id": node_id, "path": path, "source": previous}
    if present and previous is None and isinstance(container, dict):
        inverse["keep"] = True
    return Edit("set_port", inverse)


def _list_port(graph: Graph, node: Node, path: Path, inserting: bool) -> tuple[list, int]:
    """The list and index of a variadic input (a merge layer's, or a list in the kwargs)."""
    container, index = _container(node, path)
    if not isinstance(container, list) or not 0 <= index < len(container) + int(inserting):
        raise NotFoundError(
            f"No input port at {path!r} on '{graph.layer_of(node.id).name}'. Received: {path!r}."
        )
    return container, index


def _restores_kwargs_list(node: Node, path: Path) -> bool:
    """Inserting the first entry of a keyword argument's list removed with its last entry."""
    return (
        len(path) == 3
        and path[0] == "kwargs"
        and path[2] == 0
        and (isinstance(path[1], str) and path[1] not in node.kwargs)
    )


@_op
def _insert_port(graph: Graph, node_id: str, path: Path, source: TensorRef | None = None) -> Edit:
    """Insert an entry in a variadic input list (a merge layer's "+" port)."""
    node = graph.node(node_id)
    path = _path(path)
    _check_source(source)
    if source is not None:
        check_connection(graph, source, node_id)
    if _restores_kwargs_list(node, path):
        node.kwargs[path[1]] = [source]
    else:
        container, index = _list_port(graph, node, path, inserting=True)
        container.insert(index, source)
    graph.emit("connection_changed", node_id=node_id, path=path)
    return Edit("remove_port", {"node_id": node_id, "path": path})


@_op
def _remove_port(graph: Graph, node_id: str, path: Path) -> Edit:
    """Remove an entry of a variadic input list; a keyword argument's list left empty goes too."""
    node = graph.node(node_id)
    path = _path(path)
    container, index = _list_port(graph, node, path, inserting=False)
    previous = container.pop(index)
    if not container and len(path) == 3 and path[0] == "kwargs":
        del node.kwargs[path[1]]  # `initial_state=[]` means nothing to Keras
    graph.emit("connection_changed", node_id=node_id, path=path)
    return Edit("insert_port", {"node_id": node_id, "path": path, "source": previous})


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
    """Rename the model; a nested model's name is its layer name in the graph that holds it."""
    found = graph.enclosing()
    if found is None:
        check_name(graph, name, ignore_all=True)
    else:
        outer, holder = found
        check_name(outer, name, ignore=holder.id)
    previous = graph.name
    graph.name = name
    graph.emit("model_renamed")
    return Edit("set_model_name", {"name": previous})
