"""The canvas's part of the View menu: zoom, groups, arrangement, minimap.

Kept beside the canvas so that the window's menu module only asks for it
(`add_canvas_actions(menu, view)`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def add_canvas_actions(menu: QMenu, view, actions: dict[str, QAction]) -> None:
    """Zoom keys, zoom to selection, collapse levels, automatic arrangement and the minimap.

    Args:
        menu: the View menu.
        view: the GraphView.
        actions: the window's actions by key (filled in).
    """

    def add(key: str, text: str, slot, *shortcuts: str, canvas_only: bool = False) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if canvas_only:  # a plain key: only while the canvas has the focus, never in a field
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.addAction(action)
        actions[key] = action
        return action

    add(
        "zoom_in",
        QCoreApplication.translate("ViewMenu", "Zoom &in"),
        view.zoom_in,
        "Ctrl+=",
        "Ctrl++",
    )
    add("zoom_out", QCoreApplication.translate("ViewMenu", "Zoom &out"), view.zoom_out, "Ctrl+-")
    add(
        "zoom_actual",
        QCoreApplication.translate("ViewMenu", "Actual &size (100 %)"),
        view.zoom_actual,
        "Ctrl+0",
    )
    selection = QCoreApplication.translate("ViewMenu", "Zoom to &selection")
    add("zoom_selection", selection, view.zoom_to_selection, "Shift+F", canvas_only=True)
    menu.addSeparator()
    scene = view.scene()
    add(
        "expand_group",
        QCoreApplication.translate("ViewMenu", "&Open group"),
        scene.expand_selected,
        "+",
        canvas_only=True,
    )
    add(
        "collapse_group",
        QCoreApplication.translate("ViewMenu", "&Close group"),
        scene.collapse_selected,
        "-",
        canvas_only=True,
    )
    levels = menu.addMenu(QCoreApplication.translate("ViewMenu", "Collapse all to &level"))
    levels.aboutToShow.connect(lambda: _fill_levels(levels, scene))
    actions["collapse_levels"] = levels.menuAction()
    add(
        "arrange",
        QCoreApplication.translate("ViewMenu", "&Arrange automatically"),
        scene.auto_layout,
        "Ctrl+Shift+L",
    )
    minimap = add("minimap", QCoreApplication.translate("ViewMenu", "&Minimap"), lambda: None)
    minimap.setCheckable(True)
    minimap.setChecked(view.minimap.is_wanted())
    minimap.toggled.connect(view.minimap.set_wanted)


def _fill_levels(menu: QMenu, scene) -> None:
    menu.clear()
    tree = scene.tree
    default = tree.default_level()
    for level in range(1, tree.max_depth + 1):
        count = tree.visible_count(tree.collapsed_at_level(level))
        text = QCoreApplication.translate("ViewMenu", "Level {0} ({1} cards)").format(level, count)
        if level == default:
            text += QCoreApplication.translate("ViewMenu", ", the default")
        action = menu.addAction(text, lambda level=level: scene.collapse_to_level(level))
        action.setCheckable(True)
        action.setChecked(scene.collapsed() == tree.collapsed_at_level(level))
    if tree.max_depth:
        menu.addSeparator()
    every = QCoreApplication.translate("ViewMenu", "Expand all ({0} cards)")
    expand = menu.addAction(every.format(tree.node_count), lambda: scene.collapse_to_level(0))
    expand.setCheckable(True)
    expand.setChecked(not scene.collapsed())
