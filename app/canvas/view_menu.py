"""The canvas's part of the View menu: zoom, groups, arrangement, minimap.

Kept beside the canvas so that the window's menu module only asks for it
(`add_canvas_actions(menu, view)`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def _tr(text: str) -> str:
    return QCoreApplication.translate("ViewMenu", text)


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

    add("zoom_in", _tr("Zoom &in"), view.zoom_in, "Ctrl+=", "Ctrl++")
    add("zoom_out", _tr("Zoom &out"), view.zoom_out, "Ctrl+-")
    add("zoom_actual", _tr("Actual &size (100 %)"), view.zoom_actual, "Ctrl+0")
    add("zoom_selection", _tr("Zoom to &selection"), view.zoom_to_selection, "Shift+F",
        canvas_only=True)  # fmt: skip
    menu.addSeparator()
    scene = view.scene()
    add("expand_group", _tr("&Open group"), scene.expand_selected, "+", canvas_only=True)
    add("collapse_group", _tr("&Close group"), scene.collapse_selected, "-", canvas_only=True)
    levels = menu.addMenu(_tr("Collapse all to &level"))
    levels.aboutToShow.connect(lambda: _fill_levels(levels, scene))
    actions["collapse_levels"] = levels.menuAction()
    add("arrange", _tr("&Arrange automatically"), scene.auto_layout, "Ctrl+Shift+L")
    minimap = add("minimap", _tr("&Minimap"), lambda: None)
    minimap.setCheckable(True)
    minimap.setChecked(view.minimap.is_wanted())
    minimap.toggled.connect(view.minimap.set_wanted)


def _fill_levels(menu: QMenu, scene) -> None:
    menu.clear()
    tree = scene.tree
    default = tree.default_level()
    for level in range(1, tree.max_depth + 1):
        count = tree.visible_count(tree.collapsed_at_level(level))
        text = _tr("Level {0} ({1} cards)").format(level, count)
        if level == default:
            text += _tr(", the default")
        action = menu.addAction(text, lambda level=level: scene.collapse_to_level(level))
        action.setCheckable(True)
        action.setChecked(scene.collapsed() == tree.collapsed_at_level(level))
    if tree.max_depth:
        menu.addSeparator()
    expand = menu.addAction(_tr("Expand all ({0} cards)").format(tree.node_count),
                            lambda: scene.collapse_to_level(0))  # fmt: skip
    expand.setCheckable(True)
    expand.setChecked(not scene.collapsed())
