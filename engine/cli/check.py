"""`main.py check IN`: list the model's problems; exit 0 valid, 1 problems, 2 unreadable."""

from __future__ import annotations

from engine.cli.common import InputError, add_input_arguments, fail, open_document


def add_arguments(parser) -> None:
    add_input_arguments(parser)


def run(args) -> int:
    try:
        document = open_document(args)
    except InputError as exc:
        return fail(str(exc), 2)
    problems = document.problems()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in '{document.graph.name}'.")
        return 1
    layers = len(document.graph.layers)
    print(f"OK: '{document.graph.name}' is a valid Keras model ({layers} layers).")
    return 0
