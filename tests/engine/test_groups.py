"""Groups from name scopes and structure, collapse levels, and the drawn view (no Qt)."""

from __future__ import annotations

import copy

import pytest

from engine.diagram import scopes
from engine.diagram.dag import dag_of
from engine.diagram.groups import GroupTree, find_groups
from engine.diagram.view import group_unit, project
from engine.model.document import Document
from engine.model.keras_config import graph_from_config, graph_to_config
from tests.keras_models import APPLICATIONS, application_config


@pytest.fixture(scope="module")
def trees() -> dict[str, tuple]:
    found = {}
    for name in APPLICATIONS:
        graph = graph_from_config(application_config(name))
        found[name] = (graph, find_groups(graph))
    return found


def _names(graph, tree: GroupTree, key: str) -> set[str]:
    return {graph.layer_of(n).name for n in tree.groups[key].members}


def test_names_read_as_scopes():
    assert scopes.tokens("conv3_block2_1_conv") == ["conv3", "block2", "1", "conv"]
    assert scopes.tokens("block_5_expand") == ["block_5", "expand"]
    assert scopes.prefix_scopes("conv3_block2_1_conv", "Conv2D") == [
        "conv3", "conv3_block2", "conv3_block2_1"]  # fmt: skip
    assert scopes.prefix_scopes("block_5_expand_BN", "BatchNormalization") == [
        "block_5", "block_5_expand"]  # fmt: skip
    # names Keras made up say nothing about structure
    made_up = [("batch_normalization_7", "BatchNormalization"), ("re_lu_3", "ReLU"),
               ("conv2d", "Conv2D"), ("mixed3", "Concatenate")]  # fmt: skip
    for name, class_name in made_up:
        assert scopes.prefix_scopes(name, class_name) == []
    assert scopes.suffix_scopes("reduction_add_1_stem_1", "Add") == ["*_stem_1", "*_1"]
    assert scopes.suffix_scopes("adjust_bn_5", "BatchNormalization") == ["*_bn_5", "*_5"]


def test_resnet50_reads_as_stages_of_blocks(trees):
    graph, tree = trees["ResNet50"]
    stages = [key for key, group in tree.groups.items() if group.depth == 1]
    assert sorted(stages) == ["conv1", "conv2", "conv3", "conv4", "conv5"]
    assert tree.groups["conv3"].children == [f"conv3_block{i}" for i in range(1, 5)] or sorted(
        tree.groups["conv3"].children) == [f"conv3_block{i}" for i in range(1, 5)]  # fmt: skip
    block = _names(graph, tree, "conv3_block2")
    parts = ("1_conv", "1_bn", "1_relu", "2_conv", "2_bn", "2_relu", "3_conv", "3_bn", "add",
             "out")  # fmt: skip
    assert block == {f"conv3_block2_{part}" for part in parts}
    assert tree.default_level() == 2  # its 16 blocks as cards, the stages as frames
    view = project(graph, tree, tree.collapsed_at_level(2))
    assert len(view.units) <= 48
    assert group_unit("conv3_block2") in view.units and "conv3" in view.frames


def test_mobilenet_v2_block_holds_its_expand_depthwise_project_add(trees):
    graph, tree = trees["MobileNetV2"]
    names = _names(graph, tree, "block_5")
    assert {
        "block_5_expand",
        "block_5_depthwise_relu",
        "block_5_project_BN",
        "block_5_add",
    } <= names
    assert len(names) == 9


def test_inception_modules_are_found_from_structure(trees):
    """InceptionV3's branch layers have made-up names; its modules close with `mixedN`."""
    graph, tree = trees["InceptionV3"]
    modules = [group.label for group in tree.groups.values() if group.kind == "block"]
    assert sorted(modules) == sorted(f"mixed{i}" for i in range(11))
    mixed3 = tree.groups["~mixed3"]
    assert graph.layer_of(mixed3.members[-1]).name == "mixed3"
    assert all(not graph.layer_of(n).is_input for n in mixed3.members)


def test_nasnet_cells_are_the_names_ending_in_the_same_id(trees):
    graph, tree = trees["NASNetMobile"]
    cell = tree.groups["*_5"]
    assert cell.label == "normal 5"
    assert "adjust_bn_5" in _names(graph, tree, "*_5")
    assert {group.label for group in tree.groups.values()} >= {"stem 1", "reduce 4", "normal 12"}
    assert tree.visible_count(tree.collapsed_at_level(1)) <= 30


def test_a_shortcut_with_made_up_names_joins_its_block(trees):
    graph, tree = trees["Xception"]
    block2 = _names(graph, tree, "block2")
    assert {"block2_sepconv1", "block2_pool", "conv2d", "batch_normalization", "add"} <= block2


