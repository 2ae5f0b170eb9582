"""Export a model for deployment with Keras's own `model.export`, and check the artifact.

`export_model` builds the model with the chosen weights, calls it once, exports it into a
temporary path beside the destination, reads the artifact back with its runtime and compares
its predictions on a few random inputs with Keras's. Only an artifact that agrees within 1e-4
replaces the destination; otherwise nothing is written and the error says why in one sentence,
naming the layer the format cannot express where the converter names one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.deploy import build
from engine.deploy.build import ExportError
from engine.deploy.formats import LITERT, ONNX, DeployFormat
from engine.deploy.verify import TOLERANCE, artifact_predictions, largest_difference

Progress = Callable[[str], None]


@dataclass
class ExportReport:
    """What an export wrote and how well its artifact agrees with Keras."""

    format: str
    path: str
    weights: str
    export_seconds: float
    verify_seconds: float
    max_difference: float
    samples: int
    size_bytes: int
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.format} written to {self.path}, {_size(self.size_bytes)}, with "
            f"{self.weights}. Exported in {_seconds(self.export_seconds)} and checked in "
            f"{_seconds(self.verify_seconds)} on {self.samples} random inputs: it differs from "
            f"Keras by at most {self.max_difference:.1e} (limit {TOLERANCE:.0e})."
        )


def export_model(
    config: dict[str, Any],
    output: str | os.PathLike,
    fmt: DeployFormat,
    weights: str | None = None,
    *,
    seed: int = 0,
    allow_unsafe: bool = False,
    progress: Progress | None = None,
) -> ExportReport:
    """Export `config` in `fmt` to `output`, verified (see the module docstring).

    Args:
        config: the model's Keras config.
        output: the `.onnx` / `.tflite` file, or the SavedModel folder.
        fmt: the deployment format.
        weights: a run's weights file; None exports fresh weights initialized from `seed`.
        allow_unsafe: build Lambda layers (their code runs in this process).
        progress: told what is happening ("Exporting...", "Verifying...").

    Raises:
        ExportError: the format cannot express the model, the weights do not fit, or the
            artifact disagrees with Keras; nothing is written then.
    """
    say = progress or (lambda _text: None)
    output = Path(output)
    _check_destination(fmt, output)
    missing = fmt.missing_packages()
    if missing:
        raise ExportError(
            f"{fmt.title} export needs the packages {', '.join(missing)}: install them with "
            f"pip install {' '.join(missing)}."
        )
    import keras

    if keras.backend.backend() != "tensorflow":
        raise ExportError(
            f"Deployment exports run on Keras's TensorFlow backend; this process runs "
            f"{keras.backend.backend()}. Run it again with KERAS_BACKEND=tensorflow."
        )
    if allow_unsafe:
        keras.config.enable_unsafe_deserialization()
    say("Building the model…")
    model = build.build_model(config, weights, seed)
    _check_dtypes(model, fmt)
    arrays = build.sample_inputs(model, config)
    build.call_once(model, arrays)
    expected = build.predictions(model, arrays)
    staging = _staging_path(output)
    try:
        say(f"Exporting {fmt.title}…")
        started = time.monotonic()
        export_notes = _export(model, fmt, staging)
        exported = time.monotonic() - started
        say(f"Checking the {fmt.title} artifact with {fmt.runtime}…")
        started = time.monotonic()
        difference = _verify(model, fmt, staging, arrays, expected)
        verified = time.monotonic() - started
        notes = export_notes + _notes(model, fmt, weights, seed)
        _replace(staging, output)
    finally:
        _remove(staging)
    return ExportReport(
        format=fmt.title,
        path=str(output),
        weights=f"weights of {Path(weights).name}" if weights else f"fresh weights (seed {seed})",
        export_seconds=round(exported, 3),
        verify_seconds=round(verified, 3),
        max_difference=difference,
        samples=len(arrays[0]) if arrays else 0,
        size_bytes=_bytes(output),
        notes=notes,
    )


def _check_destination(fmt: DeployFormat, output: Path) -> None:
    if fmt.suffix is not None and output.suffix.lower() != fmt.suffix:
        raise ExportError(f"A {fmt.title} file ends in {fmt.suffix}. Received: {output.name}")
    if fmt.suffix is None and output.exists() and not output.is_dir():
        raise ExportError(f"A SavedModel is a folder; '{output}' is a file.")
    if not output.parent.is_dir():
        raise ExportError(f"The folder '{output.parent}' does not exist.")


def _check_dtypes(model: Any, fmt: DeployFormat) -> None:
    if fmt is not ONNX:
        return
    for layer in build.all_layers(model):
        policy = getattr(getattr(layer, "dtype_policy", None), "name", "float32")
        if policy not in ("float32", "int32", "int64", "bool"):
            raise ExportError(
                f"ONNX cannot express layer '{layer.name}' ({type(layer).__name__}): Keras "
                f"exports float32 models only, and it computes in {policy}."
            )


def _export(model: Any, fmt: DeployFormat, path: Path) -> list[str]:
    """Run Keras's exporter; returns notes on how it had to export."""
    if fmt is LITERT:
        return _export_litert(model, path)
    _keras_export(model, fmt, path)
    return []


def _keras_export(model: Any, fmt: DeployFormat, path: Path, **options: Any) -> None:
    from engine.model.keras_objects import _native_stderr_silenced

    # the converters print their own diagnostics to the process's stderr (MLIR locations):
    # what matters of them comes back in the exception, in one sentence
    with _converter_log() as errors, warnings.catch_warnings(), _native_stderr_silenced():
        warnings.simplefilter("ignore")  # numpy 2 notices from tf2onnx, TF's table warnings
        try:
            model.export(str(path), format=fmt.keras_format, verbose=False, **options)
        except Exception as exc:  # the converters raise anything; all mean "cannot express"
            raise ExportError(_cannot_express(fmt, model, str(exc))) from None
    if errors:
        raise ExportError(_cannot_express(fmt, model, " ".join(errors)))


