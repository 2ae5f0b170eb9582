"""Python identifiers for a script: unique variable names, and Keras's name counters kept."""

from __future__ import annotations

import builtins
import collections
import contextlib
import keyword
import re
from collections.abc import Iterator

_RESERVED = frozenset({"keras", "layers", "model", "build_model", "_"}) | frozenset(dir(builtins))


def _snake(name: str) -> str:
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


class _Namer:
    """Hands out valid, unique Python identifiers derived from layer names."""

    def __init__(self) -> None:
        self._taken: set[str] = set(_RESERVED)

    def fresh(self, base: str) -> str:
        ident = re.sub(r"[^0-9a-zA-Z_]", "_", base) or "layer"
        if ident[0].isdigit():
            ident = "layer_" + ident
        if keyword.iskeyword(ident) or keyword.issoftkeyword(ident):
            ident += "_"
        candidate, n = ident, 2
        while candidate in self._taken:
            candidate, n = f"{ident}_{n}", n + 1
        self._taken.add(candidate)
        return candidate


@contextlib.contextmanager
def _preserved_name_uids() -> Iterator[None]:
    """Restores Keras's auto-name counters: the checks must not rename the caller's next layers."""
    from keras.src.backend.common import global_state

    saved = global_state.get_global_attribute("object_name_uids")
    kept = collections.defaultdict(int, saved) if saved is not None else None
    try:
        yield
    finally:
        global_state.set_global_attribute("object_name_uids", kept)
