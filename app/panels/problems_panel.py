"""The problems panel: everything Keras would reject, one entry per problem; click to go there."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from engine.model.document import Document, Problem
from engine.model.graph import Graph
from engine.model.shapes import NodeResult, ShapeEngine

_NODE_ROLE = Qt.ItemDataRole.UserRole


class ProblemsPanel(QWidget):
    """Lists `document.problems()` for the graph being viewed.

    Signals:
        count_changed(int): the number of problems changed (the window shows it in the title).
    """

    count_changed = Signal(int)

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.enabled = False  # set by the window once Keras is imported
        self.problems: list[Problem] = []
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemClicked.connect(self._on_clicked)
        self.list.itemActivated.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.list)
        self._timer = QTimer(self, singleShot=True, interval=50)
        self._timer.timeout.connect(self.refresh)
        controller.changed.connect(self._timer.start)
        controller.view_changed.connect(self._timer.start)

    def refresh(self) -> None:
        if not self.enabled:
            return
        self.problems = self._problems()
        self.list.clear()
        for problem in self.problems:
            item = QListWidgetItem(("⚠ " if problem.node_id else "ⓘ ") + str(problem))
            item.setData(_NODE_ROLE, problem.node_id)
            item.setToolTip(
                str(problem) + ("\n\nClick to show the node." if problem.node_id else "")
            )
            self.list.addItem(item)
        if not self.problems:
            item = QListWidgetItem("✓ No problems: Keras accepts this model.")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.count_changed.emit(len(self.problems))

    def _problems(self) -> list[Problem]:
        controller = self._controller
        if controller.graph is controller.document.graph:
            return controller.document.problems()
        # inside a nested model: the same checks, on the body
        return _BodyChecks(controller.graph, controller.document.shapes).problems()

    def _on_clicked(self, item: QListWidgetItem) -> None:
        node_id = item.data(_NODE_ROLE)
        if node_id and node_id in self._controller.graph.nodes:
            self._controller.focus(node_id)


class _BodyChecks:
    """A nested model's body seen as a document, for `Document.problems`."""

    problems = Document.problems

    def __init__(self, graph: Graph, shapes: ShapeEngine) -> None:
        self.graph = graph
        self.shapes = shapes

    def results(self) -> dict[str, NodeResult]:
        return self.shapes.infer(self.graph)
