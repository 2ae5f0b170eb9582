"""Building the catalog by introspecting Keras: classes, signatures, configs and docstrings.

Everything here runs with Keras imported (a few seconds for the whole catalog); the module
itself imports Keras only when one of its functions runs.
"""

from __future__ import annotations

import functools
import inspect
import logging
import re
import time
from typing import Any

from engine.catalog import overlay
from engine.catalog.keras_layers import (
    example_kwargs,
    init_params,
    is_serialized_layer,
    layer_classes,
)
from engine.catalog.params import (
    _REGISTRY_KINDS,
    ParamKind,
    ParamSpec,
    _is_int,
    _is_number,
    json_form,
)
from engine.catalog.specs import CallInput, Catalog, LayerSpec

logger = logging.getLogger(__name__)


def build_catalog() -> Catalog:
    """Builds the catalog by introspecting Keras (imports Keras; a few seconds)."""
    start = time.perf_counter()
    catalog = Catalog(_build_specs())
    logger.info(
        "Built the layer catalog (%d classes) in %.2f s", len(catalog), time.perf_counter() - start
    )
    return catalog


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


def _build_specs() -> list[LayerSpec]:
    specs = []
    for cls, names in layer_classes().items():
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

    kwargs = example_kwargs(cls)
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
        **_call_signature(cls),
        is_merge=issubclass(cls, Merge),
        unsafe=class_name in overlay.UNSAFE,
        default_name=default_name,
        template=template,
    )


def _example_json(value: Any) -> Any:
    """An example argument as Keras serializes it (a layer or function becomes its config)."""
    import keras

    return _json_or_none(keras.saving.serialize_keras_object(value))


def _accepts(cls: type, name: str, value: Any) -> bool:
    """Whether Keras builds the layer with `name=value` (it validates most choices early)."""
    try:
        cls(**{**example_kwargs(cls), name: value})
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


def _call_signature(cls: type) -> dict[str, Any]:
    """`call()`'s parameter names and the defaults JSON can hold (what a call records)."""
    params = [
        p
        for p in list(inspect.signature(cls.call).parameters.values())[1:]
        if p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    defaults = {}
    for p in params:
        if p.default is not p.empty and _is_plain(p.default):
            defaults[p.name] = p.default
    return {"call_params": tuple(p.name for p in params), "call_defaults": defaults}


def _is_plain(value: Any) -> bool:
    return value is None or isinstance(value, bool | int | float | str)


def _param_specs(
    cls: type, config: dict[str, Any], kwargs: dict[str, Any], docs: dict[str, str]
) -> tuple[ParamSpec, ...]:
    signature = {p.name: p for p in init_params(cls)}
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
    if is_serialized_layer(value):
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
        value = cls(**{**example_kwargs(cls), name: default[0]}).get_config().get(name)
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
