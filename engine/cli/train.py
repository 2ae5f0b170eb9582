"""`python main.py train IN`: train a model headless, with a progress bar on stderr.

The model trains in the worker process (engine.training), exactly as the GUI runs it; this
command only builds the job and shows the event stream, or prints it raw with `--events`.

Data-parallel (JAX backend): `--processes N` trains on N local processes; on a cluster, each host
runs `--coordinator HOST:PORT --num-processes N --process-id I` (what a launch folder's `run.sh`
writes), or `--slurm` under `srun`. `--job FILE` reads the window's settings (a launch folder's
`job.json`); the flags given override them. Process 0 also writes its events to
`--events-file` and/or sends them to a window listening at `--report-to HOST:PORT`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from engine.cli.common import add_model_argument
from engine.errors import KerasCanvasError
from engine.training.backends import DEFAULT_BACKEND
from engine.training.data import SOURCES

BAR_WIDTH = 24
EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument(
        "input", metavar="IN", help="the model file (.json, .yaml, .kcanvas, .py, ...)"
    )
    add_model_argument(parser)
    parser.add_argument(
        "--data",
        default="dummy",
        metavar="SOURCE",
        help=f"one of {', '.join(SOURCES[:-1])}, a data file (.npz, .h5, .csv), or a folder "
        "holding Fashion-MNIST IDX files (default: dummy)",
    )
    parser.add_argument("--epochs", type=int, help="number of epochs (default: 1)")
    parser.add_argument("--batch-size", type=int, help="global batch size (default: 32)")
    parser.add_argument("--validation-split", type=float, help="fraction held out for validation")
    parser.add_argument(
        "--backend",
        help=f"Keras backend (default: {DEFAULT_BACKEND}; jax for several processes)",
    )
    parser.add_argument("--output-dir", help="where weights, .keras and CSV log go")
    parser.add_argument("--seed", type=int, help="random seed (default: 0)")
    parser.add_argument(
        "--events", action="store_true", help="print the worker's JSON-lines events to stdout"
    )
    parser.add_argument("--job", metavar="FILE", help="job settings as JSON (a launch folder's)")
    parser.add_argument(
        "--hang-timeout", type=float, help="seconds without progress before the run is ended"
    )
    group = parser.add_argument_group("several processes (data-parallel, JAX backend)")
    group.add_argument("--processes", type=int, help="train on N local processes")
    group.add_argument("--coordinator", metavar="HOST:PORT", help="process 0's address")
    group.add_argument("--num-processes", type=int, help="processes of the cluster run")
    group.add_argument("--process-id", type=int, help="this process, 0 to N-1")
    group.add_argument("--hosts", help="comma-separated host of each process (for messages)")
    group.add_argument("--slurm", action="store_true", help="one process per SLURM task")
    group.add_argument(
        "--join-timeout", type=float, help="seconds for every process to join (default: 120)"
    )
    group.add_argument("--events-file", help="process 0 appends its events to this file")
    group.add_argument(
        "--report-to", metavar="HOST:PORT", help="process 0 sends its events to a window there"
    )


def run(args: argparse.Namespace) -> int:
    """Train; 0 on success, 1 if the job fails, 2 if the model file cannot be read."""
    from engine.training.client import TrainingClient, error_from_event
    from engine.training.job import make_job

    try:
        config = read_model(Path(args.input), args.model)
    except KerasCanvasError as exc:  # its message names the file
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except (OSError, ValueError) as exc:
        print(f"error: cannot read {args.input}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        job = make_job(config, **job_fields(args))
        with TrainingClient() as client:
            show = print_event if args.events else ProgressBar().show
            relay = _relay(args, job, client)
            client.submit(job)
            last: dict[str, Any] = {}
            try:
                for event in client.events():
                    show(event)
                    if relay is not None:
                        relay.send(event)
                    last = event
            finally:
                if relay is not None:
                    relay.close()
    except (KerasCanvasError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if last.get("event") != "finished":
        return report_error(last, error_from_event(last))
    if not args.events:
        report_finished(last)
    return EXIT_OK


def job_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The job's fields: the `--job` file's settings, overridden by the flags given."""
    fields: dict[str, Any] = {}
    if args.job:
        fields = json.loads(Path(args.job).read_text())
        fields.pop("model", None)  # IN is the model
    fit = dict(fields.get("fit") or {})
    for key in ("epochs", "batch_size", "validation_split"):
        if getattr(args, key) is not None:
            fit[key] = getattr(args, key)
    fields["fit"] = fit
    if args.data != "dummy" or "data" not in fields:
        fields["data"] = data_spec(args.data)
    for key in ("seed", "output_dir", "backend", "hang_timeout"):
        if getattr(args, key) is not None:
            fields[key] = getattr(args, key)
    distribution = distribution_spec(args, fields.get("distribution"))
    fields["distribution"] = distribution
    if distribution and args.backend is None:
        fields["backend"] = "jax"  # Keras's distribution API runs on JAX
    return fields


