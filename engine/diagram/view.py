"""What the canvas draws for one collapse state: cards, frames and wires between them.

A node is drawn as its own card unless a collapsed group hides it; then the outermost collapsed
group holding it is drawn instead, as one card (a *unit*). Expanded groups that hold something
drawn become frames around their content. Wires are the tensors between units, one per pair
of units: the tensors inside a collapsed group are not drawn, and the tensors between two groups
merge into one wire.

A nested model (a layer whose body is a graph) is a group too: by default its call is one card,
the model's own; opened, its body's calls are drawn in a frame where the card stood (units
`<call id>/<inner node id>`), the wires into the call going to the body's inputs and the wires
out of it leaving from the body's outputs.

Pure data (no Qt, no Keras), computed in one pass over the graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.diagram.dag import Dag, dag_of
from engine.diagram.groups import GroupTree
from engine.model.graph import Graph

GROUP_PREFIX = "group:"  # a collapsed group's unit key: "group:conv3_block2"
MODEL_PREFIX = "model:"  # the frame of a nested model opened in place: "model:<call id>"


def inner_unit(call_id: str, inner_id: str) -> str:
    """The unit of node `inner_id` of the body of the nested model called by `call_id`."""
    return f"{call_id}/{inner_id}"


def split_inner(unit: str) -> tuple[str, str] | None:
    """(call id, inner node id) of an inner unit; None for any other unit."""
    call, slash, inner = unit.partition("/")
    return (call, inner) if slash else None


def group_unit(key: str) -> str:
    return GROUP_PREFIX + key


def group_of_unit(unit: str) -> str | None:
    """The group key of a group's unit key; None for a node's."""
    return unit[len(GROUP_PREFIX) :] if unit.startswith(GROUP_PREFIX) else None


@dataclass
class DiagramView:
    """The drawing of a graph with some groups collapsed.

    Attributes:
        units: what gets a card: node ids and `group:<key>` of collapsed groups, in
            topological order.
        unit_of: node id -> its unit (itself, or the collapsed group hiding it).
        frames: expanded groups holding something drawn (outer before inner).
        parent: unit or frame key -> the frame it sits in (None: the top level).
        wires: (source unit, target unit) pairs, each once, in topological order.
        collapsed: the collapsed groups in effect (those that exist in `tree`).
        opened: the calls of nested models drawn open (their frame is `model:<call id>`).
    """

    tree: GroupTree
    units: list[str] = field(default_factory=list)
    unit_of: dict[str, str] = field(default_factory=dict)
    frames: list[str] = field(default_factory=list)
    parent: dict[str, str | None] = field(default_factory=dict)
    wires: list[tuple[str, str]] = field(default_factory=list)
    collapsed: set[str] = field(default_factory=set)
    opened: set[str] = field(default_factory=set)

    def is_visible(self, node_id: str) -> bool:
        return self.unit_of.get(node_id) == node_id


def project(
    graph: Graph,
    tree: GroupTree,
    collapsed: set[str] | frozenset[str],
    dag: Dag | None = None,
    opened: set[str] | frozenset[str] = frozenset(),
) -> DiagramView:
    """The units, frames and wires of `graph` with `collapsed` groups shut and the nested
    models called by the nodes `opened` drawn open."""
    dag = dag or dag_of(graph)
    view = DiagramView(tree, collapsed={key for key in collapsed if key in tree.groups})
    frames: dict[str, None] = {}
    units: dict[str, None] = {}
    bodies: dict[str, Graph] = {}
    for node_id in dag.order:
        chain = tree.chain(node_id)
        unit, parent = node_id, None
        for key in chain:
            if key in view.collapsed:
                unit = group_unit(key)
                break
            frames.setdefault(key, None)
            view.parent.setdefault(key, parent)
            parent = key
        body = graph.layer_of(node_id).body
        if unit == node_id and node_id in opened and body is not None and body.nodes:
            bodies[node_id] = body
            unit = MODEL_PREFIX + node_id
            frames[unit] = None
            view.parent[unit] = parent
            for inner in dag_of(body).order:
                units[inner_unit(node_id, inner)] = None
                view.parent[inner_unit(node_id, inner)] = unit
            view.unit_of[node_id] = unit
            continue
        view.unit_of[node_id] = unit
        if unit not in units:
            units[unit] = None
            view.parent[unit] = parent
    view.units = list(units)
    view.frames = list(frames)
    view.opened = set(bodies)
    view.wires = _wires(graph, dag, view, bodies)
    return view


def _wires(graph: Graph, dag: Dag, view: DiagramView, bodies: dict[str, Graph]) -> list:
    """(source unit, target unit) pairs, each once; through an opened model's body."""
    found: dict[tuple[str, str], None] = {}
    for source in dag.order:
        for target in dag.succs[source]:
            for pair in _pairs(graph, view, bodies, source, target):
                if pair[0] != pair[1]:
                    found[pair] = None
    for call, body in bodies.items():
        inner = dag_of(body)
        for source in inner.order:
            for target in inner.succs[source]:
                found[(inner_unit(call, source), inner_unit(call, target))] = None
    return list(found)


def _pairs(graph: Graph, view: DiagramView, bodies: dict, source: str, target: str):
    """The unit pairs of the wires from node `source` into node `target`."""
    sources = [view.unit_of[source]]
    if source in bodies:  # leaves from the body's outputs that `target` reads
        outputs = bodies[source].outputs
        refs = [r for r in graph.nodes[target].input_refs() if r.node_id == source]
        sources = [inner_unit(source, outputs[r.index].node_id) for r in refs
                   if r.index < len(outputs)]  # fmt: skip
    targets = [view.unit_of[target]]
    if target in bodies:  # enters the body's inputs that `source` feeds
        inputs = bodies[target].inputs
        refs = graph.nodes[target].input_refs()
        targets = [inner_unit(target, inputs[k].node_id) for k, r in enumerate(refs)
                   if r.node_id == source and k < len(inputs)]  # fmt: skip
    return [(a, b) for a in sources for b in targets]


def flat_view(graph: Graph, dag: Dag | None = None) -> DiagramView:
    """Every node its own card, no frames."""
    return project(graph, GroupTree(node_count=len(graph.nodes)), set(), dag)
