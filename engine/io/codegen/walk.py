"""The walk over a model config: its tensors, calls, outputs, and the order a script makes them.

It follows Keras's own `functional_from_config`: layers in config order, each call once its
inputs and the layer's earlier calls exist, so node indices come back unchanged.
"""

from __future__ import annotations

import collections
import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from engine.errors import FormatError

_MODEL_CLASSES = frozenset({"Functional", "Sequential"})
# States returned by `return_state=True`, besides the output.
_RNN_STATES = {
    "LSTM": 2,
    "ConvLSTM1D": 2,
    "ConvLSTM2D": 2,
    "ConvLSTM3D": 2,
    "GRU": 1,
    "SimpleRNN": 1,
}
_TENSOR = "__keras_tensor__"


def _is_tensor(value: Any) -> bool:
    return isinstance(value, dict) and value.get("class_name") == _TENSOR


def _history(tensor: dict) -> tuple[str, int, int]:
    name, node, index = tensor["config"]["keras_history"]
    return str(name), int(node), int(index)


def _tensors_in(value: Any) -> Iterator[tuple[str, int, int]]:
    if _is_tensor(value):
        yield _history(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _tensors_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _tensors_in(item)


def _is_triple(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 3 and isinstance(value[0], str)


def _triples(structure: Any) -> Iterator[list]:
    if _is_triple(structure):
        yield structure
    elif isinstance(structure, dict):
        for key in sorted(structure):
            yield from _triples(structure[key])
    elif isinstance(structure, list):
        for item in structure:
            yield from _triples(item)


def _holds_code(value: Any) -> bool:
    """Whether a config holds serialized Python code (a lambda, also inside a wrapper)."""
    if isinstance(value, dict):
        if value.get("class_name") in ("__lambda__", "Lambda"):
            return True
        return any(_holds_code(v) for v in value.values())
    return isinstance(value, list) and any(_holds_code(v) for v in value)


def _is_model(layer: dict) -> bool:
    return layer.get("class_name") in _MODEL_CLASSES and "layers" in layer.get("config", {})


def _is_op(layer: dict) -> bool:
    return str(layer.get("module", "")).startswith("keras.src.ops.")


def _io_node(layer: dict, node: int) -> int:
    """Keras counts a pre-existing node for nested Functional models in input/output_layers."""
    return node - 1 if layer.get("class_name") == "Functional" and _is_model(layer) else node


def _output_paths(layer: dict, kwargs: dict, used: set[int]) -> tuple[list[tuple] | None, bool]:
    """How a call's output tensors are reached: None for one tensor, else a path per tensor.

    Returns the paths (`(i,)` for a list, `(key, ...)` for dicts) and whether the list is known
    to be complete (else the script unpacks with `*_`).
    """
    config, class_name = layer["config"], layer["class_name"]
    if _is_model(layer):
        if class_name == "Sequential" or _is_triple(config["output_layers"]):
            return None, True
        return list(_paths(config["output_layers"])), True
    if class_name in _RNN_STATES and config.get("return_state"):
        return [(i,) for i in range(1 + _RNN_STATES[class_name])], True
    if class_name == "MultiHeadAttention" and kwargs.get("return_attention_scores") is True:
        return [(0,), (1,)], True
    top = max(used, default=0)
    return ([(i,) for i in range(top + 1)], False) if top > 0 else (None, True)


def _paths(structure: Any, prefix: tuple = ()) -> Iterator[tuple]:
    if _is_triple(structure):
        yield prefix
    elif isinstance(structure, dict):
        for key in sorted(structure):
            yield from _paths(structure[key], (*prefix, key))
    else:
        for index, item in enumerate(structure):
            yield from _paths(item, (*prefix, index))


class _Graph:
    """The calls of a Functional config and the order in which a script can make them."""

    def __init__(self, config: dict) -> None:
        self.layers: dict[str, dict] = {}
        for layer in config["layers"]:
            if layer["name"] in self.layers:
                raise FormatError(f"Two layers have the same name. Received: {layer['name']!r}")
            self.layers[layer["name"]] = layer
        self.position = {name: i for i, name in enumerate(self.layers)}
        self.calls = {
            name: len(layer.get("inbound_nodes") or []) or int(layer["class_name"] == "InputLayer")
            for name, layer in self.layers.items()
        }
        self.used: dict[tuple[str, int], set[int]] = collections.defaultdict(set)
        self.deps: dict[tuple[str, int], set[tuple[str, int]]] = {}
        for name, layer in self.layers.items():
            for node, data in enumerate(layer.get("inbound_nodes") or []):
                refs = {self._use(n, i, t) for n, i, t in _tensors_in(data)}
                self.deps[(name, node)] = refs | ({(name, node - 1)} if node else set())
            if not layer.get("inbound_nodes"):
                self.deps[(name, 0)] = set()
        for structure in (config["input_layers"], config["output_layers"]):
            for name, node, index in _triples(structure):
                self._use(name, _io_node(self.layers.get(name, {}), int(node)), int(index))
        self.mask_ops = self._mask_ops(config)

    def _mask_ops(self, config: dict) -> set[str]:
        """Ops that only compute masks (Embedding(mask_zero=True) adds `not_equal`).

        Keras creates them and passes their masks on by itself when the script calls the
        masking layer, so the script must neither write them nor pass `mask=` explicitly.
        """
        consumers: dict[str, set[str]] = collections.defaultdict(set)  # op -> consumers or "*"
        for name, layer in self.layers.items():
            for data in layer.get("inbound_nodes") or []:
                kwargs = data.get("kwargs", {})
                mask = kwargs.get("mask") if _is_tensor(kwargs.get("mask")) else None
                for ref in _tensors_in(data):
                    consumers[ref[0]].add("mask" if mask and _history(mask) == ref else name)
        for structure in (config["input_layers"], config["output_layers"]):
            for ref in _triples(structure):
                consumers[ref[0]].add("*")
        found = {n for n, layer in self.layers.items() if _is_op(layer) and self.calls[n] == 1}
        while True:  # keep the ops whose every consumer is a mask or another mask op
            kept = {n for n in found if consumers[n] and consumers[n] <= found | {"mask"}}
            if kept == found:
                return found
            found = kept

    def _use(self, name: str, node: int, index: int) -> tuple[str, int]:
        if name not in self.layers or not 0 <= node < self.calls[name]:
            raise FormatError(
                f"A tensor refers to a call that does not exist. Received: {[name, node, index]}"
            )
        self.used[(name, node)].add(index)
        return name, node

    def call_order(self) -> list[tuple[str, int]]:
        """Calls in config order, each after its inputs and the layer's earlier calls."""
        waiting = {key: set(deps) for key, deps in self.deps.items() if self.calls[key[0]]}
        dependents: dict[tuple[str, int], list[tuple[str, int]]] = collections.defaultdict(list)
        for key, deps in waiting.items():
            for dep in deps:
                dependents[dep].append(key)
        ready = [(self.position[k[0]], k[1], k[0]) for k, deps in waiting.items() if not deps]
        heapq.heapify(ready)
        order = []
        while ready:
            _, node, name = heapq.heappop(ready)
            order.append((name, node))
            for key in dependents[(name, node)]:
                waiting[key].discard((name, node))
                if not waiting[key]:
                    heapq.heappush(ready, (self.position[key[0]], key[1], key[0]))
        if len(order) < len(waiting):
            stuck = sorted(set(waiting) - set(order))[:5]
            raise FormatError(f"The graph has a cycle. Received: calls {stuck} wait on each other")
        return order


@dataclass
class _CallState:
    """What one builder function has written so far."""

    graph: _Graph
    names: dict[str, str]
    # How the script reaches each tensor (layer, node, index): a variable, or a subscript of one.
    exprs: dict[tuple[str, int, int], str] = field(default_factory=dict)
    # Variables holding a layer object that is called several times, or a nested model.
    objects: dict[str, str] = field(default_factory=dict)
