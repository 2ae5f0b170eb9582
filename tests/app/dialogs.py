"""Answer the next modal dialog as a user would: read it, fill it in, click one of its buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_next_box(
    button: QMessageBox.StandardButton | str, seen: list[str], within_ms: int = 30_000
) -> None:
    """When the next message box opens (within `within_ms`), append its text (and details) to
    `seen` and click `button` (a standard button, or the text of a custom one)."""
    tries = [within_ms // 20]

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            tries[0] -= 1
            if tries[0] > 0:  # not open yet (a test that expects it checks `seen`)
                QTimer.singleShot(20, answer)
            return
        seen.append(f"{box.text()}\n{box.informativeText()}\n{box.detailedText()}")
        if isinstance(button, str):
            target = next(b for b in box.buttons() if b.text().replace("&", "") == button)
        else:
            target = box.button(button)
        assert target is not None, f"no {button} in the box {seen[-1]!r}"
        target.click()

    QTimer.singleShot(0, answer)


def answer_next_dialog(kind: type, answer: Callable[[Any], None], within_ms: int = 60_000) -> list:
    """When the next modal dialog of class `kind` opens (within `within_ms`), call `answer`
    with it, as a user reading and filling it in would. Returns a list that holds the dialog
    once it was answered (a test that expects the dialog checks the list)."""
    answered: list = []
    tries = [within_ms // 20]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or not dialog.isVisible():
            tries[0] -= 1
            if tries[0] > 0:  # not open yet (a progress dialog may be in front first)
                QTimer.singleShot(20, poll)
            return
        answered.append(dialog)
        answer(dialog)

    QTimer.singleShot(0, poll)
    return answered
