"""Import then export is a fixed point, for every keras.applications model and seed example.

The export carries shapes, dtypes and build configs that our shape inference computes, so
equality with Keras's own `to_json()` also proves the inference right on every tensor.
"""

from __future__ import annotations

import pytest

from engine.model.keras_config import graph_from_config, graph_to_config
from engine.model.shapes import ShapeEngine
from tests.keras_models import APPLICATIONS, SEED_MODELS, application_config, seed_config


@pytest.mark.parametrize("name", sorted(SEED_MODELS))
def test_seed_example_round_trips(name: str) -> None:
    config = seed_config(name)
    graph = graph_from_config(config)
    assert graph_to_config(graph, ShapeEngine()) == config


@pytest.mark.parametrize("name", APPLICATIONS)
def test_application_round_trips(name: str) -> None:
    config = application_config(name)
    graph = graph_from_config(config)
    assert len(graph.layers) == len(config["config"]["layers"])
    assert graph_to_config(graph, ShapeEngine()) == config


def test_shared_layer_has_one_layer_and_two_calls() -> None:
    graph = graph_from_config(seed_config("S14_shared_lstm"))
    lstm = graph.layer_by_name("lstm")
    assert len(graph.calls[lstm.id]) == 2
    engine = ShapeEngine()
    shapes = [engine.result(graph, n).outputs[0].shape for n in graph.calls[lstm.id]]
    assert shapes == [(None, 64), (None, 64)]


def test_per_call_shapes_of_shared_conv_differ() -> None:
    """The seed's get_output_shape_at(i): one Conv2D on (32,32,3) and (64,64,3)."""
    graph = graph_from_config(seed_config("S8_shared_conv"))
    conv = graph.layer_by_name("shared_conv")
    engine = ShapeEngine()
    results = [engine.result(graph, n) for n in graph.calls[conv.id]]
    assert [r.inputs[0].shape for r in results] == [(None, 32, 32, 3), (None, 64, 64, 3)]
    assert [r.outputs[0].shape for r in results] == [(None, 32, 32, 16), (None, 64, 64, 16)]
    assert engine.param_counts(graph, conv) == (3 * 3 * 3 * 16 + 16, 0)
