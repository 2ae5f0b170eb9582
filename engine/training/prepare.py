"""Prepare a job in the worker: build the model, load and check the data, compile.

Everything that can be judged before training (the model builds, the data fits, the optimizer
exists, the weights match) is checked here, before the `started` event, so a bad job ends in an
`error` event at once, with a message that names what is wrong.
"""

from __future__ import annotations

import contextlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import keras
import numpy as np

from engine.training import compile_args
from engine.training.checks import check_data
from engine.training.data import load_data
from engine.training.dataset import Dataset
from engine.training.errors import DataError, JobError
from engine.training.memory import check_memory
from engine.training.signature import ModelSignature, signature_from_model
from engine.training.weights_fit import describe_mismatch

if TYPE_CHECKING:
    from engine.training.data_parallel import DataParallelRun

# the kinds of job that need targets for every output
NEEDS_TARGETS = ("fit", "evaluate", "train_on_batch", "test_on_batch")


@dataclass
class Prepared:
    """A compiled model with data that fits it, and the batch settings it trains with."""

    model: Any
    signature: ModelSignature
    train: Dataset
    validation: Dataset | None
    batch_size: int
    shuffle: bool
    validation_split: float

    def inputs(self, data: Dataset) -> Any:
        """The arrays for Keras's `x`, in the model's input order."""
        return compile_args.unwrap([data.x[name] for name in self.signature.input_names()])

    def targets(self, data: Dataset) -> Any:
        """The arrays for Keras's `y`, in the model's output order."""
        return compile_args.unwrap([data.y[name] for name in self.signature.output_names()])

    def weights(self, data: Dataset) -> Any:
        """Keras's `sample_weight` (ones for outputs without weights), or None."""
        if not data.sample_weight:
            return None
        ones = np.ones(data.num_samples, dtype="float32")
        names = self.signature.output_names()
        return compile_args.unwrap([data.sample_weight.get(name, ones) for name in names])


def build_model(config: dict[str, Any]) -> Any:
    """Deserialize a Keras model config.

    Raises:
        JobError: Keras cannot build it (unknown layer, bad parameter, ...).
    """
    try:
        return keras.models.model_from_json(json.dumps(config))
    except Exception as exc:  # Keras raises many types here; all mean "bad model"
        raise JobError(
            f"Keras cannot build the model. Received: {type(exc).__name__}: {exc}"
        ) from exc


def prepare(job: dict[str, Any], parallel: DataParallelRun | None = None) -> Prepared:
    """Build, feed and compile the job's model.

    Args:
        job: the normalized job.
        parallel: this process's part of a data-parallel run, or None.

    Raises:
        JobError: the model is far too big for the memory, or the model, weights, optimizer,
            loss or metrics are refused.
        DataError: the data cannot be read or does not fit the model.
    """
    batch_size = job["fit"]["batch_size"]
    try:
        if parallel is not None:
            batch_size = parallel.local_batch_size(batch_size)
        check_memory(job["model"], batch_size, _processes_here(job))
        # in a data-parallel run nothing may create a variable (a collective every process must
        # join) before every process has read its data: the first model is a stateless probe
        with _probe_scope(parallel):
            model = build_model(job["model"])
        signature = signature_from_model(model, job["model"])
        loss_list = compile_args.losses(job["compile"], signature)
        sparse = compile_args.sparse_outputs(loss_list, signature)
        prepared = _load(job, model, signature, sparse)
        if parallel is not None:
            prepared = _shard(prepared, parallel, job["kind"])
        for dataset in (prepared.train, prepared.validation):
            if dataset is not None:
                check_data(
                    dataset,
                    signature,
                    need_targets=job["kind"] in NEEDS_TARGETS,
                    sparse_outputs=sparse,
                )
        if job["load_weights"] and not Path(job["load_weights"]).is_file():
            raise JobError(f"The weights file does not exist. Received: {job['load_weights']}")
    except Exception as exc:
        if parallel is not None:
            parallel.agree_prepared(exc)  # raises: the others learn this process failed
        raise
    if parallel is not None:
        parallel.agree_prepared(None)  # raises the first failure of another process
        model = prepared.model = build_model(job["model"])
    if job["load_weights"]:
        _load_weights(model, job["load_weights"])
    _compile(model, job["compile"], signature, loss_list)
    return prepared


