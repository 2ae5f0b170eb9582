"""Keras Canvas: start the GUI (`main.py [--lang zh_CN|en] [FILE]`), or run a command-line tool
(export, summary, check, train), or install the desktop entry (`--install-desktop`)."""

from __future__ import annotations

import importlib.util
import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--install-desktop"]:
        from app.desktop_entry import main as install

        return install()
    from app.cli_render import run_image_export, wants_image
    from engine.cli import COMMANDS, run_command

    if wants_image(argv):
        return run_image_export(argv)
    if argv and argv[0] in COMMANDS:
        return run_command(argv)
    if argv and argv[0] in ("-h", "--help"):
        return run_command(argv)
    window_backend()
    from app.main_window import run_gui

    return run_gui(argv)


def window_backend() -> None:
    """The window's shape engine runs on JAX when it is installed and the user chose no backend:
    Keras imports in about half of TensorFlow's time, and every shape and parameter count is the
    same (tests/engine/test_shape_backends.py). Training keeps the backend each run asks for."""
    if "KERAS_BACKEND" not in os.environ and importlib.util.find_spec("jax") is not None:
        os.environ["KERAS_BACKEND"] = "jax"


if __name__ == "__main__":
    sys.exit(main())
