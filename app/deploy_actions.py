"""File → Export for deployment (SavedModel, ONNX, LiteRT) and the training script.

Each export runs in the export worker process (`app.export_process`); the window stays live and
Cancel kills the worker. A deployment export asks for the weights (a run's, fresh ones, another
file) and the destination; the training script reproduces a run (its model and settings) or the
training panel's current settings.
Every method takes its answers as arguments too, so tests run the same code without dialogs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from app.busy import Cancelled
from app.deploy_dialog import DeployDialog, TrainingScriptDialog
from app.export_process import ExportFailed, run_export
from engine.deploy import FORMATS
from engine.deploy.export import ExportReport
from engine.errors import KerasCanvasError

ASK = object()  # no answer given: show the dialog


def _same_model(run_model: Any, config: dict) -> bool:
    """Whether a run trained exactly this config (a saved project holds it as JSON)."""
    return json.dumps(run_model, sort_keys=True) == json.dumps(config, sort_keys=True)


class DeployActions(QObject):
    """Deployment exports and the training script for one window.

    Signals:
        error(str): an export was refused or failed; the message says why.
        exported(str): an export is written and checked: its one-line summary.
    """

    error = Signal(str)
    exported = Signal(str)

    def __init__(self, controller: Any, training: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._training = training
        self._window = parent
        self.last_report: dict[str, Any] | None = None

    # ------------------------------------------------------------------ deployment

    def export(self, key: str, output: str | None = None, weights: Any = ASK) -> bool:
        """Export the model as `key` (saved_model, onnx, litert), checked against Keras.

        Args:
            output: the destination; None asks (with the weights) in a dialog.
            weights: a weights file, or None for fresh weights; ASK shows the dialog.
        """
        fmt = FORMATS[key]
        config = self._config()
        if config is None:
            return False
        runs = self._runs()
        interactive = output is None or weights is ASK
        if interactive:
            earlier = {r.get("id") for r in runs if not _same_model(r.get("model"), config)}
            dialog = DeployDialog(
                fmt, runs, self._suggested(fmt.suffix), self._window, earlier_versions=earlier
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            choice = dialog.choice()
            output, weights = choice.output, choice.weights
        if not output:
            return self._fail(self.tr("Choose where to save the export."))
        notes = []
        run = next((r for r in runs if weights and r.get("weights") == weights), None)
        if run is not None and run.get("model") and not _same_model(run["model"], config):
            # its weights fit the model it trained, not necessarily the model edited since
            config = run["model"]
            notes.append(
                self.tr(
                    "{run} trained an earlier version of this model: the export is that "
                    "version, as it was trained."
                ).format(run=run.get("name", run.get("id")))
            )
        request = {"config": config, "output": output, "format": key, "weights": weights}
        title = self.tr("Exporting {title}").format(title=fmt.title)
        report = self._run(title, request)
        if report is None:
            return False
        report["notes"] = notes + list(report.get("notes") or [])
        self.last_report = report
        summary = ExportReport(**report).summary()
        self.exported.emit(summary)
        if interactive:
            self._show(fmt.title, summary, report["notes"])
        return True

    # ------------------------------------------------------------------ training script

    def export_training_script(self, output: str | None = None, run: Any = ASK) -> bool:
        """Write the script that reproduces a training run.

        Args:
            output: the destination; None asks (with the settings to reproduce).
            run: a run's id (its model, data, settings and seed), or None for the Training
                panel's current settings; ASK: the dialog when the model has runs, else the
                panel's settings.
        """
        runs = [r for r in self._runs() if r.get("model") and r.get("settings")]
        suggested = self._suggested(".py", "train_")
        if run is ASK and runs:
            dialog = TrainingScriptDialog(runs, suggested, self._window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            run, output = dialog.choice()
            if not output:
                return self._fail(self.tr("Choose where to save the training script."))
        elif run is ASK:
            run = None
        if run is None and self._config() is None:
            return False
        if output is None:
            output, _ = QFileDialog.getSaveFileName(
                self._window,
                self.tr("Export the training script"),
                str(suggested),
                self.tr("Python script (*.py)"),
            )
            if not output:
                return False
        try:
            job = self._job(run, runs)
        except KerasCanvasError as exc:
            return self._fail(str(exc))
        if job is None:
            return False
        request = {"kind": "training_script", "job": job, "output": output}
        report = self._run(self.tr("Writing the training script"), request)
        if report is None:
            return False
        self.exported.emit(
            self.tr(
                "Training script written to {path}: run it with python to train as the app does."
            ).format(path=report.get("path", output))
        )
        return True

    def _job(self, run_id: str | None, runs: list[dict[str, Any]]) -> dict[str, Any] | None:
        """The fit job of a run (its exact model and settings), or of the panel's settings."""
        from engine.training.job import make_job

        if run_id is not None:
            run = next((r for r in runs if r.get("id") == run_id), None)
            if run is None:
                self._fail(self.tr("There is no run {run} to reproduce.").format(run=run_id))
                return None
            return make_job(run["model"], kind="fit", **run["settings"])
        config = self._config()
        if config is None:
            return None
        fields = self._training.form.job_fields()
        resume = getattr(self._training, "resume_check", None)
        weights = getattr(getattr(self._training, "actions", None), "weights", None)
        load = weights if resume is not None and resume.isChecked() else None
        return make_job(config, kind="fit", load_weights=load, **fields)

    # ------------------------------------------------------------------ shared

    def _config(self) -> dict | None:
        """The model's config, or None (and a message) while it has problems."""
        document = self._controller.document
        problems = document.problems()
        if problems:
            self._fail(
                self.tr("The model cannot be exported yet: {problem} (see Problems).").format(
                    problem=problems[0]
                )
            )
            return None
        try:
            return document.to_config()
        except Exception as exc:  # a graph Keras would not accept
            self._fail(self.tr("The model cannot be exported yet: {error}").format(error=exc))
            return None

    def _runs(self) -> list[dict[str, Any]]:
        extra = getattr(self._controller.document, "project_extra", None) or {}
        return list(extra.get("runs") or [])

    def _suggested(self, suffix: str | None, prefix: str = "") -> Path:
        path = self._controller.path
        # beside the project, or beside the file the model was imported from (a script...)
        source = getattr(getattr(self._window, "files", None), "source_path", None)
        folder = Path(path or source).parent if (path or source) else Path.home()
        stem = prefix + (Path(path).stem if path else self._controller.document.graph.name)
        return folder / (stem + (suffix or "_saved_model"))

    def _run(self, title: str, request: dict[str, Any]) -> dict[str, Any] | None:
        try:
            report = run_export(self._window, title, request)
        except Cancelled:
            return None
        except ExportFailed as exc:
            self._fail(str(exc))
            return None
        self.last_report = report
        return report

    def _fail(self, message: str) -> bool:
        self.error.emit(message)
        return False

    def _show(self, title: str, summary: str, notes: list[str]) -> None:
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("{title} exported").format(title=title))
        box.setText(summary)
        if notes:
            box.setInformativeText("\n".join(notes))
        box.exec()
