"""A reader for `engine.io.isolated` that misbehaves on request, as libhdf5 does on damaged files.

`python -m tests.misbehaving_reader FILE OUT_DIR CPU MEMORY HOW`, HOW one of: segfault, exit,
spin (burns CPU for ever), sleep (waits for ever), allocate (more memory than allowed),
object_array (an array only pickle could carry), ok (answers {"ok": true} and an array).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time

import numpy as np

from engine.io.isolated import apply_limits, write_result


def main(argv: list[str]) -> int:
    _path, out_dir, cpu, memory, how = argv
    apply_limits(int(cpu), int(memory))
    if how == "segfault":
        ctypes.string_at(0)  # reads address 0: SIGSEGV, as a crash inside a C library
        os.kill(os.getpid(), signal.SIGSEGV)
    elif how == "exit":
        return 3
    elif how == "spin":
        while True:
            pass
    elif how == "sleep":
        time.sleep(3600)
    elif how == "allocate":
        np.ones(4 * 1024**3, dtype=np.uint8)  # 4 GB: beyond the limit
    elif how == "object_array":
        write_result(out_dir, {}, [np.array([object()], dtype=object)])
    else:
        write_result(out_dir, {"ok": True}, [np.arange(3.0)])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
