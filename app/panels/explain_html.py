"""The Explain panel's page: an engine `Explanation` laid out as rich text for a QTextBrowser.

Headings and fixed words go through Qt's translator; the explanation's own sentences come
from the engine in English. Formulas and shapes are set in the monospace font, in aligned
columns, so a class can read them from the back of the room.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication

from app.counted import counted
from app.engine_text import engine_text
from app.panels.explain_notes import translated_meaning, translated_note
from app.style import ACCENT_COLOR, ERROR_COLOR, MUTED_COLOR, monospace_font
from engine.explain import Explanation, ParamBreakdown, ShapeRule
from engine.explain.formula import number, shape_text


def _mono() -> str:
    return f"font-family: '{monospace_font().family()}', monospace;"


def _text(value: str) -> str:
    """Escape engine text; Keras's `code` spans in the monospace font."""
    escaped = html.escape(value)
    return re.sub(r"`([^`]+)`", rf"<span style=\"{_mono()}\">\1</span>", escaped)


def _heading(text: str) -> str:
    return (
        f'<h3 style="margin-top: 4px; margin-bottom: 4px; color: {ACCENT_COLOR};">'
        f"{html.escape(text)}</h3>"
    )


def explanation_html(explanation: Explanation, columns: bool = False) -> str:
    """The page for one call: what it does, shape, parameters (the title is `title_html`).

    Args:
        columns: side by side (a wide, short panel) instead of one below the other.
    """
    sections = [
        _heading(QCoreApplication.translate("ExplainPanel", "What it does"))
        + _about_section(explanation),
        _heading(QCoreApplication.translate("ExplainPanel", "Shape")) + _shape_section(explanation),
        _heading(_params_heading(explanation.params)) + _params_section(explanation.params),
    ]
    if not columns:
        return "\n".join(sections)
    cells = "".join(
        f'<td width="{width}%" valign="top" style="padding-right: 18px;">{section}</td>'
        for width, section in zip((36, 34, 30), sections, strict=True)
    )
    return f'<table width="100%" cellspacing="0"><tr>{cells}</tr></table>'


def _about_section(explanation: Explanation) -> str:
    parts = []
    if explanation.note:
        note = translated_note(explanation.note_key, explanation.note)
        parts.append(f"<p>{_text(note)}</p>")
    if explanation.keras_doc:
        label = QCoreApplication.translate("ExplainPanel", "Keras's documentation:")
        parts.append(
            f'<p style="color: {MUTED_COLOR};"><i>{html.escape(label)}</i> '
            f"{_text(explanation.keras_doc)}</p>"
        )
    if not parts:
        none = QCoreApplication.translate(
            "ExplainPanel", "Keras gives no description of this layer."
        )
        parts.append(f"<p>{html.escape(none)}</p>")
    return "\n".join(parts)


def title_html(explanation: Explanation) -> str:
    """`conv2d Conv2D`, the enclosing models before it, and which call of a shared layer."""
    where = "".join(f"{html.escape(name)} › " for name in explanation.model_path)
    title = (
        f"<b>{where}{html.escape(explanation.layer_name)}</b> "
        f'<span style="color: {MUTED_COLOR};">{html.escape(explanation.class_name)}</span>'
    )
    if explanation.calls > 1:
        call = QCoreApplication.translate(
            "ExplainPanel", "call {0} of {1}: one layer, called {1} times with the same weights"
        ).format(explanation.call_index + 1, explanation.calls)
        title += (
            f' <span style="color: {MUTED_COLOR}; font-size: small;">· {html.escape(call)}</span>'
        )
    return title


def _shape_section(explanation: Explanation) -> str:
    shapes = _shapes_table(explanation)
    if explanation.error is not None:
        refused = QCoreApplication.translate("ExplainPanel", "Keras rejects this call:")
        return (
            shapes + f'<p style="color: {ERROR_COLOR};"><b>{html.escape(refused)}</b> '
            f"{_text(engine_text(explanation.error))}</p>"
        )
    rule = explanation.shape_rule
    if rule is None:
        return shapes
    return shapes + f"<p>{_text(engine_text(rule.summary))}</p>" + _formula_table(rule)


