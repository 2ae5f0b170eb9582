"""Plain-language descriptions of shapes and selections, for tooltips and the status bar.

Keras shapes lead with the batch axis (`None` = any batch size); the meaning of the other axes
depends on the rank, and for images on `data_format` (channels last is Keras's default).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.counted import counted
from app.engine_text import engine_text
from engine.model.graph import Graph
from engine.model.shapes import NodeResult
from engine.model.summary import shape_text

_BATCH = QT_TRANSLATE_NOOP("Teaching", "batch")
_FEATURES = QT_TRANSLATE_NOOP("Teaching", "features")
_AXES = {
    1: (_BATCH,),
    2: (_BATCH, _FEATURES),
    3: (_BATCH, QT_TRANSLATE_NOOP("Teaching", "timesteps"), _FEATURES),
    4: (
        _BATCH,
        QT_TRANSLATE_NOOP("Teaching", "height"),
        QT_TRANSLATE_NOOP("Teaching", "width"),
        QT_TRANSLATE_NOOP("Teaching", "channels"),
    ),
    5: (
        _BATCH,
        QT_TRANSLATE_NOOP("Teaching", "depth"),
        QT_TRANSLATE_NOOP("Teaching", "height"),
        QT_TRANSLATE_NOOP("Teaching", "width"),
        QT_TRANSLATE_NOOP("Teaching", "channels"),
    ),
}


def axis_names(rank: int) -> tuple[str, ...]:
    """Conventional names of the axes of a rank-`rank` tensor (channels last), translated."""
    names = _AXES.get(rank)
    if names is not None:
        return tuple(QCoreApplication.translate("Teaching", name) for name in names)
    axis = QCoreApplication.translate("Teaching", "axis {0}")
    batch = QCoreApplication.translate("Teaching", _BATCH)
    return (batch, *(axis.format(i) for i in range(1, rank)))


def describe_shape(shape: Sequence[int | None] | None) -> str:
    """`(None, 48, 48, 32): batch, height, width, channels`, with what `None` means."""
    if shape is None:
        return QCoreApplication.translate("Teaching", "unknown shape")
    separator = QCoreApplication.translate("Teaching", ", ")
    text = f"{shape_text(tuple(shape))}: {separator.join(axis_names(len(shape)))}"
    if shape and shape[0] is None:
        text += QCoreApplication.translate("Teaching", " (None = any batch size)")
    return text


def describe_result(result: NodeResult | None) -> str:
    """One line on a call's outputs, or why Keras rejects it."""
    if result is None:
        return QCoreApplication.translate("Teaching", "shape not computed yet")
    if result.error:
        error = engine_text(result.error.splitlines()[0])
        return QCoreApplication.translate("Teaching", "error: {0}").format(error)
    if not result.outputs:
        return QCoreApplication.translate("Teaching", "no output")
    if len(result.outputs) == 1:
        shape = describe_shape(result.outputs[0].shape)
        return QCoreApplication.translate("Teaching", "output {0}").format(shape)
    shapes = ", ".join(shape_text(tuple(spec.shape)) for spec in result.outputs)
    count = len(result.outputs)
    return counted().outputs(shapes, count)


def describe_node(graph: Graph, node_id: str, result: NodeResult | None) -> str:
    """`dense_1 (Dense) · call 2 of 2 (shared weights) · output (None, 64): batch, features`."""
    layer = graph.layer_of(node_id)
    parts = [f"{layer.name} ({layer.class_name})"]
    calls = graph.calls.get(layer.id, [])
    if len(calls) > 1:
        call = QCoreApplication.translate("Teaching", "call {0} of {1} (shared weights)")
        parts.append(call.format(calls.index(node_id) + 1, len(calls)))
    if layer.is_input:
        parts.append(QCoreApplication.translate("Teaching", "model input"))
    if any(ref.node_id == node_id for ref in graph.outputs):
        parts.append(QCoreApplication.translate("Teaching", "model output"))
    parts.append(describe_result(result))
    return " · ".join(parts)


def describe_selection(graph: Graph, node_ids: list[str], results: dict[str, NodeResult]) -> str:
    """The status bar's text for the current selection."""
    node_ids = [n for n in node_ids if n in graph.nodes]
    if not node_ids:
        count = len(graph.layers)
        if not count:
            return QCoreApplication.translate(
                "Teaching", "Empty model: drag a layer from the palette, starting with an Input."
            )
        return counted().model_status(graph.name, count)
    if len(node_ids) == 1:
        return describe_node(graph, node_ids[0], results.get(node_ids[0]))
    return counted().nodes_selected(len(node_ids))
