"""The window opens Python scripts (File → Open, drop, paste) and exports for deployment.

Real widgets offscreen; a script is read without running it; deployment exports and the
training script run in the real export worker process.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.app.test_window import make_window

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed_scripts"
AUTOENCODER = textwrap.dedent("""
    import keras
    from keras import layers
    x_in = keras.Input((12,), name="x")
    encoder = keras.Model(x_in, layers.Dense(3, name="code")(x_in), name="encoder")
    z_in = keras.Input((3,), name="z")
    decoder = keras.Model(z_in, layers.Dense(12, name="rebuilt")(z_in), name="decoder")
    inputs = keras.Input((12,), name="inputs")
    autoencoder = keras.Model(inputs, decoder(encoder(inputs)), name="autoencoder")
    autoencoder.compile("adam", "mse")
""")


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path)


def test_open_a_script_with_several_models_asks_which(window, tmp_path):
    path = tmp_path / "autoencoder.py"
    path.write_text(AUTOENCODER, encoding="utf-8")
    asked = []

    def choose(labels, default, reason):
        asked.append((labels, default, reason))
        return labels.index(next(label for label in labels if label.startswith("decoder")))

    window.files.choose_model = choose
    notices = []
    window.files.done.connect(notices.append)  # news, not an error
    assert window.files.open_path(path)
    labels, default, _reason = asked[0]
    assert [label.split(" ")[0] for label in labels] == ["encoder", "decoder", "autoencoder"]
    assert default == 2  # the last model built is offered first
    assert window.controller.graph.name == "decoder"
    assert window.controller.path is None  # a script is imported: saving asks where
    assert "read past" in notices[-1] and "autoencoder.compile(...)" in notices[-1]


def test_a_script_that_stops_offers_the_models_it_built(window):
    reasons = []

    def choose(labels, default, reason):
        reasons.append(reason)
        return 0

    window.files.choose_model = choose
    assert window.files.open_path(SEED / "s17_vqa.py")
    assert "line 27: `encoded_question` is not defined yet" in reasons[0]
    assert window.controller.graph.name == "sequential"  # the seed's vision model
    window.files.choose_model = lambda labels, default, reason: None  # cancelled: refused
    errors = []
    window.files.error.connect(errors.append)
    assert not window.files.open_path(SEED / "s17_vqa.py")
    assert errors and errors[-1].startswith("'s17_vqa.py', line 27:")
    assert window.controller.graph.name == "sequential"  # the document is kept


def test_drop_a_script_on_the_window(window, tmp_path):
    target = SEED / "s14_shared_lstm.py"
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(target))])
    action, buttons = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    enter = QDragEnterEvent(QPoint(5, 5), action, data, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPoint(5, 5), action, data, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    QApplication.processEvents()
    graph = window.controller.graph
    assert len(graph.calls[graph.layer_by_name("lstm").id]) == 2  # the shared LSTM


def test_paste_python_text_adds_its_layers(window):
    before = len(window.controller.graph.layers)
    QApplication.clipboard().setText((SEED / "s12_three_layers.py").read_text(encoding="utf-8"))
    pasted = window.edits.paste()
    assert len(pasted) == 4  # the Input and three Dense layers of the seed's S12 block
    assert len(window.controller.graph.layers) == before + 4


def test_export_onnx_from_the_menu_action_runs_the_worker(window, tmp_path):
    output = tmp_path / "mlp.onnx"
    summaries = []
    window.deploy.exported.connect(summaries.append)
    assert window.deploy.export("onnx", output=str(output), weights=None)
    assert output.is_file()
    assert window.deploy.last_report["max_difference"] <= 1e-4
    assert summaries[0].startswith(f"ONNX written to {output}")
    import onnxruntime

    session = onnxruntime.InferenceSession(str(output), providers=["CPUExecutionProvider"])
    (result,) = session.run(None, {"features": np.zeros((2, 20), dtype="float32")})
    assert result.shape == (2, 10)
    assert window.actions_by_key["export_onnx"].text() == "ONNX…"


def test_export_the_training_script_with_the_panels_settings(window, tmp_path):
    window.training.form.set_value("epochs", 3)
    output = tmp_path / "train_mlp.py"
    assert window.deploy.export_training_script(str(output))
    text = output.read_text(encoding="utf-8")
    compile(text, output.name, "exec")
    assert "epochs=3," in text
    assert "def build_model():" in text and "def load_data():" in text
    errors = []
    window.deploy.error.connect(errors.append)
    assert not window.deploy.export("onnx", output=str(tmp_path / "x.json"), weights=None)
    assert "ends in .onnx" in errors[-1]
    assert json.loads(json.dumps(window.deploy.last_report))  # the last success is kept
