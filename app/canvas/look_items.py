"""What a card shows of a sample run through the model: a thumbnail, health, a warning halo.

These are separate items attached to a card (children of its `NodeItem`, so they move with it),
never part of the card's own painting: the card stays cached and cheap, and the thumbnails come
and go without touching it.

- `ThumbnailItem`, to the right of the card: the node's output for the chosen sample (feature
  maps, a sequence strip, units, or class bars at an output), a caption with what is shown and
  its range, the training-health sparkline (update ratio |Δw| / |w| per measurement, on a log
  scale, with the healthy band shaded) and, when something is wrong, one plain sentence.
- `HaloItem`, behind the card: a coloured outline when a warning or a NaN concerns the node.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTextOption,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.canvas import theme
from app.canvas.node_item import NodeItem
from engine.training.look.advice import magnitude

PAD = 6.0
IMAGE_BOX = 84.0  # the picture fits in this square
TEXT_WIDTH = 118.0
WIDTH = PAD + IMAGE_BOX + 8 + TEXT_WIDTH + PAD  # as wide as a card
LINE = 11.0
BAR_HEIGHT = 9.0
SPARK_HEIGHT = 14.0
PROBLEM_LINES = 4
GAP = 10.0  # between the card and its thumbnail
ROOM = GAP + WIDTH  # what a thumbnail takes beside its card
WARNING = QColor("#d97706")
DANGER = QColor("#c0392b")
HEALTHY_BAND = (-4.0, -2.0)  # log10 of update ratios that usually train well (1e-4 .. 1e-2)
BAR_ROWS = 10


@dataclass
class Bar:
    """One class of an output's probabilities."""

    label: str
    value: float
    true: bool = False  # the sample's label
    best: bool = False  # the model's top class


@dataclass
class Thumbnail:
    """What a thumbnail shows: a picture (or class bars), a caption and a tooltip."""

    image: QImage | None = None
    bars: list[Bar] = field(default_factory=list)
    caption: str = ""
    tooltip: str = ""
    smooth: bool = False  # a picture made smaller than its data: smooth, else crisp pixels
    stretch: bool = False  # fill the picture's box (a weight matrix), not keep its shape


@dataclass
class Health:
    """A node's training health: the sparkline's points and the current problem."""

    ratios: list[float] = field(default_factory=list)  # update ratios, oldest first
    problem: str = ""
    severe: bool = False  # NaN or infinite values: red, not amber


