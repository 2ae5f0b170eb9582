"""Collapsible groups on the canvas: a view of the model, opened and closed in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QPainterPathStroker
from PySide6.QtTest import QTest

from app.canvas.group_items import STACK, GroupItem
from engine.diagram import state
from engine.io.files import load_document
from engine.io.project import load_project, save_project
from engine.model.document import Document
from engine.model.keras_config import graph_from_config
from tests.keras_models import APPLICATIONS, application_config

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "resources" / "templates"
TEMPLATES = sorted(TEMPLATE_DIR.glob("*.kcanvas"))


def _open(view, controller, name: str):
    view.scene().live_annotations = False  # shapes are the engine's tests
    controller.set_document(Document(graph_from_config(application_config(name))))
    return view.scene()


def _card_rects(scene):
    for item in [*scene.nodes.values(), *scene.groups.values()]:
        rect = item.card_rect().translated(item.pos())
        if isinstance(item, GroupItem):
            rect = rect.adjusted(0, 0, 2 * STACK, 2 * STACK)  # the cards drawn behind
        yield item, rect.adjusted(2, 2, -2, -2)


def wires_under_cards(scene) -> list[tuple[str, str]]:
    """(wire, card) pairs where a wire, as painted (its path stroked at the pen's width),
    runs under a card."""
    stroker = QPainterPathStroker()
    stroker.setWidth(1.6)
    cards = list(_card_rects(scene))
    hits = []
    for edge in [*scene.edges.values(), *scene.group_wires.values()]:
        stroke = stroker.createStroke(edge.path())
        bounds = stroke.boundingRect()
        for item, rect in cards:
            if rect.intersects(bounds) and stroke.intersects(rect):
                hits.append((f"{edge.source_unit}->{edge.target}", item.node_id))
    return hits


def _fit_shape(scene) -> float:
    rect = scene.drawing_rect()  # what F fits: cards, frames and the wires' channels
    return rect.width() / rect.height()


def test_a_large_model_opens_collapsed_with_stages_as_frames(view, controller):
    scene = _open(view, controller, "ResNet50")
    graph = controller.graph
    assert set(scene.frames) == {"conv1", "conv2", "conv3", "conv4", "conv5"}
    assert len(scene.groups) == 16 and "conv3_block2" in scene.groups
    card = scene.groups["conv3_block2"]
    assert card.info.name == "block2" and "residual" in card.info.kind_text
    hidden = set(card.members)
    assert hidden.isdisjoint(scene.nodes) and hidden <= set(graph.nodes)
    assert set(scene.nodes) | {n for c in scene.groups.values() for n in c.members} == set(
        graph.nodes
    )
    editor = controller.document.editor_state
    assert state.collapsed_groups(editor) == set(scene.groups)  # kept with the project
    assert state.layout_mode(editor) == state.AUTO
    assert controller.undo_stack.count() == 0  # a view, not an edit


def test_the_chevron_opens_a_block_in_place_and_minus_closes_it(view, controller):
    scene = _open(view, controller, "ResNet50")
    view.resetTransform()
    card = scene.groups["conv3_block2"]
    view.centerOn(card)
    before = view.mapFromScene(card.sceneBoundingRect().topLeft())
    chevron = view.mapFromScene(card.mapToScene(card.chevron_rect().center()))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     chevron)  # fmt: skip
    assert "conv3_block2" not in scene.groups and "conv3_block2" in scene.frames
    frame = scene.frames["conv3_block2"]
    after = view.mapFromScene(frame.rect().topLeft())
    assert (after - before).manhattanLength() <= 3  # opened where it stood
    inside = scene.tree.groups["conv3_block2"].members
    assert all(n in scene.nodes for n in inside)
    assert wires_under_cards(scene) == []
    assert controller.undo_stack.count() == 0
    scene.select_nodes([inside[3]])
    QTest.keyClick(view, Qt.Key.Key_Minus)
    assert "conv3_block2" in scene.groups
    assert scene.groups["conv3_block2"].isSelected()
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert "conv3_block2" in scene.frames


def _click_title(view, frame, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    title = frame.title_rect()
    point = view.mapFromScene(frame.mapToScene(QPointF(title.center().x(), title.center().y())))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, point)


def test_a_click_on_a_frames_title_selects_its_cards(view, controller):
    scene = _open(view, controller, "ResNet50")
    view.resetTransform()
    scene.expand_group("conv3_block2")
    scene.expand_group("conv3_block3")
    block2, block3 = scene.frames["conv3_block2"], scene.frames["conv3_block3"]
    view.centerOn(block2)
    _click_title(view, block2)
    members = scene.tree.groups["conv3_block2"].members
    assert set(controller.selection) == set(members) and len(members) > 3
    assert all(scene.nodes[n].isSelected() for n in members)
    view.centerOn(block3)
    _click_title(view, block3, Qt.KeyboardModifier.ControlModifier)  # Ctrl adds
    both = {*members, *scene.tree.groups["conv3_block3"].members}
    assert set(controller.selection) == both
    _click_title(view, block3)  # a plain click selects this frame's cards alone
    assert set(controller.selection) == set(scene.tree.groups["conv3_block3"].members)
    stage = scene.frames["conv3"]  # a stage's title: its open blocks' layers and closed cards
    view.centerOn(stage)
    _click_title(view, stage)
    assert set(controller.selection) == set(scene.tree.groups["conv3"].members)
    assert controller.undo_stack.count() == 0  # selecting is no edit


def test_closing_a_group_brings_a_drawing_that_fits_back_into_view(view, controller):
    scene = _open(view, controller, "ResNet50")
    scene.collapse_to_level(1)  # the stages as cards
    view.fit()
    scene.expand_group("conv4")
    frame = scene.frames["conv4"]
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    view.pan_by(view.mapFromScene(seen.topLeft()) - view.mapFromScene(frame.rect().topLeft()))
    chevron = view.mapFromScene(frame.mapToScene(frame.chevron_rect().center()))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     chevron)  # fmt: skip
    assert "conv4" in scene.groups
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    drawing = scene.drawing_rect()
    assert drawing.width() < seen.width() and drawing.height() < seen.height()
    assert seen.contains(drawing), (seen, drawing)  # no stage left off-screen


def test_collapse_levels_from_the_view_menu(view, controller):
    from PySide6.QtWidgets import QMenu

    from app.canvas.view_menu import add_canvas_actions

    scene = _open(view, controller, "DenseNet121")
    assert scene.tree.default_level() == 1 and set(scene.groups) >= {"conv2", "conv3"}
    menu = QMenu()
    actions = {}
    add_canvas_actions(menu, view, actions)
    levels = actions["collapse_levels"].menu()
    levels.aboutToShow.emit()
    texts = [a.text() for a in levels.actions() if a.text()]
    assert texts[0].startswith("Level 1") and "default" in texts[0]
    next(a for a in levels.actions() if a.text().startswith("Level 2")).trigger()
    assert "conv3" in scene.frames and "conv3_block7" in scene.groups
    levels.aboutToShow.emit()
    next(a for a in levels.actions() if a.text().startswith("Expand all")).trigger()
    assert not scene.groups and len(scene.nodes) == len(controller.graph.nodes)
    assert controller.undo_stack.count() == 0


def test_a_hidden_layer_is_selected_through_its_card_and_focus_opens_it(view, controller):
    scene = _open(view, controller, "ResNet50")
    member = scene.tree.groups["conv4_block3"].members[2]
    controller.select([member])  # from the layers panel
    assert scene.groups["conv4_block3"].isSelected()
    assert "conv4_block3" in scene.groups  # selecting is not opening
    controller.focus(member)
    assert member in scene.nodes and "conv4_block3" in scene.frames


def test_deleting_a_group_card_deletes_its_layers_in_one_undoable_step(view, controller):
    scene = _open(view, controller, "ResNet50")
    graph = controller.graph
    count = len(graph.nodes)
    members = list(scene.groups["conv5_block3"].members)
    scene.select_units(["group:conv5_block3"])
    assert set(scene.selected_node_ids()) == set(members)
    assert scene.remove_selected()
    QTest.qWait(10)  # the groups are checked again once the edit is done
    assert len(graph.nodes) == count - len(members)
    assert "conv5_block3" not in scene.groups
    controller.undo_stack.undo()
    QTest.qWait(10)
    assert len(graph.nodes) == count and "conv5_block3" in scene.groups


def test_collapse_state_is_saved_with_the_project_and_exports_are_unchanged(
    view, controller, tmp_path
):
    scene = _open(view, controller, "ResNet50")
    scene.expand_group("conv2_block1")
    scene.collapse_group("conv4")
    document = controller.document
    path = tmp_path / "resnet.kcanvas"
    save_project(document, path)
    again = load_project(path)
    expected = state.collapsed_groups(document.editor_state)
    assert state.collapsed_groups(again.editor_state) == expected
    controller.set_document(again)
    assert set(view.scene().groups) == expected
    plain = Document(graph_from_config(application_config("ResNet50")))
    assert again.to_config() == plain.to_config() == application_config("ResNet50")


@pytest.mark.parametrize("names", [APPLICATIONS[:20], APPLICATIONS[20:]])
def test_no_wire_passes_under_a_card_and_fit_is_landscape_in_every_application(
    view, controller, names
):
    for name in names:
        scene = _open(view, controller, name)
        assert wires_under_cards(scene) == [], name
        assert 1 / 3 <= _fit_shape(scene) <= 3, name


@pytest.mark.parametrize("name", ["ResNet50", "InceptionV3", "NASNetMobile"])
def test_no_wire_passes_under_a_card_with_every_group_open(view, controller, name):
    scene = _open(view, controller, name)
    scene.collapse_to_level(0)
    assert not scene.groups and len(scene.nodes) == len(controller.graph.nodes)
    assert wires_under_cards(scene) == []
    assert 1 / 3 <= _fit_shape(scene) <= 3


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_no_wire_passes_under_a_card_in_any_template(view, controller, path):
    view.scene().live_annotations = False
    controller.set_document(load_document(path))
    scene = view.scene()
    assert wires_under_cards(scene) == []
    assert 1 / 3 <= _fit_shape(scene) <= 3


def test_a_card_moved_by_hand_stays_and_the_layout_stops_rearranging(view, controller):
    scene = _open(view, controller, "ResNet50")
    card = scene.groups["conv2_block2"]
    before = QPointF(card.pos())
    assert scene.move_nodes({"group:conv2_block2": card.pos() + QPointF(900, 0)})  # a drag
    editor = controller.document.editor_state
    assert state.layout_mode(editor) == state.MANUAL
    spot = list(state.group_positions(editor)["conv2_block2"])
    controller.undo_stack.undo()  # a group's card moves back like any card
    assert scene.groups["conv2_block2"].pos() == before
    assert state.group_positions(editor)["conv2_block2"] == [before.x(), before.y()]
    controller.undo_stack.redo()
    assert list(state.group_positions(editor)["conv2_block2"]) == spot
    scene.expand_group("conv3_block1")
    assert "conv3_block1" in scene.frames
    scene.collapse_group("conv3_block1")
    assert [scene.groups["conv2_block2"].pos().x(), scene.groups["conv2_block2"].pos().y()] == (
        spot
    )
    scene.auto_layout()  # View > Arrange automatically
    assert state.layout_mode(editor) == state.AUTO
    assert wires_under_cards(scene) == []


def test_zoom_keys_fit_and_zoom_to_selection(view, controller):
    scene = _open(view, controller, "ResNet50")
    view.fit()
    fitted = view.zoom()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(scene.drawing_rect())
    view.zoom_in()
    assert view.zoom() == pytest.approx(fitted * 1.25)
    view.zoom_out()
    view.zoom_out()
    assert view.zoom() == pytest.approx(fitted / 1.25)
    view.zoom_actual()
    assert view.zoom() == pytest.approx(1.0)
    scene.select_units(["group:conv4_block5"])
    view.zoom_to_selection()
    card = scene.groups["conv4_block5"].sceneBoundingRect()
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(card)
    assert view.zoom() == pytest.approx(1.0)  # never past 100 %
    QTest.keyClick(view, Qt.Key.Key_F)  # F: the whole graph, whatever is selected
    assert view.zoom() == pytest.approx(fitted)


def test_the_minimap_shows_where_the_view_is_and_a_click_moves_it(view, controller):
    scene = _open(view, controller, "DenseNet121")
    scene.collapse_to_level(2)
    view.zoom_actual()
    view.centerOn(scene.nodes_rect().topLeft())
    minimap = view.minimap
    minimap.set_wanted(True)
    assert minimap.isVisible()  # the view shows a part of the graph
    target = scene.groups["conv4_block20"].sceneBoundingRect().center()
    spot = minimap.to_map(QRectF(target, target)).topLeft()
    QTest.mouseClick(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(spot.x()), round(spot.y())))  # fmt: skip
    centre = view.mapToScene(view.viewport().rect().center())
    assert (centre - target).manhattanLength() < 40 / minimap._scale()[0]
    view.fit()
    assert not minimap.isVisible()  # the whole graph is on screen: nothing to show


def test_the_minimap_stays_hidden_on_an_empty_model(view, controller):
    """An empty canvas has nothing to map: no empty frame in the corner (as on first start)."""
    _open(view, controller, "DenseNet121")
    view.minimap.set_wanted(True)
    controller.set_document(Document())
    view.minimap.refresh()
    assert not view.minimap.isVisible()


def _dark_pixels(view, rect) -> int:
    image = view.viewport().grab().toImage()
    rect = rect.intersected(image.rect())
    return sum(
        1
        for x in range(rect.left(), rect.right(), 2)
        for y in range(rect.top(), rect.bottom(), 2)
        if image.pixelColor(x, y).lightness() < 110
    )


def test_no_blank_cards_and_group_names_large_when_far(view, controller):
    """Wherever a card is large enough for letters, its name is drawn; farther out, group
    names are written large over the drawing."""
    scene = _open(view, controller, "ResNet50")
    card = scene.groups["conv4_block2"]
    layer = scene.nodes[next(n for n in scene.nodes if controller.graph.layer_of(n).name
                             == "conv1_conv")]  # fmt: skip
    for zoom in (0.24, 0.35, 0.5, 0.8):
        for item in (card, layer):
            view.resetTransform()
            view.scale(zoom, zoom)
            view.centerOn(item)
            inside = view.mapFromScene(item.card_rect().translated(item.pos())).boundingRect()
            # right of the accent stripe: only letters are dark there
            assert _dark_pixels(view, inside.adjusted(10, 2, -2, -2)) > 5, (zoom, item.node_id)
    view.resetTransform()
    view.scale(0.1, 0.1)
    frame = scene.frames["conv4"]
    view.centerOn(frame)
    top = view.mapFromScene(frame.rect()).boundingRect()
    title = QRect(top.center().x() - 40, top.top(), 80, 30)  # a map's name may overhang
    assert _dark_pixels(view, title) > 15  # "conv4" written large at the top of its frame


def test_a_nested_model_opens_in_place_read_only_and_is_remembered(view, controller, tmp_path):
    from app.canvas.nested_models import InnerNodeItem

    view.scene().live_annotations = False
    controller.set_document(load_document(TEMPLATE_DIR / "vqa.kcanvas"))
    scene = view.scene()
    graph = controller.graph
    (call,) = [n for n in graph.nodes if graph.layer_of(n).is_model]
    body = graph.layer_of(call).body
    scene.select_nodes([call])
    QTest.keyClick(view, Qt.Key.Key_Plus)  # "+" on a nested model's card: its layers, here
    assert call not in scene.nodes and f"model:{call}" in scene.frames
    assert {item.inner_id for item in scene.inner.values()} == set(body.nodes)
    assert all(isinstance(item, InnerNodeItem) for item in scene.inner.values())
    assert wires_under_cards(scene) == []
    inputs = [
        w for w in scene.group_wires.values() if w.target == f"{call}/{body.inputs[0].node_id}"
    ]
    assert len(inputs) == 1 and inputs[0].source_unit in scene.nodes  # from the outer image input
    for item in scene.inner.values():  # read-only: no port takes a wire
        assert all(item.port_at(p.pos()) is None for p in item.input_ports + item.output_ports)
    inner = next(iter(scene.inner.values()))
    scene.select_units([inner.node_id])
    assert controller.selection == [call]  # the inspector shows the model's call
    scene.clearSelection()
    _click_title(view, scene.frames[f"model:{call}"])  # the frame's title: its layers
    assert controller.selection == [call]
    assert all(item.isSelected() for item in scene.inner.values())
    assert controller.undo_stack.count() == 0
    path = tmp_path / "vqa.kcanvas"
    save_project(controller.document, path)
    controller.set_document(load_project(path))
    scene = view.scene()
    assert len(scene.inner) == len(body.nodes)  # still open after a reload
    frame_call = next(iter(scene.view.opened))
    scene.collapse_group(f"model:{frame_call}")
    assert not scene.inner and frame_call in scene.nodes


def test_opening_a_stage_shows_its_blocks_as_cards(view, controller):
    scene = _open(view, controller, "DenseNet121")
    assert "conv3" in scene.groups  # level 1: the dense blocks are cards
    scene.expand_group("conv3")
    assert "conv3" in scene.frames
    assert {f"conv3_block{i}" for i in range(1, 13)} <= set(scene.groups)  # one level open
    scene.expand_group("conv3_block5")
    assert "conv3_block5" in scene.frames and "conv3_block6" in scene.groups
