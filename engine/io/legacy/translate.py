"""Step one of the import: a Keras 2 model config rewritten as a dict Keras 3 can deserialize.

Pure dict work, no Keras: models (Functional, Sequential, nested), their nodes (calls) and
their layers. What cannot be translated raises `FormatError`, naming the layer.
"""

from __future__ import annotations

import copy
from typing import Any

from engine.errors import FormatError, UnsafeContentError
from engine.io.legacy.checks import check_legacy_config

MODEL_CLASSES = frozenset({"Functional", "Model", "Sequential"})
# Keras 2 wrappers of raw TensorFlow functions: there is nothing in Keras 3 to load them into.
_TF_OP_CLASSES = frozenset({"TensorFlowOpLayer", "TFOpLambda", "SlicingOpLambda"})
_DEPTHWISE_CLASSES = frozenset(
    {"DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D"}
)
_OBJECT_MODULES = {
    "_initializer": "keras.initializers",
    "_regularizer": "keras.regularizers",
    "_constraint": "keras.constraints",
}
# Keras 2 options that Keras 3 lacks; only their default (False) can be translated.
_FALSE_ONLY_KEYS = ("time_major", "softmax_robust_masking")
# Keys Keras 2 wrote that Keras 3 layers reject and that carry no information Keras 3 needs.
_DROPPED_KEYS = {
    "Embedding": ("input_length",),
    "MultiHeadAttention": ("query_shape", "key_shape", "value_shape"),
    "BatchNormalization": ("fused", "virtual_batch_size", "adjustment"),
    # Keras 2 separable convolutions inherited, and wrote, the unused settings of a plain kernel.
    "SeparableConv1D": ("kernel_initializer", "kernel_regularizer", "kernel_constraint"),
    "SeparableConv2D": ("kernel_initializer", "kernel_regularizer", "kernel_constraint"),
}


def keras3_name(name: Any) -> Any:
    """The Keras 3 name of a Keras 2 layer or model: Keras 3 forbids `/` (DenseNet's "conv1/conv").

    Args:
        name: A Keras 2 name (None passes through).

    Returns:
        The name with `/` replaced by `_`.
    """
    return name.replace("/", "_") if isinstance(name, str) else name


def is_legacy_config(cfg: object) -> bool:
    """Whether `cfg` is a Keras 2 model config (as `model.to_json()` of Keras 2 writes it).

    Args:
        cfg: A parsed model JSON.

    Returns:
        True for a Keras 2 Functional/Sequential config, False for Keras 3 configs and anything
        that is not a model config.
    """
    if _class_name(cfg) not in MODEL_CLASSES:
        return False
    config = cfg.get("config")
    layers = config.get("layers") if isinstance(config, dict) else config
    if not isinstance(layers, list):
        return False
    version = str(cfg.get("keras_version", ""))
    return "module" not in cfg or version.startswith(("1.", "2."))


def translate_legacy_config(cfg: dict, allow_unsafe: bool = False) -> dict:
    """Rewrites a Keras 2 model config into a dict Keras 3 can deserialize (no Keras needed).

    The `__keras_tensor__` entries of the result carry placeholder shapes: Keras 3 replaces them
    with the real tensors when it builds the model. Use `convert_legacy_config` for the final form.

    Args:
        cfg: The parsed Keras 2 `model.to_json()`.
        allow_unsafe: Translate Lambda layers instead of refusing them.

    Returns:
        A Keras 3 model config dict with placeholder tensor shapes.

    Raises:
        StructureError: a value of the wrong type or form; the message names its place.
        FormatError: `cfg` is not a model config, or a layer cannot be translated.
    """
    if _class_name(cfg) not in MODEL_CLASSES:
        received = cfg.get("class_name") if isinstance(cfg, dict) else type(cfg).__name__
        raise FormatError(
            "Expected a Keras model config (class_name 'Functional', 'Model' or 'Sequential'). "
            f"Received: {_preview(received)}"
        )
    check_legacy_config(cfg)
    try:
        return _translate_model(cfg, allow_unsafe)
    except (TypeError, AttributeError, KeyError, ValueError, IndexError, RecursionError) as error:
        # A field of an unexpected type deep inside a damaged file: no traceback for the user.
        raise FormatError(
            f"Malformed Keras 2 model config. Received: {type(error).__name__}: {error}"
        ) from error


