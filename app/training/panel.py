"""The training panel: settings, Train / Pause / Stop / Kill, progress, live curves, runs and
results.

The panel owns a `TrainingProcess` (the worker). It reads the model from the document only when
a run starts (`document.to_config()`), so editing the graph during a run changes nothing in
flight; the run keeps the exact config it trained. A run that fails or is killed leaves the
project as it was; a finished or stopped fit becomes a run record in the project (an undoable
step, so the project counts as modified and is saved with its runs).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent, QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.engine_text import engine_text
from app.style import set_role
from app.training.actions import AfterRunActions
from app.training.cluster import launch_on_cluster
from app.training.curves import CurvesView
from app.training.form import TrainingForm
from app.training.look_runner import LookRunner
from app.training.process import TrainingProcess
from app.training.runs import (
    RunsList,
    curve_data,
    job_folder,
    next_run_number,
    run_name,
    run_record,
    runs_folder,
    untitled_folder,
)
from app.training.status_text import (
    PAUSE_HELP,
    PAUSE_TEXT,
    RESUME_HELP,
    RESUME_TEXT,
    duration,
    fit_position,
    kind_label,
    last_values,
    missing_ends,
    output_names,
    result_values,
    runs_summary,
    started_text,
    time_left,
    widest_progress,
)
from app.training.teaching import LEARN_TEXT
from app.training.where import CLUSTER, THIS_PROCESS
from engine.training.errors import DataError, JobError
from engine.training.job import make_job

logger = logging.getLogger(__name__)


class AddRunCommand(QUndoCommand):
    """Keeps a finished run in the project (undo forgets it again).

    It holds the document's list of runs and the controller, never the panel: the panel may be
    rebuilt (a language switch) while this step stays on the undo stack.
    """

    def __init__(self, controller: Any, runs: list[dict[str, Any]], run: dict[str, Any]) -> None:
        super().__init__(
            QCoreApplication.translate("TrainingPanel", "Record {0}").format(run["name"])
        )
        self._controller, self._runs, self._run = controller, runs, run

    def redo(self) -> None:
        self._runs.append(self._run)
        self._controller.runs_changed.emit()

    def undo(self) -> None:
        self._runs[:] = [r for r in self._runs if r["id"] != self._run["id"]]
        self._controller.runs_changed.emit()


class TrainingPanel(QWidget):
    """The dock widget that trains the document's model.

    Signals:
        message(str): a line for the status bar.
    """

    message = Signal(str)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.process = TrainingProcess(self)
        self.job: dict[str, Any] | None = None
        self.last_error = ""
        self._started: dict[str, Any] = {}
        self._t0 = 0.0
        self._paused_since: float | None = None  # when the worker confirmed a pause
        self._paused_seconds = 0.0  # time held paused (not counted in the time left)
        self._stopping = False  # Stop was pressed: the run's last messages say so
        self._warmed = False
        self._run_number = 0  # the number of the fit in flight (its folder and its record)
        self._untitled_root: Path | None = None  # the runs folder of an untitled document
        self.form = TrainingForm()
        self._defaults = self.form.state()  # a document without settings gets these
        self.curves = CurvesView()
        self.runs = RunsList(self.curves)
        self.actions = AfterRunActions(self)
        self.look = LookRunner(self)  # the Look inside tab
        self._build()
        self._connect()
        self._outputs_timer = QTimer(self, singleShot=True, interval=400)
        self._outputs_timer.timeout.connect(self.update_outputs)
        self.load_project()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.train_button = QPushButton(self.tr("Train"))
        self.train_button.setToolTip(self.tr("Compile the model and fit it on the chosen data."))
        set_role(self.train_button, "primary")
        self.pause_button = QPushButton(self.tr(PAUSE_TEXT))
        self.pause_button.setToolTip(self.tr(PAUSE_HELP))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(
            self.tr("End after the current batch; the weights so far are kept.")
        )
        self.kill_button = QPushButton(self.tr("Kill"))
        self.kill_button.setToolTip(self.tr("End the training process at once; the run is lost."))
        self.resume_check = QCheckBox(self.tr("Continue from the last weights"))
        self.resume_check.setToolTip(
            self.tr(
                "Start the next fit from the weights of the last run (or loaded ones) instead "
                "of fresh ones."
            )
        )
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)  # some styles never draw it: the label says it all
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress_label = QLabel()
        self.progress_label.setMinimumWidth(
            self.progress_label.fontMetrics().horizontalAdvance(widest_progress())
        )
        self._set_progress_text(self.tr("Ready"))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # what training health found (a NaN's first layer): kept until the next fit starts
        self.health_note = QLabel("")
        self.health_note.setWordWrap(True)
        self.health_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.health_note, "error")
        self.health_note.hide()
        bar = QHBoxLayout()
        buttons = (self.train_button, self.pause_button, self.stop_button, self.kill_button)
        for widget in (*buttons, self.resume_check):
            bar.addWidget(widget)
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.progress_label)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.curves, self.tr("Curves"))
        self.tabs.addTab(self.runs, self.tr("Runs"))
        self.tabs.addTab(self.actions, self.tr("Evaluate && predict"))
        self.tabs.addTab(self.look.chooser, self.tr("Look inside"))
        learn = QLabel(self.tr(LEARN_TEXT))
        learn.setWordWrap(True)
        learn.setAlignment(Qt.AlignmentFlag.AlignTop)
        learn.setTextFormat(Qt.TextFormat.RichText)
        self.tabs.addTab(learn, self.tr("Learn"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.form)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.health_note)
        layout.addWidget(splitter, 1)
        self._set_busy(False)

    def _connect(self) -> None:
        p = self.process
        p.started.connect(self._on_started)
        p.batch.connect(self._on_batch)
        p.epoch.connect(self._on_epoch)
        p.finished.connect(self._on_finished)
        p.error.connect(self._on_error)
        p.crashed.connect(self._on_crashed)
        p.paused.connect(self._on_paused)
        p.resumed.connect(self._on_resumed)
        p.warning.connect(lambda e: logger.info("worker warning: %s", e.get("message")))
        p.busy_changed.connect(self._set_busy)
        self.train_button.clicked.connect(self.train)
        self.stop_button.clicked.connect(self.stop)
        self.kill_button.clicked.connect(self.kill)
        self.form.changed.connect(self._save_settings)
        self.runs.overlay_changed.connect(self._on_overlay_changed)
        self.runs.delete_requested.connect(self._delete_run)
        self.controller.document_replaced.connect(self.load_project)
        self.controller.runs_changed.connect(self.refresh_runs)
        self.controller.changed.connect(lambda: self._outputs_timer.start())
        self.controller.changed.connect(self._on_model_changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._warmed:
            # someone looks at training: start the worker now, its Keras import takes seconds
            self._warmed = True
            QTimer.singleShot(0, self._warm_up)

    def _warm_up(self) -> None:
        # several processes start fresh for each run (JAX joins them once): nothing to warm
        if self.form.where.where == THIS_PROCESS:
            self.process.warm_up(self.form.value("backend"))

    # ------------------------------------------------------------------ project

    def extra(self) -> dict[str, Any]:
        document = self.controller.document
        if not isinstance(getattr(document, "project_extra", None), dict):
            document.project_extra = {}
        document.project_extra.setdefault("training", {})
        document.project_extra.setdefault("runs", [])
        return document.project_extra

    def runs_store(self) -> list[dict[str, Any]]:
        return self.extra()["runs"]

    def load_project(self) -> None:
        """Show the controller's (new) document: its settings, runs and weights, and nothing
        left of the previous one (curves, status, results, "Continue from the last weights")."""
        if self.process.busy:  # the window asked before replacing the document
            self.abandon_job()
        self._untitled_root = None
        self.update_outputs()
        self.form.set_state({**self._defaults, **self.extra()["training"]})
        self.resume_check.setChecked(False)
        runs = self.runs_store()
        self.runs.set_runs(runs, keep_ticks=False)
        last = runs[-1] if runs else None
        self.curves.set_note("")
        if last is None:
            self.curves.reset("", [])
        else:  # the project's last run, as it ended
            self.curves.live = curve_data(last)
            self.curves.mark_dirty()
        weights = last.get("weights") if last else None
        kept = isinstance(weights, str) and Path(weights).is_file()
        keras_path = (last.get("files") or {}).get("keras") if kept else None
        self.actions.reset(weights if kept else None, keras_path)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self._set_progress_text(self.tr("Ready"))
        self.last_error = ""
        self._show_status(runs_summary(runs, kept))

    def confirm_leave(self) -> bool:
        """Before the document is replaced or the window closes: a running job belongs to
        this document, so ask whether to stop it. True when there is none (or it stopped)."""
        if not self.process.busy:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Training is running"),
            self.tr(
                "A {kind} job of this model is running. Stop it? The run in flight is lost; "
                "the runs already kept stay in the project."
            ).format(kind=kind_label(str((self.job or {}).get("kind", "")))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.abandon_job()
        return True

    def abandon_job(self) -> None:
        """End the job in flight without keeping anything of it (its document is leaving)."""
        self.process.close()  # asks the worker to stop and quit; no event of it arrives here
        self.job = None
        self._end_pause()
        self._set_busy(False)

    def run_root(self) -> Path:
        """The folder of this document's runs: beside a saved project; for an untitled one, a
        folder of its own (never shared with another untitled document)."""
        if self.controller.path:
            return runs_folder(self.controller.path)
        if self._untitled_root is None:
            self._untitled_root = untitled_folder(self.controller.document.graph.name)
        return self._untitled_root

    def project_folder(self) -> Path:
        """Where file dialogs open: the project's folder, else its runs' folder (or home)."""
        if self.controller.path:
            return Path(self.controller.path).parent
        root = self.run_root()
        return root if root.is_dir() else Path.home()

    def refresh_runs(self) -> None:
        self.runs.set_runs(self.runs_store())

    def _save_settings(self) -> None:
        self.extra()["training"] = self.form.state()

    def update_outputs(self) -> None:
        """Give the form one row per model output (names as Keras sees them)."""
        try:
            config = self.controller.model_config()
        except Exception:  # an unfinished graph: keep the rows we have
            logger.debug("no config for the outputs table", exc_info=True)
            return
        self.form.set_outputs(output_names(config))

    def _delete_run(self, run_id: str) -> None:
        runs = self.runs_store()
        runs[:] = [r for r in runs if r["id"] != run_id]
        self.refresh_runs()

    def _on_overlay_changed(self) -> None:
        self.curves.set_overlays([curve_data(r) for r in self.runs.checked_runs()])

    # ------------------------------------------------------------------ running

    def train(self) -> bool:
        """Start a fit with the form's settings; False (and a message) when refused."""
        load = self.actions.weights if self.resume_check.isChecked() else None
        return self.submit("fit", load_weights=load, look=self.look.fit_fields())

    def submit(self, kind: str, **fields: Any) -> bool:
        """Send a job of `kind` with the form's settings to the worker.

        Returns:
            False when the job is refused before it starts (the message is shown).
        """
        if self.process.busy:
            self.show_error(self.tr("A job is already running: stop it first."))
            return False
        try:
            config = self.controller.document.to_config()
        except Exception as exc:  # the graph cannot be exported yet
            self.show_error(
                self.tr("The model cannot be trained yet: {0}").format(engine_text(str(exc)))
            )
            return False
        missing = missing_ends(config)
        if missing:
            self.show_error(missing)
            return False
        root = self.run_root()
        number = next_run_number(self.runs_store(), root)
        output_dir = fields.pop("output_dir", None) or str(job_folder(root, kind, number))
        try:
            job = make_job(
                config, kind=kind, output_dir=output_dir, **self.form.job_fields(), **fields
            )
            cluster = kind == "fit" and self.form.where.where == CLUSTER
            if cluster:
                launched = launch_on_cluster(self.process, job, self.form.where, number)
                self.job = self.process.job
            else:
                self.job = self.process.submit(job)
        except (JobError, DataError) as exc:
            self.show_error(engine_text(str(exc)))
            return False
        self._started = {}
        if kind == "fit":
            self._run_number = number
        self._paused_since, self._paused_seconds = None, 0.0
        self._stopping = False
        self.last_error = ""
        self.progress.setRange(0, 0)  # busy until the worker says how many steps
        self._set_progress_text(self.tr("Starting the worker…"))
        if cluster:
            self._set_progress_text(self.tr("Waiting for the cluster…"))
            self._show_status(launched)
        else:
            self._show_status(
                self.tr("{0}: starting (the first run imports Keras, a few seconds)…").format(
                    kind_label(kind)
                )
            )
        if kind == "fit":
            self.curves.reset(self.tr("Run {0}").format(number), output_names(config))
            self.tabs.setCurrentWidget(self.curves)
            self.set_health_note("")
        return True

    def stop(self) -> None:
        """End the run after its current batch (the weights so far are kept)."""
        if self.process.busy:
            self.process.stop()  # a paused run wakes up to stop
            self.pause_button.setEnabled(False)
            self._stopping = True
            self._show_status(self.tr("Stopping after the current batch…"))

    def kill(self) -> None:
        """End the worker now; the run in flight is lost, the project untouched."""
        self.process.kill()

    @property
    def pause_requested(self) -> bool:
        """Whether the user asked the running fit to hold (the worker may not have yet)."""
        return self.pause_button.text() == self.tr(RESUME_TEXT)

    def toggle_pause(self) -> None:
        """Pause the running fit before its next batch, or let a paused one go on."""
        if not self.process.busy:
            return
        if self.pause_requested:
            self.process.resume()
            self._show_pause_button(requested=False)
            self._show_status(self.tr("Resuming…"))
        else:
            self.process.pause()
            self._show_pause_button(requested=True)
            self._show_status(self.tr("Pausing before the next training batch…"))

    def _show_pause_button(self, requested: bool) -> None:
        self.pause_button.setText(self.tr(RESUME_TEXT if requested else PAUSE_TEXT))
        self.pause_button.setToolTip(self.tr(RESUME_HELP if requested else PAUSE_HELP))

    def shutdown(self) -> None:
        """End the worker (the window is closing)."""
        self.process.close()

    # ------------------------------------------------------------------ events

    def _on_started(self, event: dict[str, Any]) -> None:
        self._started = event
        self._t0 = time.monotonic()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.pause_button.setEnabled(event.get("kind") == "fit" and not self._stopping)
        self._progress(int(event.get("initial_epoch") or 0), 0)
        self._show_status(started_text(event))

    def _on_batch(self, event: dict[str, Any]) -> None:
        fitting = bool(self.job and self.job["kind"] == "fit")
        if fitting and event.get("phase", "train") != "train":
            return  # a fit's validation batches: their steps are not the epoch's
        if fitting:
            self.curves.add_batch(event)
        self._progress(int(event.get("epoch", 0)), int(event.get("batch", 0)) + 1)

    def _on_epoch(self, event: dict[str, Any]) -> None:
        self.curves.add_epoch(event)
        steps = int(self._started.get("steps") or 1)
        self._progress(int(event.get("epoch", 0)), steps)

    def _progress(self, epoch: int, batch: int) -> None:
        steps = max(int(self._started.get("steps") or 1), 1)
        if self._started.get("kind") != "fit":  # evaluate, predict: one pass over the data
            self.progress.setValue(int(1000 * min(batch, steps) / steps))
            kind = kind_label(str(self._started.get("kind")))
            self._set_progress_text(self.tr("{0} · batch {1} / {2}").format(kind, batch, steps))
            return
        epochs = int(self._started.get("epochs") or 1)
        first = int(self._started.get("initial_epoch") or 0)
        total = max((epochs - first) * steps, 1)
        done = min((epoch - first) * steps + batch, total)
        self.progress.setValue(int(1000 * done / total))
        text = fit_position(epoch, epochs, batch, steps)
        if done:
            elapsed = time.monotonic() - self._t0 - self._paused_seconds
            text += " · " + time_left(elapsed * (total - done) / done)
        self._set_progress_text(text)

    def _on_paused(self, event: dict[str, Any]) -> None:
        """The worker holds the fit between two batches: say so everywhere the user looks."""
        self._paused_since = time.monotonic()
        self._show_pause_button(requested=True)
        epoch, batch = int(event.get("epoch", 0)), int(event.get("batch", 0))
        epochs = int(self._started.get("epochs") or 1)
        steps = max(int(self._started.get("steps") or 1), 1)
        where = fit_position(epoch, epochs, batch, steps)
        self._set_progress_text(self.tr("Paused · {0}").format(where))
        self.curves.set_note(self.tr("Paused at {0}. Resume goes on from there.").format(where))
        self._show_status(
            self.tr(
                "Paused at {0}. Resume goes on from there; Stop ends the run and keeps it."
            ).format(where)
        )

    def _on_resumed(self, _event: dict[str, Any]) -> None:
        if self._paused_since is not None:
            self._paused_seconds += time.monotonic() - self._paused_since
            self._paused_since = None
        self._show_pause_button(requested=False)
        self.curves.set_note("")
        if not self._stopping:
            self._show_status(started_text(self._started))

    def _on_finished(self, event: dict[str, Any]) -> None:
        job, self.job = self.job or {}, None
        self._end_pause()
        self.progress.setRange(0, 1000)
        if not event.get("stopped"):  # a stopped run keeps the bar where it stopped
            self.progress.setValue(1000)
        kind = event.get("kind")
        if kind == "fit":
            self._record_run(job, event)
        elif kind == "activations":
            self._set_progress_text(self.tr("Shown on the cards"))
            self._show_status(self.tr("The sample went through every node: see the cards."))
            return
        else:
            self.actions.show_result(job, self._started, event)
        files = event.get("files") or {}
        if files.get("weights"):
            self.actions.set_weights(files["weights"], files.get("keras"))
        took = duration(event.get("elapsed") or 0)
        values = last_values(event.get("history")) or result_values(event.get("result"))
        label = kind_label(str(kind))
        if event.get("stopped"):
            self._set_progress_text(self.tr("Done (stopped) in {0}").format(took))
            self._show_status(self.tr("{0} finished (stopped). {1}").format(label, values).strip())
        else:
            self._set_progress_text(self.tr("Done in {0}").format(took))
            self._show_status(self.tr("{0} finished. {1}").format(label, values).strip())

    def _record_run(self, job: dict[str, Any], event: dict[str, Any]) -> None:
        # the number its folder took, unless a record took it meanwhile (an undo and a redo)
        number = max(self._run_number, next_run_number(self.runs_store()))
        run = run_record(job, event, self.curves.live.outputs, number)
        self.curves.live.name = run["name"]
        self.controller.undo_stack.push(AddRunCommand(self.controller, self.runs_store(), run))
        if self.controller.path:
            text = self.tr("{0} is kept in the project (save it to keep it on disk).")
            self.message.emit(text.format(run_name(run)))
        else:  # an untitled model: say where the run lives until the model is saved
            text = self.tr(
                "{0} is kept with this unsaved model, its files in {1}. Save the model "
                "(Ctrl+S) to keep the run."
            )
            self.message.emit(text.format(run_name(run), run.get("output_dir") or "-"))

    def _on_error(self, event: dict[str, Any]) -> None:
        job, self.job = self.job, None
        self._end_pause()
        text = engine_text(event.get("message") or self.tr("The job failed."))
        if not event.get("user_error"):
            text = f"{event.get('error_type', 'Error')}: {text}"
        self._record_failed(job, text, event.get("history"))
        if event.get("nan"):  # the message names the first NaN layer: the note would repeat it
            self.set_health_note("")
        self.show_error(text, details=event.get("traceback", ""))

    def _on_crashed(self, message: str) -> None:
        job, self.job = self.job, None
        self._end_pause()
        self._record_failed(job, message, self.process.history)
        self.show_error(engine_text(message), details=self.process.stderr_tail())

    def _record_failed(self, job: dict[str, Any] | None, message: str, history: Any) -> None:
        """A fit that started and then failed is kept in the project, as failed."""
        if not job or job.get("kind") != "fit" or not self._started:
            return  # refused before it started: nothing ran, nothing to keep
        number = max(self._run_number, next_run_number(self.runs_store()))
        event = {"history": history or {}, "elapsed": time.monotonic() - self._t0}
        run = run_record(job, event, self.curves.live.outputs, number, error=message)
        self.curves.live.name = run["name"]
        self.controller.undo_stack.push(AddRunCommand(self.controller, self.runs_store(), run))

    def _end_pause(self) -> None:
        """A job that ended is no longer paused (a stop or kill may end a paused run)."""
        self._paused_since = None
        self._show_pause_button(requested=False)
        self.curves.set_note("")

    # ------------------------------------------------------------------ display

    def show_error(self, text: str, details: str = "") -> None:
        """Show a refused or failed run; the panel is ready for the next one."""
        self.last_error = text
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self._set_progress_text(self.tr("Failed"))
        self.status.setText(text)
        self.status.setToolTip(details[-3000:] if details else "")
        set_role(self.status, "error")
        self.message.emit(text.splitlines()[0] if text else "")

    def _on_model_changed(self) -> None:
        """A refusal is about the model as it was: once it changes, the red message goes."""
        if self.last_error and self.job is None:
            self.last_error = ""
            self._set_progress_text(self.tr("Ready"))
            self._show_status(self.tr("The model changed since the last message: train again."))

    def set_health_note(self, text: str) -> None:
        """Show (or, with "", hide) what training health found, until the next fit."""
        self.health_note.setText(text)
        self.health_note.setVisible(bool(text))

    def _show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip("")
        set_role(self.status, "muted")

    def _set_progress_text(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress.setToolTip(text)

    def _set_busy(self, busy: bool) -> None:
        self.train_button.setEnabled(not busy)
        self.pause_button.setEnabled(False)  # enabled when the worker starts a fit
        self.stop_button.setEnabled(busy)
        self.kill_button.setEnabled(busy)
        self.actions.setEnabled(not busy)
