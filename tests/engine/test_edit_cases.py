"""Issue 10 §2: the edit engine's invariants, one test per case the stress test found.

Each test builds the case through the operations the window offers and checks the promise: an
edit applies or is refused and changes nothing; when Problems is empty Keras accepts the export
and agrees with every number shown.
"""

from __future__ import annotations

import json

import pytest

from engine.errors import CycleError, DuplicateNameError, GraphError
from engine.model import edits, grouping
from engine.model import operations as ops
from engine.model.document import Document
from engine.model.edits import Edit
from engine.model.graph import TensorRef
from engine.model.keras_config import graph_from_config
from tests.engine.invariants import check_structure, keras_agrees, snapshot
from tests.keras_models import seed_config


def _do(doc: Document, built) -> str | None:
    """Apply an operation's edit; return the node id it made, if any."""
    if isinstance(built, tuple):
        doc.apply(built[0])
        return built[-1]
    doc.apply(built)
    return None


def _call(doc: Document, name: str, index: int = 0) -> str:
    g = doc.graph
    return g.calls[g.layer_by_name(name).id][index]


def _chain(doc: Document, shape: tuple, *layers: tuple[str, dict]) -> list[str]:
    """An Input and a chain of layers after it; returns the node ids, Input first."""
    g = doc.graph
    nodes = [_do(doc, ops.add_input(g, shape))]
    for class_name, params in layers:
        nodes.append(_do(doc, ops.add_layer(g, class_name, [TensorRef(nodes[-1])], **params)))
    return nodes


def _refused_unchanged(doc: Document, build) -> Exception:
    """`build()` (or applying what it returns) is refused with a typed error, changing nothing."""
    before = snapshot(doc)
    with pytest.raises(GraphError) as info:
        built = build()
        doc.apply(built[0] if isinstance(built, tuple) else built)
    assert snapshot(doc) == before
    return info.value


# ---------------------------------------------------------------------- 1. grouping ids


def test_1_group_body_ids_never_collide_with_the_grouped_layers() -> None:
    doc = Document()
    g = doc.graph
    dense = _do(doc, ops.add_layer(g, "Dense", units=4))  # L1 / N2: the ids a new body hands out
    source = _do(doc, ops.add_input(g, (8,)))
    doc.apply(ops.connect(g, TensorRef(source), dense))
    doc.apply(ops.mark_output(g, TensorRef(dense)))
    doc.apply(grouping.group(g, [dense], "block", doc.shapes))
    body = g.layer_by_name("block").body
    assert sorted(layer.class_name for layer in body.layers.values()) == ["Dense", "InputLayer"]
    check_structure(g)
    assert doc.problems() == []
    keras_agrees(doc)


# ---------------------------------------------------------------------- 2. shared layer rebuilt


def test_2_a_shared_layer_rebuilt_for_new_input_sizes_rechecks_all_its_calls() -> None:
    doc = Document()
    g = doc.graph
    a, dense = _chain(doc, (8,), ("Dense", {"units": 3}))
    b = _do(doc, ops.add_input(g, (8,)))
    again = _do(doc, ops.apply_again(g, g.nodes[dense].layer_id, [TensorRef(b)]))
    doc.apply(ops.mark_output(g, TensorRef(dense)))
    doc.apply(ops.mark_output(g, TensorRef(again)))
    assert doc.problems() == []
    doc.apply(ops.set_params(g, g.nodes[a].layer_id, batch_shape=[None, 16]))
    # the layer is now built for 16 features: its second call, on 8, is what Keras refuses
    assert [p.node_id for p in doc.problems()] == [again]
    doc.apply(ops.set_params(g, g.nodes[b].layer_id, batch_shape=[None, 16]))
    assert doc.problems() == []
    keras_agrees(doc)


# ---------------------------------------------------------------------- 3. model names


def test_3_model_names_are_checked_like_layer_names() -> None:
    doc = Document(graph_from_config(seed_config("S16_shared_vision")))
    g = doc.graph
    body = g.layer_by_name("vision").body
    before = snapshot(doc)
    with pytest.raises(DuplicateNameError, match="digit_a"):
        edits.apply(body, Edit("set_model_name", {"name": "digit_a"}))
    for bad in ("a/b", "", "  ", 3):
        with pytest.raises(GraphError, match="name"):
            doc.apply(Edit("set_model_name", {"name": bad}))
    assert snapshot(doc) == before
    edits.apply(body, Edit("set_model_name", {"name": "eyes"}))  # a free name is fine
    doc.shapes.invalidate(g)
    assert g.layer_by_name("eyes").body is body
    assert doc.problems() == []
    keras_agrees(doc)


# ---------------------------------------------------------------------- 4. missing outputs


