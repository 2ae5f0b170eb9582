"""A tiny code layout: expressions that print on one line, or split one item per line."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.errors import FormatError

LINE_LENGTH = 100
_INDENT = "    "


@dataclass(frozen=True)
class _Atom:
    """Code that is never split across lines."""

    text: str


@dataclass(frozen=True)
class _Seq:
    """A bracketed list of items (`head(...)`, `[...]`, `(...)`, `{...}`), split when too long.

    Each item is a (prefix, expression) pair; the prefix is `name=` or `"key": ` or empty.
    """

    head: _Expr | None  # the called expression, for a call
    opener: str
    closer: str
    items: tuple[tuple[str, _Expr], ...]
    one_tuple: bool = False  # a 1-tuple needs its trailing comma even on one line
    split: bool = False  # always one item per line (the layers of a Sequential)


_Expr = _Atom | _Seq


def _call(head: str | _Expr, items: list[tuple[str, _Expr]]) -> _Seq:
    """`head(items...)`."""
    return _Seq(_Atom(head) if isinstance(head, str) else head, "(", ")", tuple(items))


def _flat(expr: _Expr) -> str:
    if isinstance(expr, _Atom):
        return expr.text
    inner = ", ".join(prefix + _flat(item) for prefix, item in expr.items)
    if expr.one_tuple and len(expr.items) == 1:
        inner += ","
    head = _flat(expr.head) if expr.head is not None else ""
    return f"{head}{expr.opener}{inner}{expr.closer}"


def _layout(expr: _Expr, indent: str, lead: str = "", trail: str = "") -> list[str]:
    """Lines of `lead + expr + trail`, splitting brackets one item per line when too long."""
    line = indent + lead + _flat(expr) + trail
    if isinstance(expr, _Atom) or not expr.items:
        return [line]
    if len(line) <= LINE_LENGTH and not _must_split(expr):
        return [line]
    head = _flat(expr.head) if expr.head is not None else ""
    args = _flat(_Seq(None, expr.opener, expr.closer, expr.items))
    if isinstance(expr.head, _Seq) and expr.head.items and len(indent + args + trail) < LINE_LENGTH:
        # A long constructor called on short arguments: split the constructor, not the call.
        return _layout(expr.head, indent, lead, args + trail)
    lines = [indent + lead + head + expr.opener]
    for prefix, item in expr.items:
        lines += _layout(item, indent + _INDENT, prefix, ",")
    lines.append(indent + expr.closer + trail)
    return lines


def _must_split(expr: _Expr) -> bool:
    if isinstance(expr, _Atom):
        return False
    return expr.split or any(_must_split(item) for _, item in expr.items)


def _mapping(value: dict, convert: Callable[[Any], _Expr]) -> _Seq:
    """A dict literal whose values are written by `convert`."""
    items = tuple((_flat(_literal(str(k))) + ": ", convert(v)) for k, v in value.items())
    return _Seq(None, "{", "}", items)


def _literal(value: Any, tuples: bool = True) -> _Expr:
    """A JSON value as Python source (lists of ints as tuples when `tuples`)."""
    if value is None or isinstance(value, bool | int):
        return _Atom(repr(value))
    if isinstance(value, float):
        return _Atom(repr(value) if math.isfinite(value) else f'float("{value}")')
    if isinstance(value, str):
        return _Atom(json.dumps(value, ensure_ascii=False))
    if isinstance(value, list | tuple):
        items = tuple(("", _literal(v, tuples)) for v in value)
        as_tuple = tuples and value and all(type(v) is int or v is None for v in value)
        if as_tuple:
            return _Seq(None, "(", ")", items, one_tuple=True)
        return _Seq(None, "[", "]", items)
    if isinstance(value, dict):
        return _mapping(value, lambda v: _literal(v, tuples))
    raise FormatError(f"A config value is not JSON data. Received: {value!r}")
