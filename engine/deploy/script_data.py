"""The data-loading part of a training script: the code that loads what the worker loads.

For each source of `engine.training.data` (dummy data, scikit-learn's bundled sets, Fashion-MNIST
IDX files, the user's .npz/.npy/.h5/.csv files) this writes a `load_data()` that gives the same
arrays, in the model's input and output order, as the worker would for the same spec and seed.
What depends on the data itself (the layout of a bundled set, whether labels become one-hot) is
decided here by loading the data once with the engine, so the script does what the run did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from engine.training.bundled import find_fashion_mnist
from engine.training.dataset import Dataset
from engine.training.signature import ModelSignature, TensorSpec

_INDENT = "    "
_TABLES = {"iris", "wine", "breast_cancer"}


@dataclass
class DataCode:
    """A `load_*` function and what the script needs for it."""

    function: str
    imports: set[str] = field(default_factory=set)
    helpers: list[str] = field(default_factory=list)
    has_weights: bool = False


def identifier(name: str, taken: set[str]) -> str:
    base = re.sub(r"\W+", "_", name).strip("_").lower() or "array"
    base = f"a_{base}" if base[0].isdigit() else base
    candidate, count = base, 2
    while candidate in taken:
        candidate, count = f"{base}_{count}", count + 1
    taken.add(candidate)
    return candidate


def data_code(
    function: str,
    spec: dict[str, Any],
    signature: ModelSignature,
    loaded: Dataset,
    raw: Dataset | None = None,
) -> DataCode:
    """`def <function>():` returning `x, y` (and `sample_weight` for weighted files).

    Args:
        loaded: the data as the worker gets it (`engine.training.data.load_data`).
        raw: for files, the arrays as the files hold them (before `to_categorical`).
    """
    source = spec["source"]
    if source == "dummy":
        return _dummy(function, spec, signature)
    if source == "files":
        return _files(function, spec, signature, loaded, raw or loaded)
    return _bundled(function, spec, signature, loaded)


def _finish(lines: list[str], names_x: list[str], names_y: list[str], weights: str | None) -> str:
    lines.append(
        f"{_INDENT}return {_structure(names_x)}, {_structure(names_y)}"
        + (f", {weights}" if weights else "")
    )
    return "\n".join(lines)


def _structure(names: list[str]) -> str:
    return names[0] if len(names) == 1 else "[" + ", ".join(names) + "]"


# ---------------------------------------------------------------------- dummy data


def _dummy(function: str, spec: dict[str, Any], signature: ModelSignature) -> DataCode:
    samples = spec["samples"]
    lines = [
        f"def {function}():",
        f'{_INDENT}"""Random data shaped for the model ({samples} samples), as Keras Canvas makes '
        'it."""',
        f"{_INDENT}rng = np.random.default_rng(SEED)",
    ]
    taken: set[str] = {"rng", "labels"}
    names_x, names_y = [], []
    for tensor in signature.inputs:
        name = identifier(tensor.name, taken)
        names_x.append(name)
        lines.append(f"{_INDENT}{name} = {_random_input(tensor, samples)}  # input '{tensor.name}'")
    for tensor in signature.outputs:
        name = identifier(tensor.name, taken)
        names_y.append(name)
        lines += _random_target(name, tensor, samples)
    return DataCode(_finish(lines, names_x, names_y, None), {"numpy"})


def _free_shape(tensor: TensorSpec, samples: int) -> tuple[int, ...]:
    return (samples, *(d if d is not None else 8 for d in tensor.shape[1:]))


def _random_input(tensor: TensorSpec, samples: int) -> str:
    shape = _free_shape(tensor, samples)
    if tensor.input_dim is not None:
        dtype = tensor.dtype if "int" in tensor.dtype else "int32"
        return f'rng.integers(0, {tensor.input_dim}, size={shape}).astype("{dtype}")'
    if "int" in tensor.dtype:
        return f'rng.integers(0, 10, size={shape}).astype("{tensor.dtype}")'
    return f'rng.standard_normal({shape}).astype("float32")'


def _random_target(name: str, tensor: TensorSpec, samples: int) -> list[str]:
    shape = _free_shape(tensor, samples)
    comment = f"  # output '{tensor.name}'"
    if tensor.activation == "softmax":
        return [
            f"{_INDENT}labels = rng.integers(0, {shape[-1]}, size={shape[:-1]})",
            f'{_INDENT}{name} = np.eye({shape[-1]}, dtype="float32")[labels]{comment}: one-hot '
            "classes",
        ]
    if tensor.activation == "sigmoid":
        return [f'{_INDENT}{name} = rng.integers(0, 2, size={shape}).astype("float32"){comment}']
    return [f'{_INDENT}{name} = rng.standard_normal({shape}).astype("float32"){comment}']


# ---------------------------------------------------------------------- bundled sets


