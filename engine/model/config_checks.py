"""The structure of a Keras 3 model config, checked before it is read into a graph.

`keras_config.graph_from_config` relies on what Keras writes: a list of layers, each a dict with
a `class_name` and a `config` that has a `name`; calls as `{"args": [...], "kwargs": {...}}`;
tensors as `__keras_tensor__` dicts whose `keras_history` is `[layer name, node index, tensor
index]` naming a call that exists; Input shapes as lists of sizes. A damaged file can hold
anything anywhere, so each of these is checked here, and the first that fails raises a
`StructureError` naming its place in the file (`config.layers[3] ("dense_1").inbound_nodes[0]:
expected a list. Received: null.`). Layer settings (units, activation...) are Keras's to judge:
a bad one is a problem of that layer, reported when its shapes are computed.
"""

from __future__ import annotations

import math
from typing import Any

from engine.errors import Step, StructureError, TooLargeError, describe_location

MODEL_CLASSES = ("Functional", "Sequential", "Model")
# per model: the largest keras.applications model has 1,041; a chain of 20,000 opens in ~10 s
MAX_LAYERS = 50_000

Path = tuple[Step, ...]


def check_model_config(cfg: Any, path: Path = ()) -> None:
    """Raises StructureError (or TooLargeError) at the first place `cfg` is not a model config."""
    _expect(cfg, dict, path, "a model config: an object with 'class_name' and 'config'")
    for key in ("class_name", "config"):
        if key not in cfg:
            raise StructureError.at(path, f"a model config with '{key}'", cfg)
    class_name = _expect(cfg["class_name"], str, (*path, "class_name"), "a class name")
    config = cfg["config"]
    for key in ("module", "registered_name"):
        _optional(cfg, key, str, path, "text")
    if class_name == "Sequential":
        _check_layers(config, (*path, "config"), functional=False)
    elif class_name in ("Functional", "Model") or (isinstance(config, dict) and "layers" in config):
        _check_layers(config, (*path, "config"), functional=True)


def _check_layers(config: Any, path: Path, functional: bool) -> None:
    _expect(config, dict, path, "an object with a 'layers' list")
    layers = _expect(config.get("layers"), list, (*path, "layers"), "a list of layers")
    if len(layers) > MAX_LAYERS:
        raise TooLargeError(
            f"{_where(path)} has {len(layers):,} layers; Keras Canvas reads models of up to "
            f"{MAX_LAYERS:,} layers per model (the largest Keras application has 1,041)."
        )
    _optional(config, "name", str, path, "text")
    _optional(config, "trainable", bool, path, "true or false")
    calls: dict[str, tuple[int, int]] = {}  # layer name -> (calls, endpoint offset)
    for index, entry in enumerate(layers):
        name = _check_layer(entry, (*path, "layers"), index)
        if not functional:
            continue
        if name in calls:
            raise StructureError.at(
                (*path, "layers", (index, name), "name"), "a name no other layer has", name
            )
        inbound = entry.get("inbound_nodes", [])
        is_input = entry["class_name"] == "InputLayer"
        offset = 1 if entry["class_name"] == "Functional" else 0
        calls[name] = (max(len(inbound), 1 if is_input else 0), offset)
    if functional:
        for index, entry in enumerate(layers):
            where = (*path, "layers", _labelled(index, entry), "inbound_nodes")
            for call_index, call in enumerate(entry.get("inbound_nodes", [])):
                _check_call(call, (*where, call_index), calls)
        inputs = {_entry_name(e) for e in layers if e.get("class_name") == "InputLayer"}
        _check_endpoints(config.get("input_layers", []), (*path, "input_layers"), calls, inputs)
        _check_endpoints(config.get("output_layers", []), (*path, "output_layers"), calls)


def _check_layer(entry: Any, path: Path, index: int) -> str:
    """Checks one entry of `layers`; returns its name."""
    here = (*path, index)
    _expect(entry, dict, here, "a layer: an object with 'class_name' and 'config'")
    here = (*path, _labelled(index, entry))
    class_name = entry.get("class_name")
    _expect(class_name, str, (*here, "class_name"), "a class name")
    if "config" not in entry:
        raise StructureError.at(here, "a layer with a 'config'", entry)
    for key in ("module", "registered_name"):
        _optional(entry, key, str, here, "text")
    _optional(entry, "build_config", dict, here, "an object")
    if class_name in MODEL_CLASSES:
        check_model_config({"class_name": class_name, "config": entry["config"]}, here)
        inner = entry["config"].get("name")
    else:
        config = _expect(entry["config"], dict, (*here, "config"), "an object of settings")
        inner = _expect(config.get("name"), str, (*here, "config", "name"), "the layer's name")
        if class_name == "InputLayer":
            _check_input(config, (*here, "config"))
    if "name" in entry:
        _expect(entry["name"], str, (*here, "name"), "the layer's name")
    if "inbound_nodes" in entry:
        _expect(entry["inbound_nodes"], list, (*here, "inbound_nodes"), "a list of calls")
    return entry.get("name", inner)


