"""A document: one model being edited, with its shape inference kept current.

The document owns the graph and a `ShapeEngine`. Every edit goes through `apply`, which returns
the inverse edit (an undo stack needs nothing more) and invalidates exactly what the edit makes
stale: the changed calls and everything downstream. Views subscribe to `graph` events and read
shapes, parameter counts and problems from here.
"""

from __future__ import annotations

import logging
from typing import Any

from engine.errors import GraphError
from engine.model import edits, placement
from engine.model.edits import Edit
from engine.model.graph import Graph, GraphEvent
from engine.model.problems import Problem, find_problems
from engine.model.shapes import NodeResult, ShapeEngine

logger = logging.getLogger(__name__)


class Document:
    def __init__(self, graph: Graph | None = None) -> None:
        self.graph = graph if graph is not None else Graph()
        self.shapes = ShapeEngine()
        self.graph.subscribe(self._on_graph_event)
        self.editor_state: dict[str, Any] = {}  # positions etc., keyed by node id
        # the project file's training settings and runs, kept as they are
        self.project_extra: dict[str, Any] = {"training": {}, "runs": []}

    # ------------------------------------------------------------------ editing

    def apply(self, edit: Edit) -> Edit:
        """Apply an edit to the top-level graph; returns its inverse."""
        return edits.apply(self.graph, edit)

    def move(self, positions: dict[str, Any]) -> placement.Move:
        """Move cards (editor state, see `engine.model.placement`); returns the inverse move."""
        return placement.move(self.editor_state, positions)

    def graph_at(self, path: list[str]) -> Graph:
        """The graph at `path` (layer ids of nested models, outermost first; [] = the model)."""
        graph = self.graph
        for layer_id in path:
            body = graph.layer(layer_id).body
            if body is None:
                raise GraphError(f"Layer '{graph.layer(layer_id).name}' is not a model.")
            graph = body
        return graph

    def apply_inside(self, path: list[str], edit: Edit) -> Edit:
        """Apply an edit to the nested model at `path`; returns its inverse.

        Every call of the models on the path may change shape: their results are dropped.
        """
        graph = self.graph_at(path)
        inverse = edits.apply(graph, edit)
        outer = self.graph
        for layer_id in path:
            self.shapes.invalidate(outer, layer_ids={layer_id})
            outer = outer.layers[layer_id].body
        if path:
            self.shapes.invalidate(graph)
        return inverse

    def _on_graph_event(self, event: GraphEvent) -> None:
        data = event.data
        graph = event.graph
        if event.kind in ("config_changed",):
            self.shapes.invalidate(graph, layer_ids={data["layer_id"]})
        elif event.kind in ("connection_changed",):
            self.shapes.invalidate(graph, node_ids={data["node_id"]})
            layer_id = graph.nodes[data["node_id"]].layer_id
            if graph.calls[layer_id][:1] == [data["node_id"]]:  # first call: rebuild the layer
                self.shapes.invalidate(graph, layer_ids={layer_id})
        elif event.kind == "renamed":  # messages downstream name the layer: say them again
            calls = set(graph.calls.get(data["layer_id"], []))
            self.shapes.invalidate(graph, node_ids=calls)
        elif event.kind in ("node_added", "node_removed", "layer_removed", "layer_added"):
            if "layer_id" in data and data["layer_id"] in graph.layers:
                self.shapes.invalidate(graph, layer_ids={data["layer_id"]})
            else:
                self.shapes.invalidate(graph, node_ids=set())

    # ------------------------------------------------------------------ reading

    def results(self) -> dict[str, NodeResult]:
        return self.shapes.infer(self.graph)

    def prepare(self) -> None:
        """Compute what every view asks for first: shapes and parameter counts.

        For a large model this is most of the cost of opening it (Keras builds each layer
        once; the export then reuses those builds); the window calls it off the GUI thread,
        before showing the document.
        """
        try:
            self.results()
            self.shapes.model_params(self.graph)
        except Exception:  # only a warm-up: the views that need these report the problem
            logger.debug("Preparing the document stopped early", exc_info=True)

    def problems(self) -> list[Problem]:
        """Everything that stops this graph from being a valid Keras model."""
        return find_problems(self.graph, self.shapes)

    def to_config(self, as_sequential: bool | None = None) -> dict:
        from engine.model.keras_config import graph_to_config

        return graph_to_config(self.graph, self.shapes, as_sequential)
