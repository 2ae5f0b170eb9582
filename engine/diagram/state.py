"""The diagram's part of a document's editor state: which groups are collapsed, and whether the
cards sit where the automatic layout put them.

Kept in `document.editor_state` (saved in the `.kcanvas` project's "editor" object, never in the
model), per viewed graph: the top level is the view "", a nested model the names of the models
entered, joined by "/". Everything here reads defensively: a hand-edited project with a wrong
type in these keys opens with the defaults, it is never refused for it.

- `collapsed`: {view: [group keys]}; a view without an entry opens at its default level.
- `layout`: {view: "auto" | "manual"}. "auto": positions are the layout's, so the canvas lays
  the view out again whenever it is drawn anew (the wires then get their lanes back). "manual":
  the user placed a card; positions are kept as they are.
- `group_positions`: {view: {group key: [x, y]}}, where collapsed cards sit.
- `models_open`: {view: ["<layer name>#<call index>"]}, the calls of nested models drawn open
  in place (by name: node ids last one session).
"""

from __future__ import annotations

from typing import Any

from engine.model.graph import Graph

COLLAPSED = "collapsed"
MODELS_OPEN = "models_open"
LAYOUT = "layout"
GROUP_POSITIONS = "group_positions"
AUTO, MANUAL = "auto", "manual"


def _section(state: dict[str, Any], key: str) -> dict[str, Any]:
    """The section `key`, made when missing (for writing)."""
    section = state.get(key)
    if not isinstance(section, dict):
        section = state[key] = {}
    return section


def _read(state: dict[str, Any], key: str, view: str) -> Any:
    """What section `key` holds for `view`, None if nothing (reading writes nothing)."""
    section = state.get(key)
    return section.get(view) if isinstance(section, dict) else None


def collapsed_groups(state: dict[str, Any], view: str = "") -> set[str] | None:
    """The collapsed group keys of `view`, or None when never set (open at the default)."""
    keys = _read(state, COLLAPSED, view)
    if not isinstance(keys, list):
        return None
    return {key for key in keys if isinstance(key, str)}


def set_collapsed_groups(state: dict[str, Any], view: str, keys: set[str]) -> None:
    _section(state, COLLAPSED)[view] = sorted(keys)


def opened_models(state: dict[str, Any], view: str, graph: Graph) -> set[str]:
    """The node ids of the nested-model calls of `graph` drawn open in `view`."""
    keys = _read(state, MODELS_OPEN, view)
    if not isinstance(keys, list):
        return set()
    wanted = {key for key in keys if isinstance(key, str)}
    return {node_id for node_id in graph.nodes if call_key(graph, node_id) in wanted}


def set_opened_models(state: dict[str, Any], view: str, graph: Graph, nodes: set[str]) -> None:
    _section(state, MODELS_OPEN)[view] = sorted(call_key(graph, n) for n in nodes)


def call_key(graph: Graph, node_id: str) -> str:
    return f"{graph.layer_of(node_id).name}#{graph.call_index(node_id)}"


def layout_mode(state: dict[str, Any], view: str = "") -> str | None:
    mode = _read(state, LAYOUT, view)
    return mode if mode in (AUTO, MANUAL) else None


def set_layout_mode(state: dict[str, Any], view: str, mode: str) -> None:
    _section(state, LAYOUT)[view] = mode


def group_positions(state: dict[str, Any], view: str = "") -> dict[str, list[float]]:
    """{group key: [x, y]} of the collapsed cards of `view` (editable in place)."""
    sections = _section(state, GROUP_POSITIONS)
    found = sections.get(view)
    if not isinstance(found, dict):
        found = sections[view] = {}
    for key in [k for k, v in found.items() if not _is_point(v)]:
        del found[key]
    return found


def _is_point(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    )
