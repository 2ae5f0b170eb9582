"""`main.py export IN -o OUT`: convert between formats; OUT's extension picks the format.

Model files and pictures are written here; deployment formats (SavedModel, ONNX, LiteRT) by
`engine.cli.deploy`, verified against Keras before they are reported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.common import InputError, add_input_arguments, fail, open_document, wrote
from engine.cli.deploy import add_deploy_arguments, deployment_format, run_deploy
from engine.errors import KerasCanvasError


def add_arguments(parser) -> None:
    add_input_arguments(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help=".json, .yaml, .py, .kcanvas, .png, .svg; .onnx, .tflite or a folder (SavedModel)",
    )
    parser.add_argument(
        "--collapse",
        type=_level,
        metavar="K",
        help="pictures: draw the groups collapsed to level K (1 = most compact, 0 = every "
        "layer); default: the level the window opens the model at",
    )
    parser.add_argument(
        "--sequential",
        action="store_true",
        help="write a Sequential model (the graph must be a chain)",
    )
    add_deploy_arguments(parser)


def _level(text: str) -> int:
    try:
        level = int(text)
    except ValueError:
        level = -1
    if level < 0:
        raise argparse.ArgumentTypeError(f"a level is 0, 1, 2... Received: {text!r}.")
    return level


def run(args) -> int:
    if getattr(args, "collapse", None) is not None:
        print("note: --collapse only changes pictures (.png, .svg); ignored.", file=sys.stderr)
    try:
        fmt = deployment_format(args)
    except KerasCanvasError as exc:
        return fail(str(exc), 2)
    try:
        document = open_document(args)
    except InputError as exc:
        return fail(str(exc), 2)
    if fmt is not None:
        return run_deploy(args, document, fmt)
    from engine.io.files import save_document

    try:
        save_document(document, Path(args.output), as_sequential=True if args.sequential else None)
    except KerasCanvasError as exc:
        return fail(str(exc), 1)
    except OSError as exc:
        return fail(f"Cannot write '{args.output}': {exc.strerror or exc}", 1)
    return wrote(args.output)
