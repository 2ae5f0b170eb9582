"""Data-parallel training inside the worker, on Keras's distribution API (JAX backend).

One code path for every case: several processes (local or on a cluster) join JAX's distributed
runtime after a roll call (engine.training.rollcall); one process with several devices (GPUs, or
CPU devices forced with `XLA_FLAGS=--xla_force_host_platform_device_count=N`) needs no joining.
Then `keras.distribution.DataParallel` replicates the weights on every device and splits each
global batch over them; with `auto_shard_dataset = False` each process feeds its own shard
(see engine.training.placement).

Processes must take the same decisions at the same batch, or one waits forever for the others
in a collective. So process 0 alone decides to stop or pause (and stops on a NaN loss), and
broadcasts its decision at agreed batches (`ControlSync`); files are written by process 0 alone,
with the distribution switched off while it saves (Keras's saving creates a variable, which under
a distribution is a collective the other processes would not join).

Imports Keras at the top: only the worker imports this module, once the backend is chosen.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

import keras
import numpy as np

from engine.training import events
from engine.training.dataset import Dataset
from engine.training.errors import DataError, JobError
from engine.training.events import EventWriter
from engine.training.placement import host_of, is_multi_process, shard_indices
from engine.training.rollcall import RollCall

MESSAGE_BYTES = 1024  # a failed process's message, as the others learn it
SYNC_SECONDS = 0.5  # aimed time between two decisions of process 0
PAUSE_POLL_SECONDS = 0.3
SHUTDOWN_SECONDS = 600  # how long the others wait at exit for process 0 to save its files


def start(job: dict[str, Any]) -> DataParallelRun | None:
    """Join the run's processes and set Keras's distribution, before any JAX computation.

    Returns:
        The run's placement, or None for a plain run (not JAX, not a fit, one device).

    Raises:
        JoinError: a process is missing, the port is taken, the coordinator is unreachable.
    """
    spec = job["distribution"]
    if keras.backend.backend() != "jax" or job["kind"] != "fit":
        return None
    multi = is_multi_process(spec)
    if multi:
        _join(spec)
    devices = keras.distribution.list_devices()
    if len(devices) < 2 and not multi:
        return None
    import jax

    distribution = keras.distribution.DataParallel(devices=devices)
    distribution.auto_shard_dataset = False  # each process feeds its own shard
    keras.distribution.set_distribution(distribution)
    return DataParallelRun(
        distribution,
        spec=spec,
        process_id=jax.process_index(),
        num_processes=jax.process_count(),
        num_devices=len(devices),
    )


def _join(spec: dict[str, Any]) -> None:
    import jax

    # CPU devices talk through gloo (JAX's CPU default has no cross-process collectives); the
    # setting leaves GPUs alone, and must come before JAX's backend starts
    jax.config.update("jax_cpu_collectives_implementation", "gloo")
    timeouts = {
        "initialization_timeout": int(spec["join_timeout"]),
        "heartbeat_timeout_seconds": int(spec["heartbeat_timeout"]),
        "shutdown_timeout_seconds": SHUTDOWN_SECONDS,
    }
    if spec["cluster"] == "slurm":  # JAX reads the coordinator and the ids from SLURM
        jax.distributed.initialize(**timeouts)
        return
    RollCall(
        coordinator=spec["coordinator"],
        num_processes=spec["num_processes"],
        process_id=spec["process_id"],
        timeout=spec["join_timeout"],
        hosts=spec["hosts"],
    ).run()
    # keras.distribution.initialize() is this call without the timeouts (and a random seed
    # agreed between processes, which we do not need: every job has a seed)
    jax.distributed.initialize(
        coordinator_address=spec["coordinator"],
        num_processes=spec["num_processes"],
        process_id=spec["process_id"],
        **timeouts,
    )


class DataParallelRun:
    """This process's part of a data-parallel run.

    Args:
        distribution: the Keras distribution set for the run.
        spec: the job's `distribution` (None for one process with several devices).
        process_id, num_processes: this process and how many there are.
        num_devices: devices of the whole run (every process's).
    """

    def __init__(
        self,
        distribution: Any,
        spec: dict[str, Any] | None,
        process_id: int,
        num_processes: int,
        num_devices: int,
    ) -> None:
        self.distribution = distribution
        self.spec = spec or {}
        self.process_id = process_id
        self.num_processes = num_processes
        self.num_devices = num_devices

    @property
    def lead(self) -> bool:
        """Whether this is process 0, which streams events and saves files."""
        return self.process_id == 0

    @property
    def multi_process(self) -> bool:
        return self.num_processes > 1

    def describe(self) -> dict[str, Any]:
        """Fields of the `started` event."""
        return {"processes": self.num_processes, "devices": self.num_devices}

    def check_active(self) -> None:
        """Raise unless Keras still holds the run's distribution (without it, each process
        would silently train alone on its shard)."""
        if keras.distribution.distribution() is not self.distribution:
            raise JobError("The data-parallel distribution was lost before the fit.")

    def local_batch_size(self, global_batch: int) -> int:
        """This process's share of the global batch.

        Raises:
            JobError: the global batch does not split evenly over the run's devices.
        """
        if global_batch % self.num_devices:
            raise JobError(
                f"The batch size {global_batch} cannot be split evenly over the run's "
                f"{self.num_devices} devices: choose a multiple of {self.num_devices}. "
                f"Received: batch_size={global_batch}"
            )
        return global_batch // self.num_processes

    def shard(self, data: Dataset) -> Dataset:
        """The samples of this process (index modulo the process count).

        Raises:
            DataError: too few samples for one per device.
        """
        if data.num_samples < self.num_devices:
            raise DataError(
                f"{self.num_devices} devices need at least {self.num_devices} samples. "
                f"Received: {data.num_samples}"
            )
        index = shard_indices(
            data.num_samples, self.process_id, self.num_processes, self.num_devices
        )
        return data.take(index)

    def agree_prepared(self, error: Exception | None) -> None:
        """Every process learns whether every other one could prepare (read its data, ...).

        Raises:
            The first failure among the processes, as its own class (JobError, DataError...),
            naming the process and its host.
        """
        if not self.multi_process:
            if error is not None:
                raise error
            return
        from jax.experimental import multihost_utils

        local = np.zeros(MESSAGE_BYTES, np.uint8)
        if error is not None:
            text = f"{type(error).__name__}:{error}".encode()[: MESSAGE_BYTES - 1]
            local[: len(text)] = np.frombuffer(text, np.uint8)
        rows = np.asarray(multihost_utils.process_allgather(local)).reshape(-1, MESSAGE_BYTES)
        if error is not None:
            raise error
        for process_id, row in enumerate(rows):
            if row.any():
                text = bytes(row).rstrip(b"\0").decode(errors="replace")
                kind, _sep, message = text.partition(":")
                error_class = DataError if kind == "DataError" else JobError
                raise error_class(f"Process {process_id} ({self._host(process_id)}): {message}")

    def _host(self, process_id: int) -> str:
        return host_of(self.spec, process_id) if self.spec else "this machine"

    def replica_digests(self, model: Any) -> list[str]:
        """A digest of every process's copy of the weights (all processes must call this).

        Data-parallel training keeps one copy of the weights per process, kept equal by
        averaging the gradients; the digests show that they ended equal.
        """
        import hashlib

        from jax.experimental import multihost_utils

        digest = hashlib.sha256()
        for weight in model.weights:
            digest.update(np.ascontiguousarray(np.asarray(weight.value)).tobytes())
        local = np.frombuffer(digest.digest()[:16], np.uint8)
        rows = np.asarray(multihost_utils.process_allgather(local)).reshape(-1, 16)
        return [bytes(row).hex() for row in rows]

    def lead_only(self, callbacks: list[Any]) -> list[Any]:
        """Callbacks that write files run in process 0 only, without the distribution."""
        return [LeadOnly(callback) for callback in callbacks] if self.lead else []

    @contextlib.contextmanager
    def saving(self) -> Iterator[None]:
        """Keras's saving, in process 0, without the distribution (see the module's note)."""
        with without_distribution():
            yield

    def finish(self) -> None:
        """Leave the distribution (the next job of a one-device worker trains plainly)."""
        keras.distribution.set_distribution(None)

    def shutdown(self) -> None:
        """Leave JAX's distributed runtime (waits for every process: process 0 saves first)."""
        if self.multi_process:
            import jax

            jax.distributed.shutdown()