class ThumbnailItem(QGraphicsObject):
    """The look-inside panel beside one card.

    Signals:
        clicked(str): the node key (`layer:call`) of the thumbnail clicked.
    """

    clicked = Signal(str)

    def __init__(self, key: str, card: QGraphicsItem) -> None:
        super().__init__(card)
        self.key = key
        self.thumbnail = Thumbnail()
        self.health = Health()
        self.stale = False  # the model changed since: the picture may no longer be true
        self._rect = QRectF()
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(4)
        self.place()

    def place(self) -> None:
        """Beside the card, its top at the card's top: on the right, or on the left when a card
        sits on the right and none on the left (a chain folded into columns has its next column
        there, whose cards would hide the thumbnail)."""
        card = self.parentItem()
        rect = card.card_rect() if hasattr(card, "card_rect") else card.boundingRect()
        right = QPointF(rect.right() + GAP, rect.top())
        left = QPointF(rect.left() - GAP - WIDTH, rect.top())
        scene = self.scene()
        for spot in (right, left) if scene is not None else ():
            area = card.mapRectToScene(QRectF(spot, self.boundingRect().size()))
            if not any(isinstance(item, NodeItem) and item is not card
                       for item in scene.items(area)):  # fmt: skip
                self.setPos(spot)
                return
        self.setPos(right)

    def set_thumbnail(self, thumbnail: Thumbnail) -> None:
        self.prepareGeometryChange()
        self.thumbnail = thumbnail
        self.stale = False
        self._rect = QRectF()
        self.setToolTip(thumbnail.tooltip)
        self.place()  # its size changed, and the cards may have moved since
        self.update()

    def set_health(self, health: Health) -> None:
        self.prepareGeometryChange()
        self.health = health
        self._rect = QRectF()
        self.place()
        self.update()

    def set_stale(self, stale: bool) -> None:
        if stale != self.stale:
            self.stale = stale
            self.update()

    # ------------------------------------------------------------------ geometry

    def _image_size(self) -> tuple[float, float]:
        image = self.thumbnail.image
        if image is None or image.isNull():
            return 0.0, 0.0
        if self.thumbnail.stretch:
            return IMAGE_BOX, IMAGE_BOX
        scale = min(IMAGE_BOX / image.width(), IMAGE_BOX / image.height())
        if scale >= 1:  # enlarge by whole pixels, so that cells stay square and crisp
            scale = math.floor(scale)
        return image.width() * scale, image.height() * scale

    def _sections(self) -> dict[str, QRectF]:
        """Where each part goes: the picture on the left, its texts on the right (or class
        bars across), computed once per content change."""
        parts: dict[str, QRectF] = {}
        if self.thumbnail.bars:
            height = min(len(self.thumbnail.bars), BAR_ROWS) * BAR_HEIGHT
            parts["bars"] = QRectF(PAD, PAD, WIDTH - 2 * PAD, height)
            left_bottom, x, y = PAD + height, PAD, PAD + height + 3
            text_width = WIDTH - 2 * PAD
        elif self._image_size()[0]:
            width, height = self._image_size()
            parts["image"] = QRectF(PAD + (IMAGE_BOX - width) / 2, PAD, width, height)
            left_bottom, x, y = PAD + height, PAD + IMAGE_BOX + 8, PAD
            text_width = TEXT_WIDTH
        else:  # words only ("no weights")
            left_bottom, x, y = PAD, PAD, PAD
            text_width = WIDTH - 2 * PAD
        for i, line in enumerate(self.thumbnail.caption.split("\n")[:2]):
            if line:
                parts[f"caption{i}"] = QRectF(x, y, text_width, LINE)
                y += LINE
        if self.health.ratios:
            parts["spark_label"] = QRectF(x, y + 2, text_width, LINE)
            parts["spark"] = QRectF(x, y + 2 + LINE, text_width, SPARK_HEIGHT)
            y += LINE + SPARK_HEIGHT + 4
        bottom = max(left_bottom, y)
        if self.health.problem:  # across the whole panel, under the picture: one sentence
            width = WIDTH - 2 * PAD
            height = min(_text_height(self.health.problem, width), PROBLEM_LINES * LINE)
            parts["problem"] = QRectF(PAD, bottom + 4, width, height)
            bottom += height + 4
        parts["frame"] = QRectF(0, 0, WIDTH, bottom + PAD)
        return parts

    def boundingRect(self) -> QRectF:
        if self._rect.isNull():
            self._rect = self._sections()["frame"].adjusted(-1, -1, 1, 1)
        return self._rect

    # ------------------------------------------------------------------ painting

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        parts = self._sections()
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        border = theme.NODE_BORDER
        if self.health.problem:
            border = DANGER if self.health.severe else WARNING
        painter.setPen(QPen(border, 1.6 if self.health.problem else 1.0))
        painter.setBrush(QBrush(theme.NODE_FILL))
        painter.drawRoundedRect(parts["frame"], 5, 5)
        if lod < 0.3:
            return  # far away: the frame alone
        painter.setOpacity(0.35 if self.stale else 1.0)
        if "image" in parts and self.thumbnail.image is not None:
            smooth = self.thumbnail.smooth or parts["image"].width() < self.thumbnail.image.width()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
            painter.drawImage(parts["image"], self.thumbnail.image)
        if "bars" in parts:
            _paint_bars(painter, parts["bars"], self.thumbnail.bars)
        painter.setOpacity(1.0)
        font = _fonts()["caption"]
        painter.setFont(font)
        for i in range(2):
            rect = parts.get(f"caption{i}")
            if rect is not None:
                painter.setPen(theme.TEXT_MUTED)
                line = _elided(self.thumbnail.caption.split("\n")[i], "caption", rect.width())
                painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 line)  # fmt: skip
        if self.stale:
            rect = parts.get("caption1") or parts.get("caption0")
            if rect is not None:
                painter.setPen(WARNING.darker(130))
                painter.drawText(
                    rect.translated(0, LINE),
                    Qt.AlignmentFlag.AlignLeft,
                    QCoreApplication.translate("LookInside", "model changed"),
                )
        if "spark" in parts:
            _paint_sparkline(painter, parts["spark_label"], parts["spark"], self.health.ratios)
        if "problem" in parts:
            painter.setPen(DANGER if self.health.severe else WARNING.darker(130))
            painter.drawText(parts["problem"], self.health.problem, _wrap())

    # ------------------------------------------------------------------ interaction

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.key)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        tip = self.thumbnail.tooltip
        if self.health.problem:
            tip = f"{tip}\n\n{self.health.problem}" if tip else self.health.problem
        self.setToolTip(tip)


