"""From the worker's archives to the cards' thumbnails.

`prepare` runs in a background thread: it reads the needed arrays from `activations.npz` (or
`weights.npz`) and draws them with engine.training.look.render, the same pictures the command
line writes, made small. `to_thumbnail` then wraps the pixels in a QImage on the GUI thread,
which costs microseconds, so the window never waits for numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from app.canvas.look_items import BAR_ROWS, Bar, Thumbnail
from engine.training.look import render
from engine.training.look.keys import layer_path, parse_key
from engine.training.look.results import read_npz

THUMB_SIDE = 128  # pixels of data kept for a thumbnail's longer side
THUMB_TILES = 16
IMAGE_SIDES = (8, 28)  # Dense weights over this many squared inputs are drawn as images


@dataclass
class Prepared:
    """A thumbnail's content before Qt: pixels or bars, and the numbers for its texts."""

    rgb: np.ndarray | None = None
    bars: list[Bar] = field(default_factory=list)
    kind: str = ""
    shown: int = 0
    total: int = 0
    low: float | None = None
    high: float | None = None
    shape: tuple[int, ...] = ()
    what: str = ""  # "activation" or the weight's name ("kernel")
    smooth: bool = False
    stretch: bool = False  # a weight matrix fills the picture's box, whatever its shape


def prepare(event: dict[str, Any], keys: list[str], mode: str) -> dict[str, Prepared]:
    """Pictures of `keys` from an `activations` event's archives (background thread).

    Args:
        event: the worker's `activations` event.
        keys: the node keys wanted (the cards shown).
        mode: "activations" or "weights".
    """
    if mode == "weights":
        nodes = event.get("nodes") or {}
        inputs = [k for k in keys if (nodes.get(k) or {}).get("class_name") == "InputLayer"]
        weights = _weights(event, [k for k in keys if k not in inputs])
        return {**prepare(event, inputs, "activations"), **weights}  # the sample stays shown
    arrays = read_npz(event["path"], keys)
    labels = (event.get("sample") or {}).get("labels") or {}
    outputs = {key: name for name, key in (event.get("outputs") or {}).items()}
    class_names = (event.get("sample") or {}).get("class_names")
    prepared = {}
    for key, array in arrays.items():
        info = event["nodes"].get(key, {})
        values = array[0] if array.ndim else array
        label = labels.get(outputs[key]) if key in outputs else None
        if key in outputs and render.is_probabilities(values) and values.size <= 1000:
            prepared[key] = _bars(values, class_names, label)
        else:
            prepared[key] = _picture(values, info.get("class_name") == "InputLayer")
        prepared[key].low, prepared[key].high = info.get("min"), info.get("max")
        prepared[key].shape = tuple(values.shape)
        prepared[key].what = "activation"
    return prepared


def _picture(values: np.ndarray, is_input: bool) -> Prepared:
    if is_input and values.ndim == 1:  # digits as 64 values: show the 8 x 8 picture
        side = math.isqrt(values.size)
        if side * side == values.size and side in IMAGE_SIDES:
            values = values.reshape(side, side, 1)
    picture = render.picture(values, is_image=is_input, max_tiles=THUMB_TILES)
    rgb = _small(picture.rgb)
    return Prepared(rgb, [], picture.kind, picture.shown, picture.total,
                    smooth=rgb.shape[:2] != picture.rgb.shape[:2])  # fmt: skip


