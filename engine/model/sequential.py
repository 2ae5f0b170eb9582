"""Sequential models: a graph that is a single chain, and the seed's `add` / `pop`."""

from __future__ import annotations

from engine.errors import GraphError
from engine.model.graph import Graph


def chain_nodes(graph: Graph) -> list[str]:
    """Node ids from the input to the output of a single-chain graph (raises GraphError if not)."""
    check_is_chain(graph)
    order = [graph.inputs[0].node_id]
    reader: dict[str, str] = {}
    for node in graph.nodes.values():
        for ref in node.input_refs():
            reader[ref.node_id] = node.id
    while order[-1] in reader:
        order.append(reader[order[-1]])
    return order


def check_is_chain(graph: Graph) -> None:
    """Raise GraphError unless the graph is one input, one output and no branches or sharing."""
    problems = []
    if len(graph.inputs) != 1:
        problems.append(f"{len(graph.inputs)} inputs")
    if len(graph.outputs) != 1:
        problems.append(f"{len(graph.outputs)} outputs")
    readers: dict[str, int] = {}
    for node in graph.nodes.values():
        refs = node.input_refs()
        if len(refs) > 1:
            problems.append(f"layer '{graph.layer_of(node.id).name}' has {len(refs)} inputs")
        for ref in refs:
            if ref.index != 0:
                problems.append(f"layer '{graph.layer_of(ref.node_id).name}' has several outputs")
            readers[ref.node_id] = readers.get(ref.node_id, 0) + 1
    problems += [
        f"layer '{graph.layer_of(n).name}' feeds {c} layers" for n, c in readers.items() if c > 1
    ]
    problems += [
        f"layer '{graph.layers[lid].name}' is shared"
        for lid, calls in graph.calls.items()
        if len(calls) > 1
    ]
    if len(graph.nodes) != len(graph.layers):
        problems.append("some layers are called several times")
    if problems:
        raise GraphError(
            "Only a single chain can be exported as Sequential. "
            f"Received: a graph where {'; '.join(dict.fromkeys(problems))}."
        )
