"""Opening a Keras Python script without running it.

`read_script(text)` reads a script with Python's `ast` module and follows it over a small, known
vocabulary (see `vocabulary`): literals and arithmetic, names and helper functions (inlined),
loops over known values, and Keras's own constructors and calls, which build the script's model
on symbolic tensors exactly as running it would (without weights), so its config is what
`model.to_json()` would write. Nothing else of the script is run: a value only the running
script could compute (data, files, other modules) is opaque, and if the model needs it, reading
stops with the line and the construct ("line 12: `np.load(...)` ... is computed when the script
runs; this reader does not run code").

The package: `reading` (the entry point and the models found), `interpreter` (statements),
`evaluator` (expressions), `keras_calls` and `keras_session` (the calls into Keras and the
isolated Keras state they run in), `vocabulary` (the names it knows, Keras 2 spellings
included), `legacy_args` (Keras 2 arguments), `python_builtins` (pure builtins, bounded),
`values` and `diagnostics`.
"""

from __future__ import annotations

from engine.io.pyscript.diagnostics import Note, ScriptError
from engine.io.pyscript.reading import (
    ScriptModel,
    ScriptReading,
    looks_like_keras_script,
    read_script,
)

__all__ = [
    "Note",
    "ScriptError",
    "ScriptModel",
    "ScriptReading",
    "looks_like_keras_script",
    "read_script",
]
