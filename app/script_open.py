"""Opening a Python script in the window: read without running it, and ask which model to open.

The script is read off the GUI thread (it builds the model with Keras). A script that builds
several models asks which one to open (the last one first); a script whose last model cannot be
read says why, by line, and offers the models it did build before that line. What was read past
(training code, data loading) is summed up in the status bar.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from app.busy import run_busy
from engine.errors import FormatError
from engine.model.document import Document

# (labels, index of the default, the reason for asking) -> the chosen index, or None to cancel
ChooseModel = Callable[[list[str], int, str], int | None]


def ask_model(parent: QWidget | None) -> ChooseModel:
    """The dialog that picks one of a script's models."""

    def choose(labels: list[str], default: int, reason: str) -> int | None:
        label, accepted = QInputDialog.getItem(
            parent,
            QCoreApplication.translate("ScriptOpen", "Open a model of the script"),
            reason,
            labels,
            default,
            False,
        )
        return labels.index(label) if accepted and label in labels else None

    return choose


def _read(path: str | os.PathLike) -> Any:
    from engine.io.scripts import read_script_file

    return read_script_file(path)


def _prepared(config: dict) -> Document:
    from engine.io.scripts import document_of

    document = document_of(config)
    document.prepare()
    return document


def open_script(
    parent: QWidget | None,
    path: str | os.PathLike,
    choose: ChooseModel,
    model: str | None = None,
) -> tuple[Document | None, str]:
    """Read a script and build the chosen model's document.

    Args:
        choose: asked when the script builds several models, or when its last one fails.
        model: the model to open (a variable or Keras name); None asks (or takes the only one).

    Returns:
        (the document, or None if the user cancelled; a one-line summary for the status bar).

    Raises:
        Cancelled: the user cancelled a progress dialog.
        FormatError: the script cannot be read, or builds no model that can be opened.
    """
    name = Path(path).name
    reading = run_busy(
        parent,
        QCoreApplication.translate("ScriptOpen", "Reading {name}…").format(name=name),
        lambda: _read(path),
    )
    chosen = _chosen(reading, model, choose, name)
    if chosen is None:
        return None, QCoreApplication.translate("ScriptOpen", "'{name}' was not opened.").format(
            name=name
        )
    document = run_busy(
        parent,
        QCoreApplication.translate("ScriptOpen", "Opening {name}…").format(name=name),
        lambda: _prepared(chosen.config),
    )
    return document, _summary(name, chosen.keras_name, reading)  # the name the canvas shows


def _chosen(reading: Any, model: str | None, choose: ChooseModel, name: str) -> Any:
    if model is not None:
        return reading.model(model)
    labels = [m.label for m in reading.models]
    if reading.error is not None:
        reason = QCoreApplication.translate(
            "ScriptOpen", "The script stops at {error}\n\nIt builds these models before that line:"
        )
        index = choose(labels, len(labels) - 1, reason.format(error=reading.error))
        if index is None:
            raise FormatError(f"'{name}', {reading.error}")
        return reading.models[index]
    if len(labels) == 1:
        return reading.models[0]
    reason = QCoreApplication.translate(
        "ScriptOpen", "{file} builds {count} models. Open which one?"
    )
    index = choose(labels, len(labels) - 1, reason.format(file=name, count=len(labels)))
    return None if index is None else reading.models[index]


def _summary(file_name: str, model_name: str, reading: Any) -> str:
    notes = len(reading.notes)
    if not notes:
        return QCoreApplication.translate("ScriptOpen", "Opened '{model}' from {file}.").format(
            model=model_name, file=file_name
        )
    first = str(reading.notes[0])
    if notes == 1:
        text = QCoreApplication.translate(
            "ScriptOpen",
            "Opened '{model}' from {file} without running it; 1 line read past: {first}",
        )
    else:
        text = QCoreApplication.translate(
            "ScriptOpen",
            "Opened '{model}' from {file} without running it; {count} lines read past, the "
            "first: {first}",
        )  # whole: the status bar elides what does not fit, and shows it all on hover
    return text.format(model=model_name, file=file_name, count=notes, first=first)
