"""What a look at one sample produces, as files and as plain numbers.

Arrays never travel in the JSON-lines stream: the activations go to an `.npz` archive (key
`layer:call`, see `keys`; the raw output array with its batch axis of 1), the weights to a
second one (key `layer path/weight`), each written to a temporary name and renamed, so that a
reader never sees half a file. The stream carries the per-node summary: shape, min, max, mean,
fraction of zeros, count of NaN and infinite values.

Plain numpy: the worker writes these, the window and the command line read them.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

ACTIVATIONS_FILE = "activations.npz"
WEIGHTS_FILE = "weights.npz"
SUMMARY_FILE = "summary.json"


def summarize(array: np.ndarray) -> dict[str, Any]:
    """Shape, min, max, mean, fraction of zeros and non-finite count of one node's output."""
    values = np.asarray(array)
    finite = values[np.isfinite(values)] if values.dtype.kind == "f" else values
    empty = finite.size == 0
    return {
        "shape": list(values.shape),
        "dtype": str(values.dtype),
        "min": None if empty else float(finite.min()),
        "max": None if empty else float(finite.max()),
        "mean": None if empty else float(finite.mean()),
        "zeros": float(np.mean(values == 0)) if values.size else 0.0,
        "nonfinite": int(values.size - finite.size),
    }


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> Path:
    """Write `arrays` to `path` atomically (a reader sees the old file or the new one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as stream:
        np.savez(stream, **arrays)
    os.replace(partial, path)
    return path


def write_summary(path: Path, summary: dict[str, Any]) -> Path:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(summary, indent=1, allow_nan=False))
    os.replace(partial, path)
    return path


def read_npz(path: str | Path, keys: list[str] | None = None) -> dict[str, np.ndarray]:
    """The arrays of an archive this module wrote (all, or only `keys` that exist).

    Raises:
        OSError: the file is missing or not an npz archive.
    """
    try:
        with np.load(path, allow_pickle=False) as archive:
            wanted = archive.files if keys is None else [k for k in keys if k in archive.files]
            return {key: archive[key] for key in wanted}
    except (ValueError, zipfile.BadZipFile) as exc:
        raise OSError(f"{path} is not a readable .npz archive: {exc}") from exc


def prediction(output: np.ndarray, class_names: list[str] | None = None) -> dict[str, Any]:
    """What an output says about the sample: top classes of a probability vector, or values."""
    values = np.asarray(output).reshape(-1)
    probabilities = values.size > 1 and values.min() >= 0 and abs(values.sum() - 1.0) < 1e-3
    if not probabilities:
        return {"values": [float(v) for v in values[:16]]}
    order = np.argsort(values)[::-1][:5]
    names = class_names if class_names and len(class_names) == values.size else None
    return {
        "top": [
            {"class": int(i), "name": names[i] if names else str(int(i)),
             "probability": float(values[i])}
            for i in order
        ]
    }  # fmt: skip
