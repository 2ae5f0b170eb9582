"""The script writer: builder functions, calls, and constructors checked against Keras."""

from __future__ import annotations

import collections
import contextlib
import importlib
import inspect
import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from engine.errors import FormatError, UnsafeContentError
from engine.io.codegen.layout import (
    _INDENT,
    _Atom,
    _call,
    _Expr,
    _flat,
    _layout,
    _literal,
    _mapping,
    _Seq,
)
from engine.io.codegen.names import _Namer, _snake
from engine.io.codegen.walk import (
    _CallState,
    _Graph,
    _history,
    _holds_code,
    _io_node,
    _is_model,
    _is_op,
    _is_tensor,
    _is_triple,
    _output_paths,
)

logger = logging.getLogger(__name__)

_KERAS_PACKAGES = frozenset({"keras", "keras_hub", "keras_cv", "keras_nlp"})
_OBJECT_MODULES = ("keras.initializers", "keras.regularizers", "keras.constraints")


def _norm(value: Any) -> Any:
    """JSON-normalized copy (tuples become lists), for comparing configs."""
    return json.loads(json.dumps(value))


def _unbuilt(value: Any) -> Any:
    """A config without the `build_config` of wrapped layers, which only a build adds."""
    if isinstance(value, dict):
        return {k: _unbuilt(v) for k, v in value.items() if k != "build_config"}
    if isinstance(value, list):
        return [_unbuilt(v) for v in value]
    return value


@dataclass(frozen=True)
class ModelCode:
    """A model's code in parts: import lines, set-up lines, and the builder functions (the last
    one, `build_model()`, returns the model)."""

    imports: list[str]
    setup: list[str]
    functions: str


class _Unexpressible(Exception):
    """A constructor expression cannot rebuild a config; the layer falls back to deserialize."""


_MISSING = object()
_HEADER_KEYS = ("module", "class_name", "registered_name")


@dataclass(frozen=True)
class _Style:
    """How a constructor is written: list arguments as tuples, and keys written even if default."""

    tuples: bool = True
    explicit: frozenset[str] = frozenset()