def _probe_scope(parallel: DataParallelRun | None) -> Any:
    if parallel is None:
        return contextlib.nullcontext()
    return keras.StatelessScope(initialize_variables=False)


def _load(
    job: dict[str, Any], model: Any, signature: ModelSignature, sparse: frozenset[str]
) -> Prepared:
    """Load the training (and validation) data; stateful models get their fixed batches."""
    train = load_data(job["data"], signature, seed=job["seed"], sparse_outputs=sparse)
    validation = None
    if job["validation_data"] is not None:
        validation = load_data(
            job["validation_data"], signature, seed=job["seed"], sparse_outputs=sparse
        )
    fit = job["fit"]
    batch_size, shuffle, split = fit["batch_size"], fit["shuffle"], fit["validation_split"]
    fixed = signature.fixed_batch_size
    if fixed:  # stateful RNNs: every batch must have exactly the fixed size, in order
        batch_size, shuffle = fixed, False
        if split and validation is None and job["kind"] == "fit":
            train, validation, split = _split(train, split)
        train = _trim(train, fixed, "training")
        validation = _trim(validation, fixed, "validation") if validation else None
    return Prepared(model, signature, train, validation, batch_size, shuffle, split)


def _processes_here(job: dict[str, Any]) -> int:
    """How many processes of the run share this machine's memory."""
    spec = job.get("distribution")
    if not spec or spec["num_processes"] < 2:
        return 1
    hosts, me = spec.get("hosts"), spec.get("process_id")
    if hosts and me is not None:
        return hosts.count(hosts[me])
    return 1


def _shard(prepared: Prepared, parallel: DataParallelRun, kind: str) -> Prepared:
    """Keep this process's samples; the validation part is split off the whole data first."""
    if prepared.signature.fixed_batch_size:
        raise JobError(
            "A model with a fixed batch size (a stateful RNN) trains in one process on one "
            "device. Received: a data-parallel run"
        )
    train, validation, split = prepared.train, prepared.validation, prepared.validation_split
    if split and validation is None and kind == "fit":
        train, validation, split = _split(train, split)
    prepared.train = parallel.shard(train)
    prepared.validation = parallel.shard(validation) if validation is not None else None
    prepared.validation_split = split
    prepared.batch_size = parallel.local_batch_size(prepared.batch_size)
    return prepared


def _compile(
    model: Any, spec: dict[str, Any], signature: ModelSignature, loss_list: list[Any]
) -> None:
    loss_weights = None
    if spec.get("loss_weights") is not None:
        loss_weights = compile_args.per_output("loss_weights", spec["loss_weights"], signature)
    try:
        model.compile(
            optimizer=compile_args.optimizer(spec),
            loss=compile_args.unwrap(loss_list),
            loss_weights=compile_args.unwrap(loss_weights) if loss_weights else None,
            metrics=compile_args.unwrap(compile_args.metrics(spec, signature)),
        )
    except (ValueError, TypeError) as exc:
        raise JobError(f"Keras refuses the compile settings. Received: {exc}") from exc


def _split(data: Dataset, split: float) -> tuple[Dataset, Dataset, float]:
    # the last fraction, as Keras's validation_split takes it
    cut = math.ceil(data.num_samples * (1.0 - split))
    return data.take(slice(0, cut)), data.take(slice(cut, None)), 0.0


def _trim(data: Dataset, batch_size: int, role: str) -> Dataset:
    usable = data.num_samples - data.num_samples % batch_size
    if usable == 0:
        raise DataError(
            f"The model's inputs have a fixed batch size of {batch_size}, so the {role} data "
            f"needs at least {batch_size} samples. Received: {data.num_samples}"
        )
    return data.take(slice(0, usable))


def _load_weights(model: Any, path: str) -> None:
    if not Path(path).is_file():
        raise JobError(f"The weights file does not exist. Received: {path}")
    try:
        model.load_weights(path)
    except (ValueError, OSError, KeyError) as exc:
        where = describe_mismatch(model, path)  # Keras's message names no layer of ours
        if where is None:
            raise JobError(f"The weights in {path} do not fit the model. Received: {exc}") from exc
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise JobError(
            f"The weights in {path} do not fit the model. {where} Received: {first_line}"
        ) from exc
