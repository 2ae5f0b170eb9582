"""Damaged `.h5` files never take the process down: HDF5 is read in a child process.

`tests/data/damaged/` holds `.h5` files written by tf_keras and then damaged by random bytes, kept
because libhdf5 (h5py 3.14) crashes or never ends on them: read in this process, the first one
killed `main.py check` with exit code 139. The mechanism itself is tested with a reader that
misbehaves on request (`tests/misbehaving_reader.py`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engine.errors import DamagedFileError, FormatError
from engine.io.isolated import Limits, run_reader
from engine.io.legacy.h5 import read_legacy_h5_config, read_legacy_weights

DAMAGED = Path(__file__).resolve().parents[1] / "data" / "damaged"
READER = "tests.misbehaving_reader"
SMALL = Limits(cpu_seconds=2, memory_bytes=1024 * 1024**2, wall_seconds=120)


@pytest.fixture
def any_file(tmp_path: Path) -> Path:
    path = tmp_path / "model.h5"
    path.write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(100))
    return path


def test_a_file_that_crashes_libhdf5_when_opened_is_refused_as_damaged():
    path = DAMAGED / "two_io_crashes_on_open.h5"
    with pytest.raises(FormatError, match=r"'two_io_crashes_on_open\.h5' is damaged"):
        read_legacy_h5_config(path)


def test_weights_that_crash_libhdf5_are_refused_as_damaged():
    path = DAMAGED / "cnn_crashes_on_weights.h5"
    with pytest.raises(FormatError, match=r"'cnn_crashes_on_weights\.h5' is damaged"):
        read_legacy_weights(path)


def test_a_file_on_which_libhdf5_never_ends_is_stopped():
    with pytest.raises(DamagedFileError, match=r"'cnn_never_ends\.h5' is damaged.*stopped"):
        read_legacy_h5_config(DAMAGED / "cnn_never_ends.h5")


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("segfault", r"'model\.h5' is damaged: the HDF5 library crashed .*\(SIGSEGV\)"),
        ("exit", r"'model\.h5' is damaged: its reader stopped with exit code 3"),
        ("spin", r"'model\.h5' is damaged: reading it used more than 2 s of processor time"),
        ("allocate", r"'model\.h5' is damaged: its reader stopped with exit code 1"),
        ("object_array", r"'model\.h5' is damaged: its reader stopped with exit code 1"),
    ],
)
def test_a_reader_that_dies_is_reported_with_the_file_name(any_file: Path, how: str, message):
    with pytest.raises(DamagedFileError, match=message):
        run_reader(READER, any_file, how, limits=SMALL)


def test_a_reader_that_waits_for_ever_is_stopped_by_the_clock(any_file: Path):
    limits = Limits(cpu_seconds=2, memory_bytes=1024 * 1024**2, wall_seconds=3)
    with pytest.raises(DamagedFileError, match=r"did not finish within 3 s"):
        run_reader(READER, any_file, "sleep", limits=limits)


def test_a_sound_reader_hands_back_data_and_arrays(any_file: Path):
    result = run_reader(READER, any_file, "ok", limits=SMALL)
    assert result.data == {"ok": True}
    np.testing.assert_array_equal(result.arrays["0"], np.arange(3.0))
