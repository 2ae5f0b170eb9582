"""The layer catalog: every public `keras.layers` class, its parameters and defaults.

Keras is the authority. The classes are found by walking `keras.layers`; a layer's parameters
are its constructor's signature merged with the config of one instance built with example
arguments (the two differ: `name`, `trainable` and `dtype` are only in the config,
`InputLayer.shape` only in the signature). Defaults are what `get_config()` returns, in the JSON
form `model.to_json()` writes (tuples become lists), which is the form configs take in a graph.
Enumeration choices come from Keras's registries (activations, initializers, ...) and from the
values a docstring quotes, kept only where Keras accepts them. `engine.catalog_overlay` adds
what Keras cannot say: categories, example values for required arguments, a few candidates.

Building the catalog imports Keras and takes a few seconds, so `get_catalog()` keeps it in
a cache file per Keras version and catalog source (`$KERAS_CANVAS_CACHE_DIR`, by default
`~/.cache/keras-canvas`); loading that takes milliseconds and does not import Keras, so the
palette can show before Keras has loaded.
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import functools
import hashlib
import inspect
import json
import logging
import os
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine import catalog_overlay as overlay

logger = logging.getLogger(__name__)


class UnknownLayerError(KeyError):
    """The catalog has no layer class of that name."""

    def __str__(self) -> str:  # KeyError quotes its message; show it plain
        return str(self.args[0]) if self.args else ""


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


@dataclass(frozen=True)
class CallInput:
    """A tensor argument of a layer's `call()`, drawn as an input port.

    Attributes:
        name: the argument's name (`query`, `value`, `initial_state`).
        required: `call()` has no default for it.
    """

    name: str
    required: bool


@dataclass(frozen=True)
class LayerSpec:
    """What the catalog knows about one layer class.

    Attributes:
        class_name: the class name Keras serializes (`Conv2D`).
        module: the module Keras serializes (`keras.layers`).
        category: the palette category (`Convolution`).
        description: the first sentence of the class docstring.
        display_name: what the palette shows (`Input` for `InputLayer`).
        aliases: other public names of the class (`Convolution2D`).
        params: the parameters, signature order first, then config-only keys.
        inputs: the tensor arguments of `call()`.
        is_merge: `call()` takes a variadic list of tensors (`Add`, `Concatenate`, ...).
        unsafe: the config holds Python code (`Lambda`).
        default_name: Keras's base name for new layers of the class (`conv2d`).
        template: the default config; use `default_config()`, which copies it.
    """

    class_name: str
    module: str
    category: str
    description: str
    display_name: str
    aliases: tuple[str, ...]
    params: tuple[ParamSpec, ...]
    inputs: tuple[CallInput, ...]
    is_merge: bool
    unsafe: bool
    default_name: str
    template: dict[str, Any] = field(repr=False, compare=False)

    @property
    def input_names(self) -> list[str]:
        """The names of the tensor arguments of `call()`, in order."""
        return [call_input.name for call_input in self.inputs]

    @property
    def required_params(self) -> list[ParamSpec]:
        """The parameters Keras cannot build the layer without."""
        return [spec for spec in self.params if spec.required]

    def param(self, name: str) -> ParamSpec:
        """Returns the spec of one parameter.

        Raises:
            ValueError: if the layer has no such parameter.
        """
        for spec in self.params:
            if spec.name == name:
                return spec
        raise ValueError(
            f"`{self.class_name}` has no parameter `{name}`. Expected one of "
            f"{[spec.name for spec in self.params]}. Received: {name}"
        )

    def default_config(self, name: str | None = None, **overrides: Any) -> dict[str, Any]:
        """Returns the config of a new layer of this class, exactly as Keras writes it.

        Without overrides this is the catalog's template (no Keras needed). With overrides,
        each is validated, then Keras builds the layer, because other values derive from
        them (`MultiHeadAttention.value_dim` from `key_dim`, `MaxPooling2D.strides` from
        `pool_size`, `Bidirectional.backward_layer` from `layer`).

        Args:
            name: the layer's name; defaults to Keras's base name (`conv2d`).
            **overrides: parameter values, as `ParamSpec.validate` accepts them.

        Returns:
            A fresh, JSON-form config dict.

        Raises:
            ValueError: if an override names no parameter, has a wrong value, or Keras
                refuses the combination.
        """
        values = {key: self.param(key).validate(value) for key, value in overrides.items()}
        if values:
            config = _instantiate_config(self.class_name, values)
        else:
            config = copy.deepcopy(self.template)
            for spec in self.params:
                if spec.random_default:
                    config[spec.name] = random.randint(1, 10**9)  # as Keras's make_default_seed
        config["name"] = name or self.default_name
        return config


class Catalog:
    """All layer specs, by class name, category and search."""

    def __init__(self, specs: list[LayerSpec]) -> None:
        self._specs = {spec.class_name: spec for spec in specs}
        self._by_alias = {
            alias.lower(): spec for spec in specs for alias in (spec.class_name, *spec.aliases)
        }

    def __len__(self) -> int:
        return len(self._specs)

    def __iter__(self) -> Iterator[LayerSpec]:
        return iter(self._specs.values())

    def __contains__(self, class_name: object) -> bool:
        return isinstance(class_name, str) and class_name.lower() in self._by_alias

    def get(self, class_name: str) -> LayerSpec:
        """Returns the spec of a class, by class name or alias (`Convolution2D`, `Input`).

        Raises:
            UnknownLayerError: if no public Keras layer has that name.
        """
        spec = self._specs.get(class_name) or self._by_alias.get(class_name.lower())
        if spec is None:
            raise UnknownLayerError(
                f"Unknown layer class: not a public `keras.layers` class in the catalog. "
                f"Received: class_name={class_name!r}"
            )
        return spec

    def categories(self) -> list[str]:
        """Returns the categories in palette order."""
        present = {spec.category for spec in self}
        order = {name: i for i, name in enumerate(overlay.CATEGORY_ORDER)}
        return sorted(present, key=lambda c: (order.get(c, len(order) - 1.5), c))

    def in_category(self, category: str) -> list[LayerSpec]:
        """Returns the specs of one category, sorted by display name."""
        specs = [spec for spec in self if spec.category == category]
        return sorted(specs, key=lambda spec: spec.display_name.lower())

    def search(self, text: str) -> list[LayerSpec]:
        """Finds layers by name, alias, category and description, best matches first.

        Every word of `text` must match somewhere; a match in the name counts more than one
        in the description. An empty text matches nothing.
        """
        words = text.lower().split()
        if not words:
            return []
        scored = []
        for spec in self:
            scores = [_word_score(spec, word) for word in words]
            if all(scores):
                scored.append((-sum(scores), spec.display_name.lower(), spec))
        return [spec for *_, spec in sorted(scored, key=lambda item: item[:2])]


def _word_score(spec: LayerSpec, word: str) -> int:
    """Scores how well one search word matches a spec (0: no match)."""
    names = [spec.class_name.lower(), spec.display_name.lower()]
    aliases = [alias.lower() for alias in spec.aliases]
    for weight, candidates in ((3, names), (2, aliases)):
        if word in candidates:
            return 30 * weight
        if any(name.startswith(word) for name in candidates):
            return 20 * weight
        if any(word in name for name in candidates):
            return 10 * weight
    if word in spec.category.lower():
        return 8
    return 5 if word in spec.description.lower() else 0


@functools.cache
def get_catalog() -> Catalog:
    """Returns the catalog of all public Keras layers, from the cache file or built."""
    return load_catalog(_default_cache_dir())


def build_catalog() -> Catalog:
    """Builds the catalog by introspecting Keras (imports Keras; a few seconds)."""
    start = time.perf_counter()
    catalog = Catalog(_build_specs())
    logger.info(
        "Built the layer catalog (%d classes) in %.2f s", len(catalog), time.perf_counter() - start
    )
    return catalog


def load_catalog(cache_dir: Path | None) -> Catalog:
    """Loads the catalog from its cache file in `cache_dir`, or builds and caches it.

    The file name holds a hash of the Keras version and of the catalog's own source, so a
    cache never outlives either. An unreadable cache is rebuilt; an unwritable one is skipped.

    Args:
        cache_dir: where the cache file lives; `None` builds without any cache.
    """
    if cache_dir is None:
        return build_catalog()
    path = cache_dir / f"catalog-{_cache_key()}.json"
    try:
        specs = json.loads(path.read_text(encoding="utf-8"))["specs"]
        return Catalog([_spec_from_json(spec) for spec in specs])
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError):
        logger.warning("Rebuilding the unreadable layer catalog cache %s", path, exc_info=True)
    catalog = build_catalog()
    _write_cache(path, catalog)
    return catalog


def serialize_default(class_name: str, **overrides: Any) -> dict[str, Any]:
    """Returns the full Keras serialization of a new layer with default parameters.

    Args:
        class_name: a class name or alias from the catalog.
        **overrides: parameter values (including `name`), as for `LayerSpec.default_config`.

    Returns:
        `{"module": ..., "class_name": ..., "config": ..., "registered_name": None}`.
    """
    spec = get_catalog().get(class_name)
    return {
        "module": spec.module,
        "class_name": spec.class_name,
        "config": spec.default_config(**overrides),
        "registered_name": None,
    }


# The cache file.


def _default_cache_dir() -> Path | None:
    configured = os.environ.get("KERAS_CANVAS_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None  # set but empty: no cache
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "keras-canvas"


def _cache_key() -> str:
    digest = hashlib.sha256()
    for part in (_keras_version_source(), os.environ.get("KERAS_BACKEND", ""), sys.version):
        digest.update(part.encode())
    for source in (__file__, overlay.__file__):
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:16]


def _keras_version_source() -> str:
    """Keras's version, read without importing Keras or `importlib.metadata` (0.2 s)."""
    import importlib.util

    spec = importlib.util.find_spec("keras")
    origin = Path(spec.origin) if spec and spec.origin else None
    if origin is not None and (origin.parent / "src" / "version.py").is_file():
        return (origin.parent / "src" / "version.py").read_text(encoding="utf-8")
    from importlib import metadata  # a Keras laid out differently

    return metadata.version("keras")


