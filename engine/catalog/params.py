"""A layer parameter's spec, and the checks that bring a user's value into Keras's config form.

`ParamSpec.validate` checks a value by the parameter's kind: plain Python types here, Keras's
registries (activations, initializers, ...), dtypes and serialized layers through Keras itself,
which is imported only when such a value is checked.
"""

from __future__ import annotations

import copy
import enum
import inspect
import json
import re
from dataclasses import dataclass
from typing import Any


class ParamKind(enum.StrEnum):
    """What an inspector widget edits: the type of a parameter's value."""

    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    STR = "str"
    INT_TUPLE = "tuple of ints"
    NUMBER_TUPLE = "tuple of numbers"
    ENUM = "enumeration"
    ACTIVATION = "activation"
    INITIALIZER = "initializer"
    REGULARIZER = "regularizer"
    CONSTRAINT = "constraint"
    DTYPE = "dtype"
    LAYER = "layer"
    OTHER = "dict/other"


# Kinds whose values are Keras objects serialized through a registry module of that name.
_REGISTRY_KINDS = {
    ParamKind.ACTIVATION: "activations",
    ParamKind.INITIALIZER: "initializers",
    ParamKind.REGULARIZER: "regularizers",
    ParamKind.CONSTRAINT: "constraints",
}


def json_form(value: Any) -> Any:
    """Returns `value` as JSON writes and reads it back (tuples become lists).

    Raises:
        TypeError: if the value is not JSON-serializable.
    """
    return json.loads(json.dumps(value))


@dataclass(frozen=True)
class ParamSpec:
    """One constructor argument or config key of a layer class.

    Attributes:
        name: Keras's argument name (`units`, `kernel_size`).
        kind: the type of value, which picks the inspector's widget.
        default: the value in the catalog's default config (as `get_config()` gives it, in
            JSON form), or the signature's default for a signature-only argument.
        required: Keras cannot build the layer without it (e.g. `Dense.units`).
        example: the value the catalog passes for a required argument.
        choices: the allowed values of an enumeration, or the registry names of an
            activation, initializer, regularizer, constraint or dtype.
        nullable: `None` is allowed (it is a default of the signature or the config).
        length: for a tuple of ints whose length Keras fixes, that length.
        in_config: the key is in `get_config()`; a signature-only argument is not.
        in_signature: the name is an argument of the constructor.
        random_default: Keras draws the value at random when none is given (a `seed`), so
            `LayerSpec.default_config` draws a fresh one as well.
        doc: the argument's description from the class docstring.
    """

    name: str
    kind: ParamKind
    default: Any = None
    required: bool = False
    example: Any = None
    choices: tuple[str, ...] = ()
    nullable: bool = False
    length: int | None = None
    in_config: bool = True
    in_signature: bool = True
    random_default: bool = False
    doc: str = ""

    def validate(self, value: Any) -> Any:
        """Checks a value for this parameter and returns it in Keras's config form.

        An initializer given as `"he_normal"` comes back as Keras serializes it, an int given
        for a fixed-length tuple comes back as a list of that length, etc.

        Raises:
            ValueError: with a Keras-style "Received: ..." message, if the value has the
                wrong type or is not one of the choices.
        """
        if value is None and self.nullable and self.kind not in _REGISTRY_KINDS:
            return None
        checker = _CHECKERS.get(self.kind, _check_other)
        return checker(self, value)

    def _fail(self, expected: str, value: Any) -> ValueError:
        return ValueError(
            f"Argument `{self.name}` must be {expected}. Received: {self.name}={value!r}"
        )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_int(spec: ParamSpec, value: Any) -> int | list[int]:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    # "axis: Integer or List/Tuple." (LayerNormalization) takes several ints too.
    is_int_list = isinstance(value, list | tuple) and value and all(_is_int(v) for v in value)
    if is_int_list and _SEQUENCE_DOC.match(spec.doc):
        return list(value)
    if not _is_int(value):
        raise spec._fail("an integer", value)
    return value


_SEQUENCE_DOC = re.compile(r"^(optional )?(integer|int)s? or (a )?(list|tuple)", re.IGNORECASE)


def _check_float(spec: ParamSpec, value: Any) -> float:
    if not _is_number(value):
        raise spec._fail("a number", value)
    return float(value)


def _check_bool(spec: ParamSpec, value: Any) -> bool:
    if not isinstance(value, bool):
        raise spec._fail("a boolean (True or False)", value)
    return value


