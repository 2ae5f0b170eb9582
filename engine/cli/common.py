"""What the sub-commands share: opening the input file with errors a user can act on."""

from __future__ import annotations

import sys
from pathlib import Path

from engine.errors import KerasCanvasError
from engine.model.document import Document


class InputError(Exception):
    """The input file cannot be read (exit code 2)."""


def add_input_arguments(parser) -> None:
    parser.add_argument(
        "input",
        metavar="IN",
        help=".kcanvas, .json, .yaml/.yml, .keras, legacy .h5, or a .py script (read, never run)",
    )
    parser.add_argument(
        "--allow-unsafe",
        action="store_true",
        help="load Lambda layers from this file (they run Python code stored in it)",
    )
    add_model_argument(parser)


def add_model_argument(parser) -> None:
    parser.add_argument(
        "--model",
        metavar="NAME",
        help="for a .py script that builds several models: the one to open (its variable "
        "name); by default the last one built",
    )


def check_input_exists(args) -> None:
    """Fail fast, before the slow Keras import: a mistyped path is answered at once.

    Raises:
        InputError: the command's input file does not exist.
    """
    path = getattr(args, "input", None)
    if path is not None and not Path(path).exists():
        raise InputError(f"No such file: '{path}'.")


def open_document(args) -> Document:
    from engine.io.files import load_document

    try:
        if Path(args.input).suffix.lower() == ".py":
            return open_script(args.input, getattr(args, "model", None))
        return load_document(args.input, allow_unsafe=args.allow_unsafe)
    except KerasCanvasError as exc:
        raise InputError(str(exc)) from None
    except (OSError, MemoryError, RecursionError) as exc:
        raise InputError(f"Cannot read '{args.input}': {exc}") from None


def open_script(path: str, model: str | None) -> Document:
    """A script's model; what was read past goes to stderr, one `note:` line each."""
    from engine.io.scripts import load_script

    document, reading = load_script(path, model)
    for note in reading.notes:
        print(f"note: {note}", file=sys.stderr)
    if len(reading.models) > 1:
        labels = ", ".join(m.label for m in reading.models)
        chosen = reading.model(model).label
        print(
            f"note: the script builds {len(reading.models)} models: {labels}; opened {chosen} "
            "(choose one with --model NAME)",
            file=sys.stderr,
        )
    return document


def wrote(path: str) -> int:
    """Say what was written (a silent success reads like nothing happened); exit code 0."""
    print(f"Wrote {path}")
    return 0


def fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
