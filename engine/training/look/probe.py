"""A probe: one Keras model whose outputs are the outputs of every node of another model.

Keras keeps a nested model's inner tensors inside the nested model: the outer graph sees one node
per call of the nested model, and the inner tensors are those of the nested model's own inputs,
not of any outer call. To see what happens inside each call, the probe rebuilds the graph with
the nested bodies inlined: it walks the model's nodes in Keras's execution order and calls each
layer again on new symbolic tensors; a nested model's node is replaced by a walk of its body fed
with that call's tensors. The layers are the model's own objects, so the probe always computes
with the model's current weights (untrained, loaded, or between two batches of a running fit),
and one call of the probe is one forward pass for every node.

Every probe output is mapped back to its node: (layer name, call index) pairs from the outer
model down (see `keys`). Model inputs are not probe outputs: their value is the sample itself.

Keras refuses a model in which two different layers share a name, which happens once nested
bodies are inlined (an outer `dense` and a nested `dense`). Such layers are renamed only while
the probe's graph is mapped, and named back at once.

Imports Keras: worker-only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import keras
from keras import tree

from engine.training.errors import JobError
from engine.training.look.keys import NodePath, node_key


@dataclass
class ProbeNode:
    """One node of the model, as the probe sees it.

    Attributes:
        path: (layer name, call index) pairs from the outer model down.
        layer: the Keras layer (or op, or nested model) called.
        outputs: per output tensor of the call, where its value comes from: ("output", i) is
            probe output i, ("input", i) is model input i.
    """

    path: NodePath
    layer: Any
    outputs: list[tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return node_key(self.path)

    def tensor_keys(self) -> list[str]:
        return [node_key(self.path, i) for i in range(len(self.outputs))]


@dataclass
class Probe:
    """The probe model and the map from its outputs back to the nodes.

    Attributes:
        model: a Keras model with the original model's inputs; its outputs are every computed
            tensor, each once.
        nodes: every node in execution order (inputs first), nested calls inlined.
        leaf_layers: every layer with its own weights (nested models opened), by layer path.
        output_keys: the key of each model output, in the model's output order.
    """

    model: Any
    nodes: list[ProbeNode]
    input_names: list[str]
    leaf_layers: dict[str, Any]
    output_keys: list[str]

    def node(self, key: str) -> ProbeNode:
        for node in self.nodes:
            if node.key == key:
                return node
        raise KeyError(key)

    def values(self, inputs: list[Any], outputs: list[Any]) -> dict[str, Any]:
        """Node key -> value, from the model inputs and the probe's outputs."""
        sources = {"input": inputs, "output": outputs}
        return {
            key: sources[kind][index]
            for node in self.nodes
            for key, (kind, index) in zip(node.tensor_keys(), node.outputs, strict=True)
        }


def sync_state(model: Any) -> None:
    """Make the model's variables hold the running fit's values.

    On JAX, `fit` keeps the weights in its own state between steps and gives them back to the
    variables only at an epoch's end, or when a callback asks (`jax_state_sync`, Keras's hook
    for this); other backends update the variables in place.
    """
    sync = getattr(model, "jax_state_sync", None)
    if sync is not None:
        sync()


def graph_of(model: Any) -> Any:
    """The Functional graph of a model: itself, or a Sequential's inner functional.

    Raises:
        JobError: a Sequential model without a known input shape.
    """
    if isinstance(model, keras.Sequential):
        functional = getattr(model, "_functional", None)
        if functional is None:
            raise JobError(
                f"The Sequential model {model.name!r} has no input shape, so Keras cannot "
                "run a sample through it. Received: a Sequential without an Input"
            )
        return functional
    return model


def is_graph_model(layer: Any) -> bool:
    """Whether `layer` is a model with a graph of its own to inline."""
    return isinstance(layer, keras.Sequential) or (
        isinstance(layer, keras.Model) and hasattr(layer, "_nodes_by_depth")
    )


def ordered_nodes(functional: Any) -> list[Any]:
    """The functional's Keras nodes in execution order (deepest first, as Keras runs them)."""
    by_depth = functional._nodes_by_depth
    return [node for depth in sorted(by_depth, reverse=True) for node in by_depth[depth]]


def call_indices(functional: Any) -> dict[int, int]:
    """id(Keras node) -> its call index among its layer's calls in this model."""
    nodes = ordered_nodes(functional)
    own = {id(node) for node in nodes}
    indices = {}
    for node in nodes:
        operation = node.operation
        if operation is None:
            continue
        calls = [n for n in operation._inbound_nodes if id(n) in own]
        indices[id(node)] = next(i for i, n in enumerate(calls) if n is node)
    return indices


