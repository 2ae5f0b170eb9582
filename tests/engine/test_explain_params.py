"""The parameter breakdown is a sum over a layer's real weights, and Keras agrees with it.

Every layer of the 40 `keras.applications` models and of every template: the breakdown read
from the shape engine's stateless build has the total and the trainable part of Keras's own
`count_params()` on a model Keras builds itself from the same JSON.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from engine.explain.weights import ParamBreakdown, layer_breakdown
from engine.io.files import load_document
from engine.model.document import Document
from engine.model.graph import Graph
from engine.model.keras_config import graph_from_config
from engine.model.shapes import ShapeEngine
from tests.keras_models import (
    APPLICATIONS,
    application_config,
    application_layer_params,
    seed_config,
)

TEMPLATES = sorted(
    (Path(__file__).resolve().parents[2] / "resources" / "templates").glob("*.kcanvas")
)


def _check_sum(breakdown: ParamBreakdown) -> None:
    """The written sum ends in the total, and its terms are the weights' real counts."""
    text = breakdown.sum_text()
    assert text.endswith(f"{breakdown.total:,}"), text
    for weight in breakdown.weights:
        assert weight.count == math.prod(weight.shape)


@pytest.mark.parametrize("name", APPLICATIONS)
def test_breakdown_equals_count_params_for_every_layer_of_an_application(name: str) -> None:
    expected = application_layer_params(name)  # Keras's count_params(), trainable part
    graph = graph_from_config(application_config(name))
    engine = ShapeEngine()
    for layer in graph.layers.values():
        breakdown = layer_breakdown(engine, graph, layer)
        assert breakdown.unknown is None, (name, layer.name, breakdown.unknown)
        if layer.is_op:  # a bare op (ConvNeXt's `add`) is no layer of the Keras model
            assert layer.name not in expected and breakdown.total == 0
            continue
        assert (breakdown.total, breakdown.trainable) == expected[layer.name], (name, layer.name)
        _check_sum(breakdown)


def _keras_model(document: Document):
    import keras

    text = json.dumps(document.to_config())
    try:
        with keras.StatelessScope(initialize_variables=False):  # shapes only, no weight memory
            return keras.models.model_from_json(text)
    except ValueError as exc:  # stateful RNNs make their (small) states from real values
        assert "stateless scope" in str(exc)
        return keras.models.model_from_json(text)


def _compare(engine: ShapeEngine, graph: Graph, model, where: str) -> int:
    """Compare every layer of `graph` with `model`'s, nested models layer by layer too."""
    compared = 0
    for layer in graph.layers.values():
        if layer.is_input and layer.name not in [x.name for x in model.layers]:
            continue  # a Sequential lists no InputLayer
        keras_layer = model.get_layer(layer.name)
        breakdown = layer_breakdown(engine, graph, layer)
        trainable = sum(math.prod(w.shape) for w in keras_layer.trainable_weights)
        assert (breakdown.total, breakdown.trainable) == (keras_layer.count_params(), trainable), (
            where, layer.name)  # fmt: skip
        _check_sum(breakdown)
        compared += 1
        if layer.body is not None:
            compared += _compare(engine, layer.body, keras_layer, f"{where}/{layer.name}")
    return compared


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.stem for p in TEMPLATES])
def test_breakdown_equals_count_params_for_every_layer_of_a_template(path: Path) -> None:
    document = load_document(str(path))
    assert document.problems() == []
    model = _keras_model(document)
    weighted = [layer for layer in model.layers if layer.weights]
    assert _compare(document.shapes, document.graph, model, path.stem) >= len(weighted) > 0


def _document(seed: str) -> Document:
    return Document(graph_from_config(seed_config(seed)))


def test_the_issues_examples_read_as_written() -> None:
    document = load_document(str(next(p for p in TEMPLATES if p.stem == "cnn")))
    conv = next(x for x in document.graph.layers.values() if x.class_name == "Conv2D")
    breakdown = layer_breakdown(document.shapes, document.graph, conv)
    assert breakdown.sum_text() == "kernel 3×3×3×32 = 864 + bias 32 = 896"
    assert breakdown.split_text() == "896, all trainable"
    document = _document("S14_shared_lstm")
    lstm = document.graph.layer_by_name("lstm")
    breakdown = layer_breakdown(document.shapes, document.graph, lstm)
    assert breakdown.sum_text() == (
        "kernel 256×256 = 65,536 + recurrent_kernel 64×256 = 16,384 + bias 256 = 82,176"
    )
    assert breakdown.calls == 2
    assert "called 2 times" in breakdown.sharing_text()
    assert "counted once" in breakdown.sharing_text()


def test_batch_normalization_splits_trainable_and_moving_statistics() -> None:
    import keras

    inputs = keras.Input((8, 8, 16))
    outputs = keras.layers.BatchNormalization(name="bn")(inputs)
    document = Document(graph_from_config(json.loads(keras.Model(inputs, outputs).to_json())))
    bn = document.graph.layer_by_name("bn")
    breakdown = layer_breakdown(document.shapes, document.graph, bn)
    assert [(w.name, w.trainable) for w in breakdown.weights] == [
        ("gamma", True),
        ("beta", True),
        ("moving_mean", False),
        ("moving_variance", False),
    ]
    assert (breakdown.trainable, breakdown.non_trainable) == (32, 32)
    assert breakdown.split_text() == "64: 32 trainable, 32 non-trainable"


