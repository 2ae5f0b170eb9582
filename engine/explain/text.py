"""An explanation as plain text, for the terminal and for handouts (`main.py explain`)."""

from __future__ import annotations

import textwrap

from engine.explain.explanation import Explanation
from engine.explain.formula import number
from engine.explain.weights import ParamBreakdown

WIDTH = 88


def _paragraph(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def explanation_text(explanation: Explanation) -> str:
    """Title, what it does, shape (rule and formulas), parameters (weights summed)."""
    title = explanation.title
    lines = [title, "═" * len(title), "", "What it does"]
    if explanation.note:
        lines += _paragraph(explanation.note)
    if explanation.keras_doc:
        if explanation.note:
            lines.append("")
        lines += _paragraph(f"Keras: {explanation.keras_doc}")
    if not explanation.note and not explanation.keras_doc:
        lines += _paragraph("Keras gives no description of this layer.")
    lines += ["", "Shape", f"  {explanation.shapes_text()}"]
    rule = explanation.shape_rule
    if explanation.error is not None:
        lines += _paragraph(f"Keras rejects this call: {explanation.error}")
    elif rule is not None:
        lines += _paragraph(rule.summary)
        lines += [f"    {line}" for line in rule.lines()]
    lines += ["", "Parameters", *params_lines(explanation.params)]
    return "\n".join(lines)


def params_lines(params: ParamBreakdown) -> list[str]:
    if params.unknown is not None:
        return _paragraph(f"Not known yet: {params.unknown}")
    lines = [f"  {params.split_text()}"]
    if params.weights:
        lines += _paragraph(params.sum_text(), "    ")
        if len(params.weights) > 2 or (params.trainable and params.non_trainable):
            lines += weight_table(params)
        if not params.parts:  # a nested model's layers explain their own weights
            lines += [f"      {w.name}: {w.meaning}" for w in params.weights if w.meaning]
    if params.sharing_text():
        lines += _paragraph(params.sharing_text())
    return lines


def weight_table(params: ParamBreakdown) -> list[str]:
    """One aligned row per weight: name, shape, count, trainable or not."""
    rows = [
        (w.name, "×".join(f"{d:,}" for d in w.shape) or "1", number(w.count),
         "trainable" if w.trainable else "non-trainable")
        for w in params.weights
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return [
        f"    {name.ljust(widths[0])}  {shape.ljust(widths[1])}  {count.rjust(widths[2])}  {kind}"
        for name, shape, count, kind in rows
    ]


def layer_text(explanations: list[Explanation]) -> str:
    """All calls of one layer: the first in full, the others' shapes (weights are the same)."""
    if not explanations:
        return ""
    text = explanation_text(explanations[0])
    for other in explanations[1:]:
        lines = ["", f"Call {other.call_index + 1} of {other.calls}", f"  {other.shapes_text()}"]
        if other.error is not None:
            lines += _paragraph(f"Keras rejects this call: {other.error}")
        elif other.shape_rule is not None:
            lines += _paragraph(other.shape_rule.summary)
            lines += [f"    {line}" for line in other.shape_rule.lines()]
        text += "\n" + "\n".join(lines)
    return text
