"""The command line: `python main.py COMMAND ...`.

Each sub-command lives in its own module with `add_arguments(parser)` and `run(args) -> int`.
Exit codes: 0 success, 1 the model has problems / the job failed, 2 the input cannot be read.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

# command name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "export": ("engine.cli.export", "convert a model file to .json, .yaml, .py or .kcanvas"),
    "summary": ("engine.cli.summary", "print the model summary (as model.summary())"),
    "check": ("engine.cli.check", "list the model's problems (exit 1 if any, 2 if unreadable)"),
    "explain": ("engine.cli.explain", "explain each layer: what it does, shape rule, parameters"),
    "train": ("engine.cli.train", "train the model headless and show progress"),
    "inspect": (
        "engine.cli.inspect_model",
        "run one sample through every node; write a PNG per node, activations.npz, summary.json",
    ),
}
# commands whose Keras work happens in the training worker, not in this process
WORKER_COMMANDS = ("train", "inspect")


def quiet_tensorflow() -> None:
    """Keep TensorFlow's C++ start-up chatter off the user's terminal."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    logging.getLogger("absl").setLevel(logging.ERROR)
    from engine.model.keras_objects import keras

    keras()  # imported here, with its native start-up noise hidden


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py", description="Keras Canvas. Without a command, the editor window opens."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(module_name)
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command_parser)
        command_parser.set_defaults(run=module.run)
    return parser


def run_command(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 0
    from engine.cli.common import InputError, check_input_exists, fail

    try:
        check_input_exists(args)
    except InputError as exc:
        return fail(str(exc), 2)
    if args.command not in WORKER_COMMANDS:  # these import Keras in the worker process
        quiet_tensorflow()
    from engine.errors import KerasCanvasError

    try:
        return int(args.run(args))
    except KerasCanvasError as exc:  # a command's own refusals are caught there; none escapes
        return fail(str(exc), 1)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
