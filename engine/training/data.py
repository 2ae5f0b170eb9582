"""Data for a job: a spec (plain JSON) and the arrays it loads, keyed by input and output name.

A data spec is a dict with a `source`::

    {"source": "dummy", "samples": 256}            random arrays that fit any model
    {"source": "digits", "layout": "images"}       8x8x1 images or 64-vectors ("vectors");
                                                    the layout follows the model when omitted
    {"source": "iris"} / "wine" / "breast_cancer"  scikit-learn's bundled tables, standardized
    {"source": "fashion_mnist", "path": None, "split": "train"}   IDX files (see bundled.py)
    {"source": "files", "path": "data.npz"}        .npz / .h5 arrays named after inputs/outputs,
                                                    or a .csv (see user_files.py)
    {"source": "files", "arrays": {"features": "x.npy", "predictions": "y.npz:y"}}

Common keys: `limit` (keep the first N samples), `to_categorical` (True, False, a list of output
names, or "auto": one-hot integer labels for outputs with several units; the default for the
bundled datasets), `sample_weight` (a file reference, as in `arrays`). A plain string is a
shorthand: a source name, or a file path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.training.bundled import load_bundled
from engine.training.dataset import Dataset
from engine.training.errors import DataError
from engine.training.user_files import load_files

if TYPE_CHECKING:
    import numpy as np

    from engine.training.signature import ModelSignature

BUNDLED = ("digits", "iris", "wine", "breast_cancer", "fashion_mnist")
SOURCES = ("dummy", *BUNDLED, "files")
DEFAULT_DUMMY_SAMPLES = 256
_SPEC_KEYS = (
    "source",
    "samples",
    "layout",
    "path",
    "split",
    "arrays",
    "columns",
    "limit",
    "to_categorical",
    "sample_weight",
)


def normalize_data_spec(spec: dict[str, Any] | str) -> dict[str, Any]:
    """Check a data spec's structure and fill its defaults (no file is read).

    Raises:
        DataError: an unknown source or key, or a bad value.
    """
    if isinstance(spec, str):
        spec = {"source": spec} if spec in SOURCES else {"source": "files", "path": spec}
    if not isinstance(spec, dict):
        raise DataError(f"A data spec must be a dict or a string. Received: {spec!r}")
    unknown = set(spec) - set(_SPEC_KEYS)
    if unknown:
        raise DataError(f"Unknown data spec keys: {sorted(unknown)}. Expected some of {_SPEC_KEYS}")
    source = spec.get("source", "dummy")
    if source not in SOURCES:
        raise DataError(f"`source` must be one of {list(SOURCES)}. Received: {source!r}")
    out = {**spec, "source": source}
    if source == "dummy":
        out.setdefault("samples", DEFAULT_DUMMY_SAMPLES)
    out.setdefault("to_categorical", "auto" if source in BUNDLED else False)
    if source == "files" and not (spec.get("path") or spec.get("arrays")):
        raise DataError("A `files` data spec needs a `path` or `arrays`. Received neither.")
    for key in ("samples", "limit"):
        value = out.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise DataError(f"`{key}` must be a positive integer. Received: {value!r}")
        if value is not None and value < 1:
            raise DataError(f"`{key}` must be a positive integer. Received: {value!r}")
    return out


def load_data(
    spec: dict[str, Any],
    signature: ModelSignature,
    *,
    seed: int | None = 0,
    sparse_outputs: frozenset[str] = frozenset(),
) -> Dataset:
    """Load the arrays a spec names and map them onto the model's inputs and outputs.

    Args:
        spec: a normalized data spec.
        signature: the model's inputs and outputs.
        seed: seeds dummy data and the one-off shuffle of the bundled datasets.
        sparse_outputs: outputs trained with a sparse loss (their labels stay integers).

    Returns:
        The dataset, not yet checked against the model (see engine.training.checks).

    Raises:
        DataError: the data cannot be read or mapped by name.
    """
    source = spec["source"]
    if source == "dummy":
        data = dummy_data(signature, spec["samples"], seed=seed)
    elif source == "files":
        data = load_files(spec, signature)
    else:
        data = load_bundled(spec, signature, seed=seed)
    if spec.get("limit"):
        data = data.take(slice(0, spec["limit"]))
    _apply_to_categorical(data, spec.get("to_categorical"), signature, sparse_outputs)
    return data


def dummy_data(signature: ModelSignature, samples: int, *, seed: int | None = 0) -> Dataset:
    """Random arrays that fit every input and output of the model.

    Softmax outputs get one-hot targets, sigmoid outputs 0/1, inputs feeding an `Embedding`
    integer tokens below its `input_dim`; the rest is standard normal noise.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    x = {spec.name: _random_input(rng, spec, samples) for spec in signature.inputs}
    y = {spec.name: _random_target(rng, spec, samples) for spec in signature.outputs}
    return Dataset(x=x, y=y, description=f"dummy data ({samples} samples)")


