"""What the data must look like: the model's inputs and outputs, read once from Keras.

The worker builds the model, then describes it as a `ModelSignature` of plain values, so that the
data code (dummy data, checks) never touches Keras objects. A few facts come from the config
rather than the built model: which inputs feed an `Embedding` (their tokens must stay below its
`input_dim`) and a fixed batch size (`batch_shape[0]`, set on stateful RNN inputs).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TensorSpec:
    """One model input or output.

    Attributes:
        name: the name data is mapped by (input layer name, output name).
        shape: the full shape, batch dimension first (`None` where free).
        dtype: Keras dtype name (`"float32"`, `"int32"`, ...).
        activation: for outputs, the last activation (`"softmax"`, `"sigmoid"`, ...) if known.
        input_dim: for inputs feeding an `Embedding`, its vocabulary size.
    """

    name: str
    shape: tuple[int | None, ...]
    dtype: str
    activation: str | None = None
    input_dim: int | None = None


@dataclass(frozen=True)
class ModelSignature:
    """A model's inputs and outputs, in Keras's order."""

    inputs: tuple[TensorSpec, ...]
    outputs: tuple[TensorSpec, ...]

    @property
    def fixed_batch_size(self) -> int | None:
        """The batch size every input pins (stateful RNNs), or None."""
        sizes = {spec.shape[0] for spec in self.inputs if spec.shape and spec.shape[0]}
        return min(sizes) if sizes else None

    def input_names(self) -> list[str]:
        return [spec.name for spec in self.inputs]

    def output_names(self) -> list[str]:
        return [spec.name for spec in self.outputs]


def signature_from_model(model: Any, config: dict[str, Any]) -> ModelSignature:
    """Describe a built Keras model.

    Args:
        model: a Keras `Functional` or `Sequential` model.
        config: the config it was built from (`json.loads(model.to_json())`).

    Returns:
        The model's signature.
    """
    embedding_dims = _embedding_input_dims(config)
    inputs = tuple(
        TensorSpec(
            name=_tensor_name(tensor),
            shape=tuple(tensor.shape),
            dtype=str(tensor.dtype),
            input_dim=embedding_dims.get(_tensor_name(tensor)),
        )
        for tensor in model.inputs
    )
    names = list(getattr(model, "output_names", None) or [model.layers[-1].name])
    outputs = tuple(
        TensorSpec(
            name=name,
            shape=tuple(tensor.shape),
            dtype=str(tensor.dtype),
            activation=_output_activation(model, name),
        )
        for name, tensor in zip(names, model.outputs, strict=True)
    )
    return ModelSignature(inputs=inputs, outputs=outputs)


def _tensor_name(tensor: Any) -> str:
    # Keras names an Input's tensor after its InputLayer ("main_input")
    return str(tensor.name).split(":")[0]


def _output_activation(model: Any, name: str) -> str | None:
    try:
        layer = model.get_layer(name)
    except ValueError:
        return None
    if type(layer).__name__ == "Softmax":
        return "softmax"
    activation = layer.get_config().get("activation")
    return activation if isinstance(activation, str) else None


def _embedding_input_dims(config: dict[str, Any]) -> dict[str, int]:
    """Input layer name -> `input_dim` of the Embedding it feeds directly."""
    inner = config.get("config", {})
    layers = inner.get("layers", [])
    input_names = {
        layer["config"].get("name") for layer in layers if layer.get("class_name") == "InputLayer"
    }
    dims: dict[str, int] = {}
    if config.get("class_name") == "Sequential":
        first = next((lay for lay in layers if lay.get("class_name") != "InputLayer"), None)
        if first and first.get("class_name") == "Embedding" and len(input_names) == 1:
            dims[next(iter(input_names))] = int(first["config"]["input_dim"])
        return dims
    for layer in layers:
        if layer.get("class_name") != "Embedding":
            continue
        for source in _history_names(layer.get("inbound_nodes", [])):
            if source in input_names:
                dims[source] = int(layer["config"]["input_dim"])
    return dims


def _history_names(value: Any) -> Iterator[str]:
    """Layer names in every `keras_history` reference inside a node's serialized arguments."""
    if isinstance(value, dict):
        history = value.get("keras_history")
        if isinstance(history, list) and history:
            yield history[0]
        for item in value.values():
            yield from _history_names(item)
    elif isinstance(value, list):
        for item in value:
            yield from _history_names(item)
