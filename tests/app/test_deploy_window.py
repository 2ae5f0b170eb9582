"""Scripts and deployment driven through the window as a user drives it (issue 12).

One window for the module (its user data folder in a temporary directory); the menus' actions
are triggered and their real dialogs answered: the file dialog of File → Open is the only thing
replaced (a native dialog offscreen), the model chooser, the export dialogs and the message
boxes are the real ones. Exports and the training script run in the real export worker, with
the environment `main.py` gives the window (KERAS_BACKEND=jax); a run is trained by the real
training worker on dummy data, and its training script is run by a separate Python.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import keras
import numpy as np
import pytest
from PySide6.QtCore import QEventLoop, QMimeData, QPoint, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
)

from app import file_actions
from app.deploy_dialog import DeployDialog, TrainingScriptDialog
from app.main_window import MainWindow
from app.style import TEMPLATES
from engine.model import operations
from tests.app.dialogs import answer_next_box, answer_next_dialog

WAIT_MS = 300_000  # a worker imports TensorFlow, on a shared machine
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed_scripts"


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    home = tmp_path_factory.mktemp("data_home")
    saved_env = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(home)  # where an untitled document's runs go
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings, recovery_path=home / "recovery.kcanvas")
    win.resize(1280, 800)
    win.show()
    win.start(str(TEMPLATES / "mlp.kcanvas"), offer_recovery=False)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.start(WAIT_MS)
    while not win.ready and deadline.isActive():
        qapp.processEvents()
    assert win.ready
    yield win
    win.controller.undo_stack.setClean()
    win.training.shutdown()
    win.close()
    if saved_env is None:
        os.environ.pop("XDG_DATA_HOME", None)
    else:
        os.environ["XDG_DATA_HOME"] = saved_env


@pytest.fixture
def window_environment(monkeypatch):
    """The environment `main.py` gives the window: its shape engine on JAX, which the export
    worker inherits (this process's Keras stays on TensorFlow: it was imported already)."""
    monkeypatch.setenv("KERAS_BACKEND", "jax")


def open_template(window, name: str) -> None:
    window.controller.undo_stack.setClean()  # no question about the previous test's edits
    window.open_template(TEMPLATES / f"{name}.kcanvas")
    assert window.controller.graph.name == name


# ---------------------------------------------------------------------- opening scripts


def hostile_autoencoder(marks: Path) -> str:
    mark = str(marks / "mark")
    return textwrap.dedent(f"""
        import os, subprocess
        import keras
        from keras import layers
        MARK = {mark!r}
        os.system("touch " + MARK + "_system")
        subprocess.run(["touch", MARK + "_subprocess"])
        open(MARK + "_open", "w").write("x")
        exec("open(MARK + '_exec', 'w').close()")
        x_in = keras.Input((12,), name="x")
        encoder = keras.Model(x_in, layers.Dense(3, name="code")(x_in), name="encoder")
        z_in = keras.Input((3,), name="z")
        decoder = keras.Model(z_in, layers.Dense(12, name="rebuilt")(z_in), name="decoder")
        inputs = keras.Input((12,), name="inputs")
        autoencoder = keras.Model(inputs, decoder(encoder(inputs)), name="autoencoder")
    """)


def test_file_open_reads_a_script_without_running_it_and_asks_which_model(
    window, tmp_path, monkeypatch
):
    marks = tmp_path / "marks"
    marks.mkdir()
    script = tmp_path / "autoencoder.py"
    script.write_text(hostile_autoencoder(marks), encoding="utf-8")
    asked = {}

    def choose_decoder(dialog: QInputDialog) -> None:
        combo = dialog.findChild(QComboBox)
        asked["question"] = dialog.labelText()
        asked["models"] = [combo.itemText(i) for i in range(combo.count())]
        asked["offered"] = combo.currentText()
        combo.setCurrentIndex(1)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    monkeypatch.setattr(
        file_actions.QFileDialog,
        "getOpenFileName",
        lambda *args, **kwargs: (str(script), ""),  # the user picks the script
    )
    answered = answer_next_dialog(QInputDialog, choose_decoder)
    window.controller.undo_stack.setClean()
    window.actions_by_key["open"].trigger()  # File → Open…
    assert answered, "no model chooser was shown"
    assert asked["question"] == "autoencoder.py builds 3 models. Open which one?"
    assert asked["models"] == ["encoder (line 11)", "decoder (line 13)",
                               "autoencoder (line 15)"]  # fmt: skip
    assert asked["offered"] == "autoencoder (line 15)"  # the last model built, first
    assert window.controller.graph.name == "decoder"
    assert sorted(p.name for p in marks.iterdir()) == []  # nothing of the script ran
    status = window.status_text.text()
    assert status.startswith(
        "Opened 'decoder' from autoencoder.py without running it; 5 lines read past, the first: "
        "line 6: `os.system(...)` runs a shell command when the script runs; never run here"
    ), status
    assert "(from autoencoder.py, not saved as a project)" in window.windowTitle()


def drag_and_drop(widget, path: Path) -> QDropEvent:
    """What Qt sends the widget under the mouse when a file is dragged there and dropped."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    action, buttons = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    at = QPoint(widget.width() // 2, widget.height() // 2)
    none = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, action, data, buttons, none)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()  # the mouse shows the drop is welcome there
    move = QDragMoveEvent(at, action, data, buttons, none)
    QApplication.sendEvent(widget, move)
    assert move.isAccepted()
    drop = QDropEvent(at, action, data, buttons, none)
    QApplication.sendEvent(widget, drop)
    return drop


def test_a_script_dropped_on_the_canvas_opens(window, qtbot, tmp_path):
    """The canvas fills most of the window: a file dropped on its drawing opens (the canvas
    had taken the drag and dropped it on the floor)."""
    window.controller.undo_stack.setClean()
    canvas = window.canvas.viewport()  # the widget under the mouse
    assert drag_and_drop(canvas, SEED / "s14_shared_lstm.py").isAccepted()
    qtbot.waitUntil(
        lambda: any(layer.name == "lstm" for layer in window.controller.graph.layers.values()),
        timeout=60_000,
    )
    graph = window.controller.graph
    assert len(graph.calls[graph.layer_by_name("lstm").id]) == 2  # the shared LSTM
    notes = tmp_path / "notes.txt"
    notes.write_text("not a model", encoding="utf-8")
    drag_and_drop(canvas, notes)
    assert window.status_text.text().startswith("'notes.txt' is not a model file")
    assert len(window.controller.graph.calls[graph.layer_by_name("lstm").id]) == 2  # kept


# ---------------------------------------------------------------------- a run and its exports


@pytest.fixture(scope="module")
def trained(window, qapp):
    """A run of the seed's MLP: one epoch on dummy data, seed 5, by the real training worker."""
    open_template(window, "mlp")
    form = window.training.form
    values = {"source": "dummy", "samples": 96, "epochs": 1, "batch_size": 16,
              "val_mode": "split", "seed": 5}  # fmt: skip
    for name, value in values.items():
        form.set_value(name, value)
    panel = window.training
    finished: list = []
    panel.process.finished.connect(finished.append)
    window.actions_by_key["train"].trigger()  # Train → Train the model
    assert panel.process.busy, panel.last_error
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.start(WAIT_MS)
    while not finished and deadline.isActive():
        qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    panel.process.finished.disconnect(finished.append)
    runs = window.controller.document.project_extra["runs"]
    assert runs and runs[-1]["status"] == "finished", runs
    return runs[-1]


def keras_predictions(config: dict, weights: str, inputs: np.ndarray) -> np.ndarray:
    model = keras.models.model_from_json(json.dumps(config))
    model.load_weights(weights)
    return np.asarray(model(inputs))


def fill_deploy_dialog(output: Path, seen: dict):
    def fill(dialog: DeployDialog) -> None:
        seen["weights"] = [dialog.weights.itemText(i) for i in range(dialog.weights.count())]
        seen["offered"] = dialog.weights.currentText()
        dialog.findChild(QLineEdit).setText(str(output))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    return fill


def test_export_for_deployment_dialog_exports_a_runs_weights_checked(
    window, trained, tmp_path, qtbot, window_environment
):
    output = tmp_path / "mlp_saved_model"
    seen: dict = {}
    boxes: list[str] = []
    answered = answer_next_dialog(DeployDialog, fill_deploy_dialog(output, seen))
    answer_next_box(QMessageBox.StandardButton.Ok, boxes, within_ms=WAIT_MS)
    window.actions_by_key["export_saved_model"].trigger()  # File → Export → SavedModel…
    assert answered
    loss = trained["history"]["loss"][0]
    assert seen["weights"] == [f"Weights of Run 1, loss {loss:.4g}",
                               "Fresh weights (not trained)", "Another weights file…"]  # fmt: skip
    assert seen["offered"] == seen["weights"][0]  # the newest run's weights, first
    assert boxes and boxes[0].startswith(f"TensorFlow SavedModel written to {output}")
    assert "with weights of model.weights.h5" in boxes[0]
    assert "differs from Keras by at most" in boxes[0]
    assert window.status_text.text().startswith("TensorFlow SavedModel written to")
    import tensorflow as tf

    inputs = np.random.default_rng(4).normal(size=(5, 100)).astype("float32")
    loaded = tf.saved_model.load(str(output))
    expected = keras_predictions(trained["model"], trained["weights"], inputs)
    np.testing.assert_allclose(np.asarray(loaded.serve(inputs)), expected, atol=1e-4)


def test_a_run_of_an_earlier_version_exports_the_version_it_trained(
    window, trained, tmp_path, window_environment
):
    graph = window.controller.graph
    window.controller.push(
        operations.set_params(graph, graph.layer_by_name("dense").id, units=48), "Wider"
    )  # the run's weights no longer fit the model on the canvas
    output = tmp_path / "mlp.tflite"
    seen: dict = {}
    boxes: list[str] = []
    answer_next_dialog(DeployDialog, fill_deploy_dialog(output, seen))
    answer_next_box(QMessageBox.StandardButton.Ok, boxes, within_ms=WAIT_MS)
    window.actions_by_key["export_litert"].trigger()
    assert seen["weights"][0].endswith("(an earlier version of the model)")
    assert (
        "Run 1 trained an earlier version of this model: the export is that version" in (boxes[0])
    )
    import tensorflow as tf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # TensorFlow's notice that its interpreter moves
        runner = tf.lite.Interpreter(model_path=str(output)).get_signature_runner()
    inputs = np.random.default_rng(2).normal(size=(3, 100)).astype("float32")
    (received,) = runner(**{next(iter(runner.get_input_details())): inputs}).values()
    expected = keras_predictions(trained["model"], trained["weights"], inputs)
    np.testing.assert_allclose(received, expected, atol=1e-4)
    window.controller.undo_stack.undo()


def test_training_script_of_a_run_trains_to_the_runs_loss(window, trained, tmp_path):
    form = window.training.form
    form.set_value("epochs", 4)  # the panel now differs from the run: the run is reproduced
    form.set_value("seed", 9)
    output = tmp_path / "train_mlp.py"
    seen = {}

    def choose_the_run(dialog: TrainingScriptDialog) -> None:
        seen["sources"] = [dialog.source.itemText(i) for i in range(dialog.source.count())]
        dialog.source.setCurrentIndex(1)
        dialog.output.setText(str(output))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    answer_next_dialog(TrainingScriptDialog, choose_the_run)
    window.actions_by_key["export_training_script"].trigger()
    loss = trained["history"]["loss"][0]
    assert seen["sources"] == ["The Training panel's current settings",
                               f"Run 1, loss {loss:.4g}: its model, data and settings"]  # fmt: skip
    text = output.read_text(encoding="utf-8")
    assert "SEED = 5" in text and "epochs=1," in text
    assert 'os.environ.setdefault("KERAS_BACKEND", "tensorflow")' in text
    env = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    result = subprocess.run(
        [sys.executable, str(output)], capture_output=True, text=True, cwd=tmp_path,
        env={**env, "PYTHONPATH": "", "TF_CPP_MIN_LOG_LEVEL": "3"}, timeout=600,
    )  # fmt: skip  # our own generated script: running it is the test
    assert result.returncode == 0, result.stderr[-3000:]
    with open(tmp_path / "train_mlp_output" / "training_log.csv", encoding="utf-8") as stream:
        (row,) = list(csv.DictReader(stream))
    assert float(row["loss"]) == pytest.approx(loss, rel=1e-5)
    assert float(row["val_loss"]) == pytest.approx(trained["history"]["val_loss"][0], rel=1e-5)


def test_cancel_ends_the_export_worker_and_writes_nothing(window, tmp_path, window_environment):
    open_template(window, "mlp")
    output = tmp_path / "mlp.onnx"
    cancelled = []

    def cancel_once_started(dialog: QProgressDialog) -> None:
        if not export_workers():
            QTimer.singleShot(50, lambda: cancel_once_started(dialog))
            return
        cancelled.append(dialog.labelText())
        dialog.cancel()  # what the Cancel button does

    answer_next_dialog(QProgressDialog, cancel_once_started)
    assert not window.deploy.export("onnx", output=str(output), weights=None)
    assert cancelled  # the worker was running when the user cancelled
    assert list(tmp_path.iterdir()) == []  # neither the file nor a staging copy
    assert export_workers() == []  # the worker is gone, not left running


def export_workers() -> list[int]:
    """Pids of this process's children running the export worker."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        parent = next(line for line in status.splitlines() if line.startswith("PPid:"))
        if int(parent.split()[1]) == os.getpid() and b"engine.deploy.worker" in command:
            found.append(int(entry.name))
    return found
