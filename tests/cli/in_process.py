"""Run a command of `main.py` inside the test process (Keras is imported once for all of them).

A subprocess per command costs Keras's import each time (5-30 s on a busy machine); the tests
that check what only a real process shows (no start-up noise on stderr, Keras not imported
before a missing file is reported, a crash of libhdf5 reported) keep a subprocess.
"""

from __future__ import annotations

import io
import subprocess
from contextlib import redirect_stderr, redirect_stdout

from main import main


def run_in_process(*args: str) -> subprocess.CompletedProcess:
    """`python main.py ARGS` as a CompletedProcess: its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's refusals
            code = exit_.code if isinstance(exit_.code, int) else 1
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
