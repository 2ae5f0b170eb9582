"""The runs of a project: each finished run is kept in `document.project_extra["runs"]`.

A run record is plain JSON, saved in the .kcanvas with the model::

    {"id": "run-3", "name": "Run 3", "created": "2026-11-28T23:40:00", "status": "finished",
     "settings": {compile, fit, data, validation_data, backend, seed},
     "model": <the exact Keras config it trained>, "outputs": ["predictions"],
     "history": {"loss": [...], "val_loss": [...]}, "initial_epoch": 0,
     "weights": ".../model.weights.h5", "files": {...}, "output_dir": "...", "elapsed": 3.2}

Weights live beside the project (`<project>_runs/run-N-fit/`), or, for a project not saved
yet, in a folder of that document's own in the user's data folder
(`Keras Canvas/runs/<model>-<date-time>/`).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.counted import counted
from app.engine_text import engine_text
from app.paths import data_folder
from app.training.curves import CurveData, CurvesView

SETTINGS_KEYS = ("compile", "fit", "data", "validation_data", "backend", "seed")


def next_run_number(runs: list[dict[str, Any]], folder: Path | None = None) -> int:
    """One more than the highest run number so far: in the project's `run-N` records and, when
    given, among the run folders in `folder` (a session not saved leaves folders, no records).
    """
    numbers = [int(m.group(1)) for r in runs if (m := re.fullmatch(r"run-(\d+)", str(r.get("id"))))]
    if folder is not None and folder.is_dir():
        numbers += [int(m.group(1)) for child in folder.iterdir()
                    if (m := re.fullmatch(r"run-(\d+)(-.*)?", child.name))]  # fmt: skip
    return max(numbers, default=0) + 1


def runs_folder(project_path: str | None) -> Path:
    """Where the files of a saved project's runs go (`<project>_runs` beside it); for an
    untitled one, the user's runs folder, where each untitled document takes a folder of its
    own (`untitled_folder`)."""
    if project_path:
        path = Path(project_path)
        return path.with_name(f"{path.stem}_runs")
    return data_folder() / "runs"


def untitled_folder(model_name: str) -> Path:
    """A folder of its own for the runs of an untitled document: `<model>-<date-time>`."""
    safe = re.sub(r"[^\w.-]+", "_", model_name).strip("._") or "model"
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return free_folder(runs_folder(None) / f"{safe}-{stamp}")


def job_folder(root: Path, kind: str, run_number: int) -> Path:
    """A new folder for one job's files: `run-N-fit` for a fit (N its run number), else
    `<kind>-K` with the first free K (`evaluate-1`, `evaluate-2`...): names never clash."""
    if kind == "fit":
        return free_folder(root / f"run-{run_number}-fit")
    count = 1
    while (root / f"{kind}-{count}").exists():
        count += 1
    return root / f"{kind}-{count}"


def free_folder(path: Path) -> Path:
    """`path`, or `path-2`, `path-3`...: a job never overwrites the files of another."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def run_record(
    job: dict[str, Any],
    finished: dict[str, Any],
    outputs: list[str],
    number: int,
    error: str = "",
) -> dict[str, Any]:
    """The record of a finished (or stopped) fit, as the project stores it; with `error`, of a
    fit that failed (`finished` then holds the history of the epochs it ended)."""
    files = dict(finished.get("files") or {})
    status = "failed" if error else "stopped" if finished.get("stopped") else "finished"
    distribution = job.get("distribution") or {}
    return {
        "id": f"run-{number}",
        "name": f"Run {number}",
        "created": datetime.datetime.now().isoformat(timespec="seconds"),
        "status": status,
        "error": error,
        "backend": job.get("backend"),
        "processes": distribution.get("num_processes", 1),
        "settings": {key: job.get(key) for key in SETTINGS_KEYS},
        "model": job["model"],
        "outputs": list(outputs),
        "history": finished.get("history") or {},
        "initial_epoch": job["fit"].get("initial_epoch", 0),
        "weights": files.get("weights"),
        "files": files,
        "output_dir": finished.get("output_dir"),
        "elapsed": finished.get("elapsed"),
    }


def curve_data(run: dict[str, Any]) -> CurveData:
    """The curves of a stored run."""
    return CurveData.from_history(
        run.get("name", run.get("id", "run")),
        run.get("history") or {},
        run.get("outputs") or [],
        int(run.get("initial_epoch") or 0),
    )


