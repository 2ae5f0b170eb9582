"""Diagram benchmark: grouping and layout times, and opening DenseNet121 to its first paint.

Printed against baselines measured in the same run, so a busy machine shows in both:

- layout of a 2,000-node residual graph with every node its own card, and of NASNetLarge (1,041
  calls) expanded and at its default collapse level, against one walk over the same graph
  (`dag_of`: reading every node's inputs once);
- finding the groups of NASNetLarge, against the same walk;
- open-to-first-paint of DenseNet121 in the editor window (read the file, Keras's shapes, the
  scene, the layout, the first paint of the canvas), against Keras's own
  `keras.models.model_from_json` of the same file.

CPU seconds are printed beside wall seconds: on a shared machine, wall time also counts the
time other processes held the cores. Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_diagram.py
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

from bench_canvas import nasnet_graph, residual_graph

from engine.diagram.dag import dag_of
from engine.diagram.groups import find_groups
from engine.diagram.layout import lay_out
from engine.diagram.view import flat_view, project

REPEATS = 5
CARD, GROUP = (220.0, 100.0), (228.0, 120.0)


def _size(unit: str) -> tuple[float, float]:
    return GROUP if unit.startswith("group:") else CARD


def measure(work: Callable[[], object]) -> tuple[float, float]:
    """Median (wall, cpu) seconds of `work` over REPEATS runs, each from a collected heap."""
    walls, cpus = [], []
    for _ in range(REPEATS):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def row(label: str, measured: tuple[float, float], baseline: tuple[float, float]) -> None:
    wall, cpu = measured
    print(f"  {label:44s} {wall * 1000:8.1f} ms wall {cpu * 1000:8.1f} ms cpu   "
          f"{wall / baseline[0]:6.1f}x the graph walk")  # fmt: skip


def layouts() -> None:
    graph = residual_graph(2000)
    walk = measure(lambda: dag_of(graph))
    print(f"\nResidual graph, {len(graph.nodes)} nodes (walk {walk[0] * 1000:.1f} ms)")
    view = flat_view(graph)
    row("layout, every node a card", measure(lambda: lay_out(view, _size)), walk)
    row("layout + view from the graph", measure(lambda: lay_out(flat_view(graph), _size)), walk)
    tree = find_groups(graph)
    grouped = project(graph, tree, tree.collapsed_at_level(tree.default_level()))
    row(f"layout at the default level ({len(grouped.units)} cards)",
        measure(lambda: lay_out(grouped, _size)), walk)  # fmt: skip

    nasnet = nasnet_graph()
    walk = measure(lambda: dag_of(nasnet))
    print(f"\nNASNetLarge, {len(nasnet.nodes)} calls (walk {walk[0] * 1000:.1f} ms)")
    row("find the groups", measure(lambda: find_groups(nasnet)), walk)
    tree = find_groups(nasnet)
    everything = project(nasnet, tree, set())
    row("layout, every call a card", measure(lambda: lay_out(everything, _size)), walk)
    level = tree.default_level()
    collapsed = project(nasnet, tree, tree.collapsed_at_level(level))
    row(f"layout at level {level} ({len(collapsed.units)} cards)",
        measure(lambda: lay_out(collapsed, _size)), walk)  # fmt: skip


def open_to_first_paint() -> None:
    """DenseNet121 in the real window, against Keras's model_from_json of the same file."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from tests.keras_models import application_json_path

    path = application_json_path("DenseNet121")
    app = QApplication.instance() or QApplication([])
    import keras

    text = path.read_text()
    keras_times = []
    for _ in range(3):
        gc.collect()
        started = time.perf_counter()
        keras.models.model_from_json(text)
        keras_times.append(time.perf_counter() - started)
        keras.backend.clear_session()
    baseline = statistics.median(keras_times)

    class FirstPaint(QObject):
        """The time of the canvas's first paint once the new model is in the scene."""

        def __init__(self) -> None:
            super().__init__()
            self.armed = False
            self.at: float | None = None

        def eventFilter(self, _watched, event) -> bool:
            if self.armed and event.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
            return False

    ours = []
    for _ in range(3):
        window = MainWindow()
        window.resize(1280, 800)
        window.show()
        window.start(None, offer_recovery=False)
        while not window.ready:
            app.processEvents()
        app.processEvents()
        watcher = FirstPaint()
        window.canvas.viewport().installEventFilter(watcher)
        window.controller.document_replaced.connect(lambda w=watcher: setattr(w, "armed", True))
        gc.collect()
        started = time.perf_counter()
        window.files.open_path(str(path))
        while watcher.at is None:
            app.processEvents()
        ours.append(watcher.at - started)
        window.files.is_modified = lambda: False  # no question on close
        window.close()
        window.deleteLater()
        app.processEvents()
    opened = statistics.median(ours)
    print("\nDenseNet121, open to first paint (median of 3)")
    print(f"  editor window  {opened:6.2f} s   keras.models.model_from_json  {baseline:6.2f} s"
          f"   ratio {opened / baseline:5.2f}x")  # fmt: skip


def main() -> None:
    layouts()
    if "--no-window" not in sys.argv:
        open_to_first_paint()


if __name__ == "__main__":
    main()
