"""The training panel belongs to its document (issue 14, items 2, 3, 6 and the placeholder of
item 10), driven through the window with the real worker (one warm worker for the module).

Runs are tiny (a few hundred dummy samples, 1 to 3 epochs): what is checked is what the window
shows and where the files go, not how well the models learn.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.main_window import MainWindow
from app.style import TEMPLATES
from app.training.curves import BATCH_LABEL
from tests.app.dialogs import answer_next_box

WAIT_MS = 180_000  # the first job imports Keras in the worker, on a shared machine
Answer = QMessageBox.StandardButton
TRAINED_HINT = "once a model has been trained"


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    """One window for the module, its user data folder in a temporary directory."""
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
    win._show_training()  # the panel is shown: its worker starts warming up now
    win.home = home
    yield win
    win.controller.undo_stack.setClean()
    win.training.shutdown()
    win.close()
    if saved_env is None:
        os.environ.pop("XDG_DATA_HOME", None)
    else:
        os.environ["XDG_DATA_HOME"] = saved_env


def _settings(window, **values) -> None:
    form = window.training.form
    for name, value in {"source": "dummy", "samples": 128, "epochs": 1, "batch_size": 32,
                        "val_mode": "split", **values}.items():  # fmt: skip
        form.set_value(name, value)


def _train(qtbot, window) -> dict:
    panel = window.training
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as finished:
        window.actions_by_key["train"].trigger()  # Train > Train the model (F5)
        assert panel.process.busy, panel.last_error
    return finished.args[0]


def _run_job(qtbot, window, button_text: str) -> dict:
    panel = window.training
    button = next(b for b in panel.actions.findChildren(type(panel.train_button))
                  if b.text() == button_text)  # fmt: skip
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as finished:
        button.click()
    return finished.args[0]


def _open_template(window, name: str, asked: list[str], answer=Answer.Discard) -> None:
    if window.files.is_modified():
        answer_next_box(answer, asked)
    window.open_template(TEMPLATES / f"{name}.kcanvas")  # File > New from template


def _shows_nothing_of_a_run(window) -> None:
    panel = window.training
    assert panel.runs.list.count() == 0 and panel.runs.checked_runs() == []
    assert not panel.curves.live.epochs and not panel.curves.live.batches
    assert panel.curves.overlays == []
    assert panel.status.text().startswith("No run yet")
    assert panel.progress_label.text() == "Ready" and panel.progress.value() == 0
    assert not panel.actions.results.has_results()
    assert TRAINED_HINT in panel.actions.results.title.text()
    assert not panel.resume_check.isChecked() and panel.actions.weights is None
    assert panel.form.value("epochs") == panel._defaults["epochs"]


def test_another_model_shows_its_own_runs_and_settings(qtbot, window, tmp_path):
    panel = window.training
    project = tmp_path / "mlp.kcanvas"
    shutil.copyfile(TEMPLATES / "mlp.kcanvas", project)
    asked: list[str] = []
    if window.files.is_modified():
        answer_next_box(Answer.Discard, asked)
    window.open_path(str(project))
    _settings(window, epochs=2)
    finished = _train(qtbot, window)
    assert len(panel.runs_store()) == 1 and panel.curves.live.epochs["loss"]
    assert TRAINED_HINT not in panel.actions.results.title.text()  # item 10: it is trained
    assert "current weights" in panel.actions.results.title.text()
    _run_job(qtbot, window, "Evaluate")
    assert panel.actions.results.has_results()
    panel.resume_check.setChecked(True)
    window.actions_by_key["save"].trigger()  # the project keeps its run and settings
    assert not window.files.is_modified()

    _open_template(window, "cnn", asked)
    assert window.controller.graph.name == "cnn" and asked == []
    _shows_nothing_of_a_run(window)
    panel.curves.redraw()
    assert panel.curves.lines() == []  # no curve of the mlp's run is drawn

    window.open_path(str(project))  # back: the project's own run, settings and weights
    assert panel.runs.list.count() == 1 and "Run 1" in panel.runs.list.item(0).text()
    assert [y for _, y in panel.curves.live.epochs["loss"]] == finished["history"]["loss"]
    assert panel.form.value("epochs") == 2
    assert panel.actions.weights == finished["files"]["weights"]
    assert "1 run kept in this project: Run 1" in panel.status.text()
    assert not panel.resume_check.isChecked()  # a choice for the next fit, not a setting
    assert not panel.actions.results.has_results()

    assert not window.files.is_modified()
    window.actions_by_key["new"].trigger()  # File > New
    _shows_nothing_of_a_run(window)


def test_untitled_runs_get_folders_of_their_own_and_dialogs_open_there(qtbot, window):
    panel = window.training
    asked: list[str] = []
    _open_template(window, "mlp", asked)
    _settings(window)
    first = Path(_train(qtbot, window)["output_dir"])
    evaluated = Path(_run_job(qtbot, window, "Evaluate")["output_dir"])
    runs = window.home / "Keras Canvas" / "runs"
    assert first.parent.parent == runs and first.parent.name.startswith("mlp-")
    assert first.name == "run-1-fit" and evaluated == first.parent / "evaluate-1"
    assert "Keras Canvas/Keras Canvas" not in str(first)
    second_fit = Path(_train(qtbot, window)["output_dir"])
    assert second_fit.name == "run-2-fit" and panel.runs_store()[-1]["id"] == "run-2"

    seen: list[str] = []

    def read_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, read_the_dialog)
            return
        seen.append(dialog.directory().absolutePath())
        dialog.reject()

    QTimer.singleShot(0, read_the_dialog)
    panel.actions.save_weights()  # Save weights… opens where this document's runs are
    assert seen == [str(first.parent)]

    _open_template(window, "mlp", asked)  # another untitled mlp: another folder
    assert asked and "Save the changes" in asked[-1]
    _settings(window)
    other = Path(_train(qtbot, window)["output_dir"])
    assert other.name == "run-1-fit" and other.parent != first.parent
    assert other.parent.parent == runs


def test_live_chart_follows_every_epoch_of_a_second_stateful_run(qtbot, window):
    panel, curves = window.training, window.training.curves
    asked: list[str] = []
    _open_template(window, "stateful_lstm", asked)
    panel.tabs.setCurrentWidget(curves)
    for _run in range(2):
        _settings(window, epochs=3, samples=256)
        finished = _train(qtbot, window)
    drawn = curves.draw_count
    curves.mark_dirty()
    # the timer draws; a drawing already running when the last epoch came in does not count
    qtbot.waitUntil(lambda: curves.draw_count > drawn and curves.is_drawn(), timeout=10_000)
    epochs = len(finished["history"]["loss"])
    assert epochs == 3
    for axes in curves.figure.axes:
        low, high = axes.get_xlim()
        assert low <= 1.0 and high >= epochs, (low, high)  # not stuck at the first epoch
    batch_lines = [line for (run, key, kind), line in curves._lines.items()
                   if kind == "batch" and run == curves.live.name]  # fmt: skip
    assert batch_lines and all(max(line.get_xdata()) == epochs for line in batch_lines)
    labels = [text.get_text() for legend in curves.figure.legends for text in legend.get_texts()]
    assert BATCH_LABEL in labels


def test_opening_another_model_while_training_asks_to_stop_the_run(qtbot, window):
    panel = window.training
    asked: list[str] = []
    _open_template(window, "mlp", asked)
    runs_before = list(panel.runs_store())
    _settings(window, epochs=500, samples=2048, batch_size=8)
    with qtbot.waitSignal(panel.process.epoch, timeout=WAIT_MS):
        window.actions_by_key["train"].trigger()

    answer_next_box(Answer.Cancel, asked)  # "Training is running": keep training
    window.open_template(TEMPLATES / "cnn.kcanvas")
    assert window.controller.graph.name == "mlp" and panel.process.busy
    assert "running" in asked[-1]

    answer_next_box(Answer.Yes, asked)  # stop it and open the other model
    window.open_template(TEMPLATES / "cnn.kcanvas")
    assert window.controller.graph.name == "cnn" and not panel.process.busy
    assert panel.train_button.isEnabled()
    qtbot.wait(500)  # nothing of the stopped run arrives afterwards
    _shows_nothing_of_a_run(window)
    assert runs_before == []
