"""Typed errors of the engine.

Every error a user can cause (a bad file, an impossible connection, a wrong parameter) is one of
these, with a Keras-style message that says what was received, so the GUI and the command line can
show it without a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

# One step of a path into a file: a key, an index, or an index with the name of what is there.
Step = str | int | tuple[int, str]


class KerasCanvasError(Exception):
    """Base class of every error the engine raises on purpose."""


class FormatError(KerasCanvasError):
    """A file or config cannot be read or written in the requested format."""


class UnsafeContentError(FormatError):
    """The file holds code (a Lambda layer) and the caller did not allow unsafe loading."""


class DamagedFileError(FormatError):
    """The file's bytes are damaged: its reader crashed, stopped or found garbage."""


class StructureError(FormatError):
    """A value in a file has the wrong type or form; `location` says where in the file.

    The message reads `config.layers[3] ("dense_1").inbound_nodes[0]: expected a list.
    Received: null.`: a path of keys and indices (a list item that has a name shows it), what
    was expected there, and what the file holds, written as JSON.

    Attributes:
        location: the place in the file, e.g. `config.layers[3] ("dense_1").inbound_nodes[0]`.
    """

    def __init__(self, message: str, location: str = "") -> None:
        super().__init__(message)
        self.location = location

    @classmethod
    def at(cls, path: Sequence[Step], expected: str, received: Any) -> StructureError:
        """The error for `received` found at `path` where `expected` should be."""
        location = describe_location(path)
        shown = preview(received)
        end = "" if shown.endswith("...") else "."
        return cls(f"{location}: expected {expected}. Received: {shown}{end}", location)


class TooLargeError(FormatError):
    """The file exceeds a documented limit (bytes, layers, nesting depth)."""


class GraphError(KerasCanvasError):
    """An edit would make the graph invalid."""


class CycleError(GraphError):
    """A connection would make the graph cyclic."""


class DuplicateNameError(GraphError):
    """Two layers would have the same name."""


class ConnectionError_(GraphError):
    """A connection is impossible (missing port, wrong tensor index, ...)."""


class NotFoundError(GraphError, KeyError):
    """A layer, node or port does not exist."""

    def __str__(self) -> str:  # KeyError quotes its message; we want it plain
        return str(self.args[0]) if self.args else ""


class ShapeError(KerasCanvasError):
    """Keras rejects the input shapes of a call."""


def describe_location(path: Sequence[Step]) -> str:
    """`config.layers[3] ("dense_1").inbound_nodes[0]` for the path of keys and indices."""
    text = ""
    for step in path:
        if isinstance(step, tuple):
            text += f'[{step[0]}] ("{step[1]}")'
        elif isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else step
    return text or "the file's top level"


def preview(value: Any, limit: int = 80) -> str:
    """`value` as the file writes it (JSON: null, true, "text"), shortened for a message."""
    try:  # NaN and Infinity as Python's json writes (and reads) them
        text = json.dumps(value, ensure_ascii=False, default=lambda v: f"<{type(v).__name__}>")
    except (ValueError, TypeError, RecursionError):  # a cycle, a key JSON cannot write
        text = f"<{type(value).__name__}>"
    # a lone surrogate (damaged text) as its escape: a terminal or a window can show that
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 3] + "..."