def _bundled(
    function: str, spec: dict[str, Any], signature: ModelSignature, loaded: Dataset
) -> DataCode:
    name = spec["source"]
    x_spec, y_spec = signature.inputs[0], signature.outputs[0]
    x_shape = tuple(loaded.x[x_spec.name].shape[1:])
    lines = [f"def {function}():"]
    imports = {"numpy"}
    helpers: list[str] = []
    if name == "fashion_mnist":
        folder = str(find_fashion_mnist(spec.get("path")))
        split = spec.get("split", "train")
        files = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte")
        if split == "test":
            files = ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
        lines += [
            f'{_INDENT}"""Fashion-MNIST ({split}) from its IDX files, shuffled once with the seed, '
            'as Keras Canvas loads it."""',
            f"{_INDENT}folder = {folder!r}",
            f'{_INDENT}features = read_idx(folder, "{files[0]}").astype("float32") / 255.0',
            f'{_INDENT}labels = read_idx(folder, "{files[1]}").astype("int64")',
        ]
        helpers.append(_READ_IDX)
        imports |= {"gzip", "os", "struct"}
    else:
        lines += [
            f'{_INDENT}"""scikit-learn\'s {name} set, shuffled once with the seed, as Keras Canvas '
            'loads it."""',
            f"{_INDENT}from sklearn.datasets import load_{name}",
            "",
            f"{_INDENT}bunch = load_{name}()",
            f'{_INDENT}features = np.asarray(bunch.data, dtype="float32")',
            f'{_INDENT}labels = np.asarray(bunch.target, dtype="int64")',
        ]
        if name == "digits":
            lines.append(f"{_INDENT}features = features / 16.0  # pixel intensities are 0..16")
        if name in _TABLES:
            lines.append(f"{_INDENT}# columns in very different units: standardized")
            lines.append(
                f"{_INDENT}features = (features - features.mean(axis=0)) / "
                "(features.std(axis=0) + 1e-7)"
            )
    lines += [
        f"{_INDENT}# some sets come sorted by class, and validation_split takes the last samples",
        f"{_INDENT}order = np.random.default_rng(SEED).permutation(len(labels))",
        f"{_INDENT}features, labels = features[order], labels[order]",
        f"{_INDENT}x = features.reshape(len(features), {', '.join(map(str, x_shape))})",
    ]
    units = y_spec.shape[-1]
    lines.append(f"{_INDENT}y = labels.reshape(-1, 1)" if units == 1 else f"{_INDENT}y = labels")
    lines += _limit(spec, ["x"], ["y"])
    if _one_hot(loaded.y[y_spec.name]):
        lines.append(f'{_INDENT}y = np.eye({units}, dtype="float32")[y]  # one-hot classes')
    return DataCode(_finish(lines, ["x"], ["y"], None), imports, helpers)


def _limit(spec: dict[str, Any], names_x: list[str], names_y: list[str]) -> list[str]:
    if not spec.get("limit"):
        return []
    names = [*names_x, *names_y]
    left = ", ".join(names)
    right = ", ".join(f"{n}[:{spec['limit']}]" for n in names)
    return [f"{_INDENT}{left} = {right}  # the first {spec['limit']} samples"]


def _one_hot(array: Any) -> bool:
    """Whether the run's labels were made one-hot (they are float vectors of 0 and 1 then)."""
    array = np.asarray(array)
    return array.dtype == np.float32 and array.ndim >= 2 and array.shape[-1] > 1


_READ_IDX = '''def read_idx(folder, stem):
    """An IDX file (the MNIST format), gzip-compressed or not."""
    path = os.path.join(folder, stem)
    if not os.path.exists(path):
        path += ".gz"
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as stream:
        raw = stream.read()
    rank = raw[3]
    dims = struct.unpack(f">{rank}I", raw[4 : 4 + 4 * rank])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)'''


# ---------------------------------------------------------------------- the user's files


def _files(
    function: str, spec: dict[str, Any], signature: ModelSignature, loaded: Dataset, raw: Dataset
) -> DataCode:
    lines = [
        f"def {function}():",
        f'{_INDENT}"""The data files of the run, mapped to the model\'s inputs and outputs by '
        'name."""',
    ]
    imports, helpers = {"numpy"}, [_READ_ARRAYS]
    names = [*signature.input_names(), *signature.output_names()]
    if spec.get("arrays"):
        lines.append(f"{_INDENT}arrays = {{")
        for key, reference in spec["arrays"].items():
            lines.append(
                f"{_INDENT * 2}{key!r}: read_reference({_absolute_reference(reference)!r}),"
            )
        lines.append(f"{_INDENT}}}")
    else:
        path = str(Path(spec["path"]).expanduser().resolve())
        columns = spec.get("columns")
        if path.lower().endswith(".csv") and not columns:
            x_name, y_name = signature.input_names()[0], signature.output_names()[0]
            columns = {x_name: None, y_name: -1}
        lines.append(f"{_INDENT}arrays = read_container({path!r}, {columns!r})")
        if len(signature.inputs) == len(signature.outputs) == 1:
            lines += _shorthand(signature)
    if spec.get("sample_weight"):
        reference = _absolute_reference(spec["sample_weight"])
        lines.append(f'{_INDENT}arrays["sample_weight"] = read_reference({reference!r})')
    taken: set[str] = {"arrays"}
    names_x = [identifier(n, taken) for n in signature.input_names()]
    names_y = [identifier(n, taken) for n in signature.output_names()]
    for variable, name in zip(names_x + names_y, names, strict=True):
        lines.append(f"{_INDENT}{variable} = np.asarray(arrays[{name!r}])")
    lines += _limit(spec, names_x, names_y)
    for variable, tensor in zip(names_y, signature.outputs, strict=True):
        before, after = np.shape(raw.y[tensor.name])[1:], np.shape(loaded.y[tensor.name])[1:]
        if before != after:  # the run made these labels one-hot
            lines.append(
                f'{_INDENT}{variable} = np.eye({tensor.shape[-1]}, dtype="float32")'
                f'[{variable}.reshape(len({variable}), -1)[:, 0].astype("int64")]  # one-hot'
            )
    weights = None
    if loaded.sample_weight:
        weights = "sample_weight"
        lines += _sample_weights(signature, loaded)
    if any(str(p).lower().endswith((".h5", ".hdf5")) for p in _paths(spec)):
        imports.add("h5py")
    imports.add("csv")
    code = DataCode(_finish(lines, names_x, names_y, weights), imports, helpers)
    code.has_weights = weights is not None
    return code


