"""Run one sample through every node and write what comes out (worker side).

`Looker` holds the probe of a model (see `probe`) and shows a sample through it with the
model's current weights; the `activations` job kind uses it once, a fit's refresh callback
again every epoch or N batches. The first look runs the probe eagerly: for one sample that is
faster than tracing a compiled function (ResNet50: about 1 s against 5 s), except for recurrent
layers, whose step loop runs op by op when eager (the shared LSTM: 3.5 s against 0.9 s). Later
looks, during a fit, reuse a compiled predict function: a trace once, less afterwards.

Imports Keras: worker-only.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keras
import numpy as np

from engine.training import events
from engine.training.errors import JobError
from engine.training.look import results
from engine.training.look.probe import Probe, build_probe, sync_state
from engine.training.look.sample import CLASS_NAMES, Sample, load_sample

ACTIVATIONS_EVENT = events.ACTIVATIONS


class Looker:
    """Shows samples through a model's probe and writes the results to `folder`.

    Args:
        model: the Keras model (its layers, hence its weights, are the probe's).
        signature: the model's inputs and outputs.
        folder: where activations.npz, weights.npz and summary.json go.
        class_names: what the class indices of the data mean, if known.
    """

    def __init__(
        self, model: Any, signature: Any, folder: Path, class_names: list[str] | None = None
    ) -> None:
        self.model = model
        self.signature = signature
        self.folder = Path(folder)
        self.class_names = class_names
        self.probe: Probe = build_probe(model)
        self.looks = 0
        recurrent = (keras.layers.RNN, keras.layers.Bidirectional)
        self._eager_first = not any(
            isinstance(layer, recurrent) for layer in self.probe.leaf_layers.values()
        )

    def run(self, sample: Sample) -> dict[str, np.ndarray]:
        """Node key -> output array for `sample` (batch axis of 1), in execution order.

        Raises:
            JobError: the forward pass fails; the message names the layer where it stops.
        """
        sync_state(self.model)
        fixed = self.signature.fixed_batch_size
        inputs = sample.batch(self.signature.input_names(), fixed)
        feed = inputs[0] if len(inputs) == 1 else inputs
        with _kept_states(self.probe):
            try:
                if self.looks == 0 and self._eager_first:
                    raw = self.probe.model(feed, training=False)
                else:
                    raw = self.probe.model.predict_on_batch(feed)
            except Exception as exc:  # Keras raises many types: find the node that fails
                raise _locate_failure(self.probe, feed, exc) from exc
        self.looks += 1
        outputs = [np.asarray(keras.ops.convert_to_numpy(x)) for x in _as_list(raw)]
        values = self.probe.values(inputs, outputs)
        return {key: np.asarray(value)[:1] for key, value in values.items()}

    def look(self, sample: Sample) -> dict[str, Any]:
        """Run `sample`, write the files, and return the `activations` event's fields."""
        start = time.monotonic()
        values = self.run(sample)
        seconds = time.monotonic() - start
        path = results.write_npz(self.folder / results.ACTIVATIONS_FILE, values)
        sync_state(self.model)
        weights = results.write_npz(self.folder / results.WEIGHTS_FILE, self.weights())
        info = {
            key: _layer_info(node.layer) for node in self.probe.nodes for key in node.tensor_keys()
        }
        nodes = {key: {**results.summarize(value), **info[key]} for key, value in values.items()}
        return {
            "path": str(path),
            "weights_path": str(weights),
            "nodes": nodes,
            "sample": {
                "index": sample.index,
                "description": sample.description,
                "labels": sample.labels,
                "class_names": self.class_names,
            },
            "predictions": self._predictions(values),
            # which node each model output is (its card shows class bars with the label)
            "outputs": dict(
                zip(self.signature.output_names(), self.probe.output_keys, strict=False)
            ),
            "forward_seconds": round(seconds, 4),
        }

    def weights(self) -> dict[str, np.ndarray]:
        """Every weight of every layer, keyed `layer path/weight path`."""
        arrays = {}
        for layer_path, layer in self.probe.leaf_layers.items():
            for variable in layer.weights:
                name = _weight_name(layer, variable)
                key = f"{layer_path}/{name}"
                while key in arrays:
                    key += "_"
                arrays[key] = np.asarray(keras.ops.convert_to_numpy(variable.value))
        return arrays

    def _predictions(self, values: dict[str, np.ndarray]) -> dict[str, Any]:
        outputs = self.probe.output_keys
        names = self.signature.output_names()
        return {
            name: results.prediction(values[key], self.class_names)
            for name, key in zip(names, outputs, strict=False)
            if key in values
        }


def _as_list(raw: Any) -> list[Any]:
    return list(raw) if isinstance(raw, (list, tuple)) else [raw]


def _weight_name(layer: Any, variable: Any) -> str:
    """`kernel`, or `query/kernel` for a weight of a sublayer (MultiHeadAttention)."""
    path = str(getattr(variable, "path", "") or variable.name)
    prefix = f"{layer.name}/"
    return path[len(prefix) :] if path.startswith(prefix) else variable.name


def _layer_info(layer: Any) -> dict[str, Any]:
    """What the window needs to draw a node's output: the layer's class and activation."""
    config = {}
    with contextlib.suppress(Exception):  # ops and exotic layers may not have a config
        config = layer.get_config()
    activation = config.get("activation")
    return {
        "class_name": type(layer).__name__,
        "activation": activation if isinstance(activation, str) else None,
    }


@contextlib.contextmanager
def _kept_states(probe: Probe) -> Iterator[None]:
    """Stateful RNNs keep their state across calls: a look must not move a fit's state on."""
    kept = []
    for layer in probe.leaf_layers.values():
        states = getattr(layer, "states", None) if getattr(layer, "stateful", False) else None
        for variable in states or []:
            if hasattr(variable, "assign"):
                kept.append((variable, keras.ops.convert_to_numpy(variable.value)))
    try:
        yield
    finally:
        for variable, value in kept:
            variable.assign(value)


def _locate_failure(probe: Probe, feed: Any, error: Exception) -> JobError:
    """The first probe output whose computation fails (a binary search over prefixes)."""
    tensors = probe.model.outputs
    low, high = 0, len(tensors) - 1  # the first failing output is in [low, high]
    while low < high:
        middle = (low + high) // 2
        try:
            keras.Model(probe.model.inputs, tensors[: middle + 1])(feed, training=False)
        except Exception:  # fails up to here
            high = middle
        else:
            low = middle + 1
    where = next(
        (node.key for node in probe.nodes if ("output", low) in node.outputs), "an unknown node"
    )
    return JobError(
        f"The forward pass stops at {where}. Received: {type(error).__name__}: "
        f"{str(error).strip().splitlines()[0] if str(error).strip() else ''}"
    )


def run_activations(runner: Any, job: dict[str, Any], prepared: Any, output_dir: Path) -> dict:
    """The `activations` job kind: one sample through every node, with the job's weights."""
    source = job["data"]["source"]
    sample = load_sample(job["look"]["sample"], prepared.train, prepared.signature, source)
    looker = Looker(prepared.model, prepared.signature, output_dir, CLASS_NAMES.get(source))
    runner._started(job, prepared, batch_size=1, steps=1)
    fields = looker.look(sample)
    kept = {key: fields[key] for key in ("sample", "predictions", "nodes")}
    summary = results.write_summary(output_dir / results.SUMMARY_FILE, kept)
    runner.writer.emit(ACTIVATIONS_EVENT, job_id=job["job_id"], epoch=None, batch=None, **fields)
    return {
        "result": {"nodes": len(fields["nodes"]), "predictions": fields["predictions"]},
        "_files": {
            "activations": fields["path"],
            "weights_npz": fields["weights_path"],
            "summary": str(summary),
        },
    }
