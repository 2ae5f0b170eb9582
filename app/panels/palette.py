"""The layer palette: every catalog layer, grouped by category, searchable, draggable.

Dragging an entry carries the class name as `application/x-keras-canvas-layer` (utf-8) for the
canvas to drop; double-clicking asks the window to add the layer at the centre of the view.
The catalog imports Keras, so the palette starts empty and is filled by `set_catalog`.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.style import set_role

LAYER_MIME = "application/x-keras-canvas-layer"
_CLASS_ROLE = Qt.ItemDataRole.UserRole


class _LayerTree(QTreeWidget):
    """A tree whose layer items drag as the layer mime type."""

    def mimeTypes(self) -> list[str]:
        return [LAYER_MIME]

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:
        data = QMimeData()
        names = [item.data(0, _CLASS_ROLE) for item in items if item.data(0, _CLASS_ROLE)]
        if names:
            data.setData(LAYER_MIME, names[0].encode("utf-8"))
            data.setText(names[0])
        return data


class PalettePanel(QWidget):
    """Searchable tree of layer classes.

    Signals:
        layer_activated(str): a layer class was double-clicked (or Enter pressed on it).
    """

    layer_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Search layers…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Type part of a name or a concept: conv, lstm, dropout, merge…")
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._activate_first_visible)
        self.tree = _LayerTree()
        self.tree.setHeaderHidden(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.status = QLabel("Loading Keras layers…")
        set_role(self.status, "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        self._catalog = None
        self.search.setEnabled(False)

    def set_catalog(self, catalog) -> None:
        """Fill the tree from the catalog (categories in the catalog's order)."""
        self._catalog = catalog
        self.tree.clear()
        for category in catalog.categories():
            parent = QTreeWidgetItem([category])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            for spec in sorted(catalog.in_category(category), key=lambda s: s.display_name):
                parent.addChild(self._layer_item(spec))
            self.tree.addTopLevelItem(parent)
        self.tree.expandAll()
        self.search.setEnabled(True)
        self._update_status()

    @staticmethod
    def _layer_item(spec) -> QTreeWidgetItem:
        item = QTreeWidgetItem([spec.display_name])
        item.setData(0, _CLASS_ROLE, spec.class_name)
        inputs = ", ".join(spec.input_names) or "none (a model input)"
        tip = f"<b>{spec.display_name}</b> ({spec.category})<br>{spec.description}"
        tip += f"<br><br>Inputs: {inputs}"
        if spec.is_merge:
            tip += " — a merge layer: connect any number of tensors"
        tip += "<br><i>Drag onto the canvas, or double-click to add it at the centre.</i>"
        item.setToolTip(0, tip)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        return item

    # ------------------------------------------------------------------ search

    def _on_search(self, text: str) -> None:
        if self._catalog is None:
            return
        text = text.strip()
        matches = {spec.class_name for spec in self._catalog.search(text)} if text else None
        for i in range(self.tree.topLevelItemCount()):
            category = self.tree.topLevelItem(i)
            shown = 0
            for j in range(category.childCount()):
                child = category.child(j)
                hidden = matches is not None and child.data(0, _CLASS_ROLE) not in matches
                child.setHidden(hidden)
                shown += not hidden
            category.setHidden(shown == 0)
        self._update_status()

    def visible_classes(self) -> list[str]:
        """Class names currently shown (after the search filter), in tree order."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            category = self.tree.topLevelItem(i)
            if category.isHidden():
                continue
            for j in range(category.childCount()):
                child = category.child(j)
                if not child.isHidden():
                    found.append(child.data(0, _CLASS_ROLE))
        return found

    def _update_status(self) -> None:
        count = len(self.visible_classes())
        if self.search.text().strip():
            self.status.setText(f"{count} matching layers · Enter adds the first one")
        else:
            self.status.setText(f"{count} layers · drag onto the canvas")

    def _activate_first_visible(self) -> None:
        visible = self.visible_classes()
        if visible:
            self.layer_activated.emit(visible[0])

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        class_name = item.data(0, _CLASS_ROLE)
        if class_name:
            self.layer_activated.emit(class_name)