def _free_shape(shape: tuple[int | None, ...], samples: int) -> tuple[int, ...]:
    # free dimensions past the batch (variable-length sequences) get a small fixed size
    return (samples, *(d if d is not None else 8 for d in shape[1:]))


def _random_input(rng: Any, spec: Any, samples: int) -> np.ndarray:
    shape = _free_shape(spec.shape, samples)
    if spec.input_dim is not None:
        return rng.integers(0, spec.input_dim, size=shape).astype(_int_dtype(spec.dtype))
    if "int" in spec.dtype:
        return rng.integers(0, 10, size=shape).astype(spec.dtype)
    return rng.standard_normal(shape).astype("float32")


def _random_target(rng: Any, spec: Any, samples: int) -> np.ndarray:
    import numpy as np

    shape = _free_shape(spec.shape, samples)
    if spec.activation == "softmax":
        labels = rng.integers(0, shape[-1], size=shape[:-1])
        return np.eye(shape[-1], dtype="float32")[labels]
    if spec.activation == "sigmoid":
        return rng.integers(0, 2, size=shape).astype("float32")
    return rng.standard_normal(shape).astype("float32")


def _int_dtype(dtype: str) -> str:
    return dtype if "int" in dtype else "int32"


def _apply_to_categorical(
    data: Dataset, request: Any, signature: ModelSignature, sparse_outputs: frozenset[str]
) -> None:
    """One-hot the integer labels of the outputs `request` names, in place."""
    import numpy as np

    if not request:
        return
    by_name = {spec.name: spec for spec in signature.outputs}
    names = list(data.y) if request in (True, "auto") else list(request)
    for name in names:
        if name not in data.y or name not in by_name:
            if request in (True, "auto"):
                continue
            raise DataError(
                f"`to_categorical` names an output the data or the model lacks. Received: {name!r}"
            )
        labels, classes = data.y[name], by_name[name].shape[-1]
        if request == "auto" and (name in sparse_outputs or not _is_label_vector(labels, classes)):
            continue
        flat = np.asarray(labels).reshape(len(labels), -1)
        if flat.shape[1] != 1 or not _integral(flat):
            raise DataError(
                f"`to_categorical` needs one integer label per sample for output '{name}'. "
                f"Received: shape {tuple(np.shape(labels))}, dtype {np.asarray(labels).dtype}"
            )
        index = flat[:, 0].astype("int64")
        if classes is None or index.min() < 0 or index.max() >= classes:
            raise DataError(
                f"Labels of output '{name}' must be in [0, {classes}) for to_categorical. "
                f"Received: labels from {index.min()} to {index.max()}"
            )
        data.y[name] = np.eye(classes, dtype="float32")[index]


def _is_label_vector(labels: Any, classes: int | None) -> bool:
    import numpy as np

    labels = np.asarray(labels)
    column = labels.ndim == 1 or (labels.ndim == 2 and labels.shape[1] == 1)
    return bool(classes and classes > 1 and column and _integral(labels))


def _integral(array: Any) -> bool:
    import numpy as np

    array = np.asarray(array)
    if array.dtype.kind in "iub":
        return True
    return array.dtype.kind == "f" and bool(np.all(np.isfinite(array) & (array == np.round(array))))
