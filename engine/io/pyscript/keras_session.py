"""One reading's own Keras state: fresh automatic names and weights that are never allocated.

The reader builds the script's model with Keras itself, on symbolic tensors, so the config is
exactly what running the script would give (names, node indices, masks, nested and shared
layers). It must not disturb the caller's Keras state meanwhile: the automatic name counters
start fresh (as in a new Python session) and are restored afterwards, weights are created inside
a `keras.StatelessScope` without memory, and the variables that scope leaves uninitialized are
forgotten at the end, so no later scope initializes them (S17's Dense alone holds 160M weights).
Stateful RNNs create their small state variables from values, which a stateless scope refuses:
those states alone are made outside it (`allow_rnn_states`).
"""

from __future__ import annotations

import collections
import contextlib
from collections.abc import Iterator
from typing import Any

MAX_STATE_VALUES = 50_000_000  # 200 MB of float32 states at most


def _global_state() -> Any:
    from keras.src.backend.common import global_state

    return global_state


@contextlib.contextmanager
def isolated_session() -> Iterator[None]:
    """Fresh automatic names and stateless weights for the duration of a reading."""
    import keras

    state = _global_state()
    saved_uids = state.get_global_attribute("object_name_uids")
    saved_uninitialized = list(state.get_global_attribute("uninitialized_variables") or [])
    state.set_global_attribute("object_name_uids", collections.defaultdict(int))
    try:
        with keras.StatelessScope(initialize_variables=False):
            yield
    finally:
        state.set_global_attribute("object_name_uids", saved_uids)
        state.set_global_attribute("uninitialized_variables", saved_uninitialized)


def fresh_names() -> None:
    """What `keras.backend.clear_session()` does to automatic names (and nothing else here)."""
    _global_state().set_global_attribute("object_name_uids", collections.defaultdict(int))


@contextlib.contextmanager
def real_variables() -> Iterator[None]:
    """Leave the stateless scope for one step (a stateful RNN making its states)."""
    state = _global_state()
    scope = state.get_global_attribute("stateless_scope")
    state.set_global_attribute("stateless_scope", None)
    try:
        yield
    finally:
        state.set_global_attribute("stateless_scope", scope)


def allow_rnn_states(layer: Any, depth: int = 0) -> None:
    """Let the stateful RNNs in `layer` (wrapped ones too) make their states for real.

    Only the states leave the stateless scope, never the weights, and only up to
    `MAX_STATE_VALUES` numbers: a script's `LSTM(10**6, stateful=True)` on batches of 10**6 is
    refused rather than allocated.
    """
    from keras.src.layers.rnn.rnn import RNN

    if depth > 20 or layer is None:
        return
    if isinstance(layer, RNN) and layer.stateful and "_create_state_variables" not in vars(layer):
        original = layer._create_state_variables

        def create(batch_size: int) -> None:
            size = batch_size * _state_values(layer.cell.state_size)
            if size > MAX_STATE_VALUES:
                raise ValueError(
                    f"the states of the stateful {type(layer).__name__} hold {size:,} numbers; "
                    f"this reader makes at most {MAX_STATE_VALUES:,}"
                )
            with real_variables():
                original(batch_size)

        object.__setattr__(layer, "_create_state_variables", create)
    for inner in ("layer", "forward_layer", "backward_layer"):
        allow_rnn_states(getattr(layer, inner, None), depth + 1)


def _state_values(state_size: Any) -> int:
    sizes = state_size if isinstance(state_size, list | tuple) else [state_size]
    total = 0
    for size in sizes:
        dims = size if isinstance(size, list | tuple) else [size]
        count = 1
        for dim in dims:
            count *= int(dim or 1)
        total += count
    return total
