"""The wheel carries everything an installed app needs, read from where it is installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Runs inside the unpacked wheel, away from the source tree: every resource must come from there.
PROBE = """
import sys
from pathlib import Path
import resources, app, engine
site = Path(sys.argv[1]).resolve()
for module in (resources, app, engine):
    assert Path(module.__file__).resolve().is_relative_to(site), module.__file__
from PySide6.QtWidgets import QApplication
from app.style import apply_style
application = QApplication([])
apply_style(application)
sheet = application.styleSheet()
assert "QDockWidget" in sheet and "@ICONS@" not in sheet, sheet[:200]
icon = sheet.split("url(")[1].split(")")[0]
assert Path(icon).resolve().is_relative_to(site) and Path(icon).exists(), icon
from PySide6.QtCore import QCoreApplication
from app.i18n import CHINESE, ENGLISH, install_language
from resources import i18n_dir
assert i18n_dir().resolve().is_relative_to(site), i18n_dir()
assert install_language(application, CHINESE) == CHINESE
assert QCoreApplication.translate("Menus", "&File") == "\u6587\u4ef6(&F)", "no Chinese catalogue"
install_language(application, ENGLISH)
from app.window_menus import template_paths
templates = template_paths()
assert len(templates) >= 10, templates
from engine.io.files import load_document
document = load_document(next(p for p in templates if p.stem == "mlp"))
from app.desktop_entry import install_desktop_entry
written = install_desktop_entry(Path(sys.argv[2]))
print(len(templates), len(document.graph.layers), *written)
"""


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT), "-w", str(out)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    (wheel,) = out.glob("keras_canvas-*.whl")
    site = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def test_an_installed_wheel_finds_its_templates_style_translations_and_desktop_entry(
    unpacked_wheel: Path, tmp_path: Path
):
    env = {**os.environ, "PYTHONPATH": str(unpacked_wheel), "QT_QPA_PLATFORM": "offscreen"}
    data_home = tmp_path / "share"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(unpacked_wheel), str(data_home)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    count, layers, desktop, icon = result.stdout.split()
    from engine.io.files import load_document

    source_templates = sorted((ROOT / "resources" / "templates").glob("*.kcanvas"))
    assert int(count) == len(source_templates)
    source_mlp = load_document(ROOT / "resources" / "templates" / "mlp.kcanvas")
    assert int(layers) == len(source_mlp.graph.layers)
    entry = Path(desktop).read_text(encoding="utf-8")
    assert "[Desktop Entry]" in entry and "Exec=" in entry and "@EXEC@" not in entry
    assert Path(icon).read_text(encoding="utf-8").startswith("<svg")


def test_the_desktop_entry_starts_this_installation(tmp_path: Path):
    from app.desktop_entry import install_desktop_entry, launch_command

    desktop, icon = install_desktop_entry(tmp_path)
    lines = dict(
        line.split("=", 1)
        for line in desktop.read_text(encoding="utf-8").splitlines()
        if "=" in line
    )
    assert lines["Exec"] == f"{launch_command()} %f"
    assert lines["Icon"] == icon.stem == "keras-canvas"
    assert lines["Type"] == "Application" and "Education" in lines["Categories"]
