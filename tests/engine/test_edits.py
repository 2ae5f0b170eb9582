"""Edits through the engine: seed models built step by step equal plain Keras; every edit undoes."""

from __future__ import annotations

import json

import pytest

from engine.errors import CycleError, DuplicateNameError, GraphError
from engine.model import edits, grouping
from engine.model import operations as ops
from engine.model.document import Document
from engine.model.graph import TensorRef
from engine.model.keras_config import graph_from_config
from tests.keras_models import seed_config


def _build_shared_lstm(doc: Document) -> list:
    """S14 through user-level operations; returns the inverses, newest last."""
    g = doc.graph
    g.name = "shared_lstm"
    undo = []

    def do(edit):
        undo.append(doc.apply(edit))

    e, _, a = ops.add_input(g, (140, 256), name="tweet_a")
    do(e)
    e, _, b = ops.add_input(g, (140, 256), name="tweet_b")
    do(e)
    e, lstm, first = ops.add_layer(g, "LSTM", units=64)
    do(e)
    do(ops.connect(g, TensorRef(a), first))
    e, second = ops.apply_again(g, lstm)
    do(e)
    do(ops.connect(g, TensorRef(b), second))
    e, _, cat = ops.add_layer(g, "Concatenate")
    do(e)
    do(ops.connect(g, TensorRef(first), cat))  # the merge layer grows a port per connection
    do(ops.connect(g, TensorRef(second), cat))
    e, dense, out = ops.add_layer(g, "Dense", [TensorRef(cat)], units=7)
    do(e)
    do(ops.set_params(g, dense, units=1, activation="sigmoid"))
    do(ops.mark_output(g, TensorRef(out)))
    return undo


def _json(doc: Document) -> str:
    return json.dumps(doc.to_config(), sort_keys=True)


def test_shared_lstm_built_by_edits_equals_keras_and_undoes_to_empty() -> None:
    doc = Document()
    undo = _build_shared_lstm(doc)
    assert doc.to_config() == seed_config("S14_shared_lstm")
    built = _json(doc)
    redo = [doc.apply(inverse) for inverse in reversed(undo)]
    assert not doc.graph.layers and not doc.graph.nodes and not doc.graph.outputs
    for edit in reversed(redo):
        doc.apply(edit)
    assert _json(doc) == built


def test_shared_layer_calls_have_their_own_shapes() -> None:
    doc = Document(graph_from_config(seed_config("S8_shared_conv")))
    conv = doc.graph.layer_by_name("shared_conv")
    doc.apply(ops.set_params(doc.graph, conv.id, filters=8))
    results = doc.results()
    shapes = [results[n].outputs[0].shape for n in doc.graph.calls[conv.id]]
    assert shapes == [(None, 32, 32, 8), (None, 64, 64, 8)]


def test_cycle_is_refused_with_the_reason() -> None:
    doc = Document(graph_from_config(seed_config("S9_mlp")))
    g = doc.graph
    first = g.calls[g.layer_by_name("dense").id][0]
    last = g.calls[g.layer_by_name("dense_2").id][0]
    with pytest.raises(CycleError, match="cycle"):
        doc.apply(ops.connect(g, TensorRef(last), first, ("args", 0)))


def test_input_takes_no_connection_and_names_stay_unique() -> None:
    doc = Document(graph_from_config(seed_config("S9_mlp")))
    g = doc.graph
    inp = g.inputs[0].node_id
    dense = g.calls[g.layer_by_name("dense").id][0]
    with pytest.raises(GraphError, match="Input takes no incoming"):
        ops.connect(g, TensorRef(dense), inp)
    with pytest.raises(DuplicateNameError, match="Received: 'dense'"):
        doc.apply(ops.rename(g, g.layer_by_name("dense_1").id, "dense"))


def test_rename_keeps_references() -> None:
    doc = Document(graph_from_config(seed_config("S9_mlp")))
    g = doc.graph
    doc.apply(ops.rename(g, g.layer_by_name("dense").id, "hidden"))
    cfg = doc.to_config()
    dropout = next(x for x in cfg["config"]["layers"] if x["name"] == "dropout")
    assert dropout["inbound_nodes"][0]["args"][0]["config"]["keras_history"] == ["hidden", 0, 0]


