"""The graph model: Keras's own vocabulary, without Keras objects.

A **layer** is a Keras layer (or op, or nested model) described by its serialized identity
(`module`, `class_name`, `registered_name`) and its `config`, exactly as `get_config()` returns it.
A **node** is one *call* of a layer: a shared layer has several nodes. A call's arguments are kept
as Keras serializes them (`args`, `kwargs`), with every tensor replaced by a `TensorRef`, the
address of one output of another node. A nested model is a layer whose `body` is a `Graph`.

Ids are stable strings chosen by the graph; names are what Keras sees and stay unique per graph.
Editing lives in `engine.model.edits`; reading and writing Keras configs in
`engine.model.keras_config`.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from engine.errors import NotFoundError

INPUT_CLASS = "InputLayer"
MODEL_CLASSES = ("Functional", "Sequential", "Model")


@dataclass(frozen=True)
class TensorRef:
    """Output `index` of node `node_id`: Keras's `[layer_name, node_index, tensor_index]`."""

    node_id: str
    index: int = 0


@dataclass
class Layer:
    """One Keras layer (or op, or nested model), independent of how often it is called."""

    id: str
    class_name: str
    config: dict[str, Any]
    module: str | None = "keras.layers"
    registered_name: str | None = None
    body: Graph | None = None
    # keys of the serialized layer we keep verbatim (e.g. a nested model's compile_config)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.body.name if self.body is not None else self.config["name"]

    @property
    def is_input(self) -> bool:
        return self.class_name == INPUT_CLASS

    @property
    def is_model(self) -> bool:
        return self.body is not None

    @property
    def is_op(self) -> bool:
        """A bare Keras op (`keras.src.ops.numpy.Add`) in a functional graph."""
        return bool(self.module and self.module.startswith("keras.src.ops"))


@dataclass
class Node:
    """One call of a layer. `args`/`kwargs` hold TensorRefs where Keras holds tensors."""

    id: str
    layer_id: str
    args: list[Any] = field(default_factory=list)
    kwargs: dict[str, Any] = field(default_factory=dict)

    def input_refs(self) -> list[TensorRef]:
        """Tensors this call reads, in Keras's order (args, then kwargs by sorted key)."""
        return list(iter_refs([self.args, {k: self.kwargs[k] for k in sorted(self.kwargs)}]))


def free_name(base: str, taken: set[str]) -> str:
    """`base` if it is free, else the first free `base_1`, `base_2`..."""
    if base not in taken:
        return base
    return next(f"{base}_{i}" for i in itertools.count(1) if f"{base}_{i}" not in taken)


def iter_refs(structure: Any) -> Iterator[TensorRef]:
    if isinstance(structure, TensorRef):
        yield structure
    elif isinstance(structure, (list, tuple)):
        for item in structure:
            yield from iter_refs(item)
    elif isinstance(structure, dict):
        for value in structure.values():
            yield from iter_refs(value)


def map_refs(structure: Any, fn: Callable[[TensorRef], Any]) -> Any:
    """A copy of `structure` with every TensorRef replaced by `fn(ref)`."""
    if isinstance(structure, TensorRef):
        return fn(structure)
    if isinstance(structure, list):
        return [map_refs(item, fn) for item in structure]
    if isinstance(structure, tuple):
        return tuple(map_refs(item, fn) for item in structure)
    if isinstance(structure, dict):
        return {key: map_refs(value, fn) for key, value in structure.items()}
    return structure


@dataclass
class GraphEvent:
    """What changed: `kind` is e.g. "node_added", "connected", "config_changed"."""

    kind: str
    graph: Graph
    data: dict[str, Any] = field(default_factory=dict)