def _write_cache(path: Path, catalog: Catalog) -> None:
    """Writes the cache atomically (temp file, rename) and removes stale ones."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        specs = [dataclasses.asdict(spec) for spec in catalog]
        temp.write_text(json.dumps({"specs": specs}), encoding="utf-8")
        os.replace(temp, path)
        for stale in path.parent.glob("catalog-*.json"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        logger.warning("Cannot write the layer catalog cache %s", path, exc_info=True)


def _spec_from_json(data: dict[str, Any]) -> LayerSpec:
    params = tuple(
        ParamSpec(**{**p, "kind": ParamKind(p["kind"]), "choices": tuple(p["choices"])})
        for p in data["params"]
    )
    inputs = tuple(CallInput(**call_input) for call_input in data["inputs"])
    return LayerSpec(
        **{**data, "params": params, "inputs": inputs, "aliases": tuple(data["aliases"])}
    )


# Introspection. Everything below runs with Keras imported.

_QUOTED = re.compile(r'"([\w\-]+)`?"')  # Keras writes `"same"`, and once `"same`"
_BACKTICKED = re.compile(r"`([a-z][\w\-]*)`")  # and sometimes just `same`
_DOC_ARG = re.compile(r"^(\w+):\s*(.*)$")
# A sentence ends at a period that does not close "e.g.", "a.k.a.", "et al." and the like.
_SENTENCE = re.compile(r"(.+?(?<!\be\.g)(?<!\bi\.e)(?<!\ba\.k\.a)(?<!\bal)[.!?])(\s|$)")
_DOC_KINDS = (
    (re.compile(r"^(optional )?(positive )?(integer|int)\b"), "int"),
    (re.compile(r"^(optional )?(float|number)\b"), "float"),
    (re.compile(r"^(optional )?(boolean|bool)\b"), "bool"),
    (re.compile(r"^(optional )?(string|str)\b"), "str"),
)


@functools.cache
def _layer_classes() -> dict[type, tuple[str, ...]]:
    """Returns each public layer class of `keras.layers` with its public names."""
    import keras

    classes: dict[type, list[str]] = {}
    for name in dir(keras.layers):
        obj = getattr(keras.layers, name)
        if (
            inspect.isclass(obj)
            and issubclass(obj, keras.layers.Layer)
            and obj.__name__ not in overlay.EXCLUDED
        ):
            classes.setdefault(obj, []).append(name)
    return {cls: tuple(names) for cls, names in classes.items()}


def _class_named(class_name: str) -> type:
    classes = _layer_classes()
    return next(c for c, names in classes.items() if class_name in (c.__name__, *names))


def _build_specs() -> list[LayerSpec]:
    specs = []
    for cls, names in _layer_classes().items():
        try:
            specs.append(_build_spec(cls, names))
        except Exception:
            # A Keras release may add a layer the overlay has no example for: keep the rest.
            logger.warning("keras.layers.%s left out of the catalog", cls.__name__, exc_info=True)
    return specs


def _build_spec(cls: type, names: tuple[str, ...]) -> LayerSpec:
    import keras
    from keras.src.layers.merging.base_merge import Merge
    from keras.src.utils.naming import to_snake_case

    kwargs = _example_kwargs(cls)
    serialized = keras.layers.serialize(cls(**kwargs))
    class_name = serialized["class_name"]
    default_name = to_snake_case(class_name)
    template = json_form(serialized["config"])
    template["name"] = default_name
    doc = cls.__dict__.get("__doc__") or ""  # not inherited: InputLayer has none of its own
    extra_aliases = overlay.EXTRA_ALIASES.get(class_name, ())
    aliases = (*(n for n in names if n != class_name), *extra_aliases)
    return LayerSpec(
        class_name=class_name,
        module=serialized["module"],
        category=_category(cls),
        description=overlay.DESCRIPTIONS.get(class_name) or _first_sentence(doc),
        display_name=overlay.DISPLAY_NAMES.get(class_name, class_name),
        aliases=aliases,
        params=_param_specs(cls, template, kwargs, _doc_args(doc)),
        inputs=_call_inputs(cls),
        is_merge=issubclass(cls, Merge),
        unsafe=class_name in overlay.UNSAFE,
        default_name=default_name,
        template=template,
    )


def _make(value: Any) -> Any:
    """Builds the Keras objects an overlay example describes (fresh ones on every call)."""
    import keras

    if isinstance(value, overlay.Make):
        obj = functools.reduce(getattr, value.path.split("."), keras)
        return obj(**value.kwargs) if value.call else obj
    if isinstance(value, list):
        return [_make(item) for item in value]
    return value


def _example_json(value: Any) -> Any:
    """An example argument as Keras serializes it (a layer or function becomes its config)."""
    import keras

    return _json_or_none(keras.saving.serialize_keras_object(value))


def _init_params(cls: type) -> list[inspect.Parameter]:
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return [p for p in params if p.kind not in variadic]


def _example_kwargs(cls: type) -> dict[str, Any]:
    """Returns the arguments the catalog builds a layer with: examples for required ones."""
    by_class = overlay.EXAMPLES_BY_CLASS.get(cls.__name__, {})
    kwargs = {
        p.name: _make(overlay.EXAMPLES_BY_PARAM[p.name])
        for p in _init_params(cls)
        if p.default is p.empty and p.name not in by_class
    }
    return {**kwargs, **{name: _make(value) for name, value in by_class.items()}}


def _instantiate_config(class_name: str, values: dict[str, Any]) -> dict[str, Any]:
    """Lets Keras build a layer from the example arguments and `values`; returns its config."""
    import keras

    cls = _class_named(class_name)
    kwargs = {key: _as_argument(keras, value) for key, value in values.items()}
    try:
        layer = cls(**{**_example_kwargs(cls), **kwargs})
    except Exception as exc:
        received = ", ".join(f"{k}={v!r}" for k, v in values.items())
        raise ValueError(f"{class_name} cannot be built: {exc} Received: {received}") from None
    return json_form(layer.get_config())


def _as_argument(keras: Any, value: Any) -> Any:
    """A serialized layer (or list of them) as the layer object a constructor wants."""
    if isinstance(value, list) and value and all(_is_serialized_layer(v) for v in value):
        return [keras.layers.deserialize(copy.deepcopy(v)) for v in value]
    if _is_serialized_layer(value):
        return keras.layers.deserialize(copy.deepcopy(value))
    return value


def _is_serialized_layer(value: Any) -> bool:
    return isinstance(value, dict) and str(value.get("module", "")).startswith("keras.layers")


def _accepts(cls: type, name: str, value: Any) -> bool:
    """Whether Keras builds the layer with `name=value` (it validates most choices early)."""
    try:
        cls(**{**_example_kwargs(cls), name: value})
    except Exception:
        return False
    return True


def _category(cls: type) -> str:
    if cls.__name__ in overlay.CATEGORY_OVERRIDES:
        return overlay.CATEGORY_OVERRIDES[cls.__name__]
    package = cls.__module__.removeprefix("keras.src.layers.")
    matches = [p for p in overlay.CATEGORY_BY_PACKAGE if package.startswith(p + ".")]
    return overlay.CATEGORY_BY_PACKAGE[max(matches, key=len)] if matches else "Other"


def _first_sentence(doc: str) -> str:
    text = " ".join(doc.strip().split("\n\n")[0].split())
    match = _SENTENCE.match(text)
    return (match.group(1) if match else text).rstrip(".") + "."


def _doc_args(doc: str) -> dict[str, str]:
    """Parses the `Args:` section of a Google-style docstring: name -> one-line text.

    Indentation is taken relative to the `Args:` line: some Keras docstrings get examples
    appended without indentation, which defeats `inspect.cleandoc`.
    """
    args: dict[str, str] = {}
    current = None
    args_indent = None
    for line in doc.expandtabs().splitlines():
        indent = len(line) - len(line.lstrip())
        if line.strip() in ("Args:", "Arguments:"):
            args_indent = indent
        elif args_indent is None or not line.strip():
            continue
        elif indent <= args_indent:
            args_indent = None  # the next section ("Input shape:", "Example:") begins
        elif indent == args_indent + 4 and (match := _DOC_ARG.match(line.strip())):
            current = match.group(1)
            args[current] = match.group(2)
        elif current:
            args[current] += " " + line.strip()
    return args


def _call_inputs(cls: type) -> tuple[CallInput, ...]:
    """Tensor arguments of `call()`: those without a default or defaulting to None."""
    params = list(inspect.signature(cls.call).parameters.values())[1:]
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return tuple(
        CallInput(p.name, required=p.default is p.empty)
        for p in params
        if p.kind not in variadic
        and p.name not in overlay.IMPLICIT_CALL_ARGS
        and (p.default is p.empty or p.default is None)
    )


def _param_specs(
    cls: type, config: dict[str, Any], kwargs: dict[str, Any], docs: dict[str, str]
) -> tuple[ParamSpec, ...]:
    signature = {p.name: p for p in _init_params(cls)}
    names = [*signature, *(key for key in config if key not in signature)]
    return tuple(
        _param_spec(cls, name, signature.get(name), config, kwargs, docs.get(name, ""))
        for name in names
    )


def _param_spec(
    cls: type,
    name: str,
    param: inspect.Parameter | None,
    config: dict[str, Any],
    kwargs: dict[str, Any],
    doc: str,
) -> ParamSpec:
    has_default = param is None or param.default is not param.empty
    sig_default = param.default if param is not None and has_default else None
    in_config = name in config
    default = config[name] if in_config else _json_or_none(sig_default)
    required = not has_default or name in overlay.EXAMPLES_BY_CLASS.get(cls.__name__, {})
    example = None
    if required:
        example = _example_json(kwargs[name])
    kind = _infer_kind(name, default if default is not None else example, doc)
    choices = _choices(cls, kind, name, default, doc)
    if kind is ParamKind.STR and choices:
        kind = ParamKind.ENUM
    length = None
    if kind is ParamKind.INT_TUPLE and in_config:
        length = _tuple_length(cls, name, default, kwargs.get(name, sig_default))
    return ParamSpec(
        name=name,
        kind=kind,
        default=default,
        required=required,
        example=example,
        choices=choices,
        nullable=default is None or (param is not None and param.default is None),
        length=length,
        in_config=in_config,
        in_signature=param is not None,
        # Keras draws a seed at random when given none (`RandomCrop`): so must we.
        random_default=name.endswith("seed") and sig_default is None and _is_int(default),
        doc=doc,
    )


def _json_or_none(value: Any) -> Any:
    try:
        return json_form(value)
    except (TypeError, ValueError):
        return None


_KIND_BY_SUFFIX = {
    "activation": ParamKind.ACTIVATION,
    "initializer": ParamKind.INITIALIZER,
    "regularizer": ParamKind.REGULARIZER,
    "constraint": ParamKind.CONSTRAINT,
}


def _infer_kind(name: str, value: Any, doc: str) -> ParamKind:
    """Infers a parameter's kind from Keras's naming conventions, then from its value, and
    for a `None` default from the first words of its docstring ("Integer, ...")."""
    suffix = name.rsplit("_", 1)[-1]
    if suffix in _KIND_BY_SUFFIX:
        return _KIND_BY_SUFFIX[suffix]
    if name == "dtype":
        return ParamKind.DTYPE
    if _is_serialized_layer(value):
        return ParamKind.LAYER
    for python_type, kind in (
        (bool, ParamKind.BOOL),
        (int, ParamKind.INT),
        (float, ParamKind.FLOAT),
        (str, ParamKind.STR),
    ):
        if isinstance(value, python_type):
            return kind
    if isinstance(value, list) and value and all(_is_number(v) or v is None for v in value):
        floats = name in overlay.NUMBER_TUPLES or any(isinstance(v, float) for v in value)
        return ParamKind.NUMBER_TUPLE if floats else ParamKind.INT_TUPLE
    if value is None:
        lead = doc.lower()
        return next(
            (ParamKind(k) for pattern, k in _DOC_KINDS if pattern.match(lead)), ParamKind.OTHER
        )
    return ParamKind.OTHER


def _choices(cls: type, kind: ParamKind, name: str, default: Any, doc: str) -> tuple[str, ...]:
    if kind in _REGISTRY_KINDS:
        return _registry_choices(kind)
    if kind is ParamKind.DTYPE:
        return _dtype_choices(policy=isinstance(default, dict))
    if kind is ParamKind.STR:
        return _enum_choices(cls, name, default, doc)
    return ()


def _enum_choices(cls: type, name: str, default: str, doc: str) -> tuple[str, ...]:
    """Choices of a string parameter: the values its docstring quotes (if the default is one
    of them), else the overlay's candidates; only those Keras accepts for this class."""
    if default is None:
        return ()
    if name in overlay.ENUM_CHOICES:
        return overlay.ENUM_CHOICES[name]
    from_doc = _quoted_choices(doc, default)
    candidates = from_doc or overlay.ENUM_CANDIDATES.get(name, ())
    if len(candidates) < 2:
        return ()
    if _accepts(cls, name, "__not_a_choice__"):
        # Keras checks the value only later, so trying candidates proves nothing.
        return from_doc
    choices = tuple(c for c in candidates if c == default or _accepts(cls, name, c))
    return choices if len(choices) >= 2 and default in choices else ()


