"""`main.py export IN -o OUT.onnx|OUT.tflite|FOLDER [--weights FILE] [--format ...]`.

Deployment exports go through `engine.deploy`: Keras's own `model.export`, then a check of the
artifact against Keras on random inputs before it is reported done.
"""

from __future__ import annotations

import sys
from pathlib import Path

from engine.cli.common import fail
from engine.errors import KerasCanvasError
from engine.model.document import Document

FORMAT_HELP = (
    "deployment format: saved_model (a folder), onnx (.onnx) or litert (.tflite); "
    "by default from OUT's extension (none: a SavedModel folder)"
)


def add_deploy_arguments(parser) -> None:
    parser.add_argument("--format", metavar="FORMAT", help=FORMAT_HELP)
    parser.add_argument(
        "--weights",
        metavar="FILE",
        help="for a deployment export: the weights (a run's .weights.h5); default: fresh ones",
    )


def deployment_format(args):
    """The deployment format `args` ask for, or None for a model file or picture."""
    from engine.deploy import format_for_path, format_named

    if args.format:
        return format_named(args.format)
    if args.weights and format_for_path(args.output) is None:
        raise KerasCanvasError(
            f"--weights applies to deployment exports (.onnx, .tflite, a SavedModel folder). "
            f"Received: -o {args.output}"
        )
    return format_for_path(args.output)


def run_deploy(args, document: Document, fmt) -> int:
    from engine.deploy.export import export_model

    try:
        config = document.to_config()
        report = export_model(
            config,
            Path(args.output),
            fmt,
            args.weights,
            allow_unsafe=args.allow_unsafe,
            progress=lambda text: print(text, file=sys.stderr, flush=True),
        )
    except KerasCanvasError as exc:
        return fail(str(exc), 1)
    print(report.summary())
    for note in report.notes:
        print(f"note: {note}")
    return 0