def _preview(obj: Any, limit: int = 200) -> str:
    """A repr short enough for an error message (a damaged config can be megabytes)."""
    text = repr(obj)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _get(obj: Any, key: str, default: Any = None) -> Any:
    """`obj[key]` if `obj` is a dict holding it (damaged files put anything anywhere)."""
    return obj.get(key, default) if isinstance(obj, dict) else default


def _class_name(obj: Any) -> str | None:
    """The `class_name` of a config dict, or None (also for damaged, non-string values)."""
    name = obj.get("class_name") if isinstance(obj, dict) else None
    return name if isinstance(name, str) else None


def _layer_name(layer: dict) -> str:
    config = layer.get("config")
    name = config.get("name") if isinstance(config, dict) else None
    return str(name or layer.get("name") or "?")


# --- models -------------------------------------------------------------------------------


def _translate_model(cfg: dict, allow_unsafe: bool) -> dict:
    if cfg["class_name"] == "Sequential":
        return _translate_sequential(cfg, allow_unsafe)
    return _translate_functional(cfg, allow_unsafe)


def _translate_functional(cfg: dict, allow_unsafe: bool) -> dict:
    config = cfg.get("config")
    if not isinstance(config, dict) or not isinstance(config.get("layers"), list):
        raise FormatError(
            f"A Functional model config needs a 'layers' list. Received: {_preview(config)}"
        )
    for key in ("input_layers", "output_layers"):
        if key not in config:
            raise FormatError(f"Functional model config without '{key}'. Received: {list(config)}")
    layers = config["layers"]
    nested = {
        str(layer.get("name")): layer["class_name"]
        for layer in layers
        if _class_name(layer) in MODEL_CLASSES
    }
    names = {str(layer.get("name")) for layer in layers if isinstance(layer, dict)}
    new_layers = []
    for layer in layers:
        new_layer = _translate_layer(layer, allow_unsafe)
        new_layer["name"] = keras3_name(_layer_name(layer))
        nodes = layer.get("inbound_nodes", [])
        if not isinstance(nodes, list):
            raise FormatError(
                f"Layer '{new_layer['name']}' has invalid inbound_nodes. "
                f"Received: {_preview(nodes)}"
            )
        new_layer["inbound_nodes"] = [
            _translate_node(node, nested, names, new_layer["name"]) for node in nodes
        ]
        new_layers.append(new_layer)
    # Keras 3 still reads input/output references to nested *Functional* models with the
    # Keras 2 shift; it does not shift Sequential ones, so those are shifted here (unless the
    # config was written by Keras 3 into an .h5 file: its calls are dicts, its indices Keras 3's).
    keras2_calls = any(
        isinstance(node, list) for layer in layers for node in layer.get("inbound_nodes", [])
    )
    sequential = {n for n, cls in nested.items() if cls == "Sequential" and keras2_calls}
    _check_unique_names(new_layers, config.get("name"))
    return {
        "module": "keras.src.models.functional",
        "class_name": "Functional",
        "config": {
            "name": keras3_name(config.get("name")),
            "trainable": config.get("trainable", True),
            "layers": new_layers,
            "input_layers": _translate_io(config["input_layers"], sequential),
            "output_layers": _translate_io(config["output_layers"], sequential),
        },
        "registered_name": "Functional",
    }


def _check_unique_names(layers: list[dict], model: Any) -> None:
    """Renaming `a/b` to `a_b` must not merge two layers into one name."""
    seen: set[str] = set()
    for layer in layers:
        name = _get(layer.get("config"), "name")
        if name is None:
            continue
        if name in seen:
            raise FormatError(
                f"Model '{model}' has two layers named '{name}' once `/` is replaced by `_` "
                f"(Keras 3 forbids `/` in names). Received: duplicate name {name!r}"
            )
        seen.add(name)