def _labelled(index: int, entry: Any) -> Step:
    """A list index, with the layer's name when it has one: `layers[3] ("dense_1")`."""
    name = _entry_name(entry)
    return index if name is None else (index, name)


def _entry_name(entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return None
    name = entry.get("name")
    if not isinstance(name, str):
        config = entry.get("config")
        name = config.get("name") if isinstance(config, dict) else None
    return name if isinstance(name, str) else None


def _check_input(config: dict, path: Path) -> None:
    for key in ("batch_shape", "batch_input_shape"):
        if config.get(key) is not None:
            _check_shape(config[key], (*path, key))
    dtype = config.get("dtype")
    if dtype is not None and not isinstance(dtype, (str, dict)):
        raise StructureError.at((*path, "dtype"), 'a dtype name such as "float32"', dtype)


def _check_shape(shape: Any, path: Path) -> None:
    _expect(shape, list, path, "a shape: a list of sizes (whole numbers or null)")
    for i, size in enumerate(shape):
        if size is not None and not _is_count(size):
            raise StructureError.at((*path, i), "a size: a whole number ≥ 0 or null", size)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_call(call: Any, path: Path, calls: dict[str, tuple[int, int]]) -> None:
    if isinstance(call, list):
        raise StructureError.at(
            path, "a call {\"args\": [...], \"kwargs\": {...}} (a list is Keras 2's form: open "
            "the file as a legacy Keras 2 file)", call,
        )  # fmt: skip
    _expect(call, dict, path, 'a call: {"args": [...], "kwargs": {...}}')
    if "args" not in call:
        raise StructureError.at(path, "a call with 'args'", call)
    _expect(call["args"], list, (*path, "args"), "a list of arguments")
    kwargs = _expect(call.get("kwargs", {}), dict, (*path, "kwargs"), "an object of arguments")
    if kwargs.get("class_name") == "__keras_tensor__":
        raise StructureError.at((*path, "kwargs"), "an object of keyword arguments", kwargs)
    stack: list[tuple[Any, Path]] = [(call["args"], (*path, "args"))]
    stack.append((call.get("kwargs", {}), (*path, "kwargs")))
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            if value.get("class_name") == "__keras_tensor__":
                _check_tensor(value, where, calls)
            else:
                stack.extend((v, (*where, str(k))) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(value))


def _check_tensor(tensor: dict, path: Path, calls: dict[str, tuple[int, int]]) -> None:
    config = _expect(tensor.get("config"), dict, (*path, "config"), "the tensor's description")
    if config.get("shape") is not None:
        _check_shape(config["shape"], (*path, "config", "shape"))
    _optional(config, "dtype", str, (*path, "config"), "a dtype name")
    _check_history(config.get("keras_history"), (*path, "config", "keras_history"), calls, 0)


def _check_history(history: Any, path: Path, calls: dict, endpoint: int) -> None:
    """`[layer name, node index, tensor index]` naming a call of a layer of this model."""
    expected = "[layer name, node index, tensor index]"
    if not (isinstance(history, list) and len(history) == 3):
        raise StructureError.at(path, expected, history)
    name, node_index, tensor_index = history
    if not isinstance(name, str):
        raise StructureError.at((*path, 0), "a layer name", name)
    if name not in calls:
        raise StructureError.at((*path, 0), "the name of a layer of this model", name)
    count, offset = calls[name]
    offset *= endpoint
    if not _is_count(node_index) or not offset <= node_index < count + offset:
        calls_text = f"{count} call{'s' if count != 1 else ''}"
        raise StructureError.at(
            (*path, 1), f"a node index of layer '{name}', which has {calls_text}", node_index
        )
    if not _is_count(tensor_index):
        raise StructureError.at((*path, 2), "a tensor index: a whole number ≥ 0", tensor_index)


def _check_endpoints(value: Any, path: Path, calls: dict, inputs: set | None = None) -> None:
    """The model's inputs or outputs: histories naming calls; inputs name Input layers."""
    if isinstance(value, list) and len(value) == 3 and isinstance(value[0], str):
        value, single = [value], True
    elif isinstance(value, dict):
        return  # graph_from_config says dicts of inputs are not supported yet
    else:
        _expect(value, list, path, "a list of [layer name, node index, tensor index]")
        single = False
    for i, item in enumerate(value):
        where = path if single else (*path, i)
        _check_history(item, where, calls, 1)
        if inputs is not None and item[0] not in inputs:
            raise StructureError.at((*where, 0), "the name of an Input layer", item[0])


def _expect(value: Any, kind: type, path: Path, what: str) -> Any:
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise StructureError.at(path, what, value)
    if isinstance(value, float) and not math.isfinite(value):
        raise StructureError.at(path, what, value)
    return value


def _optional(owner: dict, key: str, kind: type, path: Path, what: str) -> None:
    if owner.get(key) is not None:
        _expect(owner[key], kind, (*path, key), what)


def _where(path: Path) -> str:
    """`path` ends in the model's `config`: the top-level model, or a nested one named there."""
    nested = [step for step in path[:-1] if step not in ("model", "config")]
    return f"The model at {describe_location(path[:-1])}" if nested else "The model"
