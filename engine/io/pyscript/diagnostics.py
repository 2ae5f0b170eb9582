"""What the script reader says: errors that stop it and notes about lines it did not follow.

Every message starts with the line it is about and quotes the construct (`np.load(...)`), so a
reader of the message can find it in the script. An error means the model cannot be read as the
script would build it; a note means a line was read past without changing the model (training
code, printing, a file never opened).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from engine.errors import FormatError

_MAX_CONSTRUCT = 60
NOT_RUN = "this reader does not run code"


class ScriptError(FormatError):
    """The script cannot be read as it would build its model; the message names the line."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.detail = message
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True)
class Note:
    """A line the reader went past without following it (it does not change the model)."""

    line: int
    text: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.text}"


def construct(node: ast.AST | None) -> str:
    """A short quotation of an expression: `np.load(...)`, `layers.Dense(...)`, `x.shape[-1]`."""
    if node is None:
        return "?"
    text = _short(node)
    return text if len(text) <= _MAX_CONSTRUCT else text[: _MAX_CONSTRUCT - 3] + "..."


def _short(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        return f"{_short(node.func)}(...)"
    if isinstance(node, ast.Attribute):
        return f"{_short(node.value)}.{node.attr}"
    if isinstance(node, ast.Subscript):
        inner = ast.unparse(node.slice)
        return f"{_short(node.value)}[{inner if len(inner) <= 12 else '...'}]"
    try:
        return ast.unparse(node)
    except (ValueError, RecursionError):  # a node too deep to print
        return type(node).__name__


def line_of(node: ast.AST | None) -> int | None:
    return getattr(node, "lineno", None)
