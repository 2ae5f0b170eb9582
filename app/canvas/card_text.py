"""Text on cards: cut to fit, and the far print (a card's name in letters readable from afar).

Measuring text is the costly part of drawing thousands of cards, so widths and cut texts are
cached by text and font (class names, parameter counts and shapes repeat across cards).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

from app.canvas import theme

PAD = 10.0
_FAR_LETTERS = 12.0  # screen pixels of a far card's name
_FAR_KIND = 9.5  # and of its class (or a group's "12 layers · residual") below it
_LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter  # once: flags are slow


def paint_far_print(painter: QPainter, rect: QRectF, name: str, kind_text: str, lod: float,
                    cache: tuple | None) -> tuple:  # fmt: skip
    """Draw a card's name in letters readable at zoom `lod` (on two lines, cut at a `_`,
    when one is too short), and its class below when there is room.

    Returns:
        The laid-out texts, to pass back as `cache` on the next paint.
    """
    height = rect.height()
    wanted = int(_FAR_LETTERS / lod / 4 + 1) * 4  # scene pixels that show as ~12 on screen
    small = max(round(_FAR_KIND / lod), 8)
    two_lines = wanted * 1.25 + small * 1.3 + 10 <= height  # the class fits below the name
    size = wanted if two_lines else min(wanted, int(height * 0.58))
    if cache is None or cache[0] != (size, small):
        width = rect.width() - 2 * PAD - 4
        lines = far_lines(name, size, width, height)
        room = height - 10 - (lines.count("\n") + 1) * size * 1.25
        kind = elided(kind_text, f"far{small}", width) if room > small * 1.2 else ""
        cache = ((size, small), lines, kind)
    _sizes, lines, kind = cache
    area = rect.adjusted(PAD + 4, 4, -PAD, -4)
    painter.setFont(far_font(size))
    painter.setPen(theme.TEXT)
    if not kind:
        painter.drawText(area, _LEFT_MIDDLE, lines)
        return cache
    count = lines.count("\n") + 1
    block = count * size * 1.25 + small * 1.3
    top = area.top() + (area.height() - block) / 2
    painter.drawText(QRectF(area.left(), top, area.width(), count * size * 1.25), _LEFT_MIDDLE,
                     lines)  # fmt: skip
    painter.setFont(far_font(small))
    painter.setPen(theme.TEXT_MUTED)
    painter.drawText(QRectF(area.left(), top + count * size * 1.25, area.width(), small * 1.3),
                     _LEFT_MIDDLE, kind)  # fmt: skip
    return cache


def elide(text: str, font: str, width: float) -> str:
    measure = metrics(font)
    if len(text) * measure.maxWidth() <= width:  # surely fits: skip the costly elision
        return text
    return elided(text, font, width)


def far_lines(name: str, size: int, width: float, height: float) -> str:
    """A name in letters of `size` pixels: one line, or two cut at the `_` nearest the middle
    when it does not fit and the card is tall enough, each cut in the middle if still long."""
    font = f"far{size}"
    if advance(name, font) <= width or height < 2.6 * size or "_" not in name[1:-1]:
        return elided(name, font, width, True)
    cuts = [i + 1 for i, c in enumerate(name[:-1]) if c == "_" and i > 0]
    cut = min(cuts, key=lambda i: abs(i - len(name) / 2))
    return "\n".join(elided(part, font, width, True) for part in (name[:cut], name[cut:]))


@functools.lru_cache(maxsize=4096)
def elided(text: str, font: str, width: float, middle: bool = False) -> str:
    """`text` cut to `width`; in the middle for names, whose end tells blocks apart
    (`conv4_…1_conv`)."""
    mode = Qt.TextElideMode.ElideMiddle if middle else Qt.TextElideMode.ElideRight
    return metrics(font).elidedText(text, mode, width)


@functools.lru_cache(maxsize=4096)
def advance(text: str, font: str) -> float:
    """Width of `text`: class names and parameter counts repeat across thousands of cards."""
    return metrics(font).horizontalAdvance(text)


@functools.cache
def metrics(font: str) -> QFontMetricsF:
    if font.startswith("far"):
        return QFontMetricsF(far_font(int(font[3:])))
    return QFontMetricsF(theme.fonts()[font])


@functools.cache
def far_font(pixels: int) -> QFont:
    font = QFont(theme.fonts()["title"])
    font.setPixelSize(max(pixels, 1))
    return font