STATUS_WORDS = {
    "finished": QT_TRANSLATE_NOOP("RunsList", "finished"),
    "stopped": QT_TRANSLATE_NOOP("RunsList", "stopped"),
    "failed": QT_TRANSLATE_NOOP("RunsList", "failed"),
}


def run_name(run: dict[str, Any]) -> str:
    """The run's name as shown: the default "Run 3" in the interface's language."""
    name = str(run.get("name"))
    number = re.fullmatch(r"Run (\d+)", name)
    return QCoreApplication.translate("RunsList", "Run {0}").format(number[1]) if number else name


def describe(run: dict[str, Any]) -> str:
    """One line for the runs list: name, status, epochs and the last losses."""
    history = run.get("history") or {}
    epochs = len(history.get("loss", []))
    status = str(run.get("status"))
    if status in STATUS_WORDS:
        status = QCoreApplication.translate("RunsList", STATUS_WORDS[status])
    where = run.get("backend") or (run.get("settings") or {}).get("backend") or "?"
    if (run.get("processes") or 1) > 1:
        where = counted().backend_processes(where, run["processes"])
    parts = [counted().run_line(run_name(run), status, epochs, where)]
    for key in ("loss", "val_loss"):
        values = [v for v in history.get(key, []) if isinstance(v, (int, float))]
        if values:
            parts.append(f"{key} {values[-1]:.4g}")
    return ", ".join(parts)


class RunsList(QWidget):
    """The project's runs; checked ones are overlaid on the curves.

    Signals:
        overlay_changed(): the checked runs changed.
        delete_requested(str): the user wants a run (by id) removed from the project.
    """

    overlay_changed = Signal()
    delete_requested = Signal(str)

    def __init__(self, curves: CurvesView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._curves = curves
        self._runs: list[dict[str, Any]] = []
        self.list = QListWidget()
        self.list.setToolTip(self.tr("Tick runs to overlay their curves on the current one."))
        self.list.itemChanged.connect(lambda _item: self.overlay_changed.emit())
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Export PNG…"), self._export_png),
            (self.tr("Export CSV…"), self._export_csv),
            (self.tr("Delete run"), self._delete),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def set_runs(self, runs: list[dict[str, Any]], keep_ticks: bool = True) -> None:
        """Show `runs` (newest last), keeping the ticks of runs still present (not those of
        another document's runs: `keep_ticks=False`)."""
        checked = {r["id"] for r in self.checked_runs()} if keep_ticks else set()
        self._runs = list(runs)
        self.list.blockSignals(True)
        self.list.clear()
        for run in self._runs:
            item = QListWidgetItem(describe(run))
            item.setData(Qt.ItemDataRole.UserRole, run["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if run["id"] in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
            item.setToolTip(_tooltip(run))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.overlay_changed.emit()

    def set_checked(self, run_id: str, checked: bool) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == run_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked_runs(self) -> list[dict[str, Any]]:
        ids = {
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        }
        return [run for run in self._runs if run["id"] in ids]

    def current_run(self) -> dict[str, Any] | None:
        """The selected run, or the newest one."""
        item = self.list.currentItem()
        if item is not None:
            run_id = item.data(Qt.ItemDataRole.UserRole)
            return next((r for r in self._runs if r["id"] == run_id), None)
        return self._runs[-1] if self._runs else None

    def _export_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export curves"), "curves.png", "PNG (*.png)"
        )
        if path:
            self._curves.save_png(path)

    def _export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export curves"), "curves.csv", "CSV (*.csv)"
        )
        if path:
            self._curves.save_csv(path)

    def _delete(self) -> None:
        run = self.current_run()
        if run is not None and self.list.currentItem() is not None:
            self.delete_requested.emit(run["id"])


def _tooltip(run: dict[str, Any]) -> str:
    settings = run.get("settings") or {}
    fit = settings.get("fit") or {}
    data = settings.get("data") or {}
    processes = run.get("processes") or 1
    text = QCoreApplication.translate(
        "RunsList", "{0}: {1} data, batch size {2}, {3} backend\nWeights: {4}"
    )
    if processes > 1:
        text = QCoreApplication.translate(
            "RunsList", "{0}: {1} data, batch size {2}, {3} backend, {5} processes\nWeights: {4}"
        )
    text = text.format(
        run.get("created"),
        data.get("source"),
        fit.get("batch_size"),
        run.get("backend") or settings.get("backend"),
        run.get("weights"),
        processes,
    )
    if run.get("error"):
        failed = QCoreApplication.translate("RunsList", "Failed: {0}")
        text += "\n" + failed.format(engine_text(str(run["error"])))
    return text
