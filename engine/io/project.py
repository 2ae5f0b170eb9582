"""The project file (`*.kcanvas`): the Keras model plus everything the editor knows about it.

A versioned JSON object::

    {"format": "keras-canvas", "format_version": 1,
     "model": <Keras 3 model config, as model.to_json() writes it>,
     "editor": {"positions": {"<layer name>#<call index>": [x, y],
                              "<nested model name>/<layer name>#<call index>": [x, y]}, ...},
     "training": {...}, "runs": [...]}

Positions are keyed by layer name and call index, which stay stable across save and load (node
ids are per session); cards inside nested models by the path of nested model names too.
Loading goes in stages, each with its own error: parse, records (format and version, with
migrations from older versions), model (the Keras config), editor state.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.errors import FormatError, StructureError
from engine.io.text import check_readable, in_file, parse_json, read_text, write_text_atomic
from engine.model.config_checks import check_model_config
from engine.model.document import Document
from engine.model.graph import Graph
from engine.model.keras_config import graph_from_config, graph_to_config

FORMAT_NAME = "keras-canvas"
FORMAT_VERSION = 1

# version n -> function turning a version-n project dict into a version n+1 one
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def read_project(path: str | os.PathLike, check_model: bool = False) -> dict[str, Any]:
    """Stages 1 and 2: parse the file and check its records (migrated to the current version).

    Args:
        path: the `.kcanvas` file.
        check_model: also check the structure of the model config (`load_project` does).

    Raises:
        FormatError (or a subclass): the message opens with the file's name and says where.
    """
    path = Path(path)
    check_readable(path)
    data = parse_json(read_text(path), path.name)
    try:
        data = _records(data, path.name)
        if check_model:
            check_model_config(data["model"], ("model",))
    except FormatError as error:
        raise in_file(error, path.name) from None
    return data


def _records(data: Any, name: str) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        received = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise FormatError(
            f"'{name}' is not a Keras Canvas project. Expected "
            f'"format": "{FORMAT_NAME}". Received: {received!r}.'
        )
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FormatError(f"'{name}' has no valid format_version. Received: {version!r}.")
    if version > FORMAT_VERSION:
        raise FormatError(
            f"'{name}' was written by a newer Keras Canvas (project format {version}; this "
            f"version reads up to {FORMAT_VERSION}). Update Keras Canvas to open it."
        )
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    if "model" not in data:
        raise FormatError(f"'{name}' has no model. Received keys: {sorted(data)}.")
    _expect(data["model"], dict, ("model",), "a Keras model config")
    for key in ("editor", "training"):
        _expect(data.setdefault(key, {}), dict, (key,), "an object")
    runs = _expect(data.setdefault("runs", []), list, ("runs",), "a list of runs")
    for index, run in enumerate(runs):
        _check_run(run, ("runs", index))
    return data


# what the training panel reads of a stored run, and the JSON type it expects
_RUN_FIELDS: dict[str, tuple[tuple[type, ...], str]] = {
    "id": ((str,), "text"),
    "name": ((str,), "text"),
    "status": ((str,), "text"),
    "created": ((str,), "text"),
    "settings": ((dict,), "an object"),
    "model": ((dict,), "a Keras model config"),
    "outputs": ((list,), "a list of output names"),
    "history": ((dict,), "an object of metric name: values per epoch"),
    "initial_epoch": ((int,), "a whole number"),
    "weights": ((str,), "a file path"),
    "files": ((dict,), "an object of kind: file path"),
    "output_dir": ((str,), "a folder path"),
    "elapsed": ((int, float), "a number of seconds"),
}


def _check_run(run: Any, path: tuple) -> None:
    _expect(run, dict, path, "a run: an object")
    name = run.get("name")
    here = (*path[:-1], (path[-1], name)) if isinstance(name, str) else path
    for key, (kinds, what) in _RUN_FIELDS.items():
        if run.get(key) is not None:
            _expect(run[key], kinds, (*here, key), what)
    for metric, values in (run.get("history") or {}).items():
        where = (*here, "history", metric)
        _expect(values, list, where, "a list of values per epoch")
        for epoch, value in enumerate(values):
            if value is not None:
                _expect(value, (int, float), (*where, epoch), "a number or null")
    for i, output in enumerate(run.get("outputs") or []):
        _expect(output, str, (*here, "outputs", i), "an output name")
    if run.get("model") is not None:
        check_model_config(run["model"], (*here, "model"))


def _expect(value: Any, kinds: type | tuple[type, ...], path: tuple, what: str) -> Any:
    if not isinstance(value, kinds) or isinstance(value, bool):
        raise StructureError.at(path, what, value)
    return value


def load_project(path: str | os.PathLike, allow_unsafe: bool = False) -> Document:
    """Stages 3 and 4: build the model and restore the editor state.

    Raises:
        FormatError (or a subclass): the message opens with the file's name and says where.
    """
    data = read_project(path, check_model=True)
    try:
        graph = graph_from_config(data["model"], allow_unsafe=allow_unsafe, checked=True)
    except FormatError as exc:
        raise in_file(exc, Path(path).name) from None
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


def save_project(
    document: Document, path: str | os.PathLike, recovery: dict[str, Any] | None = None
) -> None:
    """Write the project atomically (the old file or the new one, whenever the writer dies).

    Args:
        document: what to save.
        path: the `.kcanvas` file.
        recovery: for an autosaved recovery file, where the work came from (path, time, model
            name...): kept in the same file, so the description always fits the work.
    """
    data = project_dict(document)
    if recovery is not None:
        data["recovery"] = recovery
    write_text_atomic(Path(path), json.dumps(data, indent=1) + "\n")


def recovery_note(path: str | os.PathLike, older: Path | None = None) -> dict[str, Any]:
    """The `recovery` record of an autosaved project ({} when it has none or is unreadable).

    Args:
        path: the recovery project.
        older: where an earlier version kept the note, beside the project (read if the project
            holds none).
    """
    try:
        note = read_project(path).get("recovery")
    except FormatError:
        return {}
    if note is None and older is not None:
        try:
            note = json.loads(older.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            note = None
    if not isinstance(note, dict):
        return {}
    kinds = {"path": str, "time": (int, float), "model": str, "layers": int}
    return {
        key: note[key]
        for key, kind in kinds.items()
        if isinstance(note.get(key), kind) and not isinstance(note[key], bool)
    }


def node_key(graph: Graph, node_id: str) -> str:
    return f"{graph.layer_of(node_id).name}#{graph.call_index(node_id)}"


def _positions_by_key(graph: Graph, positions: dict[str, Any]) -> dict[str, list[float]]:
    """Positions keyed for the file: `name#call`, and `vision/conv2d#0` for a card inside the
    nested model `vision` (the editor keys those by the path of layer ids, `L5/N3`)."""
    saved = {}
    for key, xy in positions.items():
        *path, node_id = key.split("/")
        inner, names = _nested(graph, path, by="id")
        if inner is not None and node_id in inner.nodes:
            saved["/".join([*names, node_key(inner, node_id)])] = [float(xy[0]), float(xy[1])]
    return saved


def _positions_by_node(graph: Graph, positions: Any) -> dict[str, list[float]]:
    if not isinstance(positions, dict):
        return {}
    result = {}
    for key, value in positions.items():
        valid = isinstance(value, list) and len(value) == 2
        if not (isinstance(key, str) and valid and all(_number(v) for v in value)):
            continue
        *path, card = key.split("/")
        inner, ids = _nested(graph, path, by="name")
        by_key = {node_key(inner, n): n for n in inner.nodes} if inner is not None else {}
        if card in by_key:
            result["/".join([*ids, by_key[card]])] = [float(value[0]), float(value[1])]
    return result


def _nested(graph: Graph, path: list[str], by: str) -> tuple[Graph | None, list[str]]:
    """The nested graph at `path` (layer ids or names, outermost first) and the same path in
    the other spelling (names or ids); (None, []) when it does not exist."""
    other = []
    for step in path:
        layer = next((la for la in graph.layers.values()
                      if (la.id if by == "id" else la.name) == step), None)  # fmt: skip
        if layer is None or layer.body is None:
            return None, []
        other.append(layer.name if by == "id" else layer.id)
        graph = layer.body
    return graph, other


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
