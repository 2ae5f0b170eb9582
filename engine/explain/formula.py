"""The pieces of a shape rule: one formula line per output axis, written with the user's numbers.

A `Formula` keeps the arithmetic as text (`⌊(100 − 3) / 1⌋ + 1`) beside the value it gives, so a
reader sees both, and a test can evaluate the text and compare it with the value and with
Keras's own output shape. The symbols are the ones a teacher writes on the board: × for
multiplication, − for subtraction, ⌊ ⌋ and ⌈ ⌉ for rounding down and up, `mod` for remainder.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

Shape = tuple[int | None, ...]

TIMES = " × "
MINUS = " − "


def number(value: int | None) -> str:
    """`73,728`; `None` (any size) stays `None`."""
    return "None" if value is None else f"{value:,}"


def product_text(values: Sequence[int]) -> str:
    """`48 × 48 × 32`."""
    return TIMES.join(number(v) for v in values)


def shape_text(shape: Sequence[int | None]) -> str:
    """`(None, 98, 98, 32)`, as Keras prints shapes (no thousands separators: they would read
    as more axes)."""
    inner = ", ".join(str(d) for d in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


def known_product(values: Sequence[int | None]) -> int | None:
    """The product of the dimensions, or None when one of them is unknown."""
    if any(v is None for v in values):
        return None
    return math.prod(v for v in values if v is not None)


@dataclass(frozen=True)
class Formula:
    """One line of a shape rule: `height: ⌊(100 − 3) / 1⌋ + 1 = 98`.

    Attributes:
        what: the quantity (`height`, `features`, `elements per sample`).
        expression: the arithmetic with the user's numbers; empty when the value is simply
            taken over (a kept axis) and `note` says from where.
        value: the result (None for an axis of unknown size).
        note: a few words on where the numbers come from (`filters`, `kept`).
    """

    what: str
    expression: str
    value: int | None
    note: str = ""

    def __str__(self) -> str:
        if self.value is None:
            text = f"{self.what}: None (any size) stays None"
        elif not self.expression or self.expression == number(self.value):
            text = f"{self.what}: {number(self.value)}"
        else:
            text = f"{self.what}: {self.expression} = {number(self.value)}"
        return f"{text}  ({self.note})" if self.note else text


@dataclass
class ShapeRule:
    """How one call's output shape follows from its inputs, or that it is Keras's own.

    Attributes:
        summary: the rule in words and symbols (`out = ⌊(in − kernel) / stride⌋ + 1 ...`).
        formulas: the rule applied to the user's numbers, one line per computed quantity.
        outputs: the output shapes the rule gives (checked against Keras before it is shown).
        from_keras: no simple rule is shown: the shape is what Keras computes.
    """

    summary: str
    formulas: list[Formula] = field(default_factory=list)
    outputs: list[Shape] = field(default_factory=list)
    from_keras: bool = False

    def lines(self) -> list[str]:
        return [str(formula) for formula in self.formulas]


def keras_own(outputs: Sequence[Shape], reason: str = "") -> ShapeRule:
    """The rule shown for layers without a simple formula: Keras's own shape, never a guess."""
    shapes = ", ".join(shape_text(s) for s in outputs) or "unknown"
    summary = f"The output shape is Keras's own (compute_output_shape): {shapes}."
    if reason:
        summary = f"{reason} {summary}"
    return ShapeRule(summary=summary, outputs=list(outputs), from_keras=True)
