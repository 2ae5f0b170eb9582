"""The samples the look-inside chooser offers: the chosen dataset's rows, as the worker sees them.

The chooser previews row K of the data the training form has chosen; the worker then loads the
same data with the same seed and shows row K through the model. Both use the engine's loaders
(`load_bundled`, `load_files`, `dummy_data`), so the preview is exactly the sample shown. The
model's inputs and outputs come from the document's shapes (no Keras model is built here);
loading runs in a background thread (scikit-learn's import and the files take seconds).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from engine.training.data import BUNDLED
from engine.training.signature import ModelSignature, TensorSpec

IMAGE_SIDES = (8, 28)  # the paint pad's sizes: the digits and (Fashion-)MNIST


@dataclass
class SampleRows:
    """The rows a chooser can show.

    Attributes:
        inputs: input name -> array, one row per sample (the model's layout).
        labels: the first output's targets as loaded (integer classes for the datasets), or None.
        class_names: what the class indices mean, when known.
        count: number of rows.
        description: "digits (1797 samples)".
    """

    inputs: dict[str, np.ndarray]
    labels: np.ndarray | None = None
    class_names: list[str] | None = None
    count: int = 0
    description: str = ""
    names: list[str] = field(default_factory=list)

    def label_text(self, index: int) -> str:
        """ "3", "Sneaker", "0.42", or "" for a row without a target."""
        if self.labels is None or not 0 <= index < len(self.labels):
            return ""
        value = np.asarray(self.labels[index]).reshape(-1)
        if value.size > 1:  # one-hot targets
            value = np.asarray([int(np.argmax(value))])
        number = value[0]
        if float(number).is_integer():
            klass = int(number)
            names = self.class_names or []
            return names[klass] if 0 <= klass < len(names) else str(klass)
        return f"{float(number):.4g}"


def model_signature(document: Any) -> ModelSignature:
    """The model's inputs and outputs (names, shapes, dtypes) from the document's shapes.

    Raises:
        ValueError: a shape is not known yet (the graph has problems).
    """
    graph = document.graph
    results = document.shapes.infer(graph)

    def spec(ref: Any, name: str) -> TensorSpec:
        result = results.get(ref.node_id)
        if result is None or result.error or ref.index >= len(result.outputs):
            text = QCoreApplication.translate("SampleSource", "The shape of {0} is not known yet.")
            raise ValueError(text.format(name))
        output = result.outputs[ref.index]
        return TensorSpec(name, tuple(output.shape), str(output.dtype))

    inputs = tuple(spec(ref, graph.layer_of(ref.node_id).name) for ref in graph.inputs)
    outputs = tuple(spec(ref, graph.layer_of(ref.node_id).name) for ref in graph.outputs)
    return ModelSignature(inputs, outputs)


def load_rows(spec: dict[str, Any], signature: ModelSignature, seed: int | None) -> SampleRows:
    """The rows of a data spec, as the worker will load them (runs in a background thread).

    Raises:
        DataError: the data cannot be read or does not fit the model (the message says why).
    """
    from engine.training.bundled import load_bundled
    from engine.training.data import dummy_data, normalize_data_spec
    from engine.training.look.sample import CLASS_NAMES
    from engine.training.user_files import load_files

    spec = normalize_data_spec(spec)
    source = spec["source"]
    if source == "dummy":
        data = dummy_data(signature, spec["samples"], seed=seed)
    elif source == "files":
        data = load_files(spec, signature)
    else:
        data = load_bundled(spec, signature, seed=seed)
    if spec.get("limit"):
        data = data.take(slice(0, spec["limit"]))
    outputs = signature.output_names()
    labels = data.y.get(outputs[0]) if outputs and source != "dummy" else None
    return SampleRows(
        inputs=data.x,
        labels=labels,
        class_names=CLASS_NAMES.get(source) if source in BUNDLED else None,
        count=data.num_samples,
        description=data.description,
        names=signature.input_names(),
    )


def image_side(shape: tuple[int | None, ...]) -> int | None:
    """The side of the square grey image an input takes ((8, 8, 1), (28, 28), (784,)), or None."""
    dims = tuple(shape[1:])
    if len(dims) == 3 and dims[2] == 1 and dims[0] == dims[1]:
        return dims[0]
    if len(dims) == 2 and dims[0] == dims[1]:
        return dims[0]
    if len(dims) == 1 and dims[0] is not None:
        side = math.isqrt(dims[0])
        return side if side * side == dims[0] and side in IMAGE_SIDES else None
    return None


def as_image(row: np.ndarray) -> np.ndarray | None:
    """One sample as a (H, W) grey or (H, W, 3) colour image in [0, 1], or None."""
    values = np.asarray(row, dtype="float32")
    if values.ndim == 1:
        side = math.isqrt(values.size)
        if side * side != values.size or side < 4:
            return None
        values = values.reshape(side, side)
    if values.ndim == 3 and values.shape[-1] == 1:
        values = values[:, :, 0]
    if values.ndim not in (2, 3) or (values.ndim == 3 and values.shape[-1] != 3):
        return None
    low, high = float(values.min()), float(values.max())
    if low < 0 or high > 1:
        values = (values - low) / ((high - low) or 1.0)
    return values
