"""The problems panel: everything Keras would reject, one entry per problem; click to go there.

An empty model has nothing wrong yet: the panel says how to start instead (hints, not problems,
and no count in its title).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.engine_text import engine_text
from app.style import ICONS
from engine.model.document import Document, Problem
from engine.model.graph import Graph
from engine.model.shapes import NodeResult, ShapeEngine

_NODE_ROLE = Qt.ItemDataRole.UserRole


START_HINTS = (
    QT_TRANSLATE_NOOP(
        "ProblemsPanel",
        "Empty model. Start with an Input: drag Input (Core) from the palette, or press Tab on "
        "the canvas and type 'input'.",
    ),
    QT_TRANSLATE_NOOP(
        "ProblemsPanel",
        "Add layers after it and connect them: drag from a node's bottom port to another's "
        "top port.",
    ),
    QT_TRANSLATE_NOOP(
        "ProblemsPanel",
        "Mark the last layer as the model's output (right-click it, or 'Model output' in the "
        "inspector).",
    ),
    QT_TRANSLATE_NOOP(
        "ProblemsPanel", "Or open one of the seed's examples: File → New from template."
    ),
)


@functools.cache
def _icon(name: str) -> QIcon:
    """Icons, not glyphs: a font without ⓘ or ⚠ draws an empty box."""
    return QIcon(str(ICONS / f"{name}.svg"))


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
        self.list.clear()
        if not self._controller.graph.layers:  # nothing is wrong yet: how to start
            self.problems = []
            for hint in START_HINTS:
                self._add_note(_icon("info"), QCoreApplication.translate("ProblemsPanel", hint))
            self.count_changed.emit(0)
            return
        self.problems = self._problems()
        for problem in self.problems:
            text = engine_text(str(problem))
            item = QListWidgetItem(_icon("problem" if problem.node_id else "info"), text)
            item.setData(_NODE_ROLE, problem.node_id)
            tip = self.tr("Click to show the node.") if problem.node_id else ""
            item.setToolTip(f"{text}\n\n{tip}".strip())
            self.list.addItem(item)
        if not self.problems:
            self._add_note(_icon("ok"), self.tr("No problems: Keras accepts this model."))
        self.count_changed.emit(len(self.problems))

    def _add_note(self, icon: QIcon, text: str) -> None:
        item = QListWidgetItem(icon, text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.list.addItem(item)

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
