"""Copy and paste through the engine: independent copies, wired as copied, one undoable edit."""

from __future__ import annotations

import json

import pytest

from engine import clipboard, grouping
from engine import operations as ops
from engine.document import Document
from engine.errors import GraphError
from engine.graph import TensorRef


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
