"""Calls into Keras with the values a script computed: layers made and called, models built.

Only the vocabulary's names are ever called (see `engine.io.pyscript.vocabulary`), and only with
values the reader computed itself: literals, Keras objects it made, symbolic tensors. An opaque
value, or a function defined in the script, never reaches Keras: the call is refused with the
line it came from. Keras's own refusals (a shape that does not fit) are reported with the line
of the call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from engine.io.pyscript import legacy_args
from engine.io.pyscript.diagnostics import NOT_RUN, ScriptError
from engine.io.pyscript.keras_session import allow_rnn_states, fresh_names
from engine.io.pyscript.values import KerasName, Method, Opaque, ScriptFunction
from engine.io.pyscript.vocabulary import REFUSED_LAYERS

# Methods of models and layers that train, save, print or inspect: the model stays as it is.
SKIPPED_METHODS = frozenset(
    {
        "compile", "fit", "fit_generator", "evaluate", "evaluate_generator", "predict",
        "predict_generator", "train_on_batch", "test_on_batch", "predict_on_batch", "save",
        "save_weights", "load_weights", "summary", "export", "to_json", "to_yaml", "get_config",
        "get_weights", "set_weights", "count_params", "reset_states", "reset_metrics", "adapt",
        "plot_model", "evaluate_on_batch",
    }
)  # fmt: skip
_FOLLOWED_METHODS = frozenset({"add", "pop", "build", "get_layer"})
_TENSOR_ATTRIBUTES = frozenset({"shape", "dtype", "ndim", "name", "sparse"})
_LAYER_ATTRIBUTES = frozenset(
    {"output", "outputs", "input", "inputs", "name", "layers", "trainable", "built", "dtype"}
)


@dataclass(frozen=True)
class Where:
    """The call being made: its line, its text and the text of its positional arguments."""

    line: int
    text: str
    arg_texts: tuple[str, ...] = ()


@dataclass
class BuiltModel:
    """A model the script builds, with the script's names for it."""

    model: Any
    line: int
    names: list[str] = field(default_factory=list)
    top_level: bool = False


