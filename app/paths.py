"""Where Keras Canvas keeps the user's files outside projects: recovery and unsaved runs.

Qt's `AppDataLocation` appends both the organization and the application name, which are the
same here: `~/.local/share/Keras Canvas/Keras Canvas`. The generic data folder plus one
"Keras Canvas" names it once (`~/.local/share/Keras Canvas` on Linux, the equivalents on
Windows and macOS).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

APP_FOLDER = "Keras Canvas"


def data_folder() -> Path:
    """The user's data folder of Keras Canvas (created by whoever writes into it)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base or Path.home() / ".local" / "share") / APP_FOLDER
