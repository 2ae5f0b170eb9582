"""Training health: per-layer statistics streamed during a fit, and the first NaN layer.

Now and then the callback measures, per layer with weights: the weight norm |w| and the update
ratio |Δw| / |w| of one training step (weights copied before the step, compared after it),
and whether a weight is NaN or infinite. Less often (it costs a forward and backward pass) it
also runs a small fixed probe batch through every node: the gradient norm per layer, the
fraction of dead units per call of a ReLU-family layer (units zero for every sample of the
batch), and whether each node's output holds NaN or infinities. Each measurement is a
`health` event with the problems `advice` finds.

How often: a time budget, not a fixed N. The callback measures what its own work costs and
what the fit has taken so far, and works only while its share stays under `BUDGET` (3 %, under
the 5 % promised: the rest is left for what it cannot time, such as Keras calling its hooks),
at most twice a second. The cheap weight statistics fit the budget often;
the probe step when the budget has saved enough for it. The step runs eagerly at first; once
the budget has saved enough to trace it into a graph (`TRACE_COST` eager steps), it is traced,
and from then on costs about a tenth.

When the loss first becomes NaN, the callback runs the probe batch through every node and names
the first node (in execution order) whose output is not finite, and keeps the evidence beside
the run's files: the weights of that moment (`nan.weights.h5`) and the batch (`nan_probe.npz`).

Keras runs the batch-end hooks of callbacks it may run asynchronously (`async_safe`) on a
thread, so that the next step does not wait for the last one's logs; one synchronous batch-end
hook takes that away from every batch (measured: +20 % on the seed MLP's small steps). So the
measurements happen in the batch-begin hook (the weights after the previous step are there
already), and only a tiny async-safe `LossWatch` reads the loss at each batch's end.

Imports Keras: worker-only.
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import keras
import numpy as np

from engine.training import events
from engine.training.events import EventWriter
from engine.training.look import advice
from engine.training.look.gradients import compiled, statistics_step, to_statistics
from engine.training.look.health_stats import (
    layer_stats,
    model_output_indices,
    relu_outputs,
)
from engine.training.look.keys import layer_path
from engine.training.look.probe import Probe, sync_state
from engine.training.look.results import write_npz
from engine.training.look_spec import DEFAULT_LOOK

HEALTH_EVENT = events.HEALTH
BUDGET = DEFAULT_LOOK["health_budget"]
MIN_INTERVAL = 0.5  # seconds between two measurements
PROBE_SAMPLES = 32  # a default training batch: enough samples that a silent unit is dead
TRACE_COST = 12  # tracing the step costs about this many eager steps (measured: 8 to 12)
FIRST_STEP_GUESS = 10  # before it is measured, a probe step is guessed at 10 training steps


class Budget:
    """The callback's share of the fit's time so far."""

    def __init__(self, share: float) -> None:
        self.share = share
        self.start = time.monotonic()
        self.spent = 0.0

    def affords(self, cost: float) -> bool:
        """Whether spending `cost` seconds now keeps the share within the budget."""
        elapsed = time.monotonic() - self.start
        return self.spent + cost <= self.share * (elapsed + cost)

    def charge(self, since: float) -> float:
        """Count the time since `since` as spent; returns it."""
        cost = time.monotonic() - since
        self.spent += cost
        return cost

    @property
    def overhead(self) -> float:
        return self.spent / max(time.monotonic() - self.start, 1e-9)


class LossWatch(keras.callbacks.Callback):
    """Notes the first non-finite loss from Keras's callback thread (no synchronous hook)."""

    async_safe = True

    def __init__(self) -> None:
        super().__init__()
        self.bad_batch: int | None = None  # set once, read by the health callback

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        loss = _float((logs or {}).get("loss"))
        if self.bad_batch is None and loss is not None and not math.isfinite(loss):
            self.bad_batch = batch


