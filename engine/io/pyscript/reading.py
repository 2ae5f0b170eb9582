"""Reading a script: the models it builds, what was read past, and where it stopped.

The models are the ones the script builds (`keras.Model(...)`, `keras.Sequential(...)`, an
application), each with the name the script binds it to at top level; the one opened is the
last of them unless the user picks another by name. A script that builds tensors but no model
(the seed's Inception module stops at its `concatenate`) gets the model from its inputs to its
unused results, and a note says so.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from typing import Any

from engine.errors import FormatError
from engine.io.pyscript.diagnostics import Note, ScriptError
from engine.io.pyscript.interpreter import Interpreter
from engine.io.pyscript.keras_calls import BuiltModel, KerasBuilder, Where
from engine.io.pyscript.keras_session import isolated_session


@dataclass
class ScriptModel:
    """One model of a script.

    Attributes:
        name: the script's variable for it (or, for a model bound to no name, its Keras name).
        keras_name: the model's own name.
        line: where it is built.
        config: its Keras 3 config, as `model.to_json()` writes it.
    """

    name: str
    keras_name: str
    line: int
    config: dict[str, Any]

    @property
    def label(self) -> str:
        same = self.name == self.keras_name
        return (
            f"{self.name} (line {self.line})"
            if same
            else (f"{self.name} ('{self.keras_name}', line {self.line})")
        )


@dataclass
class ScriptReading:
    """What reading a script found (see `read_script`)."""

    models: list[ScriptModel] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    error: ScriptError | None = None

    def model(self, name: str | None = None) -> ScriptModel:
        """The model named `name` (a variable or Keras name), by default the last one.

        Raises:
            ScriptError: reading stopped before the model was built (with the line and why), or
                the script builds no model of that name.
        """
        if name is None:
            if self.error is not None:
                raise ScriptError(self.error.line, self.error.detail + self._also())
            return self.models[-1]
        for model in self.models:
            if name in (model.name, model.keras_name):
                return model
        known = ", ".join(m.name for m in self.models) or "none"
        problem = f" Reading stopped at {self.error}" if self.error is not None else ""
        raise ScriptError(
            None, f"The script builds no model named '{name}'. Its models: {known}.{problem}"
        )

    def _also(self) -> str:
        if not self.models:
            return ""
        built = ", ".join(m.label for m in self.models)
        return f" The script builds {built} before that line (open it by name)."


def read_script(text: str, source: str = "script.py") -> ScriptReading:
    """Read the models a Keras script builds, without running it.

    Args:
        text: the script's source.
        source: its file name, for messages (and the name of a model the script leaves unmade).

    Returns:
        The models found (at least one), the lines read past, and where reading stopped if it
        did (a model built before that point can still be opened by name).

    Raises:
        FormatError: the text is not Python, or it builds no model before it stops.
    """
    notes: list[Note] = []
    tree = _parse(text, source, notes)
    reading = ScriptReading()
    with isolated_session():
        builder = KerasBuilder(lambda line, note: notes.append(Note(line, note)))
        interpreter = Interpreter(text, builder)
        try:
            interpreter.run(tree)
        except ScriptError as error:
            reading.error = error
        built = _chosen_models(builder.models)
        if not built and reading.error is None:
            made = _model_of_unused_tensors(builder, source, tree, notes)
            built = [made] if made is not None else []
        reading.models = [_describe(b) for b in built]
    reading.notes = _ordered({**{(n.line, n.text): n for n in notes}, **interpreter.notes})
    if not reading.models and reading.error is not None:
        raise reading.error
    if not reading.models:
        skipped = "; ".join(str(n) for n in reading.notes[:3])
        raise ScriptError(
            None,
            "the script builds no Keras model: no `keras.Model(...)`, `keras.Sequential(...)` "
            "nor any layer called on an `Input`"
            + (f" (read past: {skipped})." if skipped else "."),
        )
    return reading


_PROSE = re.compile(r"^[^=()\[\]{}:#'\"]*$")
_MAX_WRAPPED = 50


def looks_like_keras_script(text: str) -> bool:
    """Whether text (pasted, say) is Python that uses Keras: it parses, and it imports Keras or
    TensorFlow, or calls Model/Sequential/Input. A JSON model parses as Python too, but calls
    nothing."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any(n.split(".")[0] in ("keras", "tensorflow", "tf_keras") for n in names):
                return True
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("Model", "Sequential", "Input"):
                return True
    return False


def _parse(text: str, source: str, notes: list[Note]) -> ast.Module:
    """The script's syntax tree; a comment wrapped onto the next line (text copied from notes or
    a PDF: `# ... since the network is` / `stateful.`) is read as the comment it ends."""
    lines = text.split("\n")
    for _ in range(_MAX_WRAPPED):
        try:
            return ast.parse("\n".join(lines), filename=source)
        except SyntaxError as exc:
            index = (exc.lineno or 0) - 1
            if not _wrapped_comment(lines, index):
                raise ScriptError(
                    exc.lineno, f"the script is not valid Python: {exc.msg}."
                ) from None
            notes.append(
                Note(
                    index + 1,
                    f"`{lines[index].strip()}` is read as the end of the "
                    f"comment on line {index} (a wrapped line)",
                )
            )
            lines[index] = "# " + lines[index]
        except (ValueError, RecursionError, MemoryError) as exc:
            raise FormatError(f"'{source}' cannot be read as Python: {exc}") from None
    raise ScriptError(None, "the script is not valid Python.")


def _wrapped_comment(lines: list[str], index: int) -> bool:
    """Whether line `index` is prose continuing the comment above it (no code characters)."""
    if not 0 < index < len(lines) or not _PROSE.match(lines[index]) or not lines[index].strip():
        return False
    return lines[index - 1].lstrip().startswith("#")


def _chosen_models(models: list[BuiltModel]) -> list[BuiltModel]:
    """The models to list: those bound at top level, else every model the script made."""
    top = [m for m in models if m.top_level]
    return top or models


def _describe(built: BuiltModel) -> ScriptModel:
    config = json.loads(built.model.to_json())
    keras_name = str(config["config"].get("name", built.model.name))
    name = built.names[0] if built.names else keras_name
    return ScriptModel(name, keras_name, built.line, config)


def _model_of_unused_tensors(
    builder: KerasBuilder, source: str, tree: ast.Module, notes: list[Note]
) -> BuiltModel | None:
    """The model from the script's inputs to its results nothing reads (no Model is built)."""
    inputs = {id(t): t for t in builder.inputs}
    unused = [t for t in builder.produced if id(t) not in builder.consumed and id(t) not in inputs]
    outputs = list({id(t): t for t in unused}.values())
    if not inputs or not outputs:
        return None
    line = max(getattr(n, "end_lineno", 0) or 0 for n in tree.body) if tree.body else 1
    stem = re.sub(r"\W+", "_", source.rsplit("/", 1)[-1].removesuffix(".py")).strip("_")
    name = stem if stem and not stem[0].isdigit() else "functional"
    where = Where(line, "keras.Model(inputs, outputs)")
    ins, outs = list(inputs.values()), outputs
    model = builder._run(
        where,
        builder.keras.Model,
        ins[0] if len(ins) == 1 else ins,  # as a person writes it: Model(inputs, outputs)
        outs[0] if len(outs) == 1 else outs,
        name=name,
    )
    notes.append(
        Note(
            line,
            "the script builds no model: it is read as the model from its "
            "inputs to the results nothing else reads",
        )
    )
    return BuiltModel(model, line, [name], True)


def _ordered(notes: dict[tuple[int, str], Note]) -> list[Note]:
    return sorted(notes.values(), key=lambda n: n.line)
