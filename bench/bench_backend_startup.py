"""Window start to live shapes, with the window's shape engine on each Keras backend.

Each run starts a fresh process (offscreen Qt) that shows the editor window, loads Keras and the
layer catalog in the background as the app does, opens the CNN template, and reports when the
template's shapes and parameter counts are shown (the window's `ready_signal`). We print the
median of a few runs per backend, alternating backends, plus `import keras` alone, and the
parameter count each backend's shape engine computed (they must be equal).

    .venv/bin/python bench/bench_backend_startup.py [--repeats 3] [--backends tensorflow,jax]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WINDOW_SCRIPT = """
import json, sys, time
start = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.main_window import MainWindow
app = QApplication([])
window = MainWindow()
window.show()
shown = time.time() - start
def done():
    document = window.controller.document
    params = list(document.shapes.model_params(document.graph))
    import keras
    print(json.dumps({"shown": shown, "shapes": time.time() - start, "params": params,
                      "backend": keras.backend.backend()}), flush=True)
    app.quit()
window.ready_signal.connect(lambda: QTimer.singleShot(0, done))
window.start(sys.argv[2], offer_recovery=False)
app.exec()
"""


def run(backend: str, code: str, *args: str) -> dict:
    env = {
        **os.environ,
        "KERAS_BACKEND": backend,
        "QT_QPA_PLATFORM": "offscreen",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", code, str(time.time()), *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


IMPORT_SCRIPT = """
import json, sys, time
start = float(sys.argv[1])
import keras
print(json.dumps({"import": time.time() - start}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--backends", default="tensorflow,jax")
    args = parser.parse_args()
    backends = args.backends.split(",")
    template = str(ROOT / "resources" / "templates" / "cnn.kcanvas")
    window: dict[str, list[dict]] = {b: [] for b in backends}
    imports: dict[str, list[float]] = {b: [] for b in backends}
    for _ in range(args.repeats):
        for backend in backends:
            imports[backend].append(run(backend, IMPORT_SCRIPT)["import"])
            window[backend].append(run(backend, WINDOW_SCRIPT, template))
    print(f"median of {args.repeats} runs, seconds from process start")
    for backend in backends:
        shapes = statistics.median(r["shapes"] for r in window[backend])
        shown = statistics.median(r["shown"] for r in window[backend])
        params = {json.dumps(r["params"]) for r in window[backend]}
        print(
            f"  {backend:10s} import keras {statistics.median(imports[backend]):5.1f}   "
            f"window shown {shown:5.1f}   live shapes {shapes:5.1f}   params {', '.join(params)}"
        )
    if len(backends) > 1:
        first, *others = backends
        for other in others:
            ratio = statistics.median(r["shapes"] for r in window[other]) / statistics.median(
                r["shapes"] for r in window[first]
            )
            print(f"live shapes, {other} / {first}: {ratio:.2f}")


if __name__ == "__main__":
    main()
