"""`main.py export IN -o OUT.png|.svg`: the diagram as an image, drawn by the canvas offscreen.

The engine's export command handles every text format; images need Qt, so they come here.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

IMAGE_SUFFIXES = (".png", ".svg")


def wants_image(argv: list[str]) -> bool:
    """True for an `export` command whose output is a .png or .svg file."""
    if not argv or argv[0] != "export":
        return False
    for flag in ("-o", "--output"):
        if flag in argv[:-1]:
            return Path(argv[argv.index(flag) + 1]).suffix.lower() in IMAGE_SUFFIXES
    return any(a.startswith("--output=") and a.lower().endswith(IMAGE_SUFFIXES) for a in argv)


def run_image_export(argv: list[str]) -> int:
    from engine.cli import export, quiet_tensorflow
    from engine.cli.common import InputError, check_input_exists, fail, open_document, wrote

    parser = argparse.ArgumentParser(prog="main.py export")
    export.add_arguments(parser)
    args = parser.parse_args(argv[1:])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window needed
    try:
        check_input_exists(args)
        quiet_tensorflow()
        document = open_document(args)
    except InputError as exc:
        return fail(str(exc), 2)
    from app.render import render_document

    try:
        render_document(document, Path(args.output), collapse=args.collapse)
    except OSError as exc:
        return fail(f"Cannot write '{args.output}': {exc.strerror or exc}", 1)
    return wrote(args.output)
