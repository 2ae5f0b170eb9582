"""A call explained: what the layer does, its shape rule and parameters, for the panel and CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.errors import NotFoundError
from engine.explain import explain_call, explain_model, find_layer
from engine.explain.docs import keras_doc
from engine.explain.notes import plain_note
from engine.explain.text import explanation_text
from engine.io.files import load_document
from engine.model import operations
from engine.model.document import Document
from engine.model.keras_config import graph_from_config
from tests.keras_models import seed_config

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"

# the layers learners meet first (issue 8): each has our note and Keras's own paragraph
FIRST_LAYERS = [
    "Dense", "Flatten", "Reshape", "Permute", "Dropout", "BatchNormalization",
    "LayerNormalization", "Embedding", "SimpleRNN", "LSTM", "GRU", "Bidirectional",
    "TimeDistributed", "Concatenate", "Add", "Multiply", "Average", "Activation", "ReLU",
    "Softmax", "Attention", "MultiHeadAttention",
    *(f"{kind}{d}D" for d in (1, 2, 3) for kind in (
        "Conv", "MaxPooling", "AveragePooling", "GlobalMaxPooling", "GlobalAveragePooling",
        "UpSampling", "ZeroPadding", "Cropping")),
    *(f"Conv{d}DTranspose" for d in (1, 2, 3)),
]  # fmt: skip


@pytest.mark.parametrize("class_name", FIRST_LAYERS)
def test_the_first_layers_have_our_note_and_keras_paragraph(class_name: str) -> None:
    note = plain_note(class_name)
    assert len(note) > 150, class_name  # a few sentences, not a label
    assert note.endswith("."), class_name
    assert len(keras_doc(class_name)) > 10, class_name


def test_notes_name_the_dimension_they_are_about() -> None:
    assert "image's height and width" in plain_note("Conv2D")
    assert "sequence" in plain_note("Conv1D") and "volume" in plain_note("Conv3D")
    assert "largest value" in plain_note("MaxPooling2D")
    assert "average" in plain_note("GlobalAveragePooling1D")
    assert plain_note("Lambda") == ""
    assert keras_doc("InputLayer") == ""  # its own docstring only, never Layer's


def _cnn() -> Document:
    return load_document(str(TEMPLATES / "cnn.kcanvas"))


def _node(document: Document, name: str, call: int = 0) -> str:
    layer = document.graph.layer_by_name(name)
    return document.graph.calls[layer.id][call]


def test_a_conv_call_is_explained_with_the_users_numbers() -> None:
    document = _cnn()
    explanation = explain_call(document.shapes, document.graph, _node(document, "conv2d"))
    assert explanation.title == "conv2d (Conv2D)"
    assert explanation.inputs == [(None, 100, 100, 3)]
    assert explanation.outputs == [(None, 98, 98, 32)]
    assert explanation.shapes_text() == "(None, 100, 100, 3) → (None, 98, 98, 32)"
    assert "stencil" in explanation.note and explanation.keras_doc == "2D convolution layer."
    assert explanation.shape_rule is not None and not explanation.shape_rule.from_keras
    assert explanation.shape_rule.lines() == [
        "height: ⌊(100 − 3) / 1⌋ + 1 = 98",
        "width: ⌊(100 − 3) / 1⌋ + 1 = 98",
        "channels: 32  (filters: one channel per filter)",
    ]
    text = explanation_text(explanation)
    for heading in ("What it does", "Shape", "Parameters"):
        assert f"\n{heading}\n" in text
    assert "kernel 3×3×3×32 = 864 + bias 32 = 896" in text


def test_every_call_of_a_shared_layer_has_its_own_shapes() -> None:
    document = Document(graph_from_config(seed_config("S8_shared_conv")))
    calls = [
        explain_call(document.shapes, document.graph, _node(document, "shared_conv", i))
        for i in (0, 1)
    ]
    assert [c.title for c in calls] == [
        "shared_conv (Conv2D) · call 1 of 2",
        "shared_conv (Conv2D) · call 2 of 2",
    ]
    assert [c.outputs for c in calls] == [[(None, 32, 32, 16)], [(None, 64, 64, 16)]]
    assert all(c.params.total == 3 * 3 * 3 * 16 + 16 and c.params.calls == 2 for c in calls)


def test_nested_layers_are_listed_with_their_model_and_found_by_path() -> None:
    document = Document(graph_from_config(seed_config("S16_shared_vision")))
    titles = [calls[0].title for calls in explain_model(document.shapes, document.graph)]
    assert titles[:3] == ["digit_a (InputLayer)", "digit_b (InputLayer)",
                          "vision (Functional) · call 1 of 2"]  # fmt: skip
    assert "vision › conv2d_1 (Conv2D)" in titles
    graph, layer, path = find_layer(document.graph, "vision/conv2d_1")
    assert (layer.name, path) == ("conv2d_1", ("vision",))
    explanation = explain_call(document.shapes, graph, graph.calls[layer.id][0], path)
    assert explanation.shape_rule.lines()[0] == "height: ⌊(25 − 3) / 1⌋ + 1 = 23"
    vision = explain_call(document.shapes, document.graph, _node(document, "vision"))
    assert vision.shape_rule.from_keras and "its own layers compute" in vision.shape_rule.summary
    assert "A model used as a layer" in vision.note
    with pytest.raises(NotFoundError, match="not a model"):
        find_layer(document.graph, "dense/kernel")
    with pytest.raises(NotFoundError, match="No such layer: nope"):
        find_layer(document.graph, "vision/nope")


def test_a_layer_without_a_simple_rule_says_its_shape_is_keras_own() -> None:
    import keras

    inputs = keras.Input((10, 8))
    outputs = keras.layers.TimeDistributed(keras.layers.Dense(3), name="td")(inputs)
    config = json.loads(keras.Model(inputs, outputs).to_json())
    document = Document(graph_from_config(config))
    explanation = explain_call(document.shapes, document.graph, _node(document, "td"))
    assert explanation.shape_rule.from_keras and explanation.shape_rule.formulas == []
    assert "Keras's own" in explanation.shape_rule.summary
    assert "(None, 10, 3)" in explanation.shape_rule.summary
    assert explanation.params.sum_text() == "kernel 8×3 = 24 + bias 3 = 27"


def test_a_rejected_call_says_why_and_shows_no_rule() -> None:
    document = _cnn()
    conv = document.graph.layer_by_name("conv2d")
    document.apply(operations.set_params(document.graph, conv.id, kernel_size=[200, 200]))
    explanation = explain_call(document.shapes, document.graph, _node(document, "conv2d"))
    assert explanation.error is not None and explanation.shape_rule is None
    assert explanation.params.unknown is not None
    assert "Keras rejects this call" in explanation_text(explanation)


def test_the_input_says_it_is_the_declared_shape() -> None:
    document = _cnn()
    explanation = explain_call(document.shapes, document.graph, document.graph.inputs[0].node_id)
    assert "The shape you declared: (None, 100, 100, 3)" in explanation.shape_rule.summary
    assert explanation.params.total == 0 and "no weights" in explanation.params.split_text()
