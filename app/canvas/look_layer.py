"""The look-inside items of one scene: which card shows which node's thumbnail and health.

Results arrive keyed the way the worker names nodes: `layer:call` from the outer model down
(`vision:0/conv2d:0`, see engine.training.look.keys). The scene shows one graph at a time (the
model, or a nested model's body); inside a nested model the cards show its first call's values.
The layer keeps the latest thumbnails and health by key, so that a rebuilt scene (another file,
entering a nested model) gets them back, and attaches items to the cards that have a key.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal

from app.canvas.look_items import DANGER, WARNING, HaloItem, Health, Thumbnail, ThumbnailItem
from engine.training.look.keys import NodePath, node_key

NESTED_CALL = 0  # which call of an entered nested model its cards show


def _alive(item: object) -> bool:
    """Whether the item still exists in a scene (a rebuilt scene deletes the old cards and
    their children; the Python wrappers we hold outlive them)."""
    return shiboken6.isValid(item) and item.scene() is not None  # type: ignore[attr-defined]


class LookLayer(QObject):
    """Thumbnails, health and halos on the cards of a `GraphScene`.

    Signals:
        clicked(str): a thumbnail was clicked; its node key.
    """

    clicked = Signal(str)

    def __init__(self, scene: object) -> None:
        super().__init__(scene)  # type: ignore[arg-type]
        self.scene = scene
        self.thumbnails: dict[str, Thumbnail] = {}
        self.health: dict[str, Health] = {}
        self.items: dict[str, ThumbnailItem] = {}
        self.halos: dict[str, HaloItem] = {}
        self.stale = False
        scene.rebuilt.connect(self.attach)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ keys

    def view_prefix(self) -> NodePath:
        """The path of the nested model shown (empty at the top level)."""
        controller = self.scene.controller  # type: ignore[attr-defined]
        graph = controller.document.graph
        prefix = []
        for layer_id in controller.view_path:
            layer = graph.layers.get(layer_id)
            if layer is None or layer.body is None:
                break
            prefix.append((layer.name, NESTED_CALL))
            graph = layer.body
        return tuple(prefix)

    def keys(self) -> dict[str, str]:
        """Node key -> node id, for the cards of the graph shown."""
        graph = self.scene.graph  # type: ignore[attr-defined]
        prefix = self.view_prefix()
        keys = {}
        for node_id, node in graph.nodes.items():
            layer = graph.layers[node.layer_id]
            keys[node_key((*prefix, (layer.name, graph.call_index(node_id))))] = node_id
        return keys

    def layer_keys(self) -> dict[str, list[str]]:
        """Layer path (`vision/conv2d`) -> the node keys of its calls shown."""
        prefix = "/".join(name for name, _ in self.view_prefix())
        layers: dict[str, list[str]] = {}
        graph = self.scene.graph  # type: ignore[attr-defined]
        for key, node_id in self.keys().items():
            name = graph.layer_of(node_id).name
            path = f"{prefix}/{name}" if prefix else name
            layers.setdefault(path, []).append(key)
        return layers

    # ------------------------------------------------------------------ content

    def set_thumbnails(self, thumbnails: dict[str, Thumbnail]) -> None:
        """New pictures (the keys not given keep theirs); the model is as they show it."""
        self.thumbnails.update(thumbnails)
        self.stale = False
        for key, thumbnail in thumbnails.items():
            item = self.items.get(key)
            if item is not None and _alive(item):
                item.set_thumbnail(thumbnail)
        self.attach()

    def set_health(self, health: dict[str, Health]) -> None:
        self.health.update(health)
        for key, value in health.items():
            item = self.items.get(key)
            if item is not None and _alive(item):
                item.set_health(value)
        self.attach()

    def set_stale(self) -> None:
        """The model was edited: the pictures describe the model as it was."""
        self.stale = True
        for item in self.items.values():
            if _alive(item):
                item.set_stale(True)

    def clear(self) -> None:
        """Remove every look-inside item and forget the results."""
        self.thumbnails.clear()
        self.health.clear()
        self._drop_items()

    def clear_health(self) -> None:
        self.health.clear()
        self.attach()

    # ------------------------------------------------------------------ items

    def _drop_items(self) -> None:
        for item in [*self.items.values(), *self.halos.values()]:
            if _alive(item):
                item.scene().removeItem(item)
        self.items.clear()
        self.halos.clear()

    def attach(self) -> None:
        """Give every card with a result its items; remove the items of cards gone."""
        cards = self.scene.nodes  # type: ignore[attr-defined]
        keys = self.keys()
        for key in list(self.items):
            item = self.items[key]
            if key not in keys or not _alive(item) or item.parentItem() is not cards.get(keys[key]):
                self._remove(key)
        for key, node_id in keys.items():
            card = cards.get(node_id)
            thumbnail, health = self.thumbnails.get(key), self.health.get(key)
            if card is None or (thumbnail is None and health is None):
                continue
            item = self.items.get(key)
            if item is None:
                item = ThumbnailItem(key, card)
                item.clicked.connect(self.clicked)
                self.items[key] = item
                if thumbnail is not None:
                    item.set_thumbnail(thumbnail)
                if health is not None:
                    item.set_health(health)
                item.set_stale(self.stale)
            self._halo(key, card, health)

    def _remove(self, key: str) -> None:
        for store in (self.items, self.halos):
            item = store.pop(key, None)
            if item is not None and _alive(item):
                item.scene().removeItem(item)

    def _halo(self, key: str, card: object, health: Health | None) -> None:
        halo = self.halos.get(key)
        if health is None or not health.problem:
            if halo is not None:
                self.halos.pop(key)
                if _alive(halo):
                    halo.scene().removeItem(halo)
            return
        if halo is None or not _alive(halo):
            halo = HaloItem(card)  # type: ignore[arg-type]
            self.halos[key] = halo
        halo.set_colour(DANGER if health.severe else WARNING)
