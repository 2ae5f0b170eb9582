"""Python code export: the functional-API script that rebuilds a model from its Keras config.

`generate_python(config)` turns the dict that `model.to_json()` writes into a script a person
could have written: one line per layer call, variables named after the layers, and only the
constructor arguments that differ from Keras's defaults. Running the script builds a model whose
JSON equals the input.

Keras is the authority on what an argument means, so every constructor expression is checked
while the script is written: it is evaluated and the layer's config compared with the original.
What cannot be written simply falls back to `layers.deserialize({...})`, which is exact but less
readable. Evaluating our own text is safe: values from the config only ever appear as literals
(see `layout._literal`) and class names are looked up, never pasted unchecked.

The walk over the graph follows Keras's own `functional_from_config`: layers in config order, each
call once its inputs and the layer's earlier calls exist, so node indices come back unchanged.

The package: `layout` (expressions and line splitting), `names` (identifiers), `walk` (the
graph of a model config and its call order), `writer` (the script).
"""

from __future__ import annotations

from engine.errors import FormatError
from engine.io.codegen.names import _preserved_name_uids
from engine.io.codegen.walk import _is_model
from engine.io.codegen.writer import ModelCode, _Writer

__all__ = ["ModelCode", "generate_model_code", "generate_python"]


def generate_python(model_config: dict, *, allow_unsafe: bool = False) -> str:
    """Writes the Python script that rebuilds a Keras model.

    Args:
        model_config: The model's config as `json.loads(model.to_json())` gives it, Functional or
            Sequential (nested models, shared layers and bare ops included).
        allow_unsafe: Write Lambda layers (their code is deserialized when the script runs).

    Returns:
        The script's source. Executed, it defines `build_model()` and `model = build_model()`;
        run as a program it prints `model.summary()`.

    Raises:
        UnsafeContentError: The model holds a Lambda layer and `allow_unsafe` is False.
        FormatError: The config is malformed or uses a custom class that cannot be imported.
    """
    return _write(model_config, allow_unsafe, lambda writer: writer.script(model_config))


def generate_model_code(model_config: dict, *, allow_unsafe: bool = False) -> ModelCode:
    """The same code in parts, for a script that does more with the model (training it).

    Raises:
        UnsafeContentError, FormatError: as `generate_python`.
    """
    return _write(model_config, allow_unsafe, lambda writer: writer.model_code(model_config))


def _write(model_config: dict, allow_unsafe: bool, write):
    if not isinstance(model_config, dict) or not _is_model(model_config):
        is_dict = isinstance(model_config, dict)
        received = model_config.get("class_name") if is_dict else type(model_config).__name__
        raise FormatError(
            "Only Functional and Sequential model configs can be written as Python. "
            f"Received: class_name={received!r}"
        )
    with _preserved_name_uids():
        try:
            return write(_Writer(allow_unsafe))
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
            raise FormatError(
                "The model config is malformed and cannot be written as Python. "
                f"Received: {type(error).__name__}: {error}"
            ) from error
