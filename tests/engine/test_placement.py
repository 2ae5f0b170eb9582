"""Moves of cards are editor-state edits with exact inverses (engine.model.placement)."""

from __future__ import annotations

import copy
import json
import math
import random
from pathlib import Path

import pytest

from engine.errors import GraphError
from engine.model.document import Document
from engine.model.placement import move


def _random_move(rng: random.Random, keys: list[str]) -> dict:
    chosen = rng.sample(keys, rng.randint(1, len(keys)))
    return {
        key: None if rng.random() < 0.15 else (rng.uniform(-5e3, 5e3), float(rng.randint(-99, 99)))
        for key in chosen
    }


def test_a_random_sequence_of_moves_undoes_exactly_in_reverse():
    rng = random.Random(5)
    keys = ["N1", "N2", "N3", "L7/N1", "L7/L9/N4"]
    document = Document()
    document.editor_state = {"positions": {"N1": [0.0, 0.0], "L7/N1": [10.5, -3.25]}, "x": 1}
    states, inverses = [], []
    for _ in range(200):
        states.append(copy.deepcopy(document.editor_state))
        inverses.append(document.move(_random_move(rng, keys)))
    for state, inverse in zip(reversed(states), reversed(inverses), strict=True):
        redo = document.move(inverse)
        assert document.editor_state == state
        assert move(copy.deepcopy(document.editor_state), redo) == inverse  # redo's inverse


def test_a_move_returns_none_for_a_card_that_had_no_position():
    state: dict = {}
    inverse = move(state, {"N1": (1, 2)})
    assert inverse == {"N1": None} and state == {"positions": {"N1": [1.0, 2.0]}}
    assert move(state, inverse) == {"N1": (1.0, 2.0)} and state == {"positions": {}}


@pytest.mark.parametrize(
    "positions",
    [
        {"N1": (1.0, 2.0), "N2": (math.nan, 0.0)},
        {"N1": (1.0, 2.0), "N2": (0.0,)},
        {"N1": (1.0, 2.0), "N2": ("1", 2.0)},
        {"N1": (1.0, 2.0), "N2": (True, 2.0)},
        {"N1": (1.0, 2.0), "": (0.0, 0.0)},
        {"N1": (1.0, 2.0), "L1/": (0.0, 0.0)},
    ],
)
def test_a_refused_move_changes_nothing_and_says_what_it_received(positions):
    state = {"positions": {"N1": [5.0, 5.0]}}
    with pytest.raises(GraphError, match="Received"):
        move(state, positions)
    assert state == {"positions": {"N1": [5.0, 5.0]}}


def test_moves_inside_nested_models_are_saved_with_the_project(tmp_path):
    from engine.io.files import load_document, save_document

    templates = Path(__file__).resolve().parents[2] / "resources" / "templates"
    document = load_document(templates / "shared_vision.kcanvas")
    graph = document.graph
    vision = graph.layer_by_name("vision")
    conv = vision.body.calls[vision.body.layer_by_name("conv2d_1").id][0]
    top = graph.calls[vision.id][1]  # the second call of the nested model
    document.move({f"{vision.id}/{conv}": (321.5, -40.0), top: (900.0, 12.0)})
    save_document(document, tmp_path / "moved.kcanvas")

    saved = json.loads((tmp_path / "moved.kcanvas").read_text(encoding="utf-8"))
    assert saved["editor"]["positions"]["vision/conv2d_1#0"] == [321.5, -40.0]
    assert saved["editor"]["positions"]["vision#1"] == [900.0, 12.0]
    reopened = load_document(tmp_path / "moved.kcanvas")
    graph = reopened.graph
    vision = graph.layer_by_name("vision")
    conv = vision.body.calls[vision.body.layer_by_name("conv2d_1").id][0]
    positions = reopened.editor_state["positions"]
    assert positions[f"{vision.id}/{conv}"] == [321.5, -40.0]
    assert positions[graph.calls[vision.id][1]] == [900.0, 12.0]
