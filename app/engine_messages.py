"""The templates of the engine's messages that the app translates (see `app.engine_text`).

Each template is the engine's English with its values as {placeholders}, marked with
QT_TRANSLATE_NOOP so that pyside6-lupdate puts it in the `.ts`; its translation must keep the
same placeholders (a test checks). `PHRASES` are the pieces that messages put in their values
("its input", "at least"): a value equal to one is translated too.
"""

from __future__ import annotations

CONTEXT = "EngineMessages"

MESSAGES: tuple[str, ...] = ()

PHRASES: frozenset[str] = frozenset()