def _quoted_choices(doc: str, default: str) -> tuple[str, ...]:
    for pattern in (_QUOTED, _BACKTICKED):
        quoted = tuple(dict.fromkeys(pattern.findall(doc)))
        if default in quoted and len(quoted) >= 2:
            return quoted
    return ()


def _tuple_length(cls: type, name: str, default: list[Any], passed: Any) -> int | None:
    """The length Keras fixes for an int-tuple argument, or None if it varies.

    Keras expands a single int to a fixed-length tuple (`kernel_size=3` -> `(3, 3)`) where the
    length is fixed; a variable one (`Reshape.target_shape`) refuses a single int.
    """
    if len(default) == 1 and _accepts(cls, name, default * 2):
        return None  # `LayerNormalization.axis`: a one-item list that may grow
    if _is_int(passed):
        return len(default)
    if not _is_int(default[0]):
        return None
    try:
        value = cls(**{**_example_kwargs(cls), name: default[0]}).get_config().get(name)
    except Exception:
        return None
    return len(default) if isinstance(value, list | tuple) and len(value) == len(default) else None


@functools.cache
def _registry_choices(kind: ParamKind) -> tuple[str, ...]:
    """Names Keras's registry resolves for a kind: activation functions, initializer classes..."""
    import keras

    module = getattr(keras, _REGISTRY_KINDS[kind])
    public = [getattr(module, n) for n in dir(module) if not n.startswith("_")]
    if kind is ParamKind.ACTIVATION:
        names = {
            f.__name__ for f in public if inspect.isfunction(f) and f.__name__ not in _API_FUNCS
        }
    else:
        names = {
            c.__name__
            for c in public
            if inspect.isclass(c) and not inspect.isabstract(c) and c.__name__ not in _BASES
        }
    return tuple(sorted(names))


_API_FUNCS = {"get", "serialize", "deserialize"}
_BASES = {"Initializer", "Regularizer", "Constraint"}


@functools.cache
def _dtype_choices(policy: bool) -> tuple[str, ...]:
    from keras.src.backend.common import dtypes

    if policy:  # a layer's dtype policy: compute dtypes, or mixed precision
        return (*dtypes.FLOAT_TYPES, "mixed_float16", "mixed_bfloat16")
    return tuple(dtypes.ALLOWED_DTYPES)
