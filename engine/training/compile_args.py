"""Turn a job's compile settings into the arguments of `model.compile`.

Losses, loss weights and metrics may be given once for all outputs, as a list in output order,
or as a dict by output name; they reach Keras as lists in output order, which Functional and
Sequential models both accept. A missing loss is chosen from the output's activation, so that
every template trains at once.
"""

from __future__ import annotations

from typing import Any

from engine.training.errors import JobError
from engine.training.job import OPTIMIZER_PARAMS
from engine.training.signature import ModelSignature, TensorSpec


def default_loss(spec: TensorSpec) -> str:
    """The loss a classifier or regressor output usually wants."""
    if spec.activation == "softmax":
        return "categorical_crossentropy"
    if spec.activation == "sigmoid":
        return "binary_crossentropy"
    return "mean_squared_error"


def per_output(name: str, value: Any, signature: ModelSignature) -> list[Any]:
    """`value` as a list in output order.

    Raises:
        JobError: a list of the wrong length, or a dict naming unknown outputs.
    """
    outputs = signature.output_names()
    if isinstance(value, dict):
        unknown = sorted(set(value) - set(outputs))
        if unknown:
            raise JobError(
                f"`compile.{name}` names outputs the model lacks: {unknown}. "
                f"Expected some of {outputs}"
            )
        return [value.get(out) for out in outputs]
    if isinstance(value, (list, tuple)) and name != "metrics":
        if len(value) != len(outputs):
            raise JobError(
                f"`compile.{name}` needs one entry per output ({', '.join(outputs)}). "
                f"Received: {len(value)} entries"
            )
        return list(value)
    return [value] * len(outputs)


def losses(compile_spec: dict[str, Any], signature: ModelSignature) -> list[Any]:
    """One loss identifier per output (defaults filled in)."""
    given = per_output("loss", compile_spec.get("loss"), signature)
    return [loss or default_loss(spec) for loss, spec in zip(given, signature.outputs, strict=True)]


def sparse_outputs(loss_list: list[Any], signature: ModelSignature) -> frozenset[str]:
    """Outputs whose loss takes integer labels."""
    return frozenset(
        spec.name
        for loss, spec in zip(loss_list, signature.outputs, strict=True)
        if isinstance(loss, str) and loss.startswith("sparse_")
    )


def metrics(compile_spec: dict[str, Any], signature: ModelSignature) -> list[list[Any]]:
    """A list of metrics per output; accuracy for classifier outputs by default."""
    given = compile_spec.get("metrics")
    if given is None:
        return [
            ["accuracy"] if spec.activation in ("softmax", "sigmoid") else []
            for spec in signature.outputs
        ]
    if isinstance(given, dict):
        chosen = per_output("metrics", given, signature)
    elif (
        isinstance(given, (list, tuple))
        and given
        and all(isinstance(m, (list, tuple)) for m in given)
    ):
        chosen = list(given)
    else:  # one flat list (or one name) for every output
        chosen = [given] * len(signature.outputs)
    if len(chosen) != len(signature.outputs):
        raise JobError(
            "`compile.metrics` needs one list per output "
            f"({', '.join(signature.output_names())}). Received: {len(chosen)} lists"
        )
    return [list(m) if isinstance(m, (list, tuple)) else ([m] if m else []) for m in chosen]


def optimizer(compile_spec: dict[str, Any]) -> Any:
    """A Keras optimizer from a name or {class_name, config}, plus the form's main parameters.

    Raises:
        JobError: Keras does not know the optimizer or refuses a parameter.
    """
    import keras

    spec = compile_spec["optimizer"]
    if isinstance(spec, str):
        spec = {"class_name": spec, "config": {}}
    config = dict(spec.get("config") or {})
    config.update({k: compile_spec[k] for k in OPTIMIZER_PARAMS if compile_spec.get(k) is not None})
    try:
        return keras.optimizers.get({"class_name": spec.get("class_name"), "config": config})
    except (ValueError, TypeError) as exc:
        raise JobError(f"Keras cannot build the optimizer. Received: {spec!r} ({exc})") from None


def unwrap(values: list[Any]) -> Any:
    """A single-output model gets plain values rather than one-element lists."""
    return values[0] if len(values) == 1 else values
