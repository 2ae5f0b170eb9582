"""The content of Keras's `model.summary()`, computed from the graph without building the model.

Rows follow Keras: one per layer in the model's layer order (a Sequential model's `layers`
leave out its input, so does its summary), with the layer's output shape
(of its first call in this model; several tensors are listed), its parameter count and, for
functional models, the tensors it is connected to (`layer[node][tensor]`). Totals count shared
weights once, as Keras does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.model.document import Document
from engine.model.graph import Graph, Layer, TensorRef
from engine.model.shapes import ShapeEngine
from engine.model.topology import dependency_order, topology


@dataclass
class SummaryRow:
    name: str
    class_name: str
    output_shape: str
    params: int | None
    connected_to: list[str] = field(default_factory=list)
    layer_id: str = ""


@dataclass
class Summary:
    model_name: str
    kind: str
    rows: list[SummaryRow]
    trainable: int
    non_trainable: int

    @property
    def total(self) -> int:
        return self.trainable + self.non_trainable

    def as_text(self) -> str:
        return format_summary(self)


def shape_text(shape: tuple | list | None) -> str:
    if shape is None:
        return "?"
    return (
        "("
        + ", ".join("None" if d is None else str(d) for d in shape)
        + ("," if len(shape) == 1 else "")
        + ")"
    )


def _outputs_text(engine: ShapeEngine, graph: Graph, layer: Layer, node_ids: list[str]) -> str:
    if not node_ids:
        return "?"
    result = engine.result(graph, node_ids[0])
    if result.error is not None:
        return "error"
    shapes = [shape_text(spec.shape) for spec in result.outputs]
    return shapes[0] if len(shapes) == 1 else "[" + ", ".join(shapes) + "]"


def summarize(document: Document) -> Summary:
    """The summary of the document's top-level model."""
    return summarize_graph(document.graph, document.shapes)


def summarize_graph(graph: Graph, engine: ShapeEngine) -> Summary:
    engine.infer(graph)
    try:
        order = topology(graph).layers if graph.outputs else _layers_in_flow(graph)
    except Exception:  # a cycle: list what is there
        order = list(graph.layers)
    order += [lid for lid in graph.layers if lid not in order]
    if graph.kind == "Sequential":
        order = [lid for lid in order if not graph.layers[lid].is_input]
    rows = []
    for layer_id in order:
        layer = graph.layers[layer_id]
        calls = graph.calls.get(layer_id, [])
        counts = None if layer.is_input else engine.param_counts(graph, layer)
        params = 0 if layer.is_input else (None if counts is None else sum(counts))
        connected = []
        for node_id in calls:
            connected += [_ref_text(graph, ref) for ref in graph.nodes[node_id].input_refs()]
        rows.append(
            SummaryRow(
                name=layer.name,
                class_name=layer.class_name,
                output_shape=_outputs_text(engine, graph, layer, calls),
                params=params,
                connected_to=connected,
                layer_id=layer_id,
            )
        )
    trainable, non_trainable = engine.model_params(graph)
    return Summary(graph.name, graph.kind, rows, trainable, non_trainable)


def _layers_in_flow(graph: Graph) -> list[str]:
    """A model without outputs yet lists its layers in the order data flows, as Keras would."""
    order: list[str] = []
    for node_id in dependency_order(graph):
        layer_id = graph.nodes[node_id].layer_id
        if layer_id not in order:
            order.append(layer_id)
    return order


def _ref_text(graph: Graph, ref: TensorRef) -> str:
    return f"{graph.layer_of(ref.node_id).name}[{graph.call_index(ref.node_id)}][{ref.index}]"


def _human_bytes(count: int) -> str:
    size = count * 4.0
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} GB"


def format_summary(summary: Summary) -> str:
    """Plain text laid out like Keras's printed summary."""
    functional = summary.kind != "Sequential"
    headers = ["Layer (type)", "Output Shape", "Param #"] + (["Connected to"] if functional else [])
    table = []
    for row in summary.rows:
        params = "?" if row.params is None else f"{row.params:,}"
        cells = [f"{row.name} ({row.class_name})", row.output_shape, params]
        if functional:
            cells.append(", ".join(row.connected_to) or "-")
        table.append(cells)
    widths = [max([len(h)] + [len(r[i]) for r in table]) for i, h in enumerate(headers)]
    line = "─" * (sum(widths) + 3 * (len(widths) - 1))

    def fmt(cells: list[str]) -> str:
        return "   ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [f'Model: "{summary.model_name}"', line, fmt(headers), line]
    out += [fmt(r) for r in table]
    out.append(line)
    out.append(f" Total params: {summary.total:,} ({_human_bytes(summary.total)})")
    out.append(f" Trainable params: {summary.trainable:,} ({_human_bytes(summary.trainable)})")
    out.append(
        f" Non-trainable params: {summary.non_trainable:,} ({_human_bytes(summary.non_trainable)})"
    )
    return "\n".join(out)
