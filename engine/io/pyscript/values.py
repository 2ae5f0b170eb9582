"""The values a script's names can hold while it is read, besides plain Python data.

Plain data (numbers, strings, tuples, lists, dicts, ranges, None) is held as itself, and so are
the Keras objects the reader builds (layers, models, symbolic tensors). These classes hold the
rest: a Keras module or name of the known vocabulary (`KerasName`), a function the script
defines (`ScriptFunction`, inlined when called), a method of a value (`Method`), and `Opaque`, a
value only the running script would know (data loaded with numpy, a file, a module this reader
does not follow). An opaque value is harmless until it reaches the model; then the reader stops
and names where it came from.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from engine.io.pyscript.diagnostics import NOT_RUN

MISSING = object()  # a keyword-only parameter without a default


@dataclass(eq=False)
class Opaque:
    """A value known only when the script runs.

    Attributes:
        line: where it comes from.
        text: the construct that computes it (`np.load(...)`).
        reason: why it is unknown here, completing "`text`, which ..." (`is computed when the
            script runs`).
    """

    line: int
    text: str
    reason: str = "is computed when the script runs"
    source: Opaque | None = None  # the opaque value this one is derived from
    module: bool = False  # a module the reader does not import (calling it computes data)
    noted: bool = False  # the line was already reported as read past

    def explain(self) -> str:
        origin, reason = "", self.reason
        if self.source is not None:
            origin = f", from `{self.source.text}` (line {self.source.line})"
            reason = self.source.reason
        return f"`{self.text}` (line {self.line}){origin}, which {reason}; {NOT_RUN}"

    def derived(self, line: int, text: str) -> Opaque:
        """A value computed from this one (`x_train.shape[1]` from `x_train`)."""
        if self.module:
            return Opaque(line, text, self.reason, module=True)
        root = self.source or self
        return Opaque(line, text, "is computed when the script runs", source=root)


@dataclass(frozen=True)
class KerasName:
    """A module, class or function of the Keras vocabulary, by its canonical dotted path.

    Attributes:
        path: `keras.layers.Dense`, `keras.ops.add`, `keras.layers` (a module)...
        kind: what calling it does (see `engine.io.pyscript.vocabulary`); "module" for modules.
        obj: the Keras object itself (None for modules).
    """

    path: str
    kind: str
    obj: Any = None


@dataclass(eq=False)
class ScriptFunction:
    """A function the script defines (`def` or `lambda`): its body is read where it is called."""

    node: ast.FunctionDef | ast.Lambda
    scope: Any  # the Scope it was defined in (its closure)
    defaults: list[Any] = field(default_factory=list)
    kw_defaults: list[Any] = field(default_factory=list)

    @property
    def name(self) -> str:
        return getattr(self.node, "name", "<lambda>")


@dataclass(eq=False)
class Method:
    """`value.name`, looked up on a value and not called yet."""

    owner: Any
    name: str


class Scope:
    """Names bound in one function call (or the script itself), with the enclosing scopes.

    Python's rule is kept where it matters for model code: a name assigned in a function is
    local to it unless declared `global`; lookups go local, enclosing, global, builtin.
    """

    def __init__(self, parent: Scope | None = None) -> None:
        self.names: dict[str, Any] = {}
        self.parent = parent
        self.globals: set[str] = set()
        self.root: Scope = parent.root if parent is not None else self

    def lookup(self, name: str) -> tuple[bool, Any]:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.names:
                return True, scope.names[name]
            scope = scope.parent
        return False, None

    def assign(self, name: str, value: Any) -> None:
        target = self.root if name in self.globals else self
        target.names[name] = value

    def delete(self, name: str) -> None:
        target = self.root if name in self.globals else self
        target.names.pop(name, None)

    @property
    def is_module(self) -> bool:
        return self.parent is None