def test_4_an_output_whose_tensor_is_gone_is_a_problem() -> None:
    doc = Document()
    g = doc.graph
    _, lstm = _chain(doc, (10, 8), ("LSTM", {"units": 4, "return_state": True}))
    doc.apply(ops.mark_output(g, TensorRef(lstm, 2)))
    assert doc.problems() == []
    keras_agrees(doc)
    doc.apply(ops.set_params(g, g.nodes[lstm].layer_id, return_state=False))
    problems = doc.problems()
    assert [p.node_id for p in problems] == [lstm]
    assert "#2" in problems[0].message and "1" in problems[0].message


def test_4_a_nested_model_without_outputs_is_a_problem() -> None:
    doc = Document()
    g = doc.graph
    _, dense, relu = _chain(doc, (8,), ("Dense", {"units": 4}), ("ReLU", {}))
    doc.apply(ops.mark_output(g, TensorRef(relu)))
    doc.apply(grouping.group(g, [dense], "block", doc.shapes))
    body = g.layer_by_name("block").body
    edits.apply(body, Edit("set_outputs", {"refs": []}))
    doc.shapes.invalidate(g)
    messages = [str(p) for p in doc.problems()]
    assert any("block" in m and "no output" in m for m in messages), messages


# ---------------------------------------------------------------------- 5. dead ends in groups


def test_5_a_dead_end_inside_a_group_is_a_problem_and_not_counted() -> None:
    doc = Document()
    g = doc.graph
    _, dense = _chain(doc, (8,), ("Dense", {"units": 4}))
    dead = _do(doc, ops.add_layer(g, "Dense", [TensorRef(dense)], units=100))
    doc.apply(ops.mark_output(g, TensorRef(dense)))
    doc.apply(grouping.group(g, [dense, dead], "block", doc.shapes))
    block = g.layer_by_name("block")
    assert doc.shapes.param_counts(g, block) == (36, 0)  # what Keras counts: 8*4 + 4
    messages = [str(p) for p in doc.problems()]
    assert any("block" in m and "dense_1" in m and "output" in m for m in messages), messages


# ---------------------------------------------------------------------- 6. nested Sequential


def _with_nested_sequential() -> Document:
    import keras
    from keras import layers

    keras.backend.clear_session()
    inner = keras.Sequential(
        [keras.Input((8,)), layers.Dense(4, name="first"), layers.Dense(2, name="second")],
        name="inner",
    )
    x = keras.Input((8,), name="x")
    model = keras.Model(x, layers.Dense(1, name="head")(inner(x)), name="outer")
    return Document(graph_from_config(json.loads(model.to_json())))


def test_6_a_nested_sequential_exports_up_to_its_output() -> None:
    doc = _with_nested_sequential()
    g = doc.graph
    body = g.layer_by_name("inner").body
    first = body.calls[body.layer_by_name("first").id][0]
    edits.apply(body, Edit("set_outputs", {"refs": [TensorRef(first)]}))
    doc.shapes.invalidate(g)
    messages = [str(p) for p in doc.problems()]
    assert any("inner" in m and "second" in m for m in messages), messages
    nested = next(e for e in doc.to_config()["config"]["layers"] if e["name"] == "inner")
    inner = [e["config"]["name"] for e in nested["config"]["layers"]]
    assert inner == [inner[0], "first"]  # its InputLayer, then the layers up to the output
    # without the dead end, the model is valid and Keras agrees
    second = body.calls[body.layer_by_name("second").id][0]
    edits.apply(body, ops.remove_nodes(body, [second]))
    doc.shapes.invalidate(g)
    assert doc.problems() == []
    keras_agrees(doc)


# ---------------------------------------------------------------------- 7. nested input shapes


def test_7_a_nested_model_refuses_shapes_its_input_was_not_built_for() -> None:
    doc = Document(graph_from_config(seed_config("S16_shared_vision")))
    g = doc.graph
    digit_b = g.layer_by_name("digit_b")
    doc.apply(ops.set_params(g, digit_b.id, batch_shape=[None, 32, 32, 1]))
    problems = doc.problems()
    assert [p.node_id for p in problems] == [_call(doc, "vision", 1)]
    assert "(None, 27, 27, 1)" in problems[0].message
    doc.apply(ops.set_params(g, digit_b.id, batch_shape=[None, 27, 27, 1]))
    assert doc.problems() == []


# ---------------------------------------------------------------------- 8. Sequential + branch


def test_8_a_sequential_born_document_with_a_branch_exports() -> None:
    doc = Document(graph_from_config(seed_config("S9_mlp_sequential")))
    g = doc.graph
    source = g.inputs[0]
    side = _do(doc, ops.add_layer(g, "Dense", [source], units=5))
    last = g.outputs[0]
    cat = _do(doc, ops.add_layer(g, "Concatenate", [last, TensorRef(side)]))
    doc.apply(ops.mark_output(g, TensorRef(cat)))
    doc.apply(ops.unmark_output(g, last))
    assert doc.problems() == []
    assert doc.to_config()["class_name"] == "Functional"
    keras_agrees(doc)
    with pytest.raises(GraphError, match="single chain"):
        doc.to_config(as_sequential=True)


