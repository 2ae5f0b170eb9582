"""Groups: the blocks and stages a reader sees in a model, found from names and structure.

A group is a set of calls that can be drawn as one card. Three sources, in this order:

1. **Name scopes** (`engine.diagram.scopes`): `conv3` holds `conv3_block1` ... `conv3_block4`,
   each holding its layers; NASNet's cells are the names ending in the same id (`*_5`).
2. **Structure**: where names say nothing (`conv2d_41`, `activation_7`), the pieces between two
   calls every path passes through (`engine.diagram.dag.cut_nodes`) make a block named after the
   call that closes it: InceptionV3's modules become `mixed0` ... `mixed10`.
3. Made-up names next to a named block join it when they belong to its piece of the model
   (Xception's shortcut `conv2d` + `batch_normalization` + `add` join `block2`).

Every group is *convex*: no path leaves it and comes back, so a collapsed group never makes the
drawing loop back on itself. A scope spread over the model (every `separable_conv_1...` of all
of NASNet's cells) is refused for that reason. Groups nest (each has at most one parent), and a
group holding nearly the whole model is dropped: it would only hide everything behind one card.

Collapsing is a view: this module never changes the graph.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from engine.diagram import scopes
from engine.diagram.dag import Dag, cut_nodes, dag_of
from engine.model.graph import Graph

MIN_GROUP = 4  # fewer calls than this are read at a glance without a card of their own
WHOLE_MODEL = 0.75  # a group with this share of the calls hides the model instead of showing it
DEFAULT_BUDGET = 48  # cards at most on screen when a large model opens


@dataclass
class Group:
    """A collapsible set of calls.

    Attributes:
        key: stable across sessions (derived from names): `conv3_block2`, `*_5`, `~mixed3`.
        label: what the card and the frame say: the name, less its enclosing group's
            (`block3` inside `conv4`), when what is left still reads as a name.
        full_label: the whole name (`conv4_block3`).
        kind: "scope" (a name prefix), "cell" (a name suffix) or "block" (structure).
        members: every call inside, nested groups included, in topological order.
        parent: the enclosing group's key, or None at the top.
        children: keys of the groups directly inside.
        depth: 1 for a top-level group, 2 inside it, ...
    """

    key: str
    label: str
    kind: str
    members: list[str]
    parent: str | None = None
    full_label: str = ""
    children: list[str] = field(default_factory=list)
    depth: int = 1


@dataclass
class GroupTree:
    """All groups of one graph, nested.

    Attributes:
        groups: key -> Group, outer groups before inner ones.
        owner: node id -> key of the innermost group holding it (absent: no group).
    """

    groups: dict[str, Group] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)
    node_count: int = 0

    @property
    def max_depth(self) -> int:
        return max((group.depth for group in self.groups.values()), default=0)

    def chain(self, node_id: str) -> list[str]:
        """Keys of the groups holding `node_id`, outermost first."""
        keys = []
        key = self.owner.get(node_id)
        while key is not None:
            keys.append(key)
            key = self.groups[key].parent
        return keys[::-1]

    def ancestors(self, key: str) -> list[str]:
        """Keys of the groups enclosing group `key`, outermost first."""
        keys = []
        parent = self.groups[key].parent
        while parent is not None:
            keys.append(parent)
            parent = self.groups[parent].parent
        return keys[::-1]

    def collapsed_at_level(self, level: int) -> set[str]:
        """The groups to collapse to show the model at `level` (0: nothing collapsed).

        Level 1 shows the top-level groups as cards, level 2 opens them and shows the groups
        inside as cards, and so on; groups shallower than the level have nothing to hide.
        """
        if level <= 0:
            return set()
        return {key for key, group in self.groups.items() if group.depth == level}

    def visible_count(self, collapsed: set[str]) -> int:
        """How many cards the canvas draws with `collapsed` groups shut."""
        units = {self.unit_of(node_id, collapsed) or node_id for node_id in self.owner}
        return len(units) + self.node_count - len(self.owner)

    def unit_of(self, node_id: str, collapsed: set[str]) -> str | None:
        """The outermost collapsed group hiding `node_id`, or None when it is drawn itself."""
        for key in self.chain(node_id):
            if key in collapsed:
                return key
        return None

    def default_level(self, budget: int = DEFAULT_BUDGET) -> int:
        """The most open level that draws at most `budget` cards (0 when the model is small)."""
        if self.node_count <= budget or not self.groups:
            return 0
        for level in range(self.max_depth, 0, -1):
            if self.visible_count(self.collapsed_at_level(level)) <= budget:
                return level
        return 1


def find_groups(graph: Graph, min_size: int = MIN_GROUP, dag: Dag | None = None) -> GroupTree:
    """The groups of `graph` (see the module docstring); `dag`: its `dag_of`, if known."""
    dag = dag or dag_of(graph)
    tree = GroupTree(node_count=len(dag.order))
    if len(dag.order) < 2 * min_size:
        return tree
    finder = _Finder(graph, dag, min_size)
    finder.find()
    return _nest(finder, tree)


class _Finder:
    """The search itself: candidate scopes, checks, and the structural blocks."""

    def __init__(self, graph: Graph, dag: Dag, min_size: int) -> None:
        self.dag = dag
        self.min_size = min_size
        self.prefixes: dict[str, list[str]] = {}  # node -> its prefix scopes
        self.suffixes: dict[str, list[str]] = {}  # node -> its suffix scopes
        for node_id in dag.order:
            layer = graph.layer_of(node_id)
            name, class_name = layer.name, layer.class_name
            self.prefixes[node_id] = scopes.prefix_scopes(name, class_name)
            self.suffixes[node_id] = scopes.suffix_scopes(name, class_name)
        self.names = {n: graph.layer_of(n).name for n in dag.order}
        self.cuts = cut_nodes(dag)
        self.chain_links = set(self.cuts)
        self.is_input = {n: graph.layer_of(n).is_input for n in dag.order}
        self.accepted: dict[str, tuple[str, set[str]]] = {}  # key -> (kind, members)
        self.labels: dict[str, str] = {}
        self.free: set[str] = set()

    # ------------------------------------------------------------------ the search

    def find(self) -> None:
        by_scope = _members_by(self.prefixes)
        by_suffix = _members_by(self.suffixes)
        candidates = [s for s, m in by_scope.items() if len(m) >= self.min_size]
        cells = [s for s, m in by_suffix.items() if len(m) >= self.min_size]
        tied: set[str] = set()
        for scope in candidates:
            tied |= by_scope[scope]
        for scope in cells:
            tied |= by_suffix[scope]
        self.free = {n for n in self.dag.order if n not in tied}
        self._named_before = [0]  # calls tied to a scope, counted along the order
        for node_id in self.dag.order:
            self._named_before.append(self._named_before[-1] + (node_id not in self.free))
        # deepest scopes first: a stage is checked with its blocks' final members
        for scope in sorted(candidates, key=lambda s: (-len(scopes.tokens(s)), s)):
            members = set(by_scope[scope])
            for key, (_kind, inner) in self.accepted.items():
                if key.startswith(scope + "_"):
                    members |= inner
            self._try(scope, "scope", members)
        grouped = set().union(*(m for _, m in self.accepted.values())) if self.accepted else set()
        # the most specific id first (`*_stem_1` before `*_1`), each call in one cell
        for scope in sorted(cells, key=lambda s: (-s.count("_"), s)):
            members = by_suffix[scope] - grouped
            if len(members) >= self.min_size and self._try(scope, "cell", members):
                grouped |= self.accepted[scope][1]
        self._structure()

    def _try(self, key: str, kind: str, members: set[str]) -> bool:
        closure = self._closure(members, spread=4 * len(members) + 8)
        if closure is None:
            return False
        self._absorb_feeders(closure)
        if len(closure) < self.min_size:
            return False
        self.accepted[key] = (kind, closure)
        return True

    def _closure(self, members: set[str], spread: int) -> set[str] | None:
        """`members` and every call on a path between two of them; None if that takes in a
        call named for another scope (or, a quick test, more than `spread` such calls lie
        between the first and the last member in the order)."""
        index, order = self.dag.index, self.dag.order
        low = min(index[n] for n in members)
        high = max(index[n] for n in members)
        named = self._named_before[high + 1] - self._named_before[low]
        if named - len(members) > spread:  # spread over the model between other scopes
            return None
        below: set[str] = set()  # calls some member is reached from... reading backwards
        for position in range(high, low - 1, -1):
            node_id = order[position]
            if node_id in members or any(s in below for s in self.dag.succs[node_id]):
                below.add(node_id)
        closure: set[str] = set()
        for position in range(low, high + 1):
            node_id = order[position]
            if node_id not in below:
                continue
            if node_id in members or any(p in closure for p in self.dag.preds[node_id]):
                if node_id not in members and node_id not in self.free:
                    return None
                closure.add(node_id)
        return closure

    def _absorb_feeders(self, group: set[str]) -> None:
        """Made-up names whose every reader is in the group join it (Inception branches
        inside `block35_1`); model inputs and the links of the model's chain (every path
        passes through them: DenseNet's stem before its first block) stay outside."""
        pending = [p for n in group for p in self.dag.preds[n] if p not in group]
        while pending:
            node_id = pending.pop()
            if (node_id in group or node_id not in self.free or self.is_input[node_id]
                    or node_id in self.chain_links):  # fmt: skip
                continue
            succs = self.dag.succs[node_id]
            if succs and all(s in group for s in succs):
                group.add(node_id)
                pending.extend(p for p in self.dag.preds[node_id] if p not in group)

    def _structure(self) -> None:
        """Pieces between cut nodes. Made-up names alone (or inside one scope whose calls the
        cut nodes split) make a block; next to one named block, they join it."""
        index = self.dag.index
        bounds = [index[c] for c in self.cuts]
        owner = self._innermost()
        for start, end in itertools.pairwise(bounds):
            nodes = self.dag.order[start + 1 : end + 1]
            if len(nodes) < self.min_size:
                continue
            owners = {owner.get(n) for n in nodes}
            if len(owners) == 1:
                (parent,) = owners
                # inside a scope, a block only when it is clearly a part (IRv2's block35_1
                # in block35), not the scope less its last call
                if parent is None or len(self.accepted[parent][1]) >= 2 * len(nodes):
                    self._add_block(nodes, parent)
                continue
            self._join_loose(nodes, owner)

    def _innermost(self) -> dict[str, str]:
        owner: dict[str, str] = {}
        for key, (_kind, members) in sorted(self.accepted.items(), key=lambda i: -len(i[1][1])):
            for node_id in members:
                owner[node_id] = key
        return owner

    def _add_block(self, nodes: list[str], parent: str | None) -> None:
        """A block of its own, named by the scope its named calls share (`block35_1`), else
        by the call closing it (`mixed3`)."""
        named = [self.prefixes[n] for n in nodes if self.prefixes[n]]
        common = _common_scope(named) if len(named) >= 2 else None
        label = common if common and common != parent else self.names[nodes[-1]]
        if "~" + label in self.accepted:
            label = self.names[nodes[-1]]
        key = "~" + label
        if key not in self.accepted:
            self.accepted[key] = ("block", set(nodes))
            self.labels[key] = label

    def _join_loose(self, nodes: list[str], owner: dict[str, str]) -> None:
        """One named block and made-up names around it (a shortcut, the residual `add`):
        those join the block, when they are not more than the block itself."""
        piece = set(nodes)
        groups = {owner[n] for n in nodes if n in owner}
        inside = [k for k in groups if self.accepted[k][1] <= piece]
        if not inside:
            return
        block = max(inside, key=lambda k: len(self.accepted[k][1]))
        members = self.accepted[block][1]
        # any other group here must enclose the block (its stage) or sit inside it
        for key in groups:
            other = self.accepted[key][1]
            if not (members <= other or other <= members):
                return
        loose = piece - members
        if loose and all(n in self.free for n in loose) and len(loose) <= len(members):
            self._extend(block, loose)

    def _extend(self, key: str, extra: set[str]) -> None:
        members = self.accepted[key][1]
        for _kind, other in self.accepted.values():
            if other is not members and members <= other:
                other |= extra  # the blocks's stage takes the shortcut too
        members |= extra