def test_concatenate_axis_changes_shapes_visibly() -> None:
    """The seed's channels-first axis=1 is valid here too, but gives another shape."""
    doc = Document(graph_from_config(seed_config("S15_inception")))
    g = doc.graph
    cat = g.layer_by_name("concatenate")
    doc.apply(ops.set_params(g, cat.id, axis=1))
    node = g.calls[cat.id][0]
    assert doc.results()[node].outputs[0].shape == (None, 768, 256, 64)
    doc.apply(ops.set_params(g, cat.id, axis=-1))
    assert doc.results()[node].outputs[0].shape == (None, 256, 256, 192)
    assert doc.to_config() == seed_config("S15_inception")


def test_bad_parameter_is_a_node_error_not_an_exception() -> None:
    doc = Document(graph_from_config(seed_config("S13_news_two_io")))
    g = doc.graph
    cat = g.layer_by_name("concatenate")
    doc.apply(ops.set_params(g, cat.id, axis=0))  # (None, 32) and (None, 5) differ on axis 1
    problems = doc.problems()
    assert [p.layer_name for p in problems] == ["concatenate"]
    assert "Received" in problems[0].message
    with pytest.raises(Exception, match="unknown"):
        doc.to_config()  # no export of a broken model
    doc.apply(ops.set_params(g, cat.id, axis=-1))
    assert doc.problems() == []


def test_only_downstream_is_recomputed() -> None:
    doc = Document(graph_from_config(seed_config("S13_news_two_io")))
    doc.results()
    before = doc.shapes.computed
    doc.apply(ops.set_params(doc.graph, doc.graph.layer_by_name("dense_2").id, units=16))
    doc.results()
    assert doc.shapes.computed - before == 2  # dense_2 and main_output, nothing else


def test_append_and_pop_are_the_seeds_add_and_pop() -> None:
    doc = Document(graph_from_config(seed_config("S9_mlp")))
    g = doc.graph
    edit, _, _ = ops.append(g, "Dense", units=3)
    doc.apply(edit)
    assert g.layer_of(g.outputs[0].node_id).config["units"] == 3
    doc.apply(ops.pop(g))
    assert doc.to_config() == seed_config("S9_mlp")


def test_remove_node_then_undo_restores_identical_json() -> None:
    doc = Document(graph_from_config(seed_config("S13_news_two_io")))
    g = doc.graph
    before = _json(doc)
    lstm = g.calls[g.layer_by_name("lstm").id][0]
    inverse = doc.apply(ops.remove_nodes(g, [lstm]))
    assert "lstm" not in [layer.name for layer in g.layers.values()]
    assert any("Not connected" in p.message for p in doc.problems())
    doc.apply(inverse)
    assert _json(doc) == before


def test_failed_compound_leaves_graph_unchanged() -> None:
    doc = Document(graph_from_config(seed_config("S9_mlp")))
    before = _json(doc)
    bad = edits.compound(
        [ops.rename(doc.graph, doc.graph.layer_by_name("dense").id, "x"), edits.Edit("nope")]
    )
    with pytest.raises(GraphError):
        doc.apply(bad)
    assert _json(doc) == before


def test_group_into_model_and_apply_again_builds_shared_vision() -> None:
    doc = Document()
    g = doc.graph
    g.name = "shared_vision"
    e, _, a = ops.add_input(g, (27, 27, 1), name="digit_a")
    doc.apply(e)
    e, _, b = ops.add_input(g, (27, 27, 1), name="digit_b")
    doc.apply(e)
    chain, previous = [], TensorRef(a)
    for cls, params in [("Conv2D", {"filters": 64, "kernel_size": (3, 3)}),
                        ("Conv2D", {"filters": 64, "kernel_size": (3, 3)}),
                        ("MaxPooling2D", {"pool_size": (2, 2)}), ("Flatten", {})]:  # fmt: skip
        e, _, node = ops.add_layer(g, cls, [previous], **params)
        doc.apply(e)
        chain.append(node)
        previous = TensorRef(node)
    doc.apply(ops.mark_output(g, previous))
    doc.apply(grouping.group(g, chain, "vision", doc.shapes))
    vision = g.layer_by_name("vision")
    body = vision.body
    edits.apply(body, ops.rename(body, body.input_layers()[0].id, "digit"))
    doc.shapes.invalidate(g)
    call_a = g.calls[vision.id][0]
    e, call_b = ops.apply_again(g, vision.id, [TensorRef(b)])
    doc.apply(e)
    e, _, cat = ops.add_layer(g, "Concatenate", [TensorRef(call_a), TensorRef(call_b)])
    doc.apply(e)
    e, _, out = ops.add_layer(g, "Dense", [TensorRef(cat)], units=1, activation="sigmoid")
    doc.apply(e)
    doc.apply(ops.unmark_output(g, TensorRef(call_a)))
    doc.apply(ops.mark_output(g, TensorRef(out)))
    assert doc.to_config() == seed_config("S16_shared_vision")
    with pytest.raises(GraphError, match="applied 2 times"):
        grouping.ungroup(g, call_a)