def _shapes_table(explanation: Explanation) -> str:
    """`in (None, 100, 100, 3)` over `out (None, 98, 98, 32)`: each shape on one line."""
    rows = _numbered(
        QCoreApplication.translate("ExplainPanel", "in"), explanation.inputs
    ) + _numbered(QCoreApplication.translate("ExplainPanel", "out"), explanation.outputs)
    cells = "".join(
        f'<tr><td style="color: {MUTED_COLOR};">{html.escape(label)}</td>'
        f"<td><b>{_unbroken(shape_text(shape))}</b></td></tr>"
        for label, shape in rows
    )
    return f'<table cellspacing="0" cellpadding="1" style="{_mono()}">{cells}</table>'


def _numbered(label: str, shapes: list) -> list[tuple[str, tuple]]:
    """`in` for one tensor; `in 1`, `in 2`... for several (in the call's argument order)."""
    if len(shapes) == 1:
        return [(label, shapes[0])]
    return [(f"{label} {i}", shape) for i, shape in enumerate(shapes, 1)]


def _unbroken(text: str) -> str:
    """Escaped, with no line break inside: a formula split over two lines cannot be read."""
    return f'<p style="white-space: pre; margin: 0;">{html.escape(text)}</p>'


def _formula_table(rule: ShapeRule) -> str:
    if not rule.formulas:
        return ""
    rows = []
    for formula in rule.formulas:
        if formula.value is None:
            working, result = (
                "",
                QCoreApplication.translate("ExplainPanel", "None (any size) stays None"),
            )
        elif not formula.expression or formula.expression == number(formula.value):
            working, result = "", number(formula.value)
        else:
            working, result = f"{formula.expression} =", number(formula.value)
        note_text = html.escape(engine_text(formula.note)) if formula.note else ""
        note = f' <span style="color: {MUTED_COLOR};">({note_text})</span>' if note_text else ""
        value = f"<b>{html.escape(result)}</b>{note}"
        if working:
            cells = f'<td align="right">{_unbroken(working)}</td><td>{value}</td>'
        else:  # a value taken over: it reads on from the name, with its note
            cells = f'<td colspan="2">{value}</td>'
        what = engine_text(formula.what)  # "height", "channels"
        rows.append(f"<tr><td>{_unbroken(what + ':')}</td>{cells}</tr>")
    return (
        f'<table cellspacing="0" cellpadding="3" style="{_mono()} margin-left: 8px;">'
        + "".join(rows)
        + "</table>"
    )


def _params_heading(params: ParamBreakdown) -> str:
    if params.calls > 1:
        return QCoreApplication.translate(
            "ExplainPanel", "Parameters · counted once for {0} calls"
        ).format(params.calls)
    return QCoreApplication.translate("ExplainPanel", "Parameters")


def _params_section(params: ParamBreakdown) -> str:
    if params.unknown is not None:
        unknown = QCoreApplication.translate("ExplainPanel", "Not known yet:")
        return f"<p><b>{html.escape(unknown)}</b> {_text(engine_text(params.unknown))}</p>"
    split = engine_text(params.split_text())
    parts = [f'<p style="font-size: large;"><b>{html.escape(split)}</b></p>']
    if params.weights:
        parts.append(_addition(params))
    if params.sharing_text():
        parts.append(f"<p>{_text(engine_text(params.sharing_text()))}</p>")
    if params.non_trainable:
        why = QCoreApplication.translate(
            "ExplainPanel",
            "Non-trainable weights are not changed by gradients: Keras updates them another "
            "way (BatchNormalization averages the batches it sees), or the layer is frozen.",
        )
        parts.append(f'<p style="color: {MUTED_COLOR};">{html.escape(why)}</p>')
    return "\n".join(parts)


