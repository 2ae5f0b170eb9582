"""Copy and paste through the engine: independent copies, wired as copied, one undoable edit."""

from __future__ import annotations

import json

import pytest

from engine.errors import FormatError, GraphError, UnsafeContentError
from engine.io import clipboard
from engine.model import grouping
from engine.model import operations as ops
from engine.model.document import Document
from engine.model.graph import TensorRef


@pytest.fixture
def doc() -> Document:
    """Input(16) -> dense -> dropout -> dense_1 (output)."""
    doc = Document()
    g = doc.graph
    edit, _, x = ops.add_input(g, (16,), name="features")
    doc.apply(edit)
    previous = x
    for class_name, params in (("Dense", {"units": 8}), ("Dropout", {"rate": 0.5}),
                               ("Dense", {"units": 4})):  # fmt: skip
        edit, _, node = ops.add_layer(g, class_name, [TensorRef(previous)], **params)
        doc.apply(edit)
        previous = node
    doc.apply(ops.mark_output(g, TensorRef(previous)))
    return doc


def _node(doc: Document, name: str) -> str:
    g = doc.graph
    return g.calls[g.layer_by_name(name).id][0]


def test_paste_makes_independent_wired_copies_and_undoes(doc):
    g = doc.graph
    selected = [_node(doc, "dense"), _node(doc, "dropout")]
    positions = {selected[0]: [0, 100], selected[1]: [0, 200]}
    data = json.loads(json.dumps(clipboard.copy_selection(g, selected, positions)))
    before = doc.to_config()
    edit, new_ids = clipboard.paste(g, data, (40, 40))
    inverse = doc.apply(edit)
    dense_copy, dropout_copy = (g.layer_of(n) for n in new_ids)
    assert (dense_copy.name, dropout_copy.name) == ("dense_2", "dropout_1")  # Keras auto-names
    assert dense_copy.id != g.layer_by_name("dense").id  # new weights
    assert dense_copy.config["units"] == 8 and dropout_copy.config["rate"] == 0.5
    assert g.nodes[new_ids[1]].input_refs() == [TensorRef(new_ids[0])]  # inner wire kept
    assert g.nodes[new_ids[0]].args == [None]  # the wire from outside the copy is not copied
    dense_copy.config["units"] = 99  # the original is independent of its copy
    assert g.layer_by_name("dense").config["units"] == 8
    assert clipboard.pasted_positions(data, new_ids, (40, 40)) == {
        new_ids[0]: [40, 140],
        new_ids[1]: [40, 240],
    }
    doc.apply(inverse)
    assert doc.to_config() == before


def test_paste_twice_keeps_names_unique_and_copies_inputs(doc):
    g = doc.graph
    data = clipboard.copy_selection(g, list(g.nodes), {})
    assert [entry["class_name"] for entry in clipboard.keras_text(data)] == [
        "InputLayer",
        "Dense",
        "Dropout",
        "Dense",
    ]
    doc.apply(clipboard.paste(g, data, (0, 0))[0])
    doc.apply(clipboard.paste(g, data, (0, 0))[0])
    names = [layer.name for layer in g.layers.values()]
    assert len(names) == len(set(names)) == 12
    assert [g.layer_of(r.node_id).name for r in g.inputs] == [
        "features",
        "features_1",
        "features_2",
    ]
    results = doc.shapes.infer(g)
    last = g.calls[g.layer_by_name("dense_5").id][0]  # the second copy of dense_1
    assert results[last].error is None and results[last].outputs[0].shape == (None, 4)


def test_shared_calls_stay_shared_in_the_copy(doc):
    g = doc.graph
    dense = g.layer_by_name("dense_1")
    edit, again = ops.apply_again(g, dense.id, [TensorRef(_node(doc, "dropout"))])
    doc.apply(edit)
    data = clipboard.copy_selection(g, [_node(doc, "dense_1"), again], {})
    assert len(data["layers"]) == 1
    doc.apply(clipboard.paste(g, data, (0, 0))[0])
    copy = g.layer_by_name("dense_2")
    assert len(g.calls[copy.id]) == 2


