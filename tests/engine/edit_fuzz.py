"""A hypothesis state machine that edits a model as a user could, and checks the promise.

Each rule is one user intent built by the engine's operations (add, connect, disconnect, apply
again, set parameters, rename, remove, mark outputs, group, ungroup, copy and paste, append and
pop, inside nested models too) or a burst of undos and redos. After every step:

- a refused edit (the engine's typed error) left the project unchanged;
- names are unique, the graph is acyclic and every reference resolves (nested bodies too);
- the document's incremental shapes and problems equal those of the same project read afresh;
- when Problems is empty, Keras loads the export and agrees on count_params and output shapes.

At the end, undoing everything gives back the starting project, and redoing it the last one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from engine.errors import KerasCanvasError
from engine.io import clipboard
from engine.io.project import load_project
from engine.model import grouping
from engine.model import operations as ops
from engine.model.document import Document
from engine.model.edits import Edit
from engine.model.graph import Graph, TensorRef
from engine.model.keras_config import graph_from_config
from tests.engine.invariants import check_structure, keras_agrees, snapshot

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"
STARTS = ["empty", *sorted(p.stem for p in TEMPLATES.glob("*.kcanvas"))]

SHAPES = [(8,), (4,), (10, 8), (6, 6, 3), (8, 8, 1), (None, 8)]
# a small palette with settings that are valid, and some Keras refuses on some inputs
LAYERS: dict[str, dict[str, list[Any]]] = {
    "Dense": {"units": [1, 4, 16, -3], "activation": ["relu", "softmax", None]},
    "ReLU": {},
    "Dropout": {"rate": [0.1, 0.5]},
    "Flatten": {},
    "Conv2D": {"filters": [2, 4], "kernel_size": [[1, 1], [3, 3]], "padding": ["same", "valid"]},
    "MaxPooling2D": {"pool_size": [[2, 2]]},
    "GlobalAveragePooling2D": {},
    "GlobalAveragePooling1D": {},
    "LSTM": {"units": [2, 4], "return_sequences": [True, False], "return_state": [True, False]},
    "Concatenate": {"axis": [-1, 1]},
    "Add": {},
    "BatchNormalization": {"momentum": [0.9, 0.5]},
    "LayerNormalization": {},
    "Activation": {"activation": ["relu", "tanh"]},
    "Reshape": {"target_shape": [[-1], [2, -1]]},
}
NAMES = ["block", "dense", "x", "a/b", "", "input_layer", "model", "vision", "re_lu_1", "h"]


#: figures of the sequences run in this process (printed by the fuzz run)
STATS = {"sequences": 0, "steps": 0, "refused": 0, "undone": 0, "keras_checks": 0,
         "too_big_for_keras": 0}  # fmt: skip
# Keras loads the export with real weights: above this many, the check is left to the
# template tests (the vqa template has 377 M parameters)
KERAS_CHECK_LIMIT = 20_000_000


@dataclass
class Step:
    """One applied edit: where, its inverse, and the project before and after."""

    path: list[str]
    edit: Edit
    inverse: Edit
    before: str
    after: str


def load_start(name: str) -> Document:
    if name == "empty":
        return Document()
    return load_project(TEMPLATES / f"{name}.kcanvas")


class EditSequences(RuleBasedStateMachine):
    start = "empty"
    keras_checked: set[int] = set()  # states Keras agreed with, in this process

    def __init__(self) -> None:
        super().__init__()
        self.doc = load_start(self.start)
        self.path: list[str] = []
        self.undo: list[Step] = []
        self.redo: list[Step] = []
        self.initial = self.current = snapshot(self.doc)
        STATS["sequences"] += 1

    # ------------------------------------------------------------------ helpers

    @property
    def graph(self) -> Graph:
        return self.doc.graph_at(self.path)

    def _do(self, build) -> None:
        """Build an edit from the view graph and apply it, or check it changed nothing."""
        before = self.current
        STATS["steps"] += 1
        try:
            built = build()
            edit = built[0] if isinstance(built, tuple) else built
            inverse = self.doc.apply_inside(self.path, edit)
        except KerasCanvasError:
            STATS["refused"] += 1
            assert snapshot(self.doc) == before, "a refused edit changed the project"
            return
        self.current = snapshot(self.doc)
        self.undo.append(Step(list(self.path), edit, inverse, before, self.current))
        self.redo.clear()

    def _nodes(self, data, at_least: int = 1, at_most: int = 4) -> list[str]:
        ids = sorted(self.graph.nodes)
        return data.draw(st.lists(st.sampled_from(ids), min_size=at_least, max_size=at_most,
                                  unique=True))  # fmt: skip

    def _tensor(self, data) -> TensorRef:
        node = data.draw(st.sampled_from(sorted(self.graph.nodes)))
        return TensorRef(node, data.draw(st.sampled_from([0, 0, 0, 1, 2])))

    def _has_nodes(self) -> bool:
        return bool(self.graph.nodes)

    # ------------------------------------------------------------------ adding

    @rule(shape=st.sampled_from(SHAPES))
    def add_input(self, shape) -> None:
        self._do(lambda: ops.add_input(self.graph, shape))

    @rule(data=st.data(), class_name=st.sampled_from(sorted(LAYERS)))
    def add_layer(self, data, class_name: str) -> None:
        params = {k: data.draw(st.sampled_from(v)) for k, v in LAYERS[class_name].items()
                  if data.draw(st.booleans())}  # fmt: skip
        inputs = [self._tensor(data)] if self._has_nodes() and data.draw(st.booleans()) else None
        self._do(lambda: ops.add_layer(self.graph, class_name, inputs, **params))

    @precondition(_has_nodes)
    @rule(data=st.data())
    def apply_again(self, data) -> None:
        layer_id = data.draw(st.sampled_from(sorted(self.graph.layers)))
        inputs = [self._tensor(data)] if data.draw(st.booleans()) else None
        self._do(lambda: ops.apply_again(self.graph, layer_id, inputs))

    @precondition(_has_nodes)
    @rule(data=st.data(), class_name=st.sampled_from(["Dense", "ReLU", "Dropout"]))
    def append(self, data, class_name: str) -> None:
        self._do(lambda: ops.append(self.graph, class_name, units=2)
                 if class_name == "Dense" else ops.append(self.graph, class_name))  # fmt: skip

    @precondition(_has_nodes)
    @rule()
    def pop(self) -> None:
        self._do(lambda: ops.pop(self.graph))

    @precondition(_has_nodes)
    @rule(data=st.data())
    def duplicate(self, data) -> None:
        node = data.draw(st.sampled_from(sorted(self.graph.nodes)))
        self._do(lambda: ops.duplicate_layer(self.graph, node))

    # ------------------------------------------------------------------ wiring

    @precondition(_has_nodes)
    @rule(data=st.data())
    def connect(self, data) -> None:
        source = self._tensor(data)
        target = data.draw(st.sampled_from(sorted(self.graph.nodes)))
        ports = [p for p, _, _ in ops.input_ports(self.graph, target)]
        path = data.draw(st.sampled_from([None, *ports]))
        self._do(lambda: ops.connect(self.graph, source, target, path))

    @precondition(_has_nodes)
    @rule(data=st.data())
    def disconnect(self, data) -> None:
        node = data.draw(st.sampled_from(sorted(self.graph.nodes)))
        ports = [p for p, _, ref in ops.input_ports(self.graph, node) if ref is not None]
        if ports:
            path = data.draw(st.sampled_from(ports))
            self._do(lambda: ops.disconnect(self.graph, node, path))

    @precondition(_has_nodes)
    @rule(data=st.data())
    def mark_output(self, data) -> None:
        ref = self._tensor(data)
        if ref in self.graph.outputs and data.draw(st.booleans()):
            self._do(lambda: ops.unmark_output(self.graph, ref))
        else:
            self._do(lambda: ops.mark_output(self.graph, ref))

    # ------------------------------------------------------------------ settings and names

    @precondition(_has_nodes)
    @rule(data=st.data())
    def set_params(self, data) -> None:
        layer = self.graph.layers[data.draw(st.sampled_from(sorted(self.graph.layers)))]
        if layer.is_input:
            changes = {"batch_shape": [None, *data.draw(st.sampled_from(SHAPES))]}
        else:
            table = LAYERS.get(layer.class_name, {})
            if layer.body is not None or not table:
                return
            key = data.draw(st.sampled_from(sorted(table)))
            changes = {key: data.draw(st.sampled_from(table[key]))}
        self._do(lambda: ops.set_params(self.graph, layer.id, **changes))

    @precondition(_has_nodes)
    @rule(data=st.data())
    def rename(self, data) -> None:
        layer_id = data.draw(st.sampled_from(sorted(self.graph.layers)))
        existing = sorted(layer.name for layer in self.graph.layers.values())
        name = data.draw(st.sampled_from(NAMES + existing))
        self._do(lambda: ops.rename(self.graph, layer_id, name))

    @rule(name=st.sampled_from(NAMES))
    def set_model_name(self, name: str) -> None:
        self._do(lambda: Edit("set_model_name", {"name": name}))

    # ------------------------------------------------------------------ removing, grouping

    @precondition(_has_nodes)
    @rule(data=st.data())
    def remove(self, data) -> None:
        nodes = self._nodes(data)
        self._do(lambda: ops.remove_nodes(self.graph, nodes))

    @precondition(_has_nodes)
    @rule(data=st.data(), name=st.sampled_from(NAMES), complete=st.booleans())
    def group(self, data, name: str, complete: bool) -> None:
        nodes = self._nodes(data, at_most=5)
        shapes = self.doc.shapes
        self._do(lambda: grouping.group(self.graph, nodes, name, shapes, complete=complete))

    @precondition(_has_nodes)
    @rule(data=st.data())
    def ungroup(self, data) -> None:
        nested = [n for n in sorted(self.graph.nodes) if self.graph.layer_of(n).is_model]
        if nested:
            node = data.draw(st.sampled_from(nested))
            self._do(lambda: grouping.ungroup(self.graph, node))

    @precondition(_has_nodes)
    @rule(data=st.data())
    def copy_paste(self, data) -> None:
        nodes = self._nodes(data)
        copied = json.loads(json.dumps(clipboard.copy_selection(self.graph, nodes, {})))
        self._do(lambda: clipboard.paste(self.graph, copied))

    # ------------------------------------------------------------------ views, undo, redo

    @rule(data=st.data())
    def enter_or_leave(self, data) -> None:
        nested = sorted(lid for lid, layer in self.graph.layers.items() if layer.is_model)
        if nested and data.draw(st.booleans()):
            self.path.append(data.draw(st.sampled_from(nested)))
        elif self.path:
            self.path.pop()

    @rule(count=st.integers(1, 4))
    def undo_burst(self, count: int) -> None:
        for _ in range(min(count, len(self.undo))):
            step = self.undo.pop()
            STATS["undone"] += 1
            redo = self.doc.apply_inside(step.path, step.inverse)
            self.current = snapshot(self.doc)
            assert self.current == step.before, "undo did not restore the project"
            self.redo.append(Step(step.path, step.inverse, redo, step.after, step.before))
        self._keep_path_valid()

    @rule(count=st.integers(1, 4))
    def redo_burst(self, count: int) -> None:
        for _ in range(min(count, len(self.redo))):
            step = self.redo.pop()
            undo = self.doc.apply_inside(step.path, step.inverse)
            self.current = snapshot(self.doc)
            assert self.current == step.before, "redo did not give back the edited project"
            self.undo.append(Step(step.path, step.inverse, undo, step.after, step.before))
        self._keep_path_valid()

    def _keep_path_valid(self) -> None:
        graph = self.doc.graph
        for depth, layer_id in enumerate(self.path):
            layer = graph.layers.get(layer_id)
            if layer is None or layer.body is None:
                del self.path[depth:]
                return
            graph = layer.body

    # ------------------------------------------------------------------ the promise

    @invariant()
    def structure_holds(self) -> None:
        check_structure(self.doc.graph)
        assert snapshot(self.doc) == self.current

    @invariant()
    def shapes_are_current_and_keras_agrees(self) -> None:
        problems = sorted(map(str, self.doc.problems()))
        fresh_problems, fresh_shapes = _fresh_read(self.current)
        assert problems == fresh_problems, "stale problems"
        assert _shapes(self.doc) == fresh_shapes, "stale shapes"
        key = hash(self.current)
        if sum(self.doc.shapes.model_params(self.doc.graph)) > KERAS_CHECK_LIMIT:
            STATS["too_big_for_keras"] += 1  # vqa: Keras would allocate 1.5 GB of weights
        elif not problems and key not in EditSequences.keras_checked:
            keras_agrees(self.doc)
            EditSequences.keras_checked.add(key)
            STATS["keras_checks"] += 1

    def teardown(self) -> None:
        final, done = self.current, len(self.undo)
        while self.undo:
            self.undo_burst(len(self.undo))
        assert snapshot(self.doc) == self.initial, "undoing everything did not restore the start"
        for _ in range(done):
            self.redo_burst(1)
        assert snapshot(self.doc) == final, "redoing everything did not give back the end"


# what a fresh read of a project gives, by its snapshot: sequences revisit states (refused
# edits, undo and redo, every example of a start begins with the same one), and a fresh read
# builds every layer with Keras. The document's own (incremental) answer is still computed at
# every step: only the reference it is compared with is remembered.
_FRESH: dict[str, tuple[list[str], dict[str, Any]]] = {}


def _fresh_read(project: str) -> tuple[list[str], dict[str, Any]]:
    if project not in _FRESH:
        if len(_FRESH) > 500:
            _FRESH.clear()
        fresh = Document(graph_from_config(json.loads(project)["model"]))
        _FRESH[project] = (sorted(map(str, fresh.problems())), _shapes(fresh))
    return _FRESH[project]


def _shapes(doc: Document) -> dict[str, Any]:
    """Each call's output shapes (or that it fails), keyed as the project keys them."""
    graph = doc.graph
    found: dict[str, Any] = {}
    for node_id, result in doc.results().items():
        key = f"{graph.layer_of(node_id).name}#{graph.call_index(node_id)}"
        found[key] = "error" if result.error else [tuple(s.shape) for s in result.outputs]
    counts = doc.shapes.model_params(graph)
    found["params"] = counts
    return found
