"""The canvas, driven through the same methods its mouse and keyboard handlers call."""

from __future__ import annotations

import json

from PySide6.QtCore import QPointF, Qt

from app.canvas.node_item import NodeItem
from engine.model import operations
from engine.model.edits import Edit
from engine.model.graph import TensorRef
from tests.keras_models import seed_config


def _drop(scene, class_name: str, x: float, y: float) -> str:
    node_id = scene.drop_layer(class_name, QPointF(x, y))
    assert node_id is not None, scene.toast_text()
    return node_id


def _wire(scene, source: str, target: str, port: int = 0, out: int = 0) -> None:
    """Drag from output `out` of `source` to input port `port` of `target` and release."""
    start = scene.nodes[source].output_ports[out]
    end = scene.nodes[target].input_ports[port]
    scene.begin_wire(start, start.scenePos())
    scene.move_wire(end.scenePos())
    assert scene.finish_wire(end.scenePos()), scene.toast_text()


def _edit_layer(controller, node_id: str, name: str | None = None, **params) -> None:
    """What the inspector does: one undoable set_params / rename per change."""
    layer_id = controller.graph.nodes[node_id].layer_id
    if params:
        assert controller.push(operations.set_params(controller.graph, layer_id, **params), "Edit")
    if name:
        assert controller.push(operations.rename(controller.graph, layer_id, name), "Rename")


def _build_s14(view, controller) -> None:
    scene = view.scene()
    assert controller.push(Edit("set_model_name", {"name": "shared_lstm"}), "Name model")
    tweet_a = _drop(scene, "InputLayer", 0, 0)
    tweet_b = _drop(scene, "InputLayer", 300, 0)
    for node_id, name in ((tweet_a, "tweet_a"), (tweet_b, "tweet_b")):
        _edit_layer(controller, node_id, name, batch_shape=[None, 140, 256])
    lstm_a = _drop(scene, "LSTM", 0, 150)
    _edit_layer(controller, lstm_a, units=64)
    _wire(scene, tweet_a, lstm_a)
    lstm_b = scene.apply_again(lstm_a)
    _wire(scene, tweet_b, lstm_b)
    merged = _drop(scene, "Concatenate", 150, 300)
    _wire(scene, lstm_a, merged)  # onto the "+" port
    _wire(scene, lstm_b, merged, port=1)  # the "+" port, grown after the first wire
    dense = _drop(scene, "Dense", 150, 450)
    _edit_layer(controller, dense, units=1, activation="sigmoid")
    _wire(scene, merged, dense)
    assert scene.toggle_output(dense)


def test_build_shared_lstm_then_undo_to_empty_and_redo(view, controller, qtbot):
    _build_s14(view, controller)
    expected = seed_config("S14_shared_lstm")
    built = controller.document.to_config()
    assert built == expected
    scene = view.scene()
    assert len(scene.nodes) == 6 and len(scene.edges) == 5

    stack = controller.undo_stack
    steps = stack.count()
    while stack.canUndo():
        stack.undo()
    assert controller.graph.nodes == {} and scene.nodes == {} and scene.edges == {}
    assert scene.items() == []
    for _ in range(steps):
        stack.redo()
    assert json.dumps(controller.document.to_config()) == json.dumps(expected)
    assert len(scene.nodes) == 6 and len(scene.edges) == 5


def test_shared_layer_calls_carry_chip_and_highlight_each_other(view, controller):
    _build_s14(view, controller)
    scene = view.scene()
    graph = controller.graph
    lstm_calls = graph.calls[graph.layer_by_name("lstm").id]
    first, second = (scene.nodes[n] for n in lstm_calls)
    assert first.info.call == (1, 2) and second.info.call == (2, 2)
    assert first.info.chip == second.info.chip
    scene.select_nodes([lstm_calls[0]])
    assert second.sibling and not first.sibling
    assert controller.selection == [lstm_calls[0]]
    scene.select_nodes([])
    assert not second.sibling


