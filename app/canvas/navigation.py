"""The keyboard path through a graph: which card the arrow keys select next.

Up follows the wires back to the node the selection reads, Down forward to a node that reads it,
Left and Right step between siblings (the other readers of the same tensor, or the other model
inputs), falling back to the nearest card on that side in the same row. Going back the way one
came returns to where one was (Down then Up is a round trip, even at a branch).

Plain Python over the engine's graph and the cards' positions: no Qt, easy to reason about.
"""

from __future__ import annotations

from collections.abc import Mapping

from engine.model.graph import Graph

Point = tuple[float, float]
OPPOSITE = {"up": "down", "down": "up", "left": "right", "right": "left"}
ROW_BAND = 80.0  # cards whose tops are closer than this sit in the same row


def first_node(graph: Graph, positions: Mapping[str, Point]) -> str | None:
    """Where the path starts: the first model input, else the top-left card."""
    for ref in graph.inputs:
        if ref.node_id in positions:
            return ref.node_id
    placed = [n for n in graph.nodes if n in positions]
    return min(placed, key=lambda n: (positions[n][1], positions[n][0]), default=None)


def neighbour(
    graph: Graph,
    positions: Mapping[str, Point],
    current: str,
    direction: str,
    came_from: tuple[str, str, str] | None = None,
) -> str | None:
    """The node the arrow key `direction` ("up", "down", "left", "right") selects after
    `current`, or None when there is none that way.

    Args:
        came_from: the last step taken (from node, to node, direction): stepping back the
            opposite way from where it arrived returns to where it came from.
    """
    if came_from is not None:
        origin, arrived, way = came_from
        if arrived == current and OPPOSITE[way] == direction and origin in positions:
            return origin
    if direction == "up":
        return _nearest_in_x(positions, current, _sources(graph, current))
    if direction == "down":
        return _nearest_in_x(positions, current, graph.consumers(current))
    siblings = sorted(_siblings(graph, current) & set(positions), key=lambda n: positions[n])
    if current in siblings:
        index = siblings.index(current) + (1 if direction == "right" else -1)
        if 0 <= index < len(siblings):
            return siblings[index]
    return _same_row(positions, current, direction)


def _sources(graph: Graph, node_id: str) -> list[str]:
    found: list[str] = []
    for ref in graph.nodes[node_id].input_refs():
        if ref.node_id not in found and ref.node_id != node_id:
            found.append(ref.node_id)
    return found


def _siblings(graph: Graph, node_id: str) -> set[str]:
    """Nodes reading what `node_id` reads (itself included); the roots for a root."""
    sources = _sources(graph, node_id)
    if not sources:
        return {n for n in graph.nodes if not graph.nodes[n].input_refs()}
    return {reader for source in sources for reader in graph.consumers(source)}


def _nearest_in_x(
    positions: Mapping[str, Point], current: str, candidates: list[str]
) -> str | None:
    placed = [n for n in candidates if n in positions]
    x = positions[current][0]
    return min(placed, key=lambda n: (abs(positions[n][0] - x), positions[n][0]), default=None)


def _same_row(positions: Mapping[str, Point], current: str, direction: str) -> str | None:
    x, y = positions[current]
    sign = 1 if direction == "right" else -1
    row = [
        n
        for n, (nx, ny) in positions.items()
        if n != current and abs(ny - y) < ROW_BAND and (nx - x) * sign > 0
    ]
    return min(row, key=lambda n: abs(positions[n][0] - x), default=None)