def test_ungroup_then_undo_is_exact() -> None:
    doc = Document(graph_from_config(seed_config("S17_vqa")))
    g = doc.graph
    before = _json(doc)
    call = g.calls[g.layer_by_name("vision_model").id][0]
    inverse = doc.apply(grouping.ungroup(g, call))
    names = [layer.name for layer in g.layers.values()]
    assert "vision_model" not in names and "conv2d_3" in names
    assert doc.problems() == []
    ungrouped = doc.to_config()
    assert ungrouped["config"]["output_layers"] == ["dense", 0, 0]
    doc.apply(inverse)
    assert _json(doc) == before


@pytest.mark.parametrize("class_name", ["Attention", "AdditiveAttention", "MultiHeadAttention"])
def test_attention_layers_get_query_and_value_ports_and_equal_keras(class_name: str) -> None:
    import keras

    params = {"num_heads": 2, "key_dim": 4} if class_name == "MultiHeadAttention" else {}
    q, v = keras.Input((4, 8), name="query"), keras.Input((6, 8), name="value")
    layer = getattr(keras.layers, class_name)(name="attend", **params)
    out = layer(q, v) if class_name == "MultiHeadAttention" else layer([q, v])
    expected = json.loads(keras.Model([q, v], out, name="attend").to_json())
    if class_name == "MultiHeadAttention":
        # a built MHA writes the axes it chose ([1]); whether Keras records the None masks in
        # the call's kwargs depends on what ran before in the process: compare the rest
        expected["config"]["layers"][2]["config"]["attention_axes"] = None
        expected["config"]["layers"][2]["inbound_nodes"][0]["kwargs"] = {}

    doc = Document()
    g = doc.graph
    g.name = "attend"
    e, _, query = ops.add_input(g, (4, 8), name="query")
    doc.apply(e)
    e, _, value = ops.add_input(g, (6, 8), name="value")
    doc.apply(e)
    e, _, attend = ops.add_layer(g, class_name, name="attend", **params)
    doc.apply(e)
    assert [label for _, label, _ in ops.input_ports(g, attend)] == ["query", "value"]
    doc.apply(ops.connect(g, TensorRef(query), attend))  # first free port: query
    doc.apply(ops.connect(g, TensorRef(value), attend))
    doc.apply(ops.mark_output(g, TensorRef(attend)))
    assert doc.results()[attend].error is None
    config = doc.to_config()
    if class_name == "MultiHeadAttention":
        assert config["config"]["layers"][2]["inbound_nodes"][0]["kwargs"] == {
            "query_mask": None,
            "value_mask": None,
        }
        config["config"]["layers"][2]["inbound_nodes"][0]["kwargs"] = {}
    assert config == expected


def test_a_model_without_outputs_lists_its_layers_in_the_order_data_flows() -> None:
    """Added last, read first: the summary follows the wires, not the order of adding."""
    from engine.model import operations as ops
    from engine.model.document import Document
    from engine.model.graph import Graph, TensorRef
    from engine.model.summary import summarize

    document = Document(Graph())
    edit, _, late = ops.add_layer(document.graph, "Dense", name="late", units=2)
    document.apply(edit)
    edit, _, source = ops.add_input(document.graph, (4,), name="source")
    document.apply(edit)
    edit, _, early = ops.add_layer(
        document.graph, "Dense", [TensorRef(source)], name="early", units=3
    )
    document.apply(edit)
    document.apply(ops.connect(document.graph, TensorRef(early), late))
    assert not document.graph.outputs
    assert [row.name for row in summarize(document).rows] == ["source", "early", "late"]
