"""Colours, fonts and sizes of the canvas, in one place so the diagram stays consistent.

Also the small text helpers nodes and wires share (shape descriptions, parameter counts), so that
what a tooltip teaches reads the same everywhere.
"""

from __future__ import annotations

import functools
import zlib

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor, QFont, QFontDatabase

BACKGROUND = QColor("#f7f8fa")
GRID_MINOR = QColor("#eef0f3")
GRID_MAJOR = QColor("#e3e6eb")
NODE_FILL = QColor("#ffffff")
NODE_BORDER = QColor("#c9ced6")
NODE_SELECTED = QColor("#2563eb")
NODE_SIBLING = QColor("#f59e0b")
TEXT = QColor("#1f2937")
TEXT_MUTED = QColor("#6b7280")
ERROR = QColor("#c0392b")
WIRE = QColor("#8b95a5")
WIRE_HOVER = QColor("#2563eb")
PORT_FILL = QColor("#ffffff")
PORT_CONNECTED = QColor("#4b5563")
OUTPUT_BADGE = QColor("#111827")
TOAST_FILL = QColor("#fff4e5")
GROUP_FILL = QColor("#f5f8ff")  # a collapsed group's card: a block, not a layer
GROUP_STACK = QColor("#dfe5ef")  # the cards "behind" it
# frames of expanded groups, by depth: stages, then blocks inside them
FRAME_FILLS = (QColor(37, 99, 235, 14), QColor(13, 148, 136, 16), QColor(124, 58, 237, 16))
FRAME_BORDERS = (QColor("#b9c6e4"), QColor("#a7d3cd"), QColor("#cbbbe9"))
FRAME_TITLE = QColor("#475569")
PLACE_NAME = QColor("#1e293b")  # group names drawn large when zoomed out
PLACE_HALO = QColor(247, 248, 250, 215)
MINIMAP_FILL = QColor(255, 255, 255, 225)
MINIMAP_VIEW = QColor("#2563eb")
TOAST_BORDER = QColor("#f0a44b")

# accent stripe per kind of layer: readers find the inputs, merges and blocks at a glance
ACCENTS = {
    "input": QColor("#16a34a"),
    "model": QColor("#0d9488"),
    "conv": QColor("#2563eb"),
    "pool": QColor("#0ea5e9"),
    "dense": QColor("#7c3aed"),
    "rnn": QColor("#db2777"),
    "merge": QColor("#ea580c"),
    "norm": QColor("#ca8a04"),
    "regular": QColor("#9ca3af"),
    "op": QColor("#64748b"),
    "other": QColor("#475569"),
}
# colour chips of shared layers (one colour per layer, the same on all its calls)
CHIPS = ["#e11d48", "#2563eb", "#059669", "#d97706", "#7c3aed", "#0891b2", "#be185d", "#4d7c0f"]

_MERGES = frozenset(
    {"Add", "Average", "Concatenate", "Dot", "Maximum", "Minimum", "Multiply", "Subtract"}
)
NODE_WIDTH = 216.0
PORT_RADIUS = 5.0


def accent_for(class_name: str, is_input: bool, is_model: bool, is_op: bool) -> QColor:
    """The accent colour of a node (by family of its class, no catalog needed)."""
    if is_input:
        return ACCENTS["input"]
    if is_model:
        return ACCENTS["model"]
    if is_op:
        return ACCENTS["op"]
    if class_name in _MERGES:
        return ACCENTS["merge"]
    name = class_name.lower()
    families = (
        ("pool", ("pool",)),
        ("conv", ("conv",)),
        ("rnn", ("lstm", "gru", "rnn", "attention")),
        ("norm", ("normalization",)),
        ("regular", ("dropout", "noise")),
        ("dense", ("dense", "embedding")),
    )  # fmt: skip
    for family, words in families:
        if any(word in name for word in words):
            return ACCENTS[family]
    return ACCENTS["other"]


def chip_color(layer_id: str) -> QColor:
    return QColor(CHIPS[zlib.crc32(layer_id.encode()) % len(CHIPS)])


@functools.cache
def fonts() -> dict[str, QFont]:
    """The canvas fonts (created once: QFont construction is not free)."""
    title = QFont()
    title.setPointSizeF(9.5)
    title.setWeight(QFont.Weight.DemiBold)
    small = QFont()
    small.setPointSizeF(8.0)
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    mono.setPointSizeF(8.0)
    tiny = QFont()
    tiny.setPointSizeF(7.0)
    badge = QFont()
    badge.setPointSizeF(7.0)
    badge.setWeight(QFont.Weight.Bold)
    return {"title": title, "small": small, "mono": mono, "tiny": tiny, "badge": badge}


_AXES = {
    1: QT_TRANSLATE_NOOP("Theme", "batch"),
    2: QT_TRANSLATE_NOOP("Theme", "batch, features"),
    3: QT_TRANSLATE_NOOP("Theme", "batch, steps, features"),
    4: QT_TRANSLATE_NOOP("Theme", "batch, height, width, channels"),
    5: QT_TRANSLATE_NOOP("Theme", "batch, depth, height, width, channels"),
}


def shape_text(shape: tuple | list | None) -> str:
    """`(None, 64)` as Keras prints shapes."""
    if shape is None:
        return "?"
    items = ["None" if d is None else str(d) for d in shape]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def shape_explained(shape: tuple | list | None) -> str:
    """A shape with what its axes usually mean: `(None, 48, 48, 32): batch, height, ...`."""
    text = shape_text(shape)
    if shape is not None and len(shape) in _AXES:
        axes = QCoreApplication.translate("Theme", _AXES[len(shape)])
        return f"{text}: {axes}"
    return text


def count_text(count: int) -> str:
    """12345678 -> `12.3M`, as a compact parameter count."""
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if count >= limit:
            value = count / limit
            return f"{value:.1f}{suffix}" if value < 100 else f"{value:.0f}{suffix}"
    return str(count)
