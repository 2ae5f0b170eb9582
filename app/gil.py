"""The GUI thread's turn at Python's interpreter lock while threads of the window work.

Threads of the window's process draw the curves, prepare look-inside thumbnails, read files and
import Keras. Whenever the GUI thread needs the lock back (after each call into Qt), it waits
until the running thread lets go, at most Python's switch interval: 5 ms by default, paid again
at each of the many Qt calls of one slot. A shorter interval lets the event loop run sooner; the
threads lose a little throughput (training runs in a process of its own, untouched).
Measured by bench/bench_look_gui.py --compare: the longest stall while thumbnails refresh during
training halves. The window sets it once Keras has loaded: during the import the stall is one
long native call that no interval shortens (bench/bench_startup.py), and Keras came ready ~6 %
later with it.
"""

from __future__ import annotations

import sys

GUI_SWITCH_INTERVAL = 0.0005  # seconds; Python's default is 0.005


def favour_gui_thread() -> None:
    """Let the GUI thread take the interpreter lock back sooner (process-wide)."""
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