class _Writer:
    """Writes one script: the builder functions, their imports and the shared naming state."""

    def __init__(self, allow_unsafe: bool) -> None:
        import keras

        self.keras = keras
        self.allow_unsafe = allow_unsafe
        self.namer = _Namer()
        self.functions: list[list[str]] = []
        self.imports: dict[type, str] = {}
        self.namespace: dict[str, Any] = {"keras": keras, "layers": keras.layers}
        self.uses_layers = False
        self.uses_unsafe = False
        # Keras names bare ops itself (add, add_1, ...): we follow its counters in call order.
        self.auto_uids: collections.defaultdict[str, int] = collections.defaultdict(int)
        self.auto_ops: set[str] = set()
        self._styles: dict[str, _Style | None] = {}
        self._defaults: dict[str, Any] = {}
        self._op_checks: dict[str, bool] = {}

    # -------------------------------------------------------------- the script

    def script(self, config: dict) -> str:
        code = self.model_code(config)
        title = re.sub(r"[^\w .,:-]", "", str(config["config"].get("name", "")))
        lines = [f'"""Rebuilds the Keras model \'{title}\' (written by Keras Canvas)."""', ""]
        lines += code.imports
        if code.setup:
            lines += ["", *code.setup]
        lines += ["", "", code.functions]
        lines += ["", "", "model = build_model()", "", 'if __name__ == "__main__":']
        lines += [_INDENT + "model.summary()", ""]
        return "\n".join(lines)

    def model_code(self, config: dict) -> ModelCode:
        """The parts of a script that builds the model: imports, set-up, builder functions."""
        self.builder(config, "build_model")
        imports = ["import keras"]
        if self.uses_layers:
            imports.append("from keras import layers")
        imports += sorted(self.imports.values())
        setup: list[str] = []
        if self.uses_unsafe:
            setup += ["# The model holds Lambda layers: their code is deserialized (allowed)."]
            setup.append("keras.config.enable_unsafe_deserialization()")
        if self.auto_ops:
            names = ", ".join(sorted(self.auto_ops))
            setup += [f"# keras.ops calls ({names}) name their operations themselves:"]
            setup.append(
                "# build in a fresh session (keras.backend.clear_session()) to get these names."
            )
        functions = "\n\n\n".join("\n".join(function) for function in self.functions)
        return ModelCode(imports, setup, functions)

    def builder(self, model: dict, fn_name: str | None = None) -> str:
        """Writes the function that builds a (nested) model and returns its name."""
        config = model["config"]
        name = fn_name or self.namer.fresh(f"build_{config['name']}")
        title = re.sub(r"[^\w .,:-]", "", str(config["name"]))
        lines = [f"def {name}():", f'{_INDENT}"""Builds the model \'{title}\'."""']
        if model["class_name"] == "Sequential":
            lines += _layout(self.sequential(config), _INDENT, "return ")
        else:
            lines += self.functional(config)
        self.functions.append(lines)
        return name

    def sequential(self, config: dict) -> _Expr:
        items = []
        for layer in config["layers"]:
            if layer.get("class_name") == "InputLayer":
                items.append(("", self.input_layer(layer)))
            elif _is_model(layer):
                items.append(("", _Atom(self.builder(layer) + "()")))
            else:
                items.append(("", self.layer(layer)))
        args = [("", _Seq(None, "[", "]", tuple(items), split=True))]
        return _call("keras.Sequential", args + self._model_kwargs(config))

    def functional(self, config: dict) -> list[str]:
        graph = _Graph(config)
        names = {name: self.namer.fresh(name) for name in graph.layers}
        state = _CallState(graph, names)
        lines: list[str] = []
        for name, node in graph.call_order():
            lines += self.call_lines(state, name, node)
        inputs = self.structure(state, config["input_layers"])
        outputs = self.structure(state, config["output_layers"])
        model_args = [("inputs=", inputs), ("outputs=", outputs)]
        return lines + _layout(
            _call("keras.Model", model_args + self._model_kwargs(config)), _INDENT, "return "
        )

    @staticmethod
    def _model_kwargs(config: dict) -> list[tuple[str, _Expr]]:
        kwargs = [("name=", _literal(config["name"]))]
        if config.get("trainable") is False:
            kwargs.append(("trainable=", _Atom("False")))
        return kwargs

    # -------------------------------------------------------------- calls

    def call_lines(self, state: _CallState, name: str, node: int) -> list[str]:
        layer, ident = state.graph.layers[name], state.names[name]
        if layer.get("class_name") == "InputLayer":
            state.exprs[(name, 0, 0)] = ident
            return _layout(self.input_layer(layer), _INDENT, f"{ident} = ")
        if name in state.graph.mask_ops:
            self.auto_uids[_snake(layer["class_name"])] += 1  # Keras makes it with the mask
            return []
        data = layer["inbound_nodes"][node]
        args = [("", self.argument(state, arg)) for arg in data.get("args", [])]
        for key, value in data.get("kwargs", {}).items():
            if self._written(state, key, value):
                if not key.isidentifier():
                    raise FormatError(f"A call argument is not a name. Received: {key!r}")
                args.append((f"{key}=", self.argument(state, value)))
        lines: list[str] = []
        if _is_op(layer):
            function, settings = self.operation(layer, data)
            call, base = _call(function, args + settings), ident
        elif _is_model(layer) or state.graph.calls[name] > 1:
            if name not in state.objects:
                maker = _Atom(self.builder(layer) + "()") if _is_model(layer) else self.layer(layer)
                lines += _layout(maker, _INDENT, f"{ident} = ")
                state.objects[name] = ident
            call = _call(ident, args)
            single = state.graph.calls[name] == 1
            base = self.namer.fresh(f"{ident}_out" if single else f"{ident}_call{node}")
        else:
            call, base = _call(self.layer(layer), args), ident
        target = self.targets(state, layer, node, data.get("kwargs", {}), base)
        return lines + _layout(call, _INDENT, f"{target} = ")

    @staticmethod
    def _written(state: _CallState, key: str, value: Any) -> bool:
        """Whether a call argument is written (Keras adds the others itself when omitted)."""
        if key == "training":
            return value not in (False, None)
        if key == "mask":
            return value is not None and not (
                _is_tensor(value) and _history(value)[0] in state.graph.mask_ops
            )
        return True

    def targets(self, state: _CallState, layer: dict, node: int, kwargs: dict, base: str) -> str:
        """The assignment target of a call; records how to reach each output tensor."""
        name = layer["name"]
        used = state.graph.used.get((name, node), set())
        paths, exact = _output_paths(layer, kwargs, used)
        if paths is None:
            state.exprs[(name, node, 0)] = base
            return base
        if all(path == (i,) for i, path in enumerate(paths)):
            names = []
            for index in range(len(paths)):
                var = self.namer.fresh(f"{base}_{index}") if index in used else "_"
                state.exprs[(name, node, index)] = var
                names.append(var)
            if not exact:
                names.append("*_")
            return ", ".join(names) + ("," if len(names) == 1 else "")
        for index, path in enumerate(paths):
            state.exprs[(name, node, index)] = base + "".join(
                f"[{_flat(_literal(p))}]" for p in path
            )
        return base

    def argument(self, state: _CallState, value: Any) -> _Expr:
        if _is_tensor(value):
            return _Atom(state.exprs[_history(value)])
        if isinstance(value, dict) and value.get("class_name") == "__tuple__":
            items = tuple(("", self.argument(state, v)) for v in value["config"]["value"])
            return _Seq(None, "(", ")", items, one_tuple=True)
        if isinstance(value, dict) and {"class_name", "config"} <= set(value):
            return _call("keras.saving.deserialize_keras_object", [("", _literal(value, False))])
        if isinstance(value, list):
            return _Seq(None, "[", "]", tuple(("", self.argument(state, v)) for v in value))
        if isinstance(value, dict):
            return _mapping(value, lambda v: self.argument(state, v))
        return _literal(value)

    def structure(self, state: _CallState, value: Any) -> _Expr:
        """The model's inputs or outputs, in the structure Keras recorded."""
        if _is_triple(value):
            name, node, index = value
            node = _io_node(state.graph.layers[name], int(node))
            return _Atom(state.exprs[(name, node, int(index))])
        if isinstance(value, dict):
            return _mapping(value, lambda v: self.structure(state, v))
        return _Seq(None, "[", "]", tuple(("", self.structure(state, v)) for v in value))

    def operation(self, layer: dict, data: dict) -> tuple[_Expr, list[tuple[str, _Expr]]]:
        """The function and extra arguments that rebuild a bare op.

        `keras.ops.<fn>(..., <op settings>)` when Keras would name the op as recorded and the
        call rebuilds its config, else the op deserialized from its config.
        """
        config, class_name = layer["config"], layer["class_name"]
        fn = _snake(class_name)
        count = self.auto_uids[fn]
        expected = fn if count == 0 else f"{fn}_{count}"
        settings = self._op_settings(fn, config)
        named = settings is not None and config.get("name") == expected
        if named and self._op_function_matches(layer, fn, data, settings):
            self.auto_uids[fn] += 1
            self.auto_ops.add(fn)
            return _Atom(f"keras.ops.{fn}"), [(f"{k}=", v) for k, v in settings.items()]
        keys = ("module", "class_name", "config", "registered_name")
        op = {k: layer.get(k) for k in keys}
        return _call("keras.saving.deserialize_keras_object", [("", _literal(op, False))]), []

    def _op_settings(self, fn: str, config: dict) -> dict[str, _Expr] | None:
        """The op's settings as keyword arguments of `keras.ops.<fn>` (None if it has no such)."""
        function = getattr(self.keras.ops, fn, None)
        if function is None:
            return None
        params = inspect.signature(function).parameters
        settings = {}
        for key, value in config.items():
            if key == "name":
                continue
            if key not in params:
                return None
            if params[key].default is params[key].empty or _norm(params[key].default) != value:
                settings[key] = self.value(value)
        return settings

    def _op_function_matches(
        self, layer: dict, fn: str, data: dict, settings: dict[str, _Expr]
    ) -> bool:
        """Whether `keras.ops.<fn>` on these arguments creates the recorded op."""
        keras = self.keras
        source = _flat(_call(f"keras.ops.{fn}", list(settings.items())))
        key = json.dumps([layer["module"], layer["config"], source, data], sort_keys=True)
        if key not in self._op_checks:

            def revive(value: Any) -> Any:
                if _is_tensor(value):
                    return keras.KerasTensor(value["config"]["shape"], value["config"]["dtype"])
                if isinstance(value, list):
                    return [revive(v) for v in value]
                if isinstance(value, dict):
                    return {k: revive(v) for k, v in value.items()}
                return value

            try:
                kwargs = {k: eval(_flat(v), self.namespace) for k, v in settings.items()}
                kwargs |= revive(data.get("kwargs", {}))
                out = getattr(keras.ops, fn)(*revive(data.get("args", [])), **kwargs)
                op = keras.tree.flatten(out)[0]._keras_history.operation
                rebuilt = {k: v for k, v in _norm(op.get_config()).items() if k != "name"}
                recorded = {k: v for k, v in layer["config"].items() if k != "name"}
                origin = (type(op).__module__, type(op).__name__)
                matches = origin == (layer["module"], layer["class_name"]) and rebuilt == recorded
            except Exception:  # any failure only means: do not write it this way
                logger.debug("keras.ops.%s does not rebuild %s", fn, layer["name"], exc_info=True)
                matches = False
            self._op_checks[key] = matches
        return self._op_checks[key]

    # -------------------------------------------------------------- constructors

    def input_layer(self, layer: dict) -> _Expr:
        config = layer["config"]
        unknown = set(config) - {"batch_shape", "dtype", "sparse", "ragged", "name", "optional"}
        if unknown:
            raise FormatError(f"Unknown InputLayer settings. Received: {sorted(unknown)}")
        batch, *shape = config["batch_shape"]
        dims = tuple(("", _literal(d)) for d in shape)
        items: list[tuple[str, _Expr]] = [("shape=", _Seq(None, "(", ")", dims, one_tuple=True))]
        if batch is not None:
            items.append(("batch_size=", _literal(batch)))
        if config.get("dtype", "float32") != self.keras.config.floatx():
            items.append(("dtype=", self.value(config["dtype"])))
        items += [
            (f"{k}=", _Atom("True")) for k in ("sparse", "ragged", "optional") if config.get(k)
        ]
        items.append(("name=", _literal(config["name"])))
        return _call("keras.Input", items)

    def layer(self, layer: dict) -> _Expr:
        """The constructor expression of a layer, checked against Keras (or its deserialization)."""
        cls, code = self.resolve(layer)
        if cls is self.keras.layers.Lambda or _holds_code(layer["config"]):
            if not self.allow_unsafe:
                raise UnsafeContentError(
                    f"Layer '{layer['config'].get('name')}' holds a Lambda layer, whose code "
                    "cannot be written safely. Pass allow_unsafe=True to write it anyway. "
                    f"Received: class_name={layer['class_name']!r}"
                )
            self.uses_unsafe = True
            return self.deserialized(layer)
        anonymous = {k: v for k, v in layer["config"].items() if k != "name"}
        key = json.dumps([[layer.get(k) for k in _HEADER_KEYS], anonymous], sort_keys=True)
        if key not in self._styles:
            self._styles[key] = self._style(cls, code, layer)
        style = self._styles[key]
        if style is None:
            return self.deserialized(layer)
        return self.constructor(cls, code, layer["config"], style)

    def _style(self, cls: type, code: str, layer: dict) -> _Style | None:
        """How to write a layer so that Keras rebuilds its config, or None if no way works.

        Defaults can depend on other arguments (`strides` defaults to `pool_size`), so keys that
        come back different are written explicitly on the next attempt.
        """
        config = layer["config"]
        for tuples in (True, False):
            explicit: frozenset[str] = frozenset()
            for _ in range(3):
                style = _Style(tuples, explicit)
                try:
                    expr = self.constructor(cls, code, config, style)
                    built = self._evaluate(expr)
                except Exception:  # any failure only means: do not write it this way
                    logger.debug("no constructor for %s", config.get("name"), exc_info=True)
                    break
                if any(_norm(built.get(k)) != _norm(layer.get(k)) for k in _HEADER_KEYS):
                    break
                rebuilt = _unbuilt(_norm(built["config"]))
                wrong = {
                    k for k, v in config.items() if rebuilt.get(k, _MISSING) != _unbuilt(_norm(v))
                }
                if not wrong and rebuilt.keys() == config.keys():
                    return style
                if not wrong or wrong <= explicit:
                    break
                explicit |= wrong
        return None

    def constructor(self, cls: type, code: str, config: dict, style: _Style) -> _Seq:
        """`Class(required..., non-default kwargs..., name=...)`."""
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
        kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        required = [p.name for p in params if p.default is p.empty and p.kind in kinds]
        if any(name not in config for name in required):
            raise _Unexpressible(f"{cls.__name__} needs {required}")
        prefix = "" if len(required) == 1 else "{}="
        tuples = style.tuples
        items = [(prefix.format(name), self.value(config[name], tuples)) for name in required]
        defaults = self._default_config(code, items)
        for key, value in config.items():
            default = key not in style.explicit and _norm(value) == defaults.get(key, _MISSING)
            if key in required or key == "name" or default:
                continue
            if not key.isidentifier():
                raise _Unexpressible(f"config key {key!r}")
            items.append((f"{key}=", self.value(value, tuples)))
        if "name" in config:
            items.append(("name=", _literal(config["name"])))
        return _call(code, items)

    def _default_config(self, code: str, required: list[tuple[str, _Expr]]) -> dict:
        """The config of `Class(required...)`: what a script gets without writing a key."""
        source = _flat(_call(code, required))
        if source not in self._defaults:
            self._defaults[source] = _norm(self._evaluate(_Atom(source))["config"])
        return self._defaults[source]

    def _evaluate(self, expr: _Expr) -> dict:
        """Builds the object our expression describes and serializes it, as Keras would."""
        # Safe: config values only reach the text through `_literal`, class names through lookups.
        return self.keras.saving.serialize_keras_object(eval(_flat(expr), self.namespace))

    def value(self, value: Any, tuples: bool = True) -> _Expr:
        """A config value as code: Keras objects as constructors, data as literals."""
        if isinstance(value, dict) and {"class_name", "config"} <= set(value):
            return self.keras_object(value, tuples)
        if isinstance(value, dict):
            return _mapping(value, lambda v: self.value(v, tuples))
        if isinstance(value, list):
            if tuples and value and all(type(v) is int or v is None for v in value):
                return _literal(value)
            return _Seq(None, "[", "]", tuple(("", self.value(v, tuples)) for v in value))
        return _literal(value)

    def keras_object(self, obj: dict, tuples: bool) -> _Expr:
        """A serialized Keras object as code: `keras.initializers.HeNormal(seed=3)`, a layer..."""
        module, class_name, config = obj.get("module"), obj["class_name"], obj["config"]
        if class_name == "__tuple__":
            items = tuple(("", self.value(v, tuples)) for v in config["value"])
            return _Seq(None, "(", ")", items, one_tuple=True)
        if module == "keras" and class_name == "DTypePolicy" and list(config) == ["name"]:
            return _literal(config["name"])
        if module in _OBJECT_MODULES and isinstance(config, dict):
            namespace = getattr(self.keras, module.split(".")[1])
            if isinstance(getattr(namespace, str(class_name), None), type) and all(
                str(k).isidentifier() for k in config
            ):
                defaults = self._object_defaults(f"{module}.{class_name}")
                changed = {k: v for k, v in config.items() if _norm(v) != defaults.get(k)}
                # All settings when all are defaults: `L2(l2=0.01)` says more than `L2()`.
                shown = changed or {k: v for k, v in config.items() if v is not None}
                kwargs = [(f"{k}=", self.value(v, tuples)) for k, v in shown.items()]
                return _call(f"{module}.{class_name}", kwargs)
        if str(module).startswith("keras.layers") and isinstance(config, dict):
            with contextlib.suppress(FormatError, _Unexpressible, ValueError, TypeError):
                cls, code = self.resolve(obj)
                return self.constructor(cls, code, config, _Style(tuples))
        return _call("keras.saving.deserialize_keras_object", [("", _literal(obj, False))])

    def _object_defaults(self, code: str) -> dict:
        """The config of an initializer, regularizer or constraint built without arguments."""
        if code not in self._defaults:
            try:
                self._defaults[code] = _norm(self._evaluate(_Atom(code + "()"))["config"])
            except Exception:  # a class with required arguments: every setting is written
                self._defaults[code] = {}
        return self._defaults[code]

    def deserialized(self, layer: dict) -> _Expr:
        """The exact, if less readable, way: `layers.deserialize({...config...})`."""
        self.uses_layers = True
        keys = ("module", "class_name", "config", "registered_name")
        return _call("layers.deserialize", [("", _literal({k: layer.get(k) for k in keys}, False))])

    def resolve(self, layer: dict) -> tuple[type, str]:
        """The layer's class and how the script names it (`layers.Dense`, or an imported name)."""
        module, class_name = str(layer.get("module") or ""), layer.get("class_name")
        registered = layer.get("registered_name")
        if not isinstance(class_name, str) or not class_name.isidentifier():
            raise FormatError(f"A layer's class name is not a name. Received: {class_name!r}")
        public = getattr(self.keras.layers, class_name, None)
        cls = public if module == "keras.layers" else None
        if cls is None and registered:
            cls = self.keras.saving.get_registered_object(registered)
        parts = module.split(".")
        if cls is None and parts[0] in _KERAS_PACKAGES and all(p.isidentifier() for p in parts):
            with contextlib.suppress(ImportError):
                cls = getattr(importlib.import_module(module), class_name, None)
        if not isinstance(cls, type) or cls.__module__ == "__main__":
            raise FormatError(
                f"Layer '{layer.get('name') or layer.get('config', {}).get('name')}' uses the "
                "custom class "
                f"'{registered or class_name}', which cannot be imported, so no script can rebuild "
                f"it. Received: module={module!r}, class_name={class_name!r}, "
                f"registered_name={registered!r}"
            )
        if cls is public:
            self.uses_layers = True
            return cls, f"layers.{class_name}"
        if cls not in self.imports:
            alias = self.namer.fresh(cls.__name__)
            suffix = "" if alias == cls.__name__ else f" as {alias}"
            self.imports[cls] = f"from {cls.__module__} import {cls.__name__}{suffix}"
            self.namespace[alias] = cls
        line = self.imports[cls]
        return cls, line.rsplit(" ", 1)[-1]
