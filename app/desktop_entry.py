"""Install the Linux desktop entry: `keras-canvas --install-desktop` (or `python main.py ...`).

Writes `keras-canvas.desktop` into `$XDG_DATA_HOME/applications` and the icon into the hicolor
theme, for the current user only (no root, nothing outside the user's data folder). The entry
starts this same installation: the `keras-canvas` script beside this interpreter when there is
one, else this interpreter with `-m main`.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from resources import icons_dir, root

DESKTOP_FILE = "keras-canvas.desktop"
ICON_FILE = "keras-canvas.svg"


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launch_command() -> str:
    script = Path(sys.executable).with_name("keras-canvas")
    if script.exists():
        return shlex.quote(str(script))
    return f"{shlex.quote(sys.executable)} -m main"


def install_desktop_entry(target: Path | None = None) -> list[Path]:
    """Write the entry and its icon under `target` (the user's data folder by default)."""
    target = target or data_home()
    entry = (root() / DESKTOP_FILE).read_text(encoding="utf-8")
    entry = entry.replace("@EXEC@", launch_command())
    applications = target / "applications"
    icons = target / "icons" / "hicolor" / "scalable" / "apps"
    applications.mkdir(parents=True, exist_ok=True)
    icons.mkdir(parents=True, exist_ok=True)
    (applications / DESKTOP_FILE).write_text(entry, encoding="utf-8")
    shutil.copyfile(icons_dir() / ICON_FILE, icons / ICON_FILE)
    return [applications / DESKTOP_FILE, icons / ICON_FILE]


def main() -> int:
    for path in install_desktop_entry():
        print(f"wrote {path}")  # noqa: T201 - the command's output
    return 0
