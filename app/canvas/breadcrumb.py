"""The breadcrumb above the canvas inside a nested model: `model › vision`, each part a way up.

Hidden at the top level. Every part but the last is a link: clicking it leaves the nested models
below it (`controller.leave(depth)`); the last part is where the user is, in bold.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from app.controller import DocumentController

HEIGHT = 34
SEPARATOR = "›"
STYLE = """
QFrame#breadcrumb { background: #ffffff; border: none; border-bottom: 1px solid #e3e6eb; }
QFrame#breadcrumb QLabel { color: #9ca3af; background: transparent; padding: 0px 2px; }
QFrame#breadcrumb QLabel#crumb_current { color: #1f2937; font-weight: 600; padding: 2px 6px; }
QFrame#breadcrumb QLabel#crumb_hint { color: #6b7280; }
QFrame#breadcrumb QToolButton {
    color: #2563eb; background: transparent; border: none; padding: 2px 6px; border-radius: 4px;
}
QFrame#breadcrumb QToolButton:hover { background: #eef2ff; }
"""


class BreadcrumbBar(QFrame):
    """The path of nested models being viewed.

    Attributes:
        parts: the text of each part, outermost first (the top-level model's name first).
    """

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.parts: list[str] = []
        self.setObjectName("breadcrumb")
        self.setStyleSheet(STYLE)
        self.setFixedHeight(HEIGHT)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 0, 12, 0)
        self._layout.setSpacing(2)
        controller.view_changed.connect(self.refresh)
        controller.document_replaced.connect(self.refresh)
        controller.changed.connect(self.refresh)  # a rename shows at once
        self.refresh()

    def names(self) -> list[str]:
        """The top-level model's name, then each nested model entered."""
        graph = self.controller.document.graph
        names = [graph.name]
        for layer_id in self.controller.view_path:
            layer = graph.layers.get(layer_id)
            if layer is None or layer.body is None:  # undone away under us: show what exists
                break
            names.append(layer.name)
            graph = layer.body
        return names

    def refresh(self) -> None:
        names = self.names() if self.controller.view_path else []
        if names == self.parts and self.isHidden() != bool(names):
            return
        self.parts = names
        self._clear()
        for depth, name in enumerate(names):
            if depth:
                self._layout.addWidget(QLabel(SEPARATOR))
            self._layout.addWidget(self._part(depth, name, depth == len(names) - 1))
        self._layout.addStretch(1)
        hint = QLabel(self.tr("Backspace: up one level"))
        hint.setObjectName("crumb_hint")
        self._layout.addWidget(hint)
        self.setHidden(not names)

    def _part(self, depth: int, name: str, current: bool) -> QWidget:
        if current:
            label = QLabel(name)
            label.setObjectName("crumb_current")
            label.setToolTip(self.tr("The model shown on the canvas"))
            return label
        button = QToolButton()
        button.setText(name)
        button.setObjectName(f"crumb_{depth}")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setToolTip(self.tr("Back up to '{0}'").format(name))
        button.clicked.connect(lambda _checked=False, d=depth: self.controller.leave(d))
        return button

    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def buttons(self) -> list[QToolButton]:
        """The clickable parts, outermost first."""
        return [
            self._layout.itemAt(i).widget()
            for i in range(self._layout.count())
            if isinstance(self._layout.itemAt(i).widget(), QToolButton)
        ]
