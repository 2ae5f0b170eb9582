"""The plain Python a model script uses around Keras: builtins and methods of data, bounded.

Only pure functions of data are followed (`range`, `len`, `min`, `zip`, `str.format`,
`list.append`...), each with limits that keep a hostile script from exhausting memory
(`[0] * 10**12`, `9 ** 10**8`). Builtins that reach outside the script (`open`, `eval`, `exec`,
`__import__`, `getattr`...) are never called: their result is opaque, and the line is noted.
"""

from __future__ import annotations

import builtins
import operator
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MAX_ITEMS = 1_000_000  # the longest list, tuple or string a script may build
MAX_INT_BITS = 100_000

_PURE = (
    "abs", "all", "any", "bool", "dict", "divmod", "enumerate", "float", "int", "len", "list",
    "max", "min", "range", "reversed", "round", "set", "sorted", "str", "sum", "tuple", "zip",
    "repr", "chr", "ord", "slice", "frozenset", "map", "filter", "isinstance", "pow", "hex",
    "bin", "oct", "format", "hash", "callable",
)  # fmt: skip
# Builtins that read files, run code or reach into objects: never called.
_OUTSIDE = {
    "open": "reads or writes a file",
    "eval": "runs Python code from a string",
    "exec": "runs Python code from a string",
    "compile": "compiles Python code",
    "__import__": "imports a module",
    "getattr": "reads an attribute by name",
    "setattr": "changes an attribute by name",
    "delattr": "deletes an attribute by name",
    "globals": "reads the script's variables",
    "locals": "reads the script's variables",
    "vars": "reads an object's variables",
    "input": "reads from the keyboard",
    "breakpoint": "starts a debugger",
    "exit": "ends the script",
    "quit": "ends the script",
    "help": "prints help",
    "memoryview": "reads memory",
    "type": "inspects or makes a type",
    "super": "calls a parent class",
    "object": "makes a Python object",
    "iter": "makes an iterator",
    "next": "advances an iterator",
    "id": "reads an object's address",
}
SKIPPED = frozenset({"print"})
_TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "tuple": tuple,
          "dict": dict, "set": set, "frozenset": frozenset, "range": range}  # fmt: skip
_DATA_METHODS = {
    str: {
        "format", "join", "upper", "lower", "title", "capitalize", "replace", "split", "rsplit",
        "strip", "lstrip", "rstrip", "startswith", "endswith", "zfill", "count", "find", "index",
        "isdigit", "isalpha", "isalnum", "ljust", "rjust", "center", "partition", "rpartition",
    },
    list: {"append", "extend", "insert", "pop", "index", "count", "copy", "reverse", "remove",
           "clear"},
    dict: {"get", "items", "keys", "values", "update", "setdefault", "pop", "copy", "clear"},
    tuple: {"index", "count"},
    set: {"add", "update", "discard", "remove", "union", "intersection", "difference", "copy"},
}  # fmt: skip
_FIELD = re.compile(r"^(\d*|[A-Za-z_]\w*)$")


class DataError(ValueError):
    """A builtin or method refused its arguments, as Python would (the message says why)."""


@dataclass(frozen=True)
class Builtin:
    """A Python builtin the script may name; `outside` ones are never called."""

    name: str

    @property
    def outside(self) -> str | None:
        return _OUTSIDE.get(self.name)

    @property
    def pytype(self) -> type | None:
        return _TYPES.get(self.name)


def builtin(name: str) -> Builtin | None:
    if name in _PURE or name in _OUTSIDE or name in SKIPPED:
        return Builtin(name)
    return None


