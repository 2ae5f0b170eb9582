"""Copy and paste of a selection of calls, as plain JSON data.

`copy_selection` turns selected calls into a JSON-safe dict: their layers (Keras's serialized
identity and config, nested models with their whole body), each call's arguments with tensors
read from another copied call written as `{"tensor": [node key, index]}`, and each call's
position. Tensors read from outside the selection are not copied: that port stays unconnected.

`paste` builds one compound edit that inserts independent copies: new layers (new weights) named
as Keras auto-names layers (`dense` -> `dense_1`), calls wired among themselves as they were.
Several copied calls of one layer stay calls of one (new) shared layer.

`model_text_data` reads a Keras model config given as text (what `model.to_json()` writes, or
its YAML, or the Python code that builds it, read without running it) into the same clipboard
data, laid out, so pasting it is the same edit. Text that is not a model is refused with a
message that says what it was and what Paste accepts.
"""

from __future__ import annotations

import copy
from typing import Any

from engine.diagram.layout import layered_layout
from engine.errors import FormatError, GraphError, UnsafeContentError
from engine.io.text import parse_json, parse_yaml
from engine.model.edits import Edit, compound
from engine.model.graph import MODEL_CLASSES, Graph, Layer, Node, TensorRef, free_name, map_refs
from engine.model.keras_config import graph_from_config
from engine.model.operations import json_clean
from engine.model.topology import dependency_order

MIME_TYPE = "application/x-keras-canvas-nodes"
FORMAT = "keras-canvas-clipboard"
FORMAT_VERSION = 1

Positions = dict[str, Any]  # node id -> [x, y]
PASTE_ACCEPTS = (
    "Paste accepts nodes copied in Keras Canvas, a Keras model's JSON or YAML text "
    "(what model.to_json() writes), or the Python code that builds it."
)


# ---------------------------------------------------------------------- copy


def copy_selection(graph: Graph, node_ids: list[str], positions: Positions) -> dict[str, Any]:
    """The clipboard data of the calls `node_ids` (JSON-safe).

    Args:
        graph: the graph holding the calls.
        node_ids: the selected calls.
        positions: node id -> [x, y] of the calls on the canvas (missing ones are put at 0, 0).

    Returns:
        {"format", "format_version", "layers": [...], "nodes": [...]}; each node has `key`,
        `layer` (the key of its layer), `args`, `kwargs` and `position`.
    """
    selected = set(node_ids)
    for node_id in selected:
        graph.node(node_id)  # raises NotFoundError with the id it did not find
    order = [n for n in dependency_order(graph) if n in selected]
    layer_ids = list(dict.fromkeys(graph.nodes[n].layer_id for n in order))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "layers": [_encode_layer(graph.layers[layer_id]) for layer_id in layer_ids],
        "nodes": [
            _encode_node(graph.nodes[n], selected, positions.get(n, [0.0, 0.0])) for n in order
        ],
    }


