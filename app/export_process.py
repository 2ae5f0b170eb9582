"""Run one export in the export worker process, with a progress dialog the user can cancel.

TensorFlow's import and a model's conversion take seconds to minutes, and a converter may crash:
the work runs in `python -m engine.deploy.worker`, never in the window's process. The worker's
JSON lines update the dialog's text; Cancel kills the worker (nothing is written: the worker
exports into a staging path first). The call is synchronous for its caller, as `run_busy` is.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QProcess, QProcessEnvironment, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.busy import Cancelled
from app.engine_text import engine_text

ROOT = Path(__file__).resolve().parents[1]


class ExportFailed(Exception):
    """The worker refused or failed; the message is the worker's sentence."""


def run_export(parent: QWidget | None, title: str, request: dict[str, Any]) -> dict[str, Any]:
    """The worker's report for `request` (see `engine.deploy.worker`).

    Raises:
        Cancelled: the user cancelled (the worker was killed).
        ExportFailed: the worker said why it could not export, or died.
    """
    with tempfile.TemporaryDirectory(prefix="kcanvas-export-") as folder:
        request_path = Path(folder) / "request.json"
        request_path.write_text(json.dumps(request), encoding="utf-8")
        return _run(parent, title, request_path)


def _environment() -> QProcessEnvironment:
    environment = QProcessEnvironment.systemEnvironment()
    paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    environment.insert("PYTHONPATH", os.pathsep.join(paths))  # the worker imports our engine
    environment.insert("TF_CPP_MIN_LOG_LEVEL", "3")
    return environment


def _run(parent: QWidget | None, title: str, request_path: Path) -> dict[str, Any]:
    process = QProcess()
    process.setProcessEnvironment(_environment())
    starting = QCoreApplication.translate(
        "ExportProcess", "Starting the export worker (TensorFlow loads in a few seconds)…"
    )
    dialog = QProgressDialog(
        starting, QCoreApplication.translate("ExportProcess", "Cancel"), 0, 0, parent
    )
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(480)  # the steps' texts name the format and its runtime
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    events: list[dict[str, Any]] = []
    buffer = bytearray()

    def read() -> None:
        buffer.extend(bytes(process.readAllStandardOutput()))
        while b"\n" in buffer:
            line, _, rest = bytes(buffer).partition(b"\n")
            buffer[:] = rest
            try:
                event = json.loads(line.decode("utf-8"))
            except ValueError:
                continue
            events.append(event)
            if event.get("event") == "progress":
                dialog.setLabelText(engine_text(str(event.get("text", ""))))

    process.readyReadStandardOutput.connect(read)
    process.start(sys.executable, ["-m", "engine.deploy.worker", str(request_path)])
    try:
        while process.state() != QProcess.ProcessState.NotRunning or process.bytesAvailable():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            process.waitForFinished(20)
            read()
            if dialog.wasCanceled():
                process.kill()
                process.waitForFinished(5000)
                raise Cancelled()
    finally:
        dialog.reset()
        dialog.deleteLater()
    last = events[-1] if events else {}
    if last.get("event") == "finished":
        return dict(last.get("report") or {})
    if last.get("event") == "error":
        raise ExportFailed(str(last.get("message")))
    errors = bytes(process.readAllStandardError()).decode("utf-8", "replace").strip()
    raise ExportFailed(
        QCoreApplication.translate(
            "ExportProcess", "The export worker stopped unexpectedly (exit code {code}). {detail}"
        ).format(code=process.exitCode(), detail=errors.splitlines()[-1] if errors else "")
    )
