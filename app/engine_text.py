"""The engine's messages in the interface's language, translated where the app shows them.

The engine speaks English and never imports Qt. Its messages are built from templates with
values in them ("Connecting 'dense' to 'input' would make a cycle: ..."), so the app keeps the
templates of the messages users meet most (`engine_messages.MESSAGES`: file errors, shape
errors, problems, refused edits, training errors), each marked for pyside6-lupdate and
translated in the `.ts` like any other string, with the same {placeholders}. `engine_text`
matches a message against them; a match comes back translated, each value it captured
translated in turn when it is itself a known phrase ("its input" → "它的输入"), names, shapes
and numbers as they were. A message no template matches stays English: never a wrong
translation, at worst an untranslated one.
"""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import QCoreApplication

from app.engine_messages import AND, CONTEXT, MESSAGES, PHRASES, PLACEHOLDER_PATTERNS, SHAPE_LISTS
from app.i18n import ENGLISH, current_language

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_MAX_DEPTH = 3  # a value inside a value inside a message: deep enough for every template


def engine_text(message: str) -> str:
    """`message` (from the engine, in English) in the interface's language."""
    language = current_language()
    if not message or language == ENGLISH:
        return message
    return _translated(message, language)


@functools.lru_cache(maxsize=1024)
def _translated(message: str, language: str) -> str:
    """Cached per language: the panels show the same few messages after every edit."""
    return _translate(message, 0)


def _translate(text: str, depth: int) -> str:
    if text in PHRASES:
        return QCoreApplication.translate(CONTEXT, text)
    if depth >= _MAX_DEPTH:
        return text
    for template, pattern in _patterns():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        translated = QCoreApplication.translate(CONTEXT, template)
        if translated == template:  # English, or a template not translated yet
            return text
        values = {key: _value(key, value, depth) for key, value in match.groupdict().items()}
        return _fill(translated, values)
    return text


def _value(name: str, value: str, depth: int) -> str:
    """A captured value in the interface's language: a known phrase or message translated, a
    list of shapes joined by the language's "and", anything else (names, shapes) as it is."""
    if name in SHAPE_LISTS:
        return value.replace(AND, QCoreApplication.translate(CONTEXT, AND))
    return _translate(value, depth + 1)


def _fill(template: str, values: dict[str, str]) -> str:
    """`template` with its {placeholders} replaced (braces in values stay as they are)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), template)


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    """Each template with the regular expression that recognises its messages."""
    return [(template, _pattern(template)) for template in MESSAGES]


def _pattern(template: str) -> re.Pattern:
    parts, last, seen = [], 0, set()
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        name = match[1]
        # a placeholder used twice must hold the same text both times
        pattern = PLACEHOLDER_PATTERNS.get(name, ".+?")
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{pattern})")
        seen.add(name)
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.S)


def placeholders(template: str) -> set[str]:
    """The names of `template`'s placeholders (a translation must have the same)."""
    return set(_PLACEHOLDER.findall(template))
