"""Keras Canvas: start the GUI, or run a command-line tool (export, summary, check, train), or
install the desktop entry (`--install-desktop`)."""

from __future__ import annotations

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
    from app.main_window import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
