"""Answer the next modal dialog as a user would: read it, click one of its buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_next_box(button: QMessageBox.StandardButton | str, seen: list[str]) -> None:
    """When the next message box opens, append its text (and details) to `seen` and click
    `button` (a standard button, or the text of a custom one)."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)  # not open yet
            return
        seen.append(f"{box.text()}\n{box.informativeText()}\n{box.detailedText()}")
        if isinstance(button, str):
            target = next(b for b in box.buttons() if b.text().replace("&", "") == button)
        else:
            target = box.button(button)
        target.click()

    QTimer.singleShot(0, answer)


def no_box_opens(action: Callable[[], object]) -> object:
    """Run `action`; fail if it opens a modal dialog (which would block a user)."""
    opened: list[str] = []

    def watch() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            opened.append(box.windowTitle())
            box.close()

    QTimer.singleShot(0, watch)
    result = action()
    QApplication.processEvents()
    assert not opened, opened
    return result
