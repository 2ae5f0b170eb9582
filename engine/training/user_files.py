"""The user's own data files, mapped to the model's inputs and outputs by name.

- `.npz` and `.h5`: one array (HDF5 dataset) per input and output, named after it. A file with
  just `x` and `y` fits a model with one input and one output. An array named `sample_weight`
  (or `sample_weight_<output>`) weights the samples.
- `.csv`: a numeric table, with or without a header row. `columns` maps names to column names
  or indices; without it, a one-input, one-output model takes the last column as its target.
- `arrays`: name -> file reference, for `.npy` files or one array of a container:
  `"x.npy"`, `"data.npz:images"`, `"data.h5:group/labels"`, `"table.csv:0,1,2"`.

`.npy` files are memory-mapped: an array larger than the memory trains, each batch read from
the file when Keras slices it (so a file cut short during the run ends it, with a message).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.training.dataset import Dataset
from engine.training.errors import DataError

if TYPE_CHECKING:
    import numpy as np

    from engine.training.signature import ModelSignature

WEIGHT_KEY = "sample_weight"


def load_files(spec: dict[str, Any], signature: ModelSignature) -> Dataset:
    """Read a `files` data spec.

    Raises:
        DataError: a file is missing or unreadable, or arrays are missing or unknown.
    """
    if spec.get("arrays"):
        arrays = {name: read_reference(ref) for name, ref in spec["arrays"].items()}
        label = ", ".join(sorted({str(ref).split(":")[0] for ref in spec["arrays"].values()}))
    else:
        path = Path(spec["path"]).expanduser()
        arrays = read_container(path, spec.get("columns"), signature)
        label = path.name
    if spec.get("sample_weight"):
        arrays[WEIGHT_KEY] = read_reference(spec["sample_weight"])
    return map_by_name(arrays, signature, label)


def map_by_name(arrays: dict[str, Any], signature: ModelSignature, label: str) -> Dataset:
    """Split named arrays into inputs, targets and sample weights.

    Raises:
        DataError: an array matches no input or output (the wrong number of arrays).
    """
    inputs, outputs = signature.input_names(), signature.output_names()
    if set(arrays) - {WEIGHT_KEY} == {"x", "y"} and len(inputs) == len(outputs) == 1:
        arrays = {inputs[0]: arrays.pop("x"), outputs[0]: arrays.pop("y"), **arrays}
    weights = _sample_weights(arrays, outputs)
    unknown = sorted(set(arrays) - set(inputs) - set(outputs))
    if unknown:
        raise DataError(
            f"The data in {label} has arrays that match no model input or output: {unknown}. "
            f"Expected inputs {inputs} and outputs {outputs}. Received: {sorted(arrays)}"
        )
    return Dataset(
        x={name: arrays[name] for name in inputs if name in arrays},
        y={name: arrays[name] for name in outputs if name in arrays},
        sample_weight=weights,
        description=f"{label}",
    )


def _sample_weights(arrays: dict[str, Any], outputs: list[str]) -> dict[str, Any] | None:
    shared = arrays.pop(WEIGHT_KEY, None)
    weights = {
        name: arrays.pop(f"{WEIGHT_KEY}_{name}")
        for name in outputs
        if f"{WEIGHT_KEY}_{name}" in arrays
    }
    if shared is not None:
        weights = {name: weights.get(name, shared) for name in outputs}
    return weights or None


def read_reference(ref: str) -> np.ndarray:
    """Read one array from `"file.npy"`, `"file.npz:key"`, `"file.h5:dataset"` or
    `"file.csv:cols"`."""
    path_text, _, key = str(ref).partition(":") if not _is_drive(ref) else (ref, "", "")
    path = Path(path_text).expanduser()
    suffix = path.suffix.lower()
    if suffix == ".npy":
        return _load_npy(path)
    if suffix == ".csv":
        header, table = read_csv(path)
        return table[:, _column_indices(key.split(",") if key else [], header, path)]
    arrays = read_container(path, None, None)
    if not key:
        if len(arrays) != 1:
            raise DataError(f"Name the array to read from {path}. Received: {sorted(arrays)}")
        return next(iter(arrays.values()))
    if key not in arrays:
        raise DataError(f"{path} has no array '{key}'. Received: {sorted(arrays)}")
    return arrays[key]


def read_container(
    path: Path, columns: dict[str, Any] | None, signature: ModelSignature | None
) -> dict[str, Any]:
    """All arrays of a `.npz`, `.h5` or `.csv` file, by name."""
    import numpy as np

    if not path.is_file():
        raise DataError(f"The data file does not exist. Received: {path}")
    suffix = path.suffix.lower()
    if suffix == ".npz":
        try:
            with np.load(path, allow_pickle=False) as archive:
                return {key: archive[key] for key in archive.files}
        except (OSError, ValueError) as exc:
            raise DataError(f"Cannot read {path} as .npz. Received: {exc}") from None
    if suffix in (".h5", ".hdf5"):
        return _read_h5(path)
    if suffix == ".csv":
        return _csv_arrays(path, columns, signature)
    if suffix == ".npy":
        raise DataError(
            f"A .npy file holds one array: map it with `arrays` {{name: path}}. Received: {path}"
        )
    raise DataError(f"Data files must be .npy, .npz, .csv or .h5. Received: {path}")


def _load_npy(path: Path) -> np.ndarray:
    import numpy as np

    try:
        return np.load(path, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise DataError(f"Cannot read {path} as .npy. Received: {exc}") from None


def _read_h5(path: Path) -> dict[str, Any]:
    import h5py

    arrays: dict[str, Any] = {}

    def visit(name: str, item: Any) -> None:
        if isinstance(item, h5py.Dataset):
            arrays[name] = item[()]

    try:
        with h5py.File(path, "r") as handle:
            handle.visititems(visit)
    except OSError as exc:
        raise DataError(f"Cannot read {path} as HDF5. Received: {exc}") from None
    return arrays


def read_csv(path: Path) -> tuple[list[str] | None, np.ndarray]:
    """(header or None, float32 table) of a numeric CSV file."""
    import numpy as np

    try:
        with open(path, newline="", encoding="utf-8") as stream:
            rows = [row for row in csv.reader(stream) if row]
    except OSError as exc:
        raise DataError(f"Cannot read {path}. Received: {exc}") from None
    header = None
    if rows and not all(_is_number(cell) for cell in rows[0]):
        header, rows = [cell.strip() for cell in rows[0]], rows[1:]
    try:
        table = np.array(
            [[float(cell) if cell.strip() else np.nan for cell in row] for row in rows],
            dtype="float32",
        )
    except ValueError as exc:
        raise DataError(f"{path} must hold numbers only. Received: {exc}") from None
    if table.ndim != 2:
        raise DataError(f"The rows of {path} have different lengths. Received: {len(rows)} rows")
    return header, table


def _csv_arrays(
    path: Path, columns: dict[str, Any] | None, signature: ModelSignature | None
) -> dict[str, Any]:
    header, table = read_csv(path)
    if columns:
        return {
            name: table[:, _column_indices(cols, header, path)] for name, cols in columns.items()
        }
    if signature is None or len(signature.inputs) != 1 or len(signature.outputs) != 1:
        raise DataError(
            f"Map the columns of {path} to the model's inputs and outputs with `columns`. "
            "Received: no mapping, and the model does not have exactly one input and one output"
        )
    return {signature.inputs[0].name: table[:, :-1], signature.outputs[0].name: table[:, -1:]}


def _column_indices(columns: Any, header: list[str] | None, path: Path) -> list[int]:
    if isinstance(columns, (str, int)):
        columns = [columns]
    indices = []
    for column in columns:
        if isinstance(column, int) or str(column).strip().isdigit():
            indices.append(int(column))
        elif header and column in header:
            indices.append(header.index(column))
        else:
            raise DataError(f"{path} has no column {column!r}. Received: header {header}")
    return indices


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return not cell.strip()
    return True


def _is_drive(ref: str) -> bool:
    # "C:\\data\\x.npy" on Windows: the colon is a drive, not a key
    return len(ref) > 1 and ref[1] == ":" and ref[0].isalpha() and "\\" in ref[:3]