def _translate_io(refs: Any, sequential: set[str]) -> Any:
    """Input/output references; Keras 2 wraps a single one in a list, Keras 3 does not."""

    def convert(ref: Any) -> Any:
        if _is_ref(ref):
            index = ref[1] - (1 if ref[0] in sequential else 0)
            if index < 0:
                raise FormatError(
                    f"Model input/output uses node 0 of nested model '{ref[0]}', its "
                    f"construction. Received: {ref}"
                )
            return [keras3_name(ref[0]), index, ref[2]]
        if isinstance(ref, dict):
            return {k: convert(v) for k, v in ref.items()}
        if isinstance(ref, list):
            return [convert(v) for v in ref]
        raise FormatError(
            f"Invalid input/output reference in model config. Received: {_preview(ref)}"
        )

    converted = convert(refs)
    if isinstance(converted, list) and len(converted) == 1 and _is_ref(converted[0]):
        return converted[0]
    return converted


def _translate_sequential(cfg: dict, allow_unsafe: bool) -> dict:
    config = cfg.get("config")
    # Keras <= 2.1 wrote the layer list itself as the config.
    layers = config if isinstance(config, list) else _get(config, "layers")
    if not isinstance(layers, list):
        raise FormatError(
            f"A Sequential model config needs a 'layers' list. Received: {_preview(config)}"
        )
    name = keras3_name(_get(config, "name"))
    layers = [copy.deepcopy(layer) for layer in layers]
    if layers and isinstance(layers[0], dict) and layers[0].get("class_name") != "InputLayer":
        first = layers[0].get("config", {})
        if isinstance(first, dict) and first.get("batch_input_shape") is not None:
            layers.insert(0, _input_layer_for(first))
    new_config: dict[str, Any] = {
        "name": name,
        "trainable": _get(config, "trainable", True),
        "layers": [_translate_layer(layer, allow_unsafe) for layer in layers],
    }
    _check_unique_names(new_config["layers"], name)
    if _get(config, "build_input_shape") is not None:  # a Sequential built by a call
        new_config["build_input_shape"] = config["build_input_shape"]
    return {"module": "keras", "class_name": "Sequential", "config": new_config}


def _input_layer_for(first: dict) -> dict:
    """The InputLayer that Keras 2 created implicitly from a first layer's `batch_input_shape`."""
    dtype = _policy_name(first.get("dtype")) or "float32"
    if not isinstance(dtype, str) or dtype.startswith("mixed_"):
        dtype = "float32"  # a mixed policy computes in float16 but takes float32 inputs
    return {
        "class_name": "InputLayer",
        "config": {
            "batch_input_shape": first["batch_input_shape"],
            "dtype": dtype,
            "sparse": False,
            "name": f"{first.get('name', 'input')}_input",
        },
    }


# --- nodes --------------------------------------------------------------------------------


def _is_ref(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) in (3, 4)
        and isinstance(value[0], str)
        and isinstance(value[1], int)
        and isinstance(value[2], int)
    )


def _translate_node(node: Any, nested: dict[str, str], names: set[str], layer: str) -> Any:
    """One call of a layer, from Keras 2 `[[name, node, tensor, kwargs], ...]` to Keras 3."""
    if isinstance(node, dict) and "args" in node:
        return node  # already Keras 3
    leaves: list[list] = []

    def tensor(ref: list) -> dict:
        name, node_index, tensor_index = ref[0], ref[1], ref[2]
        if name not in names:
            raise FormatError(
                f"Layer '{layer}' is called on layer '{name}', which the model does not contain. "
                f"Received: {ref[:3]}"
            )
        if name in nested:  # Keras 2 counted the nested model's own construction as node 0
            node_index -= 1
            if node_index < 0:
                raise FormatError(
                    f"Layer '{layer}' uses node 0 of nested model '{name}', its construction. "
                    f"Received: {ref[:3]}"
                )
        return _keras_tensor([keras3_name(name), node_index, tensor_index])

    def convert(value: Any) -> Any:
        if isinstance(value, list) and len(value) in (3, 4) and value[0] == "_CONSTANT_VALUE":
            leaves.append(value)  # a constant in the first argument: [.., -1, value, kwargs]
            return value[2]
        if _is_ref(value):
            leaves.append(value)
            return tensor(value)
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        raise FormatError(f"Invalid inbound node of layer '{layer}'. Received: {_preview(node)}")

    args = convert(node)
    if isinstance(args, list) and len(args) == 1:
        args = args[0]
    kwargs = leaves[0][3] if leaves and len(leaves[0]) == 4 else {}
    return {"args": [args], "kwargs": _translate_kwargs(kwargs, tensor, names)}


