"""What nodes, ports and wires say: card contents and tooltips, from the engine's graph.

Kept apart from the items so that the scene can compute a node's content without Qt painting
code, and so that tooltips teach the same words everywhere (shapes with their axes' meaning,
"call i of n" of shared layers).
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.canvas import theme
from app.canvas.node_item import NodeAnnotation, NodeInfo
from app.counted import counted
from app.engine_text import engine_text
from engine.diagram.groups import group_boundary
from engine.model.graph import Graph, TensorRef
from engine.model.operations import input_ports
from engine.model.shapes import NOT_CONNECTED, NodeResult, ShapeEngine

_OBVIOUS_LABELS = ("input",)


def node_info(
    graph: Graph, node_id: str, output_index: dict[TensorRef, int], used_outputs: int = 0
) -> NodeInfo:
    """The structural content of a node's card (no Keras needed)."""
    node = graph.nodes[node_id]
    layer = graph.layers[node.layer_id]
    if layer.is_input:
        kind = "Input"
    elif layer.body is not None:
        count = len(layer.body.layers)
        kind = counted().card_kind(layer.body.kind, count)
    else:
        kind = layer.class_name
    ports = [(path, _port_label(graph, layer, path, label), ref is not None)
             for path, label, ref in input_ports(graph, node_id)]  # fmt: skip
    calls = graph.calls.get(layer.id, [])
    chip = theme.chip_color(layer.id) if len(calls) > 1 else None
    badges = {ref.index: i for ref, i in output_index.items() if ref.node_id == node_id}
    outputs = max(1, used_outputs, max(badges, default=-1) + 1, _declared_outputs(layer))
    return NodeInfo(
        name=layer.name,
        kind_text=kind,
        class_name=layer.class_name,
        accent=theme.accent_for(layer.class_name, layer.is_input, layer.is_model, layer.is_op),
        is_input=layer.is_input,
        is_model=layer.is_model,
        inputs=ports,
        # a variadic list of tensors (Add, Concatenate...) grows a "+" port; no Keras needed
        merge=layer.body is None and bool(node.args) and isinstance(node.args[0], list),
        outputs=outputs,
        output_badges=badges,
        call=(calls.index(node_id) + 1, len(calls)) if chip is not None else None,
        chip=chip,
    )


def _port_label(graph: Graph, layer: Any, path: tuple[Any, ...], label: str) -> str:
    """Named inputs keep their name; a nested model's ports take its inputs' names."""
    if layer.body is not None:  # a nested model's ports are its inputs
        names = [layer_.name for layer_ in layer.body.input_layers()]
        position = path[2] if len(path) == 3 else 0
        return names[position] if position < len(names) else label
    if label in _OBVIOUS_LABELS or label.startswith("#"):
        return ""
    return label


def _declared_outputs(layer: Any) -> int:
    """Tensors a call returns, as far as the config says (RNNs with `return_state`)."""
    if layer.body is not None:
        return len(layer.body.outputs)
    if layer.config.get("return_state"):
        states = {"LSTM": 2, "ConvLSTM1D": 2, "ConvLSTM2D": 2, "ConvLSTM3D": 2}
        return 1 + states.get(layer.class_name, 1)
    return 1


def annotation_for(graph: Graph, shapes: ShapeEngine, node_id: str, result: NodeResult):
    """Shapes, parameter count and error of a node, as its card shows them."""
    layer = graph.layer_of(node_id)
    if result.error is not None:
        unknown = QCoreApplication.translate("Describe", "shape unknown")
        return NodeAnnotation(shapes=[unknown], error=engine_text(result.error))
    lines = [theme.shape_text(spec.shape) for spec in result.outputs]
    if len(lines) > 1:
        lines = [f"{i}: {line}" for i, line in enumerate(lines)]
    params = ""
    if not layer.is_input:
        counts = shapes.param_counts(graph, layer)
        if counts is not None and sum(counts):
            params = QCoreApplication.translate("Describe", "{0} params").format(
                theme.count_text(sum(counts))
            )
    return NodeAnnotation(shapes=lines, params=params)


def group_annotation(graph: Graph, shapes: ShapeEngine, results: dict, members: list[str]):
    """What a collapsed group's card shows: the shapes in and out, its parameters, and whether
    Keras refuses a layer inside."""
    inputs, outputs = group_boundary(graph, members)
    word_in = QCoreApplication.translate("Canvas", "in")
    word_out = QCoreApplication.translate("Canvas", "out")
    lines = [_shapes_line(word_in, inputs, results), _shapes_line(word_out, outputs, results)]
    total = 0
    for layer_id in dict.fromkeys(graph.nodes[n].layer_id for n in members):
        layer = graph.layers[layer_id]
        if not layer.is_input:
            counts = shapes.param_counts(graph, layer)
            total += sum(counts) if counts else 0
    errors = [results[n].error for n in members if n in results and results[n].error]
    params = QCoreApplication.translate("Canvas", "{0} params").format(theme.count_text(total))
    inside = QCoreApplication.translate("Canvas", "A layer inside: {0}")
    return NodeAnnotation(shapes=lines, params=params if total else "",
                          error=inside.format(errors[0]) if errors else None)  # fmt: skip


