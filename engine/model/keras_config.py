"""Keras 3 model configs (what `model.to_json()` writes) to and from our `Graph`.

Import keeps every layer's serialized identity and config verbatim and turns each
`__keras_tensor__` into a `TensorRef`. Export lists layers in Keras's order
(`engine.model.topology`) and writes each tensor with the shape and dtype that
`engine.model.shapes` infers, so an imported model exports to the identical JSON and a model
drawn in the editor exports to what Keras would write.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from engine.errors import CycleError, FormatError, UnsafeContentError
from engine.model.config_checks import check_model_config
from engine.model.graph import INPUT_CLASS, MODEL_CLASSES, Graph, Layer, Node, TensorRef, map_refs
from engine.model.topology import dependency_order, topology

if TYPE_CHECKING:
    from engine.model.shapes import ShapeEngine

_LAYER_KEYS = (
    "module",
    "class_name",
    "config",
    "registered_name",
    "build_config",
    "name",
    "inbound_nodes",
)
UNSAFE_CLASSES = ("Lambda", "TFOpLambda", "TensorFlowOpLayer")
FUNCTIONAL_DEFAULTS = {
    "module": "keras.src.models.functional",
    "class_name": "Functional",
    "registered_name": "Functional",
    "build_config": {"input_shape": None},
    "compile_config": {},
}
SEQUENTIAL_DEFAULTS = {"module": "keras", "class_name": "Sequential", "registered_name": None}


# ====================================================================== import


def graph_from_config(cfg: Any, allow_unsafe: bool = False, *, checked: bool = False) -> Graph:
    """Build a Graph from a Keras 3 model config (`json.loads(model.to_json())`).

    Args:
        cfg: the parsed model config.
        allow_unsafe: accept Lambda layers (their code would run when Keras loads them).
        checked: `cfg` already passed `check_model_config` (a nested model's body).

    Raises:
        StructureError: a value of the wrong type or form; the message names its place.
        FormatError: the dict is not a Keras 3 Functional or Sequential model config.
        UnsafeContentError: a Lambda layer is present and `allow_unsafe` is False.
    """
    if not checked:
        check_model_config(cfg)
    if not allow_unsafe:
        refuse_unsafe(cfg)
    class_name = cfg["class_name"]
    extra = {k: v for k, v in cfg.items() if k not in ("class_name", "config")}
    config = cfg["config"]
    if class_name == "Sequential":
        graph = _sequential_from_config(config)
    elif class_name in ("Functional", "Model") or (isinstance(config, dict) and "layers" in config):
        graph = _functional_from_config(config)
    else:
        raise FormatError(
            "Expected a Functional or Sequential model. "
            f"Received: class_name={class_name!r} (a single layer, not a model)."
        )
    graph.extra = extra
    return graph


def _preview(value: Any, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def refuse_unsafe(cfg: Any) -> None:
    for entry in _iter_layer_entries(cfg):
        if entry.get("class_name") in UNSAFE_CLASSES:
            name = entry.get("config", {}).get("name", "?")
            raise UnsafeContentError(
                f"Layer '{name}' is a {entry['class_name']}: loading it would run Python code "
                "stored in the file. Open the file with 'allow unsafe' only if you trust it. "
                f"Received: {entry['class_name']} layer '{name}'."
            )


def _iter_layer_entries(cfg: Any):
    if isinstance(cfg, dict):
        if "class_name" in cfg and isinstance(cfg.get("config"), dict):
            yield cfg
        for value in cfg.values():
            yield from _iter_layer_entries(value)
    elif isinstance(cfg, list):
        for item in cfg:
            yield from _iter_layer_entries(item)


def _layer_from_entry(graph: Graph, entry: Any, where: str) -> Layer:
    if not isinstance(entry, dict) or "class_name" not in entry or "config" not in entry:
        raise FormatError(
            f"{where}: expected a layer with 'class_name' and 'config'. Received: {_preview(entry)}"
        )
    class_name = entry["class_name"]
    config = entry["config"]
    body = None
    if class_name in MODEL_CLASSES or class_name == "Sequential":
        nested = {"class_name": class_name, "config": config}
        body = graph_from_config(nested, allow_unsafe=True, checked=True)
        config = {}
    elif not isinstance(config, dict) or not isinstance(config.get("name"), str):
        raise FormatError(f"{where}: the layer config has no name. Received: {_preview(config)}")
    extra = {k: v for k, v in entry.items() if k not in _LAYER_KEYS}
    layer = Layer(
        id=graph.new_id("L"),
        class_name=class_name,
        config=config,
        module=entry.get("module"),
        registered_name=entry.get("registered_name"),
        body=body,
        extra=extra,
    )
    if "build_config" in entry:
        layer.extra["_build_config"] = entry["build_config"]  # used only if inference fails
    return layer


def _functional_from_config(config: Any) -> Graph:
    if not isinstance(config, dict) or not isinstance(config.get("layers"), list):
        raise FormatError(
            f"A Functional config needs a 'layers' list. Received: {_preview(config)}"
        )
    graph = Graph(name=config.get("name", "model"), kind="Functional")
    graph.trainable = config.get("trainable", True)
    own_keys = ("name", "trainable", "layers", "input_layers", "output_layers")
    graph.extra_config = {k: v for k, v in config.items() if k not in own_keys}
    by_name: dict[str, tuple[Layer, list[Any]]] = {}
    for i, entry in enumerate(config["layers"]):
        layer = _layer_from_entry(graph, entry, f"Layer #{i}")
        name = entry.get("name", layer.name)
        if name in by_name:
            raise FormatError(f"Two layers are named '{name}'. Received: a duplicate name at #{i}.")
        inbound = entry.get("inbound_nodes", [])
        if not isinstance(inbound, list):
            raise FormatError(
                f"Layer '{name}': 'inbound_nodes' must be a list. Received: {_preview(inbound)}"
            )
        by_name[name] = (layer, inbound)
        graph._insert_layer(layer)
        calls = max(len(inbound), 1 if layer.is_input else 0)
        for _ in range(calls):
            graph._insert_node(Node(id=graph.new_id("N"), layer_id=layer.id))
    declared: dict[TensorRef, tuple[Any, Any]] = {}

    def resolve(history: Any, where: str, endpoint: bool = False) -> TensorRef:
        if not (isinstance(history, list) and len(history) == 3 and history[0] in by_name):
            raise FormatError(
                f"{where}: a tensor refers to an unknown layer. "
                f"Received: keras_history={_preview(history)}"
            )
        name, node_index, tensor_index = history
        if endpoint and isinstance(node_index, int):
            node_index -= endpoint_offset(by_name[name][0])
        calls = graph.calls[by_name[name][0].id]
        if not isinstance(node_index, int) or not 0 <= node_index < len(calls):
            raise FormatError(
                f"{where}: layer '{name}' has {len(calls)} call(s). "
                f"Received: node index {node_index!r}."
            )
        return TensorRef(calls[node_index], int(tensor_index))

    def convert(value: Any, where: str) -> Any:
        if isinstance(value, dict):
            if value.get("class_name") == "__keras_tensor__":
                tensor = value.get("config", {})
                ref = resolve(tensor.get("keras_history"), where)
                if isinstance(tensor.get("shape"), list):  # a saved work in progress has null
                    declared[ref] = (tensor["shape"], tensor.get("dtype"))
                return ref
            return {k: convert(v, where) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v, where) for v in value]
        return value

    for name, (layer, inbound) in by_name.items():
        for node_id, call in zip(graph.calls[layer.id], inbound, strict=False):
            if not isinstance(call, dict) or "args" not in call:
                raise FormatError(
                    f"Layer '{name}': a call must be {{'args', 'kwargs'}}. "
                    f"Received: {_preview(call)} (a Keras 2 file? It is converted "
                    "when opened as a legacy file.)"
                )
            node = graph.nodes[node_id]
            node.args = convert(call["args"], f"Layer '{name}'")
            node.kwargs = convert(call.get("kwargs", {}), f"Layer '{name}'")
    graph.declared = declared
    graph.inputs, graph.single_input = _read_endpoints(
        config.get("input_layers", []), resolve, "input"
    )
    graph.outputs, graph.single_output = _read_endpoints(
        config.get("output_layers", []), resolve, "output"
    )
    try:  # Keras writes no cycle; a damaged file can (a layer reading its own output)
        dependency_order(graph)
    except CycleError as error:
        reason = str(error)
        raise FormatError(
            f"Model '{graph.name}' is not a valid Keras model: {reason[:1].lower()}{reason[1:]}"
        ) from None
    return graph


def endpoint_offset(layer: Layer) -> int:
    """Keras counts a nested Functional's own construction as node 0 in input_layers and
    output_layers (not in inbound_nodes): a call's index there is one higher."""
    return 1 if layer.class_name == "Functional" and layer.body is not None else 0


def _read_endpoints(value: Any, resolve, what: str) -> tuple[list[TensorRef], bool]:
    if isinstance(value, list) and len(value) == 3 and isinstance(value[0], str):
        return [resolve(value, f"Model {what}", True)], True
    if isinstance(value, dict):
        raise FormatError(
            f"Models with a dict of {what}s are not supported yet. "
            f"Received: {what}_layers with keys {sorted(value)}."
        )
    if not isinstance(value, list):
        raise FormatError(f"'{what}_layers' must be a list. Received: {_preview(value)}")
    return [resolve(item, f"Model {what}", True) for item in value], False


def _sequential_from_config(config: Any) -> Graph:
    if not isinstance(config, dict) or not isinstance(config.get("layers"), list):
        raise FormatError(
            f"A Sequential config needs a 'layers' list. Received: {_preview(config)}"
        )
    graph = Graph(name=config.get("name", "sequential"), kind="Sequential")
    graph.trainable = config.get("trainable", True)
    graph.extra_config = {
        k: v for k, v in config.items() if k not in ("name", "trainable", "layers")
    }
    previous: TensorRef | None = None
    for i, entry in enumerate(config["layers"]):
        layer = _layer_from_entry(graph, entry, f"Layer #{i}")
        graph._insert_layer(layer)
        node = Node(id=graph.new_id("N"), layer_id=layer.id)
        graph._insert_node(node)
        if layer.is_input:
            if i != 0:
                raise FormatError(
                    f"An InputLayer can only come first in a Sequential model. "
                    f"Received: InputLayer at position {i}."
                )
            graph.inputs = [TensorRef(node.id)]
        elif previous is not None:
            node.args = [previous]
            node.kwargs = _sequential_call_kwargs(layer)
        previous = TensorRef(node.id)
    if previous is not None:
        graph.outputs = [previous]
    graph.declared = {}
    return graph


def _sequential_call_kwargs(layer: Layer) -> dict[str, Any]:
    from engine.model.call_kwargs import default_call_kwargs

    return default_call_kwargs(layer)


# ====================================================================== export


def graph_to_config(
    graph: Graph, shapes: ShapeEngine, as_sequential: bool | None = None, lenient: bool = False
) -> dict:
    """The Keras 3 model config of `graph`, as `json.loads(model.to_json())` would give it.

    Args:
        graph: the graph to export.
        shapes: shape inference for the graph (tensors in the config carry shape and dtype).
        as_sequential: force (True) or forbid (False) the Sequential form; None keeps the
            graph's own kind while it is a chain (a Sequential given a branch is Functional).
        lenient: keep a work in progress whole (for the project file): layers that lead to no
            output are listed too, unknown shapes are written as null and unconnected inputs
            stay null. For a valid model the result is the same.
    """
    from engine.errors import GraphError
    from engine.model.sequential import check_is_chain, is_chain

    if as_sequential is None:  # the graph's own kind, while it still is a chain
        as_sequential = graph.kind == "Sequential" and is_chain(graph, whole=lenient)
    if as_sequential:
        try:
            check_is_chain(graph, whole=lenient)
            return _sequential_to_config(graph, shapes, lenient)
        except (GraphError, FormatError):
            if not lenient:
                raise
    return _functional_to_config(graph, shapes, lenient)


def _functional_to_config(graph: Graph, shapes: ShapeEngine, lenient: bool = False) -> dict:
    top = topology(graph)
    layer_order = list(top.layers)
    in_model = set(top.nodes)
    if lenient:
        layer_order += [lid for lid in graph.layers if lid not in set(top.layers)]
        in_model = set(graph.nodes)
    node_index: dict[str, int] = {}
    for layer_id in layer_order:
        kept = [n for n in graph.calls[layer_id] if n in in_model]
        node_index.update({n: i for i, n in enumerate(kept)})

    def history(ref: TensorRef) -> list[Any]:
        return [graph.layer_of(ref.node_id).name, node_index[ref.node_id], ref.index]

    exported_class: dict[str, str] = {}  # a nested Sequential that branches is Functional

    def endpoint(ref: TensorRef) -> list[Any]:
        name, index, tensor_index = history(ref)
        layer = graph.layer_of(ref.node_id)
        functional = layer.body is not None and exported_class[layer.id] == "Functional"
        return [name, index + int(functional), tensor_index]

    def tensor(ref: TensorRef) -> dict:
        try:
            shape, dtype = shapes.tensor_spec(graph, ref)
        except FormatError:
            if not lenient:
                raise
            shape, dtype = None, None
        return {
            "class_name": "__keras_tensor__",
            "config": {"shape": shape, "dtype": dtype, "keras_history": history(ref)},
        }

    layers = []
    for layer_id in layer_order:
        layer = graph.layers[layer_id]
        entry = serialize_layer(graph, layer, shapes, lenient)
        exported_class[layer_id] = entry["class_name"]
        entry["name"] = layer.name
        entry["inbound_nodes"] = [
            {"args": map_refs(node.args, tensor), "kwargs": map_refs(node.kwargs, tensor)}
            for node in (graph.nodes[n] for n in graph.calls[layer_id] if n in in_model)
            if not layer.is_input
        ]
        layers.append(entry)
    config: dict[str, Any] = {"name": graph.name, "trainable": graph.trainable, "layers": layers}
    config.update(copy.deepcopy(getattr(graph, "extra_config", {})))
    config["input_layers"] = _write_endpoints(graph.inputs, graph.single_input, endpoint)
    config["output_layers"] = _write_endpoints(graph.outputs, graph.single_output, endpoint)
    # a graph imported as Sequential has Sequential's top-level keys: not for a Functional
    own = graph.extra if graph.kind != "Sequential" else {}
    top_level = copy.deepcopy(own) or copy.deepcopy(FUNCTIONAL_DEFAULTS)
    top_level.pop("class_name", None)
    return {
        "module": top_level.pop("module", FUNCTIONAL_DEFAULTS["module"]),
        "class_name": "Functional",
        "config": config,
        **top_level,
    }


def _write_endpoints(refs: list[TensorRef], single: bool, history) -> list[Any]:
    if single and len(refs) == 1:
        return history(refs[0])
    return [history(ref) for ref in refs]


def _sequential_to_config(graph: Graph, shapes: ShapeEngine, lenient: bool = False) -> dict:
    from engine.model.sequential import chain_nodes

    nodes = chain_nodes(graph)
    layers = [serialize_layer(graph, graph.layer_of(n), shapes, lenient) for n in nodes]
    extra_config = copy.deepcopy(getattr(graph, "extra_config", {}))
    input_shape = shapes.tensor_spec(graph, graph.inputs[0])[0] if graph.inputs else None
    config: dict[str, Any] = {"name": graph.name, "trainable": graph.trainable}
    config["dtype"] = extra_config.pop("dtype", _default_dtype_policy())
    config["layers"] = layers
    config["build_input_shape"] = extra_config.pop("build_input_shape", input_shape)
    config.update(extra_config)
    top_level = (
        {k: v for k, v in graph.extra.items() if k != "class_name"}
        if graph.kind == "Sequential"
        else {}
    )
    result = {
        "module": top_level.pop("module", "keras"),
        "class_name": "Sequential",
        "config": config,
        "registered_name": top_level.pop("registered_name", None),
    }
    result["build_config"] = top_level.pop("build_config", {"input_shape": input_shape})
    result["compile_config"] = top_level.pop("compile_config", {})
    result.update(top_level)
    return result


def _default_dtype_policy() -> dict:
    return {
        "module": "keras",
        "class_name": "DTypePolicy",
        "config": {"name": "float32"},
        "registered_name": None,
    }


def serialize_layer(graph: Graph, layer: Layer, shapes: ShapeEngine, lenient: bool = False) -> dict:
    """One entry of a model config's `layers` (without `name` and `inbound_nodes`)."""
    if layer.body is not None:
        nested = graph_to_config(layer.body, shapes.nested(graph, layer), lenient=lenient)
        entry = {
            k: v
            for k, v in nested.items()
            if k in ("module", "class_name", "config", "registered_name")
        }
        entry.update({k: v for k, v in nested.items() if k not in entry})
        entry.update(copy.deepcopy(layer.extra))
        entry.pop("_build_config", None)
        return entry
    entry: dict[str, Any] = {
        "module": layer.module,
        "class_name": layer.class_name,
        "config": copy.deepcopy(layer.config),
        "registered_name": layer.registered_name,
    }
    if not layer.is_input:
        build_config = shapes.build_config(graph, layer)
        if build_config is not None:
            entry["build_config"] = build_config
    for key, value in layer.extra.items():
        if key != "_build_config":
            entry[key] = copy.deepcopy(value)
    return entry


def is_input_layer_entry(entry: dict) -> bool:
    return entry.get("class_name") == INPUT_CLASS