def _translate_kwargs(kwargs: Any, tensor: Any, names: set[str]) -> Any:
    """Call kwargs; Keras 2 wrote tensors among them (`mask`, `initial_state`) as references."""
    if isinstance(kwargs, list) and len(kwargs) == 3 and _is_ref(kwargs) and kwargs[0] in names:
        return tensor(kwargs)
    if isinstance(kwargs, dict):
        return {k: _translate_kwargs(v, tensor, names) for k, v in kwargs.items()}
    if isinstance(kwargs, list):
        return [_translate_kwargs(v, tensor, names) for v in kwargs]
    return kwargs


def _keras_tensor(history: list) -> dict:
    # Placeholder shape: Keras swaps in the real tensor from `keras_history` when it builds.
    return {
        "class_name": "__keras_tensor__",
        "config": {"shape": [], "dtype": "float32", "keras_history": history},
    }


# --- layers -------------------------------------------------------------------------------


def _translate_layer(layer: Any, allow_unsafe: bool) -> dict:
    """One layer's `{class_name, config}` into Keras 3 form (without its graph connections)."""
    if not isinstance(layer, dict) or not isinstance(layer.get("class_name"), str):
        raise FormatError(
            f"Expected a layer config with a 'class_name'. Received: {_preview(layer)}"
        )
    class_name = layer["class_name"]
    name = _layer_name(layer)
    if class_name in MODEL_CLASSES:
        return _translate_model(
            {"class_name": class_name, "config": layer.get("config")}, allow_unsafe
        )
    if class_name in _TF_OP_CLASSES:
        function = (layer.get("config") or {}).get("function", "?")
        raise FormatError(
            f"Layer '{name}' ({class_name}) wraps the raw TensorFlow operation {function!r}, "
            "which Keras 3 cannot load; rebuild it with a Keras layer or keras.ops. "
            f"Received: class_name={class_name!r}"
        )
    config = copy.deepcopy(layer.get("config"))
    if not isinstance(config, dict):
        raise FormatError(f"Layer '{name}' has no config dict. Received: {_preview(config)}")
    module = layer.get("module")
    if isinstance(module, str) and module.startswith("keras.src.ops"):
        # A Keras 3 operation (`.h5` files written by Keras 3): already in Keras 3 form.
        return {**layer, "config": config}
    if class_name == "Lambda":
        _translate_lambda(name, config, allow_unsafe)
    _translate_layer_config(class_name, name, config, allow_unsafe)
    return {"module": "keras.layers", "class_name": class_name, "config": config}


def _translate_layer_config(class_name: str, name: str, config: dict, allow_unsafe: bool) -> None:
    """Fixes, in place, the config keys whose meaning or form changed from Keras 2 to 3."""
    if "name" in config:
        config["name"] = keras3_name(config["name"])
    batch_input_shape = config.pop("batch_input_shape", None)
    if class_name == "InputLayer" and batch_input_shape is not None:
        config["batch_shape"] = batch_input_shape
    if "dtype" in config:
        config["dtype"] = _policy_name(config["dtype"])
    for key in _FALSE_ONLY_KEYS:
        value = config.pop(key, False)  # False is Keras 3's behaviour: the key can go
        if value:
            raise FormatError(
                f"Layer '{name}' ({class_name}) uses {key}={value!r}, which Keras 3 does not "
                f"support. Received: {key}={value!r}"
            )
    if class_name in _DEPTHWISE_CLASSES and "groups" in config:
        groups = config.pop("groups")
        if groups not in (1, None):
            raise FormatError(
                f"Layer '{name}' ({class_name}) uses groups != 1, which Keras 3 does not support "
                f"for this layer. Received: groups={groups}"
            )
    if class_name == "BatchNormalization":
        _translate_batch_norm(name, config)
    if class_name == "LeakyReLU" and "alpha" in config:
        config["negative_slope"] = config.pop("alpha")
    for key in _DROPPED_KEYS.get(class_name, ()):
        config.pop(key, None)
    for key, value in list(config.items()):
        config[key] = _translate_value(name, key, value, allow_unsafe)


