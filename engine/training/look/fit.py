"""The look-inside callbacks a fit gets from its job's `look` field (the runner's one hook).

Everything that can be refused is checked here, before the fit's `started` event: the probe
builds (or names the node that stops it), the sample loads and fits the model.

Imports Keras: worker-only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keras

from engine.training import compile_args
from engine.training.errors import JobError
from engine.training.look.activations import Looker
from engine.training.look.health import PROBE_SAMPLES, HealthCallback
from engine.training.look.refresh import RefreshCallback, SampleMailbox
from engine.training.look.sample import CLASS_NAMES, Sample, load_sample

LOOK_FOLDER = "look"


def look_callbacks(
    runner: Any, job: dict[str, Any], prepared: Any, output_dir: Path, stream: Any
) -> list[keras.callbacks.Callback]:
    """The refresh and health callbacks the job asks for (none by default).

    Args:
        runner: the JobRunner (its writer, and the mailbox the stdin thread fills).
        job: the normalized job.
        prepared: the compiled model and its data.
        output_dir: the run's folder; the looks go to its `look` subfolder.
        stream: the StreamCallback, which lets a paused fit take a new sample.

    Raises:
        JobError, DataError: the probe cannot be built or the sample does not fit.
    """
    look = job["look"]
    if look["sample"] is None and not look["health"]:
        return []
    source = job["data"]["source"]
    looker = Looker(prepared.model, prepared.signature, output_dir / LOOK_FOLDER,
                    CLASS_NAMES.get(source))  # fmt: skip

    def load(spec: dict[str, Any]) -> Sample:
        return load_sample(spec, prepared.train, prepared.signature, source)

    mailbox: SampleMailbox = runner.look_mailbox
    mailbox.take()  # a request left over from an earlier job is not for this one
    refresh = RefreshCallback(
        looker,
        load(look["sample"]) if look["sample"] is not None else None,
        load,
        runner.writer,
        job["job_id"],
        look["every"],
        mailbox,
        job["fit"]["initial_epoch"],
    )
    stream.while_paused = refresh.check_mailbox
    callbacks: list[keras.callbacks.Callback] = [refresh]
    if look["health"]:
        health = _health(looker, runner, job, prepared, output_dir)
        callbacks += [health, health.loss_watch]
    return callbacks


def _health(looker: Looker, runner: Any, job: dict[str, Any], prepared: Any, folder: Path) -> Any:
    rows = prepared.signature.fixed_batch_size or min(PROBE_SAMPLES, prepared.train.num_samples)
    batch = prepared.train.take(slice(0, rows))
    inputs = [batch.x[name] for name in prepared.signature.input_names()]
    targets = [batch.y[name] for name in prepared.signature.output_names()]
    names = compile_args.losses(job["compile"], prepared.signature)
    weights = job["compile"].get("loss_weights")
    weights = (
        compile_args.per_output("loss_weights", weights, prepared.signature)
        if weights is not None
        else [1.0] * len(names)
    )
    try:
        functions = [keras.losses.get(name) for name in names]
    except (ValueError, TypeError) as exc:
        raise JobError(f"Keras does not know the loss. Received: {names} ({exc})") from exc
    return HealthCallback(
        looker.probe,
        runner.writer,
        job["job_id"],
        (inputs[0] if len(inputs) == 1 else inputs, targets),
        (functions, [1.0 if w is None else float(w) for w in weights]),
        folder,
        job["look"]["health_budget"],
    )
