"""Sequential models: a graph that is a single chain, and the seed's `add` / `pop`.

A graph born Sequential (imported from a Sequential config) stays Sequential on export while it
is a chain from its input to its output; once the user gives it a branch it is exported as the
Functional model it has become (asked for explicitly, the Sequential form is refused). Layers
after the output are not part of the model, as for Functional models: a chain ends at its
output.
"""

from __future__ import annotations

from engine.errors import CycleError, GraphError
from engine.model.graph import Graph
from engine.model.topology import topology


def chain_nodes(graph: Graph) -> list[str]:
    """Node ids from the input to the output of a chain (raises GraphError if not a chain)."""
    check_is_chain(graph)
    order = [graph.outputs[0].node_id]
    while order[-1] != graph.inputs[0].node_id:
        order.append(graph.nodes[order[-1]].input_refs()[0].node_id)
    return order[::-1]


def is_chain(graph: Graph, whole: bool = False) -> bool:
    try:
        check_is_chain(graph, whole)
    except GraphError:
        return False
    return True


def check_is_chain(graph: Graph, whole: bool = False) -> None:
    """Raise GraphError unless the model is one input, one output and no branches or sharing.

    Args:
        graph: the graph.
        whole: every call of the graph must be in the chain (a project keeps what leads to no
            output; a Sequential config cannot hold it).
    """
    problems = []
    if len(graph.inputs) != 1:
        problems.append(f"{len(graph.inputs)} inputs")
    if len(graph.outputs) != 1:
        problems.append(f"{len(graph.outputs)} outputs")
    if problems:
        _refuse(problems)
    try:
        in_model = set(topology(graph).nodes)
    except CycleError as exc:
        raise GraphError(f"Only a single chain can be exported as Sequential: {exc}") from None
    nodes = set(graph.nodes) if whole else in_model
    problems += [f"layer '{graph.layer_of(n).name}' leads to no output" for n in nodes - in_model]
    problems += _branches(graph, nodes)
    problems += [  # a disconnected call would break the chain walked from output to input
        f"layer '{graph.layer_of(n).name}' reads no tensor"
        for n in sorted(in_model)
        if not graph.layer_of(n).is_input and not graph.nodes[n].input_refs()
    ]
    output = graph.outputs[0]
    if output.index != 0:
        problems.append(
            f"the output is tensor #{output.index} of '{graph.layer_of(output.node_id).name}'"
        )
    if graph.inputs[0].node_id not in in_model:
        problems.append("the input does not lead to the output")
    if problems:
        _refuse(problems)


def _branches(graph: Graph, nodes: set[str]) -> list[str]:
    problems = []
    readers: dict[str, int] = {}
    for node_id in nodes:
        refs = graph.nodes[node_id].input_refs()
        if len(refs) > 1:
            problems.append(f"layer '{graph.layer_of(node_id).name}' has {len(refs)} inputs")
        for ref in refs:
            if ref.index != 0:
                problems.append(f"layer '{graph.layer_of(ref.node_id).name}' has several outputs")
            readers[ref.node_id] = readers.get(ref.node_id, 0) + 1
    problems += [
        f"layer '{graph.layer_of(n).name}' feeds {c} layers" for n, c in readers.items() if c > 1
    ]
    layers = {graph.nodes[n].layer_id for n in nodes}
    problems += [
        f"layer '{graph.layers[lid].name}' is shared"
        for lid in layers
        if len([n for n in graph.calls[lid] if n in nodes]) > 1
    ]
    return problems


def _refuse(problems: list[str]) -> None:
    raise GraphError(
        "Only a single chain can be exported as Sequential. "
        f"Received: a graph where {'; '.join(dict.fromkeys(problems))}."
    )
