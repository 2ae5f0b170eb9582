"""The node editor canvas: a scene mirroring the engine's graph, and the view that shows it."""

from app.canvas.scene import GraphScene
from app.canvas.view import GraphView

__all__ = ["GraphScene", "GraphView"]
