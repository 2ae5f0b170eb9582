"""Issue 14 item 7, the engine's half: `plan_group` says what a selection gives or needs.

A selected Input stays outside, a chain whose end is no output yet groups with its end as the
group's output, the layers between selected ones and the other calls of a shared layer are
named (and included on request), and each refusal says what to do.
"""

from __future__ import annotations

import pytest

from engine.errors import DuplicateNameError, GraphError
from engine.model import grouping
from engine.model import operations as ops
from engine.model.document import Document
from engine.model.graph import TensorRef
from tests.engine.invariants import check_structure, snapshot


@pytest.fixture
def chain() -> tuple[Document, list[str]]:
    """Input(8) -> dense -> re_lu -> dense_1 -> re_lu_1; nothing marked as output."""
    doc = Document()
    g = doc.graph
    edit, _, source = ops.add_input(g, (8,))
    doc.apply(edit)
    nodes = [source]
    for class_name, params in (("Dense", {"units": 4}), ("ReLU", {}), ("Dense", {"units": 2}),
                               ("ReLU", {})):  # fmt: skip
        edit, _, node = ops.add_layer(g, class_name, [TensorRef(nodes[-1])], **params)
        doc.apply(edit)
        nodes.append(node)
    return doc, nodes


def test_an_input_stays_outside_and_the_chain_end_becomes_the_output(chain) -> None:
    doc, (source, dense, relu, dense_1, relu_1) = chain
    g = doc.graph
    plan = grouping.plan_group(g, [source, dense, relu], doc.shapes)
    assert plan.refusal is None
    assert plan.inputs_left_out == [source] and plan.nodes == [dense, relu]
    assert plan.inputs == [TensorRef(source)] and plan.outputs == [TensorRef(relu)]
    assert plan.new_outputs == []  # dense_1 reads it: it flows out already
    end = grouping.plan_group(g, [dense_1, relu_1], doc.shapes)
    assert end.outputs == end.new_outputs == [TensorRef(relu_1)]
    assert [s.shape for s in end.output_specs] == [(None, 2)]
    doc.apply(grouping.group(g, [source, dense_1, relu_1], "head", doc.shapes))
    check_structure(g)
    call = g.calls[g.layer_by_name("head").id][0]
    doc.apply(ops.mark_output(g, TensorRef(call)))
    assert doc.problems() == []


def test_layers_between_are_named_and_included_on_request(chain) -> None:
    doc, (_, dense, relu, dense_1, _) = chain
    g = doc.graph
    before = snapshot(doc)
    plan = grouping.plan_group(g, [dense, dense_1], doc.shapes)
    assert plan.between == [relu] and "re_lu" in (plan.refusal or "")
    with pytest.raises(GraphError, match="skips 're_lu'"):
        grouping.group(g, [dense, dense_1], "block", doc.shapes)
    assert snapshot(doc) == before
    inverse = doc.apply(grouping.group(g, [dense, dense_1], "block", doc.shapes, complete=True))
    assert len(g.layer_by_name("block").body.layers) == 4
    doc.apply(inverse)
    assert snapshot(doc) == before


def test_the_other_calls_of_a_shared_layer_are_named_and_included(chain) -> None:
    doc, (_, dense, relu, _, _) = chain
    g = doc.graph
    edit, again = ops.apply_again(g, g.nodes[relu].layer_id, [TensorRef(relu)])
    doc.apply(edit)
    plan = grouping.plan_group(g, [dense, relu], doc.shapes)
    assert plan.other_calls == [again] and "also called outside" in (plan.refusal or "")
    completed = grouping.plan_group(g, [dense, relu], doc.shapes, complete=True)
    assert completed.refusal is None and completed.nodes == [dense, relu, again]


def test_names_and_empty_selections_are_refused_with_what_to_do(chain) -> None:
    doc, (source, dense, *_) = chain
    g = doc.graph
    with pytest.raises(DuplicateNameError):
        grouping.group(g, [dense], "re_lu", doc.shapes)
    with pytest.raises(GraphError, match="'/'"):
        grouping.group(g, [dense], "a/b", doc.shapes)
    only_input = grouping.plan_group(g, [source], doc.shapes)
    assert "An Input stays outside a group" in (only_input.refusal or "")
    edit, _, lonely = ops.add_layer(g, "Dense", units=3)
    doc.apply(edit)
    assert "Nothing flows into the selection" in (
        grouping.plan_group(g, [lonely], doc.shapes).refusal or ""
    )