def distribution_spec(args: argparse.Namespace, saved: dict[str, Any] | None) -> Any:
    """`distribution` from the flags (over a job file's), or None for one process."""
    spec = dict(saved or {})
    if args.processes is not None:
        return {"num_processes": args.processes} if args.processes > 1 else None
    if args.slurm:
        spec.update(cluster="slurm", num_processes=int(os.environ.get("SLURM_NTASKS", "1")))
        spec.update(process_id=int(os.environ.get("SLURM_PROCID", "0")))
        spec.pop("coordinator", None)
    for key in ("coordinator", "num_processes", "process_id", "join_timeout"):
        if getattr(args, key) is not None:
            spec[key] = getattr(args, key)
    if args.hosts:
        spec["hosts"] = [host.strip() for host in args.hosts.split(",")]
    if not spec:
        return None
    if not args.slurm and (spec.get("coordinator") is None) != (spec.get("process_id") is None):
        raise_usage("--coordinator and --process-id go together (one command per host)")
    return spec


def raise_usage(message: str) -> None:
    from engine.training.errors import JobError

    raise JobError(message)


def _relay(args: argparse.Namespace, job: dict[str, Any], client: Any) -> Any:
    """Process 0 of a cluster run relays its events to the window, when asked to."""
    if not (args.events_file or args.report_to):
        return None
    spec = job.get("distribution") or {}
    if spec.get("process_id", 0) not in (0, None):
        return None
    from engine.training.relay import EventRelay

    commands = {"stop": client.stop, "pause": client.pause, "resume": client.resume}

    def on_command(command: dict[str, Any]) -> None:
        action = commands.get(str(command.get("cmd")))
        if action is not None:
            action()

    return EventRelay(args.events_file, args.report_to, on_command)


def read_model(path: Path, model: str | None = None) -> dict[str, Any]:
    """The Keras 3 config in a model file of any format engine.io.files reads."""
    from engine.io.files import read_model_config

    return read_model_config(path, model=model)


def data_spec(value: str) -> dict[str, Any] | str:
    """`--data` as a data spec: a source name, a Fashion-MNIST folder, or a data file."""
    if value not in SOURCES and Path(value).expanduser().is_dir():
        return {"source": "fashion_mnist", "path": value}
    return value


def print_event(event: dict[str, Any]) -> None:
    print(json.dumps(event), flush=True)


def report_error(event: dict[str, Any], error: Exception) -> int:
    print(f"error: {error}", file=sys.stderr)
    if not event.get("user_error") and event.get("traceback"):
        print(event["traceback"].rstrip(), file=sys.stderr)
    return EXIT_FAILED


def report_finished(event: dict[str, Any]) -> None:
    history = event.get("history") or {}
    final = {name: values[-1] for name, values in history.items() if values}
    stopped = " (stopped)" if event.get("stopped") else ""
    print(f"finished{stopped} in {event.get('elapsed', 0):.1f} s: {format_logs(final)}")
    for kind, path in (event.get("files") or {}).items():
        print(f"  {kind}: {path}")


def format_logs(logs: dict[str, Any]) -> str:
    return "  ".join(
        f"{name} {value:.4f}" if isinstance(value, float) else f"{name} {value}"
        for name, value in logs.items()
    )


class ProgressBar:
    """Draws `Epoch 2/5 [=====>      ] 12/30 loss 0.4213 ETA 3s` on stderr."""

    def __init__(self) -> None:
        self._epoch_start = time.monotonic()
        self._epoch = -1

    def show(self, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == "started":
            print(
                f"training on {event.get('data')} with {event.get('backend')}: "
                f"{event.get('samples')} samples, batch size {event.get('batch_size')}",
                file=sys.stderr,
            )
        elif kind == "batch" and event.get("phase") == "train":
            self._batch(event)
        elif kind == "epoch":
            line = f"Epoch {event['epoch'] + 1}/{event.get('epochs')}  {format_logs(event['logs'])}"
            print(f"\r{line}\033[K", file=sys.stderr)
            self._epoch = -1
        elif kind in ("warning", "log"):
            print(f"\r{event.get('message')}\033[K", file=sys.stderr)

    def _batch(self, event: dict[str, Any]) -> None:
        if event["epoch"] != self._epoch:
            self._epoch, self._epoch_start = event["epoch"], time.monotonic()
        done, steps = event["batch"] + 1, event.get("steps") or 0
        filled = int(BAR_WIDTH * done / steps) if steps else 0
        bar = "=" * max(filled - 1, 0) + (">" if filled else "") + " " * (BAR_WIDTH - filled)
        per_step = (time.monotonic() - self._epoch_start) / done
        eta = f"ETA {per_step * (steps - done):.0f}s" if steps else ""
        loss = event.get("logs", {}).get("loss")
        loss_text = f"loss {loss:.4f}" if isinstance(loss, float) else ""
        print(
            f"\rEpoch {event['epoch'] + 1} [{bar}] {done}/{steps} {loss_text} {eta}\033[K",
            end="",
            file=sys.stderr,
            flush=True,
        )