def test_a_frozen_layer_and_a_frozen_nested_model_count_as_non_trainable() -> None:
    config = seed_config("S16_shared_vision")
    dense = next(x for x in config["config"]["layers"] if x["class_name"] == "Dense")
    dense["config"]["trainable"] = False
    vision = next(x for x in config["config"]["layers"] if x["class_name"] == "Functional")
    vision["config"]["trainable"] = False
    document = Document(graph_from_config(config))
    model = _keras_model(document)
    for name in (dense["config"]["name"], "vision"):
        layer = document.graph.layer_by_name(name)
        breakdown = layer_breakdown(document.shapes, document.graph, layer)
        assert breakdown.trainable == 0 and breakdown.total == model.get_layer(name).count_params()


def test_a_nested_model_sums_its_layers() -> None:
    document = _document("S16_shared_vision")
    vision = document.graph.layer_by_name("vision")
    breakdown = layer_breakdown(document.shapes, document.graph, vision)
    assert [name for name, _ in breakdown.parts] == ["conv2d", "conv2d_1"]
    assert breakdown.sum_text() == "conv2d 640 + conv2d_1 36,928 = 37,568"
    assert breakdown.weights[0].name == "conv2d/kernel" and breakdown.calls == 2


def test_repeated_weight_names_are_told_apart_by_their_sub_layer() -> None:
    import keras

    inputs = keras.Input((9, 4))
    x = keras.layers.Bidirectional(keras.layers.LSTM(6, return_sequences=True), name="bi")(inputs)
    outputs = keras.layers.MultiHeadAttention(2, 4, name="mha")(x, x)
    document = Document(graph_from_config(json.loads(keras.Model(inputs, outputs).to_json())))
    names = {
        name: [w.name for w in layer_breakdown(document.shapes, document.graph,
                                               document.graph.layer_by_name(name)).weights]
        for name in ("bi", "mha")
    }  # fmt: skip
    assert names["bi"] == ["forward_lstm/kernel", "forward_lstm/recurrent_kernel",
                           "forward_lstm/bias", "backward_lstm/kernel",
                           "backward_lstm/recurrent_kernel", "backward_lstm/bias"]  # fmt: skip
    assert names["mha"][:2] == ["query/kernel", "query/bias"]
    assert names["mha"][-1] == "attention_output/bias"


def test_a_layer_not_called_yet_says_why_it_has_no_count() -> None:
    from engine.model import operations

    document = _document("S9_mlp")
    edit, layer_id, _node_id = operations.add_layer(document.graph, "Dense", units=3)
    document.apply(edit)
    layer = document.graph.layers[layer_id]
    breakdown = layer_breakdown(document.shapes, document.graph, layer)
    assert breakdown.unknown is not None
    assert "first call" in breakdown.unknown and "Not connected" in breakdown.unknown
    assert breakdown.sum_text() == "unknown"


def _meanings_hold(engine: ShapeEngine, graph: Graph, where: str) -> int:
    """Every meaning shown multiplies out to its weight's count; returns how many there are."""
    shown = 0
    for layer in graph.layers.values():
        for weight in layer_breakdown(engine, graph, layer).weights:
            if weight.meaning:
                factors = re.sub(r"\([^)]*\)", "", weight.meaning)  # not the notes' numbers
                sizes = re.findall(r"\d[\d,]*(?:×\d[\d,]*)*", factors)
                product = math.prod(
                    int(n.replace(",", "")) for size in sizes for n in size.split("×")
                )
                assert product == weight.count, (where, layer.name, weight)
                shown += 1
            elif layer.class_name in ("Conv2D", "Dense", "DepthwiseConv2D", "BatchNormalization"):
                raise AssertionError(f"{where}/{layer.name}: no meaning for {weight.name}")
    return shown


def test_weight_meanings_multiply_out_on_applications_and_templates() -> None:
    shown = 0
    for name in ("ResNet50", "MobileNetV2", "ConvNeXtTiny", "Xception", "NASNetMobile"):
        graph = graph_from_config(application_config(name))
        shown += _meanings_hold(ShapeEngine(), graph, name)
    for path in TEMPLATES:
        document = load_document(str(path))
        shown += _meanings_hold(document.shapes, document.graph, path.stem)
    assert shown > 500


def test_weight_meanings_read_as_a_teacher_says_them() -> None:
    document = _document("S14_shared_lstm")
    lstm = document.graph.layer_by_name("lstm")
    meanings = [w.meaning for w in layer_breakdown(document.shapes, document.graph, lstm).weights]
    assert meanings == [
        "256 input features × 4 parts × 64 units",
        "64 units of the previous state × 4 parts × 64 units",
        "4 parts × 64 units",
    ]
    document = load_document(str(next(p for p in TEMPLATES if p.stem == "cnn")))
    conv = document.graph.layer_by_name("conv2d")
    kernel = layer_breakdown(document.shapes, document.graph, conv).weights[0]
    assert kernel.meaning == "3×3 window × 3 input channels × 32 filters"
