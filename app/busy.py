"""Run a slow step (reading a large model, its first shape inference) without freezing the window.

The step runs in a thread while this function keeps the window painting. User input waits until
the step ends, unless it takes long enough for the progress dialog to show (`SHOW_AFTER_MS`);
then the dialog's Cancel drops the result and leaves everything as it was. The call itself is
synchronous, so callers (and tests) read as if the step ran inline.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
SHOW_AFTER_MS = 400
_ALL = QEventLoop.ProcessEventsFlag.AllEvents
_NO_INPUT = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents


class Cancelled(Exception):
    """The user cancelled the step; nothing was changed."""


def run_busy(parent: QWidget | None, text: str, step: Callable[[], T]) -> T:
    """Return `step()`, computed in a thread while the window stays live.

    Raises:
        Cancelled: the user pressed Cancel in the progress dialog.
        whatever `step` raised, re-raised here.
    """
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = step()
        except BaseException as exc:  # handed to the GUI thread, which reports it
            outcome["error"] = exc

    cancel = QCoreApplication.translate("BusyDialog", "Cancel")
    dialog = QProgressDialog(text, cancel, 0, 0, parent)  # 0, 0: a busy bar, no percentage
    dialog.setWindowTitle("Keras Canvas")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    thread = threading.Thread(target=target, name="busy-step", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            # before the dialog shows, clicks and keys wait; once it shows, it is modal and
            # its Cancel button must work
            flags = _ALL if dialog.isVisible() else _NO_INPUT
            QCoreApplication.processEvents(flags, 30)
            thread.join(0.01)
            if dialog.wasCanceled():
                raise Cancelled()  # the thread finishes on its own; its result is dropped
    finally:
        dialog.reset()
        dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
