"""The files the app ships beside its code: style sheet, icons, the template gallery, the desktop
entry, the interface's translations. Installed as package data, so a wheel carries them; code
finds them through `root()`, never through a path relative to the source tree.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def root() -> Path:
    """The folder that holds the resources (the package is always installed unzipped)."""
    return Path(str(files(__name__)))


def templates_dir() -> Path:
    return root() / "templates"


def icons_dir() -> Path:
    return root() / "icons"


def i18n_dir() -> Path:
    """The compiled translations (`keras_canvas_<language>.qm`) and their `.ts` sources."""
    return root() / "i18n"


def stylesheet_path() -> Path:
    return root() / "style.qss"