def _translate_batch_norm(name: str, config: dict) -> None:
    axis = config.get("axis")
    if isinstance(axis, list):
        if len(axis) != 1:
            raise FormatError(
                f"Layer '{name}' (BatchNormalization) normalizes over several axes, which "
                f"Keras 3 does not support. Received: axis={axis}"
            )
        config["axis"] = int(axis[0])
    if config.get("virtual_batch_size") is not None:
        raise FormatError(
            f"Layer '{name}' (BatchNormalization) uses virtual_batch_size, which Keras 3 does "
            f"not support. Received: virtual_batch_size={config['virtual_batch_size']}"
        )


def _translate_value(layer: str, key: str, value: Any, allow_unsafe: bool) -> Any:
    """Nested objects of a layer config: initializers, regularizers, wrapped layers, cells."""
    if key in ("layer", "backward_layer", "cell") and isinstance(value, dict):
        return _translate_layer(value, allow_unsafe)
    if key == "cells" and isinstance(value, list):
        return [_translate_layer(cell, allow_unsafe) for cell in value]
    for suffix, module in _OBJECT_MODULES.items():
        if key.endswith(suffix) and isinstance(value, dict):
            return _translate_object(value, module, f"'{layer}' {key}")
    return value


def _translate_object(obj: dict, module: str, where: str) -> dict:
    config = obj.get("config") or {}
    if _class_name(obj) is None or not isinstance(config, dict):
        raise FormatError(
            f"Layer {where} is not a valid Keras object config. Received: {_preview(obj)}"
        )
    config = dict(config)
    config.pop("dtype", None)  # Keras 2.0-2.3 initializers carried a dtype
    if obj["class_name"] == "VarianceScaling" and config.get("distribution") == "normal":
        config["distribution"] = "truncated_normal"  # Keras 2's alias
    return {
        "module": module,
        "class_name": obj["class_name"],
        "config": config,
        "registered_name": None,
    }


def _policy_name(dtype: Any) -> Any:
    """Keras 2 dtype policies (`Policy`, `mixed_float16`) into the name Keras 3 accepts."""
    if isinstance(dtype, dict):
        return (dtype.get("config") or {}).get("name", "float32")
    return dtype


def _translate_lambda(name: str, config: dict, allow_unsafe: bool) -> None:
    """Keras 2 Lambda `function: [code, defaults, closure]` into Keras 3's `__lambda__`."""
    if not allow_unsafe:
        raise UnsafeContentError(
            f"Layer '{name}' is a Lambda layer: loading it runs Python code stored in the file. "
            "Load the file with unsafe loading allowed only if you trust it. "
            "Received: class_name='Lambda'"
        )
    for key in ("function", "output_shape"):
        kind = config.pop(f"{key}_type" if key == "function" else "output_shape_type", "raw")
        value = config.get(key)
        if kind == "lambda" and isinstance(value, list) and len(value) == 3:
            config[key] = {
                "class_name": "__lambda__",
                "config": {"code": value[0], "defaults": value[1], "closure": value[2]},
            }
        elif kind == "function":
            raise FormatError(
                f"Layer '{name}' (Lambda) refers to the Python function {value!r} of module "
                f"{config.get('module')!r}, which cannot be restored from the file. "
                f"Received: {key}_type='function'"
            )
    for key in ("module", "output_shape_module"):
        config.pop(key, None)
