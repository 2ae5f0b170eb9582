"""`python main.py inspect IN --data SOURCE --sample K [--weights FILE] -o DIR`.

Runs one sample through every node of the model in the training worker (the `activations` job,
as the window runs it) and writes, into DIR:

- `activations.npz`: key `layer:call` (nested calls `outer:call/inner:call`), the raw output
  array of that node for the sample, batch axis included;
- one PNG per node, named after its key (`conv2d.0.png`, `vision.1__conv2d.0.png`): the feature
  maps, sequence or vector in the diverging colours of the thumbnails, with a caption;
- `summary.json`: per node its shape, min, max, mean, fraction of zeros (and its PNG), the
  sample and what the model predicts for it; `weights.npz`: every weight.

Teachers make handouts with it; tests use it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from engine.errors import KerasCanvasError
from engine.training.backends import DEFAULT_BACKEND
from engine.training.data import SOURCES

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2
PNG_SIDE = 320  # about how many pixels a node's picture spans
CAPTION_LINE = 17
FONT_SIZE = 13


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("input", metavar="IN", help="the model file (.json, .yaml, .kcanvas, ...)")
    parser.add_argument(
        "--data",
        default="dummy",
        metavar="SOURCE",
        help=f"as for train: one of {', '.join(SOURCES[:-1])}, a data file, or a Fashion-MNIST "
        "folder (default: dummy)",
    )
    parser.add_argument("--sample", type=int, default=0, metavar="K", help="row of the data")
    parser.add_argument(
        "--image",
        action="append",
        default=[],
        metavar="[INPUT=]FILE",
        help="an image file for an input instead of the data row (resized to the input)",
    )
    parser.add_argument("--weights", metavar="FILE", help="a .weights.h5 file to load first")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    parser.add_argument(
        "--backend", default=DEFAULT_BACKEND, help=f"Keras backend (default: {DEFAULT_BACKEND})"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of untrained weights and data")


def run(args: argparse.Namespace) -> int:
    """Inspect; 0 on success, 1 if the job fails, 2 if the model file cannot be read."""
    from engine.cli.train import data_spec, read_model
    from engine.training.client import TrainingClient, error_from_event
    from engine.training.job import make_job

    try:
        config = read_model(Path(args.input))
    except (OSError, ValueError, KerasCanvasError) as exc:
        print(f"error: cannot read {args.input}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    output = Path(args.output).expanduser()
    try:
        job = make_job(
            config,
            kind="activations",
            data=data_spec(args.data),
            look={"sample": {"index": args.sample, "inputs": _images(args.image, config)}},
            load_weights=str(Path(args.weights).expanduser()) if args.weights else None,
            backend=args.backend,
            seed=args.seed,
            output_dir=str(output),
        )
        with TrainingClient() as client:
            client.submit(job)
            events = list(client.events())
    except KerasCanvasError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    looked = [e for e in events if e.get("event") == "activations"]
    if events[-1].get("event") != "finished" or not looked:
        print(f"error: {error_from_event(events[-1])}", file=sys.stderr)
        return EXIT_FAILED
    count = write_pictures(looked[-1], output)
    print(f"Wrote {count} pictures, activations.npz and summary.json to {output}")
    return EXIT_OK


def _images(given: list[str], config: dict[str, Any]) -> dict[str, Any]:
    """`--image [INPUT=]FILE` options as the sample's inputs (the only input by default)."""
    inputs: dict[str, Any] = {}
    for item in given:
        name, sep, path = item.partition("=")
        if not sep:
            name, path = _only_input(config), item
        inputs[name] = {"image": str(Path(path).expanduser())}
    return inputs


def _only_input(config: dict[str, Any]) -> str:
    from engine.training.errors import JobError

    inner = config.get("config") or {}
    entries = inner.get("input_layers") or []
    if entries and isinstance(entries[0], str):
        entries = [entries]
    names = [entry[0] for entry in entries]
    if config.get("class_name") == "Sequential":
        layers = inner.get("layers") or []
        names = [layers[0]["config"]["name"]] if layers else []
    if len(names) != 1:
        raise JobError(f"--image needs INPUT=FILE for a model with inputs {names}.")
    return names[0]


