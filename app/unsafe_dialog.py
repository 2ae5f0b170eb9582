"""The warning before a file (or pasted text) whose Lambda layers hold code is loaded.

It names the code (each Lambda, where its function was written, what it uses; the disassembly
under "Show Details"), says what allowing it means, and defaults to Cancel. Allowing is for
that file (or that paste) only: nothing is remembered.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from engine.io.lambda_code import UnsafeLayer, report


def ask_allow_unsafe(
    parent: QWidget | None, what: str, layers: list[UnsafeLayer], pasting: bool = False
) -> bool:
    """Show the warning about the code in `what` (a file name, or "the pasted text"); True
    when the user allows it for this file (or paste)."""
    summary, details = report(layers)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("UnsafeDialog", "Code in the model"))
    if len(layers) == 1:
        text = QCoreApplication.translate(
            "UnsafeDialog",
            "{what} holds Python code in a {kind} layer. Allow it only if you trust it.",
        )
    else:
        text = QCoreApplication.translate(
            "UnsafeDialog",
            "{what} holds Python code in {count} layers. Allow it only if you trust it.",
        )
    box.setText(text.format(what=what, kind=layers[0].class_name, count=len(layers)))
    box.setInformativeText(
        summary
        + "\n\n"
        + QCoreApplication.translate(
            "UnsafeDialog",
            "Keras Canvas never runs this code: the layers are kept and exported as they are, "
            "and their shapes stay unknown here. Keras runs it wherever the model is loaded "
            "with unsafe deserialization allowed (a training run, your own script).",
        )
    )
    if details:
        box.setDetailedText(details)
        box.setStyleSheet("QTextEdit { font-family: monospace; }")  # disassembly columns
    allow = box.addButton(
        QCoreApplication.translate("UnsafeDialog", "Paste with 'allow unsafe'")
        if pasting
        else QCoreApplication.translate("UnsafeDialog", "Open with 'allow unsafe'"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is allow
