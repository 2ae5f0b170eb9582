"""The code a Lambda layer would run, found in a model config and described, never run.

A `Lambda` layer stores Python code in the file: a lambda's bytecode (marshalled, base64, as
Keras writes `{"class_name": "__lambda__", "config": {"code": ...}}`, or Keras 2's
`[code, defaults, closure]`), or the name of a function to import. `TFOpLambda` names a
TensorFlow op. Before a user allows such a file, they are shown what would run: the function's
name, file and line where it was written, the names it uses and its disassembly.

Reading bytecode needs `marshal.loads`, which is not safe on malformed data (it can crash the
interpreter): it runs in a child Python process (isolated, no site packages, a time limit)
that only unmarshals and disassembles. Nothing is ever executed, here or there; if the child
fails (bytecode of another Python version, damaged data), the description says so.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

from engine.model.keras_config import UNSAFE_CLASSES

FUNCTION_KEYS = ("function", "output_shape", "mask")  # the Lambda fields that may hold code
MAX_LINES = 60  # of disassembly per function
CHILD_SECONDS = 10.0

# the child process: read base64 on stdin, unmarshal, describe; never call what it reads
_DISASSEMBLE = r"""
import base64, dis, json, marshal, sys, types
code = marshal.loads(base64.b64decode(sys.stdin.read()))
if not isinstance(code, types.CodeType):
    raise SystemExit("not a code object: " + type(code).__name__)
lines = dis.Bytecode(code).dis().splitlines()
for const in code.co_consts:
    if isinstance(const, types.CodeType):
        lines += ["", "inner " + const.co_name + ":"] + dis.Bytecode(const).dis().splitlines()
print(json.dumps({
    "name": code.co_name, "file": code.co_filename, "line": code.co_firstlineno,
    "arguments": list(code.co_varnames[: code.co_argcount]),
    "names": list(code.co_names),
    "constants": [repr(c)[:60] for c in code.co_consts if not isinstance(c, types.CodeType)],
    "disassembly": lines,
}))
"""


@dataclass
class CodeDescription:
    """One piece of code a layer would run.

    Attributes:
        field: the layer's config key that holds it ("function", "output_shape", "mask").
        summary: one line: what it is and where it was written.
        details: the disassembly, or why it could not be read.
    """

    field: str
    summary: str
    details: list[str] = field(default_factory=list)


@dataclass
class UnsafeLayer:
    """A layer that would run code from the file."""

    name: str
    class_name: str
    code: list[CodeDescription] = field(default_factory=list)


def find_unsafe(value: Any) -> list[UnsafeLayer]:
    """Every Lambda-like layer in `value` (a model config, a project, clipboard data), with
    the code it holds described."""
    found: list[UnsafeLayer] = []
    for entry in _layer_entries(value):
        if entry.get("class_name") not in UNSAFE_CLASSES:
            continue
        config = entry.get("config") or {}
        layer = UnsafeLayer(str(config.get("name", "?")), entry["class_name"])
        for key in FUNCTION_KEYS:
            stored = config.get(key)
            if stored is not None:
                layer.code.append(describe_function(key, stored, entry["class_name"]))
        if not layer.code:
            layer.code.append(CodeDescription("function", "no function stored (Keras refuses)"))
        found.append(layer)
    return found


def describe_function(key: str, stored: Any, class_name: str = "Lambda") -> CodeDescription:
    """What the function stored under `key` is, as far as can be told without running it."""
    if isinstance(stored, dict) and stored.get("class_name") == "__lambda__":
        return _bytecode(key, (stored.get("config") or {}).get("code"))
    if isinstance(stored, list) and stored and isinstance(stored[0], str):
        return _bytecode(key, stored[0])  # Keras 2: [code, defaults, closure]
    if isinstance(stored, dict):  # a function found by name when the file is loaded
        module, name = stored.get("module"), stored.get("config")
        where = f"{module}.{name}" if module else str(name)
        return CodeDescription(key, f"the Python function {where}, imported when loaded")
    if isinstance(stored, str):
        if class_name == "TFOpLambda":
            return CodeDescription(key, f"the TensorFlow operation tf.{stored}")
        return CodeDescription(key, f"the Python function named {stored!r}")
    if isinstance(stored, (list, tuple)):  # an output_shape given as numbers: no code
        return CodeDescription(key, f"a fixed shape {list(stored)} (no code)")
    return CodeDescription(key, f"an unknown kind of function: {type(stored).__name__}")


def report(layers: list[UnsafeLayer]) -> tuple[str, str]:
    """(one paragraph naming the layers and their code, the full details) for a warning."""
    lines, details = [], []
    for layer in layers:
        for code in layer.code:
            lines.append(f"• {layer.class_name} '{layer.name}' ({code.field}): {code.summary}")
            details += [f"{layer.class_name} '{layer.name}', {code.field}: {code.summary}"]
            details += [f"    {line}" for line in code.details] + [""]
    return "\n".join(lines), "\n".join(details).rstrip()


def _bytecode(key: str, code: Any) -> CodeDescription:
    if not isinstance(code, str) or not code.strip():
        return CodeDescription(key, "a lambda whose bytecode is missing")
    size = len(code.strip()) * 3 // 4
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-S", "-c", _DISASSEMBLE],
            input=code,
            capture_output=True,
            text=True,
            timeout=CHILD_SECONDS,
            check=False,
        )
        info = json.loads(done.stdout) if done.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, ValueError):
        info = None
    if not isinstance(info, dict):
        return CodeDescription(
            key,
            f"Python bytecode ({size} bytes) that this Python "
            f"({sys.version_info.major}.{sys.version_info.minor}) cannot read: made by another "
            "Python version, or damaged",
        )
    name = "a lambda" if info["name"] == "<lambda>" else f"the function {info['name']}"
    arguments = ", ".join(info["arguments"])
    summary = f"{name}({arguments}) written in {info['file']}, line {info['line']}"
    if info["names"]:
        summary += f"; it uses {', '.join(info['names'][:12])}"
    if info["constants"]:
        summary += f"; constants {', '.join(c for c in info['constants'][:8] if c != 'None')}"
    lines = [str(line) for line in info["disassembly"][:MAX_LINES]]
    if len(info["disassembly"]) > MAX_LINES:
        lines.append(f"... {len(info['disassembly']) - MAX_LINES} more lines")
    return CodeDescription(key, f"{summary} ({size} bytes of bytecode)", lines)


def _layer_entries(value: Any):
    if isinstance(value, dict):
        if "class_name" in value and isinstance(value.get("config"), dict):
            yield value
        for child in value.values():
            yield from _layer_entries(child)
    elif isinstance(value, list):
        for item in value:
            yield from _layer_entries(item)
