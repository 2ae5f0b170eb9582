"""The Explain panel: the selected call explained, kept current with every edit.

It shows what `engine.explain` says about the selected node of the graph being viewed: what
the layer does, its shape rule with the model's numbers, its parameters weight by weight. The
page is rebuilt after each selection change and each edit (debounced), and only while the
panel is on screen: a tab behind another is brought up to date when it comes to the front.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import ENGLISH, current_language
from app.panels.explain_html import (
    explanation_html,
    how_to_html,
    page_text,
    several_html,
    title_html,
)
from engine.explain import Explanation, explain_call
from engine.explain.text import explanation_text

logger = logging.getLogger(__name__)

COLUMNS_FROM = 760  # px: from this width on, the three sections stand side by side


class ExplainPanel(QWidget):
    """What the selected layer computes, how its shape follows, where its parameters come from."""

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.enabled = False  # set by the window once Keras is imported
        self.explanation: Explanation | None = None
        self._stale = True
        self._shown_columns = False
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.document().setDocumentMargin(10)
        self.copy_button = QPushButton(self.tr("Copy as text"))
        self.copy_button.setToolTip(self.tr("Copy this explanation as plain text, for a handout."))
        self.copy_button.clicked.connect(self.copy_text)
        self.title = QLabel()
        self.title.setObjectName("explainTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._title_size = self.title.font().pointSizeF() * 1.35
        self._zoom = 0  # points added to the text, for a projector at the back of a room
        self.smaller = self._zoom_button("A−", self.tr("Smaller text"), -1)
        self.larger = self._zoom_button("A+", self.tr("Larger text, for a projector"), +1)
        self._set_zoom(0)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.smaller)
        header.addWidget(self.larger)
        header.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.browser, 1)
        self._timer = QTimer(self, singleShot=True, interval=30)
        self._timer.timeout.connect(self.refresh)
        for signal in (controller.selection_changed, controller.changed,
                       controller.view_changed, controller.document_replaced):  # fmt: skip
            signal.connect(self._mark_stale)
        self.refresh()

    def _zoom_button(self, text: str, tip: str, step: int) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda: self._set_zoom(self._zoom + step))
        return button

    def _set_zoom(self, zoom: int) -> None:
        """Text `zoom` points larger than the application's (from −2 to +12)."""
        zoom = max(-2, min(12, zoom))
        self.browser.zoomIn(zoom - self._zoom)
        self._zoom = zoom
        font = self.title.font()
        font.setPointSizeF(self._title_size + zoom * 1.35)
        self.title.setFont(font)
        self.smaller.setEnabled(zoom > -2)
        self.larger.setEnabled(zoom < 12)

    def is_shown(self) -> bool:
        """On screen: visible and not behind another tab (a tabbed dock stays `isVisible`)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def dock_visibility_changed(self, visible: bool) -> None:
        """Its dock's tab came to the front: catch up with what changed meanwhile."""
        if visible and self._stale:
            self._timer.start()

    def _mark_stale(self, *_args) -> None:
        self._stale = True
        if self.is_shown():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.explanation is not None and self._columns() != self._shown_columns:
            self._show(self.title.text(), explanation_html(self.explanation, self._columns()))

    def _columns(self) -> bool:
        return self.width() >= COLUMNS_FROM

    def refresh(self) -> None:
        """Rebuild the page for the current selection (the window calls it once Keras is in)."""
        self._stale = False
        self.explanation = None
        if not self.enabled:
            loading = self.tr("Loading Keras…")
            self._show(self.tr("Explain"), f"<p>{loading}</p>")
            return
        graph = self._controller.graph
        selection = [n for n in self._controller.selection if n in graph.nodes]
        if not selection:
            self._show(self.tr("Explain"), how_to_html(graph.name, len(graph.layers)))
        elif len(selection) > 1:
            self._show(self.tr("Explain"), several_html(len(selection)))
        else:
            self.explanation = explain_call(
                self._controller.document.shapes, graph, selection[0], self._model_path()
            )
            page = explanation_html(self.explanation, self._columns())
            self._show(title_html(self.explanation), page)

    def _show(self, title: str, page: str) -> None:
        self.title.setText(title)
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        same_node = self.browser.property("node") == self._node_key()
        self.browser.setHtml(page)
        if same_node:  # an edit of the same layer keeps the reader's place
            bar.setValue(position)
        self.browser.setProperty("node", self._node_key())
        self.copy_button.setEnabled(self.explanation is not None)
        self._shown_columns = self._columns()

    def _node_key(self) -> str:
        selection = self._controller.selection
        return "/".join(self._controller.view_path + selection[:1]) if selection else ""

    def _model_path(self) -> tuple[str, ...]:
        """The names of the nested models entered, outermost first."""
        names = []
        graph = self._controller.document.graph
        for layer_id in self._controller.view_path:
            layer = graph.layers[layer_id]
            names.append(layer.name)
            assert layer.body is not None
            graph = layer.body
        return tuple(names)

    def text(self) -> str:
        """The explanation shown, as plain text ("" when no layer is explained): the engine's
        aligned text in English, the page as shown in another language (the engine's text is
        English only)."""
        if self.explanation is None:
            return ""
        if current_language() == ENGLISH:
            return explanation_text(self.explanation)
        return page_text(self.explanation)

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