def _shorthand(signature: ModelSignature) -> list[str]:
    x_name, y_name = signature.input_names()[0], signature.output_names()[0]
    return [
        f'{_INDENT}if set(arrays) - {{"sample_weight"}} == {{"x", "y"}}:  # one input, one output',
        f'{_INDENT * 2}arrays[{x_name!r}], arrays[{y_name!r}] = arrays.pop("x"), arrays.pop("y")',
    ]


def _sample_weights(signature: ModelSignature, loaded: Dataset) -> list[str]:
    lines = [f"{_INDENT}shared = arrays.get('sample_weight')"]
    entries = []
    for name in signature.output_names():
        if name in (loaded.sample_weight or {}):
            entries.append(f"arrays.get('sample_weight_{name}', shared)")
        else:
            entries.append('np.ones(len(arrays[next(iter(arrays))]), dtype="float32")')
    lines.append(f"{_INDENT}sample_weight = {_structure(entries)}")
    return lines


def _paths(spec: dict[str, Any]) -> list[str]:
    references = [*(spec.get("arrays") or {}).values(), spec.get("path"), spec.get("sample_weight")]
    return [str(r).split(":")[0] for r in references if r]


def _absolute_reference(reference: str) -> str:
    path, separator, key = str(reference).partition(":")
    if len(path) == 1 and separator:  # a Windows drive letter
        return reference
    return str(Path(path).expanduser().resolve()) + separator + key


_READ_ARRAYS = '''def read_container(path, columns=None):
    """Every array of a .npz or .h5 file by name; a .csv file's columns by `columns`."""
    if path.lower().endswith(".npz"):
        with np.load(path, allow_pickle=False) as archive:
            return {key: archive[key] for key in archive.files}
    if path.lower().endswith((".h5", ".hdf5")):
        import h5py

        arrays = {}
        with h5py.File(path, "r") as handle:
            handle.visititems(
                lambda name, item: arrays.__setitem__(name, item[()])
                if isinstance(item, h5py.Dataset) else None
            )
        return arrays
    header, table = read_csv(path)
    picked = {}
    for name, chosen in columns.items():
        if chosen is None:  # every column but the last: the features
            picked[name] = table[:, :-1]
        elif chosen == -1:  # the last column: the target
            picked[name] = table[:, -1:]
        else:
            picked[name] = table[:, column_indices(chosen, header)]
    return picked


def read_reference(reference):
    """One array: "x.npy", "data.npz:key", "data.h5:group/name" or "table.csv:0,1,2"."""
    path, _, key = reference.partition(":")
    if path.lower().endswith(".npy"):
        return np.load(path, allow_pickle=False)
    if path.lower().endswith(".csv"):
        header, table = read_csv(path)
        return table[:, column_indices(key.split(",") if key else [], header)]
    arrays = read_container(path)
    return arrays[key] if key else next(iter(arrays.values()))


def read_csv(path):
    """(header or None, float32 table) of a numeric CSV file."""
    with open(path, newline="", encoding="utf-8") as stream:
        rows = [row for row in csv.reader(stream) if row]

    def is_number(cell):
        try:
            float(cell)
        except ValueError:
            return not cell.strip()
        return True

    header = None
    if rows and not all(is_number(cell) for cell in rows[0]):
        header, rows = [cell.strip() for cell in rows[0]], rows[1:]
    table = [[float(cell) if cell.strip() else np.nan for cell in row] for row in rows]
    return header, np.array(table, dtype="float32")


def column_indices(columns, header):
    columns = [columns] if isinstance(columns, (str, int)) else columns
    return [
        int(c) if isinstance(c, int) or str(c).strip().isdigit() else header.index(c)
        for c in columns
    ]'''