class _Builder:
    """Walks a model and its nested bodies, calling every layer on new symbolic tensors."""

    def __init__(self) -> None:
        self.tensors: list[Any] = []  # probe outputs, each once
        self._index: dict[int, int] = {}  # id(tensor) -> position in self.tensors
        self.inputs: list[Any] = []
        self.nodes: list[ProbeNode] = []
        self.leaf_layers: dict[str, Any] = {}

    def source(self, tensor: Any) -> tuple[str, int]:
        for i, model_input in enumerate(self.inputs):
            if tensor is model_input:
                return ("input", i)
        if id(tensor) not in self._index:
            self._index[id(tensor)] = len(self.tensors)
            self.tensors.append(tensor)
        return ("output", self._index[id(tensor)])

    def walk(self, functional: Any, inputs: list[Any], prefix: NodePath, names: str) -> list:
        """Run `functional`'s graph on `inputs` symbolically; returns its output tensors."""
        values = {id(x): y for x, y in zip(functional.inputs, inputs, strict=True)}
        indices = call_indices(functional)
        for node in ordered_nodes(functional):
            layer = node.operation
            if node.is_input:
                tensors = [values[id(x)] for x in node.outputs]
                self._record((*prefix, (layer.name, 0)), layer, tensors)
                continue
            path = (*prefix, (layer.name, indices[id(node)]))
            try:
                outputs = self._call(node, layer, values, path, names)
            except Exception as exc:  # Keras raises many types; all stop the forward pass here
                raise JobError(
                    f"The forward pass stops at {node_key(path)} ({type(layer).__name__}): "
                    f"{type(exc).__name__}: {exc}"
                ) from exc
            for x, y in zip(node.outputs, outputs, strict=True):
                values[id(x)] = y
            self._record(path, layer, outputs)
        return [values[id(x)] for x in functional.outputs]

    def _call(self, node: Any, layer: Any, values: dict, path: NodePath, names: str) -> list:
        args, kwargs = node.arguments.fill_in(values)
        if is_graph_model(layer):
            inner = graph_of(layer)
            given = args[0] if args else kwargs.get("inputs")
            flat = tree.flatten(given)
            inner_names = f"{names}{layer.name}/"
            return self.walk(inner, flat, path, inner_names)
        if layer.weights:
            self.leaf_layers.setdefault(f"{names}{layer.name}", layer)
        return tree.flatten(layer(*args, **kwargs))

    def _record(self, path: NodePath, layer: Any, tensors: list[Any]) -> None:
        self.nodes.append(ProbeNode(path, layer, [self.source(t) for t in tensors]))


def build_probe(model: Any) -> Probe:
    """Build the probe of a Keras Functional or Sequential model.

    Raises:
        JobError: a node cannot be called (the message names the node that stops the pass).
    """
    functional = graph_of(model)
    builder = _Builder()
    builder.inputs = [
        keras.Input(batch_shape=tuple(x.shape), dtype=x.dtype, name=f"probe_{i}")
        for i, x in enumerate(functional.inputs)
    ]
    outputs = builder.walk(functional, builder.inputs, (), "")
    layers = _operations(builder.tensors)
    inputs = builder.inputs[0] if len(builder.inputs) == 1 else builder.inputs
    with _unique_names(layers):
        probe_model = keras.Model(inputs, builder.tensors, name=f"{model.name}_probe")
    input_names = [str(x.name).split(":")[0] for x in functional.inputs]
    output_keys = [_key_of(builder, tensor) for tensor in outputs]
    return Probe(probe_model, builder.nodes, input_names, builder.leaf_layers, output_keys)


def _key_of(builder: _Builder, tensor: Any) -> str:
    """The key of the outermost node that returns `tensor`."""
    source = builder.source(tensor)
    holders = [
        (len(node.path), node_key(node.path, node.outputs.index(source)))
        for node in builder.nodes
        if source in node.outputs
    ]
    return min(holders)[1]


def _operations(tensors: list[Any]) -> list[Any]:
    """Every operation that produced one of `tensors` or anything they depend on."""
    seen: dict[int, Any] = {}
    stack = list(tensors)
    while stack:
        tensor = stack.pop()
        history = getattr(tensor, "_keras_history", None)
        operation = history.operation if history else None
        if operation is None or id(operation) in seen:
            continue
        seen[id(operation)] = operation
        node = operation._inbound_nodes[history.node_index]
        stack.extend(node.input_tensors)
    return list(seen.values())


@contextlib.contextmanager
def _unique_names(operations: list[Any]) -> Iterator[None]:
    """Give clashing layers distinct names while Keras maps the probe's graph."""
    taken: set[str] = set()
    renamed: list[tuple[Any, str]] = []
    try:
        for operation in operations:
            name = operation.name
            if name in taken:
                renamed.append((operation, name))
                number = 1
                while f"{name}__{number}" in taken:
                    number += 1
                operation.name = f"{name}__{number}"
            taken.add(operation.name)
        yield
    finally:
        for operation, name in renamed:
            operation.name = name
