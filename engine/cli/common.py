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
        "input", metavar="IN", help=".kcanvas, .json, .yaml/.yml, .keras or legacy .h5"
    )
    parser.add_argument(
        "--allow-unsafe",
        action="store_true",
        help="load Lambda layers from this file (they run Python code stored in it)",
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
        return load_document(args.input, allow_unsafe=args.allow_unsafe)
    except KerasCanvasError as exc:
        raise InputError(str(exc)) from None
    except (OSError, MemoryError, RecursionError) as exc:
        raise InputError(f"Cannot read '{args.input}': {exc}") from None


def wrote(path: str) -> int:
    """Say what was written (a silent success reads like nothing happened); exit code 0."""
    print(f"Wrote {path}")
    return 0


def fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