def _small(rgb: np.ndarray) -> np.ndarray:
    """Block means until the longer side is at most THUMB_SIDE pixels."""
    factor = math.ceil(max(rgb.shape[:2]) / THUMB_SIDE)
    if factor <= 1:
        return rgb
    height, width = (rgb.shape[0] // factor) * factor, (rgb.shape[1] // factor) * factor
    blocks = rgb[:height, :width].reshape(height // factor, factor, width // factor, factor, 3)
    return blocks.mean(axis=(1, 3)).astype("uint8")


def _bars(values: np.ndarray, class_names: list[str] | None, label: Any) -> Prepared:
    values = values.reshape(-1)
    names = class_names if class_names and len(class_names) == values.size else None
    best = int(np.argmax(values))
    order = range(values.size) if values.size <= BAR_ROWS else np.argsort(values)[::-1][:BAR_ROWS]
    bars = [
        Bar(names[i] if names else str(i), float(values[i]), true=label == i, best=i == best)
        for i in (int(i) for i in order)
    ]
    return Prepared(None, bars, "bars", len(bars), values.size)


def _weights(event: dict[str, Any], keys: list[str]) -> dict[str, Prepared]:
    path = event.get("weights_path")
    if not path:
        return {}
    arrays = read_npz(path)
    by_layer: dict[str, list[tuple[str, np.ndarray]]] = {}
    for name, array in arrays.items():
        layer, _, weight = name.rpartition("/")
        by_layer.setdefault(layer, []).append((weight, array))
    prepared = {}
    for key in keys:
        path_, _ = parse_key(key)
        weights = by_layer.get(layer_path(path_))
        if not weights:
            prepared[key] = Prepared(kind="none")
            continue
        name, main = max(weights, key=lambda item: (item[1].ndim, item[1].size))
        prepared[key] = _weight_picture(name, main)
    return prepared


def _weight_picture(name: str, array: np.ndarray) -> Prepared:
    side = math.isqrt(array.shape[0]) if array.ndim == 2 else 0
    if side in IMAGE_SIDES and side * side == array.shape[0]:
        # a Dense layer reading a flattened image: each unit's weights as a picture
        picture = render.maps_picture(array.reshape(side, side, -1), THUMB_TILES)
    else:
        picture = render.weights_picture(array)
    finite = array[np.isfinite(array)]
    rgb = _small(picture.rgb)
    return Prepared(
        rgb, [], picture.kind, picture.shown, picture.total,
        float(finite.min()) if finite.size else None,
        float(finite.max()) if finite.size else None,
        tuple(array.shape), name, rgb.shape[:2] != picture.rgb.shape[:2],
        stretch=picture.kind == "matrix",
    )  # fmt: skip


def to_thumbnail(key: str, prepared: Prepared, summary: dict[str, Any] | None) -> Thumbnail:
    """The card's thumbnail (GUI thread: QImage, translated texts)."""
    image = None
    if prepared.rgb is not None:
        rgb = np.ascontiguousarray(prepared.rgb)
        height, width = rgb.shape[:2]
        image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
    return Thumbnail(image, prepared.bars, caption(prepared), tooltip(key, prepared, summary),
                     prepared.smooth, prepared.stretch)  # fmt: skip


def caption(prepared: Prepared) -> str:
    """ "16 of 32 channels" and "from 0 to 1.3" on two lines: what is shown, and the range."""
    shown, total = prepared.shown, prepared.total
    counts = {
        "maps": QCoreApplication.translate("LookInside", "{shown} of {total} channels"),
        "kernels": QCoreApplication.translate("LookInside", "{shown} of {total} filters"),
        "vector": QCoreApplication.translate("LookInside", "{shown} of {total} units"),
        "bars": QCoreApplication.translate("LookInside", "{shown} of {total} classes"),
    }
    alls = {
        "maps": QCoreApplication.translate("LookInside", "{total} channels"),
        "kernels": QCoreApplication.translate("LookInside", "{total} filters"),
        "vector": QCoreApplication.translate("LookInside", "{total} units"),
        "bars": QCoreApplication.translate("LookInside", "{total} classes"),
        "sequence": QCoreApplication.translate("LookInside", "{steps} steps × {features}"),
        "image": QCoreApplication.translate("LookInside", "the sample"),
        "matrix": QCoreApplication.translate("LookInside", "{rows} × {columns} weights"),
        "none": QCoreApplication.translate("LookInside", "no weights:\nnothing to learn here"),
    }
    if prepared.kind in counts and shown < total:
        text = counts[prepared.kind].format(shown=shown, total=total)
    else:
        text = alls.get(prepared.kind, "").format(
            total=total, steps=total, features=shown, rows=shown, columns=total
        )
    if prepared.what and prepared.what != "activation":
        text = f"{prepared.what}: {text}"
    if prepared.low is not None and prepared.high is not None and prepared.kind != "bars":
        text += "\n" + QCoreApplication.translate("LookInside", "from {low} to {high}").format(
            low=_number(prepared.low), high=_number(prepared.high)
        )
    return text


def tooltip(key: str, prepared: Prepared, summary: dict[str, Any] | None) -> str:
    lines = [key]
    if prepared.kind == "none":
        return "\n".join(
            [key, QCoreApplication.translate("LookInside", "This layer has no weights of its own.")]
        )
    shape = "(" + ", ".join(str(d) for d in prepared.shape) + ")"
    lines.append(
        QCoreApplication.translate("LookInside", "values of shape {shape}").format(shape=shape)
    )
    if summary and prepared.what == "activation":
        lines.append(
            QCoreApplication.translate(
                "LookInside", "min {low}, max {high}, mean {mean}, zeros {zeros} %"
            ).format(
                low=_number(summary.get("min")),
                high=_number(summary.get("max")),
                mean=_number(summary.get("mean")),
                zeros=round(100 * float(summary.get("zeros") or 0)),
            )
        )
        if summary.get("nonfinite"):
            count = summary["nonfinite"]
            lines.append(
                QCoreApplication.translate(
                    "LookInside", "{count} values are NaN or infinite"
                ).format(count=count)
            )
    lines.append(
        QCoreApplication.translate("LookInside", "Click for every channel and the numbers.")
    )
    return "\n".join(lines)


def _number(value: Any) -> str:
    if value is None:
        return "–"
    value = float(value)
    if value == 0:
        return "0"
    return f"{value:.2g}" if abs(value) < 0.01 or abs(value) >= 1000 else f"{value:.2f}"