def is_data(value: Any, depth: int = 0) -> bool:
    """Plain Python data (what a config may hold, and ranges and slices)."""
    if value is None or isinstance(value, bool | int | float | complex | str | bytes | range):
        return True
    if depth > 100:
        return False
    if isinstance(value, list | tuple | set | frozenset):
        return all(is_data(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(is_data(k, depth + 1) and is_data(v, depth + 1) for k, v in value.items())
    if isinstance(value, slice):
        return all(is_data(v, depth + 1) for v in (value.start, value.stop, value.step))
    return False


def call_builtin(item: Builtin, args: list, kwargs: dict, call: Callable[[Any, list], Any]) -> Any:
    """Call a pure builtin; `call(function, args)` calls the script's own functions (map, key=).

    Raises:
        DataError: Python would raise (wrong types, a value too large to build here).
    """
    name = item.name
    if name == "isinstance":
        return _isinstance(*args)
    if name in ("map", "filter"):
        function, *iterables = args
        if name == "map":
            return [
                call(function, list(values)) for values in _bounded(zip(*iterables, strict=False))
            ]
        keep = (lambda v: v) if function is None else (lambda v: call(function, [v]))
        return [v for v in _bounded(iterables[0]) if keep(v)]
    if "key" in kwargs and name in ("sorted", "max", "min"):
        key = kwargs.pop("key")
        if key is not None and not isinstance(key, Builtin):
            kwargs["key"] = lambda v: call(key, [v])
        elif isinstance(key, Builtin):
            kwargs["key"] = lambda v: call_builtin(key, [v], {}, call)
    if name == "pow":
        return binary("**", *args[:2]) if len(args) == 2 and not kwargs else pow(*args)
    function = getattr(builtins, name)
    args = [a.pytype if isinstance(a, Builtin) and a.pytype else a for a in args]
    if name != "len":
        _check_inputs([*args, *kwargs.values()])
    try:
        result = function(*args, **kwargs)
    except (TypeError, ValueError, OverflowError, IndexError, KeyError) as exc:
        raise DataError(f"{name}(...) fails: {exc}") from None
    if isinstance(result, zip | enumerate | reversed | map | filter):
        return list(_bounded(result))
    return _checked(result)


def _check_inputs(values: list) -> None:
    """Refuse before building: `list(range(10**12))`, `sum(range(10**12))`."""
    for value in values:
        if isinstance(value, range | str | bytes | list | tuple) and len(value) > MAX_ITEMS:
            raise DataError(f"more than {MAX_ITEMS:,} items")


def _isinstance(value: Any, types: Any) -> bool:
    wanted = types if isinstance(types, tuple) else (types,)
    pytypes = tuple(t.pytype for t in wanted if isinstance(t, Builtin) and t.pytype)
    if len(pytypes) != len(wanted):
        raise DataError("isinstance(...) is followed for Python's own types only")
    return isinstance(value, pytypes)


def _bounded(iterable: Any) -> Any:
    for count, value in enumerate(iterable):
        if count >= MAX_ITEMS:
            raise DataError(f"more than {MAX_ITEMS:,} items")
        yield value


def _checked(value: Any) -> Any:
    if isinstance(value, str | bytes | list | tuple | set | dict) and len(value) > MAX_ITEMS:
        raise DataError(f"a value of more than {MAX_ITEMS:,} items")
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise DataError("an integer too large to follow")
    return value


# ---------------------------------------------------------------------- operators

_BINARY = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "//": operator.floordiv, "%": operator.mod, "**": operator.pow, "@": operator.matmul,
    "<<": operator.lshift, ">>": operator.rshift, "&": operator.and_, "|": operator.or_,
    "^": operator.xor,
}  # fmt: skip


def binary(symbol: str, left: Any, right: Any) -> Any:
    """`left <symbol> right` on plain data, refusing results too large to build."""
    _check_size(symbol, left, right)
    try:
        return _checked(_BINARY[symbol](left, right))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError) as exc:
        raise DataError(f"`{symbol}` fails: {exc}") from None


def _check_size(symbol: str, left: Any, right: Any) -> None:
    if symbol == "*":
        for sequence, count in ((left, right), (right, left)):
            sized = isinstance(sequence, str | bytes | list | tuple) and isinstance(count, int)
            if sized and len(sequence) * max(count, 0) > MAX_ITEMS:
                raise DataError(f"a sequence of more than {MAX_ITEMS:,} items")
    integers = isinstance(left, int) and isinstance(right, int)
    power = symbol == "**" and integers and right > 0 and abs(left) > 1
    if power and right * max(abs(left).bit_length(), 1) > MAX_INT_BITS:
        raise DataError("an integer too large to follow")
    if symbol == "<<" and isinstance(right, int) and right > MAX_INT_BITS:
        raise DataError("an integer too large to follow")


# ---------------------------------------------------------------------- methods of data


def has_data_method(value: Any, name: str) -> bool:
    return any(isinstance(value, t) and name in names for t, names in _DATA_METHODS.items())


def call_data_method(value: Any, name: str, args: list, kwargs: dict) -> Any:
    """`value.name(*args, **kwargs)` for the methods of str, list, dict, tuple and set."""
    if isinstance(value, str) and name == "format":
        _check_format(value)
    if isinstance(value, str) and any(isinstance(a, int) and a > MAX_ITEMS for a in args):
        raise DataError(f"a string of more than {MAX_ITEMS:,} characters")
    if (
        name in ("append", "insert", "extend")
        and isinstance(value, list)
        and len(value) >= MAX_ITEMS
    ):
        raise DataError(f"a list of more than {MAX_ITEMS:,} items")
    try:
        result = getattr(value, name)(*args, **kwargs)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError) as exc:
        raise DataError(f".{name}(...) fails: {exc}") from None
    if isinstance(result, type({}.items()) | type({}.keys()) | type({}.values())):
        return list(result)
    return _checked(result)


def _check_format(template: str) -> None:
    """`str.format` may read attributes (`{0.__class__}`): only plain fields are followed."""
    for _text, field, spec, _conversion in string.Formatter().parse(template):
        if field is not None and not _FIELD.match(field):
            raise DataError(f"the format field {{{field}}} is not followed")
        _check_spec(spec or "")


def _check_spec(spec: str) -> None:
    if len(spec) > 20 or any(int(n) > 1000 for n in re.findall(r"\d+", spec)):
        raise DataError(f"the format specification {spec!r} is too wide to follow")


def format_value(value: Any, spec: str) -> str:
    if not spec:
        return str(value)
    _check_spec(spec)
    if not is_data(value):
        raise DataError("a format specification applies to numbers and strings")
    try:
        return format(value, spec)
    except (TypeError, ValueError) as exc:
        raise DataError(f"format fails: {exc}") from None
