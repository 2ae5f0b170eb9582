"""Plain-language descriptions of shapes and selections, for tooltips and the status bar.

Keras shapes lead with the batch axis (`None` = any batch size); the meaning of the other axes
depends on the rank, and for images on `data_format` (channels last is Keras's default).
"""

from __future__ import annotations

from collections.abc import Sequence

from engine.model.graph import Graph
from engine.model.shapes import NodeResult
from engine.model.summary import shape_text

_AXES = {
    1: ("batch",),
    2: ("batch", "features"),
    3: ("batch", "timesteps", "features"),
    4: ("batch", "height", "width", "channels"),
    5: ("batch", "depth", "height", "width", "channels"),
}


def axis_names(rank: int) -> tuple[str, ...]:
    """Conventional names of the axes of a rank-`rank` tensor (channels last)."""
    return _AXES.get(rank, ("batch", *(f"axis {i}" for i in range(1, rank))))


def describe_shape(shape: Sequence[int | None] | None) -> str:
    """`(None, 48, 48, 32): batch, height, width, channels`, with what `None` means."""
    if shape is None:
        return "unknown shape"
    text = f"{shape_text(tuple(shape))}: {', '.join(axis_names(len(shape)))}"
    if shape and shape[0] is None:
        text += " (None = any batch size)"
    return text


def describe_result(result: NodeResult | None) -> str:
    """One line on a call's outputs, or why Keras rejects it."""
    if result is None:
        return "shape not computed yet"
    if result.error:
        return f"error: {result.error.splitlines()[0]}"
    if not result.outputs:
        return "no output"
    if len(result.outputs) == 1:
        return "output " + describe_shape(result.outputs[0].shape)
    shapes = ", ".join(shape_text(tuple(spec.shape)) for spec in result.outputs)
    return f"{len(result.outputs)} outputs: {shapes}"


def describe_node(graph: Graph, node_id: str, result: NodeResult | None) -> str:
    """`dense_1 (Dense) · call 2 of 2 (shared weights) · output (None, 64): batch, features`."""
    layer = graph.layer_of(node_id)
    parts = [f"{layer.name} ({layer.class_name})"]
    calls = graph.calls.get(layer.id, [])
    if len(calls) > 1:
        parts.append(f"call {calls.index(node_id) + 1} of {len(calls)} (shared weights)")
    if layer.is_input:
        parts.append("model input")
    if any(ref.node_id == node_id for ref in graph.outputs):
        parts.append("model output")
    parts.append(describe_result(result))
    return " · ".join(parts)


def describe_selection(graph: Graph, node_ids: list[str], results: dict[str, NodeResult]) -> str:
    """The status bar's text for the current selection."""
    node_ids = [n for n in node_ids if n in graph.nodes]
    if not node_ids:
        count = len(graph.layers)
        if not count:
            return "Empty model: drag a layer from the palette, starting with an Input."
        return (
            f"Model '{graph.name}': {count} layers. Click a node to inspect it; drag from an "
            "output port to an input port to connect."
        )
    if len(node_ids) == 1:
        return describe_node(graph, node_ids[0], results.get(node_ids[0]))
    return f"{len(node_ids)} nodes selected (Group into model makes them one reusable block)."
