"""`python main.py train IN`: train a model headless, with a progress bar on stderr.

The model trains in the worker process (engine.training), exactly as the GUI runs it; this
command only builds the job and shows the event stream, or prints it raw with `--events`.
"""

from __future__ import annotations

import argparse
import json
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
    parser.add_argument("--epochs", type=int, default=1, help="number of epochs (default: 1)")
    parser.add_argument("--batch-size", type=int, default=32, help="batch size (default: 32)")
    parser.add_argument(
        "--validation-split", type=float, default=0.0, help="fraction held out for validation"
    )
    parser.add_argument(
        "--backend", default=DEFAULT_BACKEND, help=f"Keras backend (default: {DEFAULT_BACKEND})"
    )
    parser.add_argument("--output-dir", help="where weights, .keras and CSV log go")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument(
        "--events", action="store_true", help="print the worker's JSON-lines events to stdout"
    )


def run(args: argparse.Namespace) -> int:
    """Train; 0 on success, 1 if the job fails, 2 if the model file cannot be read."""
    from engine.training.client import TrainingClient, error_from_event
    from engine.training.job import make_job

    try:
        config = read_model(Path(args.input), args.model)
    except (OSError, ValueError, KerasCanvasError) as exc:
        print(f"error: cannot read {args.input}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        job = make_job(
            config,
            data=data_spec(args.data),
            fit={
                "epochs": args.epochs,
                "batch_size": args.batch_size,
                "validation_split": args.validation_split,
            },
            backend=args.backend,
            seed=args.seed,
            output_dir=args.output_dir,
        )
        with TrainingClient() as client:
            show = print_event if args.events else ProgressBar().show
            client.submit(job)
            last: dict[str, Any] = {}
            for event in client.events():
                show(event)
                last = event
    except KerasCanvasError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if last.get("event") != "finished":
        return report_error(last, error_from_event(last))
    if not args.events:
        report_finished(last)
    return EXIT_OK


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
