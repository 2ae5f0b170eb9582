"""How long the GUI's event loop stalls while look-inside thumbnails update during training.

The training panel, the canvas and the look-inside (offscreen) train a model through the real
worker with thumbnails refreshed every few batches and training health on; a QTimer probe
fires every 5 ms and records the longest gap between two ticks beyond its interval (see
bench_gui_training.py, whose probe this reuses). Each refresh reads the worker's npz archive
and draws the pictures in a background thread, then puts them on the cards. Target: the
longest stall under 50 ms. Also printed: the probe's longest gap with nothing else to do (the
machine's noise: on a shared, loaded machine it exceeds the target by itself), the longest time
the look-inside's own slots held the GUI thread (what this feature adds, whatever the noise),
and how many refreshes reached the cards.

The window's process runs with a short interpreter switch interval (app/gil.py), as the window
sets once Keras has loaded; `--python-default` measures with Python's own 5 ms instead, and
`--compare N` runs N rounds of each, alternating, each in a fresh process, and prints the
medians and their ratio.

    .venv/bin/python bench/bench_look_gui.py [--model digits_cnn|cnn] [--every 3]
    .venv/bin/python bench/bench_look_gui.py --compare 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_gui_training import StallProbe  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def project(name: str) -> tuple[Path, dict]:
    """A project file of the model and the panel settings it trains with."""
    import keras

    from engine.io.files import save_document
    from engine.model.document import Document
    from engine.model.keras_config import graph_from_config

    keras.backend.clear_session()
    if name == "digits_cnn":
        from tests.look_models import digits_cnn

        model, settings = digits_cnn(), {"source": "digits", "epochs": 4, "batch_size": 16}
    else:  # the seed's CNN on 100 x 100 RGB images: 32-channel maps of 98 x 98
        from tests.keras_models import s10_cnn

        model = s10_cnn()
        settings = {"source": "dummy", "samples": 640, "epochs": 2, "batch_size": 32}
    path = Path(tempfile.mkdtemp(prefix="bench-look-")) / f"{name}.kcanvas"
    save_document(Document(graph_from_config(json.loads(model.to_json()))), str(path))
    return path, settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="digits_cnn", choices=["digits_cnn", "cnn"])
    parser.add_argument("--every", type=int, default=3, help="refresh every N batches")
    parser.add_argument("--python-default", action="store_true",
                        help="keep Python's 5 ms switch interval (the baseline)")  # fmt: skip
    parser.add_argument("--compare", type=int, default=0, metavar="N",
                        help="N rounds of the baseline and the app's, alternating")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()
    if args.compare:
        compare(args)
        return
    if not args.python_default:
        from app.gil import favour_gui_thread

        favour_gui_thread()  # as the window does once Keras has loaded
    application = QApplication([])
    from app.look import look_inside as look_module

    slot_ms: dict[str, list[float]] = {}
    for name in ("_on_activations", "_on_prepared", "_on_health"):
        _time_slot(look_module.LookInside, name, slot_ms.setdefault(name, []))
    from app.canvas.view import GraphView
    from app.controller import DocumentController
    from app.look.look_inside import LookInside
    from app.training.panel import TrainingPanel
    from engine.io.files import load_document

    path, settings = project(args.model)
    controller = DocumentController()
    view = GraphView(controller)
    view.resize(1400, 900)
    view.show()
    panel = TrainingPanel(controller)
    panel.resize(1400, 450)
    panel.show()
    look = LookInside(controller, view, panel)
    controller.set_document(load_document(path), None)
    for name, value in {**settings, "val_mode": "none"}.items():
        panel.form.set_value(name, value)
    chooser = panel.look.chooser
    chooser.refresh_combo.setCurrentIndex(chooser.refresh_combo.findData("batches"))
    chooser.every_spin.setValue(args.every)
    counts = {"activations": 0, "health": 0, "applied": 0}
    panel.process.activations.connect(
        lambda _e: counts.__setitem__("activations", counts["activations"] + 1)
    )
    panel.process.health.connect(lambda _e: counts.__setitem__("health", counts["health"] + 1))
    original = look.layer.set_thumbnails

    def counted(thumbnails: dict) -> None:
        counts["applied"] += 1
        original(thumbnails)

    look.layer.set_thumbnails = counted  # type: ignore[method-assign]
    loop = QEventLoop()
    probe = StallProbe()
    phases: dict[str, float] = {}

    def on_started(_event: dict) -> None:
        phases["worker start-up"] = probe.longest
        probe.reset()

    panel.process.started.connect(on_started)
    panel.process.busy_changed.connect(lambda busy: busy or loop.quit())

    def start_training() -> None:
        phases["idle (noise floor)"] = probe.longest
        probe.reset()
        panel.train()

    probe.start()
    QTimer.singleShot(3000, start_training)
    t0 = time.monotonic()
    loop.exec()
    phases["training with thumbnails"] = probe.longest
    end = time.monotonic() + 3  # the last refresh may still be on its way to the cards
    while time.monotonic() < end:
        application.processEvents()
        time.sleep(0.01)
    panel.shutdown()
    print(
        f"{args.model}: {time.monotonic() - t0:.1f} s, {counts['activations']} activations "
        f"events, {counts['applied']} put on {len(view.scene().nodes)} cards, "
        f"{counts['health']} health events; {panel.last_error or 'no error'}"
    )
    for phase, stall in phases.items():
        print(f"longest event-loop stall during {phase}: {stall:.1f} ms (target < 50 ms)")
    every = sorted(ms for durations in slot_ms.values() for ms in durations)
    print(
        f"look-inside slots on the GUI thread: {len(every)} calls, longest {every[-1]:.1f} ms, "
        f"90th percentile {every[int(0.9 * len(every))]:.1f} ms"
    )
    if args.json:
        print(json.dumps({**{k: round(v, 1) for k, v in phases.items()},
                          "slot_longest": round(every[-1], 1)}))  # fmt: skip
    for name, durations in slot_ms.items():
        if durations:
            durations.sort()
            print(
                f"  {name}: {len(durations)} calls, longest {durations[-1]:.1f} ms, "
                f"median {durations[len(durations) // 2]:.1f} ms, "
                f"5 longest {[round(ms, 1) for ms in durations[-5:]]}"
            )


def compare(args: argparse.Namespace) -> None:
    """Rounds of Python's default switch interval and the app's, each in a fresh process."""
    command = [
        sys.executable,
        __file__,
        "--model",
        args.model,
        "--every",
        str(args.every),
        "--json",
    ]
    figures: dict[str, list[dict]] = {"python default": [], "app": []}
    for round_ in range(args.compare):
        for name, extra in (("python default", ["--python-default"]), ("app", [])):
            done = subprocess.run([*command, *extra], capture_output=True, text=True,
                                  timeout=900)  # fmt: skip
            lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
            if done.returncode != 0 or not lines:
                raise SystemExit(f"the run failed:\n{done.stderr[-3000:]}")
            figures[name].append(json.loads(lines[-1]))
            print(f"round {round_ + 1}, {name}: {lines[-1]}", flush=True)

    def median(name: str, key: str) -> float:
        return statistics.median(run[key] for run in figures[name])

    print()
    key = "training with thumbnails"
    for name in figures:
        print(f"{name:>15}: longest stall training {median(name, key):5.1f} ms, idle "
              f"{median(name, 'idle (noise floor)'):5.1f} ms, our slots' longest "
              f"{median(name, 'slot_longest'):5.1f} ms (median of {args.compare})")  # fmt: skip
    ratio = median("app", key) / median("python default", key)
    print(f"longest stall training, app / python default: {ratio:.2f} (target < 50 ms)")
    print(f"(load average {os.getloadavg()[0]:.1f})")


def _time_slot(cls: type, name: str, durations: list[float]) -> None:
    """Wrap a method so that each call's duration (ms) is recorded."""
    method = getattr(cls, name)

    def timed(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            durations.append((time.perf_counter() - start) * 1000)

    setattr(cls, name, timed)


if __name__ == "__main__":
    main()