class Graph:
    """A functional (or Sequential) Keras model as layers and nodes.

    Attributes:
        name: the model's name.
        kind: "Functional" or "Sequential" (how it is exported by default).
        layers: layer id -> Layer, in the order Keras lists them.
        nodes: node id -> Node.
        inputs: the model's inputs (outputs of InputLayer nodes), in order.
        outputs: the model's outputs, in order.
    """

    def __init__(self, name: str = "model", kind: str = "Functional") -> None:
        self.name = name
        self.kind = kind
        self.trainable = True
        self.layers: dict[str, Layer] = {}
        self.nodes: dict[str, Node] = {}
        self.calls: dict[str, list[str]] = {}  # layer id -> its node ids, by node index
        self.inputs: list[TensorRef] = []
        self.outputs: list[TensorRef] = []
        # whether input_layers / output_layers are written as one tensor or a list
        self.single_input = True
        self.single_output = True
        # top-level keys kept verbatim (module, registered_name, compile_config, dtype, ...)
        self.extra: dict[str, Any] = {}
        # keys of the model's inner config kept verbatim (a Sequential's dtype, ...)
        self.extra_config: dict[str, Any] = {}
        # tensor -> (shape, dtype) as written in the imported file: the fallback for layers
        # whose class Keras cannot load (custom layers), so they export unchanged
        self.declared: dict[TensorRef, tuple[Any, Any]] = {}
        self._ids = itertools.count(1)
        self._listeners: list[Callable[[GraphEvent], None]] = []
        # the graph this one is the body of, if any (a weak link: copies of a body get theirs
        # when they are inserted)
        self._enclosing: weakref.ref[Graph] | None = None

    # ------------------------------------------------------------------ events

    def subscribe(self, listener: Callable[[GraphEvent], None]) -> None:
        """Call `listener(event)` after every change."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[GraphEvent], None]) -> None:
        self._listeners.remove(listener)

    def emit(self, kind: str, **data: Any) -> None:
        event = GraphEvent(kind, self, data)
        for listener in list(self._listeners):
            listener(event)

    # ------------------------------------------------------------------ ids

    def new_id(self, prefix: str) -> str:
        while True:
            candidate = f"{prefix}{next(self._ids)}"
            if candidate not in self.layers and candidate not in self.nodes:
                return candidate

    # ------------------------------------------------------------------ raw building
    # (used by the importer and by edits; no validation, no events)

    def _insert_layer(self, layer: Layer, position: int | None = None) -> None:
        if position is None or position >= len(self.layers):
            self.layers[layer.id] = layer
        else:
            items = list(self.layers.items())
            items.insert(position, (layer.id, layer))
            self.layers = dict(items)
        self.calls.setdefault(layer.id, [])
        if layer.body is not None:
            layer.body._enclosing = weakref.ref(self)

    def _insert_node(self, node: Node, call_index: int | None = None) -> None:
        self.nodes[node.id] = node
        calls = self.calls.setdefault(node.layer_id, [])
        calls.insert(len(calls) if call_index is None else call_index, node.id)

    # ------------------------------------------------------------------ queries

    def layer(self, layer_id: str) -> Layer:
        try:
            return self.layers[layer_id]
        except KeyError:
            raise NotFoundError(f"No layer with id {layer_id!r}.") from None

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise NotFoundError(f"No node with id {node_id!r}.") from None

    def layer_of(self, node_id: str) -> Layer:
        return self.layers[self.node(node_id).layer_id]

    def call_index(self, node_id: str) -> int:
        """Keras's node index of this call: its position among its layer's calls."""
        node = self.node(node_id)
        return self.calls[node.layer_id].index(node_id)

    def layer_by_name(self, name: str) -> Layer:
        for layer in self.layers.values():
            if layer.name == name:
                return layer
        names = ", ".join(layer.name for layer in self.layers.values())
        raise NotFoundError(f"No such layer: {name}. Existing layers are: {names}.")

    def get_layer(self, name: str | None = None, index: int | None = None) -> Layer:
        """The seed's `model.get_layer(name=None, index=None)`."""
        if index is not None:
            layers = list(self.layers.values())
            if not -len(layers) <= index < len(layers):
                raise NotFoundError(
                    f"Was asked to retrieve layer at index {index} but model only has "
                    f"{len(layers)} layers."
                )
            return layers[index]
        if name is None:
            raise NotFoundError("Provide either a layer name or layer index.")
        return self.layer_by_name(name)

    def enclosing(self) -> tuple[Graph, Layer] | None:
        """(the graph, the layer) of which this graph is the nested model, if it is one."""
        outer = self._enclosing() if self._enclosing is not None else None
        if outer is None:
            return None
        holder = next((layer for layer in outer.layers.values() if layer.body is self), None)
        return None if holder is None else (outer, holder)

    def input_layers(self) -> list[Layer]:
        return [self.layer_of(ref.node_id) for ref in self.inputs]

    def consumers(self, node_id: str) -> list[str]:
        """Ids of the nodes that read any output of `node_id`."""
        return [
            n.id for n in self.nodes.values() if any(r.node_id == node_id for r in n.input_refs())
        ]

    def unique_name(self, base: str) -> str:
        """`base`, or `base_1`, `base_2`... as Keras names auto-named layers."""
        return free_name(base, {layer.name for layer in self.layers.values()})

    def __repr__(self) -> str:
        return f"<Graph {self.name!r}: {len(self.layers)} layers, {len(self.nodes)} nodes>"
