"""The project file (`*.kcanvas`): the Keras model plus everything the editor knows about it.

A versioned JSON object::

    {"format": "keras-canvas", "format_version": 1,
     "model": <Keras 3 model config, as model.to_json() writes it>,
     "editor": {"positions": {"<layer name>#<call index>": [x, y]}, ...},
     "training": {...}, "runs": [...]}

Positions are keyed by layer name and call index, which stay stable across save and load (node
ids are per session). Loading goes in stages, each with its own error: parse, records (format and
version, with migrations from older versions), model (the Keras config), editor state.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.errors import FormatError
from engine.io.text import check_readable, parse_json, read_text, write_text_atomic
from engine.model.document import Document
from engine.model.graph import Graph
from engine.model.keras_config import graph_from_config, graph_to_config

FORMAT_NAME = "keras-canvas"
FORMAT_VERSION = 1

# version n -> function turning a version-n project dict into a version n+1 one
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def read_project(path: str | os.PathLike) -> dict[str, Any]:
    """Stages 1 and 2: parse the file and check its records (migrated to the current version)."""
    path = Path(path)
    check_readable(path)
    data = parse_json(read_text(path), path.name)
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        received = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise FormatError(
            f"'{path.name}' is not a Keras Canvas project. Expected "
            f'"format": "{FORMAT_NAME}". Received: {received!r}.'
        )
    version = data.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise FormatError(f"'{path.name}' has no valid format_version. Received: {version!r}.")
    if version > FORMAT_VERSION:
        raise FormatError(
            f"'{path.name}' was written by a newer Keras Canvas (project format {version}; this "
            f"version reads up to {FORMAT_VERSION}). Update Keras Canvas to open it."
        )
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    if not isinstance(data.get("model"), dict):
        raise FormatError(f"'{path.name}' has no model. Received keys: {sorted(data)}.")
    for key in ("editor", "training"):
        if not isinstance(data.setdefault(key, {}), dict):
            raise FormatError(f"'{path.name}': '{key}' must be an object.")
    if not isinstance(data.setdefault("runs", []), list):
        raise FormatError(f"'{path.name}': 'runs' must be a list.")
    return data


def load_project(path: str | os.PathLike, allow_unsafe: bool = False) -> Document:
    """Stages 3 and 4: build the model and restore the editor state."""
    data = read_project(path)
    try:
        graph = graph_from_config(data["model"], allow_unsafe=allow_unsafe)
    except FormatError as exc:
        raise FormatError(f"'{Path(path).name}': the model cannot be read: {exc}") from None
    document = Document(graph)
    editor = dict(data["editor"])
    editor["positions"] = _positions_by_node(graph, editor.get("positions", {}))
    document.editor_state = editor
    document.project_extra = {"training": data["training"], "runs": data["runs"]}
    return document


def project_dict(document: Document) -> dict[str, Any]:
    editor = dict(document.editor_state)
    editor["positions"] = _positions_by_key(document.graph, editor.get("positions", {}))
    extra = getattr(document, "project_extra", {})
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        # lenient: a work in progress (a layer not yet connected, a shape error) is saved whole
        "model": graph_to_config(document.graph, document.shapes, lenient=True),
        "editor": editor,
        "training": extra.get("training", {}),
        "runs": extra.get("runs", []),
    }


def save_project(document: Document, path: str | os.PathLike) -> None:
    text = json.dumps(project_dict(document), indent=1) + "\n"
    write_text_atomic(Path(path), text)


def node_key(graph: Graph, node_id: str) -> str:
    return f"{graph.layer_of(node_id).name}#{graph.call_index(node_id)}"


def _positions_by_key(graph: Graph, positions: dict[str, Any]) -> dict[str, list[float]]:
    return {
        node_key(graph, node_id): [float(x), float(y)]
        for node_id, (x, y) in positions.items()
        if node_id in graph.nodes
    }


def _positions_by_node(graph: Graph, positions: Any) -> dict[str, list[float]]:
    if not isinstance(positions, dict):
        return {}
    by_key = {node_key(graph, node_id): node_id for node_id in graph.nodes}
    result = {}
    for key, value in positions.items():
        valid = isinstance(value, list) and len(value) == 2
        if key in by_key and valid and all(isinstance(v, (int, float)) for v in value):
            result[by_key[key]] = [float(value[0]), float(value[1])]
    return result
