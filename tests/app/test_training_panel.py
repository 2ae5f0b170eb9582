"""The training panel against the real worker process (one warm worker shared by the tests)."""

from __future__ import annotations

import csv
import os
import re
import signal

import numpy as np
import pytest

from app.controller import DocumentController
from app.style import TEMPLATES
from app.training.curves import CurveData, CurvesView, split_key
from app.training.form import TrainingForm
from app.training.panel import TrainingPanel
from engine.io.files import load_document, save_document

WAIT_MS = 120_000  # the first job imports Keras in the worker


@pytest.fixture(scope="module")
def panel(qapp, tmp_path_factory):
    """A panel on the dropout MLP template (input `features` (None, 20), output `dense_2`)."""
    controller = DocumentController()
    widget = TrainingPanel(controller)
    widget.resize(1400, 450)
    widget.show()  # starts the worker: its Keras import overlaps ours, in load_document
    project = tmp_path_factory.mktemp("project") / "mlp.kcanvas"
    controller.set_document(load_document(TEMPLATES / "mlp_dropout.kcanvas"), str(project))
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
    epochs, labels = [], []

    def on_epoch(event: dict) -> None:  # runs after the panel's own slot: its label is updated
        epochs.append(event)
        labels.append(panel.progress_label.text())

    panel.process.epoch.connect(on_epoch)
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as finished:
        assert panel.train(), panel.last_error
        assert not panel.train_button.isEnabled() and panel.stop_button.isEnabled()
    panel.process.epoch.disconnect(on_epoch)

    assert [e["epoch"] for e in epochs] == [0, 1, 2]
    # 256 samples, 20 % held out for validation, batches of 32: 7 steps an epoch
    pattern = r"epoch (\d) / 3 · batch 7 / 7 · .+ left"
    assert [re.fullmatch(pattern, label).group(1) for label in labels] == ["1", "2", "3"], labels
    assert panel.progress_label.text().startswith("Done in ")
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
    labels, pausable = [], []
    on_batch = lambda _event: labels.append(panel.progress_label.text())  # noqa: E731
    on_started = lambda _event: pausable.append(panel.pause_button.isEnabled())  # noqa: E731
    panel.process.batch.connect(on_batch)
    panel.process.started.connect(on_started)
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as evaluated:
        assert panel.actions.run("evaluate")
    panel.process.batch.disconnect(on_batch)
    panel.process.started.disconnect(on_started)
    assert pausable == [False]  # only a fit can pause
    # evaluate's batches move the bar too (all 256 samples, batches of 32: 8 steps)
    assert labels and all(re.fullmatch(r"Evaluate · batch [1-8] / 8", t) for t in labels), labels
    names = [panel.actions.results.table.item(r, 0).text() for r in range(2)]
    assert set(names) == set(evaluated.args[0]["result"])
    loss = evaluated.args[0]["result"]["loss"]
    assert f"loss {loss:.4g}" in panel.status.text()  # the status line says what came out
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


def test_pause_holds_the_fit_between_batches_until_resume(qtbot, panel):
    _settings(panel, epochs=3, samples=4096, batch_size=8)
    seen: list[tuple[str, dict]] = []
    slots = {
        name: (lambda event, name=name: seen.append((name, event)))
        for name in ("batch", "epoch", "paused", "resumed")
    }
    for name, slot in slots.items():
        getattr(panel.process, name).connect(slot)
    assert not panel.pause_button.isEnabled()  # nothing to pause yet
    with qtbot.waitSignal(panel.process.batch, timeout=WAIT_MS):
        assert panel.train()
    assert panel.pause_button.isEnabled() and panel.pause_button.text() == "Pause"
    assert panel.pause_button.toolTip()

    with qtbot.waitSignal(panel.process.paused, timeout=WAIT_MS) as paused:
        panel.pause_button.click()
    held = (paused.args[0]["epoch"], paused.args[0]["batch"])
    assert panel.pause_button.text() == "Resume" and "Go on" in panel.pause_button.toolTip()
    for text in (panel.status.text(), panel.progress_label.text(), panel.curves.note.text()):
        assert "paused" in text.lower(), text
    assert panel.curves.note.isVisibleTo(panel)
    qtbot.wait(1500)  # a moment held: the worker must not train meanwhile
    assert panel.process.busy

    with qtbot.waitSignal(panel.process.resumed, timeout=WAIT_MS) as resumed:
        panel.pause_button.click()
    assert (resumed.args[0]["epoch"], resumed.args[0]["batch"]) == held  # went on from there
    assert panel.pause_button.text() == "Pause" and not panel.curves.note.isVisibleTo(panel)
    assert "paused" not in panel.status.text().lower()
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as finished:
        pass
    for name, slot in slots.items():
        getattr(panel.process, name).disconnect(slot)

    names = [name for name, _event in seen]
    while_held = seen[names.index("paused") + 1 : names.index("resumed")]
    assert all(name == "batch" for name, _event in while_held), while_held  # no epoch ended
    # a batch event may trail the pause (they are sent after their batch), never a later batch
    assert all((e["epoch"], e["batch"]) < held for _name, e in while_held), (held, while_held)
    assert not finished.args[0]["stopped"] and len(finished.args[0]["history"]["loss"]) == 3
    assert panel.runs_store()[-1]["status"] == "finished"
    assert not panel.pause_button.isEnabled() and panel.pause_button.text() == "Pause"


def test_an_empty_model_is_refused_with_what_to_do(qapp):
    empty = TrainingPanel(DocumentController())  # never shown: no worker starts
    assert not empty.train()
    assert "no input" in empty.status.text() and "Input layer" in empty.status.text()
    assert not empty.process.running and empty.progress_label.text() == "Failed"
    empty.shutdown()


