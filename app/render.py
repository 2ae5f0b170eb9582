"""Export the diagram of a document to PNG or SVG, without showing a window.

The picture is the canvas itself (the same `GraphScene` and items, with Keras's shapes), so an
exported diagram looks like the editor, less the editing aids: the same groups collapsed into
cards and the same frames, at the level the window shows (or a level asked for). Cards are
drawn as vectors (no view ever caches them as pixmaps here), so an SVG gets real text and a PNG
its own resolution.
Used by File → Export and by the command line (`python main.py export IN -o OUT.png|.svg`).
Works headless: without a display, Qt's offscreen platform is used.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from engine.errors import FormatError
from engine.model.document import Document

FORMATS = (".png", ".svg")
MARGIN = 30.0
MAX_PNG_SIDE = 32_767


def render_document(
    document: Document, path: str | Path, scale: float = 2.0, collapse: int | None = None
) -> Path:
    """Draw `document`'s model to `path` (.png or .svg).

    Args:
        document: the model; its stored positions and collapsed groups are used, else it is
            laid out automatically at its default level (the document itself is left
            unchanged).
        path: the output file; the format follows the extension.
        scale: pixels per scene unit of a PNG (2 gives crisp text on high-density screens).
        collapse: draw the groups collapsed to this level (0: every layer its own card),
            laid out anew; None: as the window shows the model.

    Returns:
        The path written.

    Raises:
        FormatError: for an extension other than .png or .svg.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise FormatError(
            f"A diagram is exported as PNG or SVG. Received: a file named '{path.name}'."
        )
    _ensure_application()
    from app.canvas.scene import GraphScene
    from app.controller import DocumentController

    saved_state = copy.deepcopy(document.editor_state)
    if collapse is not None:
        _collapse_to(document, collapse)
    controller = DocumentController(document)
    try:
        scene = GraphScene(controller)
        scene.editing = False  # a picture of the model: no "+" slots for adding inputs
        scene.annotate()
        scene.clearSelection()
        source = scene.nodes_rect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        if suffix == ".png":
            _write_png(scene, source, path, scale)
        else:
            _write_svg(scene, source, path, document.graph.name)
    finally:
        controller.set_document(Document())  # detach from the document's graph
        document.editor_state.clear()
        document.editor_state.update(saved_state)
    return path


def _collapse_to(document: Document, level: int) -> None:
    """The editor state of the top-level view at `level`, to be laid out anew."""
    from engine.diagram import state
    from engine.diagram.groups import find_groups

    tree = find_groups(document.graph)
    state.set_collapsed_groups(document.editor_state, "", tree.collapsed_at_level(level))
    state.set_layout_mode(document.editor_state, "", state.AUTO)


def _ensure_application() -> None:
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _ensure_application.app = QApplication([])  # kept alive for the process


def _write_png(scene, source, path: Path, scale: float) -> None:
    from PySide6.QtCore import QCoreApplication, QRectF
    from PySide6.QtGui import QImage, QPainter

    from app.canvas import theme

    # browsers and image viewers refuse a side over 32,767 px (a 400-layer column at 2x is
    # 110,000): scale down to fit; the SVG keeps every detail at any size
    scale = min(scale, MAX_PNG_SIDE / max(source.width(), source.height(), 1.0))
    width = max(1, round(source.width() * scale))
    height = max(1, round(source.height() * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(theme.BACKGROUND)
    painter = QPainter(image)
    try:
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        scene.render(painter, QRectF(0, 0, width, height), source)
    finally:
        painter.end()
    if not image.save(str(path)):
        message = QCoreApplication.translate(
            "Render", "Could not write the PNG file. Received: '{0}'."
        )
        raise FormatError(message.format(path))


def _write_svg(scene, source, path: Path, title: str) -> None:
    from PySide6.QtCore import QCoreApplication, QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    from app.canvas import theme

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title)
    generator.setDescription("Keras model diagram exported by Keras Canvas")
    painter = QPainter(generator)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, source.width(), source.height()), theme.BACKGROUND)
        scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()
    if not path.exists():
        message = QCoreApplication.translate(
            "Render", "Could not write the SVG file. Received: '{0}'."
        )
        raise FormatError(message.format(path))
