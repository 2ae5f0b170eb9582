"""How a worker process ended, in words a user can act on.

A worker that dies sends no `error` event: its exit code (a signal) and the last lines it wrote
on stderr are all there is. Every client (the command line, the window, the local launcher)
turns them into the same sentence.
"""

from __future__ import annotations

import contextlib
import signal

# what a signal usually means for a training worker
_SIGNAL_HINTS = {
    "SIGKILL": "killed (SIGKILL: by Kill, by another program, or by the system when memory ran "
    "out)",
    "SIGBUS": "killed (SIGBUS): a data file it was reading was cut short or removed during the run",
    "SIGSEGV": "crashed (SIGSEGV) inside native code",
    "SIGABRT": "aborted (SIGABRT)",
    "SIGTERM": "terminated (SIGTERM)",
}
JAX_FATAL = "JAX distributed service detected fatal errors"


def exit_text(code: int | None, stderr: str = "") -> str:
    """ "was killed (SIGKILL ...)", "exited with code 1"... for a process's exit code.

    Args:
        code: the exit code (negative: the signal that ended it), or None if still running.
        stderr: the last lines the process wrote, for hints.
    """
    if code is None:
        return "stopped answering"
    name = ""
    if code < 0:
        with contextlib.suppress(ValueError):
            name = signal.Signals(-code).name
    elif code == 128 + signal.SIGABRT:  # a shell reports an abort this way
        name = "SIGABRT"
    if name:
        text = "was " + _SIGNAL_HINTS.get(name, f"ended by {name}")
    else:
        text = f"exited with code {code}"
    if JAX_FATAL in stderr:
        text += " (JAX stopped it: another process of the run had failed)"
    elif "MemoryError" in stderr or "RESOURCE_EXHAUSTED" in stderr:
        text += " (it ran out of memory)"
    return text
