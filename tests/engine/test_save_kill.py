"""kill -9 while a large project is being saved: the file on disk is the old or the new one.

A child process saves in a loop, alternating two versions of a large project (NASNetMobile, 2 MB)
and its recovery file, exactly as `save_project` writes them (`write_text_atomic` of the text
`save_project` renders); it is killed with SIGKILL after a random short delay, 100 times. After
each kill the file is one of the two versions, byte for byte, and reads as a project; both
versions open as documents. The temporary files the killed writers leave behind are removed by
the next save.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.io.files import load_document
from engine.io.project import read_project, recovery_note, save_project
from engine.io.text import write_text_atomic
from engine.model.document import Document
from engine.model.keras_config import graph_from_config
from tests.keras_models import application_config

ROOT = Path(__file__).resolve().parents[2]
KILLS = 100
_SAVER = """
import sys
from pathlib import Path
from engine.io.text import write_text_atomic
target = Path(sys.argv[1])
versions = [Path(name).read_text(encoding="utf-8") for name in sys.argv[2:]]
print("ready", flush=True)
saves = 0
while True:
    write_text_atomic(target, versions[saves % len(versions)])
    saves += 1
"""


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> list[Path]:
    """Two versions of a large project, and two of its recovery file, as the app saves them."""
    folder = tmp_path_factory.mktemp("versions")
    document = Document(graph_from_config(application_config("NASNetMobile")))
    document.prepare()
    paths = [folder / "old.kcanvas", folder / "new.kcanvas"]
    save_project(document, paths[0])
    document.editor_state["positions"] = {
        n: [i * 3.0, i * 7.0] for i, n in enumerate(document.graph.nodes)
    }
    save_project(document, paths[1])
    for i, stamp in enumerate((1000.0, 2000.0)):
        paths.append(folder / f"recovery{i}.kcanvas")
        note = {"path": None, "time": stamp, "model": "nasnet_mobile", "layers": 770}
        save_project(document, paths[-1], recovery=note)
    return paths


def _kill_while_saving(target: Path, versions: list[Path], rng: random.Random) -> None:
    saver = subprocess.Popen(
        [sys.executable, "-c", _SAVER, str(target), *map(str, versions)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert saver.stdout is not None and saver.stdout.readline() == b"ready\n"
    time.sleep(rng.uniform(0, 0.08))
    saver.send_signal(signal.SIGKILL)
    saver.wait()
    saver.stdout.close()


@pytest.mark.parametrize("kind", ["project", "recovery"])
def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path, versions, kind):
    pair = versions[:2] if kind == "project" else versions[2:]
    texts = {path.read_bytes() for path in pair}
    target = tmp_path / f"{kind}.kcanvas"
    target.write_bytes(pair[0].read_bytes())
    rng = random.Random(kind)
    mid_write = 0
    for _ in range(KILLS // 2):
        _kill_while_saving(target, pair, rng)
        assert target.read_bytes() in texts
        assert read_project(target)["model"]["config"]["name"] == "nasnet_mobile"
        leftovers = list(tmp_path.glob(f".{target.name}.*.tmp"))
        mid_write += bool(leftovers)
        for leftover in leftovers:  # what the next save would remove, counted per kill
            leftover.unlink()
    # the kills did land while a file was being written, not only between two saves
    assert mid_write >= KILLS // 10, f"only {mid_write} of {KILLS // 2} kills hit a write"
    if kind == "recovery":
        assert recovery_note(target)["time"] in (1000.0, 2000.0)


def test_both_versions_open(versions):
    for path in (versions[0], versions[3]):
        assert load_document(path).graph.name == "nasnet_mobile"


def test_the_next_save_removes_what_killed_writers_left(tmp_path, versions):
    target = tmp_path / "project.kcanvas"
    target.write_bytes(versions[0].read_bytes())
    rng = random.Random(1)
    for _ in range(20):
        _kill_while_saving(target, versions[:2], rng)
    assert list(tmp_path.glob(".project.kcanvas.*.tmp"))  # killed mid-write at least once
    busy = tmp_path / f".project.kcanvas.{os.getpid()}.abc.tmp"  # a live writer's: kept
    busy.write_text("")
    write_text_atomic(target, versions[1].read_text())
    assert list(tmp_path.glob(".project.kcanvas.*.tmp")) == [busy]
