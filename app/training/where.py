"""The training form's "Where to train" tab: this process, N local processes, or a cluster.

Several processes train data-parallel under Keras's distribution API, on the JAX backend: each
process feeds its share of every batch (the batch size stays the global one), process 0 reports
and saves. For a cluster the window writes a launch folder (engine.training.launch_folder) and
follows the events of process 0, from the folder's events file or on a port it listens on.
The tab's state is a flat dict, saved with the project like the other tabs.
"""

from __future__ import annotations

import socket
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from engine.training.errors import JobError
from engine.training.launch_folder import LaunchPlan

THIS_PROCESS, LOCAL, CLUSTER = "this", "local", "cluster"
FOLLOW_FILE, FOLLOW_PORT = "file", "port"


class WhereToTrain(QWidget):
    """Where a fit runs.

    Signals:
        changed(): a setting changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = QFormLayout(self)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("This process"), THIS_PROCESS)
        self.mode.addItem(self.tr("Local processes (data-parallel)"), LOCAL)
        self.mode.addItem(self.tr("A cluster (data-parallel)"), CLUSTER)
        self.mode.setToolTip(
            self.tr(
                "Several processes train one model together: each one computes the gradients "
                "of its share of every batch, and they average them (Keras's DataParallel on "
                "the JAX backend)."
            )
        )
        self._form.addRow(self.tr("Where"), self.mode)
        self.processes = _spin(2, 2, 64, self.tr("Processes on this machine."))
        self._form.addRow(self.tr("Processes"), self.processes)
        self.hosts = QLineEdit()
        self.hosts.setPlaceholderText(self.tr("node1, node2 (process 0 runs on the first)"))
        self._form.addRow(self.tr("Hosts"), self.hosts)
        self.per_host = _spin(1, 1, 64, self.tr("Processes started on each host (one per GPU)."))
        self._form.addRow(self.tr("Per host"), self.per_host)
        self.coordinator = QLineEdit()
        self.coordinator.setPlaceholderText(self.tr("first host:12355"))
        self.coordinator.setToolTip(
            self.tr("Process 0's host and a free port every host can reach.")
        )
        self._form.addRow(self.tr("Coordinator"), self.coordinator)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("shared by every host"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._pick_folder)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.folder, 1)
        row_layout.addWidget(browse)
        self._folder_row = row
        self._form.addRow(self.tr("Launch folders in"), row)
        self.follow = QComboBox()
        self.follow.addItem(self.tr("Follow the folder's events file"), FOLLOW_FILE)
        self.follow.addItem(self.tr("Listen on a port for process 0"), FOLLOW_PORT)
        self._form.addRow(self.tr("Events"), self.follow)
        self.port = _spin(0, 0, 65535, self.tr("The port this window listens on (0: any free)."))
        self.port.setSpecialValueText(self.tr("any free port"))
        self._form.addRow(self.tr("Window port"), self.port)
        self.window_host = QLineEdit(socket.gethostname())
        self.window_host.setToolTip(self.tr("This machine's name as the cluster's hosts reach it."))
        self._form.addRow(self.tr("This machine as seen"), self.window_host)
        self.join_timeout = _spin(120, 5, 3600, self.tr("Seconds every process gets to join."))
        self._form.addRow(self.tr("Join timeout (s)"), self.join_timeout)
        self.hang_timeout = _spin(
            300, 0, 86400, self.tr("Seconds without any news before a run counts as hung.")
        )
        self.hang_timeout.setSpecialValueText(self.tr("never"))
        self._form.addRow(self.tr("Hang timeout (s)"), self.hang_timeout)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self._form.addRow(self.note)
        self._widgets = {
            "where": self.mode,
            "processes": self.processes,
            "hosts": self.hosts,
            "per_host": self.per_host,
            "coordinator": self.coordinator,
            "folder": self.folder,
            "follow": self.follow,
            "port": self.port,
            "window_host": self.window_host,
            "join_timeout": self.join_timeout,
            "hang_timeout": self.hang_timeout,
        }
        for widget in self._widgets.values():
            for name in ("currentIndexChanged", "valueChanged", "textChanged"):
                if hasattr(widget, name):
                    getattr(widget, name).connect(self._on_changed)
                    break
        self._show_rows()

    # ------------------------------------------------------------------ state

    @property
    def where(self) -> str:
        return str(self.mode.currentData())

    def state(self) -> dict[str, Any]:
        return {name: _value(widget) for name, widget in self._widgets.items()}

    def set_state(self, values: dict[str, Any]) -> None:
        for name, widget in self._widgets.items():
            if values.get(name) is not None:
                widget.blockSignals(True)
                _set_value(widget, values[name])
                widget.blockSignals(False)
        self._show_rows()

    def distribution(self) -> dict[str, Any] | None:
        """The job's `distribution` (None: this process)."""
        if self.where == THIS_PROCESS:
            return None
        spec: dict[str, Any] = {"join_timeout": self.join_timeout.value()}
        if self.where == LOCAL:
            spec["num_processes"] = self.processes.value()
        else:
            plan = self.plan()
            spec.update(num_processes=plan.num_processes, hosts=plan.process_hosts())
        return spec

    def plan(self) -> LaunchPlan:
        """The cluster's plan (hosts, coordinator, the window's port when it listens).

        Raises:
            JobError: no host named.
        """
        hosts = [h.strip() for h in self.hosts.text().replace(";", ",").split(",") if h.strip()]
        if not hosts:
            raise JobError(self.tr("Name the cluster's hosts, process 0's first. Received: none"))
        return LaunchPlan(
            hosts=hosts,
            processes_per_host=self.per_host.value(),
            coordinator=self.coordinator.text().strip() or None,
        ).checked()

    def folder_root(self) -> str:
        """Where launch folders go (the user's data folder when the field is empty)."""
        if self.folder.text().strip():
            return self.folder.text().strip()
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        return f"{base}/launch" if base else "launch"

    # ------------------------------------------------------------------ rows

    def _on_changed(self) -> None:
        self._show_rows()
        self.changed.emit()

    def _show_rows(self) -> None:
        where, follow = self.where, self.follow.currentData()
        shown = {
            self.processes: where == LOCAL,
            self.hosts: where == CLUSTER,
            self.per_host: where == CLUSTER,
            self.coordinator: where == CLUSTER,
            self._folder_row: where == CLUSTER,
            self.follow: where == CLUSTER,
            self.port: where == CLUSTER and follow == FOLLOW_PORT,
            self.window_host: where == CLUSTER and follow == FOLLOW_PORT,
            self.join_timeout: where != THIS_PROCESS,
        }
        for widget, visible in shown.items():
            self._form.setRowVisible(widget, visible)
        self.note.setText(self._note())

    def _note(self) -> str:
        if self.where == THIS_PROCESS:
            return self.tr(
                "One worker process trains with the backend of the Fit tab. On JAX with several "
                "GPUs (or CPU devices) it spreads each batch over them."
            )
        if self.where == LOCAL:
            return self.tr(
                "{n} processes train on the JAX backend, each on 1/{n} of every batch (the batch "
                "size stays the global one). On a machine with few cores expect little speed-up: "
                "this shows how data-parallel training works. Several GPUs in one machine: "
                "'This process' on JAX uses them all."
            ).format(n=self.processes.value())
        return self.tr(
            "Train writes a launch folder (model, job, run.sh, job.sbatch) to start on the "
            "cluster, then follows process 0's events. The folder and the data must be at the "
            "same path on every host."
        )

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Launch folders in"))
        if path:
            self.folder.setText(path)


def _spin(value: int, low: int, high: int, help_text: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setToolTip(help_text)
    return spin


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QSpinBox):
        return widget.value()
    return widget.text()  # type: ignore[attr-defined]


def _set_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QComboBox):
        index = widget.findData(value)
        if index >= 0:
            widget.setCurrentIndex(index)
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    else:
        widget.setText(str(value))  # type: ignore[attr-defined]
