"""How long the GUI's event loop stalls while the training panel trains a model.

The panel (offscreen) trains the seed's MLP on dummy data through the real worker; a QTimer
probe fires every 5 ms and records the longest gap between two ticks beyond its interval. The
curves redraw at most 4 times a second, batch events come at most 10 a second. Target: the
longest stall under 50 ms. We also print the stall while the worker starts (Keras's import
happens in the worker, so it should not show), the probe's longest gap with nothing else to do
(the machine's noise floor: other processes on a loaded box), and how many times the curves
were drawn.

    .venv/bin/python bench/bench_gui_training.py [--epochs 10] [--samples 20000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

PROBE_MS = 5


class StallProbe:
    """A timer that notes the longest gap between its ticks, beyond its interval."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)
        self.reset()

    def reset(self) -> None:
        self.longest = 0.0
        self.ticks = 0
        self.clock.start()
        self._last = self.clock.nsecsElapsed()

    def start(self) -> None:
        self.reset()
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        stall = (now - self._last) / 1e6 - PROBE_MS
        if stall > 50 and os.environ.get("STALL_DEBUG"):
            print(f"stall {stall:.0f} ms at {time.monotonic():.2f}", flush=True)
        self.longest = max(self.longest, stall)
        self._last = now
        self.ticks += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--samples", type=int, default=20000)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    application = QApplication([])  # noqa: F841 - kept alive for the run
    from app.controller import DocumentController
    from app.style import TEMPLATES
    from app.training.panel import TrainingPanel
    from engine.io.files import load_document

    controller = DocumentController()
    controller.set_document(load_document(TEMPLATES / "mlp.kcanvas"), None)
    panel = TrainingPanel(controller)
    panel.resize(1400, 450)
    panel.show()
    for name, value in (("samples", args.samples), ("epochs", args.epochs),
                        ("batch_size", args.batch_size), ("val_mode", "split")):  # fmt: skip
        panel.form.set_value(name, value)
    loop = QEventLoop()
    counts = {"batch": 0, "epoch": 0}
    panel.process.batch.connect(lambda _e: counts.__setitem__("batch", counts["batch"] + 1))
    panel.process.epoch.connect(lambda _e: counts.__setitem__("epoch", counts["epoch"] + 1))
    probe = StallProbe()
    phases: dict[str, float] = {}

    def on_started(_event: dict) -> None:
        phases["worker start-up"] = probe.longest
        probe.reset()

    panel.process.started.connect(on_started)
    panel.process.busy_changed.connect(lambda busy: busy or loop.quit())

    def start_training() -> None:
        # the machine's own noise: the probe alone, with nothing else running in the GUI
        phases["idle (noise floor)"] = probe.longest
        probe.reset()
        panel.train()

    probe.start()
    QTimer.singleShot(3000, start_training)
    t0 = time.monotonic()
    loop.exec()
    phases["training"] = probe.longest
    panel.shutdown()
    seconds = time.monotonic() - t0
    print(
        f"run: {seconds:.1f} s, {counts['epoch']} epochs, {counts['batch']} batch events, "
        f"{panel.curves.draw_count} redraws; {panel.last_error or 'no error'}"
    )
    for phase, stall in phases.items():
        print(f"longest event-loop stall during {phase}: {stall:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