@contextlib.contextmanager
def without_distribution() -> Iterator[None]:
    current = keras.distribution.distribution()
    keras.distribution.set_distribution(None)
    try:
        yield
    finally:
        keras.distribution.set_distribution(current)


class LeadOnly(keras.callbacks.Callback):
    """Runs a file-writing callback (CSVLogger, ModelCheckpoint...) without the distribution."""

    def __init__(self, inner: keras.callbacks.Callback) -> None:
        super().__init__()
        self.inner = inner

    def set_model(self, model: Any) -> None:
        super().set_model(model)
        self.inner.set_model(model)

    def set_params(self, params: Any) -> None:
        super().set_params(params)
        self.inner.set_params(params)


def _delegate(name: str) -> Any:
    def hook(self: LeadOnly, *args: Any, **kwargs: Any) -> Any:
        with without_distribution():
            return getattr(self.inner, name)(*args, **kwargs)

    hook.__name__ = name
    return hook


for _hook in (
    "on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end",
    "on_train_batch_begin", "on_train_batch_end", "on_test_begin", "on_test_end",
    "on_test_batch_begin", "on_test_batch_end",
):  # fmt: skip
    setattr(LeadOnly, _hook, _delegate(_hook))


class ControlSync(keras.callbacks.Callback):
    """Process 0's decisions (stop, pause, NaN) reach every process at the same batch.

    At batch 0 of each epoch, and then every few batches (process 0 picks how many, so that a
    decision takes about SYNC_SECONDS), process 0 broadcasts `[stop, pause, nan, interval]`.
    A pause is a loop of such broadcasts until process 0 resumes: nobody waits for long inside
    one collective.

    Args:
        run: this process's part of the run.
        writer: where process 0 reports pauses.
        job_id: echoed in events.
        stop: set when the client asks process 0 to stop.
        running: cleared while the client holds the run paused.

    Attributes:
        nan_seen: a function telling whether the loss became NaN in this process (the stream
            callback sees the losses; process 0 asks it before each decision).
        agreed_stop: set in every process at the batch where the run stops.
        nan: whether the run stopped for a NaN loss.
    """

    async_safe = True

    def __init__(
        self,
        run: DataParallelRun,
        writer: EventWriter,
        job_id: str,
        stop: threading.Event,
        running: threading.Event,
    ) -> None:
        super().__init__()
        self._run, self._writer, self._job_id = run, writer, job_id
        self._stop, self._running = stop, running
        self.nan_seen: Any = lambda: False
        self.agreed_stop = threading.Event()  # what StreamCallback applies
        self.nan = False
        self._next = 0
        self._since = (time.monotonic(), 0)
        self._epoch = 0

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._epoch, self._next = epoch, 0

    def on_train_batch_begin(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        if batch < self._next:
            return
        stop, pause, nan, interval = self._exchange(batch, pause_allowed=True)
        if pause:
            self._hold(batch)
            stop, _pause, nan, interval = self._exchange(batch, pause_allowed=False)
        if nan:
            self.nan = True
        if stop or nan:
            self.agreed_stop.set()
            self.model.stop_training = True
        self._next = batch + max(int(interval), 1)

    def _exchange(self, batch: int, pause_allowed: bool) -> list[int]:
        from jax.experimental import multihost_utils

        decision = np.zeros(4, np.int32)
        if self._run.lead:
            decision[:] = [
                self._stop.is_set(),
                pause_allowed and not self._running.is_set() and not self._stop.is_set(),
                bool(self.nan_seen()),
                self._interval(batch),
            ]
        return [int(v) for v in np.asarray(multihost_utils.broadcast_one_to_all(decision))]

    def _interval(self, batch: int) -> int:
        """How many batches take about SYNC_SECONDS, from the pace since the last decision."""
        now = time.monotonic()
        then, then_batch = self._since
        self._since = (now, batch)
        done = batch - then_batch
        if done <= 0 or now <= then:
            return 1
        return int(min(max(SYNC_SECONDS * done / (now - then), 1), 10_000))

    def _hold(self, batch: int) -> None:
        where = {"job_id": self._job_id, "epoch": self._epoch, "batch": batch}
        if self._run.lead:
            self._writer.emit(events.PAUSED, **where)
        while True:
            if self._run.lead:
                self._running.wait(PAUSE_POLL_SECONDS)
            still = self._exchange(batch, pause_allowed=True)[1]
            if not still:
                break
        if self._run.lead:
            self._writer.emit(events.RESUMED, **where)
        self._since = (time.monotonic(), batch)