def test_nested_model_is_copied_with_its_body(doc):
    g = doc.graph
    group = grouping.group(g, [_node(doc, "dense"), _node(doc, "dropout")], "block", doc.shapes)
    doc.apply(group)
    block = next(layer for layer in g.layers.values() if layer.body is not None)
    data = json.loads(json.dumps(clipboard.copy_selection(g, g.calls[block.id], {})))
    edit, new_ids = clipboard.paste(g, data, (0, 0))
    doc.apply(edit)
    copy = g.layer_of(new_ids[0])
    assert copy.name == "block_1" and copy.body is not block.body
    assert [layer.name for layer in copy.body.layers.values()] == [
        layer.name for layer in block.body.layers.values()
    ]
    doc.apply(ops.connect(g, TensorRef(_node(doc, "features")), new_ids[0]))
    result = doc.shapes.infer(g)[new_ids[0]]
    assert result.error is None and result.outputs[0].shape == (None, 8)


def test_foreign_clipboard_data_is_refused(doc):
    with pytest.raises(GraphError, match="Received: 'something-else'"):
        clipboard.paste(doc.graph, {"format": "something-else"}, (0, 0))
    with pytest.raises(GraphError, match="Received: 'list'"):
        clipboard.paste(doc.graph, [], (0, 0))


# ---------------------------------------------------------------------- Keras model text


def _branching_model():
    import keras

    inputs = keras.Input((6,), name="features")  # taken in the fixture's graph
    left = keras.layers.Dense(4, name="left")(inputs)
    right = keras.layers.Dense(4, name="dense")(inputs)  # taken too
    merged = keras.layers.Concatenate(name="merge")([left, right])
    return keras.Model(inputs, keras.layers.Dense(2, name="head")(merged), name="branchy")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_model_text_pastes_its_layers_wired_and_laid_out(doc, suffix):
    from engine.io.files import render_config

    g = doc.graph
    text = render_config(json.loads(_branching_model().to_json()), suffix)
    before = doc.to_config()
    data = clipboard.model_text_data(text, (200.0, 80.0))
    assert clipboard.block_origin(data) == (0.0, 0.0)
    edit, new_ids = clipboard.paste(g, data)
    inverse = doc.apply(edit)
    by_name = {g.layer_of(n).name: n for n in new_ids}
    # free names are kept, taken ones get free_name's next suffix
    assert sorted(by_name) == ["dense_2", "features_1", "head", "left", "merge"]
    assert [g.layer_of(r.node_id).name for r in g.inputs] == ["features", "features_1"]
    assert g.nodes[by_name["merge"]].input_refs() == [
        TensorRef(by_name["left"]),
        TensorRef(by_name["dense_2"]),
    ]
    result = doc.shapes.infer(g)[by_name["head"]]
    assert result.error is None and result.outputs[0].shape == (None, 2)
    positions = clipboard.pasted_positions(data, new_ids, (0, 0))
    assert positions[by_name["features_1"]][1] < positions[by_name["left"]][1]
    assert positions[by_name["left"]][1] < positions[by_name["merge"]][1]
    assert positions[by_name["left"]][0] != positions[by_name["dense_2"]][0]  # side by side
    doc.apply(inverse)
    assert doc.to_config() == before


def test_model_text_with_a_lambda_layer_is_refused_unless_allowed():
    import keras

    inputs = keras.Input((3,))
    outputs = keras.layers.Lambda(lambda x: x * 2, name="doubler")(inputs)
    text = keras.Model(inputs, outputs).to_json()
    with pytest.raises(UnsafeContentError, match="Layer 'doubler' is a Lambda") as raised:
        clipboard.model_text_data(text)
    assert "only with 'allow unsafe'" in str(raised.value)
    data = clipboard.model_text_data(text, allow_unsafe=True)  # kept as stored, never run
    (kept,) = [entry for entry in data["layers"] if entry["class_name"] == "Lambda"]
    assert kept["config"]["function"]["class_name"] == "__lambda__"


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("", "The clipboard holds empty text."),
        ("just some words", "The clipboard holds plain text: 'just some words', not a Keras"),
        ("[1, 2]", "a JSON list of 2 item(s), not a Keras model"),
        ('[{"class_name": "Dense", "config": {}}]', "list of 1 layer config(s) (layers, not"),
        ('{"layers": []}', "a JSON object without 'class_name' and 'config' (keys: 'layers')"),
        ("class_name: Dense\nconfig: {name: d}\n", "the config of a single Dense layer"),
        ('{"class_name": "Functional"', "text that is not valid JSON"),
        ("a: &x 1\nb: *x\n", "text that is not valid YAML"),  # aliases: never expanded
    ],
)
def test_text_that_is_not_a_model_says_what_it_is_and_what_paste_accepts(text, described):
    with pytest.raises(FormatError) as raised:
        clipboard.model_text_data(text)
    message = str(raised.value)
    assert described in message
    assert message.endswith(clipboard.PASTE_ACCEPTS)
