"""Look inside: the training panel's worker events, drawn on the canvas's cards.

The worker writes a sample's activations and the weights to `.npz` archives and sends an
`activations` event; during a fit it also sends `health` events. This object turns them into
the cards' thumbnails (prepared off the GUI thread, so a refresh during training never stalls
the window), their health sparklines and warnings, the colour legend, and the viewer a click on
a thumbnail opens. It holds the latest results only as views need them: the engine's files
stay the truth.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from app.canvas.look_items import ROOM, Health
from app.canvas.look_layer import LookLayer
from app.canvas.look_legend import LookLegend
from app.engine_text import engine_text
from app.look import health_text
from app.look.thumbnails import prepare, to_thumbnail
from app.look.viewer import ActivationViewer

logger = logging.getLogger(__name__)

SPARK_POINTS = 60  # measurements a sparkline keeps


class LookInside(QObject):
    """Connects a training panel to a canvas view.

    Args:
        controller: the window's DocumentController.
        view: the GraphView whose cards get the thumbnails.
        panel: the TrainingPanel (its worker process and its Look inside tab).
    """

    _prepared = Signal(object)  # a Future from the thumbnail thread, delivered on this thread

    def __init__(self, controller: Any, view: QWidget, panel: Any) -> None:
        super().__init__(view)
        self.controller, self.view, self.panel = controller, view, panel
        self.layer = LookLayer(view.scene())
        self.legend = LookLegend(view)
        view.covered_corner = self.legend.covered_corner  # nothing while hidden or dragged away
        # one long-lived thread: starting a thread per refresh made the window wait for the
        # system to schedule it (up to 100 ms on a loaded machine)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thumbnails")
        self._prepared.connect(self._on_prepared)
        self.destroyed.connect(lambda: self._executor.shutdown(wait=False))
        self.mode = "activations"
        # the latest activations event shown (not `event`: that would hide QObject.event)
        self.shown: dict[str, Any] | None = None
        self.looked_config: dict[str, Any] | None = None  # the model it ran through
        self.viewers: list[ActivationViewer] = []
        self._job: dict[str, Any] = {}
        self._busy = False
        self._again = False
        self._ratios: dict[str, list[float]] = {}  # layer path -> update ratios
        self._layer_problems: dict[str, tuple[str, bool]] = {}  # path -> (sentence, severe)
        self._node_problems: dict[str, tuple[str, bool]] = {}  # node key -> (sentence, severe)
        self._nan: tuple[str, str] | None = None  # (node key, sentence)
        process = panel.process
        process.started.connect(self._on_started)
        process.activations.connect(self._on_activations)
        process.health.connect(self._on_health)
        panel.look.hidden.connect(self.hide)
        self.legend.mode_changed.connect(self._on_mode)
        self.legend.close_requested.connect(panel.look.hide)
        self.layer.clicked.connect(self.open_viewer)
        controller.changed.connect(self._on_model_changed)
        controller.document_replaced.connect(self.hide)
        view.scene().rebuilt.connect(self._on_rebuilt)

    # ------------------------------------------------------------------ activations

    def _on_started(self, event: dict[str, Any]) -> None:
        self._job = dict(self.panel.job or {})
        if event.get("kind") == "fit":  # a new fit: its health starts afresh
            self._ratios.clear()
            self._layer_problems.clear()
            self._node_problems.clear()
            self._nan = None
            self.layer.clear_health()

    def _on_activations(self, event: dict[str, Any]) -> None:
        if not self.panel.look.active:
            return
        self.shown = event
        self.looked_config = self._job.get("model")
        self.refresh()

    def refresh(self) -> None:
        """Prepare the thumbnails of the latest event for the cards shown (in a thread)."""
        if self.shown is None:
            return
        if self._busy:  # one at a time; the newest event wins
            self._again = True
            return
        self._busy = True
        event, mode, keys = self.shown, self.mode, list(self.layer.keys())
        future = self._executor.submit(prepare, event, keys, mode)
        future.add_done_callback(self._prepared.emit)  # from the thread: a queued signal

    def _on_prepared(self, future: Future) -> None:
        self._busy = False
        error = future.exception()
        if error is not None:
            self._on_failed(error)
        elif self.shown is not None and self.panel.look.active:
            prepared = future.result()
            nodes = self.shown.get("nodes") or {}
            thumbnails = {key: to_thumbnail(key, p, nodes.get(key)) for key, p in prepared.items()}
            self.layer.set_thumbnails(thumbnails)
            self._show_legend()
            self._make_room(True)
        if self._again:
            self._again = False
            self.refresh()

    def _on_failed(self, error: BaseException) -> None:
        logger.info("thumbnails not prepared: %s", error)
        self.panel.look.chooser.show_status(
            self.tr("The pictures cannot be read: {error}").format(error=error), True
        )

    def _on_mode(self, mode: str) -> None:
        self.mode = mode
        self.refresh()

    def _on_rebuilt(self) -> None:
        """Another graph is shown (a nested model entered): pictures for its cards."""
        if self.shown is not None and self.panel.look.active:
            self.refresh()
        self._apply_health()

    def _on_model_changed(self) -> None:
        if self.looked_config is None or not self.layer.items:
            return
        try:
            config = self.controller.model_config()
        except Exception:  # the graph has problems now: the pictures are surely old
            config = None
        if config != self.looked_config:
            self.layer.set_stale()

    def hide(self) -> None:
        self.shown = None
        self.looked_config = None
        self.layer.clear()
        self.legend.hide()
        self._make_room(False)

    def _make_room(self, wanted: bool) -> None:
        """An automatic layout spreads its columns so that no card hides a thumbnail (three
        columns had no room for the middle one's), and closes them up again after; a view
        showing the whole drawing keeps showing it as the thumbnails come, grow and go."""
        if self.view.scene().set_room_beside_cards(ROOM if wanted else 0.0):
            self.layer.attach()
            self.view.show_start()
        else:
            self.view.keep_fitted()

    def open_viewer(self, key: str) -> None:
        if self.shown is None:
            return
        try:
            viewer = ActivationViewer(key, self.shown, self.view.window())
        except OSError as exc:  # the run's files were removed meanwhile
            self.panel.look.chooser.show_status(str(exc), True)
            return
        self.viewers = [v for v in self.viewers if v.isVisible()] + [viewer]
        viewer.show()

    # ------------------------------------------------------------------ legend

    def _show_legend(self) -> None:
        event = self.shown or {}
        sample = event.get("sample") or {}
        title = self.tr("Sample: {sample}").format(sample=_sample_text(sample))
        lines = [self._weights_text(event)]
        prefix = self.layer.view_prefix()
        if prefix:
            lines.append(self.tr("Inside {model}: the values of its first call.").format(
                model=prefix[-1][0]))  # fmt: skip
        lines.append(self.tr("Click a thumbnail for all channels and the numbers."))
        help_lines = [self.tr(
            "Each card has its own colour scale: white is zero, blue below, red above; the "
            "strongest colour is the 99th percentile of the card's values. Magenta marks NaN "
            "or infinite values."
        )]  # fmt: skip
        if self._ratios:
            help_lines.append(self.tr(
                "The blue line under a card: how much one training step changes the layer's "
                "weights (Δw/w, on a log scale); in the green band (1e-4 to 1e-2) training "
                "usually goes well."
            ))  # fmt: skip
        self.legend.set_text(title, "\n".join(lines), "\n\n".join(help_lines))
        self.legend.show()
        self.legend.raise_()

    def _weights_text(self, event: dict[str, Any]) -> str:
        phase, epoch = event.get("phase"), event.get("epoch")
        epochs = (self._job.get("fit") or {}).get("epochs")
        if phase == "start":
            return self.tr("Weights: before training.")
        if phase == "epoch" and epoch is not None:
            return self.tr("Weights: after epoch {epoch} of {epochs}.").format(
                epoch=epoch + 1, epochs=epochs)  # fmt: skip
        if phase in ("batch", "request") and epoch is not None:
            return self.tr("Weights: during epoch {epoch}.").format(epoch=epoch + 1)
        if self._job.get("load_weights"):
            return self.tr("Weights: the last run's.")
        return self.tr("Weights: untrained (seed {seed}).").format(seed=self._job.get("seed"))

    # ------------------------------------------------------------------ health

    def _on_health(self, event: dict[str, Any]) -> None:
        nan = event.get("nan")
        if nan:
            text = health_text.nan_text(nan, int(event.get("epoch", 0)), int(event.get("batch", 0)))
            self._nan = (nan.get("node") or "", health_text.nan_card_text(nan))
            self.panel.set_health_note(text)
            self._apply_health()
            return
        for path, stats in (event.get("layers") or {}).items():
            ratios = self._ratios.setdefault(path, [])
            ratios.append(stats.get("update_ratio"))
            del ratios[:-SPARK_POINTS]
        problems = event.get("problems") or []
        self._layer_problems = {p["layer"]: _said(p) for p in problems if not p.get("node")}
        if event.get("nodes"):  # the probe batch ran: its findings replace the last ones
            self._node_problems = {p["node"]: _said(p) for p in problems if p.get("node")}
        self._apply_health()

    def _apply_health(self) -> None:
        if self.shown is not None and self.legend.isVisible():
            self._show_legend()
        health: dict[str, Health] = {}
        for path, keys in self.layer.layer_keys().items():
            for key in keys:
                problem, severe = self._node_problems.get(key) or self._layer_problems.get(
                    path, ("", False)
                )
                if self._nan is not None and self._nan[0] == key:
                    problem, severe = self._nan[1], True
                ratios = self._ratios.get(path, [])
                if ratios or problem:
                    health[key] = Health(list(ratios), problem, severe)
        if health:
            self.layer.set_health(health)
            self._make_room(True)


def _said(problem: dict[str, Any]) -> tuple[str, bool]:
    """(the sentence, whether it is about NaN or infinite values)."""
    return health_text.problem_text(problem), str(problem.get("kind", "")).startswith("nonfinite")


def _sample_text(sample: dict[str, Any]) -> str:
    """ "digits #3 · label 3", "drawing"... from the event's sample record."""
    # one part per input, joined by the worker: "drawing", a file's or a data row's name
    text = ", ".join(engine_text(part) for part in str(sample.get("description") or "").split(", "))
    labels = sample.get("labels") or {}
    names = sample.get("class_names") or []
    if len(labels) == 1:
        (label,) = labels.values()
        if isinstance(label, int) and 0 <= label < len(names):
            label = names[label]
        text += " · " + QCoreApplication.translate("LookInside", "label {label}").format(
            label=label
        )
    return text
