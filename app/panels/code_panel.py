"""Code panels: the model as Keras JSON, YAML or a Python script, live and copyable.

The text is regenerated (debounced) after edits while the panel is visible. A model Keras would
reject cannot be exported; the panel then says why instead of showing stale code.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.engine_text import engine_text
from app.style import monospace_font, set_role
from engine.errors import KerasCanvasError
from engine.io.files import render_config

logger = logging.getLogger(__name__)


# kind -> (title, the suffix whose file text the panel shows: the panel previews the export)
RENDERERS: dict[str, tuple[str, str]] = {
    "json": ("Keras JSON", ".json"),
    "yaml": ("YAML", ".yaml"),
    "python": (QT_TRANSLATE_NOOP("CodePanel", "Python"), ".py"),
}


def code_title(kind: str) -> str:
    """The panel's title (a format's name; "Python" is 代码 in Chinese)."""
    return QCoreApplication.translate("CodePanel", RENDERERS[kind][0])


class CodePanel(QWidget):
    """One read-only code view with a Copy button."""

    def __init__(self, controller, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.kind = kind
        self.enabled = False  # set by the window once Keras is imported
        self._stale = True
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setFont(monospace_font())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.note = QLabel()
        self.note.setWordWrap(True)
        set_role(self.note, "error")
        self.note.hide()
        copy = QPushButton(self.tr("Copy"))
        copy.setToolTip(self.tr("Copy the {0} to the clipboard.").format(code_title(kind)))
        copy.clicked.connect(self.copy)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addStretch(0)
        top.addWidget(copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)
        controller.changed.connect(self._mark_stale)
        controller.document_replaced.connect(self._mark_stale)

    def is_shown(self) -> bool:
        """On screen: visible and not behind another tab (a tabbed dock stays `isVisible`)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def dock_visibility_changed(self, visible: bool) -> None:
        """Its dock's tab came to the front (or went behind): catch up if edits came meanwhile."""
        if visible and self._stale:
            self._timer.start()

    def _mark_stale(self) -> None:
        self._stale = True
        if self.is_shown():  # a large model's code takes a second to write: only when seen
            self._timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._timer.start()

    def refresh(self) -> None:
        """Regenerate the text from the document (the whole model, even inside a nested one)."""
        if not self.enabled:
            self.text.setPlainText("# " + self.tr("Loading Keras…"))
            return
        self._stale = False
        try:
            code = render_config(self._controller.model_config(), RENDERERS[self.kind][1])
        except KerasCanvasError as exc:
            self.note.setText(self.tr("Cannot export yet: {0}").format(engine_text(str(exc))))
            self.note.show()
            return
        except Exception as exc:  # a bug in an exporter must not take the window down
            logger.exception("Export to %s failed", self.kind)
            self.note.setText(self.tr("Export failed: {0}").format(exc))
            self.note.show()
            return
        self.note.hide()
        bar = self.text.verticalScrollBar()
        position = bar.value()
        self.text.setPlainText(code)
        bar.setValue(position)

    def copy(self) -> None:
        if self._stale:
            self.refresh()
        QGuiApplication.clipboard().setText(self.text.toPlainText())