def test_data_tab_shows_only_the_rows_of_the_chosen_source(qapp):
    form = TrainingForm()
    assert form.job_fields()["fit"]["validation_split"] == 0.2  # a first run shows validation
    names = ("samples", "layout", "path", "arrays", "limit", "to_categorical", "sample_weight")

    def shown() -> set[str]:
        return {n for n in (*names, "validation_split", "val_path") if form.row_shown(n)}

    form.set_value("limit", 100)
    form.set_value("val_mode", "none")
    form.set_value("source", "dummy")
    assert shown() == {"samples"}
    assert form.data_spec() == {"source": "dummy", "samples": 256}  # hidden settings unused
    form.set_value("source", "digits")
    assert shown() == {"layout", "limit", "to_categorical", "sample_weight"}
    form.set_value("source", "fashion_mnist")
    assert shown() == {"layout", "path", "limit", "to_categorical", "sample_weight"}
    form.set_value("source", "files")
    form.set_value("val_mode", "split")
    assert shown() == {*names} - {"samples", "layout"} | {"validation_split"}
    form.set_value("val_mode", "data")
    assert "val_path" in shown() and "validation_split" not in shown()
    form.set_state({**form.state(), "source": "dummy", "val_mode": "none"})  # a project opens
    assert shown() == {"samples"}


@pytest.mark.parametrize("size", [(880, 200), (1150, 300)])  # the curves at 1280x800, 1600x1000
def test_curves_keep_every_label_inside_the_figure(qtbot, size):
    view = CurvesView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    view.ensure_canvas()
    qtbot.waitUntil(lambda: view.figure.canvas.get_width_height()[0] == size[0])
    view.reset("Run 1", ["dense_2"])
    for epoch in range(12):
        logs = {"loss": 2.0 / (epoch + 1), "accuracy": 0.08 * epoch, "val_loss": 2.2 / (epoch + 1)}
        view.add_epoch({"epoch": epoch, "logs": {**logs, "val_accuracy": 0.07 * epoch}})
    view.redraw()  # shows the curves, hides the hint: the canvas grows to the view's height
    qtbot.waitUntil(lambda: view.figure.canvas.get_width_height() == size)
    view.redraw()
    renderer = view.figure.canvas.get_renderer()
    inside = view.figure.bbox
    texts = [text for axes in view.figure.axes for text in (axes.title, axes.xaxis.label)]
    texts += [label for axes in view.figure.axes for label in axes.get_yticklabels()]
    assert [axes.get_xlabel() for axes in view.figure.axes] == ["epoch", "epoch"]
    for text in texts:
        box = text.get_window_extent(renderer)
        assert inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1), (text, box)
    legend = view.figure.legends[0].get_window_extent(renderer)
    for axes in view.figure.axes:  # the legend hides no line
        assert not legend.overlaps(axes.get_window_extent(renderer))


def test_curves_of_the_first_batches_span_one_epoch(qtbot):
    view = CurvesView()
    qtbot.addWidget(view)
    view.resize(600, 250)
    view.reset("Run 1", ["dense_2"])
    view.add_batch({"epoch": 0, "batch": 0, "steps": 45, "logs": {"loss": 2.3}})
    view.redraw()
    (axes,) = view.figure.axes
    assert axes.get_xlim() == (0.0, 1.0)  # not hundredths of an epoch around the one point


def test_kill_mid_epoch_is_reported_and_a_new_run_works(qtbot, panel):
    _settings(panel, epochs=500, samples=4096, batch_size=8)
    runs = list(panel.runs_store())
    with qtbot.waitSignal(panel.process.batch, timeout=WAIT_MS):
        assert panel.train()
    with qtbot.waitSignal(panel.process.crashed, timeout=10_000):
        panel.kill_button.click()
    assert "Kill" in panel.status.text() and panel.status.property("role") == "error"
    killed = panel.runs_store()[-1]  # kept, as failed, with the message
    assert len(panel.runs_store()) == len(runs) + 1
    assert killed["status"] == "failed" and "Kill" in killed["error"]
    assert panel.train_button.isEnabled() and not panel.process.busy

    _settings(panel, epochs=1)
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS):
        assert panel.train()
    assert len(panel.runs_store()) == len(runs) + 2
    assert panel.runs_store()[-1]["status"] == "finished"


def test_a_hung_worker_is_ended_in_one_sentence_and_kept_as_failed(qtbot, panel):
    """No news for the hang timeout (the worker is frozen with SIGSTOP): the panel ends the run,
    keeps it as failed with the epochs it finished, and the next run works."""
    _settings(panel, epochs=500, samples=4096, batch_size=8)
    panel.form.where.hang_timeout.setValue(6)
    runs = len(panel.runs_store())
    try:
        with qtbot.waitSignal(panel.process.batch, timeout=WAIT_MS):
            assert panel.train()
        os.kill(panel.process._process.processId(), signal.SIGSTOP)
        with qtbot.waitSignal(panel.process.error, timeout=30_000):
            pass
    finally:
        panel.form.where.hang_timeout.setValue(300)
    assert panel.status.text() == (
        "The training worker sent nothing for 6 s, so it was stopped as hung. If one batch can "
        "take that long, raise the hang timeout (Where tab)."
    )
    hung = panel.runs_store()[-1]
    assert len(panel.runs_store()) == runs + 1 and hung["status"] == "failed"
    qtbot.waitUntil(lambda: not panel.process.running, timeout=10_000)  # killed, not left frozen
    _settings(panel, epochs=1)
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS):
        assert panel.train()


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
