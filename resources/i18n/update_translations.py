"""Extract the interface's strings into the `.ts` files and compile the `.qm` files.

    python resources/i18n/update_translations.py           # lupdate, then lrelease
    python resources/i18n/update_translations.py --release # lrelease only (after translating)

pyside6-lupdate reads every `tr()` / `QCoreApplication.translate()` / `QT_TRANSLATE_NOOP` of
`app/` into `keras_canvas_zh_CN.ts` (new strings arrive unfinished, strings gone from the code
are dropped) and the plural forms only into `keras_canvas_en.ts` ("%n layer(s)" → "1 layer",
"2 layers"). Translate in Qt Linguist (`pyside6-linguist`) or any text editor, then compile with
pyside6-lrelease. Source lines are not recorded, so moving code does not change the `.ts`.
The tests check that the `.ts` has every string of `app/` and that the `.qm` files are current.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CATALOGUE = "keras_canvas"
LANGUAGES = ("zh_CN", "en")  # English: plural forms only (the sources are English)


def tool(name: str) -> str:
    """A PySide6 tool beside this Python (a venv's bin/), else on the PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: it ships with PySide6 (pip install PySide6)")
    return found


def sources(root: Path = ROOT) -> list[str]:
    """The Python files whose strings the interface shows (app/, relative to `root`)."""
    return sorted(str(p.relative_to(root)) for p in (root / "app").rglob("*.py"))


def ts_path(language: str, folder: Path = HERE) -> Path:
    return folder / f"{CATALOGUE}_{language}.ts"


def qm_path(language: str, folder: Path = HERE) -> Path:
    return folder / f"{CATALOGUE}_{language}.qm"


def lupdate(language: str, ts: Path, root: Path = ROOT) -> str:
    """Update `ts` from the sources under `root`; returns lupdate's report."""
    command = [tool("pyside6-lupdate"), *sources(root), "-no-obsolete", "-locations", "none",
               "-source-language", "en", "-target-language", language]  # fmt: skip
    if language == "en":
        command.append("-pluralonly")
    command += ["-ts", str(ts)]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def lrelease(ts: Path, qm: Path) -> str:
    """Compile `ts` into `qm`; returns lrelease's report."""
    command = [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile the .qm files")
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        if not args.release:
            print(lupdate(language, ts_path(language)).strip())  # noqa: T201 - a command-line tool
        print(lrelease(ts_path(language), qm_path(language)).strip())  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