def write_pictures(event: dict[str, Any], folder: Path) -> int:
    """One PNG per node of an `activations` event, and its name in summary.json."""
    from engine.training.look import render
    from engine.training.look.keys import file_stem, parse_key
    from engine.training.look.results import SUMMARY_FILE, read_npz

    arrays = read_npz(event["path"])
    nodes = event["nodes"]
    class_names = (event.get("sample") or {}).get("class_names")
    for key, array in arrays.items():
        info = nodes[key]
        is_input = info.get("class_name") == "InputLayer"
        sample = array[0] if array.ndim else array
        if render.is_probabilities(sample):
            image = _probability_bars(sample, class_names)
        else:
            small = render.picture(sample, is_image=is_input).rgb
            zoom = max(1, PNG_SIDE // max(small.shape[:2]))
            image = render.picture(sample, is_image=is_input, zoom=zoom).rgb
        name = f"{file_stem(key)}.png"
        path, _ = parse_key(key)
        _save_png(image, _caption(key, info), folder / name)
        info["png"] = name
        info["layer"], info["call"] = path[-1]
    summary_path = folder / SUMMARY_FILE
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    summary["nodes"] = nodes
    summary_path.write_text(json.dumps(summary, indent=1))
    return len(arrays)


def _caption(key: str, info: dict[str, Any]) -> list[str]:
    def number(value: Any) -> str:
        return "n/a" if value is None else f"{value:.4g}"

    shape = "(" + ", ".join(str(d) for d in info["shape"][1:]) + ")"
    return [
        f"{key}  {info.get('class_name', '')}  {shape}",
        f"min {number(info['min'])}  max {number(info['max'])}  mean {number(info['mean'])}  "
        f"zeros {100 * info['zeros']:.0f}%",
    ]


def _probability_bars(values: Any, class_names: list[str] | None) -> Any:
    """Horizontal bars, one per class, as an RGB array (labels drawn with the caption font)."""
    import numpy as np
    from PIL import Image, ImageDraw

    values = np.asarray(values).reshape(-1)[:20]
    names = class_names if class_names and len(class_names) >= values.size else None
    width, row = 360, 20
    image = Image.new("RGB", (width, row * values.size + 8), "white")
    draw = ImageDraw.Draw(image)
    font = _font()
    best = int(np.argmax(values))
    for i, value in enumerate(values):
        y = 4 + i * row
        label = names[i] if names else str(i)
        draw.text((6, y + 2), label[:14], fill=(31, 41, 55), font=font)
        bar = int((width - 170) * float(value))
        colour = (178, 24, 43) if i == best else (103, 169, 207)
        draw.rectangle([110, y + 3, 110 + max(bar, 1), y + row - 3], fill=colour)
        draw.text((116 + bar, y + 2), f"{100 * float(value):.1f}%", fill=(31, 41, 55), font=font)
    return np.asarray(image)


def _font() -> Any:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=FONT_SIZE)
    except (TypeError, OSError):  # Pillow without FreeType: its small bitmap font
        return ImageFont.load_default()


def _save_png(rgb: Any, caption: list[str], path: Path) -> None:
    import numpy as np
    from PIL import Image, ImageDraw

    picture = Image.fromarray(np.ascontiguousarray(rgb))
    width = max(picture.width, 360)
    height = picture.height + CAPTION_LINE * len(caption) + 12
    sheet = Image.new("RGB", (width, height), "white")
    sheet.paste(picture, ((width - picture.width) // 2, 0))
    draw = ImageDraw.Draw(sheet)
    font = _font()
    for i, line in enumerate(caption):
        draw.text((6, picture.height + 6 + i * CAPTION_LINE), line, fill=(31, 41, 55), font=font)
    sheet.save(path)