def test_inception_resnet_stages_hold_blocks_named_by_their_scope(trees):
    graph, tree = trees["InceptionResNetV2"]
    assert tree.groups["~block35_1"].parent == "block35"
    assert "block35_1_mixed" in _names(graph, tree, "~block35_1")
    assert len(tree.groups["block35"].children) == 10


def test_every_group_of_every_application_is_convex_and_nested(trees):
    """No path leaves a group and comes back: a collapsed group never makes the drawing loop."""
    for name, (graph, tree) in trees.items():
        dag = dag_of(graph)
        assert 0 <= tree.default_level() <= tree.max_depth, name
        for key, group in tree.groups.items():
            members = set(group.members)
            assert len(members) >= 4, (name, key)
            assert len(members) < 0.75 * len(graph.nodes), (name, key)
            if group.parent is not None:
                assert members < set(tree.groups[group.parent].members), (name, key)
            outside = [s for n in members for s in dag.succs[n] if s not in members]
            seen = set(outside)
            while outside:
                node_id = outside.pop()
                assert node_id not in members, f"{name}: {key} is not convex"
                for succ in dag.succs[node_id]:
                    if succ not in seen:
                        assert succ not in members, f"{name}: {key} is not convex"
                        seen.add(succ)
                        outside.append(succ)


def test_collapsed_views_draw_each_call_once_and_merge_wires(trees):
    graph, tree = trees["DenseNet121"]
    level = tree.default_level()
    view = project(graph, tree, tree.collapsed_at_level(level))
    assert set(view.unit_of) == set(graph.nodes)
    assert len(view.units) == tree.visible_count(tree.collapsed_at_level(level)) <= 48
    assert len(set(view.wires)) == len(view.wires)
    assert all(a != b for a, b in view.wires)
    dense = tree.groups["conv3"]
    unit = view.unit_of[dense.members[0]]
    assert unit == group_unit("conv3")
    assert all(view.unit_of[n] == unit for n in dense.members)
    everything = project(graph, tree, set())
    assert everything.units == dag_of(graph).order  # level 0: every call its own card


def test_grouping_and_collapsing_never_change_the_model(trees):
    for name in ("ResNet50", "NASNetMobile", "InceptionV3"):
        graph, _tree = trees[name]
        document = Document(copy.deepcopy(graph))
        before = graph_to_config(document.graph, document.shapes, lenient=True)
        tree = find_groups(document.graph)
        for level in range(tree.max_depth + 1):
            project(document.graph, tree, tree.collapsed_at_level(level))
        assert graph_to_config(document.graph, document.shapes, lenient=True) == before


def test_group_keys_are_stable_across_a_reload(trees):
    _graph, tree = trees["EfficientNetB0"]
    again = find_groups(graph_from_config(application_config("EfficientNetB0")))
    assert list(again.groups) == list(tree.groups)
    assert {k: g.label for k, g in again.groups.items()} == {
        k: g.label for k, g in tree.groups.items()}  # fmt: skip


def test_small_models_open_with_nothing_collapsed(trees):
    _graph, tree = trees["VGG16"]
    assert tree.groups and tree.default_level() == 0


def test_a_nested_model_opened_draws_its_body_and_wires_through_it():
    from engine.diagram.layout import lay_out
    from engine.diagram.view import inner_unit
    from tests.keras_models import seed_config

    graph = graph_from_config(seed_config("S16_shared_vision"))
    first, second = [n for n in graph.nodes if graph.layer_of(n).is_model]  # one model, 2 calls
    body = graph.layer_of(first).body
    view = project(graph, find_groups(graph), set(), opened={first})
    inside = [inner_unit(first, n) for n in body.nodes]
    assert set(inside) <= set(view.units) and first not in view.units and second in view.units
    assert view.frames == [f"model:{first}"]
    assert all(view.parent[u] == f"model:{first}" for u in inside)
    image = graph.nodes[first].input_refs()[0].node_id
    assert (image, inner_unit(first, body.inputs[0].node_id)) in view.wires
    readers = [n for n, node in graph.nodes.items()
               if any(r.node_id == first for r in node.input_refs())]  # fmt: skip
    assert (inner_unit(first, body.outputs[0].node_id), readers[0]) in view.wires
    layout = lay_out(view)
    assert set(layout.routes) == set(view.wires)
    frame = layout.frames[f"model:{first}"]
    for unit in inside:
        x, y = layout.positions[unit]
        assert frame[0] <= x and frame[1] <= y
