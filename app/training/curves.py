"""Live training curves: matplotlib embedded in Qt (`FigureCanvasQTAgg`).

Events only record points (`CurveData`); a QTimer redraws at most `REDRAWS_PER_SECOND` times a
second, and only when something changed, so a fast model never makes the window stutter. One
plot per metric (loss, accuracy, ...), training lines solid and validation lines dashed, one
colour per model output; runs picked in the runs list are overlaid, fainter. The figure uses
matplotlib's constrained layout, so titles, tick labels, the "epoch" label and the legend always
fit, whatever the panel's size.

matplotlib is imported when the view is first shown, not when the window starts.
"""

from __future__ import annotations

import csv
import functools
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtGui import QImage, QPainter, QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.style import set_role
from app.training.background import Background

logger = logging.getLogger(__name__)

REDRAWS_PER_SECOND = 4
COLORS = ("#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777")
VALIDATION_COLOR = "#ea580c"
BATCH_LABEL = QT_TRANSLATE_NOOP("CurvesView", "batch by batch (running mean)")
# fonts with Chinese characters matplotlib may find, best first (its own DejaVu Sans has none)
CJK_FONTS = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "Droid Sans Fallback", "Microsoft YaHei", "PingFang SC", "SimHei",
)  # fmt: skip
Point = tuple[float, float]


def split_key(key: str, outputs: list[str]) -> tuple[str, str | None, bool]:
    """Split a Keras log key into (metric, output or None, is_validation).

    `val_out_a_accuracy` with outputs ["out_a", "out_b"] is ("accuracy", "out_a", True).
    """
    validation = key.startswith("val_")
    rest = key[4:] if validation else key
    for output in sorted(outputs, key=len, reverse=True):  # "out_ab" before "out_a"
        if rest.startswith(output + "_") and len(rest) > len(output) + 1:
            return rest[len(output) + 1 :], output, validation
    return rest, None, validation


@dataclass
class CurveData:
    """The points of one run: per log key, epoch-end points and within-epoch batch points.

    Attributes:
        name: the run's label in legends and exports.
        outputs: the model's output names (to give each output its own line).
        epochs: key -> [(epoch, value)], x counted from 1 at the end of the first epoch.
        batches: key -> [(fractional epoch, value)] from batch events.
    """

    name: str = "run"
    outputs: list[str] = field(default_factory=list)
    epochs: dict[str, list[Point]] = field(default_factory=dict)
    batches: dict[str, list[Point]] = field(default_factory=dict)

    def add_batch(self, event: dict[str, Any]) -> None:
        steps = max(int(event.get("steps") or 1), 1)
        x = int(event.get("epoch", 0)) + (int(event.get("batch", 0)) + 1) / steps
        for key, value in _numbers(event.get("logs")):
            self.batches.setdefault(key, []).append((x, value))

    def add_epoch(self, event: dict[str, Any]) -> None:
        x = float(int(event.get("epoch", 0)) + 1)
        for key, value in _numbers(event.get("logs")):
            self.epochs.setdefault(key, []).append((x, value))
            batches = self.batches.get(key)
            if batches and batches[-1][0] < x:
                # the worker sends a few batches a second, rarely the epoch's last; Keras's
                # batch logs are running means, so the last batch's value is the epoch's
                batches.append((x, value))

    @classmethod
    def from_history(
        cls, name: str, history: dict[str, list[Any]], outputs: list[str], initial_epoch: int = 0
    ) -> CurveData:
        """Curves from a Keras `History.history` dict (as a finished run stores it)."""
        data = cls(name=name, outputs=list(outputs))
        for key, values in history.items():
            points = [
                (float(initial_epoch + i + 1), float(v))
                for i, v in enumerate(values)
                if isinstance(v, (int, float))
            ]
            if points:
                data.epochs[key] = points
        return data

    def metrics(self) -> list[str]:
        """The metric names, loss first."""
        names = {split_key(k, self.outputs)[0] for k in (*self.epochs, *self.batches)}
        return sorted(names, key=lambda n: (n != "loss", n == "learning_rate", n))