def test_annotations_show_shapes_params_and_wire_tooltips(view, controller):
    _build_s14(view, controller)
    scene = view.scene()
    scene.annotate()
    graph = controller.graph
    lstm = graph.calls[graph.layer_by_name("lstm").id][0]
    assert scene.nodes[lstm].annotation.shapes == ["(None, 64)"]
    assert scene.nodes[lstm].annotation.params == "82.2k params"  # 4 * 64 * (256 + 64 + 1)
    edge = next(e for e in scene.edges.values() if e.source.node_id == lstm)
    assert "(None, 64): batch, features" in scene.describe_tensor(edge.source)
    dense = graph.outputs[0].node_id
    assert scene.nodes[dense].info.output_badges == {0: 0}


def test_hovering_a_wire_or_a_port_explains_the_tensor(view, controller, qtbot):
    _build_s14(view, controller)
    scene = view.scene()
    scene.annotate()
    view.fit()
    dense = controller.graph.outputs[0].node_id
    edge = scene.edges[(dense, ("args", 0))]
    qtbot.mouseMove(view.viewport(), view.mapFromScene(edge.path().pointAtPercent(0.5)))
    assert "(None, 128): batch, features" in edge.toolTip()
    port = scene.nodes[dense].output_ports[0]
    qtbot.mouseMove(view.viewport(), view.mapFromScene(port.scenePos()))
    assert "(None, 1): batch, features" in scene.nodes[dense].toolTip()
    assert port.hovered


def test_refused_connection_is_shown_next_to_the_cursor(view, controller):
    _build_s14(view, controller)
    scene = view.scene()
    dense = controller.graph.outputs[0].node_id
    lstm = controller.graph.calls[controller.graph.layer_by_name("lstm").id][0]
    where = QPointF(500, 500)
    before = controller.undo_stack.count()
    ok = scene.connect_ports(scene.nodes[dense].output_ports[0], scene.nodes[lstm], where)
    assert not ok
    assert "cycle" in scene.toast_text()
    assert scene._toast.pos() == where + QPointF(14, 14)
    assert controller.undo_stack.count() == before
    # output to output is refused with a hint, before the engine is even asked
    assert not scene.connect_ports(scene.nodes[dense].output_ports[0],
                                   scene.nodes[lstm].output_ports[0], where)  # fmt: skip
    assert "Connect an output to an input: drag this wire to an input (top)" in scene.toast_text()
    first_input = scene.nodes[lstm].input_ports[0]
    assert not scene.connect_ports(first_input, scene.nodes[dense].input_ports[0], where)
    assert "drag this wire to an output (bottom)" in scene.toast_text()


def test_error_badge_reports_what_keras_says(view, controller):
    scene = view.scene()
    image = _drop(scene, "InputLayer", 0, 0)  # (None, 32): rank 2
    conv = _drop(scene, "Conv2D", 0, 150)
    _wire(scene, image, conv)
    scene.annotate()
    assert scene.nodes[conv].annotation.error
    assert "Keras refuses this call" in scene.describe_node(conv)
    lone = _drop(scene, "Dense", 300, 150)  # not wired yet: unfinished, not refused
    scene.annotate()
    said = scene.describe_node(lone)
    assert "Not finished yet" in said and "refuses" not in said and "#c0392b" not in said


def test_insert_on_wire_and_drag_wire_end_off_to_disconnect(view, controller):
    scene = view.scene()
    source = _drop(scene, "InputLayer", 0, 0)
    dense = _drop(scene, "Dense", 0, 300)
    _wire(scene, source, dense)
    middle = scene.edges[(dense, ("args", 0))].path().pointAtPercent(0.5)
    dropout = _drop(scene, "Dropout", middle.x(), middle.y())
    graph = controller.graph
    assert graph.nodes[dropout].args == [TensorRef(source)]
    assert graph.nodes[dense].args == [TensorRef(dropout)]
    assert set(scene.edges) == {(dropout, ("args", 0)), (dense, ("args", 0))}
    port = scene.nodes[dense].input_ports[0]
    scene.begin_wire(port, port.scenePos())
    assert scene.finish_wire(QPointF(2000, 2000))  # released on empty canvas
    assert graph.nodes[dense].args == [None]
    assert (dense, ("args", 0)) not in scene.edges


