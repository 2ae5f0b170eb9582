"""Damaged files in the window: one clear sentence, the current model kept, the window alive.

The `.h5` that crashes libhdf5 closed the whole window before (the crash took the process).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from app.style import TEMPLATES
from engine.errors import FormatError
from tests.app.test_window import make_window

DAMAGED = Path(__file__).resolve().parents[1] / "data" / "damaged"


def _shared_vision() -> dict:
    return json.loads((TEMPLATES / "shared_vision.kcanvas").read_text())


def _write_damaged(folder: Path, kind: str) -> Path:
    if kind == "crashing.h5":
        return DAMAGED / "two_io_crashes_on_open.h5"
    path = folder / kind
    if kind == "structure.json":
        model = _shared_vision()["model"]
        model["config"]["layers"][4]["inbound_nodes"][0] = None
        path.write_text(json.dumps(model))
    elif kind == "runs.kcanvas":
        project = _shared_vision()
        project["runs"] = [{"id": "run-1", "name": "Run 1", "history": []}]
        path.write_text(json.dumps(project))
    elif kind == "huge.yaml":
        with open(path, "wb") as sparse:
            sparse.truncate(1024**3)
    elif kind == "damaged.keras":
        path.write_bytes(b"PK\x03\x04" + bytes(200))
    return path


@pytest.mark.parametrize(
    "kind", ["crashing.h5", "structure.json", "runs.kcanvas", "huge.yaml", "damaged.keras"]
)
def test_a_damaged_file_is_refused_in_one_sentence(qtbot, tmp_path, kind):
    window = make_window(qtbot, tmp_path)
    before = window.controller.graph
    path = _write_damaged(tmp_path, kind)
    assert not window.files.open_path(path)
    message = window.files.last_error
    assert message.startswith(f"'{path.name}'"), message
    assert "\n" not in message and "Traceback" not in message
    assert window.controller.graph is before  # the work in progress is untouched
    assert window.isVisible()


def test_the_recovery_file_is_one_file_that_describes_itself(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.edits.pop()
    name, layers = window.controller.graph.name, len(window.controller.graph.layers)
    assert window.files.write_recovery()
    saved = json.loads(window.files.recovery_path.read_text())
    assert saved["recovery"]["model"] == name and saved["recovery"]["layers"] == layers
    assert not window.files.recovery_note.exists()  # no second file to fall out of step
    question = window.files.recovery_question()
    assert f"model '{name}' ({layers} layers)" in question


def test_keras2_weights_that_crash_libhdf5_are_refused(tmp_path):
    from app.training.weights import convert_legacy_weights

    config = copy.deepcopy(_shared_vision()["model"])
    with pytest.raises(FormatError, match=r"'cnn_crashes_on_weights\.h5' is damaged"):
        convert_legacy_weights(config, str(DAMAGED / "cnn_crashes_on_weights.h5"), tmp_path)
    assert not list(tmp_path.iterdir())  # nothing written
