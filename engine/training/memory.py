"""Refuse a model far too big for this machine's memory before Keras allocates it.

Building a 10-billion-weight model allocates 40 GB at once: the machine swaps itself to a halt or
the kernel kills the worker, long after the user pressed Train. So the worker first counts the
weights and the activations inside `keras.StatelessScope(initialize_variables=False)`, which
allocates nothing, and compares a training step's needs with the memory available now.

The estimate is deliberately rough and generous to the model: only a model that cannot fit by a
wide margin is refused. Imports Keras at the top: only the worker imports this module.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import keras
import numpy as np

from engine.training.errors import JobError

BYTES_PER_VALUE = 4  # float32
# copies of the weights a training step holds: the weights, their gradients, two optimizer
# slots (Adam's moments) and the new weights of a functional update (JAX)
WEIGHT_COPIES = 5
ACTIVATION_COPIES = 2  # each layer's output and its gradient
USABLE_SHARE = 0.9  # leave the rest to the window, the OS and the other programs


def check_memory(config: dict[str, Any], batch_size: int, processes_here: int = 1) -> None:
    """Raise a JobError when training `config` would need more memory than is available.

    Args:
        config: the model's Keras config.
        batch_size: samples per step in this process.
        processes_here: processes of the run on this machine (each holds its own copy).

    Raises:
        JobError: the model does not fit; the message gives both sizes and what to do.
    """
    available = available_bytes()
    if available is None:
        return
    params, activations = _count(config)
    need = BYTES_PER_VALUE * (WEIGHT_COPIES * params + ACTIVATION_COPIES * batch_size * activations)
    need *= processes_here
    if need <= USABLE_SHARE * available:
        return
    where = f" ({processes_here} processes on this machine)" if processes_here > 1 else ""
    raise JobError(
        f"The model is far too big for this machine's memory: training it needs about "
        f"{_size(need)}{where} ({params:,} weights, their gradients and the optimizer's state, "
        f"plus the activations of a batch of {batch_size}), and {_size(available)} is "
        f"available. Make it smaller (fewer units or filters), lower the batch size, or train "
        f"it on a machine with more memory."
    )


def available_bytes() -> int | None:
    """Memory available to a new allocation now (Linux's MemAvailable), or None if unknown."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def _count(config: dict[str, Any]) -> tuple[int, int]:
    """(weights, activation values per sample) of the model, without allocating either.

    The random state is put back afterwards: each layer Keras builds draws its initializers'
    seeds from Python's random module, so counting after the job's seed was set would change
    the weights the run starts from (a script seeding and building once would not get them).
    """
    python_state, numpy_state = random.getstate(), np.random.get_state()
    try:
        return _count_built(config)
    finally:
        random.setstate(python_state)
        np.random.set_state(numpy_state)


def _count_built(config: dict[str, Any]) -> tuple[int, int]:
    with keras.StatelessScope(initialize_variables=False):
        try:
            model = keras.models.model_from_json(json.dumps(config))
        except Exception:  # the real build reports what is wrong, with its own message
            return 0, 0
        params = sum(_size_of(w.shape) for w in model.weights)
        activations = 0
        for layer in model.layers:
            try:
                outputs = keras.tree.flatten(layer.output)
            except (AttributeError, ValueError):  # shared layers have no single output
                continue
            activations += sum(_size_of(t.shape[1:]) for t in outputs)
    return params, activations


def _size_of(shape: Any) -> int:
    total = 1
    for dim in shape:
        total *= int(dim) if dim is not None else 1
    return total


def _size(count: float) -> str:
    return f"{count / 2**30:,.1f} GB" if count >= 2**30 else f"{count / 2**20:,.0f} MB"
