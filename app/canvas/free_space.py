"""Free space on the canvas: where new cards go so that they cover no card and stay in view.

A pasted block (or a new card) has a preferred place (the mouse, beside its originals, the
middle of the view). When cards already sit there, the nearest place where the whole block
covers none is taken, preferring places inside the visible part of the canvas.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsScene

from app.canvas.node_item import NodeItem

STEP = 40.0  # the grid of places tried around the preferred one
RINGS = 30  # how far the search goes (in steps) before it gives up
MARGIN = 16.0  # room kept between cards


def covers_a_card(scene: QGraphicsScene, rect: QRectF) -> bool:
    """Whether `rect` (scene coordinates, with a margin) overlaps any card."""
    room = rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    return any(isinstance(item, NodeItem) for item in scene.items(room))


def free_offset(scene: QGraphicsScene, block: QRectF, within: QRectF | None) -> QPointF:
    """How far to move `block` (the cards to place, at their preferred place) so that it covers
    no card: (0, 0) when it is free there, else the nearest free place, inside `within` (the
    visible part of the canvas) when there is one there."""
    offsets = sorted(
        itertools.product(range(-RINGS, RINGS + 1), repeat=2),
        key=lambda ij: (ij[0] ** 2 + ij[1] ** 2, abs(ij[1]), ij[0]),  # nearest, then sideways
    )
    fallback = None
    for i, j in offsets:
        moved = block.translated(i * STEP, j * STEP)
        inside = within is None or within.contains(moved)
        if fallback is not None and not inside:
            continue
        if covers_a_card(scene, moved):
            continue
        if inside:
            return QPointF(i * STEP, j * STEP)
        fallback = QPointF(i * STEP, j * STEP)  # free but off-screen: keep looking in view
    return fallback if fallback is not None else QPointF(0.0, 0.0)
