"""The canvas widget: a zoomable, pannable view of the graph scene.

Wheel zooms around the cursor; the middle button, or Space + left drag, pans; a left drag on
empty canvas selects with a rubber band. Keys: F fits the whole graph, Ctrl+= / Ctrl+- zoom,
Ctrl+0 shows 100 %, "+" opens the selected group and "-" closes the group of the selection,
Delete removes, Ctrl+A selects all, Ctrl+D duplicates, Tab opens the quick-add popup, Backspace
leaves a nested model; the keyboard path (arrows, Shift+arrows, Escape, Enter) is
`app.canvas.keyboard`. Palette entries dropped here (mime `application/x-keras-canvas-layer`)
are placed where they are dropped, or inserted into the wire under them.

Zoomed out, where cards get too small for their print, the names of groups and frames are drawn
large over the drawing, like place names on a map (`app.canvas.place_names`); a minimap in the
corner shows the whole graph and where the view is (`app.canvas.minimap`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLineF,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmapCache,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from app.canvas import theme
from app.canvas.breadcrumb import BreadcrumbBar
from app.canvas.edge_item import EdgeItem
from app.canvas.keyboard import CanvasKeyboard
from app.canvas.minimap import Minimap
from app.canvas.node_item import CACHE_ZOOM
from app.canvas.place_names import draw_place_names
from app.canvas.scene import GraphScene
from app.controller import DocumentController

LAYER_MIME = "application/x-keras-canvas-layer"
MIN_ZOOM, MAX_ZOOM = 0.03, 3.0
ZOOM_STEP = 1.25  # Ctrl+= / Ctrl+-
START_ZOOM = 0.25  # a first look farther out than this shows the inputs instead of it all
GRID = 24.0
PIXMAP_CACHE_KB = 64 * 1024
EMPTY_HINT = QT_TRANSLATE_NOOP(
    "GraphView",
    "Drag a layer from the palette, or press Tab to search for one.\n"
    "Start with an Input, then drag from a node's bottom port\n"
    "to another's top port to connect them.",
)


class GraphView(QGraphicsView):
    """The node editor widget; the main window embeds it.

    Signals:
        message(str): a status-bar message (refused edits, hints).
    """

    message = Signal(str)
    # a file dragged from outside and dropped on the canvas: the window opens it (Qt gives
    # a drag to the widget under the mouse; the canvas fills most of the window)
    file_dropped = Signal(str)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:  # node cards are cached as pixmaps
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        # the breadcrumb sits above the viewport (a margin), so it never hides a node; made
        # before the scene so the margin is set before the scene fits a newly entered model
        self.breadcrumb = BreadcrumbBar(controller, self)
        controller.view_changed.connect(self._place_breadcrumb)
        controller.document_replaced.connect(self._place_breadcrumb)
        self._scene = GraphScene(controller, self)
        self.setScene(self._scene)
        self._pan_from: QPoint | None = None
        self._space = False
        self._fit_pending = True
        self._drop_edge: EdgeItem | None = None
        self._painted_zoom = 0.0  # the zoom of the last paint (see paintEvent)
        self.keys = CanvasKeyboard(self)
        # the whole graph is shown and the user has not moved since: a resize fits again
        self._fitted = False
        # what a panel floating over the viewport's lower-left corner covers now (the
        # look-inside legend sets its own, asked at each fit): fitting leaves it free
        self.covered_corner: Callable[[], QSize] = QSize
        # a timer of the view's own dies with it (a view replaced in a language switch gets a
        # last resize as it goes; a bare singleShot would then fit a deleted scene)
        self._refit_timer = QTimer(self, singleShot=True, interval=0)
        self._refit_timer.timeout.connect(self.keep_fitted)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setAcceptDrops(True)
        # a node editor pans by dragging: scroll bars would only take room
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip("")
        self._scene.message.connect(self.message)
        self._scene.rebuilt.connect(self._on_rebuilt)
        self._scene.regrouped.connect(self._on_regrouped)
        self.minimap = Minimap(self)
        self._place_breadcrumb()
        controller.focus_requested.connect(self.focus_node)
        # the empty-canvas hint is drawn over the whole viewport: repaint all of it when it
        # comes or goes (a minimal update would leave pieces of it behind the first card)
        self._hint_shown = not self._scene.nodes
        controller.changed.connect(self._update_empty_hint)
        self._scene.rebuilt.connect(self._update_empty_hint)

    def scene(self) -> GraphScene:
        return self._scene

    def _place_breadcrumb(self) -> None:
        shown = not self.breadcrumb.isHidden()
        self.setViewportMargins(0, self.breadcrumb.height() if shown else 0, 0, 0)
        frame = self.frameWidth()
        self.breadcrumb.setGeometry(
            frame, frame, self.width() - 2 * frame, self.breadcrumb.height()
        )

    def resizeEvent(self, event: QEvent) -> None:
        super().resizeEvent(event)
        self._place_breadcrumb()
        size = self.viewport().size()
        if size.height() > 100:  # the automatic layout aims at the canvas's shape
            self._scene.aspect = min(max(size.width() / size.height(), 1.0), 2.4)
        if self._fitted:  # panels opened or the window resized: still the whole graph (once
            # the resize is over: fitting inside it re-entered Qt's own layout of the view)
            self._refit_timer.start()
        self.minimap.sync()

    def keep_fitted(self) -> None:
        """Show the whole drawing again if that is what the view showed (the window was
        resized, or what the cards carry beside them grew); a view the user zoomed stays."""
        if self._fitted:
            self.fit()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.minimap.sync()

    # ------------------------------------------------------------------ zoom and fit

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        factor = min(max(self.zoom() * factor, MIN_ZOOM), MAX_ZOOM) / self.zoom()
        self.scale(factor, factor)
        self.minimap.sync()
        self._fitted = False

    def zoom_in(self) -> None:
        self._zoom_at_centre(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_at_centre(1 / ZOOM_STEP)

    def zoom_actual(self) -> None:
        """100 %: one scene unit per pixel, around the centre of the view."""
        self._zoom_at_centre(1.0 / self.zoom())

    def _zoom_at_centre(self, factor: float) -> None:
        centre = self.mapToScene(self.viewport().rect().center())
        self.zoom_by(factor)
        self.centerOn(centre)

    def fit(self, node_ids: list[str] | None = None) -> None:
        """Show the whole graph (or the given nodes), never zooming past 100 %.

        A panel floating over the lower-left corner (`covered_corner`, the look-inside legend)
        gets a strip of its own, on the left or at the bottom, whichever costs less zoom.
        """
        rect = self._scene.nodes_rect(node_ids) if node_ids else self._scene.drawing_rect()
        if rect.isNull():
            return
        rect = rect.adjusted(-24, -24, 24, 24)
        width, height = self.viewport().width(), self.viewport().height()
        panel = self.covered_corner()
        strips = [(0, 0)]  # a panel larger than half the view covers cards whatever the fit
        if not panel.isEmpty() and panel.width() <= width / 2 and panel.height() <= height / 2:
            strips = [(panel.width(), 0), (0, panel.height())]
        zoom, (left, bottom) = max(
            (min((width - x) / rect.width(), (height - y) / rect.height()), (x, y))
            for x, y in strips
        )
        zoom = min(max(zoom, MIN_ZOOM), 1.0)
        self.setTransform(QTransform.fromScale(zoom, zoom))
        # the drawing's centre goes to the middle of the part the panel leaves free
        self.centerOn(rect.center() + QPointF(-left / 2 / zoom, bottom / 2 / zoom))
        self.minimap.sync()
        self._fitted = node_ids is None

    def zoom_to_selection(self) -> None:
        """Fit the selected cards (the whole graph when nothing is selected)."""
        self.fit(self._scene.selected_node_ids() or None)

    def focus_node(self, node_id: str) -> None:
        """Centre on a node, opening the groups that hide it."""
        self._scene.expand_to_show([node_id])
        item = self._scene.item_for(node_id)
        if item is not None:
            self.centerOn(item.sceneBoundingRect().center())

    def show_start(self) -> None:
        """The first look at a model: all of it, at its default collapse level."""
        rect = self._scene.nodes_rect()
        if rect.isNull():  # a new, empty model starts at 100 %, not at the last one's zoom
            self.resetTransform()
            self.centerOn(0, 0)
            return
        self.fit()
        if self.zoom() >= START_ZOOM:
            return
        # too many cards even collapsed (a model without groups): start readable at the inputs
        self.zoom_by(START_ZOOM / self.zoom())
        inputs = [ref.node_id for ref in self.controller.graph.inputs]
        top = self._scene.nodes_rect(inputs) if inputs else rect
        half_width = self.viewport().width() / 2 / self.zoom()
        half_height = self.viewport().height() / 2 / self.zoom()
        self.centerOn(max(top.center().x(), rect.left() - 40 + half_width),
                      rect.top() - 40 + half_height)  # fmt: skip

    def _on_regrouped(self, before: QPointF, after: QPointF) -> None:
        """Groups opened or closed: the group clicked stays where it was on screen, unless
        that leaves part of a drawing that would fit off-screen (a group closed at the right
        of the view, the layers before it out to the left)."""
        if not before.isNull() or not after.isNull():
            shift = self.mapFromScene(after) - self.mapFromScene(before)
            self.pan_by(-shift)
        self._bring_into_view(self._scene.drawing_rect().adjusted(-24, -24, 24, 24))
        self.minimap.sync()

    def _bring_into_view(self, rect: QRectF) -> None:
        """The least pan that shows all of `rect`, along each axis where it fits."""
        seen = self.mapToScene(self.viewport().rect()).boundingRect()
        shift = QPointF()
        if rect.width() <= seen.width():
            shift.setX(min(rect.left() - seen.left(), 0) or max(rect.right() - seen.right(), 0))
        if rect.height() <= seen.height():
            shift.setY(min(rect.top() - seen.top(), 0) or max(rect.bottom() - seen.bottom(), 0))
        if not shift.isNull():
            zoom = self.zoom()
            self.pan_by(QPoint(-round(shift.x() * zoom), -round(shift.y() * zoom)))

    def _on_rebuilt(self) -> None:
        if self.isVisible():
            self.show_start()
        else:
            self._fit_pending = True

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        if self._fit_pending:
            self._fit_pending = False
            self.show_start()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(math.pow(1.15, steps))

    # ------------------------------------------------------------------ panning

    def mousePressEvent(self, event: QMouseEvent) -> None:
        middle = event.button() == Qt.MouseButton.MiddleButton
        if middle or (self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self.pan_by(event.position().toPoint() - self._pan_from)
            self._pan_from = event.position().toPoint()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            return
        super().mouseReleaseEvent(event)

    def pan_to(self, point: QPointF) -> None:
        """Centre the view on a scene point (the minimap's click)."""
        self.centerOn(point)
        self._fitted = False

    def pan_by(self, delta: QPoint) -> None:
        """Move the view by `delta` pixels (the content follows the cursor)."""
        self._fitted = False
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.itemAt(event.position().toPoint()) is None:
            self.open_quick_add(self.mapToScene(event.position().toPoint()))
            return
        super().mouseDoubleClickEvent(event)

    # ------------------------------------------------------------------ keyboard

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab:
            cursor = self.viewport().mapFromGlobal(self.cursor().pos())
            self.open_quick_add(self.keys.quick_add_point(cursor))
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if self.keys.key_press(event):
            return
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._scene.selected_node_ids():
            self._scene.remove_selected()
        elif key == Qt.Key.Key_Backspace and self.controller.view_path:
            self.controller.leave(len(self.controller.view_path) - 1)
        elif key == Qt.Key.Key_F and not ctrl:
            self.fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and not ctrl:
            self._scene.expand_selected()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore) and not ctrl:
            self._scene.collapse_selected()
        elif key == Qt.Key.Key_A and ctrl:
            self._scene.select_all()
        elif key == Qt.Key.Key_D and ctrl:
            self._scene.duplicate_selected()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
        super().keyReleaseEvent(event)

    def open_quick_add(self, where: QPointF) -> None:
        from app.canvas.quick_add import QuickAddPopup

        popup = QuickAddPopup(self)
        popup.chosen.connect(lambda class_name: self._add_chosen(class_name, where))
        popup.popup_at(self.mapToGlobal(self.mapFromScene(where)))

    def _add_chosen(self, class_name: str, where: QPointF) -> None:
        node_id = self._scene.add_after_selection(class_name, where)
        if node_id is not None:
            self.keys.reveal(node_id)  # it lands in view
        self.setFocus()

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(LAYER_MIME) or _dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()
        elif event.mimeData().hasFormat(LAYER_MIME):
            # the wire a drop would insert the layer into lights up
            edge = self._scene.edge_at(self.mapToScene(event.position().toPoint()))
            self._light_drop_edge(edge)
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dragLeaveEvent(self, event: QEvent) -> None:
        self._light_drop_edge(None)
        super().dragLeaveEvent(event)

    def _light_drop_edge(self, edge: EdgeItem | None) -> None:
        if edge is self._drop_edge:
            return
        if self._drop_edge is not None and self._drop_edge.scene() is self._scene:
            self._drop_edge.set_highlighted(False)
        self._drop_edge = edge
        if edge is not None:
            edge.set_highlighted(True)

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.file_dropped.emit(path)
            return
        if not event.mimeData().hasFormat(LAYER_MIME):
            super().dropEvent(event)
            return
        self._light_drop_edge(None)
        class_name = bytes(event.mimeData().data(LAYER_MIME)).decode("utf-8")
        self._scene.drop_layer(class_name, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
        self.setFocus()

    # ------------------------------------------------------------------ background

    def paintEvent(self, event: QEvent) -> None:
        # cards are cached as pixmaps while the zoom holds (a pan then blits them); while it
        # changes, every pixmap would be filled again for one frame: draw the cards directly
        zoom = self.zoom()
        steady, self._painted_zoom = zoom == self._painted_zoom, zoom
        cached = steady and zoom >= CACHE_ZOOM
        self._scene.cache_cards(self.mapToScene(event.rect()).boundingRect() if cached else None)
        super().paintEvent(event)

    def _update_empty_hint(self) -> None:
        shown = not self._scene.nodes
        if shown != self._hint_shown:
            self._hint_shown = shown
            self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if self._scene.nodes or self._scene.groups:
            draw_place_names(painter, self, self._scene)
            return
        # an empty canvas says how to start
        painter.save()
        painter.resetTransform()
        painter.setPen(theme.TEXT_MUTED)
        font = QFont(theme.fonts()["title"])  # a copy: the shared font stays as it is
        font.setPointSizeF(11)
        painter.setFont(font)
        hint = QCoreApplication.translate("GraphView", EMPTY_HINT)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(self.viewport().rect().adjusted(24, 0, -24, 0), flags, hint)
        painter.restore()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, theme.BACKGROUND)
        if self.zoom() < 0.3:  # a grid finer than a few pixels is noise
            return
        minor: list[QLineF] = []
        major: list[QLineF] = []
        first = math.floor(rect.left() / GRID)
        for i in range(first, math.ceil(rect.right() / GRID)):
            line = QLineF(i * GRID, rect.top(), i * GRID, rect.bottom())
            (minor if i % 5 else major).append(line)
        first = math.floor(rect.top() / GRID)
        for i in range(first, math.ceil(rect.bottom() / GRID)):
            line = QLineF(rect.left(), i * GRID, rect.right(), i * GRID)
            (minor if i % 5 else major).append(line)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp, and cheaper
        for lines, color in ((minor, theme.GRID_MINOR), (major, theme.GRID_MAJOR)):
            painter.setPen(QPen(color, 0))
            painter.drawLines(lines)
        painter.restore()


def _dropped_file(event: QDragMoveEvent | QDropEvent) -> str | None:
    """The first local file a drag from outside carries (palette drags carry a layer)."""
    data = event.mimeData()
    if data.hasFormat(LAYER_MIME) or not data.hasUrls():
        return None
    return next((url.toLocalFile() for url in data.urls() if url.isLocalFile()), None)
