"""Typed errors of the engine.

Every error a user can cause (a bad file, an impossible connection, a wrong parameter) is one of
these, with a Keras-style message that says what was received, so the GUI and the command line can
show it without a traceback.
"""

from __future__ import annotations


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

    Attributes:
        location: the place in the file, e.g. `config.layers[3] ("dense_1").inbound_nodes[0]`.
    """

    def __init__(self, message: str, location: str = "") -> None:
        super().__init__(message)
        self.location = location


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