def test_keyboard_select_all_duplicate_delete_and_fit(view, controller, qtbot):
    scene = view.scene()
    a = _drop(scene, "InputLayer", 0, 0)
    b = _drop(scene, "Dense", 0, 200)
    _wire(scene, a, b)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert set(scene.selected_node_ids()) == {a, b}
    scene.select_nodes([b])
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(controller.graph.layers) == 3
    copy = scene.selected_node_ids()[0]
    assert controller.graph.layer_of(copy).name == "dense_1"
    view.scale(0.1, 0.1)
    scene.select_nodes([])
    qtbot.keyClick(view, Qt.Key.Key_F)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(scene.nodes_rect())
    scene.select_nodes([a])
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert a not in controller.graph.nodes and a not in scene.nodes
    assert controller.graph.nodes[b].args == [None]


def test_shift_and_ctrl_click_add_cards_to_the_selection(view, controller, qtbot):
    scene = view.scene()
    a, b, c = (_drop(scene, "Dense", 0, y) for y in (0, 200, 400))
    view.fit()

    def click(node: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        centre = view.mapFromScene(scene.nodes[node].sceneBoundingRect().center())
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, centre)

    click(a)
    click(b, Qt.KeyboardModifier.ShiftModifier)
    assert set(scene.selected_node_ids()) == {a, b}
    click(c, Qt.KeyboardModifier.ControlModifier)
    assert set(scene.selected_node_ids()) == {a, b, c}
    click(a)
    assert scene.selected_node_ids() == [a]


def test_a_new_empty_model_starts_at_full_size(view, controller):
    from engine.model.document import Document
    from engine.model.graph import Graph

    view.scale(0.1, 0.1)  # as after fitting a large model
    controller.set_document(Document(Graph()))
    view.show_start()
    assert view.zoom() == 1.0


def test_positions_live_in_editor_state_and_survive_undo(view, controller):
    scene = view.scene()
    a = _drop(scene, "Dense", 100, 100)
    placed = list(scene.nodes[a].pos().toTuple())
    assert scene.move_nodes({a: QPointF(400, 250)})
    assert controller.document.editor_state["positions"][a] == [400.0, 250.0]
    controller.undo_stack.undo()  # the move
    assert controller.document.editor_state["positions"][a] == placed
    assert list(scene.nodes[a].pos().toTuple()) == placed
    controller.undo_stack.undo()  # the drop
    controller.undo_stack.redo()
    controller.undo_stack.redo()
    assert scene.nodes[a].pos() == QPointF(400, 250)


def test_named_inputs_and_several_outputs_get_their_ports(view, controller):
    from engine.model.document import Document
    from engine.model.keras_config import graph_from_config

    controller.set_document(Document(graph_from_config(seed_config("attention_block"))))
    scene = view.scene()
    mha = controller.graph.layer_by_name("multi_head_attention")
    item = scene.nodes[controller.graph.calls[mha.id][0]]
    assert [p.label for p in item.input_ports] == ["query", "value", "key"]
    add = controller.graph.layer_by_name("add")
    assert scene.nodes[controller.graph.calls[add.id][0]].input_ports[-1].is_plus

    controller.set_document(Document(graph_from_config(seed_config("lstm_with_state"))))
    lstm = controller.graph.layer_by_name("lstm")
    item = scene.nodes[controller.graph.calls[lstm.id][0]]
    assert len(item.output_ports) == 3
    assert item.info.output_badges == {0: 0}


def test_nested_model_is_a_shared_block_that_opens_on_double_click(view, controller, qtbot):
    from engine.model.document import Document
    from engine.model.keras_config import graph_from_config

    scene = view.scene()
    scene.live_annotations = False  # Keras's shapes are not what this test is about
    controller.set_document(Document(graph_from_config(seed_config("S16_shared_vision"))))
    blocks = [item for item in scene.nodes.values() if item.info.is_model]
    assert [b.info.call for b in blocks] == [(1, 2), (2, 2)]  # the vision model, applied twice
    assert blocks[0].info.kind_text == "Functional · 5 layers"
    assert [p.label for p in blocks[0].input_ports] == ["digit"]  # named after its input
    point = view.mapFromScene(blocks[0].card_rect().center() + blocks[0].pos())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    # QTest's double click leaves its button down: release it, or every later move in this
    # process is a drag that gets no enter/leave events
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    vision = controller.document.graph.layer_by_name("vision")
    assert controller.view_path == [vision.id]
    assert len(scene.nodes) == len(controller.graph.nodes) == 5
    assert all(isinstance(item, NodeItem) for item in scene.nodes.values())
    assert scene.move_nodes({next(iter(scene.nodes)): QPointF(5, 5)})
    assert any(
        key.startswith(f"{vision.id}/") for key in controller.document.editor_state["positions"]
    )
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert controller.view_path == [] and len(scene.nodes) == 6