def _addition(params: ParamBreakdown) -> str:
    """The sum over the weights, written as on a board: one weight per line, the total below.

    A nested model adds up its layers instead of their many weights.
    """
    if params.parts:
        terms = [(name, "", part.total, part.non_trainable == part.total, "") for name, part
                 in params.parts]  # fmt: skip
    else:
        terms = [
            (w.name, "×".join(f"{d:,}" for d in w.shape) if len(w.shape) > 1 else "",
             w.count, not w.trainable, w.meaning)
            for w in params.weights
        ]  # fmt: skip
    rows = []
    for i, (name, dims, count, frozen, meaning) in enumerate(terms):
        frozen_word = QCoreApplication.translate("ExplainPanel", "non-trainable")
        flag = f' <span style="color: {MUTED_COLOR};">({frozen_word})</span>'
        rows.append(
            f"<tr><td>{'+' if i else ''}</td><td>{_unbroken(name)}</td>"
            # a space before each column: the table packs its cells tight, and "kernel128×256
            # =32,768" read as one word when no note under the weight widened the columns
            f'<td align="right">{_unbroken(" " + dims + " =" if dims else "")}</td>'
            f'<td align="right">{_unbroken(" " + number(count))}</td>'
            f"<td>{flag if frozen else ''}</td></tr>"
        )
        if meaning:  # what the axes stand for, in small print under the weight
            rows.append(
                f'<tr><td></td><td colspan="4" style="color: {MUTED_COLOR}; '
                f'font-size: small; font-family: sans-serif;">'
                f"{html.escape(translated_meaning(meaning))}</td></tr>"
            )
    rows.append(
        f'<tr><td>=</td><td></td><td></td><td align="right"><b>{number(params.total)}</b></td>'
        "<td></td></tr>"
    )
    return (
        f'<table cellspacing="0" cellpadding="1" style="{_mono()} margin-left: 4px;">'
        + "".join(rows)
        + "</table>"
    )


def how_to_html(model_name: str, layers: int) -> str:
    """The page with nothing selected: what the panel shows and how to get there."""
    heading = QCoreApplication.translate("ExplainPanel", "Explain a layer")
    lines = [
        f'<h3 style="color: {ACCENT_COLOR};">{html.escape(heading)}</h3>',
        "<p>"
        + html.escape(
            QCoreApplication.translate(
                "ExplainPanel", "Click a layer on the canvas to see, with this model's numbers:"
            )
        )
        + "</p><ul>",
        *(
            f"<li>{html.escape(item)}</li>"
            for item in (
                QCoreApplication.translate(
                    "ExplainPanel", "what it computes, in plain words and in Keras's own;"
                ),
                QCoreApplication.translate(
                    "ExplainPanel", "how its output shape follows from its input, axis by axis;"
                ),
                QCoreApplication.translate(
                    "ExplainPanel", "where its parameters come from, weight by weight."
                ),
            )
        ),
        "</ul>",
        f'<p style="color: {MUTED_COLOR};">'
        + html.escape(
            QCoreApplication.translate(
                "ExplainPanel",
                "The explanation follows every edit: change a kernel size or a stride in the "
                "Inspector and watch the formula change.",
            )
        )
        + "</p>",
    ]
    if layers:
        summary = counted().explain_model(model_name, layers)
        lines.insert(0, f'<p style="color: {MUTED_COLOR};">{html.escape(summary)}</p>')
    return "\n".join(lines)


def several_html(count: int) -> str:
    text = counted().explain_several(count)
    return f"<p>{html.escape(text)}</p>"


def page_text(explanation: Explanation) -> str:
    """The page as plain text, for "Copy as text" in a language the engine does not write: one
    line per paragraph and per table row, the cells of a row side by side."""
    page = explanation_html(explanation).replace("\n", " ")  # the markup's own line breaks
    page = re.sub(r"</td>", "  ", page)
    # a paragraph inside a table cell (an unbroken formula) stays on its row
    page = re.sub(r"<td[^>]*>\s*<p[^>]*>(.*?)</p>", r"\1", page)
    page = re.sub(r"</tr>|<br\s*/?>|</p>|</h\d>", "\n", page)
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    title = html.unescape(re.sub(r"<[^>]+>", "", title_html(explanation)))
    return re.sub(r"\n{3,}", "\n\n", "\n".join([title, "", *lines])).strip() + "\n"
