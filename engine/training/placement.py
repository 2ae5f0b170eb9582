"""Where a job trains: this process, several local processes, or the processes of a cluster.

A job's `distribution` field (None: one process, as always) says how many processes train the
model together, data-parallel, under Keras's distribution API on the JAX backend::

    {
        "num_processes": 2,               # processes in the run (each one feeds its own shard)
        "process_id": None,               # this process; None: the local launcher numbers them
        "coordinator": None,              # "host:port" of process 0; None: the launcher picks
                                          #    a free port on 127.0.0.1
        "hosts": None,                    # the host of each process id, for messages
        "cluster": None,                  # "slurm": JAX reads coordinator and ids from SLURM
        "join_timeout": 120,              # seconds for every process to join
        "heartbeat_timeout": 60,          # seconds of silence after which a process is dead
    }

Each process loads the whole data, keeps the samples whose index modulo the process count is
its id, and trains on batches of `batch_size / num_processes`: the global batch is the user's
`batch_size`, the global batch order the one a single process would see. Process 0 streams the
events and saves the files. Nothing here imports Keras or JAX.
"""

from __future__ import annotations

from typing import Any

from engine.training.errors import JobError

DEFAULTS: dict[str, Any] = {
    "num_processes": 1,
    "process_id": None,
    "coordinator": None,
    "hosts": None,
    "cluster": None,
    "join_timeout": 120,
    "heartbeat_timeout": 60,
}
CLUSTERS = (None, "slurm")
DEFAULT_HANG_TIMEOUT = 300  # seconds without an event before a running job counts as hung


def normalize_distribution(spec: Any, job: dict[str, Any]) -> dict[str, Any] | None:
    """Check a job's `distribution` and fill its defaults; None stays None.

    Args:
        spec: the job's `distribution` field.
        job: the job, normalized but for this field (its backend, kind and batch size matter).

    Raises:
        JobError: an unknown key, a bad value, or a job that cannot run data-parallel.
    """
    if spec is None:
        return None
    if not isinstance(spec, dict):
        raise JobError(f"`distribution` must be a dict or None. Received: {spec!r}")
    unknown = set(spec) - set(DEFAULTS)
    if unknown:
        raise JobError(
            f"Unknown `distribution` settings: {sorted(unknown)}. Expected some of {list(DEFAULTS)}"
        )
    out = {**DEFAULTS, **spec}
    count = out["num_processes"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise JobError(f"`distribution.num_processes` must be an integer >= 1. Received: {count!r}")
    for name in ("join_timeout", "heartbeat_timeout"):
        out[name] = _positive(name, out[name])
    if out["cluster"] not in CLUSTERS:
        raise JobError(
            f"`distribution.cluster` must be one of {CLUSTERS}. Received: {out['cluster']!r}"
        )
    if out["process_id"] is not None and (
        isinstance(out["process_id"], bool)
        or not isinstance(out["process_id"], int)
        or not 0 <= out["process_id"] < count
    ):
        raise JobError(
            f"`distribution.process_id` must be an integer in [0, {count}). "
            f"Received: {out['process_id']!r}"
        )
    if out["coordinator"] is not None:
        split_address(out["coordinator"])
    if out["hosts"] is not None and (
        not isinstance(out["hosts"], list) or len(out["hosts"]) != count
    ):
        raise JobError(
            f"`distribution.hosts` must list the host of each of the {count} processes. "
            f"Received: {out['hosts']!r}"
        )
    _check_job(out, job)
    return out


def is_multi_process(spec: dict[str, Any] | None) -> bool:
    """Whether the job's processes must join each other (a cluster, or a local group)."""
    return bool(spec) and (spec["num_processes"] > 1 or spec["cluster"] is not None)


def needs_launcher(spec: dict[str, Any] | None) -> bool:
    """Whether the client starts the local launcher (it numbers the processes itself)."""
    return is_multi_process(spec) and spec["cluster"] is None and spec["process_id"] is None  # type: ignore[index]


def split_address(address: Any) -> tuple[str, int]:
    """`"host:port"` -> (host, port).

    Raises:
        JobError: not a host and a port in 1..65535.
    """
    host, sep, port = str(address).rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise JobError(
            f"The coordinator address must be host:port (port 1-65535). Received: {address!r}"
        )
    return host.strip("[]"), int(port)


def host_of(spec: dict[str, Any], process_id: int) -> str:
    """The host a process runs on, as the user named it ("this machine" when unknown)."""
    hosts = spec.get("hosts")
    return str(hosts[process_id]) if hosts else "this machine"


def shard_indices(num_samples: int, process_id: int, num_processes: int, multiple: int) -> Any:
    """The sample indices of one process: `index % num_processes == process_id`.

    The data is first cut to a multiple of `multiple` (the number of devices of the whole run),
    so that every process has as many samples, and every global batch splits evenly over the
    devices (the last one included).
    """
    import numpy as np

    usable = num_samples - num_samples % multiple
    return np.arange(process_id, usable, num_processes)


def _check_job(spec: dict[str, Any], job: dict[str, Any]) -> None:
    if not is_multi_process(spec):
        return
    if job["backend"] != "jax":
        raise JobError(
            "Training on several processes runs on the JAX backend (Keras's distribution API). "
            f"Received: backend={job['backend']!r}"
        )
    if job["kind"] != "fit":
        raise JobError(
            f"Only a fit trains on several processes; {job['kind']} runs in one. "
            f"Received: kind={job['kind']!r}"
        )
    batch, count = job["fit"]["batch_size"], spec["num_processes"]
    if spec["cluster"] is None and batch % count:
        raise JobError(
            f"The batch size {batch} cannot be split evenly over {count} processes: choose a "
            f"multiple of {count}. Received: batch_size={batch}"
        )


def _positive(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise JobError(f"`distribution.{name}` must be a positive number. Received: {value!r}")
    return value
