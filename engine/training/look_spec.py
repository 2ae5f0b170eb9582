"""The `look` field of a job: which sample to show, how often, and whether to watch health.

Plain Python (no Keras), so that the client checks a job before any process starts::

    "look": {
        "sample": {                       # None: no sample (a fit without thumbnails)
            "index": 0,                   # row of the job's data for every input not given below
            "inputs": {                   # optional, per model input name:
                "image": {"image": "digit.png"},        an image file, resized to the input
                "pixels": {"values": [[0, 1, ...]]},    numbers (a drawing), reshaped to fit
            },
        },
        "every": "epoch",                 # a fit shows the sample again every epoch, or every N
                                          #    batches (an integer)
        "health": False,                  # a fit streams per-layer statistics (see health.py)
        "health_budget": 0.03,            # the share of the fit's time they may take
    }

The `activations` job kind runs the sample once through the model (weights loaded with
`load_weights`, or the untrained ones of the job's seed); a fit with a `look.sample` does it
again while it trains.
"""

from __future__ import annotations

from typing import Any

from engine.training.errors import JobError

DEFAULT_LOOK: dict[str, Any] = {
    "sample": None,
    "every": "epoch",
    "health": False,
    "health_budget": 0.03,  # under the 5 % promised (see look/health.py)
}
SAMPLE_KINDS = ("image", "values")


def normalize_look(value: Any, kind: str) -> dict[str, Any]:
    """Check a job's `look` field and fill its defaults.

    Args:
        value: the field as given (None for none).
        kind: the job's kind: an `activations` job always has a sample (row 0 by default).

    Raises:
        JobError: an unknown key or a bad value; the message names it.
    """
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise JobError(f"`look` must be a dict. Received: {value!r}")
    unknown = set(value) - set(DEFAULT_LOOK)
    if unknown:
        raise JobError(f"Unknown `look` settings: {sorted(unknown)}. Expected some of "
                       f"{sorted(DEFAULT_LOOK)}")  # fmt: skip
    out = {**DEFAULT_LOOK, **value}
    sample = out["sample"]
    if sample is None and kind == "activations":
        sample = {}
    out["sample"] = None if sample is None else normalize_sample(sample)
    every = out["every"]
    valid_count = isinstance(every, int) and not isinstance(every, bool) and every >= 1
    if every != "epoch" and not valid_count:
        raise JobError(f"`look.every` must be 'epoch' or a number of batches >= 1. "
                       f"Received: {every!r}")  # fmt: skip
    out["health"] = bool(out["health"])
    budget = out["health_budget"]
    if isinstance(budget, bool) or not isinstance(budget, (int, float)) or not 0 < budget <= 1:
        raise JobError(f"`look.health_budget` must be in (0, 1]. Received: {budget!r}")
    return out


def normalize_sample(sample: Any) -> dict[str, Any]:
    """Check a sample spec (see the module docstring) and fill its defaults.

    Raises:
        JobError: the spec is malformed.
    """
    if not isinstance(sample, dict):
        raise JobError(f"`look.sample` must be a dict. Received: {sample!r}")
    unknown = set(sample) - {"index", "inputs"}
    if unknown:
        raise JobError(f"Unknown `look.sample` keys: {sorted(unknown)}. Expected index, inputs")
    index = sample.get("index", 0)
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise JobError(f"`look.sample.index` must be an integer >= 0. Received: {index!r}")
    inputs = sample.get("inputs") or {}
    if not isinstance(inputs, dict):
        raise JobError(f"`look.sample.inputs` must be a dict by input name. Received: {inputs!r}")
    for name, given in inputs.items():
        if not isinstance(given, dict) or len(given) != 1 or next(iter(given)) not in SAMPLE_KINDS:
            raise JobError(
                f"The sample for input '{name}' must be {{\"image\": path}} or "
                f'{{"values": numbers}}. Received: {given!r}'
            )
    return {"index": index, "inputs": dict(inputs)}
