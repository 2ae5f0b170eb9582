"""The application's look: one light stylesheet (`resources/style.qss`) and a few shared colours.

Widgets name their role with `setObjectName` / dynamic properties (`role="error"`) and the
stylesheet does the rest, so no widget hard-codes a colour.
"""

from __future__ import annotations

import functools

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from resources import icons_dir, stylesheet_path, templates_dir

STYLESHEET = stylesheet_path()
TEMPLATES = templates_dir()
ICONS = icons_dir()

ERROR_COLOR = "#c0392b"
MUTED_COLOR = "#6b7280"
ACCENT_COLOR = "#2563eb"


def monospace_font(point_size: int = 10) -> QFont:
    """The system's fixed-pitch font, for code and shapes (a copy: callers may change it)."""
    return QFont(_monospace_font(point_size))


@functools.cache
def _monospace_font(point_size: int) -> QFont:
    # asking the font database costs about 1 ms: the summary asks once per row
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(point_size)
    return font


def apply_style(app: QApplication) -> None:
    """Apply the light theme: Fusion style (same on every OS) plus our stylesheet."""
    app.setStyle("Fusion")
    font = QGuiApplication.font()
    if font.pointSize() < 10:
        font.setPointSize(10)
        app.setFont(font)
    if STYLESHEET.exists():
        # url() in a stylesheet is relative to the working directory: make icon paths absolute
        text = STYLESHEET.read_text(encoding="utf-8").replace("@ICONS@", ICONS.as_posix())
        app.setStyleSheet(text)


def set_role(widget, role: str) -> None:
    """Give `widget` a stylesheet role (e.g. "error", "muted") and re-polish it."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def repolish(widget) -> None:
    """Re-apply the stylesheet after a dynamic property (e.g. `invalid`) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
