"""What a Keras `.h5` file holds, as plain data; runs only in a child (`engine.io.isolated`).

`python -m engine.io.legacy.h5_contents FILE OUT_DIR CPU MEMORY config|weights` writes
`result.json`:

- `config`: `{"model_config": <JSON text or null>, "attributes": [root attribute names]}`;
- `weights`: `{"keras_version": ..., "layers": [{"name": ..., "weight_names": [...]}, ...]}`, with
  the layers' weights, in that order, as the arrays `0`, `1`, ... of `arrays.npz`;

or `{"error": <message naming the file>}` for a file that is readable but not a Keras one. A
damaged file may crash libhdf5 here: the parent reports that. Every dataset is checked (numeric,
no larger than the reader's memory allows) before it is read.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import numpy as np

from engine.io.isolated import apply_limits, write_result


class NotKerasH5(Exception):
    """Readable HDF5 that is not what a Keras `.h5` file holds (the message names the file)."""


def read_config(h5: Any) -> dict[str, Any]:
    raw = h5.attrs.get("model_config")
    return {
        "model_config": None if raw is None else _text(raw),
        "attributes": sorted(str(name) for name in h5.attrs),
    }


def read_weights(h5: Any, path: str, budget: int) -> tuple[dict[str, Any], list[np.ndarray]]:
    """The layers' weight names and values (the parent matches them to a model)."""
    group = h5.get("model_weights", h5)
    if "layer_names" not in group.attrs and "layer_names0" not in group.attrs:
        raise NotKerasH5(
            f"'{path}' holds no Keras weights (no 'layer_names' attribute). "
            f"Received: attributes {sorted(group.attrs)}"
        )
    version = _text(group.attrs.get("keras_version", "1"))
    if version.startswith("1"):
        raise NotKerasH5(
            f"'{path}' was written by Keras 1, whose weight layout is not supported. "
            f"Received: keras_version={version!r}"
        )
    if _text(group.attrs.get("backend", "tensorflow")) == "theano":
        raise NotKerasH5(  # Theano stored flipped convolution kernels
            f"'{path}' was written with the Theano backend, which is not supported. "
            "Received: backend='theano'"
        )
    layers, arrays = [], []
    for name in _attr_list(group, "layer_names"):
        layer_group = group[name]
        weight_names = _attr_list(layer_group, "weight_names")
        for weight in weight_names:
            arrays.append(_dataset(layer_group[weight], f"{name}/{weight}", path, budget))
            budget -= arrays[-1].nbytes
        layers.append({"name": name, "weight_names": weight_names})
    return {"keras_version": version, "layers": layers}, arrays


def _dataset(dataset: Any, where: str, path: str, budget: int) -> np.ndarray:
    import h5py

    if not isinstance(dataset, h5py.Dataset):
        raise NotKerasH5(f"'{path}': weight '{where}' is not a dataset. Received: {dataset!r}")
    if dataset.dtype.kind not in "biuf":
        raise NotKerasH5(
            f"'{path}': weight '{where}' is not numeric. Received: dtype {dataset.dtype}"
        )
    size = int(np.prod(dataset.shape, dtype=np.float64)) * dataset.dtype.itemsize
    if size > budget:
        raise NotKerasH5(
            f"'{path}' is damaged: weight '{where}' declares {size:,} bytes (shape "
            f"{dataset.shape}), more than the file can hold."
        )
    return np.asarray(dataset[()])


def _attr_list(group: Any, name: str) -> list[str]:
    """A list attribute; Keras splits big ones into `name0`, `name1`, ... (HDF5's 64 KB limit)."""
    if name in group.attrs:
        return [_text(v) for v in np.atleast_1d(group.attrs[name])]
    values, chunk = [], 0
    while f"{name}{chunk}" in group.attrs:
        values.extend(_text(v) for v in np.atleast_1d(group.attrs[f"{name}{chunk}"]))
        chunk += 1
    return values


def _text(value: Any) -> str:
    """Text of an attribute; damaged bytes become U+FFFD (h5py keeps them as lone surrogates)."""
    if not isinstance(value, bytes):
        value = str(value).encode("utf-8", "surrogatepass")
    return value.decode("utf-8", "replace")


def main(argv: list[str]) -> int:
    path, out_dir, cpu, memory, what = argv
    apply_limits(int(cpu), int(memory))
    import h5py

    name = os.path.basename(path)  # messages name the file as the rest of the engine does
    try:
        h5 = h5py.File(path, "r")
    except (OSError, ValueError) as error:
        write_result(
            out_dir, {"error": f"'{name}' is not a readable HDF5 file. Received: {error}"}, []
        )
        return 0
    try:
        with h5:
            if what == "config":
                write_result(out_dir, read_config(h5), [])
            else:
                # a sound file holds at most its own size in weights (Keras does not compress)
                data, arrays = read_weights(h5, name, budget=2 * os.path.getsize(path) + 1024)
                write_result(out_dir, data, arrays)
    except NotKerasH5 as error:
        write_result(out_dir, {"error": str(error)}, [])
    except (OSError, KeyError, ValueError, TypeError, RuntimeError, MemoryError) as error:
        message = f"'{name}' is damaged or not a Keras .h5 file. Received: {error}"
        write_result(out_dir, {"error": message}, [])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
