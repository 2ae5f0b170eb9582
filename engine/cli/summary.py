"""`main.py summary IN`: print the model summary, as Keras's `model.summary()` shows it."""

from __future__ import annotations

from engine.cli.common import InputError, add_input_arguments, fail, open_document


def add_arguments(parser) -> None:
    add_input_arguments(parser)


def run(args) -> int:
    from engine.model.summary import summarize

    try:
        document = open_document(args)
    except InputError as exc:
        return fail(str(exc), 2)
    print(summarize(document).as_text())
    problems = document.problems()
    for problem in problems:
        print(f"problem: {problem}")
    return 0