class HealthCallback(keras.callbacks.Callback):
    """Measures the layers' health during a fit within a time budget.

    Args:
        probe: the probe of the model being trained (its layers are the model's).
        writer: where events go.
        job_id: echoed in every event.
        probe_batch: (inputs as the probe takes them, targets in output order).
        losses: one loss function per model output, and their weights.
        folder: where the NaN evidence goes.
        budget: the share of the fit's time the measurements may take.
    """

    def __init__(
        self,
        probe: Probe,
        writer: EventWriter,
        job_id: str,
        probe_batch: tuple[Any, list[Any]],
        losses: tuple[list[Any], list[float]],
        folder: Path,
        budget: float = BUDGET,
    ) -> None:
        super().__init__()
        self._probe = probe
        self._writer = writer
        self._job_id = job_id
        self._inputs, self._targets = probe_batch
        self._loss_functions, self._loss_weights = losses
        self._folder = folder
        self._layers = {
            path: list(layer.trainable_weights)
            for path, layer in probe.leaf_layers.items()
            if layer.trainable_weights
        }
        self._variables = [v for variables in self._layers.values() for v in variables]
        self._output_index = model_output_indices(probe)
        self._watched = relu_outputs(probe)  # probe output index -> node key
        self._step = statistics_step(probe.model, self._loss, self._variables, list(self._watched))
        self._compiled: Any = None
        self._share = budget
        self._budget = Budget(budget)
        self._costs = {"weights": 0.0, "step": 0.0}  # the last cost of each kind of work
        self._batch_began = 0.0
        self._batch_seconds = 0.0  # a training step, averaged
        self._epoch = 0
        self._batches = 0
        self._last_time = -math.inf
        self._last_batch = 0
        self._plan: str | None = None
        self._before: list[np.ndarray] = []
        self._pending_batch = -1  # the batch measured, whose step has yet to be compared
        self.nan_reported = False
        self.nan_finding: dict[str, Any] | None = None  # the NaN record, once reported
        self.loss_watch = LossWatch()  # the fit needs it among its callbacks

    # ------------------------------------------------------------------ scheduling

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._budget = Budget(self._share)

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._epoch = epoch

    def _choose(self) -> str | None:
        """What to measure around the coming batch: "step" (everything), "weights", or None."""
        if not self._variables or self.nan_reported or self._batches < 3:
            # the first batch traces the training function (not typical); the second gives the
            # time of a step, so the first measurement can be a full one (a short fit gets it)
            return None
        if time.monotonic() - self._last_time < MIN_INTERVAL:
            return None
        weights = self._costs["weights"]
        step = self._costs["step"] or FIRST_STEP_GUESS * self._batch_seconds
        if self._batch_seconds and self._budget.affords(weights + step):
            return "step"
        return "weights" if self._budget.affords(weights) else None

    def on_train_batch_begin(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        now = time.monotonic()
        if self._batches >= 2:  # the time of the last step (the first one traces: left out)
            seconds = now - self._batch_began
            self._batch_seconds += (seconds - self._batch_seconds) / min(self._batches - 1, 20)
        self._batches += 1
        self._finish_pending()
        self._plan = self._choose()
        if self._plan is not None:
            sync_state(self.model)
            self._before = [_numpy(v).copy() for v in self._variables]
            self._costs["weights"] = self._budget.charge(now)
            self._pending_batch = batch
        self._batch_began = time.monotonic()

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._finish_pending()  # Keras has waited for the batch-end hooks: the loss is known

    def _finish_pending(self) -> None:
        """Compare the weights after the measured step; report a NaN loss first if one came."""
        if self.loss_watch.bad_batch is not None and not self.nan_reported:
            self._plan = None
            self._report_nan(self.loss_watch.bad_batch)
            return
        if self._plan is None:
            return
        plan, self._plan = self._plan, None
        start = time.monotonic()
        sync_state(self.model)
        after = [_numpy(v) for v in self._variables]
        layers = self._layer_stats(after)
        self._costs["weights"] += self._budget.charge(start)
        fields: dict[str, Any] = {"layers": layers, "nodes": {}}
        if plan == "step":
            start = time.monotonic()
            fields["nodes"] = self._probe_step(layers)
            self._costs["step"] = self._budget.charge(start)
        start = time.monotonic()
        self._emit(self._pending_batch, fields)
        self._costs["weights"] += self._budget.charge(start)  # the advice and the event too

    def _emit(self, batch: int, fields: dict[str, Any]) -> None:
        problems = [
            p
            for path, stats in fields["layers"].items()
            for p in advice.layer_problems(path, stats)
        ]
        for key, stats in fields["nodes"].items():
            problems += advice.node_problems(key, stats["layer"], stats)
        self._writer.emit(
            HEALTH_EVENT,
            job_id=self._job_id,
            epoch=self._epoch,
            batch=batch,
            every=self._batches - self._last_batch,
            overhead=round(self._budget.overhead, 4),
            problems=problems,
            **fields,
        )
        self._last_batch, self._last_time = self._batches, time.monotonic()

    # ------------------------------------------------------------------ statistics

    def _layer_stats(self, after: list[np.ndarray]) -> dict[str, dict[str, Any]]:
        stats, position = {}, 0
        for path, variables in self._layers.items():
            span = slice(position, position + len(variables))
            position += len(variables)
            stats[path] = layer_stats(self._before[span], after[span])
        return stats

    def _probe_step(self, layers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Run the probe batch; fill the layers' gradient norms; return the nodes' stats."""
        if (
            self._compiled is None
            and self._costs["step"]
            and self._budget.affords(TRACE_COST * self._costs["step"])
        ):
            self._compiled = compiled(self._step)
        statistics = to_statistics((self._compiled or self._step)(self._inputs, self._targets))
        squares, position = statistics.gradient_squares, 0
        for path, variables in self._layers.items():
            span = slice(position, position + len(variables))
            position += len(variables)
            if squares is not None:
                layers[path]["grad_norm"] = math.sqrt(float(np.sum(squares[span])))
        dead = dict(zip(self._watched, statistics.dead.tolist(), strict=True))
        nodes: dict[str, dict[str, Any]] = {}
        for node in self._probe.nodes:
            for key, (kind, index) in zip(node.tensor_keys(), node.outputs, strict=True):
                if kind == "output":
                    entry = {"layer": layer_path(node.path),
                             "nonfinite": bool(statistics.nonfinite[index])}  # fmt: skip
                    if index in dead:
                        entry["dead"] = dead[index]
                    nodes[key] = entry
        return nodes

    def _loss(self, outputs: list[Any], targets: list[Any]) -> Any:
        total = 0.0
        for index, function, weight, target in zip(
            self._output_index, self._loss_functions, self._loss_weights, targets, strict=True
        ):
            value = function(keras.ops.convert_to_tensor(target), outputs[index])
            total = total + weight * keras.ops.mean(value)
        return total

    # ------------------------------------------------------------------ NaN

    def _report_nan(self, batch: int) -> None:
        """Name the first node whose output is not finite, once, and keep the evidence."""
        self.nan_reported = True
        sync_state(self.model)
        nonfinite = to_statistics(self._step(self._inputs, self._targets)).nonfinite
        first = next(
            (
                node
                for node in self._probe.nodes
                if any(kind == "output" and nonfinite[i] for kind, i in node.outputs)
            ),
            None,
        )
        key = first.key if first else None
        layer = layer_path(first.path) if first else None
        weights_bad = first is not None and not all(
            np.all(np.isfinite(_numpy(v))) for v in first.layer.weights
        )
        weights_path = self._folder / "nan.weights.h5"
        self.model.save_weights(weights_path)
        inputs = self._inputs if isinstance(self._inputs, list) else [self._inputs]
        probe_path = write_npz(
            self._folder / "nan_probe.npz",
            {name: np.asarray(x) for name, x in zip(self._probe.input_names, inputs, strict=True)},
        )
        message = advice.nan_message(key, layer, self._epoch, batch, weights_bad)
        self.nan_finding = {
            "node": key,
            "layer": layer,
            "weights_nonfinite": weights_bad,
            "message": message,
            "cause": advice.nan_cause(key, layer, weights_bad),
            "weights_path": str(weights_path),
            "probe_path": str(probe_path),
        }
        self._writer.emit(
            HEALTH_EVENT,
            job_id=self._job_id,
            epoch=self._epoch,
            batch=batch,
            nan=self.nan_finding,
        )


def _numpy(variable: Any) -> np.ndarray:
    return np.asarray(keras.ops.convert_to_numpy(variable.value))


def _float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
