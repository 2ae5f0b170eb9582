"""Bytes on disk to text and plain data, and text back to disk: the first stage of every reader.

Each function refuses what it cannot read with a `FormatError` naming the file and what it
received; writing is atomic (a temporary file in the same folder, fsync, rename), so a crash
leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from engine.errors import FormatError

MAX_FILE_BYTES = 512 * 1024 * 1024  # a model config is at most a few MB; refuse absurd files


def check_readable(path: Path) -> None:
    if not path.exists():
        raise FormatError(f"No such file: '{path}'.")
    if path.is_dir():
        raise FormatError(f"'{path}' is a folder, not a model file.")
    size = path.stat().st_size
    if size == 0:
        raise FormatError(f"'{path.name}' is empty. Received: 0 bytes.")
    if size > MAX_FILE_BYTES:
        raise FormatError(
            f"'{path.name}' is too large for a model config. Received: {size:,} bytes."
        )


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"'{path.name}' is not a text file (not UTF-8 at byte {exc.start}). "
            "Is it a binary file such as .h5 or .keras with the wrong extension?"
        ) from None
    except OSError as exc:
        raise FormatError(f"Cannot read '{path.name}': {exc.strerror}.") from None


def parse_json(text: str, name: str = "the file") -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"'{name}' is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}. "
            "The file may be truncated or not a Keras model file."
        ) from None
    except RecursionError:
        raise FormatError(f"'{name}' is nested too deeply to be a model config.") from None


class _NoAliasSafeLoader(yaml.SafeLoader):
    """The safe loader, minus anchors and aliases (they allow 'billion laughs' expansion)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.YAMLError(f"aliases are not allowed (line {event.start_mark.line + 1})")
        return super().compose_node(parent, index)


def parse_yaml(text: str, name: str = "the file") -> Any:
    try:
        return yaml.load(text, Loader=_NoAliasSafeLoader)
    except yaml.YAMLError as exc:
        raise FormatError(f"'{name}' is not valid YAML for a model: {exc}") from None
    except RecursionError:
        raise FormatError(f"'{name}' is nested too deeply to be a model config.") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over `path`."""
    path = Path(path)
    if not path.parent.is_dir():
        raise FormatError(f"Cannot save: the folder '{path.parent}' does not exist.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a saved model is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
