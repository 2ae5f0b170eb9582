"""Python scripts as model files: read with `engine.io.pyscript` (statically), never run.

A script may build several models; the caller names the one to open (its variable name, or its
Keras name), by default the last one built. Messages name the file and the line.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine.errors import FormatError
from engine.io.pyscript import ScriptError, ScriptReading, read_script
from engine.io.text import check_readable, read_text
from engine.model.document import Document
from engine.model.keras_config import graph_from_config

MAX_SCRIPT_BYTES = 8 * 1024 * 1024  # a model script is a few hundred KB at most


def read_script_file(path: str | os.PathLike) -> ScriptReading:
    """Read the models of a `.py` file (see `engine.io.pyscript.read_script`).

    Raises:
        FormatError: the file cannot be read, is not Python, or builds no model; the message
            names the file and the line.
    """
    path = Path(path)
    check_readable(path)
    size = path.stat().st_size
    if size > MAX_SCRIPT_BYTES:
        raise FormatError(
            f"'{path.name}' is too large for a model script: Keras Canvas reads up to "
            f"{MAX_SCRIPT_BYTES // (1024 * 1024)} MB. Received: {size:,} bytes."
        )
    try:
        return read_script(read_text(path), path.name)
    except ScriptError as error:
        raise _in_file(error, path.name) from None


def script_config(path: str | os.PathLike, model: str | None = None) -> dict:
    """The Keras config of one model of a script (by default the last one it builds)."""
    reading = read_script_file(path)
    try:
        return reading.model(model).config
    except ScriptError as error:
        raise _in_file(error, Path(path).name) from None


def load_script(
    path: str | os.PathLike, model: str | None = None
) -> tuple[Document, ScriptReading]:
    """A script's model as a Document, with the reading (its notes, its other models)."""
    reading = read_script_file(path)
    try:
        config = reading.model(model).config
    except ScriptError as error:
        raise _in_file(error, Path(path).name) from None
    return document_of(config), reading


def document_of(config: dict) -> Document:
    return Document(graph_from_config(config))


def _in_file(error: ScriptError, name: str) -> ScriptError:
    located = ScriptError(error.line, error.detail)
    located.args = (f"'{name}', {error}",)
    return located