def _check_str(spec: ParamSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise spec._fail("a string", value)
    return value


def _check_int_tuple(spec: ParamSpec, value: Any) -> list[int | None]:
    if _is_int(value):
        return [value] * (spec.length or 1)  # as Keras's standardize_tuple broadcasts an int
    items = list(value) if isinstance(value, list | tuple) else None
    if items is None or not all(_is_int(v) or v is None for v in items):
        raise spec._fail(_tuple_phrase(spec), value)
    if spec.length is not None and len(items) != spec.length:
        raise spec._fail(_tuple_phrase(spec), value)
    return items


def _tuple_phrase(spec: ParamSpec) -> str:
    if spec.length is None:
        return "a tuple of integers"
    return f"an integer or a tuple of {spec.length} integers"


def _check_number_tuple(spec: ParamSpec, value: Any) -> Any:
    # A single number is left as is: Keras reads it as a range (`factor=0.2` is [-0.2, 0.2]).
    if _is_number(value):
        return value
    if isinstance(value, list | tuple) and value and all(_is_number(v) for v in value):
        return list(value)
    raise spec._fail("a number or a tuple of numbers", value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_enum(spec: ParamSpec, value: Any) -> str:
    if isinstance(value, str):
        for choice in spec.choices:
            if choice.lower() == value.lower():  # Keras lower-cases `padding` and friends
                return choice
    raise ValueError(
        f"Invalid value for argument `{spec.name}`. Expected one of "
        f"{list(spec.choices)}. Received: {spec.name}={value!r}"
    )


def _check_registry(spec: ParamSpec, value: Any) -> Any:
    import keras

    module = getattr(keras, _REGISTRY_KINDS[spec.kind])
    if value is None and spec.kind is not ParamKind.ACTIVATION:
        if spec.nullable:
            return None
        raise spec._fail(f"one of {list(spec.choices)}", value)
    try:
        return json_form(module.serialize(_registry_get(module, value)))
    except Exception:
        # Keras's own message names the registry, not the argument: say both.
        raise ValueError(
            f"Invalid value for argument `{spec.name}`: expected a {spec.kind.value} "
            f"(one of {list(spec.choices)}) or its serialized config. "
            f"Received: {spec.name}={value!r}"
        ) from None


def _registry_get(module: Any, value: Any) -> Any:
    try:
        return module.get(value)
    except Exception:
        # `initializers.get("Constant")` fails although `Constant()` has defaults: build it.
        cls = getattr(module, value, None) if isinstance(value, str) else None
        if inspect.isclass(cls):
            return cls()
        raise


def _check_dtype(spec: ParamSpec, value: Any) -> Any:
    import keras

    try:
        if isinstance(spec.default, dict):  # layers store a serialized DTypePolicy
            return json_form(keras.dtype_policies.serialize(keras.dtype_policies.get(value)))
        return keras.backend.standardize_dtype(value)
    except Exception:
        raise ValueError(
            f"Invalid dtype for argument `{spec.name}`. Expected one of "
            f"{list(spec.choices)}. Received: {spec.name}={value!r}"
        ) from None


def _check_layer(spec: ParamSpec, value: Any) -> Any:
    import keras

    if not (isinstance(value, dict) and "class_name" in value and "config" in value):
        raise spec._fail("a serialized layer (a dict with `class_name` and `config`)", value)
    try:
        keras.layers.deserialize(copy.deepcopy(value))
    except Exception as exc:
        raise ValueError(
            f"Argument `{spec.name}` is not a layer Keras can build ({exc}). "
            f"Received: {spec.name}={value!r}"
        ) from None
    return json_form(value)


def _check_other(spec: ParamSpec, value: Any) -> Any:
    try:
        return json_form(value)
    except (TypeError, ValueError):
        raise spec._fail("a JSON-serializable value", value) from None


_CHECKERS = {
    ParamKind.INT: _check_int,
    ParamKind.FLOAT: _check_float,
    ParamKind.BOOL: _check_bool,
    ParamKind.STR: _check_str,
    ParamKind.INT_TUPLE: _check_int_tuple,
    ParamKind.NUMBER_TUPLE: _check_number_tuple,
    ParamKind.ENUM: _check_enum,
    ParamKind.ACTIVATION: _check_registry,
    ParamKind.INITIALIZER: _check_registry,
    ParamKind.REGULARIZER: _check_registry,
    ParamKind.CONSTRAINT: _check_registry,
    ParamKind.DTYPE: _check_dtype,
    ParamKind.LAYER: _check_layer,
}
