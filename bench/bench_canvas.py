"""Canvas benchmark: our GraphView against a bare QGraphicsScene, in the same run.

For a synthetic 2,000-node residual graph and for NASNetLarge's graph (1,041 calls), every node
drawn as its own card (no group collapsed: the same number of cards as the bare scene):

- build + auto-layout + first paint (view fitted to the whole graph, and at 100% zoom);
- pan and zoom repaints at 100% zoom.

The bare scene is what a minimal canvas costs: one rectangle, one text label per node and one
bezier path per edge, placed by the same layout. Keras's shape inference is not part of the
figures (it is the engine's, and runs after the first paint). Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_canvas.py
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from engine.diagram.layout import edges_of, layered_layout
from engine.model.document import Document
from engine.model.graph import Graph, Layer, Node, TensorRef

VIEW_SIZE = (1280, 800)
REPEATS = 5


def residual_graph(count: int) -> Graph:
    """Input, then blocks of Conv -> BN -> ReLU -> Conv -> Add(skip), some with a side branch."""
    graph = Graph(name=f"residual_{count}")
    previous = _call(graph, "InputLayer", [])
    graph.inputs = [TensorRef(previous)]
    block_input = previous
    while len(graph.nodes) < count:
        for class_name in ("Conv2D", "BatchNormalization", "ReLU", "Conv2D"):
            previous = _call(graph, class_name, [TensorRef(previous)])
        if len(graph.nodes) % 3 == 0:  # an inception-like side branch
            side = _call(graph, "Conv2D", [TensorRef(block_input)])
            previous = _call(graph, "Concatenate", [[TensorRef(previous), TensorRef(side)]])
        previous = _call(graph, "Add", [[TensorRef(previous), TensorRef(block_input)]])
        block_input = previous
    graph.outputs = [TensorRef(previous)]
    return graph


def _call(graph: Graph, class_name: str, args: list) -> str:
    name = f"{class_name.lower()}_{len(graph.layers)}"
    layer = Layer(id=graph.new_id("L"), class_name=class_name, config={"name": name})
    graph._insert_layer(layer)
    node = Node(id=graph.new_id("N"), layer_id=layer.id, args=args)
    graph._insert_node(node)
    return node.id


def nasnet_graph() -> Graph:
    from engine.model.keras_config import graph_from_config
    from tests.keras_models import application_config

    return graph_from_config(application_config("NASNetLarge"))


# ---------------------------------------------------------------------- the two canvases


def build_bare(graph: Graph) -> QGraphicsView:
    """A rectangle and a label per node, a bezier per edge, at the same layout's positions."""
    scene = QGraphicsScene()
    layout = layered_layout(graph, lambda _n: (200.0, 90.0), h_gap=36.0, v_gap=30.0)
    for node_id, (x, y) in layout.positions.items():
        rect = QGraphicsRectItem(0, 0, 200, 64)
        rect.setPos(x, y)
        label = QGraphicsSimpleTextItem(graph.layer_of(node_id).name, rect)
        label.setPos(10, 8)
        scene.addItem(rect)
    pen = QPen()
    for source, target in edges_of(graph):
        (x1, y1), (x2, y2) = layout.positions[source], layout.positions[target]
        start, end = QPointF(x1 + 100, y1 + 64), QPointF(x2 + 100, y2)
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(0, 40), end - QPointF(0, 40), end)
        item = QGraphicsPathItem(path)
        item.setPen(pen)
        scene.addItem(item)
    return _view(scene)


def build_canvas(graph: Graph) -> QGraphicsView:
    from app.canvas.view import GraphView
    from app.controller import DocumentController
    from engine.diagram import state

    controller = DocumentController()
    view = GraphView(controller)
    view.scene().live_annotations = False
    view.minimap.set_wanted(False)  # the bare scene has none
    view.resize(*VIEW_SIZE)
    view.show()
    QTest.qWaitForWindowExposed(view)
    document = Document(graph)
    state.set_collapsed_groups(document.editor_state, "", set())  # every node its own card
    controller.set_document(document)
    view._keep = controller  # the controller must outlive the benchmark
    return view


def _view(scene: QGraphicsScene) -> QGraphicsView:
    view = QGraphicsView(scene)
    view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    view._keep = scene
    view.resize(*VIEW_SIZE)
    view.show()
    QTest.qWaitForWindowExposed(view)
    return view


# ---------------------------------------------------------------------- measurements


def first_paint(
    build: Callable[[Graph], QGraphicsView], graph: Graph
) -> tuple[float, float, QGraphicsView]:
    """Seconds for build + layout + first paint fitted to everything, then one paint at 100%."""
    started = time.perf_counter()
    view = build(graph)
    rect = view.scene().itemsBoundingRect()
    view.fitInView(rect)
    view.viewport().repaint()
    fitted = time.perf_counter() - started
    view.resetTransform()
    view.centerOn(rect.center())
    started = time.perf_counter()
    view.viewport().repaint()
    return fitted, time.perf_counter() - started, view


def pan_zoom(view: QGraphicsView) -> tuple[float, float]:
    """Median seconds per repaint while panning (40 px steps) and zooming (x1.15 steps)."""
    pans, zooms = [], []
    for i in range(30):
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + (40 if i % 10 < 5 else -40))
        started = time.perf_counter()
        view.viewport().repaint()
        pans.append(time.perf_counter() - started)
    for i in range(20):
        factor = 1.15 if i < 10 else 1 / 1.15
        view.scale(factor, factor)
        started = time.perf_counter()
        view.viewport().repaint()
        zooms.append(time.perf_counter() - started)
    return statistics.median(pans), statistics.median(zooms)


def compare(title: str, make_graph: Callable[[], Graph]) -> None:
    runs: dict[str, list[tuple[float, ...]]] = {"bare": [], "canvas": []}
    # interleaved, each from a collected heap: neither side inherits the other's garbage or
    # the machine's slow minute alone
    for _ in range(REPEATS):
        for name, build in (("bare", build_bare), ("canvas", build_canvas)):
            graph = make_graph()
            gc.collect()
            fitted, at_100, view = first_paint(build, graph)
            pan, zoom = pan_zoom(view)
            runs[name].append((fitted, at_100, pan, zoom))
            view.close()
            view.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    rows = {
        name: [statistics.median(values) for values in zip(*measured, strict=True)]
        for name, measured in runs.items()
    }
    print(
        f"\n{title}: {len(graph.nodes)} nodes, {len(edges_of(graph))} edges "
        f"(median of {REPEATS} runs)"
    )
    labels = (
        "build+layout+first paint (fit)",
        "first paint at 100%",
        "pan repaint",
        "zoom repaint",
    )
    for i, label in enumerate(labels):
        bare, ours = rows["bare"][i], rows["canvas"][i]
        print(f"  {label:32s} bare {bare * 1000:8.1f} ms   canvas {ours * 1000:8.1f} ms   "
              f"ratio {ours / bare:5.2f}x")  # fmt: skip


def main() -> None:
    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    graph = residual_graph(2000)
    layered_layout(graph)
    print(f"layout alone, 2,000 nodes: {time.perf_counter() - started:.2f} s")
    compare("Residual graph", lambda: residual_graph(2000))
    nasnet = nasnet_graph()
    compare("NASNetLarge", lambda: nasnet_graph() if nasnet is None else _fresh(nasnet))
    del app


def _fresh(graph: Graph) -> Graph:
    import copy

    return copy.deepcopy(graph)


if __name__ == "__main__":
    main()
