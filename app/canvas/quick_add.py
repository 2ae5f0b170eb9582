"""The quick-add popup: type to search the layer catalog, Enter to place the layer.

Opened on the canvas with Tab or a double-click on empty space; the layer lands where the
popup was opened (or in the wire there). Before anything is typed it lists every layer, by
category, so the popup is a menu as much as a search.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

_CLASS_ROLE = Qt.ItemDataRole.UserRole
_MAX_RESULTS = 40


class QuickAddPopup(QFrame):
    """A search box over the catalog.

    Signals:
        chosen(str): the class name picked (Enter, or a click on a result).
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("quickAdd")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Add a layer: type to search (Dense, conv, pool…)"))
        self.results = QListWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self.resize(340, 320)
        self.search.textChanged.connect(self.set_text)
        self.search.installEventFilter(self)
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)

    def popup_at(self, global_pos: QPoint) -> None:
        self.set_text("")
        self.move(global_pos)
        self.show()
        self.search.setFocus()

    def set_text(self, text: str) -> None:
        """Show the catalog's best matches for `text` (every layer if empty), the first one
        selected."""
        from engine.catalog import cached_catalog

        self.results.clear()
        catalog = cached_catalog()
        if catalog is None:  # the very first start builds the catalog with Keras: wait
            self.results.addItem(self.tr("The layer list is loading with Keras…"))
            return
        if text.strip():
            specs = catalog.search(text)[:_MAX_RESULTS]
        else:
            specs = [s for c in catalog.categories() for s in catalog.in_category(c)]
        for spec in specs:
            item = QListWidgetItem(f"{spec.display_name}    ·  {spec.category}")
            item.setToolTip(spec.description)
            item.setData(_CLASS_ROLE, spec.class_name)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def accept_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        if not item.data(_CLASS_ROLE):
            return  # the "loading" line
        self.close()
        self.chosen.emit(item.data(_CLASS_ROLE))

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
        ):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept_current()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.results.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
        return super().eventFilter(watched, event)