def _canvas_class() -> type:
    """FigureCanvasQTAgg whose `draw_idle` (resizes, ...) asks the view for a redraw."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    class AsyncCanvas(FigureCanvasQTAgg):
        on_draw_request: Any = None
        # (drawing thread id, its renderer): the layout measures texts with the renderer of the
        # drawing in progress, instead of replacing the shown one (get_renderer's default); the
        # GUI thread, painting meanwhile, still gets the finished one
        measuring: tuple[int, Any] | None = None

        def get_renderer(self) -> Any:
            measuring = self.measuring
            if measuring is not None and measuring[0] == threading.get_ident():
                return measuring[1]
            return super().get_renderer()

        def draw_idle(self) -> None:
            # never draw on the GUI thread behind the view's back: the view's timer does it
            if self.on_draw_request is not None:
                self.on_draw_request()

        def paintEvent(self, event: Any) -> None:
            renderer = getattr(self, "renderer", None)
            key = (*self.get_width_height(physical=True), self.figure.dpi)
            if renderer is None or self._lastKey == key:
                super().paintEvent(event)
                return
            # resized since the last drawing: show it stretched (not blank) until the next one
            buffer = renderer.buffer_rgba()
            image = QImage(
                buffer, int(renderer.width), int(renderer.height), QImage.Format.Format_RGBA8888
            )
            painter = QPainter(self)
            painter.drawImage(self.rect(), image)
            painter.end()

    return AsyncCanvas


@functools.cache
def font_families() -> list[str]:
    """Matplotlib's sans-serif font, then one with Chinese characters when matplotlib knows one:
    matplotlib draws each character with the first font of the list that has it."""
    from matplotlib import font_manager

    known = {font.name for font in font_manager.fontManager.ttflist}
    return ["DejaVu Sans", *[name for name in CJK_FONTS if name in known][:1]]


def _import_matplotlib() -> None:
    import matplotlib.backends.backend_qtagg
    import matplotlib.figure  # noqa: F401


def _at_least_one_epoch_wide(axes: Any) -> None:
    """Widen the x range to one epoch: the first batch points alone would be labelled in
    hundredths of an epoch."""
    low, high = axes.get_xlim()
    if high - low < 1.0:
        low = max(0.0, (low + high) / 2 - 0.5)
        # auto=None: autoscaling stays on (set_xlim's default turns it off, and the x axis
        # then stayed at its first epoch while the next ones were drawn off the plot)
        axes.set_xlim(low, low + 1.0, auto=None)


def _tick_labels_key(figure: Any) -> tuple:
    """The lengths of each plot's y tick labels and offset text: when they change (0.5 ->
    0.25), the left margins must change too."""
    key = []
    for axes in figure.axes:
        formatter = axes.yaxis.get_major_formatter()
        labels = formatter.format_ticks(axes.yaxis.get_majorticklocs())
        key.append((max((len(label) for label in labels), default=0), formatter.get_offset()))
    return tuple(key)


def _numbers(logs: Any) -> list[Point]:
    if not isinstance(logs, dict):
        return []
    return [(k, float(v)) for k, v in logs.items() if isinstance(v, (int, float))]


class CurvesView(QWidget):
    """The live curves of the current run, plus overlaid past runs.

    Attributes:
        live: the points of the run being trained (or last trained).
        overlays: past runs drawn beside it.
        draw_count: how many times the figure was drawn (the benchmark reads it).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.live = CurveData()
        self.overlays: list[CurveData] = []
        self.draw_count = 0
        self._dirty = False
        self._layout_key: tuple = ()
        self._laid_out: tuple = ()  # what the figure's current layout was computed for
        self._figure: Any = None
        self._canvas: Any = None
        self._lines: dict[tuple[str, str, str], Any] = {}
        self._background = Background(self)
        self._importing = False
        self._rendering = False
        self._generation = self._drawn_generation = 0
        self._figure_lock = threading.Lock()
        self._hint = QLabel(
            self.tr("Train the model to see its loss and metrics here, epoch by epoch.")
        )
        set_role(self._hint, "placeholder")
        self.note = QLabel()  # the run's state when it is not simply running ("Paused at ...")
        set_role(self.note, "subheading")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self._hint)
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // REDRAWS_PER_SECOND)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()

    # ------------------------------------------------------------------ data in

    def reset(self, name: str, outputs: list[str]) -> None:
        """Start the curves of a new run."""
        self.live = CurveData(name=name, outputs=list(outputs))
        self.mark_dirty()

    def set_overlays(self, runs: list[CurveData]) -> None:
        self.overlays = list(runs)
        self.mark_dirty()

    def add_batch(self, event: dict[str, Any]) -> None:
        self.live.add_batch(event)
        self.mark_dirty()

    def add_epoch(self, event: dict[str, Any]) -> None:
        self.live.add_epoch(event)
        self.mark_dirty()

    @property
    def figure(self) -> Any:
        """The matplotlib Figure (None until the view is first shown or drawn)."""
        return self._figure

    def set_note(self, text: str) -> None:
        """Show `text` above the curves (the run's state, e.g. paused); "" hides it."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def mark_dirty(self) -> None:
        """Ask for a redraw at the next tick (never now: events may come in bursts)."""
        self._dirty = True

    def is_drawn(self) -> bool:
        """True when the shown drawing has every point received: no redraw asked or running
        (a drawing that was running when points came in shows the points before them)."""
        return not self._dirty and not self._rendering

    # ------------------------------------------------------------------ drawing

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._canvas is None and not self._importing:
            # matplotlib's first import takes ~0.5 s: done in a thread, the window stays live
            self._importing = True
            self._background.run(_import_matplotlib, self._on_imported, self._on_imported)

    def _on_imported(self, _result: object) -> None:
        self.ensure_canvas()

    def ensure_canvas(self) -> None:
        """Create the matplotlib canvas (the first call imports matplotlib)."""
        if self._canvas is not None:
            return
        from matplotlib.figure import Figure

        self._figure = Figure(figsize=(6, 3), dpi=100, facecolor="white", layout="constrained")
        self._canvas = _canvas_class()(self._figure)
        self._canvas.on_draw_request = self.mark_dirty
        self._canvas.setMinimumHeight(180)
        self.layout().addWidget(self._canvas, 1)
        self._dirty = True

    def _on_tick(self) -> None:
        if not self._dirty or self._canvas is None or not self.isVisible() or self._rendering:
            return
        # the figure is drawn in a thread (Agg renders there, off the GUI thread); the GUI
        # thread only swaps the finished image in, so a slow draw never freezes the window
        self._dirty, self._rendering = False, True
        snapshot = self._snapshot()
        self._background.run(lambda: self._render(snapshot), self._install, self._on_failed)

    def redraw(self) -> None:
        """Draw the curves now, on this thread (tests and exports; the timer draws in a thread)."""
        self.ensure_canvas()
        self._dirty = False
        self._install(self._render(self._snapshot()), synchronous=True)

    def _snapshot(self) -> tuple[int, list[CurveData]]:
        """Copies of the runs' points, so the drawing thread reads data nobody changes, and
        their generation (a drawing of older data never replaces a newer one)."""
        self._generation += 1
        return self._generation, [
            CurveData(
                r.name,
                list(r.outputs),
                {k: list(v) for k, v in r.epochs.items()},
                {k: list(v) for k, v in r.batches.items()},
            )
            # a ticked run that is the live one (just recorded) is drawn once
            for r in (*(o for o in self.overlays if o.name != self.live.name), self.live)
        ]

    def _render(self, snapshot: tuple[int, list[CurveData]]) -> tuple[Any, tuple, bool]:
        """Update the figure and draw it into a new Agg renderer (any thread, one at a time)."""
        from matplotlib.backends.backend_agg import RendererAgg

        generation, runs = snapshot
        with self._figure_lock:
            if generation < self._drawn_generation:
                return None, (), True
            self._drawn_generation = generation
            metrics: list[str] = []
            for run in runs:
                metrics += [m for m in run.metrics() if m not in metrics]
            metrics.sort(key=lambda n: (n != "loss", n == "learning_rate", n))
            # a new log key (val_loss after the first epoch) needs a new line, hence the keys
            key = (tuple(metrics), tuple((r.name, *sorted({*r.epochs, *r.batches})) for r in runs))
            if key != self._layout_key:
                self._build_axes(metrics, runs)
                self._layout_key = key
            by_name = {r.name: r for r in runs}
            for (run_name, metric_key, kind), line in self._lines.items():
                run = by_name[run_name]
                points = (run.batches if kind == "batch" else run.epochs).get(metric_key, [])
                line.set_data([p[0] for p in points], [p[1] for p in points])
            for axes in self._figure.axes:
                axes.relim()
                axes.autoscale_view()
                _at_least_one_epoch_wide(axes)
            width, height = self._canvas.get_width_height(physical=True)
            self._choose_layout((key, width, height, _tick_labels_key(self._figure)))
            renderer = RendererAgg(width, height, self._figure.dpi)
            self._canvas.measuring = (threading.get_ident(), renderer)
            try:
                self._figure.draw(renderer)
            finally:
                self._canvas.measuring = None
            return renderer, (width, height, self._figure.dpi), bool(metrics)

    def _choose_layout(self, state: tuple) -> None:
        """Lay the figure out again only when what the layout depends on changed (the plots,
        the size, the tick labels' lengths): constrained layout measures every text, which
        would double the cost of each live drawing."""
        if state != self._laid_out:
            self._laid_out = state
            self._figure.set_layout_engine("constrained")
        else:
            self._figure.set_layout_engine("none")  # keeps the positions last computed

    def _install(self, drawn: tuple[Any, tuple, bool], synchronous: bool = False) -> None:
        renderer, size, has_curves = drawn
        self._rendering = self._rendering and synchronous
        if renderer is None:  # an older drawing finished after a newer one: drop it
            return
        canvas = self._canvas
        canvas.renderer, canvas._lastKey = renderer, size  # what paintEvent copies from
        canvas.update()
        self._hint.setVisible(not has_curves)
        self.draw_count += 1

    def _on_failed(self, error: BaseException) -> None:
        self._rendering = False
        logger.warning("Drawing the curves failed: %s", error)

    def _build_axes(self, metrics: list[str], runs: list[CurveData]) -> None:
        from matplotlib.ticker import MaxNLocator

        self._figure.clear()
        self._lines = {}
        if not metrics:
            return
        columns = min(len(metrics), 3)
        rows = (len(metrics) + columns - 1) // columns
        axes_by_metric = {}
        for index, metric in enumerate(metrics):
            axes = self._figure.add_subplot(rows, columns, index + 1)
            axes.set_title(metric.replace("_", " "), fontsize=10, fontfamily=font_families())
            epoch = QCoreApplication.translate("CurvesView", "epoch")  # thread-safe
            axes.set_xlabel(epoch, fontsize=9, fontfamily=font_families())
            axes.tick_params(labelsize=8)
            axes.grid(True, color="#e5e7eb", linewidth=0.8)
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
            axes_by_metric[metric] = axes
        for run_index, run in enumerate(runs):
            overlay = run_index < len(runs) - 1  # the live run is drawn last
            self._add_lines(run, axes_by_metric, overlay=overlay, index=run_index, n_runs=len(runs))
        self._legends(list(axes_by_metric.values()))

    def _legends(self, axes_list: list[Any]) -> None:
        """One legend for all plots, outside them, so no line hides behind it (an accuracy
        curve ends where an inside legend sits): up to three entries in a row above the plots,
        more (several outputs or runs) in a column at the right. The faint batch lines get one
        entry. ("best" placement searches every
        point at each draw: too slow for live curves.)"""
        entries: dict[str, Any] = {}
        for axes in axes_list:
            handles, labels = axes.get_legend_handles_labels()
            entries.update(zip(labels, handles, strict=True))
        if any(kind == "batch" for _run, _key, kind in self._lines):
            from matplotlib.lines import Line2D

            # the faint lines, whatever their colour: the running mean within each epoch
            label = QCoreApplication.translate("CurvesView", BATCH_LABEL)  # thread-safe
            entries[label] = Line2D([], [], color="#6b7280", linewidth=0.8, alpha=0.6)
        if not entries:
            return
        few = len(entries) <= 3
        self._figure.legend(
            list(entries.values()), list(entries), frameon=False,
            prop={"size": 8, "family": font_families()},
            loc="outside upper right" if few else "outside right center",
            ncols=len(entries) if few else 1,
        )  # fmt: skip

    def _add_lines(
        self, run: CurveData, axes_by_metric: dict, overlay: bool, index: int, n_runs: int
    ) -> None:
        outputs = [None, *run.outputs]
        for key in sorted(set(run.epochs) | set(run.batches)):
            metric, output, validation = split_key(key, run.outputs)
            axes = axes_by_metric[metric]
            colour = COLORS[(index if overlay else outputs.index(output)) % len(COLORS)]
            if validation and not overlay and len(run.outputs) <= 1:
                colour = VALIDATION_COLOR  # one output: tell the two lines apart by colour too
            if validation:
                label = QCoreApplication.translate("CurvesView", "validation")
            else:
                label = QCoreApplication.translate("CurvesView", "training")
            if output or len(run.outputs) > 1:  # no output named: the sum of the outputs' losses
                name = output or QCoreApplication.translate("CurvesView", "total")
                label = f"{name} {label}"
            if n_runs > 1:
                label = f"{run.name}: {label}"
            style = {"color": colour, "linestyle": "--" if validation else "-"}
            alpha = 0.45 if overlay else 1.0
            if key in run.batches and not overlay:
                (line,) = axes.plot([], [], linewidth=0.8, alpha=0.35, **style)
                self._lines[(run.name, key, "batch")] = line
            (line,) = axes.plot(
                [], [], marker="o", markersize=3, linewidth=1.6, alpha=alpha, label=label, **style
            )
            self._lines[(run.name, key, "epoch")] = line

    def lines(self) -> list[Any]:
        """The matplotlib lines of the epoch points as last drawn (for tests and exports)."""
        return [line for (_run, _key, kind), line in self._lines.items() if kind == "epoch"]

    # ------------------------------------------------------------------ export

    def save_png(self, path: str) -> None:
        """Write the curves as they are shown to a PNG file."""
        self.redraw()
        with self._figure_lock:
            self._figure.savefig(path, dpi=120)

    def save_csv(self, path: str) -> None:
        """Write the epoch values of every shown run: one row per run and epoch."""
        runs = [*self.overlays, self.live]
        keys = sorted({k for r in runs for k in r.epochs})
        with open(path, "w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(["run", "epoch", *keys])
            for run in runs:
                epochs = sorted({x for k in keys for x, _ in run.epochs.get(k, [])})
                for epoch in epochs:
                    values = {k: dict(run.epochs.get(k, [])).get(epoch, "") for k in keys}
                    writer.writerow([run.name, int(epoch), *(values[k] for k in keys)])
