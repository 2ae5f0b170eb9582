"""Arrays to small RGB pictures: feature maps, sequences, vectors, kernels, weight matrices.

The window's thumbnails and viewer and the command line's PNGs draw the same pictures from this
module, so a handout shows what the screen shows. A picture is an (H, W, 3) uint8 array plus the
cells it is made of (which channel sits where), so that a viewer can say which value is under
the mouse.

Colours: values go through a diverging map centred on zero (blue below, white at zero, red
above), one scale for the whole node, so that its channels compare and a ReLU's zeros read as
white. The scale is the 99th percentile of the magnitudes, not the largest: one outlier would
otherwise wash every other value out to near white (the numbers stay exact in the viewer).
Model inputs that are images are drawn as images (grey or RGB). Plain numpy: no Keras, no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# ColorBrewer's RdBu (reversed): -1 dark blue, 0 near white, +1 dark red
_ANCHORS = np.array(
    [[33, 102, 172], [103, 169, 207], [209, 229, 240], [247, 247, 247],
     [253, 219, 199], [239, 138, 98], [178, 24, 43]],
    dtype="float32",
)  # fmt: skip
_LUT = np.stack(
    [np.interp(np.linspace(0, 1, 256), np.linspace(0, 1, len(_ANCHORS)), _ANCHORS[:, c])
     for c in range(3)],
    axis=1,
).astype("uint8")  # fmt: skip
GAP_COLOUR = (209, 213, 219)
NONFINITE_COLOUR = (255, 0, 255)  # magenta: NaN or infinite values stand out
MAX_TILES = 64


@dataclass
class Cell:
    """One tile of a picture: which channel (or unit range) it shows and where."""

    x: int
    y: int
    width: int
    height: int
    channel: int | None = None  # feature-map channel, kernel filter, ...


@dataclass
class Picture:
    """An RGB picture and its cells.

    Attributes:
        rgb: (H, W, 3) uint8.
        cells: the tiles, in channel order.
        kind: "maps", "image", "sequence", "vector", "kernels", "matrix".
        scale: the magnitude that maps to the strongest colour (None for images).
        shown: how many channels or units are drawn; total: how many there are.
    """

    rgb: np.ndarray
    cells: list[Cell] = field(default_factory=list)
    kind: str = "maps"
    scale: float | None = None
    shown: int = 0
    total: int = 0
    zoom: int = 1  # screen pixels per value along each side


SCALE_PERCENTILE = 99.0


def colour_scale(array: np.ndarray) -> float:
    """The magnitude drawn in the strongest colour: the 99th percentile of the finite
    magnitudes, or their largest when that is zero (1.0 for all zeros)."""
    values = np.asarray(array, dtype="float64")
    finite = np.abs(values[np.isfinite(values)])
    if not finite.size:
        return 1.0
    scale = float(np.percentile(finite, SCALE_PERCENTILE))
    largest = float(finite.max())
    return scale if scale > 0 else (largest if largest > 0 else 1.0)


def colourize(values: np.ndarray, scale: float) -> np.ndarray:
    """Values -> RGB through the diverging map; NaN and infinities in magenta."""
    values = np.asarray(values, dtype="float32")
    finite = np.isfinite(values)
    unit = np.clip(np.where(finite, values, 0.0) / scale, -1.0, 1.0)
    rgb = _LUT[np.round((unit + 1.0) * 127.5).astype("int32")]
    if not finite.all():
        rgb[~finite] = NONFINITE_COLOUR
    return rgb


def legend(width: int = 256, height: int = 12) -> np.ndarray:
    """The colour bar from -scale (left) to +scale (right)."""
    row = colourize(np.linspace(-1.0, 1.0, width), 1.0)
    return np.repeat(row[None], height, axis=0)


def picture(
    array: np.ndarray, *, is_image: bool = False, max_tiles: int = MAX_TILES, zoom: int = 1
) -> Picture:
    """The picture of one node's output for one sample (no batch axis).

    Args:
        array: (H, W, C) feature maps, (T, F) a sequence, (N,) a vector; (D, H, W, C) shows
            its middle depth slice; higher ranks are flattened.
        is_image: draw (H, W, 1 or 3) as an image (a model input), not as feature maps.
        max_tiles: the most channels drawn.
        zoom: each value drawn as zoom x zoom pixels (gaps between tiles stay 1 pixel).
    """
    values = np.asarray(array)
    if values.ndim == 4:
        values = values[values.shape[0] // 2]
    if values.ndim == 3 and is_image and values.shape[-1] in (1, 3):
        return zoomed(image_picture(values), zoom)
    if values.ndim == 3:
        return maps_picture(values, max_tiles, zoom)
    if values.ndim == 2:
        return zoomed(sequence_picture(values), zoom)
    return zoomed(vector_picture(values.reshape(-1)), zoom)


def zoomed(picture_: Picture, zoom: int) -> Picture:
    """A single-cell picture enlarged `zoom` times (nearest neighbour)."""
    if zoom <= 1:
        return picture_
    rgb = np.repeat(np.repeat(picture_.rgb, zoom, axis=0), zoom, axis=1)
    cells = [Cell(c.x * zoom, c.y * zoom, c.width * zoom, c.height * zoom, c.channel)
             for c in picture_.cells]  # fmt: skip
    return Picture(rgb, cells, picture_.kind, picture_.scale, picture_.shown, picture_.total, zoom)


def image_picture(values: np.ndarray) -> Picture:
    """An input image: grey or RGB, scaled to its own range when outside [0, 1]."""
    finite = values[np.isfinite(values)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    if low < 0.0 or high > 1.0:
        values = (values - low) / ((high - low) or 1.0)
    rgb = (np.clip(np.nan_to_num(values), 0, 1) * 255).astype("uint8")
    if rgb.shape[-1] == 1:
        rgb = np.repeat(rgb, 3, axis=-1)
    height, width = rgb.shape[:2]
    return Picture(rgb, [Cell(0, 0, width, height, None)], "image", None, 1, 1)


def grid_shape(count: int, tile_height: int, tile_width: int) -> tuple[int, int]:
    """(rows, columns) for `count` tiles, as square as the tiles' shape allows."""
    columns = max(1, round(math.sqrt(count * tile_height / max(tile_width, 1))))
    columns = min(columns, count)
    return math.ceil(count / columns), columns