class KerasBuilder:
    """Makes the Keras objects a script asks for and keeps track of what it built.

    Args:
        note: called with (line, text) for each thing read past (a skipped `model.fit`).
    """

    def __init__(self, note: Callable[[int, str], None]) -> None:
        import keras

        self.keras = keras
        self.note = note
        self.models: list[BuiltModel] = []
        self.inputs: list[Any] = []  # symbolic inputs, in the order they were made
        self.produced: list[Any] = []  # every symbolic tensor made by a call
        self.consumed: set[int] = set()  # ids of the tensors some call read
        self._pending: dict[int, tuple[Any, tuple, Any]] = {}  # Keras 2 input of a first layer

    # ------------------------------------------------------------------ values for Keras

    def keras_value(self, value: Any, where: Where) -> Any:
        """`value` as Keras receives it; refuses what only the running script would know."""
        if isinstance(value, Opaque):
            raise ScriptError(where.line, f"`{where.text}` needs {value.explain()}.")
        if isinstance(value, ScriptFunction):
            raise ScriptError(
                where.line,
                f"`{where.text}` is given the function `{value.name}` defined in the script: "
                f"Keras would run it when the model runs; {NOT_RUN}.",
            )
        if isinstance(value, KerasName):
            if value.kind in ("module", "setting", "seed") or value.obj is None:
                raise ScriptError(where.line, f"`{where.text}` is given `{value.path}`.")
            return value.obj
        if isinstance(value, Method):
            raise ScriptError(where.line, f"`{where.text}` is given the method `.{value.name}`.")
        if isinstance(value, list):
            return [self.keras_value(v, where) for v in value]
        if isinstance(value, tuple):
            return tuple(self.keras_value(v, where) for v in value)
        if isinstance(value, dict):
            return {k: self.keras_value(v, where) for k, v in value.items()}
        return value

    def _run(self, where: Where, function: Callable, *args: Any, **kwargs: Any) -> Any:
        """Call Keras; its refusals become errors naming the line."""
        try:
            result = function(*args, **kwargs)
            if isinstance(result, self.keras.layers.Layer):
                allow_rnn_states(result)
            return result
        except ScriptError:
            raise
        except RecursionError:
            raise ScriptError(where.line, f"`{where.text}` is nested too deeply.") from None
        except Exception as exc:  # Keras refuses with many exception types
            raise ScriptError(
                where.line, f"Keras refuses `{where.text}`: {keras_message(exc)}"
            ) from None

    # ------------------------------------------------------------------ names called

    def call_name(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        """Call a vocabulary name (`layers.Dense(...)`, `keras.Model(...)`, `concatenate(...)`)."""
        handler = getattr(self, f"_call_{name.kind}", None)
        if handler is None:
            raise ScriptError(where.line, f"`{name.path}` is a module, not something to call.")
        return handler(name, args, kwargs, where)

    def _call_layer(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        cls = name.obj
        args, kwargs = self.keras_value(args, where), self.keras_value(kwargs, where)
        try:
            translated = legacy_args.translate_layer_kwargs(cls, kwargs)
        except legacy_args.LegacyError as exc:
            raise ScriptError(where.line, f"`{where.text}`: {exc}.") from None
        for text in translated.notes:
            self.note(where.line, text)
        if isinstance(translated.kwargs.get("vocabulary"), str):
            raise ScriptError(
                where.line,
                f"`{where.text}` reads its vocabulary from the file "
                f"{translated.kwargs['vocabulary']!r} when the script runs; {NOT_RUN}.",
            )
        layer = self._run(where, cls, *args, **translated.kwargs)
        if translated.input_batch_shape is not None:
            self._pending[id(layer)] = (layer, translated.input_batch_shape, kwargs.get("dtype"))
        return layer

    def _call_refused(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        reason = REFUSED_LAYERS.get(name.path.rpartition(".")[2], "it is not supported")
        raise ScriptError(where.line, f"`{where.text}`: {reason}; {NOT_RUN}.")

    def _call_input(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        args, kwargs = self.keras_value(args, where), self.keras_value(kwargs, where)
        tensor = self._run(where, name.obj, *args, **kwargs)
        self.inputs.append(tensor)
        return tensor

    def _call_object(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        args, kwargs = self.keras_value(args, where), self.keras_value(kwargs, where)
        return self._run(where, name.obj, *args, **kwargs)

    def _call_model(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        kwargs, notes = legacy_args.translate_model_kwargs(kwargs)
        for text in notes:
            self.note(where.line, text)
        args, kwargs = self.keras_value(args, where), self.keras_value(kwargs, where)
        return self._register(self._run(where, name.obj, *args, **kwargs), where)

    def _call_sequential(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        args, kwargs = self.keras_value(args, where), self.keras_value(kwargs, where)
        layers = kwargs.pop("layers", None) if not args else args.pop(0)
        if layers is not None:
            layers = self._with_keras2_input(list(layers), where)
        model = self._run(where, name.obj, layers, *args, **kwargs)
        return self._register(model, where)

    def _register(self, model: Any, where: Where) -> Any:
        self.models.append(BuiltModel(model, where.line))
        return model

    def _call_merge(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        return self._symbolic(name.obj, args, kwargs, where)

    def _call_op(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        if not self._has_tensor((args, kwargs)):
            return Opaque(where.line, where.text)  # computed on real data: the script's business
        return self._symbolic(name.obj, args, kwargs, where)

    _call_activation = _call_op

    def _call_legacy_merge(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        try:
            function, kwargs = legacy_args.legacy_merge(self.keras_value(kwargs, where))
        except legacy_args.LegacyError as exc:
            raise ScriptError(where.line, f"`{where.text}`: {exc}.") from None
        self.note(where.line, f"`merge(mode=...)` is Keras 1's; read as `{function}(...)`")
        return self._symbolic(getattr(self.keras.layers, function), args, kwargs, where)

    def _call_deserialize(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        args, kwargs = self.keras_value(args, where), self.keras_value(kwargs, where)
        config = args[0] if args else kwargs.get("config")
        _check_serialized(config, where)
        kwargs.pop("safe_mode", None)
        return self._run(where, name.obj, *args, **kwargs)

    def _call_application(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        if kwargs.get("weights", "imagenet") is not None:
            self.note(where.line, "the pretrained weights are not loaded (architecture only)")
        kwargs = {**kwargs, "weights": None}
        args, kwargs = self.keras_value(args, where), self.keras_value(kwargs, where)
        return self._register(self._run(where, name.obj, *args, **kwargs), where)

    def _call_clear_session(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        fresh_names()
        return None

    def _call_int_shape(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        tensor = args[0] if args else kwargs.get("x")
        if not isinstance(tensor, self.keras.KerasTensor):
            raise ScriptError(where.line, f"`{where.text}` needs a tensor.")
        return tuple(tensor.shape)

    def _call_pure(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        return name.obj()

    def _call_setting(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        raise ScriptError(
            where.line,
            f"`{where.text}` changes Keras's global settings, which would change the model; "
            "this reader does not follow it. Set the dtype or data format on the layers instead.",
        )

    def _call_seed(self, name: KerasName, args: list, kwargs: dict, where: Where) -> Any:
        self.note(
            where.line, f"`{where.text}` seeds the training run; not needed to read the model"
        )
        return None

    # ------------------------------------------------------------------ objects called

    def call_object(self, obj: Any, args: list, kwargs: dict, where: Where) -> Any:
        """Call a layer, model or operation on tensors."""
        if not isinstance(obj, self.keras.Operation):
            raise ScriptError(where.line, f"`{where.text}`: {type(obj).__name__} is not callable.")
        for index, arg in enumerate(args):
            for leaf in self.keras.tree.flatten(arg):
                if isinstance(leaf, self.keras.Operation):
                    text = where.arg_texts[index] if index < len(where.arg_texts) else "it"
                    raise ScriptError(
                        where.line,
                        f"`{where.text}` is called on `{text}`, which is a layer "
                        f"({type(leaf).__name__}), not a tensor: a layer is called on a tensor, "
                        f"such as `{type(leaf).__name__}(...)(inputs)`.",
                    )
        self.pending_input_ignored(obj, where.line)
        return self._symbolic(obj, args, kwargs, where)

    def _symbolic(self, function: Any, args: list, kwargs: dict, where: Where) -> Any:
        args, kwargs = self.keras_value(args, where), self.keras_value(kwargs, where)
        outputs = self._run(where, function, *args, **kwargs)
        tree = self.keras.tree
        self.consumed.update(id(t) for t in tree.flatten((args, kwargs)) if self._tensor(t))
        self.produced.extend(t for t in tree.flatten(outputs) if self._tensor(t))
        return outputs

    def _tensor(self, value: Any) -> bool:
        return isinstance(value, self.keras.KerasTensor)

    def _has_tensor(self, value: Any) -> bool:
        if isinstance(value, list | tuple):
            return any(self._has_tensor(v) for v in value)
        if isinstance(value, dict):
            return any(self._has_tensor(v) for v in value.values())
        return self._tensor(value)

    # ------------------------------------------------------------------ attributes, methods

    def attribute(self, obj: Any, attr: str, where: Where) -> Any:
        """`obj.attr` for a Keras object (tensor shapes, a model's outputs, methods)."""
        keras = self.keras
        if isinstance(obj, keras.KerasTensor) and attr in _TENSOR_ATTRIBUTES:
            value = getattr(obj, attr)
            return tuple(value) if attr == "shape" else value
        if isinstance(obj, keras.layers.Layer):
            if attr in _FOLLOWED_METHODS | SKIPPED_METHODS:
                return Method(obj, attr)
            if attr in _LAYER_ATTRIBUTES:
                value = self._run(where, getattr, obj, attr)
                return list(value) if attr == "layers" else value
        return Opaque(where.line, where.text, "is only known when the script runs")

    def set_attribute(self, obj: Any, attr: str, value: Any, where: Where) -> None:
        if isinstance(obj, self.keras.layers.Layer) and attr == "trainable":
            obj.trainable = bool(self.keras_value(value, where))
            return
        raise ScriptError(
            where.line, f"setting `{where.text}` after it is made is not followed by this reader."
        )

    def call_method(self, method: Method, args: list, kwargs: dict, where: Where) -> Any:
        obj, name = method.owner, method.name
        if name in SKIPPED_METHODS:
            self.note(where.line, f"`{where.text}` runs when the script runs; not read")
            return Opaque(where.line, where.text, noted=True)
        args, kwargs = self.keras_value(args, where), self.keras_value(kwargs, where)
        if name == "add" and isinstance(obj, self.keras.Sequential):
            first = not getattr(obj, "_layers", True)  # Keras 2's input on the first layer
            for layer in self._with_keras2_input(args[:1], where, first)[:-1]:
                self._run(where, obj.add, layer)
            return self._run(where, obj.add, *args, **kwargs)
        if name in _FOLLOWED_METHODS:
            return self._run(where, getattr(obj, name), *args, **kwargs)
        raise ScriptError(where.line, f"`{where.text}` is not followed by this reader.")

    # ------------------------------------------------------------------ Keras 2 inputs

    def _with_keras2_input(self, layers: list, where: Where, first: bool = True) -> list:
        """A Sequential's layers, led by the InputLayer a Keras 2 first layer declared."""
        for index, layer in enumerate(layers):
            pending = self._pending.pop(id(layer), None)
            if pending is None:
                continue
            if index > 0 or not first:
                self.note(
                    where.line,
                    f"the input declared on `{layer.name}` is ignored "
                    "(only a first layer declares the input, as in Keras 2)",
                )
                continue
            _layer, batch_shape, dtype = pending
            dtype = dtype if isinstance(dtype, str) and not dtype.startswith("mixed") else None
            input_layer = self._run(
                where,
                self.keras.layers.InputLayer,
                batch_shape=batch_shape,
                dtype=dtype,
                name=f"{layer.name}_input",
            )
            self.note(
                where.line,
                f"the input declared on `{layer.name}` (Keras 2) is read as an "
                f"InputLayer `{layer.name}_input` of shape {batch_shape}",
            )
            layers = [input_layer, *layers]
        return layers

    def pending_input_ignored(self, layer: Any, line: int) -> None:
        """A layer that declared a Keras 2 input is called on a tensor: the input means nothing."""
        if self._pending.pop(id(layer), None) is not None:
            self.note(
                line,
                f"the input declared on `{layer.name}` is ignored: it is called on a "
                "tensor (Keras 2 did the same)",
            )


def _check_serialized(config: Any, where: Where) -> None:
    """A serialized Keras object from the script: Keras layers, ops and their settings only,
    never code, never a class that reads files (checked before Keras deserializes anything)."""
    if isinstance(config, dict):
        module, class_name = config.get("module"), config.get("class_name")
        if class_name in ("__lambda__", *REFUSED_LAYERS):
            raise ScriptError(where.line, f"`{where.text}` holds a {class_name}; {NOT_RUN}.")
        named = isinstance(module, str) and isinstance(class_name, str)
        if named and not _serializable(module, class_name):
            raise ScriptError(
                where.line,
                f"`{where.text}` names {module}.{class_name}, which is not a Keras layer, "
                "operation or setting.",
            )
        for value in config.values():
            _check_serialized(value, where)
    elif isinstance(config, list):
        for value in config:
            _check_serialized(value, where)


def _serializable(module: str, class_name: str) -> bool:
    import importlib
    import inspect

    import keras

    if not (module == "keras" or module.startswith("keras.")):
        return False
    if class_name == "function":  # activations and ops are referred to by name
        return module.startswith(("keras.src.activations", "keras.activations", "keras.src.ops"))
    try:
        owner = importlib.import_module(module)
    except ImportError:
        return False
    cls = getattr(owner, class_name, None)
    bases = (
        keras.layers.Layer,
        keras.Operation,
        keras.initializers.Initializer,
        keras.regularizers.Regularizer,
        keras.constraints.Constraint,
        keras.DTypePolicy,
    )
    return inspect.isclass(cls) and issubclass(cls, bases)


def keras_message(exc: BaseException) -> str:
    """Keras's refusal in one paragraph, without the call-stack context it adds."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip()  # Keras writes names in bold
    text = re.split(r"\n\s*(Arguments received by|Call arguments received)", text)[0]
    text = re.sub(r"Exception encountered when calling [^\n]*\n", "", text)
    text = " ".join(text.split())
    return text if len(text) <= 400 else text[:397] + "..."
