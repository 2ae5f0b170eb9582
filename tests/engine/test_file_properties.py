"""Issue 10 §4(a): damaged files either open or are refused with the engine's typed errors.

Generated from the templates, three keras.applications models and Keras 2 files written by
tf_keras (`tests.file_mutations`): structural mutations of JSON, YAML and `.kcanvas` files (values
replaced by None, numbers, NaN, text, lists, code a file could smuggle in; keys deleted; subtrees
copied elsewhere), and byte damage of `.keras` archives and legacy `.h5` files. Each file goes
through what `main.py check`, `summary` and `export` do. The property: only a `KerasCanvasError`
escapes (its message opens with the file's name), the process survives (`.h5` is read in a
child process), and no code from the file runs (a marker file stays absent).

The budget follows the hypothesis profile (tests/conftest.py): `ci` for `make test`, `fuzz` for
`make fuzz`. With FILE_FUZZ_STATS=<file>, the figures of a run are written there.
"""

from __future__ import annotations

import collections
import io
import json
import os
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import KerasCanvasError, StructureError
from engine.io.files import load_document, read_model_config, save_document
from engine.io.legacy.h5 import read_legacy_weights
from engine.model.summary import summarize
from tests.file_mutations import (
    FORMATS,
    MARKER_VARIABLE,
    TEMPLATES,
    DamagedFile,
    Mutation,
    base_names,
    damage_bytes,
    use_legacy_files,
    write,
)

BUDGET = settings.default.max_examples
STATS: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
SLOWEST: dict[str, float] = collections.defaultdict(float)
SLOWEST_FILE: dict[str, str] = {}
_FILES_TRIED = [0]
EXPORT_REFUSED: collections.Counter = collections.Counter()  # opened, but the model has problems


@pytest.fixture(scope="module")
def folder(legacy_dir: Path) -> Iterator[Path]:
    """A folder for the damaged files, and the marker that code from a file would write."""
    use_legacy_files(legacy_dir)
    with tempfile.TemporaryDirectory(prefix="kcanvas-fuzz-") as name:
        marker = Path(name) / "code-ran"
        previous = os.environ.get(MARKER_VARIABLE)
        os.environ[MARKER_VARIABLE] = str(marker)
        yield Path(name)
        if previous is None:
            del os.environ[MARKER_VARIABLE]
        else:
            os.environ[MARKER_VARIABLE] = previous
    _write_stats()


def _use_like_the_cli(path: Path, kind: str, what: object = None) -> None:
    """Open `path` as check, summary and export do; count what happened.

    Args:
        path: the damaged file.
        kind: its family in the figures.
        what: how it was made (kept for the slowest file of each family).
    """
    start = time.perf_counter()
    try:
        document = load_document(path)
    except KerasCanvasError as error:
        STATS[kind][f"refused: {type(error).__name__}"] += 1
        message = str(error)
        assert message.startswith(f"'{path.name}'") or path.name in message, message
        if isinstance(error, StructureError):
            assert error.location and "Received: " in message, message
    else:
        STATS[kind]["opened"] += 1
        document.problems()
        summarize(document).as_text()
        try:  # a model with problems is refused by export: that is not about the file
            save_document(document, path.with_name("exported.json"))
        except KerasCanvasError:
            EXPORT_REFUSED[kind] += 1
    finally:
        elapsed = time.perf_counter() - start
        if elapsed > SLOWEST[kind] and STATS[kind].total() > 1:  # the first one imports Keras
            SLOWEST[kind], SLOWEST_FILE[kind] = elapsed, repr(what)
        _FILES_TRIED[0] += 1
        if _FILES_TRIED[0] % 100 == 0:
            _write_stats()  # a long run stopped early still leaves its figures
    marker = Path(os.environ[MARKER_VARIABLE])
    assert not marker.exists(), f"code from {path.name} ran"