def _export_litert(model: Any, path: Path) -> list[str]:
    """LiteRT with its built-in operations only, so any LiteRT runtime runs the file (Keras
    would fall back to TensorFlow ops, which need the Flex delegate on the device). Recurrent
    layers with a free batch size do not lower to built-in operations: those models are
    exported for batches of one, as phones run them."""
    import tensorflow as tf

    builtins = {"target_spec": {"supported_ops": [tf.lite.OpsSet.TFLITE_BUILTINS]}}
    try:
        _keras_export(model, LITERT, path, **builtins)
        return []
    except ExportError:
        if not any(t.shape and t.shape[0] is None for t in model.inputs):
            raise
    _remove(path)
    _keras_export(model, LITERT, path, input_signature=_batch_of_one(model), **builtins)
    return [
        "LiteRT runs this model on batches of one sample (its layers need a fixed batch "
        "size there)."
    ]


def _batch_of_one(model: Any) -> Any:
    import keras
    from keras.src.export.export_utils import get_input_signature

    def one(spec: Any) -> Any:
        return keras.InputSpec(shape=(1, *spec.shape[1:]), dtype=spec.dtype, name=spec.name)

    return keras.tree.map_structure(one, get_input_signature(model))


def _verify(model: Any, fmt: DeployFormat, path: Path, arrays: list, expected: list) -> float:
    from engine.model.keras_objects import _native_stderr_silenced

    names = [str(t.name).split(":")[0] for t in model.inputs]
    try:
        with _native_stderr_silenced():  # the LiteRT interpreter announces its CPU delegate
            received = artifact_predictions(fmt, path, names, arrays, len(model.inputs) == 1)
    except ExportError:
        raise
    except Exception as exc:  # a runtime refusing the artifact: the export did not work
        raise ExportError(
            f"{fmt.runtime} cannot run the {fmt.title} artifact: {_short(str(exc))}"
        ) from None
    difference = largest_difference(expected, received)
    if not difference <= TOLERANCE:
        raise ExportError(
            f"The {fmt.title} artifact's predictions differ from Keras's by {difference:.2e} "
            f"(the limit is {TOLERANCE:.0e}); it was not written."
        )
    return difference


def _notes(model: Any, fmt: DeployFormat, weights: str | None, seed: int) -> list:
    notes = []
    if not weights:
        notes.append(f"The weights are fresh (initialized with seed {seed}), not trained.")
    stateful = [layer.name for layer in build.all_layers(model) if getattr(layer, "stateful", 0)]
    if stateful and fmt is ONNX:
        notes.append(
            f"ONNX keeps no state between calls: the stateful layers ({', '.join(stateful)}) "
            "start every call from zero states."
        )
    return notes


# ---------------------------------------------------------------------- converter messages


@contextlib.contextmanager
def _converter_log() -> Iterator[list[str]]:
    """tf2onnx logs the nodes it cannot convert (and writes the file anyway): collect them."""
    errors: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.ERROR:
                errors.append(record.getMessage())

    handler = Collect()
    loggers = [logging.getLogger(name) for name in ("tf2onnx", "tf2onnx.tfonnx")]
    saved = [(lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.propagate = False  # its tracebacks are for us, not for the user's terminal
    try:
        yield errors
    finally:
        for lg, (level, propagate) in zip(loggers, saved, strict=True):
            lg.removeHandler(handler)
            lg.setLevel(level)
            lg.propagate = propagate


def _cannot_express(fmt: DeployFormat, model: Any, text: str) -> str:
    layer = layer_named_in(text, model)
    found = re.findall(r"\bOP=([A-Z]\w+)|\btf\.([A-Z]\w+)", text)  # TF ops are CamelCase
    op_names = ", ".join(sorted({a or b for a, b in found}))
    if layer is not None:
        what = f" ({op_names})" if op_names else ""
        return (
            f"{fmt.title} cannot express layer '{layer.name}' ({type(layer).__name__}): its "
            f"converter fails on the operations it uses{what}."
        )
    return f"{fmt.title} cannot express this model: {_short(text)}"


def layer_named_in(text: str, model: Any) -> Any:
    """The most specific layer a converter's node path names (`functional_1/lookup_1/...`)."""
    layers = {layer.name: layer for layer in build.all_layers(model)}
    for path in re.findall(r"[\w.-]+(?:/[\w.-]+)+", text):
        found = None
        for part in path.split("/"):
            name = part
            while name not in layers and re.search(r"_\d+$", name):
                name = re.sub(r"_\d+$", "", name)  # Keras suffixes its name scopes: lookup_1
            if name in layers:
                found = layers[name]
        if found is not None:
            return found
    return None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:297] + "..."


# ---------------------------------------------------------------------- files


def _staging_path(output: Path) -> Path:
    stem = f".{output.name}.exporting-{os.getpid()}"
    return output.with_name(stem + (output.suffix if output.suffix else ""))


def _replace(staging: Path, output: Path) -> None:
    if output.is_dir() and staging.is_dir():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        output.rename(old)
        staging.rename(output)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, output)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists():
        path.unlink()


def _bytes(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def _seconds(value: float) -> str:
    return f"{value:.1f} s" if value >= 1 else f"{value:.2f} s"


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count} bytes"
