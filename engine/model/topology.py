"""One topology walk, many uses: Keras's `map_graph`, replayed on our graph.

Keras orders a functional model's layers by depth (inputs first) and, within one depth, by the
order a depth-first walk from the outputs discovers them. Export must list layers in exactly that
order to equal `model.to_json()`, and shape inference needs nodes in dependency order; both come
from here.
"""

from __future__ import annotations

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


def dependency_order(graph: Graph) -> list[str]:
    """Every node (reachable from the outputs or not), each after the nodes it reads."""
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
                name = graph.layer_of(node_id).name
                raise CycleError(f"The graph has a cycle through layer '{name}'.")
            state[node_id] = 1
            stack.append((node_id, True))
            for parent in reversed(graph.nodes[node_id].input_refs()):
                if parent.node_id in graph.nodes and state.get(parent.node_id) != 2:
                    stack.append((parent.node_id, False))
    return order


def downstream(graph: Graph, node_ids: set[str]) -> set[str]:
    """`node_ids` and every node that reads from them, directly or not."""
    readers: dict[str, list[str]] = defaultdict(list)
    for node in graph.nodes.values():
        for ref in node.input_refs():
            readers[ref.node_id].append(node.id)
    seen = set(node_ids)
    stack = list(node_ids)
    while stack:
        for reader in readers[stack.pop()]:
            if reader not in seen:
                seen.add(reader)
                stack.append(reader)
    return seen