mutations = st.builds(
    Mutation,
    op=st.sampled_from(("replace", "replace", "replace", "delete", "copy")),
    place=st.integers(0, 2**31),
    value=st.integers(0, 2**31),
)
# templates open fastest: they come up four times as often as an application or a Keras 2 file
bases = st.deferred(lambda: st.sampled_from([t.name for t in TEMPLATES] * 4 + list(base_names())))


@settings(max_examples=max(1, BUDGET * 6 // 10))
@given(
    base=bases,
    suffix=st.sampled_from(FORMATS),
    changes=st.lists(mutations, min_size=1, max_size=4),
)
def test_mutated_model_files_open_or_are_refused(folder: Path, base, suffix, changes):
    damaged = DamagedFile(base, suffix, tuple(changes))
    _use_like_the_cli(write(damaged, folder), "structure", damaged)


@pytest.fixture(scope="module")
def keras_archives(folder: Path) -> list[bytes]:
    """`.keras` archives as Keras writes them (config.json, metadata.json, model.weights.h5)."""
    import keras

    archives = []
    for template in ("mlp.kcanvas", "shared_vision.kcanvas"):
        config = json.loads((TEMPLATES[0].parent / template).read_text())["model"]
        model = keras.models.model_from_json(json.dumps(config))
        path = folder / f"{template}.keras"
        model.save(path)
        archives.append(path.read_bytes())
    return archives


byte_damage = st.lists(
    st.tuples(st.integers(0, 2**31), st.integers(0, 255)), min_size=1, max_size=20
)


@settings(max_examples=max(1, BUDGET * 3 // 10))
@given(which=st.integers(0, 1), damage=byte_damage, cut=st.integers(0, 2**31))
def test_damaged_keras_archives_open_or_are_refused(folder, keras_archives, which, damage, cut):
    data = keras_archives[which]
    data = damage_bytes(data, [p for p, _ in damage], [v for _, v in damage])
    if cut % 5 == 0:  # a truncated download
        data = data[: cut % len(data)] or data[:1]
    path = folder / "damaged.keras"
    path.write_bytes(data)
    _use_like_the_cli(path, "keras bytes", (which, damage, cut))


@settings(max_examples=max(1, BUDGET // 10))
@given(
    name=st.sampled_from(("cnn", "two_io", "shared_vision", "stateful_lstm")),
    damage=byte_damage,
)
def test_damaged_h5_files_never_take_the_process_down(folder, legacy_dir, name, damage):
    data = (legacy_dir / f"{name}.h5").read_bytes()
    path = folder / "damaged.h5"
    path.write_bytes(damage_bytes(data, [p for p, _ in damage], [v for _, v in damage]))
    _use_like_the_cli(path, "h5 bytes", (name, damage))
    start = time.perf_counter()
    try:
        read_legacy_weights(path)
        STATS["h5 weights"]["read"] += 1
    except KerasCanvasError as error:
        STATS["h5 weights"][f"refused: {type(error).__name__}"] += 1
        assert "damaged.h5" in str(error)
    SLOWEST["h5 weights"] = max(SLOWEST["h5 weights"], time.perf_counter() - start)


def test_a_config_json_that_lies_about_its_size_is_refused(folder):
    # zipfile reads no more than the size the archive declares: a bomb stops there
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("config.json", "[" + " " * 10_000_000 + "]")
    data = bytearray(buffer.getvalue())
    central = data.rindex(b"PK\x01\x02")  # the central directory's size field of config.json
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    path = folder / "bomb.keras"
    path.write_bytes(bytes(data))
    with pytest.raises(KerasCanvasError, match=r"'bomb\.keras' is damaged"):
        read_model_config(path)


def _write_stats() -> None:
    target = os.environ.get("FILE_FUZZ_STATS")
    if not target:
        return
    figures = {
        kind: {
            "tried": sum(counts.values()),
            **counts,
            "opened, export refused": EXPORT_REFUSED[kind],
            "slowest_s": round(SLOWEST[kind], 2),
            "slowest_file": SLOWEST_FILE.get(kind),
        }
        for kind, counts in STATS.items()
    }
    Path(target).write_text(json.dumps(figures, indent=1) + "\n")
