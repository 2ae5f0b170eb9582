"""What the canvas draws for one collapse state: cards, frames and wires between them.

A node is drawn as its own card unless a collapsed group hides it; then the outermost collapsed
group holding it is drawn instead, as one card (a *unit*). Expanded groups that hold something
drawn become frames around their content. Wires are the tensors between units, one per pair
of units: the tensors inside a collapsed group are not drawn, and the tensors between two groups
merge into one wire.

Pure data (no Qt, no Keras), computed in one pass over the graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.diagram.dag import Dag, dag_of
from engine.diagram.groups import GroupTree
from engine.model.graph import Graph

GROUP_PREFIX = "group:"  # a collapsed group's unit key: "group:conv3_block2"


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
    """

    tree: GroupTree
    units: list[str] = field(default_factory=list)
    unit_of: dict[str, str] = field(default_factory=dict)
    frames: list[str] = field(default_factory=list)
    parent: dict[str, str | None] = field(default_factory=dict)
    wires: list[tuple[str, str]] = field(default_factory=list)
    collapsed: set[str] = field(default_factory=set)

    def is_visible(self, node_id: str) -> bool:
        return self.unit_of.get(node_id) == node_id


def project(
    graph: Graph, tree: GroupTree, collapsed: set[str] | frozenset[str], dag: Dag | None = None
) -> DiagramView:
    """The units, frames and wires of `graph` with `collapsed` groups shut."""
    dag = dag or dag_of(graph)
    view = DiagramView(tree, collapsed={key for key in collapsed if key in tree.groups})
    frames: dict[str, None] = {}
    units: dict[str, None] = {}
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
        view.unit_of[node_id] = unit
        if unit not in units:
            units[unit] = None
            view.parent[unit] = parent
    view.units = list(units)
    view.frames = list(frames)
    seen: set[tuple[str, str]] = set()
    for source in dag.order:
        source_unit = view.unit_of[source]
        for target in dag.succs[source]:
            pair = (source_unit, view.unit_of[target])
            if pair[0] != pair[1] and pair not in seen:
                seen.add(pair)
                view.wires.append(pair)
    return view


def flat_view(graph: Graph, dag: Dag | None = None) -> DiagramView:
    """Every node its own card, no frames."""
    return project(graph, GroupTree(node_count=len(graph.nodes)), set(), dag)