def tile(
    tiles: list[np.ndarray], rows: int, columns: int, gap: int = 1, zoom: int = 1
) -> tuple[np.ndarray, list]:
    """RGB tiles of one size in a grid with `gap` pixels between them."""
    if zoom > 1:
        tiles = [np.repeat(np.repeat(t, zoom, axis=0), zoom, axis=1) for t in tiles]
        gap += zoom // 5  # enlarged tiles need a wider gap to read as separate
    height, width = tiles[0].shape[:2]
    canvas = np.empty(
        (rows * height + (rows - 1) * gap, columns * width + (columns - 1) * gap, 3), "uint8"
    )
    canvas[:] = GAP_COLOUR
    cells = []
    for index, rgb in enumerate(tiles):
        row, column = divmod(index, columns)
        y, x = row * (height + gap), column * (width + gap)
        canvas[y : y + height, x : x + width] = rgb
        cells.append(Cell(x, y, width, height, index))
    return canvas, cells


def maps_picture(values: np.ndarray, max_tiles: int = MAX_TILES, zoom: int = 1) -> Picture:
    """The first channels of (H, W, C) feature maps, one tile each, on one colour scale."""
    channels = values.shape[-1]
    shown = min(channels, max_tiles)
    scale = colour_scale(values)
    tiles = [colourize(values[:, :, c], scale) for c in range(shown)]
    rows, columns = grid_shape(shown, values.shape[0], values.shape[1])
    rgb, cells = tile(tiles, rows, columns, zoom=zoom)
    return Picture(rgb, cells, "maps", scale, shown, channels, zoom)


def sequence_picture(values: np.ndarray, limit: int = 256) -> Picture:
    """A (time, features) heat strip: time runs left to right, features top to bottom."""
    scale = colour_scale(values)
    shrunk = shrink(values.T, limit, limit)
    rgb = colourize(shrunk, scale)
    height, width = rgb.shape[:2]
    return Picture(rgb, [Cell(0, 0, width, height, None)], "sequence", scale, *values.shape[::-1])


def vector_picture(values: np.ndarray, limit: int = 4096) -> Picture:
    """Units as a heat strip, wrapped row by row into a block when there are more than 8."""
    scale = colour_scale(values)
    count = values.size
    shown = min(count, limit)
    # one row for a few units, then a block about twice as wide as tall
    columns = shown if shown <= 8 else math.ceil(math.sqrt(shown * 2))
    rows = math.ceil(shown / columns)
    padded = np.zeros(rows * columns, dtype="float32")
    padded[:shown] = values[:shown]
    rgb = colourize(padded.reshape(rows, columns), scale)
    if rows * columns > shown:  # the unused end of the last row
        flat = rgb.reshape(-1, 3)
        flat[shown:] = GAP_COLOUR
    return Picture(rgb, [Cell(0, 0, columns, rows, None)], "vector", scale, shown, count)


