"""The training panel's "Where" tab: a fit on two local processes, and a cluster run started
from its launch folder, both drawn live from process 0's events (real workers, real files)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from app.controller import DocumentController
from app.style import TEMPLATES
from app.training.panel import TrainingPanel
from app.training.where import CLUSTER, LOCAL
from engine.io.files import load_document

WAIT_MS = 300_000  # two processes import Keras and join before the first event


@pytest.fixture
def panel(qtbot, tmp_path):
    """A panel on the MLP template (input (None, 20), softmax output `dense_2`)."""
    controller = DocumentController()
    widget = TrainingPanel(controller)
    qtbot.addWidget(widget)
    controller.set_document(load_document(TEMPLATES / "mlp.kcanvas"), str(tmp_path / "mlp.kcanvas"))
    for name, value in {"source": "dummy", "samples": 512, "epochs": 2, "batch_size": 64}.items():
        widget.form.set_value(name, value)
    widget.form.set_value("val_mode", "split")
    yield widget
    widget.shutdown()


def test_two_local_processes_train_from_the_panel_with_live_curves(qtbot, panel):
    where = panel.form.where
    where.mode.setCurrentIndex(where.mode.findData(LOCAL))
    assert panel.form.value("backend") == "jax" and not panel.form.fields["backend"].isEnabled()
    panel.resize(1200, 500)
    panel.show()
    epochs, batches = [], []
    panel.process.epoch.connect(lambda e: epochs.append(panel.curves.live.epochs["loss"][:]))
    panel.process.batch.connect(batches.append)
    with qtbot.waitSignal(panel.process.started, timeout=WAIT_MS) as started:
        assert panel.train(), panel.last_error
    assert started.args[0]["processes"] == 2 and started.args[0]["backend"] == "jax"
    assert "2 processes" in panel.status.text()
    with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as finished:
        pass
    # the curves grew while the run went, one epoch at a time
    assert [len(points) for points in epochs] == [1, 2] and batches
    assert finished.args[0]["replicas_identical"] is True
    run = panel.runs_store()[-1]
    assert (run["status"], run["backend"], run["processes"]) == ("finished", "jax", 2)
    assert "on jax × 2 processes" in panel.runs.list.item(panel.runs.list.count() - 1).text()


def test_a_cluster_run_is_written_as_a_launch_folder_and_followed(qtbot, panel, tmp_path):
    where = panel.form.where
    where.mode.setCurrentIndex(where.mode.findData(CLUSTER))
    where.hosts.setText("localhost")
    where.per_host.setValue(2)
    where.folder.setText(str(tmp_path / "launch"))
    panel.form.set_value("epochs", 1)
    assert panel.train(), panel.last_error
    folder = tmp_path / "launch" / "run-1"
    assert "Launch folder written" in panel.status.text() and str(folder) in panel.status.text()
    job = json.loads((folder / "job.json").read_text())
    assert job["distribution"]["num_processes"] == 2 and job["backend"] == "jax"
    assert job["distribution"]["hosts"] == ["localhost", "localhost"]
    assert "--process-id 1" in (folder / "run.sh").read_text()
    assert "srun" in (folder / "job.sbatch").read_text()
    # what the user does on the cluster: run.sh starts process 0 and process 1 here
    env = {"PYTHON": sys.executable}
    launched = subprocess.Popen(["sh", str(folder / "run.sh")], env={**_env(), **env})
    try:
        with qtbot.waitSignal(panel.process.finished, timeout=WAIT_MS) as finished:
            pass
        assert launched.wait(timeout=120) == 0
    finally:
        if launched.poll() is None:
            launched.kill()
    assert finished.args[0]["files"]["weights"].startswith(str(folder / "output"))
    assert len(panel.curves.live.epochs["loss"]) == 1
    assert panel.runs_store()[-1]["processes"] == 2


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def test_process_0_reports_to_a_port_the_window_listens_on(qtbot, tmp_path):
    """The relay (what process 0's `train --report-to` uses) against the window's listener:
    events arrive as lines, and Stop goes back over the same connection."""
    from app.training.remote import ListenedPort
    from engine.training.relay import EventRelay

    listener = ListenedPort(0)
    lines: list[bytes] = []
    listener.line.connect(lines.append)
    commands: list[dict] = []
    relay = EventRelay(
        str(tmp_path / "events.jsonl"), f"127.0.0.1:{listener.port}", commands.append
    )
    try:
        assert relay.connected
        relay.send({"event": "started", "job_id": "j", "kind": "fit", "loss": float("nan")})
        relay.send({"event": "epoch", "job_id": "j", "epoch": 0, "logs": {"loss": 0.5}})
        qtbot.waitUntil(lambda: len(lines) == 2, timeout=10_000)
        assert [json.loads(line)["event"] for line in lines] == ["started", "epoch"]
        assert json.loads(lines[0])["loss"] is None  # strict JSON: NaN travels as null
        listener.send({"cmd": "stop"})
        qtbot.waitUntil(lambda: commands == [{"cmd": "stop"}], timeout=10_000)
    finally:
        relay.close()
        listener.close()
    # the events file has the same lines, for a window that follows the folder instead
    assert len((tmp_path / "events.jsonl").read_bytes().splitlines()) == 2


def test_several_processes_train_on_jax_and_the_backend_comes_back(qapp):
    from app.training.form import TrainingForm
    from app.training.where import THIS_PROCESS

    form = TrainingForm()
    form.set_value("backend", "tensorflow")
    where = form.where
    where.mode.setCurrentIndex(where.mode.findData(LOCAL))
    assert form.job_fields()["backend"] == "jax"
    assert form.job_fields()["distribution"] == {"num_processes": 2, "join_timeout": 120}
    assert not form.fields["backend"].isEnabled()
    assert not form.where._form.isRowVisible(where.hosts)  # cluster rows stay hidden
    where.mode.setCurrentIndex(where.mode.findData(THIS_PROCESS))
    assert form.value("backend") == "tensorflow" and form.fields["backend"].isEnabled()
    assert form.job_fields()["distribution"] is None
    form.deleteLater()
