"""Generate the gallery: every model of `engine.gallery` as a `.kcanvas` project.

Each template is built in plain Keras (`engine.gallery.model_config`), read into the editor's
graph, laid out by the canvas's own layered layout (`engine.diagram.layout`, with the canvas's
real node sizes) and saved with `engine.io.files.save_document`, together with the seed's notes
(`editor["notes"]`) and training settings (`training`). `tests/app/test_templates.py` checks
that every file exports exactly the JSON of its plain-Keras model.

Usage: `python resources/templates/make_templates.py` (from the repository root).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine.gallery import TEMPLATES, model_config  # noqa: E402 - after the path set-up above
from engine.gallery.notes import notes_for  # noqa: E402

DEFAULT_SIZE = (200.0, 96.0)


def _node_sizes(document) -> Callable[[str], tuple[float, float]]:
    """The canvas's node sizes when the canvas can be built here, else the layout's default."""
    try:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from app.canvas.scene import GraphScene
        from app.controller import DocumentController
    except ImportError:
        return lambda _node_id: DEFAULT_SIZE
    _app = QApplication.instance() or QApplication([])
    try:
        scene = GraphScene(DocumentController(document))
    except Exception:  # a canvas under construction: fall back to the default size
        return lambda _node_id: DEFAULT_SIZE
    sizes = {}
    for node_id, item in scene.nodes.items():
        rect = item.boundingRect()
        sizes[node_id] = (rect.width(), rect.height() + 8)
    return lambda node_id: sizes.get(node_id, DEFAULT_SIZE)


def make_document(name: str):
    """The template as a Document: layout, notes and training settings in its project state."""
    from engine.diagram.layout import layered_layout
    from engine.model.document import Document
    from engine.model.keras_config import graph_from_config

    document = Document(graph_from_config(model_config(name)))
    document.shapes.infer(document.graph)
    layout = layered_layout(document.graph, _node_sizes(document))
    document.editor_state["positions"] = {
        node_id: [round(x, 1), round(y, 1)] for node_id, (x, y) in layout.positions.items()
    }
    # the canvas lays a template out again for its window (the wires get their lanes back)
    document.editor_state["layout"] = {"": "auto"}
    notes = notes_for(name)
    if notes is not None:
        document.editor_state["notes"] = notes
    document.project_extra["training"] = dict(TEMPLATES[name].training)
    return document


def main() -> int:
    from engine.io.files import save_document

    for stale in HERE.glob("*.kcanvas"):
        if stale.stem not in TEMPLATES:
            stale.unlink()
    for name in TEMPLATES:
        path = HERE / f"{name}.kcanvas"
        save_document(make_document(name), path)
        print(f"wrote {path.relative_to(ROOT)}")  # noqa: T201 - a command-line script
    return 0


if __name__ == "__main__":
    sys.exit(main())
