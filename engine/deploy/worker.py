"""The export worker: `python -m engine.deploy.worker REQUEST.json` exports one model.

The window runs exports here so that TensorFlow's import, the conversion and the check never
block it, and a converter crash costs nothing but this process. The request is a JSON file::

    {"config": {...Keras config...}, "output": "model.onnx", "format": "onnx",
     "weights": "run-1-fit/model.weights.h5" or null, "seed": 0, "allow_unsafe": false}

or, for a training script, `{"kind": "training_script", "job": {...}, "output": "train.py"}`.

Progress goes to stdout as JSON lines `{"event": "progress", "text": ...}`; the last line is
`{"event": "finished", "report": {...}}` or `{"event": "error", "message": ...}` (exit code 1).

The worker runs Keras on TensorFlow whatever backend its parent chose: the window's own shape
engine runs on JAX (`main.window_backend`) and its environment reaches this process, but the
SavedModel and LiteRT exporters are TensorFlow's and the ONNX one is tf2onnx.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
from pathlib import Path


def _emit(event: str, **fields: object) -> None:
    sys.stdout.write(json.dumps({"event": event, **fields}) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ["KERAS_BACKEND"] = "tensorflow"  # before Keras is imported (see the docstring)
    logging.getLogger("absl").setLevel(logging.ERROR)
    try:
        request = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    except (IndexError, OSError, ValueError) as exc:
        _emit("error", message=f"The export request cannot be read: {exc}")
        return 2
    from engine.deploy.build import ExportError
    from engine.deploy.export import export_model
    from engine.deploy.formats import format_named
    from engine.errors import KerasCanvasError

    if request.get("kind") == "training_script":
        try:
            return _training_script(request)
        except KerasCanvasError as exc:
            _emit("error", message=str(exc))
            return 1
    try:
        report = export_model(
            request["config"],
            request["output"],
            format_named(request["format"]),
            request.get("weights"),
            seed=int(request.get("seed", 0)),
            allow_unsafe=bool(request.get("allow_unsafe", False)),
            progress=lambda text: _emit("progress", text=text),
        )
    except (ExportError, KerasCanvasError) as exc:
        _emit("error", message=str(exc))
        return 1
    except Exception as exc:  # an unexpected failure: report it rather than a traceback
        _emit("error", message=f"The export failed: {type(exc).__name__}: {exc}")
        return 1
    _emit("finished", report=dataclasses.asdict(report))
    return 0


def _training_script(request: dict) -> int:
    from engine.deploy.training_script import training_script
    from engine.io.text import write_text_atomic

    output = Path(request["output"])
    _emit("progress", text="Writing the training script…")
    write_text_atomic(output, training_script(request["job"], output.name))
    _emit("finished", report={"path": str(output)})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
