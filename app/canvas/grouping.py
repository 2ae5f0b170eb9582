"""The scene's groups: what is collapsed, and the cards and frames it draws.

`SceneGroups` is mixed into `GraphScene`. The engine finds the groups
(`engine.diagram.groups`) and projects a collapse state to units, frames and wires
(`engine.diagram.view`); this mixin keeps that state in the document's editor state
(`engine.diagram.state`) and builds a `GroupItem` per collapsed group and a `FrameItem` per
expanded one (`app.canvas.arrange` places them).

Collapsing and expanding are views: they never touch the undo stack, and do not mark the
document modified (as folding code in an editor does not); the state is saved with the project
the next time it is saved. While the layout is automatic, a change of view lays the drawing out
again and keeps the group the user clicked where it was on screen; once the user has dragged a
card, positions are theirs and only the group itself opens or closes in place.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF
from PySide6.QtWidgets import QMenu

from app.canvas import theme
from app.canvas.describe import group_annotation
from app.canvas.group_items import FrameItem, GroupItem
from app.canvas.node_item import NodeInfo, NodeItem
from engine.diagram import state
from engine.diagram.dag import dag_of
from engine.diagram.groups import GroupTree, find_groups, group_boundary
from engine.diagram.scopes import SUFFIX_MARK
from engine.diagram.view import (
    MODEL_PREFIX,
    DiagramView,
    group_of_unit,
    group_unit,
    project,
    split_inner,
)

_MERGES = {
    "Add": QT_TRANSLATE_NOOP("Canvas", "add"),
    "Concatenate": QT_TRANSLATE_NOOP("Canvas", "concat"),
    "Multiply": QT_TRANSLATE_NOOP("Canvas", "multiply"),
    "Average": QT_TRANSLATE_NOOP("Canvas", "average"),
    "Subtract": QT_TRANSLATE_NOOP("Canvas", "subtract"),
    "Maximum": QT_TRANSLATE_NOOP("Canvas", "maximum"),
}


class SceneGroups:
    """Groups of the viewed graph (mixed into GraphScene)."""

    def _init_groups(self) -> None:
        self.tree = GroupTree()
        self.view: DiagramView = DiagramView(self.tree)
        self.groups: dict[str, GroupItem] = {}
        self.frames: dict[str, FrameItem] = {}
        self._signature: tuple = ()
        self._routes: dict[tuple[str, str], tuple[list[tuple[float, float]], tuple]] = {}
        self.aspect = 1.6  # width / height the layout aims at: the view sets its own
        self._routes_fresh = False  # True while a rebuild places cards where the layout said

    # ------------------------------------------------------------------ state

    def view_key(self) -> str:
        """The viewed graph in the editor state: "" at the top, else the entered models' names."""
        graph = self.controller.document.graph
        names = []
        for layer_id in self.controller.view_path:
            layer = graph.layers[layer_id]
            names.append(layer.name)
            graph = layer.body
        return "/".join(names)

    def collapsed(self) -> set[str]:
        return set(self.view.collapsed)

    def layout_is_auto(self) -> bool:
        return state.layout_mode(self.controller.document.editor_state, self.view_key()) != (
            state.MANUAL
        )

    def _compute_view(self) -> None:
        """Find the groups and the collapse state (the default level the first time)."""
        graph = self.graph
        dag = dag_of(graph)
        self.tree = find_groups(graph, dag=dag)
        self._signature = _signature(self.tree)
        editor = self.controller.document.editor_state
        collapsed = state.collapsed_groups(editor, self.view_key())
        if collapsed is None:
            collapsed = self.tree.collapsed_at_level(self.tree.default_level())
            if self.tree.groups:  # kept: adding layers later never flips the view on its own
                state.set_collapsed_groups(editor, self.view_key(), collapsed)
        opened = state.opened_models(editor, self.view_key(), graph)
        self.view = project(graph, self.tree, collapsed, dag, opened)

    def groups_changed(self) -> bool:
        """After an edit: do the groups differ from the ones drawn? (names, wires, calls)"""
        return _signature(find_groups(self.graph)) != self._signature

    # ------------------------------------------------------------------ opening and closing

    def set_collapsed(self, keys: set[str], anchor: str | None = None) -> None:
        """Show the view with `keys` collapsed; `anchor` (a group key) stays put on screen."""
        keys = {key for key in keys if key in self.tree.groups}
        if keys == self.view.collapsed:
            return
        editor = self.controller.document.editor_state
        if not self.layout_is_auto():
            self._place_in_hand(keys)
        state.set_collapsed_groups(editor, self.view_key(), keys)
        self._relayout_view(anchor)

    def _relayout_view(self, anchor: str | None) -> None:
        """Draw the changed view (laid out anew while automatic); `anchor` stays on screen."""
        before = self._anchor_point(anchor)
        self.rebuild(relayout=self.layout_is_auto(), announce=False)
        after = self._anchor_point(anchor)
        self.regrouped.emit(before or QPointF(), after or QPointF())
        self.message.emit(self._view_message())

    def expand_group(self, key: str) -> None:
        """Open a group one level: the groups inside it show as cards (a stage opens to its
        blocks, a block to its layers)."""
        inner = set(self.tree.groups[key].children) if key in self.tree.groups else set()
        self.set_collapsed((self.view.collapsed - {key}) | inner, anchor=key)

    def collapse_group(self, key: str) -> None:
        if key.startswith(MODEL_PREFIX):
            self.close_model(key[len(MODEL_PREFIX) :])
            return
        inside = {k for k in self.view.collapsed if key in self.tree.ancestors(k)}
        self.set_collapsed((self.view.collapsed - inside) | {key}, anchor=key)

    def collapse_to_level(self, level: int) -> None:
        """Collapse everything to `level` (0: expand all)."""
        self.set_collapsed(self.tree.collapsed_at_level(level))

    def default_level(self) -> int:
        return self.tree.default_level()

    def expand_selected(self) -> bool:
        """Open the selected group cards, and show the selected nested models inside ("+");
        False when none is selected."""
        keys = {i.group_key for i in self.selectedItems() if isinstance(i, GroupItem)}
        if keys:
            inner = {c for key in keys for c in self.tree.groups[key].children}
            self.set_collapsed((self.view.collapsed - keys) | inner, anchor=next(iter(keys)))
            return True
        for item in self.selectedItems():
            if isinstance(item, NodeItem) and item.info.is_model and item.node_id in self.nodes:
                return self.open_model(item.node_id)
        return False

    def collapse_selected(self) -> bool:
        """Close the group holding the selected cards ("-"); False when there is none."""
        for item in self.selectedItems():
            if getattr(item, "is_inner", False):
                self.close_model(item.call_id)
                return True
            if isinstance(item, NodeItem):
                parent = self.view.parent.get(item.node_id)
                if parent is not None:
                    self.collapse_group(parent)
                    self.select_units([group_unit(parent)])
                    return True
        return False

    def units_in_frame(self, key: str) -> list[str]:
        """The cards drawn inside the frame `key` (its groups' cards, the layers of its inner
        frames), or inside an opened nested model's frame (`model:<call id>`)."""
        if key.startswith(MODEL_PREFIX):
            call = key[len(MODEL_PREFIX) :]
            return [unit for unit in self.inner if split_inner(unit)[0] == call]
        inside = []
        for unit in self.view.units:
            frame = self.view.parent.get(unit)
            while frame is not None and frame != key:
                frame = self.view.parent.get(frame)
            if frame == key:
                inside.append(unit)
        return inside

    def select_frame(self, key: str, add: bool = False) -> None:
        """Select the cards inside a frame (a click on its title), added to the selection
        when `add` (Ctrl or Shift held)."""
        units = self.units_in_frame(key)
        if add:
            chosen = self.selected_units()
            units = [*chosen, *(unit for unit in units if unit not in chosen)]
        self.select_units(units)

    def expand_to_show(self, node_ids: list[str]) -> bool:
        """Open the groups hiding these nodes; True if the view changed."""
        hiding = set()
        for node_id in node_ids:
            for key in self.tree.chain(node_id):
                if key in self.view.collapsed:
                    hiding.add(key)
        if hiding:
            self.set_collapsed(self.view.collapsed - hiding)
        return bool(hiding)

    def _view_message(self) -> str:
        text = self.tr("{0} cards on the canvas, {1} groups closed (View ▸ Collapse to level).")
        return text.format(len(self.view.units), len(self.view.collapsed))

    def _anchor_point(self, key: str | None) -> QPointF | None:
        if key is None:
            return None
        item = self.groups.get(key) or self.frames.get(key) or self.nodes.get(key)
        if item is None and key in self.view.opened:
            item = self.frames.get(MODEL_PREFIX + key)
        return item.sceneBoundingRect().topLeft() if item is not None else None

    # ------------------------------------------------------------------ items

    def unit_item(self, unit: str) -> NodeItem | None:
        key = group_of_unit(unit)
        if key is not None:
            return self.groups.get(key)
        return self.nodes.get(unit) or self.inner.get(unit)

    def item_for(self, node_id: str) -> NodeItem | None:
        """The card showing `node_id`: its own, or its collapsed group's."""
        unit = self.view.unit_of.get(node_id, node_id)
        return self.unit_item(unit)

    def name_cards_in_frames(self) -> None:
        """Cards in a frame are read from afar without what the frame's name says: `1_conv`
        in conv3_block2, `adjust_bn` in NASNet's cell `normal 5` (names ending in `_5`)."""
        for node_id, item in self.nodes.items():
            frame = self.view.parent.get(node_id)
            group = self.tree.groups.get(frame) if frame else None
            name, short = item.info.name, None
            if group is not None and group.kind == "cell":
                ending = "_" + group.key[len(SUFFIX_MARK) :]
                short = name[: -len(ending)] if name.endswith(ending) else None
            elif group is not None and name.startswith(group.full_label + "_"):
                short = name[len(group.full_label) + 1 :]
            item.short_name = short if short and any(c.isalpha() for c in short) else None

    def _add_group_items(self) -> None:
        graph = self.graph
        for unit in self.view.units:
            key = group_of_unit(unit)
            if key is None:
                continue
            group = self.tree.groups[key]
            item = GroupItem(key, self._group_info(key), group.members)
            self.groups[key] = item
            self.addItem(item)
        for key in self.view.frames:
            if key.startswith(MODEL_PREFIX):
                continue  # a nested model opened here: app.canvas.nested_models
            group = self.tree.groups[key]
            frame = FrameItem(key, group.label, len(group.members), group.depth)
            self.frames[key] = frame
            self.addItem(frame)
        del graph

    def _group_info(self, key: str) -> NodeInfo:
        graph = self.graph
        group = self.tree.groups[key]
        classes = Counter(graph.layer_of(n).class_name for n in group.members)
        family = classes.most_common(1)[0][0]
        merges = [name for name in _MERGES if name in classes]
        inputs, _outputs = group_boundary(graph, group.members)
        words = [QCoreApplication.translate("Canvas", _MERGES[name]) for name in merges]
        if merges == ["Add"] and len(inputs) == 1:  # one tensor in, added back: a skip
            words = [QCoreApplication.translate("Canvas", "residual")]
        count = QCoreApplication.translate("Canvas", "{0} layers").format(len(group.members))
        kind = " · ".join([count, *words[:2]])
        return NodeInfo(
            name=group.label,
            kind_text=kind,
            class_name="",
            accent=theme.accent_for(family, False, False, False),
            inputs=[(("group",), "", True)],
            outputs=1,
        )

    def describe_group(self, key: str) -> str:
        graph = self.graph
        group = self.tree.groups.get(key)
        if group is None:
            return ""
        classes = Counter(graph.layer_of(n).class_name for n in group.members)
        parts = ", ".join(f"{name} ×{count}" if count > 1 else name
                          for name, count in classes.most_common())  # fmt: skip
        card = self.groups.get(key)
        title = self.tr("<b>{0}</b>: {1} layers ({2})")
        lines = [title.format(group.full_label, len(group.members), parts)]
        if card is not None:
            lines += list(card.annotation.shapes)
            if card.annotation.params:
                lines.append(card.annotation.params)
        lines.append(self.tr("Double-click, click the chevron or press + to open it in place."))
        return "<br>".join(lines)

    def _group_menu(self, key: str, event: Any) -> None:
        """Right click on a group's card or frame."""
        menu = QMenu()
        if key.startswith(MODEL_PREFIX):
            call = key[len(MODEL_PREFIX) :]
            menu.addAction(self.tr("Close the model here\t−"), lambda: self.close_model(call))
            menu.exec(event.screenPos())
            return
        label = self.tree.groups[key].full_label
        if key in self.view.collapsed:
            menu.addAction(self.tr("Open {0}\t+").format(label), lambda: self.expand_group(key))
        else:
            text = self.tr("Close {0}\t−").format(label)
            menu.addAction(text, lambda: self.collapse_group(key))
        members = self.tree.groups[key].members
        units = [self.view.unit_of[n] for n in members]
        menu.addAction(self.tr("Select its {0} layers").format(len(members)),
                       lambda: self.select_units(units))  # fmt: skip
        menu.exec(event.screenPos())

    def annotate_groups(self) -> None:
        shapes = self.controller.document.shapes
        results = shapes.infer(self.graph)
        for key, item in self.groups.items():
            members = self.tree.groups[key].members
            item.set_annotation(group_annotation(self.graph, shapes, results, members))


def _signature(tree: GroupTree) -> tuple:
    return tuple((key, tuple(group.members)) for key, group in tree.groups.items())