def _shapes_line(word: str, refs: list[TensorRef], results: dict) -> str:
    texts: list[str] = []
    for ref in refs:
        result = results.get(ref.node_id)
        if result is None or result.error is not None or ref.index >= len(result.outputs):
            text = "?"
        else:
            text = theme.shape_text(result.outputs[ref.index].shape)
        if text not in texts:
            texts.append(text)
    if not texts:
        return f"{word}  —"
    more = f"  +{len(texts) - 1}" if len(texts) > 1 else ""
    return f"{word}  {texts[0]}{more}"


# ---------------------------------------------------------------------- tooltips


def describe_node(graph: Graph, node_id: str, result: NodeResult | None) -> str:
    """The tooltip of a node: what the layer does, its shapes, its error, its calls."""
    node = graph.nodes[node_id]
    layer = graph.layers[node.layer_id]
    lines = [f"<b>{layer.name}</b> ({layer.class_name})"]
    description = _catalog_description(layer.class_name)
    if description:
        lines.append(description)
    if result is not None and result.error == NOT_CONNECTED:
        # a step not taken yet, not a refusal: said without the alarm colour
        waiting = QCoreApplication.translate("Describe", "Not finished yet:")
        lines.append(f"<b>{waiting}</b> {_escape(engine_text(result.error))}")
    elif result is not None and result.error is not None:
        refuses = QCoreApplication.translate("Describe", "Keras refuses this call:")
        error = _escape(engine_text(result.error))
        lines.append(f"<span style='color:#c0392b'><b>{refuses}</b> {error}</span>")
    elif result is not None:
        output = QCoreApplication.translate("Describe", "Output {0}: {1}")
        lines += [output.format(i, theme.shape_explained(spec.shape))
                  for i, spec in enumerate(result.outputs)]  # fmt: skip
    calls = graph.calls.get(layer.id, [])
    if len(calls) > 1:
        shared = QCoreApplication.translate(
            "Describe",
            "Shared layer: call {0} of {1}; all calls use the same weights. Selecting one "
            "highlights the others.",
        )
        lines.append(shared.format(calls.index(node_id) + 1, len(calls)))
    if layer.body is not None:
        lines.append(
            QCoreApplication.translate(
                "Describe",
                "A nested model: double-click to go inside and edit it; + (or right-click) "
                "shows its layers here.",
            )
        )
    return "<br>".join(lines)


def describe_tensor(graph: Graph, result: NodeResult | None, ref: TensorRef) -> str:
    name = graph.layer_of(ref.node_id).name
    where = (
        QCoreApplication.translate("Describe", "{0} output {1}").format(name, ref.index)
        if ref.index
        else name
    )
    if result is None or result.error is not None or ref.index >= len(result.outputs):
        return QCoreApplication.translate("Describe", "Tensor from {0}: shape unknown").format(
            where
        )
    spec = result.outputs[ref.index]
    text = QCoreApplication.translate("Describe", "Tensor from {0}<br>{1}<br>dtype {2}")
    return text.format(where, theme.shape_explained(spec.shape), spec.dtype)


def describe_port(graph: Graph, node_id: str, is_input: bool, label: str, index: int) -> str:
    name = graph.layer_of(node_id).name
    if not is_input:
        return QCoreApplication.translate(
            "Describe", "Output {0} of {1}: drag onto an input port (top of a node) to connect."
        ).format(index, name)
    if label == "+":
        return QCoreApplication.translate(
            "Describe", "Add an input to {0}: drop a wire here."
        ).format(name)
    if label:
        text = QCoreApplication.translate(
            "Describe",
            "The input '{0}' of {1}: drag from an output port to connect; drag away to disconnect.",
        )
        return text.format(label, name)
    text = QCoreApplication.translate(
        "Describe",
        "The input of {0}: drag from an output port to connect; drag away to disconnect.",
    )
    return text.format(name)


def _catalog_description(class_name: str) -> str:
    # the catalog imports Keras: only ask once something else has (never on start-up)
    if "keras" not in sys.modules:
        return ""
    try:
        from engine.catalog import get_catalog

        return get_catalog().get(class_name).description
    except Exception:  # not in the catalog (ops, custom layers, models): no description
        return ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