class HaloItem(QGraphicsItem):
    """A coloured outline behind a card that a warning concerns."""

    def __init__(self, card: QGraphicsItem) -> None:
        super().__init__(card)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.colour = WARNING
        rect = card.card_rect() if hasattr(card, "card_rect") else card.boundingRect()
        self._rect = rect.adjusted(-5, -5, 5, 5)

    def set_colour(self, colour: QColor) -> None:
        self.colour = colour
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:  # fmt: skip
        fill = QColor(self.colour)
        fill.setAlpha(50)
        painter.setPen(QPen(self.colour, 2.5))
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(self._rect, 9, 9)


def _paint_bars(painter: QPainter, rect: QRectF, bars: list[Bar]) -> None:
    """One row per class: its name (✓ the sample's label), a bar, the probability."""
    painter.setFont(_fonts()["bar"])
    shown = bars[:BAR_ROWS]
    label_width = min(70.0, max(_width("✓ " + b.label, "bar") for b in shown) + 4)
    track = rect.width() - label_width - 30
    for row, bar in enumerate(shown):
        y = rect.top() + row * BAR_HEIGHT
        painter.setPen(QColor("#15803d") if bar.true else theme.TEXT)
        label = ("✓ " if bar.true else "") + bar.label
        painter.drawText(QRectF(rect.left(), y, label_width, BAR_HEIGHT),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         _elided(label, "bar", label_width))  # fmt: skip
        length = max(1.0, track * max(0.0, min(1.0, bar.value)))
        colour = QColor(178, 24, 43) if bar.best else QColor(103, 169, 207)
        painter.fillRect(QRectF(rect.left() + label_width, y + 1.5, length, BAR_HEIGHT - 3),
                         colour)  # fmt: skip
        painter.setPen(theme.TEXT_MUTED)
        painter.drawText(QRectF(rect.left() + label_width + length + 3, y, 30, BAR_HEIGHT),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"{100 * bar.value:.0f}%")  # fmt: skip


def _paint_sparkline(painter: QPainter, label: QRectF, plot: QRectF, ratios: list[float]) -> None:
    """log10 of the update ratios: the band 1e-4..1e-2 shaded, the last value written."""
    low, high = -7.0, 0.0

    def y_of(value: float) -> float:
        level = math.log10(max(value, 1e-12))
        unit = (min(max(level, low), high) - low) / (high - low)
        return plot.bottom() - unit * plot.height()

    band = QRectF(plot.left(), y_of(10 ** HEALTHY_BAND[1]), plot.width(),
                  y_of(10 ** HEALTHY_BAND[0]) - y_of(10 ** HEALTHY_BAND[1]))  # fmt: skip
    painter.fillRect(plot, QColor("#f3f4f6"))
    painter.fillRect(band, QColor("#dcfce7"))
    finite = [r for r in ratios if r is not None and math.isfinite(r)]
    if len(finite) >= 1:
        path = QPainterPath()
        step = plot.width() / max(len(finite) - 1, 1)
        for i, value in enumerate(finite):
            point = QPointF(plot.left() + i * step, y_of(value))
            path.moveTo(point) if i == 0 else path.lineTo(point)
        painter.setPen(QPen(QColor("#2563eb"), 1.3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    painter.setFont(_fonts()["caption"])
    painter.setPen(theme.TEXT_MUTED)
    last = magnitude(finite[-1]) if finite else "–"
    text = QCoreApplication.translate("LookInside", "step size Δw/w {value}").format(value=last)
    painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


_FONTS: dict[str, QFont] = {}


def _fonts() -> dict[str, QFont]:
    if not _FONTS:
        caption = QFont()
        caption.setPointSizeF(7.0)
        bar = QFont()
        bar.setPointSizeF(7.0)
        _FONTS.update(caption=caption, bar=bar)
    return _FONTS


def _width(text: str, font: str) -> float:
    return QFontMetricsF(_fonts()[font]).horizontalAdvance(text)


def _elided(text: str, font: str, width: float) -> str:
    return QFontMetricsF(_fonts()[font]).elidedText(text, Qt.TextElideMode.ElideRight, width)


def _wrap() -> QTextOption:
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    return option


def _text_height(text: str, width: float) -> float:
    metrics = QFontMetricsF(_fonts()["caption"])
    flags = int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(QRectF(0, 0, width, 1000), flags, text).height() + 2
