"""Load the sample a look-inside job shows: a row of the data, a drawing, or an image file.

Each model input gets one array of the input's shape (without the batch axis). A row of the
job's data feeds every input not given otherwise; a drawing (`values`) is reshaped when it has
the input's number of elements (an 8x8 pad feeds a (64,) input as well as an (8, 8, 1) one); an
image file is converted to the input's channels (grey, RGB, RGBA) and resized to its height and
width, with values scaled to [0, 1] as the bundled image datasets are. Whatever does not fit is
refused with the expected and the received shape.

Plain numpy and Pillow: no Keras.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from engine.training.dataset import Dataset
from engine.training.errors import DataError
from engine.training.signature import ModelSignature, TensorSpec

# what the labels of the bundled datasets mean, in label order
CLASS_NAMES: dict[str, list[str]] = {
    "digits": [str(i) for i in range(10)],
    "fashion_mnist": [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ],
    "iris": ["setosa", "versicolor", "virginica"],
    "wine": ["class 0", "class 1", "class 2"],
    "breast_cancer": ["malignant", "benign"],
}  # fmt: skip


@dataclass
class Sample:
    """One sample for every model input, and what is known about it.

    Attributes:
        inputs: input name -> array of the input's shape, without the batch axis.
        labels: output name -> the true target of a data row (None for drawings and images).
        index: the data row, when the sample comes from the data.
        description: a short label for messages ("digits #12", "drawing", "cat.png").
    """

    inputs: dict[str, np.ndarray]
    labels: dict[str, Any] = field(default_factory=dict)
    index: int | None = None
    description: str = ""

    def batch(self, names: list[str], batch_size: int | None = None) -> list[np.ndarray]:
        """The inputs in model order with a batch axis (repeated to a fixed batch size)."""
        rows = batch_size or 1
        return [np.repeat(self.inputs[name][None], rows, axis=0) for name in names]


def load_sample(
    spec: dict[str, Any], data: Dataset, signature: ModelSignature, source: str = ""
) -> Sample:
    """Build the sample a normalized `look.sample` spec asks for.

    Args:
        spec: `{"index": K, "inputs": {...}}` (see engine.training.look_spec).
        data: the job's data (rows for the inputs the spec does not give).
        signature: the model's inputs and outputs.
        source: the data source's name (for class names and the description).

    Raises:
        DataError: an index out of range, an unreadable image, or an array that does not fit.
    """
    given = spec.get("inputs") or {}
    unknown = sorted(set(given) - set(signature.input_names()))
    if unknown:
        raise DataError(
            f"The sample names inputs the model lacks: {unknown}. "
            f"Expected some of {signature.input_names()}"
        )
    index = spec.get("index", 0)
    needs_row = any(s.name not in given for s in signature.inputs)
    row = _row(data, index) if needs_row else None
    inputs, parts = {}, []
    for input_spec in signature.inputs:
        if input_spec.name in given:
            array, what = _given(input_spec, given[input_spec.name])
            parts.append(what)
        else:
            array = np.asarray(row.x[input_spec.name][0])  # type: ignore[union-attr]
        inputs[input_spec.name] = check_fits(input_spec, array)
    labels = {}
    if row is not None and not given:
        labels = {name: _label(y[0]) for name, y in row.y.items()}
        parts.append(f"{source or 'data'} #{index}")
    elif row is not None:
        parts.append(f"{source or 'data'} #{index}")
    return Sample(inputs, labels, index if row is not None else None, ", ".join(parts))


def _row(data: Dataset, index: int) -> Dataset:
    if not 0 <= index < data.num_samples:
        raise DataError(
            f"The sample index is out of range: the data has {data.num_samples} samples "
            f"(0 to {data.num_samples - 1}). Received: {index}"
        )
    return data.take(slice(index, index + 1))


def _label(target: Any) -> Any:
    """A class index for one-hot or integer targets, else the values as a list."""
    target = np.asarray(target)
    if target.ndim == 1 and target.size > 1 and set(np.unique(target)) <= {0, 1}:
        return int(np.argmax(target))
    if target.size == 1:
        value = target.reshape(-1)[0]
        return int(value) if float(value).is_integer() else float(value)
    return target.tolist()


def _given(spec: TensorSpec, given: dict[str, Any]) -> tuple[np.ndarray, str]:
    if "image" in given:
        path = Path(str(given["image"])).expanduser()
        return read_image(path, spec), path.name
    try:
        values = np.asarray(given["values"], dtype="float32")
    except (TypeError, ValueError) as exc:
        raise DataError(
            f"The drawing for input '{spec.name}' must be numbers. Received: {exc}"
        ) from None
    return _reshaped(spec, values), "drawing"


def _reshaped(spec: TensorSpec, values: np.ndarray) -> np.ndarray:
    """`values` in the input's shape when only the layout differs (8x8 pad -> (64,))."""
    shape = tuple(spec.shape[1:])
    if None not in shape and values.size == math.prod(shape) and values.shape != shape:
        return values.reshape(shape)
    return values


def check_fits(spec: TensorSpec, array: np.ndarray) -> np.ndarray:
    """`array` cast to the input's dtype, if its shape fits the input.

    Raises:
        DataError: the shape differs (the message gives both) or the values are not numbers.
    """
    expected = tuple(spec.shape[1:])
    received = tuple(array.shape)
    fits = len(received) == len(expected) and all(
        e is None or e == r for e, r in zip(expected, received, strict=True)
    )
    if not fits:
        raise DataError(
            f"The sample does not fit input '{spec.name}': it expects one sample of shape "
            f"{_show(expected)}. Received: {_show(received)}"
        )
    if array.dtype.kind not in "biuf":
        raise DataError(f"Input '{spec.name}' needs numbers. Received: dtype {array.dtype}")
    return array.astype(spec.dtype if "int" in spec.dtype else "float32")


def _show(shape: tuple[Any, ...]) -> str:
    items = ["None" if d is None else str(d) for d in shape]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def image_layout(spec: TensorSpec) -> tuple[int, int, str, tuple[int, ...]] | None:
    """(height, width, Pillow mode, final shape) an image needs for this input, or None."""
    shape = tuple(spec.shape[1:])
    if None in shape:
        return None
    modes = {1: "L", 3: "RGB", 4: "RGBA"}
    if len(shape) == 3 and shape[2] in modes:
        return shape[0], shape[1], modes[shape[2]], shape
    if len(shape) == 2:
        return shape[0], shape[1], "L", shape
    side = math.isqrt(shape[0]) if len(shape) == 1 else 0
    if side and side * side == shape[0]:  # a flattened square grey image (digits as vectors)
        return side, side, "L", shape
    return None


def read_image(path: Path, spec: TensorSpec) -> np.ndarray:
    """An image file as the input's array: channels converted, resized, values in [0, 1].

    Raises:
        DataError: the file cannot be read as an image, or the input takes no image.
    """
    layout = image_layout(spec)
    if layout is None:
        raise DataError(
            f"Input '{spec.name}' does not take an image: it expects shape "
            f"{_show(tuple(spec.shape[1:]))}; an image needs (height, width, 1 or 3 channels), "
            f"(height, width) or a square number of values. Received: the image {path.name}"
        )
    from PIL import Image, UnidentifiedImageError

    height, width, mode, shape = layout
    try:
        with Image.open(path) as image:
            picture = image.convert(mode).resize((width, height), Image.Resampling.LANCZOS)
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        raise DataError(f"Cannot read the image file {path}. Received: {exc}") from None
    array = np.asarray(picture, dtype="float32") / 255.0
    return array.reshape(shape)
