"""Untrusted binary files are read in a child process: its crash is a message here, not ours.

libhdf5 (under h5py) can crash with a segmentation fault, or loop without end, on a damaged
`.h5`; no `try` catches that. So a reader of such files runs as
`python -m <module> FILE OUT_DIR CPU_SECONDS MEMORY_BYTES [ARGS...]` under CPU-time and memory
limits that grow with the file's size, and hands back plain data only: `OUT_DIR/result.json`,
and numeric arrays in `OUT_DIR/arrays.npz` (loaded here with `allow_pickle=False`). Its death by a
signal, an exit code, a limit or a time-out becomes a `DamagedFileError` naming the file.

The child pays one Python start with numpy and h5py (about 0.2 s of CPU): measured by
`bench/bench_isolated_read.py`.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.errors import DamagedFileError, FormatError

logger = logging.getLogger(__name__)

RESULT = "result.json"
ARRAYS = "arrays.npz"
MB = 1024 * 1024
# the folder that holds the `engine` package, so the child imports the same code
_ROOT = str(Path(__file__).resolve().parents[2])


@dataclass(frozen=True)
class Limits:
    """What the child may use: CPU seconds and address space (its own), wall time (ours)."""

    cpu_seconds: int
    memory_bytes: int
    wall_seconds: float


def limits_for(size: int) -> Limits:
    """Limits for reading a file of `size` bytes: generous for a sound file, bounded for any.

    A sound file is read at well over 100 MB per CPU second; its arrays take its size in memory
    (twice while they are written out). The wall-clock limit allows for a busy machine.
    """
    cpu = 3 + size // (25 * MB)
    return Limits(cpu_seconds=cpu, memory_bytes=768 * MB + 3 * size, wall_seconds=30 + 4 * cpu)


@dataclass
class ChildResult:
    """What the child handed back: its JSON result and its arrays (in memory)."""

    data: dict[str, Any]
    arrays: dict[str, Any]


def run_reader(module: str, path: Path, *args: str, limits: Limits | None = None) -> ChildResult:
    """Runs `python -m module path OUT_DIR CPU MEMORY *args` and returns what it wrote.

    Args:
        module: the reader module (it calls `apply_limits` and `write_result`).
        path: the untrusted file.
        args: extra arguments for the reader.
        limits: the child's limits (default: `limits_for` the file's size).

    Raises:
        DamagedFileError: the child crashed, ran out of its limits or wrote nothing usable.
        FormatError: the child refused the file with a message (`{"error": ...}`).
    """
    path = Path(path)
    limits = limits or limits_for(path.stat().st_size)
    with tempfile.TemporaryDirectory(prefix="kcanvas-read-") as out_dir:
        command = [
            sys.executable, "-m", module, os.fspath(path), out_dir,
            str(limits.cpu_seconds), str(limits.memory_bytes), *args,
        ]  # fmt: skip
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                env=_child_env(),
                timeout=limits.wall_seconds,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise DamagedFileError(
                f"'{path.name}' is damaged: reading it did not finish within "
                f"{limits.wall_seconds:.0f} s, so it was stopped. Nothing was opened."
            ) from None
        if done.returncode != 0:
            raise _death(path, done.returncode, done.stderr, limits)
        return _collect(path, Path(out_dir))


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [_ROOT, env.get("PYTHONPATH")]))
    # one thread each: numpy's BLAS would otherwise reserve memory per core for nothing
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    return env


def _death(path: Path, code: int, stderr: bytes, limits: Limits) -> DamagedFileError:
    tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
    logger.info("Reader of %s ended with code %s: %s", path, code, " | ".join(tail))
    if code < 0:
        number = -code
        if number == signal.SIGXCPU:
            return DamagedFileError(
                f"'{path.name}' is damaged: reading it used more than "
                f"{limits.cpu_seconds} s of processor time, so it was stopped. Nothing was opened."
            )
        if number == signal.SIGKILL:  # the hard CPU limit, or the system out of memory
            return DamagedFileError(
                f"'{path.name}' is damaged or too large: its reader was stopped (out of processor "
                "time or memory). Nothing was opened."
            )
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return DamagedFileError(
            f"'{path.name}' is damaged: the HDF5 library crashed while reading it ({name}). "
            "Nothing was opened."
        )
    return DamagedFileError(
        f"'{path.name}' is damaged: its reader stopped with exit code {code}. Nothing was opened."
    )


def _collect(path: Path, out_dir: Path) -> ChildResult:
    import numpy as np

    try:
        data = json.loads((out_dir / RESULT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise DamagedFileError(
            f"'{path.name}' is damaged: its reader wrote no result. Nothing was opened."
        ) from None
    if not isinstance(data, dict):
        raise DamagedFileError(f"'{path.name}' is damaged: its reader wrote no result.")
    if "error" in data:
        raise FormatError(str(data["error"]))
    arrays: dict[str, Any] = {}
    if (out_dir / ARRAYS).exists():
        with np.load(out_dir / ARRAYS, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
    return ChildResult(data, arrays)


# ====================================================================== the child's side


def apply_limits(cpu_seconds: int, memory_bytes: int) -> None:
    """Called first by a reader: bound its CPU time and memory, and never dump a core."""
    try:
        import resource
    except ImportError:  # not on this system (Windows): the parent's clock still bounds it
        return

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 2))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def write_result(out_dir: str | os.PathLike, data: dict[str, Any], arrays: list[Any]) -> None:
    """The reader's answer: `data` as JSON, `arrays` (numeric only) as `0`, `1`, ... in a .npz."""
    import numpy as np

    out = Path(out_dir)
    if arrays:
        for array in arrays:  # np.savez would pickle an object array: refuse one here
            if array.dtype.kind not in "biufc":
                raise TypeError(f"not a numeric array: {array.dtype}")
        np.savez(out / ARRAYS, **{str(i): array for i, array in enumerate(arrays)})
    (out / RESULT).write_text(json.dumps(data), encoding="utf-8")
