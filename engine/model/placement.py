"""Placement: where the cards of a model sit, changed by moves that each have an exact inverse.

Positions are editor state, not model: Keras never sees them. They live beside the graph in
`Document.editor_state["positions"]`, keyed by node id (a card inside a nested model is keyed by
the path of nested layer ids and its node id, joined with "/"), each an `[x, y]` pair of floats.

A move maps keys to new positions (`None` forgets a key's position). `move` checks every
position first, so a refused move changes nothing, then applies it and returns its inverse (the
previous positions, `None` where there was none): an undo stack replays moves exactly as it
replays graph edits (`engine.model.edits`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from engine.errors import GraphError

Position = tuple[float, float]
Move = dict[str, Position | None]


def check_move(positions: Mapping[str, Any]) -> None:
    """Raise GraphError unless every key is a position key and every value (x, y) or None."""
    for key, value in positions.items():
        if not isinstance(key, str) or not key or key.startswith("/") or key.endswith("/"):
            raise GraphError(
                f"A position belongs to a node id (or path/node id). Received: {key!r}."
            )
        if value is None:
            continue
        numbers = isinstance(value, (list, tuple)) and len(value) == 2
        if not numbers or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
            for v in value
        ):
            raise GraphError(
                f"A position is two finite numbers (x, y). Received: {value!r} for {key!r}."
            )


def move(editor_state: dict[str, Any], positions: Mapping[str, Any]) -> Move:
    """Set (or forget, for None) the positions of some cards; returns the inverse move.

    Raises:
        GraphError: a key or a position is malformed (nothing is changed then).
    """
    check_move(positions)
    stored = editor_state.setdefault("positions", {})
    inverse: Move = {}
    for key in positions:
        previous = stored.get(key)
        inverse[key] = None if previous is None else (float(previous[0]), float(previous[1]))
    for key, value in positions.items():
        if value is None:
            stored.pop(key, None)
        else:
            stored[key] = [float(value[0]), float(value[1])]
    return inverse
