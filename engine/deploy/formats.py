"""The deployment formats: what Keras's `model.export(format=...)` writes, and what reads it back.

Each format names the Keras exporter, the file (or folder) it writes, the packages the export
needs and the runtime the export is verified with. No converter of our own: the artifact is what
Keras writes; this package only checks it.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from engine.errors import FormatError


@dataclass(frozen=True)
class DeployFormat:
    """One deployment format.

    Attributes:
        key: the name on the command line (`saved_model`, `onnx`, `litert`).
        title: what a user reads ("TensorFlow SavedModel").
        keras_format: the `format=` of Keras's `model.export`.
        suffix: the file's extension; None for a folder.
        packages: modules the export and its check import (beyond TensorFlow).
        runtime: what reads the artifact back to check it.
    """

    key: str
    title: str
    keras_format: str
    suffix: str | None
    packages: tuple[str, ...]
    runtime: str

    def missing_packages(self) -> list[str]:
        return [name for name in self.packages if importlib.util.find_spec(name) is None]


SAVED_MODEL = DeployFormat(
    "saved_model", "TensorFlow SavedModel", "tf_saved_model", None, (), "tf.saved_model.load"
)
ONNX = DeployFormat(
    "onnx", "ONNX", "onnx", ".onnx", ("tf2onnx", "onnx", "onnxruntime"), "onnxruntime"
)
LITERT = DeployFormat("litert", "LiteRT (TFLite)", "litert", ".tflite", (), "tf.lite.Interpreter")
FORMATS = {f.key: f for f in (SAVED_MODEL, ONNX, LITERT)}
ALIASES = {"tflite": "litert", "tf_saved_model": "saved_model", "savedmodel": "saved_model"}


def format_named(name: str) -> DeployFormat:
    """The format called `name` (`onnx`, `litert`/`tflite`, `saved_model`).

    Raises:
        FormatError: no such format.
    """
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise FormatError(
            f"Unknown deployment format. Expected one of {', '.join(FORMATS)}. Received: {name!r}"
        )
    return FORMATS[key]


def format_for_path(path: str | Path) -> DeployFormat | None:
    """The format an output path asks for: `.onnx`, `.tflite`, or a folder (no extension) for a
    SavedModel; None for any other extension (a model file, a picture)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".onnx":
        return ONNX
    if suffix == ".tflite":
        return LITERT
    if suffix == "" or Path(path).is_dir():
        return SAVED_MODEL
    return None
