"""The layer list: `model.layers` in order, inputs and outputs marked, and `get_layer` as a search.

Typing a name or an index (negative counts from the end, as in Python) and pressing Enter does
what `model.get_layer(name=...)` / `model.get_layer(index=...)` does and selects the layer; a
miss shows Keras's own message.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.engine_text import engine_text
from app.style import set_role
from engine.errors import NotFoundError

_LAYER_ROLE = Qt.ItemDataRole.UserRole


class LayersPanel(QWidget):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.search = QLineEdit(
            placeholderText=self.tr("get_layer: a name or an index, then Enter")
        )
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self._on_search)
        self.error = QLabel()
        self.error.setWordWrap(True)
        set_role(self.error, "error")
        self.error.hide()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["#", self.tr("Name"), self.tr("Class"), self.tr("Role")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemClicked.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.error)
        layout.addWidget(self.tree, 1)
        self._timer = QTimer(self, singleShot=True, interval=50)
        self._timer.timeout.connect(self.refresh)
        controller.changed.connect(self._timer.start)
        controller.view_changed.connect(self._timer.start)
        controller.selection_changed.connect(self._on_selection)

    def refresh(self) -> None:
        graph = self._controller.graph
        inputs = {ref.node_id for ref in graph.inputs}
        outputs = {ref.node_id for ref in graph.outputs}
        self.tree.clear()
        for index, layer in enumerate(graph.layers.values()):
            calls = set(graph.calls.get(layer.id, []))
            roles = []
            if calls & inputs:
                roles.append(self.tr("input"))
            if calls & outputs:
                roles.append(self.tr("output"))
            if len(calls) > 1:
                roles.append(self.tr("shared ×{0}").format(len(calls)))
            if layer.body is not None:
                roles.append(self.tr("nested model"))
            item = QTreeWidgetItem([str(index), layer.name, layer.class_name, ", ".join(roles)])
            item.setData(0, _LAYER_ROLE, layer.id)
            self.tree.addTopLevelItem(item)
        for column in range(4):
            self.tree.resizeColumnToContents(column)

    def get_layer(self, text: str) -> str:
        """The layer id `model.get_layer` finds for `text` (an index or a name)."""
        text = text.strip()
        graph = self._controller.graph
        try:
            index = int(text)
        except ValueError:
            return graph.get_layer(name=text).id
        return graph.get_layer(index=index).id

    def _on_search(self) -> None:
        try:
            layer_id = self.get_layer(self.search.text())
        except NotFoundError as exc:
            self.error.setText(engine_text(str(exc)))
            self.error.show()
            return
        self.error.hide()
        self._select_layer(layer_id)

    def _on_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self._select_layer(item.data(0, _LAYER_ROLE))

    def _select_layer(self, layer_id: str) -> None:
        calls = self._controller.graph.calls.get(layer_id, [])
        if calls:
            self._controller.focus(calls[0])

    def _on_selection(self, node_ids: list[str]) -> None:
        graph = self._controller.graph
        layer_ids = {graph.nodes[n].layer_id for n in node_ids if n in graph.nodes}
        self.tree.blockSignals(True)
        try:
            for i in range(self.tree.topLevelItemCount()):
                item = self.tree.topLevelItem(i)
                item.setSelected(item.data(0, _LAYER_ROLE) in layer_ids)
        finally:
            self.tree.blockSignals(False)
