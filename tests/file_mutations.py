"""Damaged model files for the robustness tests: structural mutations and byte damage.

A *mutation* is plain data (which base file, which operations at which places), so the same
damaged file can be rebuilt from a failure report: `hypothesis` draws mutations in the property
tests and `random` draws them in the long fuzz script (`tests/fuzz_files.py`).

Operations, each at a place (a path of keys and indices) in the file's parsed content:
- `replace`: the value becomes None, a number, NaN, infinity, a string, a list, a dict, a bool;
- `delete`: a key of a dict, or an item of a list, disappears;
- `copy`: another subtree of the same file is copied here (a layer into a shape, ...).
"""

from __future__ import annotations

import base64
import copy
import json
import marshal
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = tuple(sorted((ROOT / "resources" / "templates").glob("*.kcanvas")))
# applications of every style Keras writes: ops layers, nested depth, shared activations
APPLICATIONS = ("MobileNetV3Small", "ResNet50", "NASNetMobile")

MARKER_VARIABLE = "KCANVAS_MARKER"  # code from a file would write this file: it must never run


def _marker_code() -> list:
    """`[code, defaults, closure]` of a lambda that writes the marker file (Keras's func_dump)."""
    marker = lambda x: (  # noqa: E731 - a lambda is what Keras serializes
        open(__import__("os").environ[MARKER_VARIABLE], "w").write("ran"),  # noqa: SIM115
        x,
    )[1]
    code = base64.b64encode(marshal.dumps(marker.__code__)).decode("ascii")
    return [code, None, None]


# Code a file could smuggle in: a Keras 3 Lambda, a lambda as an activation, a Keras 2 Lambda,
# and Python built-ins named as classes. Opening a file never runs any of them.
HOSTILE: tuple[Any, ...] = (
    {
        "module": "keras.layers",
        "class_name": "Lambda",
        "config": {
            "name": "evil",
            "function": {"class_name": "__lambda__", "config": {"value": _marker_code()}},
        },
        "name": "evil",
        "inbound_nodes": [],
    },
    {"class_name": "__lambda__", "config": {"value": _marker_code()}},
    {
        "class_name": "Lambda",
        "config": {"name": "evil2", "function": _marker_code(), "function_type": "lambda"},
    },
    {"module": "builtins", "class_name": "exec", "config": {"name": "open('x', 'w')"}},
    {"module": "os", "class_name": "system", "config": {"command": "touch pwned"}},
)

REPLACEMENTS: tuple[Any, ...] = (
    None,
    0,
    -1,
    3,
    10**12,
    2.5,
    math.nan,
    math.inf,
    True,
    "",
    "x",
    "a/b",
    [],
    [None],
    [1, 2],
    [[1, 2, 3]],
    {},
    {"class_name": "Dense"},
    {"class_name": "__keras_tensor__", "config": {"keras_history": ["ghost", 0, 0]}},
    {"args": [], "kwargs": []},
    "\udcf3",
    *HOSTILE,
)
FORMATS = (".json", ".yaml", ".kcanvas")

Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class Mutation:
    """One place changed in a base file; `value` is a REPLACEMENTS index or a source path."""

    op: str  # "replace", "delete" or "copy"
    place: int  # an index into the base's paths (taken modulo their number)
    value: int  # REPLACEMENTS index (replace) or another path index (copy)


@dataclass(frozen=True)
class DamagedFile:
    base: str  # a template's file name or an application's name
    suffix: str  # the format written: .json, .yaml or .kcanvas
    mutations: tuple[Mutation, ...]


LEGACY_MODELS = ("shared_vision", "seq_in_functional", "two_io", "wrappers", "cnn")
_legacy_folder: list[Path] = []  # where tests.legacy_fixtures wrote the Keras 2 files


def use_legacy_files(folder: Path) -> None:
    """Adds the Keras 2 JSON files in `folder` (from tests.legacy_fixtures) to the bases."""
    _legacy_folder[:] = [folder]


@cache
def base_content(base: str) -> dict:
    """The parsed project (templates) or a project wrapping the model (applications, legacy)."""
    template = ROOT / "resources" / "templates" / base
    if template.exists():
        return json.loads(template.read_text())
    if base.startswith("legacy:"):
        model = json.loads((_legacy_folder[0] / f"{base[7:]}.json").read_text())
    else:
        from tests.keras_models import application_config

        model = application_config(base)
    return {"format": "keras-canvas", "format_version": 1, "model": model, "editor": {}}


def base_names(legacy: bool = True) -> tuple[str, ...]:
    names = tuple(t.name for t in TEMPLATES) + APPLICATIONS
    if legacy and _legacy_folder:
        names += tuple(f"legacy:{name}" for name in LEGACY_MODELS)
    return names


@cache
def paths_of(base: str) -> tuple[Path_, ...]:
    """Every place in a base file (the root excluded), in a stable order."""
    return tuple(_paths(base_content(base), ()))


def _paths(value: Any, prefix: Path_) -> Iterator[Path_]:
    items = (
        value.items() if isinstance(value, dict) else enumerate(value)
        if isinstance(value, list) else ()
    )  # fmt: skip
    for key, item in items:
        yield (*prefix, key)
        yield from _paths(item, (*prefix, key))


def mutated(damaged: DamagedFile) -> Any:
    """The parsed content of the damaged file (for .json/.yaml: the model alone)."""
    content = copy.deepcopy(base_content(damaged.base))
    for mutation in damaged.mutations:
        content = _apply(content, mutation)
    if damaged.suffix == ".kcanvas":
        return content
    return content.get("model") if isinstance(content, dict) else content


def _apply(content: Any, mutation: Mutation) -> Any:
    paths = list(_paths(content, ()))
    if not paths:
        return content
    place = paths[mutation.place % len(paths)]
    *parents, last = place
    target = content
    for key in parents:
        target = target[key]
    if mutation.op == "delete":
        del target[last]
    elif mutation.op == "copy":
        source = content
        for key in paths[mutation.value % len(paths)]:
            source = source[key]
        target[last] = copy.deepcopy(source)
    else:
        target[last] = copy.deepcopy(REPLACEMENTS[mutation.value % len(REPLACEMENTS)])
    return content


def write(damaged: DamagedFile, folder: Path) -> Path:
    """Write the damaged file into `folder`; returns its path."""
    content = mutated(damaged)
    suffix = damaged.suffix
    if suffix == ".kcanvas" and damaged.base.startswith("legacy:"):
        suffix = ".json"  # a project holds Keras 3 configs: Keras 2 ones come as JSON or YAML
        content = content.get("model") if isinstance(content, dict) else content
    path = folder / f"damaged{suffix}"
    if suffix == ".yaml":
        # NaN and infinity have YAML spellings (.nan, .inf) that the safe loader reads back
        path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    else:
        path.write_text(json.dumps(content), encoding="utf-8")  # NaN as Python's json writes it
    return path


def damage_bytes(data: bytes, positions: list[int], values: list[int]) -> bytes:
    """`data` with the byte at each position (modulo the length) replaced."""
    damaged = bytearray(data)
    for position, value in zip(positions, values, strict=False):
        damaged[position % len(damaged)] = value % 256
    return bytes(damaged)
