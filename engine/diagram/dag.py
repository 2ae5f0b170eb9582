"""The graph as a plain directed graph of calls: who reads whom, in one topological order.

Grouping and layout both walk the model as nodes and wires, never as Keras objects: this is the
one place that turns a `Graph` into adjacency lists (one entry per pair of nodes, however many
tensors connect them) and a topological order that survives cycles (a damaged file may hold one).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from engine.model.graph import Graph


@dataclass
class Dag:
    """Adjacency of a graph's nodes.

    Attributes:
        order: node ids, topologically sorted (nodes on a cycle last, in graph order).
        index: node id -> position in `order`.
        preds: node id -> the nodes it reads (each once).
        succs: node id -> the nodes reading it (each once).
    """

    order: list[str]
    index: dict[str, int]
    preds: dict[str, list[str]]
    succs: dict[str, list[str]]

    def edges(self) -> list[tuple[str, str]]:
        return [(source, target) for source in self.order for target in self.succs[source]]


def dag_of(graph: Graph) -> Dag:
    """The adjacency and a topological order (Kahn's, first in first out) of `graph`."""
    node_ids = list(graph.nodes)
    preds: dict[str, list[str]] = {node_id: [] for node_id in node_ids}
    succs: dict[str, list[str]] = {node_id: [] for node_id in node_ids}
    for node_id, node in graph.nodes.items():
        seen: set[str] = set()
        for ref in node.input_refs():
            source = ref.node_id
            if source in preds and source != node_id and source not in seen:
                seen.add(source)
                preds[node_id].append(source)
                succs[source].append(node_id)
    return _sorted(node_ids, preds, succs)


def dag_from_edges(node_ids: list[str], edges: list[tuple[str, str]]) -> Dag:
    """The same for any nodes and (source, target) pairs (duplicates and self-loops dropped)."""
    preds: dict[str, list[str]] = {node_id: [] for node_id in node_ids}
    succs: dict[str, list[str]] = {node_id: [] for node_id in node_ids}
    seen: set[tuple[str, str]] = set()
    for source, target in edges:
        if source != target and (source, target) not in seen and source in preds:
            seen.add((source, target))
            preds[target].append(source)
            succs[source].append(target)
    return _sorted(node_ids, preds, succs)


def _sorted(node_ids: list[str], preds: dict, succs: dict) -> Dag:
    indegree = {node_id: len(preds[node_id]) for node_id in node_ids}
    queue = deque(node_id for node_id in node_ids if indegree[node_id] == 0)
    order: list[str] = []
    while queue:
        node_id = queue.popleft()
        order.append(node_id)
        for target in succs[node_id]:
            indegree[target] -= 1
            if indegree[target] == 0:
                queue.append(target)
    if len(order) < len(node_ids):  # a cycle: keep going, never loop
        placed = set(order)
        order += [node_id for node_id in node_ids if node_id not in placed]
    return Dag(order, {node_id: i for i, node_id in enumerate(order)}, preds, succs)


def cut_nodes(dag: Dag) -> list[str]:
    """Nodes every path from the inputs to the outputs passes through, in order.

    After such a node, in any topological order, every wire still open starts at it: the model
    is a chain of pieces joined at these nodes (ResNet's block outputs, Inception's `mixed`
    concatenations). Only once every source has been met, so that a second input is not
    skipped over.
    """
    sources_left = sum(1 for node_id in dag.order if not dag.preds[node_id])
    open_wires = 0
    cuts = []
    for node_id in dag.order:
        if not dag.preds[node_id]:
            sources_left -= 1
        open_wires += len(dag.succs[node_id]) - len(dag.preds[node_id])
        if sources_left == 0 and dag.succs[node_id] and open_wires == len(dag.succs[node_id]):
            cuts.append(node_id)
    return cuts
