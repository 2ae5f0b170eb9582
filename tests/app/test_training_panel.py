"""The training panel against the real worker process (one warm worker shared by the tests)."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from app.controller import DocumentController
from app.style import TEMPLATES
from app.training.curves import CurveData, split_key
from app.training.panel import TrainingPanel
from engine.files import load_document, save_document

WAIT_MS = 120_000  # the first job imports Keras in the worker


@pytest.fixture(scope="module")
def panel(qapp, tmp_path_factory):
    """A panel on the MLP template (input `features` (None, 20), softmax output `dense_2`)."""
    controller = DocumentController()
    widget = TrainingPanel(controller)
    widget.resize(1400, 450)
    widget.show()  # starts the worker: its Keras import overlaps ours, in load_document
    project = tmp_path_factory.mktemp("project") / "mlp.kcanvas"
    controller.set_document(load_document(TEMPLATES / "mlp.kcanvas"), str(project))
    yield widget
    widget.shutdown()
    widget.close()


def _settings(panel: TrainingPanel, **values) -> None:
    defaults = {"source": "dummy", "samples": 256, "epochs": 2, "batch_size": 32}
    for name, value in {**defaults, "val_mode": "split", **values}.items():
        panel.form.set_value(name, value)


def _wait_done(qtbot, panel: TrainingPanel) -> None:
    qtbot.waitUntil(lambda: not panel.process.busy, timeout=WAIT_MS)


def test_run_streams_epochs_into_the_curves_and_the_project(qtbot, panel, tmp_path):
    _settings(panel, epochs=3)
    runs_before = len(panel.runs_store())
    epochs = []
    panel.process.epoch.connect(epochs.append)
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as finished:
        assert panel.train(), panel.last_error
        assert not panel.train_button.isEnabled() and panel.stop_button.isEnabled()
    panel.process.epoch.disconnect(epochs.append)

    assert [e["epoch"] for e in epochs] == [0, 1, 2]
    history = finished.args[0]["history"]
    live = panel.curves.live
    assert [x for x, _ in live.epochs["loss"]] == [1.0, 2.0, 3.0]
    assert [y for _, y in live.epochs["val_loss"]] == pytest.approx(history["val_loss"])
    panel.curves.redraw()
    drawn = {line.get_label(): list(line.get_xdata()) for line in panel.curves.lines()}
    assert drawn["training"] == [1.0, 2.0, 3.0] and drawn["validation"] == [1.0, 2.0, 3.0]

    runs = panel.runs_store()
    assert len(runs) == runs_before + 1
    run = runs[-1]
    assert run["status"] == "finished" and run["history"]["loss"] == history["loss"]
    assert run["model"] == panel.controller.document.to_config()
    assert run["weights"].endswith(".weights.h5") and panel.actions.weights == run["weights"]
    assert not panel.controller.undo_stack.isClean()  # the project has something to save
    assert panel.controller.document.project_extra["training"]["epochs"] == 3

    save_document(panel.controller.document, str(tmp_path / "saved.kcanvas"))
    reopened = load_document(tmp_path / "saved.kcanvas").project_extra
    assert reopened["runs"][-1]["history"] == run["history"]
    assert reopened["training"]["epochs"] == 3

    panel.curves.save_png(str(tmp_path / "curves.png"))
    panel.curves.save_csv(str(tmp_path / "curves.csv"))
    assert (tmp_path / "curves.png").read_bytes()[:4] == b"\x89PNG"
    rows = list(csv.DictReader((tmp_path / "curves.csv").open()))
    assert [float(r["loss"]) for r in rows if r["run"] == run["name"]] == pytest.approx(
        history["loss"]
    )


def test_evaluate_and_step_one_batch_show_their_results(qtbot, panel):
    _settings(panel, epochs=1)
    if not panel.actions.weights:
        with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS):
            assert panel.train()
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as evaluated:
        assert panel.actions.run("evaluate")
    names = [panel.actions.results.table.item(r, 0).text() for r in range(2)]
    assert set(names) == set(evaluated.args[0]["result"])
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as predicted:
        assert panel.actions.run("predict_on_batch")
    table = panel.actions.results.table
    assert table.rowCount() == predicted.args[0]["result"]["shapes"]["dense_2"][0]
    assert table.horizontalHeaderItem(1).text() == "dense_2: predicted"


def test_stop_ends_the_run_early_and_keeps_it(qtbot, panel):
    _settings(panel, epochs=500, samples=2048)
    with qtbot.waitSignal(panel.process.epoch, timeout=WAIT_MS):
        assert panel.train()
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as finished:
        panel.stop_button.click()
    assert finished.args[0]["stopped"]
    run = panel.runs_store()[-1]
    assert run["status"] == "stopped" and 1 <= len(run["history"]["loss"]) < 500
    assert panel.train_button.isEnabled()


def test_kill_mid_epoch_is_reported_and_a_new_run_works(qtbot, panel):
    _settings(panel, epochs=500, samples=4096, batch_size=8)
    runs = list(panel.runs_store())
    with qtbot.waitSignal(panel.process.batch, timeout=WAIT_MS):
        assert panel.train()
    with qtbot.waitSignal(panel.process.crashed, timeout=10_000):
        panel.kill_button.click()
    assert "Kill" in panel.status.text() and panel.status.property("role") == "error"
    assert panel.runs_store() == runs  # the killed run left the project as it was
    assert panel.train_button.isEnabled() and not panel.process.busy

    _settings(panel, epochs=1)
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS):
        assert panel.train()
    assert len(panel.runs_store()) == len(runs) + 1


def test_bad_data_is_refused_before_the_run_with_its_message(qtbot, panel, tmp_path):
    path = tmp_path / "wrong.npz"
    np.savez(path, features=np.zeros((64, 7), "float32"), dense_2=np.eye(10)[np.arange(64) % 10])
    _settings(panel, source="files", path=str(path), val_mode="none")
    started = []
    panel.process.started.connect(started.append)
    with qtbot.waitSignal(panel.process.error, timeout=WAIT_MS) as error:
        assert panel.train()
    panel.process.started.disconnect(started.append)
    assert started == [] and error.args[0]["error_type"] == "DataError"
    message = panel.status.text()
    assert "features" in message and "20" in message and "7" in message
    assert panel.train_button.isEnabled()

    panel.form.set_value("path", "")  # refused in the GUI: no process is even asked
    assert not panel.train()
    assert "Choose a data file" in panel.status.text()
    panel.form.set_value("source", "dummy")


def test_curves_split_keys_by_output_for_multi_output_models():
    outputs = ["main_output", "aux_output"]
    assert split_key("val_main_output_accuracy", outputs) == ("accuracy", "main_output", True)
    assert split_key("aux_output_loss", outputs) == ("loss", "aux_output", False)
    assert split_key("loss", outputs) == ("loss", None, False)
    history = {"loss": [2.0, 1.0], "main_output_loss": [1.5, 0.7], "aux_output_loss": [0.5, 0.3]}
    data = CurveData.from_history("run", history, outputs, initial_epoch=2)
    assert data.metrics() == ["loss"] and data.epochs["aux_output_loss"] == [(3.0, 0.5), (4.0, 0.3)]