def keras_text(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The copied layers as Keras writes layers in a model config (for pasting as text)."""
    return [
        {key: entry[key] for key in ("module", "class_name", "config", "registered_name", "name")}
        for entry in data["layers"]
    ]


def _encode_layer(layer: Layer) -> dict[str, Any]:
    entry = {
        "key": layer.id,
        "module": layer.module,
        "class_name": layer.class_name,
        "config": json_clean(layer.config),
        "registered_name": layer.registered_name,
        "name": layer.name,
        "extra": json_clean(layer.extra),
    }
    if layer.body is not None:
        entry["body"] = _encode_graph(layer.body)
    return entry


def _encode_node(node: Node, selected: set[str], position: Any) -> dict[str, Any]:
    def encode(ref: TensorRef) -> Any:
        return {"tensor": [ref.node_id, ref.index]} if ref.node_id in selected else None

    return {
        "key": node.id,
        "layer": node.layer_id,
        "args": json_clean(map_refs(node.args, encode)),
        "kwargs": json_clean(map_refs(node.kwargs, encode)),
        "position": [float(position[0]), float(position[1])],
    }


def _encode_graph(graph: Graph) -> dict[str, Any]:
    """A nested model's whole body (every call is inside the copy)."""
    everything = set(graph.nodes)
    return {
        "name": graph.name,
        "kind": graph.kind,
        "trainable": graph.trainable,
        "single_input": graph.single_input,
        "single_output": graph.single_output,
        "extra": json_clean(graph.extra),
        "extra_config": json_clean(graph.extra_config),
        "layers": [_encode_layer(layer) for layer in graph.layers.values()],
        "nodes": [_encode_node(graph.nodes[n], everything, [0, 0]) for n in graph.nodes],
        "calls": {layer_id: list(calls) for layer_id, calls in graph.calls.items()},
        "inputs": [[r.node_id, r.index] for r in graph.inputs],
        "outputs": [[r.node_id, r.index] for r in graph.outputs],
    }


# ---------------------------------------------------------------------- paste


def paste(graph: Graph, data: dict[str, Any], offset: tuple[float, float] = (40.0, 40.0)):
    """One edit that inserts independent copies of the clipboard's calls into `graph`.

    Args:
        graph: the graph to paste into.
        data: what `copy_selection` returned (possibly read back from JSON).
        offset: added to each copied position (see `pasted_positions`).

    Returns:
        (edit, new node ids in the order of `data["nodes"]`).

    Raises:
        GraphError: `data` is not clipboard data of this format.
    """
    del offset  # positions are editor state, not graph state: see `pasted_positions`
    _check(data)
    taken = {layer.name for layer in graph.layers.values()}
    layer_ids: dict[str, str] = {}
    edits: list[Edit] = []
    new_inputs: list[TensorRef] = []
    for entry in data["layers"]:
        layer = _decode_layer(entry)
        layer.id = graph.new_id("L")
        while layer.id in layer_ids.values():
            layer.id = graph.new_id("L")
        _rename(layer, _auto_name(layer.name, taken))
        taken.add(layer.name)
        layer_ids[entry["key"]] = layer.id
        edits.append(Edit("insert_layer", {"layer": layer}))
    node_ids = _fresh_ids(graph, [entry["key"] for entry in data["nodes"]], set(layer_ids.values()))
    for entry in data["nodes"]:
        node = _decode_node(entry, layer_ids[entry["layer"]], node_ids)
        node.id = node_ids[entry["key"]]
        edits.append(Edit("insert_node", {"node": node}))
        source = next(e for e in data["layers"] if e["key"] == entry["layer"])
        if source["class_name"] == "InputLayer":
            new_inputs.append(TensorRef(node.id))
    if new_inputs:
        edits.append(Edit("set_inputs", {"refs": [*graph.inputs, *new_inputs]}))
    count = len(data["nodes"])
    return compound(edits, f"Paste {count} node(s)"), [node_ids[e["key"]] for e in data["nodes"]]


def block_origin(data: dict[str, Any]) -> tuple[float, float]:
    """The top-left corner of the copied block (the smallest x and y of its calls)."""
    positions = [entry["position"] for entry in data["nodes"]] or [[0.0, 0.0]]
    return min(p[0] for p in positions), min(p[1] for p in positions)


def pasted_positions(
    data: dict[str, Any], new_ids: list[str], offset: tuple[float, float]
) -> Positions:
    """Where the pasted calls go: each copied position moved by `offset`."""
    dx, dy = offset
    return {
        new_id: [entry["position"][0] + dx, entry["position"][1] + dy]
        for new_id, entry in zip(new_ids, data["nodes"], strict=True)
    }


def _check(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise GraphError(f"The clipboard does not hold Keras Canvas nodes. Received: {found!r}.")
    if data.get("format_version") != FORMAT_VERSION:
        raise GraphError(
            f"Clipboard format version {FORMAT_VERSION} is expected. "
            f"Received: {data.get('format_version')!r}."
        )


def _fresh_ids(graph: Graph, keys: list[str], reserved: set[str]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for key in keys:
        new_id = graph.new_id("N")
        while new_id in reserved:
            new_id = graph.new_id("N")
        reserved.add(new_id)
        ids[key] = new_id
    return ids


def _auto_name(name: str, taken: set[str]) -> str:
    """A free name is kept; a taken one is auto-named as Keras does: the name without its
    `_<n>` suffix, then `_1`, `_2`..."""
    if name not in taken:
        return name
    head, _, tail = name.rpartition("_")
    base = head if head and tail.isdigit() else name
    return free_name(base, taken)


def _rename(layer: Layer, name: str) -> None:
    if layer.body is not None:
        layer.body.name = name
        if "name" in layer.config:
            layer.config["name"] = name
    else:
        layer.config["name"] = name


def _decode_layer(entry: dict[str, Any]) -> Layer:
    return Layer(
        id=entry["key"],
        class_name=entry["class_name"],
        config=copy.deepcopy(entry["config"]),
        module=entry.get("module"),
        registered_name=entry.get("registered_name"),
        body=_decode_graph(entry["body"]) if "body" in entry else None,
        extra=copy.deepcopy(entry.get("extra", {})),
    )


def _decode_node(entry: dict[str, Any], layer_id: str, node_ids: dict[str, str]) -> Node:
    def decode(value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"tensor"}:
                key, index = value["tensor"]
                return TensorRef(node_ids[key], int(index))
            return {k: decode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [decode(item) for item in value]
        return value

    return Node(id=entry["key"], layer_id=layer_id, args=decode(entry["args"]),
                kwargs=decode(entry["kwargs"]))  # fmt: skip


def _decode_graph(data: dict[str, Any]) -> Graph:
    """A nested model's body, with its own ids (ids are per graph)."""
    graph = Graph(data["name"], data["kind"])
    graph.trainable = data["trainable"]
    graph.single_input, graph.single_output = data["single_input"], data["single_output"]
    graph.extra, graph.extra_config = data["extra"], data["extra_config"]
    identity = {entry["key"]: entry["key"] for entry in data["nodes"]}
    for entry in data["layers"]:
        graph._insert_layer(_decode_layer(entry))
    by_key = {entry["key"]: entry for entry in data["nodes"]}
    for layer_id, calls in data["calls"].items():
        for key in calls:
            graph._insert_node(_decode_node(by_key[key], layer_id, identity))
    graph.inputs = [TensorRef(key, index) for key, index in data["inputs"]]
    graph.outputs = [TensorRef(key, index) for key, index in data["outputs"]]
    return graph


# ---------------------------------------------------------------------- model text


def model_text_data(
    text: str, card_size: tuple[float, float] = (216.0, 90.0), allow_unsafe: bool = False
) -> dict[str, Any]:
    """Clipboard data holding every layer of the Keras model config in `text`, laid out.

    Args:
        text: a Keras model config as JSON (`model.to_json()`, Keras 3 or legacy Keras 2) or
            YAML (read with the safe loader, without aliases).
        card_size: width and height of a node on the canvas, for the layout.
        allow_unsafe: keep Lambda layers (their code is kept, never run here).

    Returns:
        What `copy_selection` returns for the whole model, with top-left positions from 0, 0.

    Raises:
        FormatError: the text is not a model config (the message says what it is and what Paste
            accepts).
        UnsafeContentError: it holds a Lambda layer and `allow_unsafe` is False.
    """
    graph = _model_from_text(text, allow_unsafe)
    layout = layered_layout(graph, lambda _node_id: card_size, h_gap=36.0, v_gap=30.0)
    positions = {node_id: list(xy) for node_id, xy in layout.positions.items()}
    return copy_selection(graph, list(graph.nodes), positions)


def _model_from_text(text: str, allow_unsafe: bool = False) -> Graph:
    stripped = text.strip()
    if not stripped:
        raise FormatError(f"The clipboard holds empty text. {PASTE_ACCEPTS}")
    if stripped[0] not in "{[" and _looks_like_script(stripped):
        return _model_from_script(stripped)
    syntax = "JSON" if stripped[0] in "{[" else "YAML"
    try:
        value = parse_json(stripped) if syntax == "JSON" else parse_yaml(stripped)
    except FormatError:
        raise FormatError(
            f"The clipboard holds text that is not valid {syntax}: {_preview(stripped)}. "
            f"{PASTE_ACCEPTS}"
        ) from None
    config = _as_model_config(value, syntax, stripped, allow_unsafe)
    try:
        return graph_from_config(config, allow_unsafe=allow_unsafe)
    except UnsafeContentError as exc:
        raise UnsafeContentError(
            f"The clipboard's model is refused: {_unsafe_reason(str(exc))} Paste loads Lambda "
            "layers only with 'allow unsafe', for text you trust."
        ) from None
    except FormatError as exc:
        raise FormatError(f"The clipboard's model cannot be read: {exc} {PASTE_ACCEPTS}") from None


def _looks_like_script(text: str) -> bool:
    from engine.io.pyscript import looks_like_keras_script

    return looks_like_keras_script(text)


def _model_from_script(text: str) -> Graph:
    """The last model the pasted Python builds, read statically (the code is never run)."""
    from engine.io.pyscript import read_script

    try:
        config = read_script(text, "clipboard.py").model().config
    except FormatError as exc:
        raise FormatError(f"The clipboard's Python cannot be read: {exc}") from None
    return graph_from_config(config)


def _as_model_config(
    value: Any, syntax: str, text: str, allow_unsafe: bool = False
) -> dict[str, Any]:
    """`value` if it is a Keras model config (legacy ones converted), else a clear refusal."""
    what = _describe(value, syntax, text)
    if what:
        raise FormatError(f"The clipboard holds {what}, not a Keras model. {PASTE_ACCEPTS}")
    try:
        from engine.io.legacy import convert_legacy_config, is_legacy_config
    except ImportError:  # the converter is optional at this layer, as in engine.io.files
        return value
    if is_legacy_config(value):
        return convert_legacy_config(value, allow_unsafe=allow_unsafe)
    return value


def _describe(value: Any, syntax: str, text: str) -> str:
    """What the parsed clipboard text is, when it is not a model config ("" for a model)."""
    if isinstance(value, list):
        layers = [v for v in value if isinstance(v, dict) and "class_name" in v]
        if value and len(layers) == len(value):
            return f"a {syntax} list of {len(value)} layer config(s) (layers, not a whole model)"
        return f"a {syntax} list of {len(value)} item(s)"
    if not isinstance(value, dict):
        return f"plain text: {_preview(text)}"
    if "class_name" not in value or "config" not in value:
        keys = ", ".join(repr(k) for k in list(value)[:5])
        return f"a {syntax} object without 'class_name' and 'config' (keys: {keys})"
    config = value["config"]
    has_layers = isinstance(config, dict) and "layers" in config
    if value["class_name"] not in MODEL_CLASSES and not has_layers:
        return f"the config of a single {value['class_name']} layer"
    return ""


def _preview(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return repr(line if len(line) <= limit else line[:limit] + "...")


def _unsafe_reason(text: str) -> str:
    """The engine's Lambda refusal ("Layer 'f' is a Lambda: loading it...") about text."""
    head, found, _rest = text.partition(": loading")
    return f"{head}: it would run Python code stored in the text." if found else text
