"""Check data against the model before a run starts.

Keras would find most of these problems too, but only after seconds of start-up and with a
message about tensors the user never named. Here every message names the input or output, the
expected shape and what was received.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.training.errors import DataError

if TYPE_CHECKING:
    from engine.training.dataset import Dataset
    from engine.training.signature import ModelSignature, TensorSpec


def check_data(
    data: Dataset,
    signature: ModelSignature,
    *,
    need_targets: bool = True,
    sparse_outputs: frozenset[str] = frozenset(),
) -> None:
    """Raise a DataError if `data` cannot feed the model.

    Args:
        data: the dataset, keyed by input and output name.
        signature: the model's inputs and outputs.
        need_targets: whether every output needs targets (fit, evaluate) or none (predict).
        sparse_outputs: outputs whose loss takes integer labels instead of the output's shape.

    Raises:
        DataError: a missing or unexpected array, a wrong shape or dtype, NaN or infinite
            values, labels out of range, or arrays of different lengths.
    """
    _check_names("input", list(data.x), signature.input_names())
    if need_targets:
        _check_names("output", list(data.y), signature.output_names())
    for spec in signature.inputs:
        _check_array("Input", spec, data.x[spec.name], sparse=False)
    if need_targets:
        for spec in signature.outputs:
            _check_array("Output", spec, data.y[spec.name], sparse=spec.name in sparse_outputs)
    _check_lengths(data)


def _check_names(role: str, received: list[str], expected: list[str]) -> None:
    missing = [name for name in expected if name not in received]
    if missing:
        raise DataError(
            f"The model has {len(expected)} {role}s ({', '.join(expected)}) but the data has "
            f"{len(received)} {role} arrays. Missing: {', '.join(missing)}. "
            f"Received: {received}"
        )


def _check_array(role: str, spec: TensorSpec, array: Any, *, sparse: bool) -> None:
    import numpy as np

    array = np.asarray(array)
    if array.dtype.kind not in "biuf":
        raise DataError(
            f"{role} '{spec.name}' needs numbers. Received: an array of dtype {array.dtype}"
        )
    expected = _expected_shapes(spec, sparse)
    if not any(_shape_fits(array.shape, shape) for shape in expected):
        wanted = " or ".join(_show(shape) for shape in expected)
        raise DataError(
            f"{role} '{spec.name}' expects data of shape {wanted}. Received: {tuple(array.shape)}"
        )
    if array.dtype.kind == "f":
        bad = ~np.isfinite(array)
        if bad.any():
            row = int(np.argwhere(bad)[0][0])
            raise DataError(
                f"{role} '{spec.name}' contains NaN or infinite values ({int(bad.sum())} of "
                f"them). Received: a non-finite value in sample {row}"
            )
    if "int" in spec.dtype and array.dtype.kind == "f" and not np.all(array == np.round(array)):
        raise DataError(
            f"{role} '{spec.name}' has dtype {spec.dtype}. Received: non-integer values"
        )
    limit = spec.input_dim if role == "Input" else (spec.shape[-1] if sparse else None)
    if limit is not None and array.size and (array.min() < 0 or array.max() >= limit):
        what = "tokens (Embedding input_dim)" if role == "Input" else "class labels"
        raise DataError(
            f"{role} '{spec.name}' needs {what} in [0, {limit}). "
            f"Received: values from {array.min()} to {array.max()}"
        )


def _expected_shapes(spec: TensorSpec, sparse: bool) -> list[tuple[int | None, ...]]:
    shape = tuple(spec.shape)
    if not sparse:
        return [(None, *shape[1:])]
    # sparse losses take one integer label per position instead of one-hot vectors
    return [(None, *shape[1:-1]), (None, *shape[1:-1], 1)]


def _shape_fits(received: tuple[int, ...], expected: tuple[int | None, ...]) -> bool:
    if len(received) != len(expected):
        return False
    return all(e is None or e == r for r, e in zip(received[1:], expected[1:], strict=True))


def _show(shape: tuple[int | None, ...]) -> str:
    return (
        "("
        + ", ".join("None" if d is None else str(d) for d in shape)
        + (",)" if len(shape) == 1 else ")")
    )


def _check_lengths(data: Dataset) -> None:
    lengths = {name: len(array) for name, array in [*data.x.items(), *data.y.items()]}
    if data.sample_weight:
        lengths.update({f"sample_weight[{k}]": len(v) for k, v in data.sample_weight.items()})
    if len(set(lengths.values())) > 1:
        raise DataError(f"All arrays need the same number of samples. Received: {lengths}")
    if lengths and not next(iter(lengths.values())):
        raise DataError("The data has no samples. Received: 0 rows")
