"""`main.py explain IN [--layer NAME] [--json]`: every layer explained, for handouts and tools.

The text is the Explain panel's: what the layer does, its shape rule with the model's numbers,
its parameters as a sum over its weights. `--json` writes, per layer, its weights and counts and
its shape rule (a list for all layers, one object for `--layer`).
"""

from __future__ import annotations

import json
import os
import sys

from engine.cli.common import InputError, add_input_arguments, fail, open_document
from engine.errors import NotFoundError


def add_arguments(parser) -> None:
    add_input_arguments(parser)
    parser.add_argument(
        "--layer",
        metavar="NAME",
        help="explain only this layer (all its calls); NAME/INNER for a layer of a nested model",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="JSON: per layer name, class_name, weights (name, shape, count, trainable), total, "
        "trainable, non_trainable and shape_rule",
    )


def run(args) -> int:
    from engine.explain import as_json, explain_layer, explain_model, find_layer
    from engine.explain.text import layer_text

    try:
        document = open_document(args)
    except InputError as exc:
        return fail(str(exc), 2)
    engine = document.shapes
    if args.layer:
        try:
            graph, layer, path = find_layer(document.graph, args.layer)
        except NotFoundError as exc:
            return fail(str(exc), 1)
        groups = [explain_layer(engine, graph, layer, path)]
        if not groups[0]:
            return fail(f"Layer '{args.layer}' is never called: there is nothing to explain.", 1)
    else:
        groups = explain_model(engine, document.graph)
    if args.json:
        records = [as_json(calls) for calls in groups]
        text = json.dumps(records[0] if args.layer else records, indent=2)
    else:
        text = "\n\n".join(layer_text(calls) for calls in groups)
    try:
        print(text)
    except BrokenPipeError:  # `explain ... | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
