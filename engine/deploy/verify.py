"""Read an exported artifact back with its own runtime and compare its predictions with Keras's.

SavedModel: `tf.saved_model.load` and its `serve` endpoint; ONNX: an onnxruntime session;
LiteRT: a `tf.lite.Interpreter` signature runner (the interpreter of the `ai_edge_litert`
package when it is installed). Inputs go in by the model's input names, outputs come back in
the model's output order. An export is done only if every output agrees within `TOLERANCE`.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from engine.deploy.build import ExportError
from engine.deploy.formats import LITERT, ONNX, SAVED_MODEL, DeployFormat

TOLERANCE = 1e-4


def artifact_predictions(
    fmt: DeployFormat, path: Path, names: list[str], arrays: list, single_input: bool
) -> list[np.ndarray]:
    """The artifact's outputs for `arrays` (named `names`), flat, in the model's output order."""
    if fmt is SAVED_MODEL:
        return _saved_model(path, arrays, single_input)
    if fmt is ONNX:
        return _onnx(path, names, arrays)
    if fmt is LITERT:
        return _litert(path, names, arrays)
    raise ExportError(f"No runtime checks {fmt.title} artifacts.")


def largest_difference(expected: list[np.ndarray], received: list[np.ndarray]) -> float:
    """The largest absolute difference between two lists of outputs.

    Raises:
        ExportError: they do not have the same number of outputs or the same shapes.
    """
    if len(expected) != len(received):
        raise ExportError(
            f"The artifact returns {len(received)} outputs; the model has {len(expected)}."
        )
    worst = 0.0
    for index, (keras_out, artifact_out) in enumerate(zip(expected, received, strict=True)):
        artifact_out = np.asarray(artifact_out)
        if keras_out.shape != artifact_out.shape:
            raise ExportError(
                f"Output {index} of the artifact has shape {artifact_out.shape}; Keras gives "
                f"{keras_out.shape}."
            )
        if keras_out.size:
            difference = np.abs(keras_out.astype("float64") - artifact_out.astype("float64"))
            worst = max(worst, float(np.nanmax(difference)))
    return worst


def _saved_model(path: Path, arrays: list, single_input: bool) -> list[np.ndarray]:
    import tensorflow as tf

    loaded = tf.saved_model.load(str(path))
    outputs = loaded.serve(arrays[0] if single_input else list(arrays))
    return [np.asarray(o) for o in tf.nest.flatten(outputs)]


def _onnx(path: Path, names: list[str], arrays: list) -> list[np.ndarray]:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # errors only: the graph optimizer's notes are not for users
    session = onnxruntime.InferenceSession(
        str(path), sess_options=options, providers=["CPUExecutionProvider"]
    )
    wanted = [i.name for i in session.get_inputs()]
    by_name = dict(zip(names, arrays, strict=True))
    feed = {
        name: by_name[name] if name in by_name else arrays[index]
        for index, name in enumerate(wanted)
    }
    return [np.asarray(o) for o in session.run(None, feed)]


def _litert(path: Path, names: list[str], arrays: list) -> list[np.ndarray]:
    with _interpreter(path) as interpreter:
        runner = interpreter.get_signature_runner()
        details = runner.get_input_details()
        by_name = dict(zip(names, arrays, strict=True))
        feed = {
            name: by_name[name] if name in by_name else arrays[index]
            for index, name in enumerate(details)
        }
        fixed = any(list(d["shape_signature"][:1]) == [1] for d in details.values())
        rows = len(next(iter(feed.values()))) if feed else 0
        if fixed and rows > 1:  # exported for batches of one: one call per sample
            calls = [runner(**{k: v[i : i + 1] for k, v in feed.items()}) for i in range(rows)]
            results = {k: np.concatenate([c[k] for c in calls]) for k in calls[0]}
        else:
            results = runner(**feed)
    keys = sorted(results, key=lambda k: int(k.rsplit("_", 1)[-1]) if k[-1].isdigit() else 0)
    return [np.asarray(results[k]) for k in keys]


@contextlib.contextmanager
def _interpreter(path: Path) -> Iterator[Any]:
    try:  # the LiteRT package, where installed: TensorFlow's own interpreter is deprecated
        from ai_edge_litert.interpreter import Interpreter
    except ImportError:
        import tensorflow as tf

        Interpreter = tf.lite.Interpreter
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the deprecation notice of tf.lite.Interpreter
        interpreter = Interpreter(model_path=str(path))
    yield interpreter
