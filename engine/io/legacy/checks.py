"""The structure of a Keras 2 model config, checked before it is translated.

What the translator relies on: models hold a list of layers; each layer is a dict with a
`class_name` and a `config` object (a nested model's config is a model config); functional
models list each layer's calls (`inbound_nodes`) as lists of `[layer name, node index, tensor
index, kwargs]` naming layers of the same model, and name their inputs and outputs the same way.
The first place that differs raises a `StructureError` naming it, as Keras 3 configs do
(`engine.model.config_checks`). Layer settings are left to Keras, which names the layer it
rejects.
"""

from __future__ import annotations

from typing import Any

from engine.errors import Step, StructureError, TooLargeError
from engine.model.config_checks import MAX_LAYERS

MODEL_CLASSES = ("Functional", "Model", "Sequential")
Path = tuple[Step, ...]


def check_legacy_config(cfg: dict, path: Path = ()) -> None:
    """Raises StructureError at the first place `cfg` is not a Keras 2 model config."""
    config = cfg.get("config")
    if cfg.get("class_name") == "Sequential":
        # Keras <= 2.1 wrote the layer list itself as the config
        layers = config if isinstance(config, list) else _layers(config, (*path, "config"))
        where = (*path, "config") if isinstance(config, list) else (*path, "config", "layers")
        _check_count(layers, where)
        for index, layer in enumerate(layers):
            _check_layer(layer, where, index, names=None)
        return
    layers = _layers(config, (*path, "config"))
    where = (*path, "config", "layers")
    _check_count(layers, where)
    names = {_name(layer) for layer in layers} - {None}
    for index, layer in enumerate(layers):
        _check_layer(layer, where, index, names)
    for key in ("input_layers", "output_layers"):
        if key not in config:
            raise StructureError.at((*path, "config"), f"a model config with '{key}'", config)
        _check_refs(config[key], (*path, "config", key), names, node=False)


def _layers(config: Any, path: Path) -> list:
    if not isinstance(config, dict):
        raise StructureError.at(path, "an object with a 'layers' list", config)
    layers = config.get("layers")
    if not isinstance(layers, list):
        raise StructureError.at((*path, "layers"), "a list of layers", layers)
    return layers


def _check_count(layers: list, path: Path) -> None:
    if len(layers) > MAX_LAYERS:
        raise TooLargeError(
            f"The model has {len(layers):,} layers; Keras Canvas reads models of up to "
            f"{MAX_LAYERS:,} layers per model."
        )


def _name(layer: Any) -> str | None:
    if not isinstance(layer, dict):
        return None
    name = layer.get("name")
    config = layer.get("config")
    if not isinstance(name, str) and isinstance(config, dict):
        name = config.get("name")
    return name if isinstance(name, str) else None


def _check_layer(layer: Any, path: Path, index: int, names: set[str] | None) -> None:
    name = _name(layer)
    here = (*path, (index, name) if name else index)
    if not isinstance(layer, dict):
        raise StructureError.at(here, "a layer: an object with 'class_name' and 'config'", layer)
    class_name = layer.get("class_name")
    if not isinstance(class_name, str):
        raise StructureError.at((*here, "class_name"), "a class name", class_name)
    config = layer.get("config")
    if class_name in MODEL_CLASSES:
        check_legacy_config({"class_name": class_name, "config": config}, here)
    elif not isinstance(config, dict):
        raise StructureError.at((*here, "config"), "an object of settings", config)
    elif config.get("name") is not None and not isinstance(config["name"], str):
        raise StructureError.at((*here, "config", "name"), "the layer's name", config["name"])
    if layer.get("name") is not None and not isinstance(layer["name"], str):
        raise StructureError.at((*here, "name"), "the layer's name", layer["name"])
    if names is None:
        return
    nodes = layer.get("inbound_nodes", [])
    if not isinstance(nodes, list):
        raise StructureError.at((*here, "inbound_nodes"), "a list of calls", nodes)
    for i, node in enumerate(nodes):
        if isinstance(node, dict) and "args" in node:
            continue  # a Keras 3 call in an .h5 written by Keras 3: checked once translated
        if not isinstance(node, list):
            raise StructureError.at((*here, "inbound_nodes", i), "a list of inputs", node)
        _check_refs(node, (*here, "inbound_nodes", i), names, node=True)


def _check_refs(value: Any, path: Path, names: set[str], node: bool) -> None:
    """Every `[layer name, node index, tensor index(, kwargs)]` in `value` names a layer here."""
    stack: list[tuple[Any, Path]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, list) and item and isinstance(item[0], str):
            if item[0] == "_CONSTANT_VALUE":
                continue
            if len(item) not in (3, 4) or not all(_is_index(i) for i in item[1:3]):
                raise StructureError.at(
                    where, "[layer name, node index, tensor index, keyword arguments]", item
                )
            if item[0] not in names:
                raise StructureError.at((*where, 0), "the name of a layer of this model", item[0])
            if len(item) == 4 and not isinstance(item[3], dict):
                raise StructureError.at((*where, 3), "an object of keyword arguments", item[3])
        elif isinstance(item, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(item))
        elif isinstance(item, dict) and not node:
            stack.extend((v, (*where, str(k))) for k, v in item.items())
        elif not node or not isinstance(item, dict):
            raise StructureError.at(where, "[layer name, node index, tensor index]", item)


def _is_index(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
