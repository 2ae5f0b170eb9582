"""The seed's gallery is the seed's own code, number for number (issue 9 §5).

Each seed template is compared, layer by layer, with a table written here from the seed's text
(`../shared/seed/`), and its parameter count and key shapes with what Keras computes; the notes
that open beside it quote the same numbers.
"""

from __future__ import annotations

from typing import Any

import pytest

from engine.gallery import TEMPLATES, model_config
from engine.gallery.notes import BLOCK_KINDS, notes_for
from engine.model.document import Document
from engine.model.keras_config import graph_from_config

_RELU = {"activation": "relu"}

# (class, the config values the seed writes) for every layer, in the model's order.
SEED_LAYERS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "mlp": [
        ("InputLayer", {"batch_shape": [None, 100]}),
        ("Dense", {"units": 32, "activation": "relu"}),
        ("Dense", {"units": 10, "activation": "softmax"}),
    ],
    "cnn": [
        ("InputLayer", {"batch_shape": [None, 100, 100, 3]}),
        ("Conv2D", {"filters": 32, "kernel_size": [3, 3], "padding": "valid", **_RELU}),
        ("Conv2D", {"filters": 32, "kernel_size": [3, 3], "padding": "valid", **_RELU}),
        ("MaxPooling2D", {"pool_size": [2, 2]}),
        ("Flatten", {}),
        ("Dense", {"units": 256, "activation": "relu"}),
        ("Dropout", {"rate": 0.5}),
        ("Dense", {"units": 10, "activation": "softmax"}),
    ],
    "stateful_lstm": [
        ("InputLayer", {"batch_shape": [32, 8, 16]}),
        ("LSTM", {"units": 32, "return_sequences": True, "stateful": True}),
        ("LSTM", {"units": 32, "return_sequences": True, "stateful": True}),
        ("LSTM", {"units": 32, "return_sequences": False, "stateful": True}),
        ("Dense", {"units": 10, "activation": "softmax"}),
    ],
    "functional_mlp": [
        ("InputLayer", {"batch_shape": [None, 784]}),
        ("Dense", {"units": 64, "activation": "relu"}),
        ("Dense", {"units": 64, "activation": "relu"}),
        ("Dense", {"units": 10, "activation": "softmax"}),
    ],
    "inception": [
        ("InputLayer", {"batch_shape": [None, 256, 256, 3]}),
        ("Conv2D", {"filters": 64, "kernel_size": [1, 1], "padding": "same"}),
        ("Conv2D", {"filters": 64, "kernel_size": [1, 1], "padding": "same"}),
        ("MaxPooling2D", {"pool_size": [3, 3], "strides": [1, 1], "padding": "same"}),
        ("Conv2D", {"filters": 64, "kernel_size": [3, 3], "padding": "same"}),
        ("Conv2D", {"filters": 64, "kernel_size": [5, 5], "padding": "same"}),
        ("Conv2D", {"filters": 64, "kernel_size": [1, 1], "padding": "same"}),
        ("Concatenate", {"axis": 1}),  # as the seed writes it (see its notes)
    ],
}

# Total parameters, and output shapes Keras computes, for every seed template.
SEED_NUMBERS: dict[str, tuple[int, dict[str, tuple]]] = {
    "mlp": (3_562, {"dense_1": (None, 10)}),
    "cnn": (18_887_338, {"max_pooling2d": (None, 48, 48, 32), "flatten": (None, 73_728)}),
    "stateful_lstm": (23_242, {"lstm_1": (32, 8, 32), "dense": (32, 10)}),
    "functional_mlp": (55_050, {"dense_2": (None, 10)}),
    "news_two_io": (5_200_610, {"concatenate": (None, 37), "main_output": (None, 1)}),
    "shared_lstm": (82_305, {"concatenate": (None, 128)}),
    "shared_conv": (448, {}),
    "inception": (140_160, {"concatenate": (None, 768, 256, 64)}),
    "shared_vision": (53_057, {"concatenate": (None, 15_488)}),
    "vqa": (165_077_800, {"concatenate": (None, 160_256), "dense": (None, 1000)}),
}


def _document(name: str) -> Document:
    return Document(graph_from_config(model_config(name)))


def _layers(config: dict) -> list[dict]:
    return config["config"]["layers"]


@pytest.mark.parametrize("name", sorted(SEED_LAYERS))
def test_seed_template_is_the_seeds_code_layer_for_layer(name):
    layers = _layers(model_config(name))
    assert [layer["class_name"] for layer in layers] == [c for c, _ in SEED_LAYERS[name]]
    for layer, (_, expected) in zip(layers, SEED_LAYERS[name], strict=True):
        assert {key: layer["config"][key] for key in expected} == expected, layer["name"]


