"""One topology walk, many uses: Keras's `map_graph`, replayed on our graph.

Keras orders a functional model's layers by depth (inputs first) and, within one depth, by the
order a depth-first walk from the outputs discovers them. Export must list layers in exactly that
order to equal `model.to_json()`, and shape inference needs nodes in dependency order; both come
from here.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

from engine.errors import CycleError
from engine.model.graph import Graph, TensorRef


@dataclass
class Topology:
    """The result of one walk.

    Attributes:
        nodes: node ids reachable from the outputs, each after the nodes it reads.
        layers: layer ids in Keras's order (depth descending, then discovery order).
        node_depth: node id -> depth (outputs are 0).
    """

    nodes: list[str]
    layers: list[str]
    node_depth: dict[str, int]


def _walk(graph: Graph, inputs: set[TensorRef]) -> tuple[list[str], dict[str, int]]:
    """Depth-first from the outputs (iterative: deep graphs would overflow recursion)."""
    finished: set[str] = set()
    in_progress: set[str] = set()
    ordered: list[str] = []
    layer_index: dict[str, int] = {}
    for output in graph.outputs:
        stack: list[tuple[TensorRef, bool]] = [(output, False)]
        while stack:
            ref, expanded = stack.pop()
            node_id = ref.node_id
            if expanded:
                in_progress.discard(node_id)
                if node_id not in finished:
                    finished.add(node_id)
                    ordered.append(node_id)
                continue
            if node_id in finished:
                continue
            if node_id in in_progress:
                name = graph.layer_of(node_id).name
                raise CycleError(f"The graph has a cycle through layer '{name}'.")
            node = graph.node(node_id)
            layer_index.setdefault(node.layer_id, len(layer_index))
            in_progress.add(node_id)
            stack.append((ref, True))
            if ref in inputs:
                continue
            for parent in reversed(node.input_refs()):
                stack.append((parent, False))
    return ordered, layer_index


def topology(graph: Graph) -> Topology:
    """Keras's `map_graph` over `graph` (raises CycleError on a cycle)."""
    ordered, layer_index = _walk(graph, set(graph.inputs))
    node_depth: dict[str, int] = {}
    layer_depth: dict[str, int] = {}
    for node_id in reversed(ordered):
        node = graph.nodes[node_id]
        depth = max(node_depth.setdefault(node_id, 0), layer_depth.get(node.layer_id, 0))
        layer_depth[node.layer_id] = depth
        node_depth[node_id] = depth
        for parent in node.input_refs():
            node_depth[parent.node_id] = max(depth + 1, node_depth.get(parent.node_id, 0))
    for ref in graph.inputs:  # inputs not connected to any output still belong to the model
        layer_id = graph.nodes[ref.node_id].layer_id
        if layer_id not in layer_depth:
            layer_depth[layer_id] = 0
            layer_index[layer_id] = -1
            node_depth[ref.node_id] = 0
            ordered.insert(0, ref.node_id)
    by_depth: dict[int, list[str]] = defaultdict(list)
    for layer_id, depth in layer_depth.items():
        by_depth[depth].append(layer_id)
    layers: list[str] = []
    for depth in sorted(by_depth, reverse=True):
        layers.extend(sorted(by_depth[depth], key=layer_index.__getitem__))
    nodes = sorted(ordered, key=lambda n: -node_depth[n])
    return Topology(nodes=nodes, layers=layers, node_depth=node_depth)


def _earlier_calls(graph: Graph) -> dict[str, str]:
    """node id -> the call of the same layer made just before it.

    Keras numbers a layer's calls in the order they are made and rebuilds a model by making
    them in that order (a layer is built by its first call), so call k+1 of a layer depends
    on call k as surely as on the tensors it reads.
    """
    return {
        later: earlier
        for calls in graph.calls.values()
        for earlier, later in itertools.pairwise(calls)
    }


def _prerequisites(graph: Graph, node_id: str, earlier: dict[str, str]) -> list[str]:
    """The nodes that must exist before `node_id`: what it reads, then its layer's previous call."""
    found = [ref.node_id for ref in graph.nodes[node_id].input_refs()]
    if node_id in earlier:
        found.append(earlier[node_id])
    return found


def dependency_order(graph: Graph) -> list[str]:
    """Every node (reachable from the outputs or not), each after the nodes it reads and after
    its layer's earlier calls (raises CycleError when no such order exists)."""
    earlier = _earlier_calls(graph)
    order: list[str] = []
    state: dict[str, int] = {}  # 1 = visiting, 2 = done
    for start in graph.nodes:
        if state.get(start):
            continue
        stack = [(start, False)]
        while stack:
            node_id, expanded = stack.pop()
            if expanded:
                state[node_id] = 2
                order.append(node_id)
                continue
            if state.get(node_id) == 2:
                continue
            if state.get(node_id) == 1:
                raise CycleError(f"The graph has a cycle through {_call_name(graph, node_id)}.")
            state[node_id] = 1
            stack.append((node_id, True))
            for parent in reversed(_prerequisites(graph, node_id, earlier)):
                if parent in graph.nodes and state.get(parent) != 2:
                    stack.append((parent, False))
    return order


def _call_name(graph: Graph, node_id: str) -> str:
    layer = graph.layer_of(node_id)
    calls = graph.calls[layer.id]
    if len(calls) == 1:
        return f"layer '{layer.name}'"
    return f"call {calls.index(node_id)} of layer '{layer.name}'"


def downstream(graph: Graph, node_ids: set[str], call_order: bool = True) -> set[str]:
    """`node_ids` and every node that depends on them, directly or not.

    Args:
        graph: the graph.
        node_ids: where to start.
        call_order: also follow a layer's calls in order (call k+1 after call k): a layer
            rebuilt by its first call changes all its later calls.
    """
    readers: dict[str, list[str]] = defaultdict(list)
    for node in graph.nodes.values():
        for ref in node.input_refs():
            readers[ref.node_id].append(node.id)
    if call_order:
        for later, earlier in _earlier_calls(graph).items():
            readers[earlier].append(later)
    seen = set(node_ids)
    stack = list(node_ids)
    while stack:
        for reader in readers[stack.pop()]:
            if reader not in seen:
                seen.add(reader)
                stack.append(reader)
    return seen


def upstream(graph: Graph, node_ids: set[str]) -> set[str]:
    """`node_ids` and every node they read from, directly or not."""
    seen = set(node_ids)
    stack = list(node_ids)
    while stack:
        for ref in graph.nodes[stack.pop()].input_refs():
            if ref.node_id not in seen and ref.node_id in graph.nodes:
                seen.add(ref.node_id)
                stack.append(ref.node_id)
    return seen
