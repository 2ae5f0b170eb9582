"""The summary panel: Keras's `model.summary()` as a table, updated live after every edit."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.style import ERROR_COLOR, monospace_font
from engine.model.summary import Summary, format_summary, summarize_graph

# Keras's own column titles (model.summary()), translated where the table shows them
_HEADERS = [
    QT_TRANSLATE_NOOP("SummaryPanel", "Layer (type)"),
    QT_TRANSLATE_NOOP("SummaryPanel", "Output Shape"),
    QT_TRANSLATE_NOOP("SummaryPanel", "Param #"),
    QT_TRANSLATE_NOOP("SummaryPanel", "Connected to"),
]


class SummaryPanel(QWidget):
    """A table of layers with output shapes and parameter counts, and the totals below."""

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.summary: Summary | None = None
        self.enabled = False  # set by the window once Keras is imported
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr(header) for header in _HEADERS])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.totals = QLabel()
        self.totals.setFont(monospace_font())
        copy = QPushButton(self.tr("Copy as text"))
        copy.setToolTip(self.tr("Copy the summary as Keras prints it (model.summary())."))
        copy.clicked.connect(self.copy_text)
        footer = QHBoxLayout()
        footer.addWidget(self.totals, 1)
        footer.addWidget(copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tree, 1)
        layout.addLayout(footer)
        self._timer = QTimer(self, singleShot=True, interval=50)
        self._timer.timeout.connect(self.refresh)
        controller.changed.connect(self._timer.start)
        controller.view_changed.connect(self._timer.start)

    def refresh(self) -> None:
        if not self.enabled:
            self.totals.setText(self.tr("Loading Keras…"))
            return
        graph = self._controller.graph
        self.summary = summarize_graph(graph, self._controller.document.shapes)
        self.tree.clear()
        # Keras prints no "Connected to" for a Sequential model: a chain says it all
        self.tree.setColumnHidden(3, self.summary.kind == "Sequential")
        for row in self.summary.rows:
            params = "?" if row.params is None else f"{row.params:,}"
            item = QTreeWidgetItem(
                [
                    f"{row.name} ({row.class_name})",
                    row.output_shape,
                    params,
                    ", ".join(row.connected_to) or "-",
                ]
            )
            item.setData(0, 256, row.layer_id)
            item.setFont(1, monospace_font())
            if row.output_shape == "error":
                item.setForeground(1, QColor(ERROR_COLOR))
                item.setToolTip(1, self.tr("Keras rejects this call: see the Problems panel."))
            self.tree.addTopLevelItem(item)
        if not self.summary.rows:
            hint = QTreeWidgetItem([self.tr("No layers yet: the summary fills in as you build.")])
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(hint)
            hint.setFirstColumnSpanned(True)
        s = self.summary
        self.totals.setText(
            self.tr("Total params: {0:,}   Trainable: {1:,}   Non-trainable: {2:,}").format(
                s.total, s.trainable, s.non_trainable
            )
        )

    def text(self) -> str:
        """The summary as Keras prints it."""
        if self.summary is None:
            self.refresh()
        return format_summary(self.summary) if self.summary else ""

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        layer_id = item.data(0, 256)
        calls = self._controller.graph.calls.get(layer_id, [])
        if calls:
            self._controller.focus(calls[0])
