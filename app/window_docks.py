"""The main window's docked panels: where they go, how big they open, whether they move.

Panels open tabbed around the canvas, the bottom ones tall enough to read (ten summary rows,
training curves). Locked (View → Lock panel layout, the default) a panel's title bar cannot tear
it off: people grab a title bar to resize, and a floating panel surprised them; the handles
between panels are drawn and light up. A seed template brings its notes to the front; the
palette grows to show its layer names whole.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget

Area = Qt.DockWidgetArea

# panels that share a tab bar (the others stand alone and keep their title bar)
TABBED_PANELS = (
    "inspector", "layers", "notes", "summary", "explain", "problems", "code_json", "code_yaml",
    "code_python", "training",
)  # fmt: skip


class WindowDocks:
    """The dock layout of `MainWindow` (a mixin: `self` is the window)."""

    def _arrange_docks(self) -> None:
        """Tabify the panels, at first show: tabifying three or more docks before the window is
        shown leaves a stray tab bar over the palette (seen with Qt 6.11)."""
        self._docks_arranged = True
        self.tabifyDockWidget(self.docks["inspector"], self.docks["layers"])
        self.tabifyDockWidget(self.docks["inspector"], self.docks["notes"])
        # Explain with the bottom panels, not behind the Inspector: a learner edits a kernel size
        # in the one and watches the formula change in the other
        for name in ("explain", "problems", "code_json", "code_yaml", "code_python", "training"):
            self.tabifyDockWidget(self.docks["summary"], self.docks[name])
        self.docks["inspector"].raise_()
        self.docks["summary"].raise_()
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        # side panels in proportion to the screen, so a laptop keeps a usable canvas
        side = [min(260, int(self.width() * 0.16)), min(400, int(self.width() * 0.23))]
        side[0] = max(side[0], self._palette_width())
        self.resizeDocks([self.docks["palette"], self.docks["inspector"]], side, horizontal)
        # tall enough for ten summary rows or readable curves; the canvas keeps the rest
        bottom = min(420, max(250, int(self.height() * 0.36)))
        self.resizeDocks([self.docks["summary"]], [bottom], vertical)
        self._on_notes_changed(self.notes.notes is not None)

    def _dock(self, key: str, title: str, widget: QWidget, area: Area) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        dock.setFeatures(self._dock_features())
        self.addDockWidget(area, dock)
        self.docks[key] = dock

    def _dock_features(self) -> QDockWidget.DockWidgetFeature:
        """Locked panels only close: a drag on a title bar (where people grab to resize) must
        not tear the panel off. Unlocked, they move and float as Qt's docks do."""
        features = QDockWidget.DockWidgetFeature.DockWidgetClosable
        if not self.panels_locked:
            features |= (
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            )
        return features

    def set_panels_locked(self, locked: bool) -> None:
        """Lock (or unlock) the panel layout; remembered for the next start."""
        self.panels_locked = locked
        self.files.settings.setValue("panels_locked", locked)
        self._apply_lock()

    def _apply_lock(self) -> None:
        for key, dock in self.docks.items():
            dock.setFeatures(self._dock_features())
            if key in TABBED_PANELS:  # locked, their tab names them: no title bar to drag
                dock.setTitleBarWidget(QWidget() if self.panels_locked else None)

    def _on_notes_changed(self, has_notes: bool) -> None:
        """A seed template opens with the seed's explanation in front; other models without."""
        dock = self.docks["notes"]
        if has_notes:
            dock.show()
            dock.raise_()
            # room to read: the right column grows to about a third of the window
            width = max(dock.width(), min(460, int(self.width() * 0.3)))
            self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
            start = getattr(self.canvas, "show_start", None)
            if callable(start):  # the canvas narrowed: show the model's start again, centred
                QTimer.singleShot(0, start)
        elif self._docks_arranged:
            dock.hide()

    def _raise_inspector(self, node_ids: list[str]) -> None:
        """Clicking a node while reading the notes shows its layer: the inspector comes first."""
        if node_ids and not self.docks["notes"].visibleRegion().isEmpty():
            self.docks["inspector"].raise_()

    def _fit_palette(self) -> None:
        dock = self.docks["palette"]
        width = self._palette_width()
        if self._docks_arranged and width > dock.width():
            self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

    def _palette_width(self) -> int:
        """Every name whole: the palette's width for its names (at most a fifth of the window;
        0 before the catalog is there)."""
        if self.catalog is None:
            return 0
        dock, tree = self.docks["palette"], self.palette.tree
        # around the names: the margins, the tree's frame and its scroll bar (shown or not)
        around = dock.width() - tree.width() + 2 * tree.frameWidth()
        around += tree.verticalScrollBar().sizeHint().width()
        return min(self.palette.names_width() + around, int(self.width() * 0.2))


def as_bool(value) -> bool:
    """A QSettings value as a bool (INI files give back the strings "true"/"false")."""
    return value.lower() == "true" if isinstance(value, str) else bool(value)
