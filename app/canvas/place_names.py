"""Place names: group names written large over a zoomed-out drawing, as a map names regions.

Zoomed far out, a card is too small on screen for even its name (`node_item.FAR_ZOOM`) and a
frame's title bar a few pixels high. The view then writes, above everything, each frame's name
(stages first, larger) and each collapsed group's name, in letters sized for the screen, on a
light halo. A name that would cover one already written is left out, as on a map. Nearer, cards
and frames write their own names, in letters readable at that zoom.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsView

from app.canvas import theme
from app.canvas.node_item import FAR_ZOOM

FRAME_LETTERS = (22, 16, 13)  # pixel sizes of frame names by depth (stages largest)
CARD_LETTERS = 13
MIN_LETTERS = 10


def draw_place_names(painter: QPainter, view: QGraphicsView, scene) -> None:
    """Write the names of frames and small group cards over the view (screen coordinates)."""
    zoom = view.zoom()
    if zoom >= FAR_ZOOM or not (scene.frames or scene.groups):
        return  # nearer, cards and frames carry their own names
    viewport = QRectF(view.viewport().rect())
    taken: list[QRectF] = []
    labels: list[tuple[QRectF, str, int, bool]] = []  # (screen rect, text, pixels, frame)
    for frame in sorted(scene.frames.values(), key=lambda f: f.depth):
        rect = view.mapFromScene(frame.rect()).boundingRect()
        size = FRAME_LETTERS[min(frame.depth, len(FRAME_LETTERS)) - 1]
        labels.append((QRectF(rect), frame.label, size, True))
    for card in scene.groups.values():  # cards too small even for their name alone
        rect = view.mapFromScene(card.sceneBoundingRect()).boundingRect()
        labels.append((QRectF(rect), card.info.name, CARD_LETTERS, False))
    painter.save()
    painter.resetTransform()
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    for rect, text, size, is_frame in labels:
        if not rect.intersects(viewport):
            continue
        found = _label_box(rect, text, size, is_frame)
        if found is None or any(found[0].intersects(other) for other in taken):
            continue
        box, pixels = found
        taken.append(box)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.PLACE_HALO)
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(_font(pixels))
        painter.setPen(theme.PLACE_NAME)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def _label_box(area: QRectF, text: str, size: int, is_frame: bool):
    """Where a name goes on screen (atop a frame, across a card) and its letters' pixel size;
    None if it cannot fit."""
    room = max(area.width(), 0) * (2.2 if is_frame else 1.3)  # a map name may overhang
    per_pixel = _advance(text) / REFERENCE + 0.8  # widths grow with the letters' size
    pixels = min(size, int(room / per_pixel))
    if pixels < MIN_LETTERS:
        return None
    width, height = per_pixel * pixels, pixels * 1.45
    top = area.top() + 4 if is_frame else area.center().y() - height / 2
    return QRectF(area.center().x() - width / 2, top, width, height), pixels


REFERENCE = 20


@functools.lru_cache(maxsize=4096)
def _advance(text: str) -> float:
    return QFontMetricsF(_font(REFERENCE)).horizontalAdvance(text)


@functools.cache
def _font(pixels: int) -> QFont:
    font = QFont(theme.fonts()["title"])
    font.setPixelSize(max(pixels, 1))
    return font