def shrink(matrix: np.ndarray, max_rows: int, max_columns: int) -> np.ndarray:
    """Block means so that a large matrix fits (rows and columns at most the limits)."""
    matrix = np.asarray(matrix, dtype="float32")
    for axis, limit in ((0, max_rows), (1, max_columns)):
        size = matrix.shape[axis]
        if size > limit:
            factor = math.ceil(size / limit)
            pad = (-size) % factor
            widths = [(0, 0), (0, 0)]
            widths[axis] = (0, pad)
            padded = np.pad(matrix, widths, mode="edge")
            shape = list(padded.shape)
            shape[axis : axis + 1] = [shape[axis] // factor, factor]
            matrix = padded.reshape(shape).mean(axis=axis + 1)
    return matrix


def kernels_picture(kernel: np.ndarray, max_tiles: int = MAX_TILES, zoom: int = 1) -> Picture:
    """Convolution kernels (kh, kw, in, out) as small images, one per filter.

    Filters over 3 input channels (a first layer on RGB) are drawn in colour, each stretched
    to its own range; others show the mean over their input channels on the diverging scale.
    """
    kernel = np.asarray(kernel, dtype="float32")
    if kernel.ndim == 3:  # Conv1D: (width, in, out) -> (1, width, in, out)
        kernel = kernel[None]
    if kernel.ndim != 4:
        return matrix_picture(kernel.reshape(kernel.shape[0], -1))
    filters = kernel.shape[-1]
    shown = min(filters, max_tiles)
    if kernel.shape[2] == 3:
        tiles = [_stretch(kernel[:, :, :, f]) for f in range(shown)]
        scale = None
    else:
        mean = kernel.mean(axis=2)
        scale = colour_scale(mean[:, :, :shown])
        tiles = [colourize(mean[:, :, f], scale) for f in range(shown)]
    rows, columns = grid_shape(shown, kernel.shape[0], kernel.shape[1])
    rgb, cells = tile(tiles, rows, columns, zoom=zoom)
    return Picture(rgb, cells, "kernels", scale, shown, filters, zoom)


def matrix_picture(matrix: np.ndarray, limit: int = 256) -> Picture:
    """A weight matrix (inputs, units) as a heat map; a vector as a strip."""
    matrix = np.asarray(matrix, dtype="float32")
    if matrix.ndim == 1:
        matrix = matrix[None]
    matrix = matrix.reshape(matrix.shape[0], -1)
    scale = colour_scale(matrix)
    rgb = colourize(shrink(matrix, limit, limit), scale)
    height, width = rgb.shape[:2]
    return Picture(rgb, [Cell(0, 0, width, height, None)], "matrix", scale, *matrix.shape)


def weights_picture(array: np.ndarray) -> Picture:
    """A layer's main weight: kernels for convolutions, a heat map otherwise."""
    array = np.asarray(array)
    if array.ndim in (3, 4) and array.shape[0] <= 16 and array.shape[-2] >= 1:
        return kernels_picture(array)
    return matrix_picture(array)


def _stretch(rgb: np.ndarray) -> np.ndarray:
    low, high = float(rgb.min()), float(rgb.max())
    return ((rgb - low) / ((high - low) or 1.0) * 255).astype("uint8")


def describe(picture_: Picture) -> str:
    """ "16 of 32 channels", "all 10 units"... what the picture leaves out, in words."""
    unit = {"maps": "channels", "kernels": "filters", "vector": "units"}.get(picture_.kind)
    if unit is None or not picture_.total:
        return ""
    if picture_.shown < picture_.total:
        return f"first {picture_.shown} of {picture_.total} {unit}"
    return f"{picture_.total} {unit}"


def is_probabilities(values: Any) -> bool:
    """Whether a vector reads as class probabilities (non-negative, summing to 1)."""
    flat = np.asarray(values, dtype="float64").reshape(-1)
    return bool(
        flat.size > 1 and np.all(np.isfinite(flat)) and flat.min() >= 0
        and abs(flat.sum() - 1.0) < 1e-3
    )  # fmt: skip
