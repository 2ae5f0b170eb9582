"""Where cards go: stored positions, the automatic layout of the view, frames around groups.

`SceneArrangement` is mixed into `GraphScene`. Positions live in the document's editor state
(`positions` for nodes, keyed by node id and prefixed by the entered models' path;
`engine.diagram.state` for group cards and the layout mode). While the layout is automatic the
scene asks `engine.diagram.layout` for positions, frames and wire routes on each rebuild; once
the user has placed a card, positions are kept and only new cards get a guessed place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF

from app.canvas import theme
from app.canvas.group_items import FrameItem
from app.canvas.node_item import NodeItem
from engine.diagram import state
from engine.diagram.columns import FRAME_PAD, Spacing
from engine.diagram.layout import lay_out
from engine.diagram.view import group_of_unit


class SceneArrangement:
    """Positions and the automatic layout (mixed into GraphScene)."""

    # ------------------------------------------------------------------ positions

    def position_key(self, node_id: str) -> str:
        """Key of a node in `editor_state["positions"]`: nested views prefix their path."""
        return "/".join([*self.controller.view_path, node_id])

    def positions(self) -> dict[str, list[float]]:
        return self.controller.document.editor_state.setdefault("positions", {})

    def store_position(self, node_id: str, pos: QPointF) -> None:
        self.positions()[self.position_key(node_id)] = [round(pos.x(), 1), round(pos.y(), 1)]

    # ------------------------------------------------------------------ moves by the user

    def commit_moves(self, text: str | None = None, burst: bool = False) -> bool:
        """Make the cards moved since the last commit one undoable move of the editor state.

        A group's card moves under the key `group:<key>` (and is mirrored where group cards
        are kept); the layout stops rearranging a view once the user placed a card.

        Returns:
            Whether a card ended somewhere else than its stored position.
        """
        moved, self._moving = self._moving, set()
        stored = self.positions()
        positions = {}
        for unit in moved:
            item = self.unit_item(unit)
            if item is None:
                continue
            key, xy = self.position_key(unit), (round(item.x(), 1), round(item.y(), 1))
            if stored.get(key) != list(xy):
                positions[key] = xy
        if not positions or not self.controller.move(positions, text, burst):
            return False
        editor = self.controller.document.editor_state
        state.set_layout_mode(editor, self.view_key(), state.MANUAL)
        self._mirror_group_spots(list(positions))
        return True

    def move_nodes(self, targets: dict[str, QPointF], text: str | None = None,
                   burst: bool = False) -> bool:  # fmt: skip
        """Move cards to `targets` (node id or unit -> top-left) as one undoable step."""
        for unit, point in targets.items():
            item = self.unit_item(unit)
            if item is not None:
                item.setPos(point)
        return self.commit_moves(text, burst)

    def _on_positions_changed(self, keys: list[str]) -> None:
        """A move (or its undo) changed stored positions: put the shown cards there."""
        prefix = "".join(f"{layer_id}/" for layer_id in self.controller.view_path)
        stored = self.positions()
        self._placing = True
        try:
            for key in keys:
                unit = key[len(prefix) :] if key.startswith(prefix) else ""
                item = self.unit_item(unit) if unit else None
                if item is not None and key in stored:
                    item.setPos(QPointF(*stored[key]))
        finally:
            self._placing = False
        self._mirror_group_spots(keys)

    def _mirror_group_spots(self, keys: list[str]) -> None:
        """Group cards are kept by group key (saved with the project): follow their moves."""
        stored = self.positions()
        editor = self.controller.document.editor_state
        for key in keys:
            group = group_of_unit(key.rsplit("/", 1)[-1])
            if group is not None and key in stored:
                state.group_positions(editor, self.view_key())[group] = list(stored[key])

    def _wants_layout(self, shown: list[str]) -> bool:
        mode = state.layout_mode(self.controller.document.editor_state, self.view_key())
        if mode is not None:
            return mode == state.AUTO
        stored = self.positions()
        return not all(self.position_key(n) in stored for n in shown)  # an old project: kept

    def _place_nodes(self, node_ids: list[str]) -> None:
        """Put nodes at their stored positions (a guessed one for a node without)."""
        stored = self.positions()
        for node_id in node_ids:
            position = stored.get(self.position_key(node_id))
            if position is None:
                self.store_position(node_id, self._guess_position(node_id))
                position = stored[self.position_key(node_id)]
            self.nodes[node_id].setPos(QPointF(*position))

    def auto_layout(self, store_only: bool = False) -> None:
        """Arrange the view automatically (layered rows folded into columns) from now on.

        Args:
            store_only: only store the positions and lanes (the items are not moved).
        """
        if store_only:
            self.lay_out_view()
            return
        state.set_layout_mode(self.controller.document.editor_state, self.view_key(), state.AUTO)
        self.rebuild(relayout=True, announce=False)

    def set_room_beside_cards(self, room: float) -> bool:
        """Keep `room` free right of every card (look-inside thumbnails go there).

        An automatic layout is laid out again around it; cards the user placed stay put.
        Returns whether the cards moved.
        """
        if room == self.beside_room:
            return False
        self.beside_room = room
        if not self._wants_layout(list(self.nodes)):
            return False
        self.rebuild(relayout=True, announce=False)
        return True

    def free_spot(self, where: QPointF) -> QPointF:
        """`where` (a card's top-left), or the first place to its right where no card sits."""
        step = theme.NODE_WIDTH + 40
        spot = QPointF(where)
        for _ in range(200):  # a row of 200 cards is full enough: take the last try
            room = QRectF(spot.x() - 16, spot.y() - 16, theme.NODE_WIDTH + 32, 110)
            if not any(isinstance(item, NodeItem) for item in self.items(room)):
                break
            spot += QPointF(step, 0)
        return spot

    def _guess_position(self, node_id: str) -> QPointF:
        """Where a node without a stored position goes: below the node it reads."""
        refs = self.graph.nodes[node_id].input_refs()
        for ref in refs:
            source = self.nodes.get(ref.node_id)
            if source is not None and ref.node_id != node_id:
                return source.pos() + QPointF(0, source.boundingRect().height() + 50)
        bounds = self.itemsBoundingRect()
        return QPointF(bounds.left(), bounds.bottom() + 60) if self.nodes else QPointF(0, 0)

    def _place_in_hand(self, keys: set[str]) -> None:
        """Hand-placed cards stay put: a closing group's card takes its first card's place,
        an opening group's cards gather around where its card stood."""
        editor = self.controller.document.editor_state
        spots = state.group_positions(editor, self.view_key())
        positions = self.positions()
        for key in keys - self.view.collapsed:  # closing
            members = [self.nodes[n] for n in self.tree.groups[key].members if n in self.nodes]
            if members:
                corner = min((m.pos() for m in members), key=lambda p: (p.y(), p.x()))
                spots[key] = [corner.x(), corner.y()]
        for key in self.view.collapsed - keys:  # opening
            card = self.groups.get(key)
            if card is None:
                continue
            members = self.tree.groups[key].members
            known = [positions[self.position_key(n)] for n in members
                     if self.position_key(n) in positions]  # fmt: skip
            if known:
                left = min(x for x, _ in known)
                top = min(y for _, y in known)
                dx, dy = card.pos().x() - left, card.pos().y() - top
            else:
                dx = dy = 0.0
            for step, node_id in enumerate(members):
                key_n = self.position_key(node_id)
                if key_n in positions:
                    x, y = positions[key_n]
                    positions[key_n] = [x + dx, y + dy]
                else:
                    positions[key_n] = [card.pos().x(), card.pos().y() + step * 130.0]

    # ------------------------------------------------------------------ layout

    def lay_out_view(self) -> None:
        """Lay the view out and store the positions; wires keep the lanes found for them."""
        items = {unit: self.unit_item(unit) for unit in self.view.units}

        def size(unit: str) -> tuple[float, float]:
            rect = items[unit].boundingRect()
            return rect.width(), rect.height()

        spacing = Spacing(beside=self.beside_room)
        layout = lay_out(self.view, size, aspect=self.aspect, spacing=spacing)
        editor = self.controller.document.editor_state
        spots = state.group_positions(editor, self.view_key()) if self.groups else {}
        corners = {}
        for unit, (x, y) in layout.positions.items():
            rect = items[unit].boundingRect()
            corner = (round(x - rect.left(), 1), round(y - rect.top(), 1))
            corners[unit] = corner
            key = group_of_unit(unit)
            if key is None:
                self.positions()[self.position_key(unit)] = list(corner)
            else:
                spots[key] = list(corner)
        self._routes = {
            pair: (points, (corners[pair[0]], corners[pair[1]]))
            for pair, points in layout.routes.items()
        }
        self._layout_frames = {key: QRectF(*rect) for key, rect in layout.frames.items()}
        self._routes_fresh = True
        state.set_layout_mode(editor, self.view_key(), state.AUTO)

    def route_for(self, source_unit: str, target_unit: str) -> list[tuple[float, float]]:
        """The lanes of a wire, while both its ends stand where the layout put them."""
        found = self._routes.get((source_unit, target_unit))
        if found is None:
            return []
        points, (start, end) = found
        if self._routes_fresh:  # the cards were just placed by this layout
            return points
        source, target = self.unit_item(source_unit), self.unit_item(target_unit)
        if source is None or target is None:
            return []
        here = ((source.pos().x(), source.pos().y()), (target.pos().x(), target.pos().y()))
        return points if _near(here, (start, end)) else []

    def place_group_cards(self) -> None:
        """Group cards where they are kept; their spots also stand among the cards' positions
        (`group:<key>`), so that a move of one is undone like any card's."""
        if not self.groups:
            return
        editor = self.controller.document.editor_state
        spots = state.group_positions(editor, self.view_key())
        stored = self.positions()
        for key, item in self.groups.items():
            spot = spots.get(key)
            if spot is None:
                first = self.tree.groups[key].members[0]
                known = stored.get(self.position_key(first))
                spot = spots[key] = list(known) if known else [0.0, 0.0]
            stored[self.position_key(item.node_id)] = list(spot)
            item.setPos(QPointF(*spot))

    def place_frames(self) -> None:
        """Each frame around what it holds (inner frames first), as the layout drew it while
        nothing has moved since."""
        laid = getattr(self, "_layout_frames", {})
        children: dict[str, list[Any]] = {}
        for unit in self.view.units:
            parent = self.view.parent.get(unit)
            if parent is not None:
                children.setdefault(parent, []).append(self.unit_item(unit))
        for key in reversed(self.view.frames):
            parent = self.view.parent.get(key)
            if parent is not None:
                children.setdefault(parent, []).append(self.frames[key])
        for key in reversed(self.view.frames):
            rect = QRectF()
            for item in children.get(key, []):
                if item is not None:
                    rect = rect.united(item.sceneBoundingRect())
            left, top, right, bottom = FRAME_PAD
            around = rect.adjusted(-left, -top, right, bottom)
            exact = laid.get(key)
            if exact is not None and exact.contains(rect):
                around = exact  # the layout's frame (room for its channels)
            self.frames[key].set_rect(around)

    def frames_holding(self, unit: str) -> list[FrameItem]:
        found = []
        frame = self.view.parent.get(unit)
        while frame is not None:
            if frame in self.frames:
                found.append(self.frames[frame])
            frame = self.view.parent.get(frame)
        return found


def _near(a: tuple, b: tuple) -> bool:
    return all(abs(p - q) < 0.6 for u, v in zip(a, b, strict=True)
               for p, q in zip(u, v, strict=True))  # fmt: skip
