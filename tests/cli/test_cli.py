"""The command line as other tools call it: `python main.py export|summary|check`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.in_process import run_in_process
from tests.keras_models import seed_config

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def news_json(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "news.json"
    path.write_text(json.dumps(seed_config("S13_news_two_io")))
    return path


def test_export_json_to_yaml_to_json_is_identical(news_json: Path, tmp_path: Path) -> None:
    assert run("export", str(news_json), "-o", str(tmp_path / "m.yaml")).returncode == 0
    result = run("export", str(tmp_path / "m.yaml"), "-o", str(tmp_path / "m.json"))
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "m.json").read_text()) == json.loads(news_json.read_text())
    assert result.stderr == ""  # TensorFlow's start-up noise stays hidden
    assert result.stdout == f"Wrote {tmp_path / 'm.json'}\n"  # a success says so


@pytest.mark.parametrize("command", ["summary", "check", "export"])
def test_a_missing_input_file_is_reported_before_keras_loads(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    extra = ["-o", str(tmp_path / "out.png")] if command == "export" else []
    result = subprocess.run(
        [sys.executable, "-X", "importtime", str(ROOT / "main.py"), command, str(missing), *extra],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 2
    assert f"error: No such file: '{missing}'." in result.stderr
    assert "| keras" not in result.stderr  # -X importtime lists every module imported


def test_summary_prints_layers_and_totals(news_json: Path) -> None:
    result = run_in_process("summary", str(news_json))
    assert result.returncode == 0
    assert "main_output (Dense)" in result.stdout
    assert "Total params: 5,200,610" in result.stdout


def test_check_exit_codes(news_json: Path, tmp_path: Path) -> None:
    assert run_in_process("check", str(news_json)).returncode == 0
    broken = json.loads(news_json.read_text())
    cat = next(x for x in broken["config"]["layers"] if x["name"] == "concatenate")
    cat["config"]["axis"] = 0
    (tmp_path / "broken.json").write_text(json.dumps(broken))
    result = run_in_process("check", str(tmp_path / "broken.json"))
    assert result.returncode == 1
    assert "concatenate" in result.stdout
    (tmp_path / "truncated.json").write_text(news_json.read_text()[:500])
    result = run_in_process("check", str(tmp_path / "truncated.json"))
    assert result.returncode == 2
    assert "not valid JSON" in result.stderr and "Traceback" not in result.stderr


def test_sequential_refused_for_a_branching_model(news_json: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "s.json")
    result = run_in_process("export", str(news_json), "--sequential", "-o", out)
    assert result.returncode == 1
    assert "single chain" in result.stderr
    assert not (tmp_path / "s.json").exists()


def test_export_diagram_as_png_and_svg(news_json: Path, tmp_path: Path) -> None:
    for name in ("diagram.png", "diagram.svg"):
        result = run("export", str(news_json), "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "diagram.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "diagram.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "main_output" in svg


def test_export_a_picture_at_a_collapse_level(tmp_path: Path) -> None:
    """By default the level the window opens the model at (VGG16 is small: every layer), or
    the level asked for (its blocks as cards)."""
    from tests.keras_models import application_json_path

    source = str(application_json_path("VGG16"))
    result = run_in_process("export", source, "-o", str(tmp_path / "page.svg"))
    assert result.returncode == 0, result.stderr
    assert "block3_conv1" in (tmp_path / "page.svg").read_text()
    result = run_in_process("export", source, "-o", str(tmp_path / "blocks.svg"), "--collapse", "1")
    assert result.returncode == 0, result.stderr
    blocks = (tmp_path / "blocks.svg").read_text()
    assert "block3" in blocks and "4 layers" in blocks and "block3_conv1" not in blocks
    refused = run_in_process("export", source, "-o", str(tmp_path / "x.png"), "--collapse", "-1")
    assert refused.returncode == 2 and "a level is 0, 1, 2" in refused.stderr


def test_check_of_an_h5_that_crashes_libhdf5_says_it_is_damaged() -> None:
    # read in this process, this file killed `check` with a segmentation fault (exit code 139)
    damaged = ROOT / "tests" / "data" / "damaged" / "two_io_crashes_on_open.h5"
    result = run("check", str(damaged))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: 'two_io_crashes_on_open.h5' is damaged")
    assert result.stderr.count("\n") == 1  # one sentence, no traceback
