"""Look inside in the window: a chosen sample's thumbnails on the cards, during and after a fit,
training health, the NaN layer named in the panel, the viewer, the paint pad."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.canvas.node_item import NodeItem
from app.look.viewer import ActivationViewer
from app.training.paint_pad import PAD_PIXELS, PaintPad
from engine.io.files import load_document, save_document
from engine.model.document import Document
from engine.model.keras_config import graph_from_config
from tests import keras_models, look_models
from tests.app.look_window import look_window

WAIT_MS = 180_000  # the first job imports Keras in the worker


def _project(tmp_path: Path, model, name: str) -> Path:
    path = tmp_path / f"{name}.kcanvas"
    save_document(Document(graph_from_config(json.loads(model.to_json()))), str(path))
    return path


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    """A canvas, a training panel and the look-inside between them, on the digits CNN."""
    import keras

    folder = tmp_path_factory.mktemp("look")
    keras.backend.clear_session()
    cnn = _project(folder, look_models.digits_cnn(), "digits_cnn")
    keras.backend.clear_session()
    vision = _project(folder, keras_models.s16_shared_vision(), "shared_vision")
    document = load_document(cnn)  # Keras is imported here, before any widget's threads start
    with look_window(1200, 800) as (controller, view, panel, look):
        controller.set_document(document, str(folder / "project.kcanvas"))
        yield SimpleNamespace(controller=controller, view=view, panel=panel, look=look,
                              cnn=cnn, vision=vision)  # fmt: skip


def _open(window, path: Path) -> None:
    window.controller.set_document(load_document(path), None)
    window.panel.form.set_value("source", "digits")
    window.panel.form.set_value("epochs", 1)
    window.panel.form.set_value("val_mode", "none")


def _cards_with_thumbnails(window) -> dict[str, object]:
    scene = window.view.scene()
    shown = {}
    for item in window.look.layer.items.values():
        thumbnail = item.thumbnail
        if item.scene() is scene and (thumbnail.image is not None or thumbnail.bars):
            shown[item.parentItem().node_id] = item
    return shown


def test_a_digits_sample_shows_on_every_card_after_one_epoch(qtbot, window):
    _open(window, window.cnn)
    panel, chooser = window.panel, window.panel.look.chooser
    panel.tabs.setCurrentWidget(chooser)
    qtbot.waitUntil(lambda: chooser.rows is not None and chooser.rows.count == 1797,
                    timeout=WAIT_MS)  # fmt: skip
    chooser.index_spin.setValue(7)
    label = chooser.rows.label_text(7)
    assert chooser.label_text.text() == f"label: {label}" and not chooser.preview.pixmap().isNull()
    looks = []
    panel.process.activations.connect(looks.append)
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS):
        assert panel.train(), panel.last_error
    panel.process.activations.disconnect(looks.append)
    assert [e["phase"] for e in looks] == ["start", "epoch"]
    assert all(e["sample"]["index"] == 7 for e in looks)
    cards = window.view.scene().nodes
    qtbot.waitUntil(lambda: set(_cards_with_thumbnails(window)) == set(cards), timeout=20_000)
    qtbot.waitUntil(lambda: (window.look.shown or {}).get("phase") == "epoch", timeout=20_000)
    # the input card shows the chosen row, pixel for pixel (grey levels 0..255)
    image_item = _cards_with_thumbnails(window)[_node_of(window, "image")]
    picture = image_item.thumbnail.image
    grey = np.array([[picture.pixelColor(x, y).red() for x in range(8)] for y in range(8)])
    expected = np.round(chooser.rows.inputs["image"][7][:, :, 0] * 255)
    assert np.abs(grey - expected).max() <= 1
    # the output card shows the class bars, with the label ticked
    bars = _cards_with_thumbnails(window)[_node_of(window, "digit")].thumbnail.bars
    assert [bar.label for bar in bars] == [str(i) for i in range(10)]
    assert [bar.label for bar in bars if bar.true] == [label]
    legend = window.look.legend
    assert legend.isVisible() and legend.title.text() == f"Sample: digits #7 · label {label}"
    assert "after epoch 1 of 1" in legend.detail.text()


def _keys_shown(window) -> set[str]:
    return {item.key for item in _cards_with_thumbnails(window).values()}


def _node_of(window, layer_name: str) -> str:
    graph = window.controller.graph
    return next(n for n in graph.nodes if graph.layer_of(n).name == layer_name)


def test_a_click_opens_the_viewer_and_edits_make_thumbnails_stale(qtbot, window):
    _open(window, window.cnn)
    with qtbot.waitSignal(window.panel.process.activations, timeout=WAIT_MS):
        assert window.panel.look.show(), window.panel.last_error
    qtbot.waitUntil(lambda: "conv_1:0" in _keys_shown(window), timeout=20_000)
    # the chain is folded into columns: no card hides a thumbnail (the first column's go left)
    scene = window.view.scene()
    for thumbnail in window.look.layer.items.values():
        covering = [i for i in scene.items(thumbnail.sceneBoundingRect())
                    if isinstance(i, NodeItem) and i is not thumbnail.parentItem()]  # fmt: skip
        assert not covering, thumbnail.key
        # "Fit whole graph" shows the thumbnails too
        assert scene.drawing_rect().contains(thumbnail.sceneBoundingRect()), thumbnail.key
    item = window.look.layer.items["conv_1:0"]
    opened = []
    window.look.layer.clicked.connect(opened.append)
    view = window.view
    view.centerOn(item)
    point = view.mapFromScene(item.sceneBoundingRect().center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened == ["conv_1:0"]
    viewer = window.look.viewers[-1]
    assert viewer.isVisible() and viewer.tabs.count() == 3  # all channels, one channel, weights
    viewer.close()
    # moving a card changes no number; changing a layer does
    card = window.view.scene().nodes[_node_of(window, "hidden")]
    card.setPos(card.pos() + QPointF(40, 0))
    assert not item.stale
    from engine.model import operations

    graph = window.controller.graph
    layer_id = graph.nodes[_node_of(window, "hidden")].layer_id
    edit = operations.set_params(graph, layer_id, units=48)
    assert window.controller.push(edit, "units")
    assert item.stale


def _move(widget, point: QPointF, buttons=Qt.MouseButton.NoButton) -> None:
    """A mouse move as the window system sends it (QTest.mouseMove moves the cursor, which
    the offscreen platform has none of)."""
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        point,
        widget.mapToGlobal(point),
        Qt.MouseButton.NoButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def test_viewer_reads_the_values_under_the_mouse(qtbot, tmp_path):
    values = np.arange(2 * 3 * 4, dtype="float32").reshape(1, 2, 3, 4) / 10
    np.savez(tmp_path / "a.npz", **{"conv:0": values})
    np.savez(tmp_path / "w.npz", **{"conv/kernel": np.ones((3, 3, 1, 4), "float32")})
    event = {
        "path": str(tmp_path / "a.npz"),
        "weights_path": str(tmp_path / "w.npz"),
        "nodes": {
            "conv:0": {"shape": [1, 2, 3, 4], "class_name": "Conv2D", "min": 0.0, "max": 2.3,
                       "mean": 1.15, "zeros": 1 / 24},
        },
    }  # fmt: skip
    viewer = ActivationViewer("conv:0", event)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    view = viewer.all_view
    picture = viewer.all_picture
    cell = picture.cells[2]  # channel 3; its values are drawn picture.zoom pixels wide
    target = view._target()
    scale = target.width() / picture.rgb.shape[1]  # screen pixels per picture pixel
    x = target.left() + (cell.x + 2.5 * picture.zoom) * scale  # row 2, column 3
    y = target.top() + (cell.y + 1.5 * picture.zoom) * scale
    _move(view, QPointF(x, y))
    assert viewer.readout.text() == f"channel 3 · row 2 · column 3: {values[0, 1, 2, 2]:.5g}"
    assert "min 0 · max 2.3" in viewer.header.text()
    viewer.tabs.setCurrentIndex(viewer.tabs.count() - 1)  # another tab: no value of this one
    assert viewer.readout.text() == "Hover the pictures to read the values."


def test_the_paint_pad_draws_a_sample_in_the_input_layout(qtbot):
    pad = PaintPad(8)
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    with qtbot.waitSignal(pad.changed):
        top, bottom = QPoint(PAD_PIXELS // 2, 10), QPoint(PAD_PIXELS // 2, PAD_PIXELS - 10)
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=top)
        _move(pad, QPointF(bottom), Qt.MouseButton.LeftButton)  # one fast drag: the stroke fills
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=bottom)
    column = pad.values[:, 4]
    assert column.min() > 0.5 and pad.values[:, 0].max() == 0  # a vertical stroke, in the middle
    assert pad.values.max() == pytest.approx(1.0, abs=1e-3)  # full ink under the pen


def test_a_nan_run_names_the_first_layer_in_the_panel(qtbot, window):
    _open(window, window.cnn)
    panel = window.panel
    panel.form.set_value("optimizer", "sgd")
    panel.form.set_value("learning_rate", 1e9)
    try:
        with qtbot.waitSignal(panel.process.error, timeout=WAIT_MS):  # the run ends at the NaN
            assert panel.train(), panel.last_error
    finally:
        panel.form.set_value("optimizer", "adam")
        panel.form.set_value("learning_rate", 0.001)
    message = panel.status.text()
    assert message.startswith("The loss became NaN at epoch 1, batch ")
    assert "The first layer whose output became NaN is conv_1 (node conv_1:0)" in message
    assert not panel.health_note.isVisible()  # said once, in the run's message
    item = window.look.layer.items["conv_1:0"]
    assert item.health.severe and item.health.problem == (
        "conv_1: NaN starts here. Its weights are already NaN or infinite: the learning rate is "
        "far too high."
    )
    assert "conv_1:0" in window.look.layer.halos


def test_inside_a_nested_model_the_cards_show_its_first_call(qtbot, window):
    window.controller.set_document(load_document(window.vision), None)
    panel = window.panel
    panel.form.set_value("source", "dummy")
    panel.look.chooser.weights_combo.setCurrentIndex(1)  # untrained
    with qtbot.waitSignal(panel.process.activations, timeout=WAIT_MS) as shown:
        assert panel.look.show(), panel.last_error
    event = shown.args[0]
    qtbot.waitUntil(lambda: window.look.shown == event and len(window.look.layer.items) == 6,
                    timeout=20_000)  # fmt: skip
    graph = window.controller.graph
    nested = next(layer for layer in graph.layers.values() if layer.is_model)
    window.controller.enter(nested.id)
    inner = {f"vision:0/{layer.name}:0" for layer in nested.body.layers.values()}
    qtbot.waitUntil(lambda: set(window.look.layer.items) == inner, timeout=20_000)
    assert "Inside vision: the values of its first call." in window.look.legend.detail.text()
    window.controller.leave(0)


def _mouse(widget, kind: QEvent.Type, point: QPoint, button=Qt.MouseButton.LeftButton) -> None:
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    event = QMouseEvent(kind, QPointF(point), QPointF(widget.mapToGlobal(point)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_the_legend_is_dragged_off_the_cards_and_keeps_its_spot(qtbot):
    from app.canvas.look_legend import MARGIN, LookLegend

    canvas = QWidget()
    canvas.resize(800, 500)
    legend = LookLegend(canvas)
    qtbot.addWidget(canvas)
    canvas.show()
    legend.set_text("Sample: digits #7", "Weights: untrained.")
    legend.show()
    assert (legend.x(), legend.y()) == (MARGIN, 500 - legend.height() - MARGIN)
    grab = QPoint(legend.width() - 20, 10)  # the background, right of the title
    _mouse(legend, QEvent.Type.MouseButtonPress, grab)
    _mouse(legend, QEvent.Type.MouseMove, grab + QPoint(300, -200))
    _mouse(legend, QEvent.Type.MouseButtonRelease, grab + QPoint(300, -200))
    moved = legend.geometry().bottomLeft()
    assert (moved.x(), moved.y()) == (MARGIN + 300, 500 - MARGIN - 200 - 1)
    assert legend.compact and legend.detail.isHidden()  # a low view: the detail in the tooltip
    assert "Weights: untrained." in legend.toolTip()
    low = legend.height()
    canvas.resize(800, 600)  # the same spot, counted from the lower-left corner
    assert legend.geometry().bottomLeft() == moved + QPoint(0, 100)
    assert not legend.compact and not legend.detail.isHidden() and legend.height() > low
    canvas.resize(400, 600)  # never outside the view
    assert legend.x() + legend.width() <= 400
    assert "Drag it" in legend.toolTip()
