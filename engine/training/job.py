"""A training job: what the worker runs, as a plain JSON-able dict.

A job carries everything a run needs, so that it can cross a process boundary and be stored with
the run it produced::

    {
        "job_id": "run-1",                     # echoed in every event of the job
        "kind": "fit",                         # or evaluate, predict, train_on_batch,
                                               #    test_on_batch, predict_on_batch
        "model": {...},                        # Keras 3 config, as model.to_json() writes it
        "compile": {"optimizer": "adam", "learning_rate": 0.001, "loss": ..., "loss_weights": ...,
                    "metrics": ...},           # loss/metrics: one value, a list or a dict by output
        "fit": {"batch_size": 32, "epochs": 1, "verbose": 0, "callbacks": [...],
                "validation_split": 0.0, "shuffle": True, "class_weight": None,
                "initial_epoch": 0},
        "data": {"source": "dummy"},           # see engine.training.data
        "validation_data": None,               # a second data spec, or None
        "backend": "tensorflow", "seed": 0, "output_dir": "runs/run-1",
        "load_weights": None,                  # a .weights.h5 to load before the run
        "save": {"weights": True, "keras": True, "csv": True},
        "batch_events_per_second": 10,
        "look": {"sample": None, "health": False, ...},   # see look_spec.py
        "distribution": None,                  # several processes: see engine.training.placement
        "hang_timeout": 300,                   # seconds without an event: hung (0: never)
    }

`normalize_job` fills the defaults and checks the structure without importing Keras; what only
Keras can judge (an optimizer's name, a loss that exists) is checked by the worker before the run.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import uuid
from typing import Any

from engine.training.backends import BACKEND_MODULES, DEFAULT_BACKEND
from engine.training.data import normalize_data_spec
from engine.training.errors import JobError
from engine.training.look_spec import normalize_look
from engine.training.placement import DEFAULT_HANG_TIMEOUT, normalize_distribution

KINDS = (
    "fit",
    "evaluate",
    "predict",
    "train_on_batch",
    "test_on_batch",
    "predict_on_batch",
    "activations",  # one sample through every node (engine.training.look)
)
CALLBACKS = (
    "EarlyStopping",
    "ModelCheckpoint",
    "ReduceLROnPlateau",
    "TerminateOnNaN",
    "CSVLogger",
    "TensorBoard",
)
# optimizer keyword arguments a form offers besides the optimizer's own config
OPTIMIZER_PARAMS = ("learning_rate", "momentum", "weight_decay", "clipnorm", "clipvalue")

DEFAULT_COMPILE: dict[str, Any] = {
    "optimizer": "adam",
    "loss": None,  # None: chosen per output from its activation (see engine.training.runner)
    "loss_weights": None,
    "metrics": None,
}
DEFAULT_FIT: dict[str, Any] = {
    "batch_size": 32,
    "epochs": 1,
    "verbose": 0,
    "callbacks": [],
    "validation_split": 0.0,
    "shuffle": True,
    "class_weight": None,
    "initial_epoch": 0,
}
DEFAULT_SAVE = {"weights": True, "keras": True, "csv": True}


def available_callbacks() -> list[str]:
    """The callbacks a form can offer here: TensorBoard needs the `tensorboard` package."""
    has_tensorboard = importlib.util.find_spec("tensorboard") is not None
    return [name for name in CALLBACKS if name != "TensorBoard" or has_tensorboard]


def make_job(model: dict[str, Any] | str, **fields: Any) -> dict[str, Any]:
    """Build a normalized job for `model`.

    Args:
        model: the Keras config (dict) or its JSON text.
        **fields: any top-level job field (`kind`, `compile`, `fit`, `data`, ...).

    Returns:
        The job with every default filled in.

    Raises:
        JobError: a field is invalid.
    """
    return normalize_job({"model": model, **fields})


def normalize_job(job: dict[str, Any]) -> dict[str, Any]:
    """Check `job` and return a copy with every default filled in.

    Raises:
        JobError: a field is missing, unknown or out of range; the message names it.
    """
    if not isinstance(job, dict):
        raise JobError(f"A job must be a dict. Received: {type(job).__name__}")
    unknown = set(job) - set(_TOP_LEVEL)
    if unknown:
        raise JobError(f"Unknown job fields: {sorted(unknown)}. Expected some of {_TOP_LEVEL}")
    out = copy.deepcopy(job)
    out["model"] = _model_config(job.get("model"))
    out.setdefault("job_id", uuid.uuid4().hex[:12])
    out["kind"] = _choice("kind", job.get("kind", "fit"), KINDS)
    out["compile"] = _compile(job.get("compile") or {})
    out["fit"] = _fit(job.get("fit") or {})
    out["data"] = normalize_data_spec(job.get("data") or {"source": "dummy"})
    if job.get("validation_data") is not None:
        out["validation_data"] = normalize_data_spec(job["validation_data"])
    else:
        out["validation_data"] = None
    out["backend"] = _choice("backend", job.get("backend") or DEFAULT_BACKEND, BACKEND_MODULES)
    seed = job.get("seed", 0)
    out["seed"] = None if seed is None else _integer("seed", seed, minimum=0)
    out["output_dir"] = job.get("output_dir")
    out["load_weights"] = job.get("load_weights")
    out["save"] = {**DEFAULT_SAVE, **(job.get("save") or {})}
    rate = job.get("batch_events_per_second", 10)
    if not isinstance(rate, (int, float)) or rate <= 0:
        raise JobError(f"`batch_events_per_second` must be a positive number. Received: {rate!r}")
    out["batch_events_per_second"] = rate
    out["look"] = normalize_look(job.get("look"), out["kind"])
    hang = job.get("hang_timeout", DEFAULT_HANG_TIMEOUT)
    if isinstance(hang, bool) or not isinstance(hang, (int, float)) or hang < 0:
        raise JobError(f"`hang_timeout` must be a number of seconds >= 0. Received: {hang!r}")
    out["hang_timeout"] = hang
    out["distribution"] = normalize_distribution(job.get("distribution"), out)
    return out


_TOP_LEVEL = (
    "job_id",
    "kind",
    "model",
    "compile",
    "fit",
    "data",
    "validation_data",
    "backend",
    "seed",
    "output_dir",
    "load_weights",
    "save",
    "batch_events_per_second",
    "look",
    "distribution",
    "hang_timeout",
)


def _model_config(model: Any) -> dict[str, Any]:
    if isinstance(model, str):
        try:
            model = json.loads(model)
        except json.JSONDecodeError as exc:
            raise JobError(f"The model JSON cannot be parsed: {exc}") from None
    if not isinstance(model, dict) or "class_name" not in model or "config" not in model:
        received = type(model).__name__ if not isinstance(model, dict) else sorted(model)[:5]
        raise JobError(
            "`model` must be a Keras model config with `class_name` and `config` "
            f"(as model.to_json() writes it). Received: {received}"
        )
    return model


def _compile(spec: dict[str, Any]) -> dict[str, Any]:
    _known_keys("compile", spec, (*DEFAULT_COMPILE, *OPTIMIZER_PARAMS))
    out = {**DEFAULT_COMPILE, **spec}
    optimizer = out["optimizer"]
    if not isinstance(optimizer, (str, dict)):
        raise JobError(
            "`compile.optimizer` must be a name or a {class_name, config} dict. "
            f"Received: {optimizer!r}"
        )
    for name in OPTIMIZER_PARAMS:
        value = out.get(name)
        if value is not None and (not isinstance(value, (int, float)) or value < 0):
            raise JobError(f"`compile.{name}` must be a number >= 0. Received: {value!r}")
    return out


def _fit(spec: dict[str, Any]) -> dict[str, Any]:
    _known_keys("fit", spec, DEFAULT_FIT)
    out = {**DEFAULT_FIT, **spec}
    out["batch_size"] = _integer("fit.batch_size", out["batch_size"], minimum=1)
    out["epochs"] = _integer("fit.epochs", out["epochs"], minimum=1)
    out["initial_epoch"] = _integer("fit.initial_epoch", out["initial_epoch"], minimum=0)
    if out["initial_epoch"] >= out["epochs"]:
        raise JobError(
            "`fit.initial_epoch` must be less than `fit.epochs`. "
            f"Received: initial_epoch={out['initial_epoch']}, epochs={out['epochs']}"
        )
    out["verbose"] = _choice("fit.verbose", out["verbose"], (0, 1, 2))
    split = out["validation_split"]
    if not isinstance(split, (int, float)) or not 0.0 <= split < 1.0:
        raise JobError(f"`fit.validation_split` must be in [0, 1). Received: {split!r}")
    out["shuffle"] = bool(out["shuffle"])
    out["class_weight"] = _class_weight(out["class_weight"])
    out["callbacks"] = [_callback(c) for c in out["callbacks"]]
    return out


def _callback(spec: Any) -> dict[str, Any]:
    if isinstance(spec, str):
        spec = {"class_name": spec}
    if not isinstance(spec, dict) or "class_name" not in spec:
        raise JobError(f"A callback must be a {{class_name, config}} dict. Received: {spec!r}")
    _choice("callback class_name", spec["class_name"], CALLBACKS)
    config = spec.get("config") or {}
    if not isinstance(config, dict):
        raise JobError(f"A callback's config must be a dict. Received: {config!r}")
    return {"class_name": spec["class_name"], "config": config}


def _class_weight(value: Any) -> dict[int, float] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise JobError(f"`fit.class_weight` must be a dict class -> weight. Received: {value!r}")
    try:  # JSON turns the integer keys into strings
        return {int(k): float(v) for k, v in value.items()}
    except (TypeError, ValueError):
        raise JobError(
            f"`fit.class_weight` keys must be class indices. Received: {sorted(value)}"
        ) from None


def _known_keys(section: str, spec: Any, allowed: Any) -> None:
    if not isinstance(spec, dict):
        raise JobError(f"`{section}` must be a dict. Received: {spec!r}")
    unknown = set(spec) - set(allowed)
    if unknown:
        raise JobError(
            f"Unknown `{section}` settings: {sorted(unknown)}. Expected some of {sorted(allowed)}"
        )


def _choice(name: str, value: Any, allowed: Any) -> Any:
    if value not in allowed:
        raise JobError(f"`{name}` must be one of {list(allowed)}. Received: {value!r}")
    return value


def _integer(name: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise JobError(f"`{name}` must be an integer >= {minimum}. Received: {value!r}")
    return value