# ---------------------------------------------------------------------- 9. tensors in kwargs


def _with_initial_state() -> Document:
    import keras
    from keras import layers

    keras.backend.clear_session()
    seq = keras.Input((10, 8), name="seq")
    context = keras.Input((6,), name="context")
    h = layers.Dense(16, name="h")(context)
    c = layers.Dense(16, name="c")(context)
    out = layers.LSTM(16, name="lstm")(seq, initial_state=[h, c])
    model = keras.Model([seq, context], out, name="stateful_start")
    return Document(graph_from_config(json.loads(model.to_json())))


def test_9_tensors_in_a_kwargs_list_have_ports() -> None:
    doc = _with_initial_state()
    g = doc.graph
    lstm = _call(doc, "lstm")
    labels = [label for _, label, _ in ops.input_ports(g, lstm)]
    assert labels == ["input", "initial_state[0]", "initial_state[1]"]
    assert doc.problems() == []
    keras_agrees(doc)
    before = snapshot(doc)
    inverse = doc.apply(ops.remove_nodes(g, [_call(doc, "h")]))
    assert "h" not in [layer.name for layer in g.layers.values()]
    check_structure(g)
    doc.apply(inverse)
    assert snapshot(doc) == before
    # grouping the state's sources, then ungrouping: JSON-safe both ways
    grouped = doc.apply(grouping.group(g, [_call(doc, "h"), _call(doc, "c")], "state", doc.shapes))
    assert doc.problems() == []
    keras_agrees(doc)
    json.dumps(snapshot(doc))
    grouped_snapshot = snapshot(doc)
    ungrouped = doc.apply(grouping.ungroup(g, _call(doc, "state")))
    assert doc.problems() == []
    keras_agrees(doc)
    doc.apply(ungrouped)
    assert snapshot(doc) == grouped_snapshot
    doc.apply(grouped)
    assert snapshot(doc) == before


def test_9_a_model_holding_a_kwargs_tensor_ungroups() -> None:
    doc = _with_initial_state()
    g = doc.graph
    nodes = [_call(doc, name) for name in ("h", "c", "lstm")]
    doc.apply(grouping.group(g, nodes, "encoder", doc.shapes))
    before = snapshot(doc)
    inverse = doc.apply(grouping.ungroup(g, _call(doc, "encoder")))
    assert doc.problems() == []
    keras_agrees(doc)
    doc.apply(inverse)
    assert snapshot(doc) == before


# ---------------------------------------------------------------------- 10. ungroup


def _grouped_chain() -> tuple[Document, str]:
    doc = Document()
    g = doc.graph
    _, dense, relu = _chain(doc, (8,), ("Dense", {"units": 4}), ("ReLU", {}))
    doc.apply(ops.mark_output(g, TensorRef(relu)))
    doc.apply(grouping.group(g, [dense, relu], "block", doc.shapes))
    return doc, _call(doc, "block")


def test_10_ungroup_after_the_inner_output_was_removed_is_refused_clearly() -> None:
    doc, call = _grouped_chain()
    body = doc.graph.layer_by_name("block").body
    relu = body.calls[body.layer_by_name("re_lu").id][0]
    edits.apply(body, ops.remove_nodes(body, [relu]))
    doc.shapes.invalidate(doc.graph)
    error = _refused_unchanged(doc, lambda: grouping.ungroup(doc.graph, call))
    assert "output" in str(error) and "block" in str(error)


def test_10_ungroup_when_an_inner_layer_has_the_models_name() -> None:
    doc, call = _grouped_chain()
    g = doc.graph
    body = g.layer_by_name("block").body
    edits.apply(body, ops.rename(body, body.layer_by_name("dense").id, "block"))
    doc.shapes.invalidate(g)
    before = snapshot(doc)
    inverse = doc.apply(grouping.ungroup(g, call))
    assert sorted(layer.name for layer in g.layers.values()) == ["block", "input_layer", "re_lu"]
    assert doc.problems() == []
    keras_agrees(doc)
    doc.apply(inverse)
    assert snapshot(doc) == before


# ---------------------------------------------------------------------- 11. call order cycles


def test_11_a_shared_layers_first_call_cannot_read_its_later_call() -> None:
    doc = Document()
    g = doc.graph
    source, dense = _chain(doc, (4,), ("Dense", {"units": 4}))
    doc.apply(ops.disconnect(g, dense, ("args", 0)))
    again = _do(doc, ops.apply_again(g, g.nodes[dense].layer_id, [TensorRef(source)]))
    error = _refused_unchanged(doc, lambda: ops.connect(g, TensorRef(again), dense))
    assert isinstance(error, CycleError)
    assert "call" in str(error) and "dense" in str(error)