def test_quick_add_places_the_best_match_on_enter(view, controller, qtbot):
    from app.canvas.quick_add import QuickAddPopup

    where = QPointF(120, 80)
    popup = QuickAddPopup(view)
    qtbot.addWidget(popup)
    popup.chosen.connect(lambda class_name: view.scene().drop_layer(class_name, where))
    popup.popup_at(view.mapToGlobal(view.mapFromScene(where)))
    qtbot.keyClicks(popup.search, "batchnorm")
    assert popup.results.count() >= 1
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    (node_id,) = controller.graph.nodes
    assert controller.graph.layer_of(node_id).class_name == "BatchNormalization"
    assert not popup.isVisible()


def test_palette_drop_event_places_the_layer(view, controller, qtbot):
    from PySide6.QtCore import QMimeData, QPoint
    from PySide6.QtGui import QDropEvent

    from app.canvas.view import LAYER_MIME

    mime = QMimeData()
    mime.setData(LAYER_MIME, b"Dense")
    point = QPoint(300, 200)
    event = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    view.dropEvent(event)
    (node_id,) = controller.graph.nodes
    item = view.scene().nodes[node_id]
    assert item.sceneBoundingRect().contains(view.mapToScene(point))


def test_cards_are_cached_as_pixmaps_only_when_readable_on_screen_and_steady(view, controller):
    from PySide6.QtWidgets import QGraphicsItem

    from engine.model.document import Document
    from engine.model.keras_config import graph_from_config
    from tests.keras_models import application_config

    controller.set_document(Document(graph_from_config(application_config("ResNet50"))))
    scene = view.scene()
    cached = QGraphicsItem.CacheMode.DeviceCoordinateCache

    def cached_cards() -> set[NodeItem]:  # layers' and collapsed groups' cards
        cards = [*scene.nodes.values(), *scene.groups.values()]
        return {item for item in cards if item.cacheMode() == cached}

    view.resetTransform()  # 100%: text is readable, panning should blit
    view.centerOn(scene.nodes_rect().center())
    view.viewport().repaint()
    view.viewport().repaint()  # the zoom holds: worth caching
    on_screen = {item for item in view.items(view.viewport().rect()) if isinstance(item, NodeItem)}
    assert on_screen and cached_cards() == on_screen  # the other cards cost nothing
    view.scale(1.15, 1.15)  # a zoom step would fill every pixmap again for one frame
    view.viewport().repaint()
    assert not cached_cards()
    view.viewport().repaint()  # the zoom holds again
    assert cached_cards()
    view.scale(0.1, 0.1)  # far out: thousands of tiny pixmaps would cost more than drawing
    view.viewport().repaint()
    view.viewport().repaint()
    assert not cached_cards()


def test_apply_again_and_insert_on_a_wire_find_room_beside_other_cards(view, controller):
    _build_s14(view, controller)
    scene = view.scene()
    scene.live_annotations = False
    graph = controller.graph
    dense = graph.outputs[0].node_id
    lstm = graph.calls[graph.layer_by_name("lstm").id][0]
    neighbour = scene.nodes[dense].pos() + QPointF(260, 0)  # where "apply again" would go
    scene.nodes[lstm].setPos(neighbour)

    def overlapping(node_id: str) -> list[str]:
        card = scene.nodes[node_id].card_rect().translated(scene.nodes[node_id].pos())
        return [
            other
            for other, item in scene.nodes.items()
            if other != node_id and card.intersects(item.card_rect().translated(item.pos()))
        ]

    again = scene.apply_again(dense)
    assert again is not None and overlapping(again) == []
    edge = scene.edges[(dense, ("args", 0))]
    inserted = scene.drop_layer("BatchNormalization", edge.path().pointAtPercent(0.5))
    assert inserted is not None and overlapping(inserted) == []
    assert graph.nodes[dense].input_refs()[0].node_id == inserted  # it is in the wire
