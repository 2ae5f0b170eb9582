"""Reading scripts and exporting for deployment, as ratios against Keras measured in the same run.

1. Reading a generated script without running it (`engine.io.pyscript.read_script`) vs running
   the same script (`exec`, which builds the model with Keras and allocates its weights), on
   ResNet50, DenseNet121 and MobileNetV3Small. The reader builds the same model on symbolic
   tensors without weights, plus its own interpretation: expect about 1x.
2. A verified deployment export (`engine.deploy.export.export_model`: build, call once, export,
   read back, compare) vs Keras's bare `model.export` of the same model, per format, on the
   seed's MLP (S9) and the news model (S13): the checking's cost.

Run: `.venv/bin/python bench/bench_scripts_deploy.py` (best of N runs; the machine is shared).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from engine.deploy import FORMATS, build
from engine.deploy.export import export_model
from engine.io.codegen import generate_python
from engine.io.files import load_document
from engine.io.pyscript import read_script
from engine.model.keras_objects import _native_stderr_silenced, keras
from tests.keras_models import application_config

APPLICATIONS = ("ResNet50", "DenseNet121", "MobileNetV3Small")
TEMPLATES = Path(__file__).resolve().parents[1] / "resources" / "templates"
REPEATS = 2


def best_of(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run_script(source: str) -> None:
    keras().backend.clear_session(free_memory=False)
    exec(compile(source, "generated.py", "exec"), {"__name__": "generated"})  # our own output


def reading() -> None:
    print("1. Read a generated script (no code run) vs run it with Keras")
    for name in APPLICATIONS:
        source = generate_python(application_config(name))
        read = best_of(lambda s=source: read_script(s, "model.py"))
        ran = best_of(lambda s=source: run_script(s))
        print(f"   {name:18s} read {read:6.2f} s   run {ran:6.2f} s   ratio {read / ran:4.2f}x")


def exports() -> None:
    print("2. Verified export vs Keras's bare model.export")
    for template in ("mlp", "news_two_io"):
        config = load_document(TEMPLATES / f"{template}.kcanvas").to_config()
        model = keras().models.model_from_json(json.dumps(config))
        build.call_once(model, build.sample_inputs(model, config))  # ONNX wants a called model
        for fmt in FORMATS.values():
            with tempfile.TemporaryDirectory() as folder:
                out = Path(folder) / ("m" + (fmt.suffix or ""))
                started = time.perf_counter()
                report = export_model(config, out, fmt)
                whole = time.perf_counter() - started
                with _native_stderr_silenced():  # the converters' own diagnostics
                    bare = best_of(lambda o=out, f=fmt, m=model: _bare(m, o, f), 1)
            print(
                f"   {template:12s} {fmt.title:22s} export {report.export_seconds:5.2f} s  "
                f"verify {report.verify_seconds:5.2f} s  whole {whole:5.2f} s  "
                f"bare {bare:5.2f} s  ratio {whole / bare:4.2f}x  "
                f"max diff {report.max_difference:.1e}"
            )


def _bare(model, out: Path, fmt) -> None:
    import shutil

    shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink(missing_ok=True)
    model.export(str(out), format=fmt.keras_format, verbose=False)


if __name__ == "__main__":
    keras()  # imported here, where TensorFlow's start-up lines are hidden
    reading()
    exports()