def test_11_a_graph_with_a_call_order_cycle_is_a_problem_not_a_recursion() -> None:
    doc = Document()
    g = doc.graph
    source, dense = _chain(doc, (4,), ("Dense", {"units": 4}))
    again = _do(doc, ops.apply_again(g, g.nodes[dense].layer_id, [TensorRef(source)]))
    g.nodes[dense].args = [TensorRef(again)]  # as a damaged file could hold it
    doc.apply(ops.mark_output(g, TensorRef(dense)))
    doc.shapes.invalidate(g)
    problems = doc.problems()
    assert any("cycle" in p.message for p in problems)


# ---------------------------------------------------------------------- 12. non-convex groups


def test_12_a_non_convex_selection_is_refused_naming_the_layer_between() -> None:
    doc = Document()
    g = doc.graph
    _, first, _, last = _chain(
        doc, (8,), ("Dense", {"units": 4}), ("ReLU", {}), ("Dense", {"units": 2})
    )
    doc.apply(ops.mark_output(g, TensorRef(last)))
    error = _refused_unchanged(doc, lambda: grouping.group(g, [first, last], "block", doc.shapes))
    assert "re_lu" in str(error) and "cycle" not in str(error)


# ---------------------------------------------------------------------- found by the fuzz


def test_fuzz_a_nested_models_error_does_not_depend_on_layer_order() -> None:
    """Inside a nested model, the error shown on its calls is the first on the way to its
    outputs, whatever order its layers were added in (a saved project lists them otherwise)."""
    doc = Document(graph_from_config(seed_config("S16_shared_vision")))
    g = doc.graph
    vision = g.layer_by_name("vision")
    body = vision.body
    path = [vision.id]
    pool, flatten = (body.calls[body.layer_by_name(n).id][0] for n in ("max_pooling2d", "flatten"))
    doc.apply_inside(path, ops.disconnect(body, pool, ("args", 0)))
    doc.apply_inside(path, ops.disconnect(body, flatten, ("args", 0)))
    fresh = Document(graph_from_config(json.loads(snapshot(doc))["model"]))
    assert sorted(map(str, doc.problems())) == sorted(map(str, fresh.problems()))
    assert "flatten: Not connected: this call has no input yet" in str(doc.problems()[0])


def test_fuzz_messages_name_a_renamed_layer_by_its_new_name() -> None:
    doc = Document()
    g = doc.graph
    _, dense, relu = _chain(doc, (8,), ("Dense", {"units": 4}), ("ReLU", {}))
    doc.apply(ops.connect(g, TensorRef(dense, 1), relu, ("args", 0)))  # Dense has one output
    doc.apply(ops.mark_output(g, TensorRef(relu)))
    assert "'dense' has no output #1" in str(doc.problems())
    doc.apply(ops.rename(g, g.nodes[dense].layer_id, "hidden"))
    assert "'hidden' has no output #1" in str(doc.problems())


def test_fuzz_a_sequential_whose_chain_is_cut_saves_and_undoes() -> None:
    """Disconnecting the first layer of a Sequential-born model (the seed's `mlp_digits`):
    the project is still written (as Functional, with the cut shown as a problem) and undo
    restores it; the chain walk once ran off the cut with an IndexError."""
    from engine.io.project import load_project
    from tests.engine.edit_fuzz import TEMPLATES

    doc = load_project(TEMPLATES / "mlp_digits.kcanvas")
    assert doc.graph.kind == "Sequential"
    before = snapshot(doc)
    dense = _call(doc, "dense")
    inverse = doc.apply(ops.disconnect(doc.graph, dense, ("args", 0)))
    assert json.loads(snapshot(doc))["model"]["class_name"] == "Functional"
    assert "dense: Not connected" in " ".join(map(str, doc.problems()))
    doc.apply(inverse)
    assert snapshot(doc) == before


def test_fuzz_ungroup_when_an_inner_layer_reads_a_missing_tensor_of_its_input() -> None:
    """Inside the model, a layer wired to tensor #1 of its Input (an Input has one): ungroup
    is refused with a message saying what to fix (it raised KeyError)."""
    doc, call = _grouped_chain()
    block = doc.graph.layer_by_name("block")
    body = block.body
    dense = body.calls[body.layer_by_name("dense").id][0]
    wrong = TensorRef(body.inputs[0].node_id, 1)
    doc.apply_inside([block.id], ops.connect(body, wrong, dense, ("args", 0)))
    assert "Inside model 'block'" in " ".join(map(str, doc.problems()))
    error = _refused_unchanged(doc, lambda: grouping.ungroup(doc.graph, call))
    assert "block" in str(error) and "tensor #1" in str(error)