@pytest.mark.parametrize("name", sorted(SEED_NUMBERS))
def test_seed_template_numbers_are_keras_numbers(name):
    total, shapes = SEED_NUMBERS[name]
    document = _document(name)
    graph = document.graph
    assert sum(document.shapes.model_params(graph)) == total
    results = document.results()
    for layer_name, shape in shapes.items():
        node_id = graph.calls[graph.layer_by_name(layer_name).id][0]
        assert tuple(results[node_id].outputs[0].shape) == shape, layer_name
    assert f"{total:,}" in _english(notes_for(name)), "the notes quote the parameter count"


def test_shared_calls_keep_their_per_call_shapes():
    """S8 and S14: one layer, two calls; S16 and S17: a nested model called as a layer."""
    document = _document("shared_conv")
    graph = document.graph
    calls = graph.calls[graph.layer_by_name("shared_conv").id]
    results = document.results()
    assert [tuple(results[n].outputs[0].shape) for n in calls] == [
        (None, 32, 32, 16),
        (None, 64, 64, 16),
    ]
    vqa = _document("vqa").graph
    assert vqa.layer_by_name("vision_model").body.kind == "Sequential"
    assert len(vqa.layer_by_name("vision_model").body.layers) == 12  # the input and 11 layers
    lstm = _layers(model_config("shared_lstm"))
    assert [layer["class_name"] for layer in lstm].count("LSTM") == 1


def test_the_seed_is_right_where_keras_agrees_and_the_notes_say_where_it_is_not():
    cnn = _english(notes_for("cnn"))
    assert "(None, 49, 49, 32)" in cnn and "(None, 48, 48, 32)" in cnn and "73,728" in cnn
    assert "question_input" in _english(notes_for("vqa"))  # the seed's Embedding typo
    assert "axis" in _english(notes_for("inception"))
    for name, template in TEMPLATES.items():
        notes = notes_for(name)
        if template.family == "seed":
            assert notes is not None and notes["seed_item"] == template.seed_item
        if notes is None:
            continue
        assert notes["title"]["zh"] and notes["title"]["en"]
        for block in notes["blocks"]:
            assert block["kind"] in BLOCK_KINDS
            assert block.get("text") if block["kind"] == "code" else block["zh"] and block["en"]


def test_every_seed_template_trains_with_data_that_fits():
    """The training settings a template opens with name data its input takes."""
    for name, template in TEMPLATES.items():
        source = template.training.get("source", "dummy")
        assert source in ("dummy", "digits"), name
        if source == "digits":
            config = model_config(name)
            assert _layers(config)[0]["config"]["batch_shape"] in ([None, 64], [None, 8, 8, 1])
            assert _layers(config)[-1]["config"]["units"] == 10


def test_the_digits_cnn_is_the_seeds_cnn_with_an_8x8_grey_input():
    """The variant a teacher opens to look inside: the seed's layers, numbers as its notes say."""
    layers = _layers(model_config("cnn_digits"))
    expected = [("InputLayer", {"batch_shape": [None, 8, 8, 1]}), *SEED_LAYERS["cnn"][1:]]
    assert [layer["class_name"] for layer in layers] == [c for c, _ in expected]
    for layer, (_, values) in zip(layers, expected, strict=True):
        assert {key: layer["config"][key] for key in values} == values, layer["name"]
    document = _document("cnn_digits")
    graph, results = document.graph, document.results()
    shapes = {
        name: tuple(results[graph.calls[graph.layer_by_name(name).id][0]].outputs[0].shape)
        for name in ("conv2d", "conv2d_1", "max_pooling2d", "flatten")
    }
    assert shapes == {"conv2d": (None, 6, 6, 32), "conv2d_1": (None, 4, 4, 32),
                      "max_pooling2d": (None, 2, 2, 32), "flatten": (None, 128)}  # fmt: skip
    assert sum(document.shapes.model_params(graph)) == 45_162
    assert document.shapes.param_counts(graph, graph.layer_by_name("dense")) == (33_024, 0)
    notes = _english(notes_for("cnn_digits"))
    assert "8 → 6 → 4 → 2" in notes and "2×2×32 = 128" in notes
    assert "45,162" in notes and "33,024" in notes and "128×256+256" in notes


def _english(notes: dict | None) -> str:
    assert notes is not None
    return " ".join(block.get("en", "") for block in notes["blocks"])


@pytest.mark.parametrize("name", ["cnn", "shared_lstm"])
def test_summary_rows_are_keras_rows(name):
    """A Sequential model's summary leaves its input out, as Keras's `model.summary()` does."""
    import keras

    from engine.gallery import built_config
    from engine.model.summary import summarize

    document = _document(name)
    keras.backend.clear_session(free_memory=False)
    with keras.StatelessScope(initialize_variables=False):
        model = TEMPLATES[name].build()
        expected = [(layer.name, layer.count_params()) for layer in model.layers]
    keras.backend.clear_session(free_memory=False)
    rows = summarize(document).rows
    assert [(row.name, row.params) for row in rows] == expected
    assert built_config(TEMPLATES[name].build) == document.to_config()
