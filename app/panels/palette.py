"""The layer palette: every catalog layer, grouped by category, searchable, draggable.

Dragging an entry carries the class name as `application/x-keras-canvas-layer` (utf-8) for the
canvas to drop; double-clicking asks the window to add the layer at the centre of the view.
Searching highlights the best match (an exact name first: "LSTM" is LSTM, not ConvLSTM1D); the
arrow keys move the highlight and Enter adds the highlighted layer. The palette is filled by
`set_catalog`, from the catalog's cache file before Keras has loaded.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QMimeData,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.style import set_role

LAYER_MIME = "application/x-keras-canvas-layer"
# the catalog's categories (engine.catalog.overlay), translated where the palette shows them
CATEGORY_TITLES = {
    "Core": QT_TRANSLATE_NOOP("PalettePanel", "Core"),
    "Convolution": QT_TRANSLATE_NOOP("PalettePanel", "Convolution"),
    "Pooling": QT_TRANSLATE_NOOP("PalettePanel", "Pooling"),
    "Recurrent": QT_TRANSLATE_NOOP("PalettePanel", "Recurrent"),
    "Attention": QT_TRANSLATE_NOOP("PalettePanel", "Attention"),
    "Normalization": QT_TRANSLATE_NOOP("PalettePanel", "Normalization"),
    "Regularization": QT_TRANSLATE_NOOP("PalettePanel", "Regularization"),
    "Reshaping": QT_TRANSLATE_NOOP("PalettePanel", "Reshaping"),
    "Merging": QT_TRANSLATE_NOOP("PalettePanel", "Merging"),
    "Activation": QT_TRANSLATE_NOOP("PalettePanel", "Activation"),
    "Wrappers": QT_TRANSLATE_NOOP("PalettePanel", "Wrappers"),
    "Preprocessing": QT_TRANSLATE_NOOP("PalettePanel", "Preprocessing"),
    "Image preprocessing": QT_TRANSLATE_NOOP("PalettePanel", "Image preprocessing"),
    "Other": QT_TRANSLATE_NOOP("PalettePanel", "Other"),
}


def category_title(category: str) -> str:
    """A catalog category as the palette names it (a category not listed keeps its name)."""
    title = CATEGORY_TITLES.get(category)
    return QCoreApplication.translate("PalettePanel", title) if title else category


WHOLE_NAME = 24  # characters of a layer name the palette's width makes room for
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
        self.search = QLineEdit(placeholderText=self.tr("Search layers…"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            self.tr(
                "Type part of a name or a concept: conv, lstm, dropout, merge… "
                "↑ ↓ choose, Enter adds the highlighted layer."
            )
        )
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self.activate_current)
        self.search.installEventFilter(self)
        self.tree = _LayerTree()
        self.tree.setHeaderHidden(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # never a name cut short
        self.tree.itemActivated.connect(self._on_item_activated)
        self.status = QLabel(self.tr("Loading the layer list…"))
        self.status.setWordWrap(True)
        # a long status wraps in the palette's width instead of widening the palette
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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
            parent = QTreeWidgetItem([category_title(category)])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            for spec in sorted(catalog.in_category(category), key=lambda s: s.display_name):
                parent.addChild(self._layer_item(spec))
            self.tree.addTopLevelItem(parent)
        self.tree.expandAll()
        self.search.setEnabled(True)
        self._on_search(self.search.text())

    def names_width(self) -> int:
        """The width of the tree's viewport that shows the layer names whole.

        Names up to `WHOLE_NAME` characters count; the one or two longer ones
        (ContrastLimitedAdaptiveHistogramEqualization) are shortened in the middle, with an
        ellipsis, and whole in their tooltip.
        """
        metrics = self.tree.fontMetrics()
        names = [i.text(0) for i in self._all_items() if len(i.text(0)) <= WHOLE_NAME]
        text = max((metrics.horizontalAdvance(name) for name in names), default=0)
        indent = 2 * self.tree.indentation()  # the category's level and the item's
        return text + indent + 12  # the items' padding, and a little air

    def _all_items(self) -> list[QTreeWidgetItem]:
        return [child for category in self._categories() for child in _children(category)]

    def _layer_item(self, spec) -> QTreeWidgetItem:
        item = QTreeWidgetItem([spec.display_name])
        item.setData(0, _CLASS_ROLE, spec.class_name)
        inputs = ", ".join(spec.input_names) or self.tr("none (a model input)")
        category = category_title(spec.category)
        tip = f"<b>{spec.display_name}</b> ({category})<br>{spec.description}<br><br>"
        tip += self.tr("Inputs: {0}").format(inputs)
        if spec.is_merge:
            tip += self.tr(" — a merge layer: connect any number of tensors")
        how = self.tr("Drag onto the canvas, or double-click to add it at the centre.")
        tip += f"<br><i>{how}</i>"
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
        ranked = [spec.class_name for spec in self._catalog.search(text)] if text else []
        matches = set(ranked) if text else None
        for category in self._categories():
            shown = 0
            for child in _children(category):
                hidden = matches is not None and child.data(0, _CLASS_ROLE) not in matches
                child.setHidden(hidden)
                shown += not hidden
            category.setHidden(shown == 0)
        # the best match is highlighted: Enter adds it, the arrows move from it
        self.tree.setCurrentItem(self._item(ranked[0]) if ranked else None)
        self._update_status()

    def visible_classes(self) -> list[str]:
        """Class names currently shown (after the search filter), in tree order."""
        return [item.data(0, _CLASS_ROLE) for item in self._visible_items()]

    def current_class(self) -> str | None:
        """The highlighted layer class (what Enter adds), if one is shown."""
        item = self.tree.currentItem()
        if item is None or item.isHidden() or not item.data(0, _CLASS_ROLE):
            return None
        return item.data(0, _CLASS_ROLE)

    def _categories(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def _visible_items(self) -> list[QTreeWidgetItem]:
        return [
            child
            for category in self._categories()
            if not category.isHidden()
            for child in _children(category)
            if not child.isHidden()
        ]

    def _item(self, class_name: str) -> QTreeWidgetItem | None:
        return next(
            (i for i in self._visible_items() if i.data(0, _CLASS_ROLE) == class_name), None
        )

    def _update_status(self) -> None:
        count = len(self.visible_classes())
        current = self.current_class()
        if not self.search.text().strip():
            self.status.setText(self.tr("{0} layers · drag onto the canvas").format(count))
        elif current is None:
            self.status.setText(self.tr("No layer matches: try a shorter word."))
        else:
            name = self.tree.currentItem().text(0)
            text = self.tr("{0} matching · Enter adds {1}").format(count, name)
            self.status.setText(text)

    def activate_current(self) -> None:
        """Enter in the search box: add the highlighted layer."""
        class_name = self.current_class()
        if class_name is not None:
            self.layer_activated.emit(class_name)

    def _move_current(self, step: int) -> None:
        items = self._visible_items()
        if not items:
            return
        current = self.tree.currentItem()
        index = items.index(current) + step if current in items else 0
        self.tree.setCurrentItem(items[max(0, min(index, len(items) - 1))])
        self._update_status()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move_current(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        class_name = item.data(0, _CLASS_ROLE)
        if class_name:
            self.layer_activated.emit(class_name)


def _children(category: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [category.child(j) for j in range(category.childCount())]