def _common_scope(lists: list[list[str]]) -> str | None:
    """The deepest scope every list holds (`block35_1` for block35_1_mixed, ..._conv, ..._ac)."""
    if not lists:
        return None
    common = None
    for scopes_at in zip(*lists, strict=False):
        if len(set(scopes_at)) != 1:
            break
        common = scopes_at[0]
    return common


def _members_by(scopes_of: dict[str, list[str]]) -> dict[str, set[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for node_id, names in scopes_of.items():
        for scope in names:
            members[scope].add(node_id)
    return members


def _nest(finder: _Finder, tree: GroupTree) -> GroupTree:
    """Nest the accepted groups by inclusion, drop the useless ones, name them."""
    total = len(finder.dag.order)
    index = finder.dag.index
    whole = [key for key, (_k, m) in finder.accepted.items() if len(m) >= WHOLE_MODEL * total]
    items = [
        (key, kind, members) for key, (kind, members) in finder.accepted.items() if key not in whole
    ]
    # larger first; equal sets keep the more specific (longer) key
    items.sort(key=lambda item: (-len(item[2]), -len(item[0]), item[0]))
    owner: dict[str, str] = {}
    kept: list[Group] = []
    sets: dict[str, set[str]] = {}
    for key, kind, members in items:
        parents = {owner.get(n) for n in members}
        if len(parents) != 1:
            continue  # straddles two groups: not nested, leave it out
        (parent,) = parents
        if parent is not None and sets[parent] == members:
            continue  # the same calls under another name
        ordered = sorted(members, key=index.__getitem__)
        group = Group(key, _label(key, kind, finder, whole, ordered), kind, ordered, parent)
        kept.append(group)
        sets[key] = members
        for node_id in members:
            owner[node_id] = key
    for group in kept:
        tree.groups[group.key] = group
    for group in kept:
        group.full_label = group.label
        if group.parent is not None:
            parent = tree.groups[group.parent]
            parent.children.append(group.key)
            group.depth = parent.depth + 1
            group.label = _relative(group.full_label, parent.full_label)
    tree.owner = owner
    return tree


def _relative(label: str, parent: str) -> str:
    """`conv4_block3` inside `conv4` reads `block3`; `block35_1` inside `block35` stays."""
    if label.startswith(parent + "_"):
        rest = label[len(parent) + 1 :]
        if any(c.isalpha() for c in rest):
            return rest
    return label


def _label(key: str, kind: str, finder: _Finder, whole: list[str], members: list[str]) -> str:
    if kind == "block":
        return finder.labels.get(key, key.lstrip("~"))
    if kind == "cell":  # `normal 5` after its output `normal_concat_5`; `stem 1`, `reduce 6`
        inside = set(members)
        leaving = [n for n in members if any(s not in inside for s in finder.dag.succs[n])]
        output = finder.names[(leaving or members)[-1]]
        cell = key[len(scopes.SUFFIX_MARK) :]
        if any(c.isalpha() for c in cell):
            return cell.replace("_", " ")
        return f"{output.split('_')[0]} {cell}"
    for prefix in sorted(whole, key=len, reverse=True):
        if key.startswith(prefix + "_"):
            return key[len(prefix) + 1 :]
    return key


def group_boundary(graph: Graph, members: list[str]) -> tuple[list, list]:
    """What a group reads and gives: the tensors from outside its calls read (in order), and
    its tensors read outside it or returned by the model (each once).

    Returns:
        (input TensorRefs, output TensorRefs).
    """
    inside = set(members)
    inputs: dict = {}
    outputs: dict = {}
    for node_id in members:
        for ref in graph.nodes[node_id].input_refs():
            if ref.node_id not in inside:
                inputs[ref] = None
    for node_id, node in graph.nodes.items():
        if node_id not in inside:
            for ref in node.input_refs():
                if ref.node_id in inside:
                    outputs[ref] = None
    for ref in graph.outputs:
        if ref.node_id in inside:
            outputs[ref] = None
    return list(inputs), list(outputs)
