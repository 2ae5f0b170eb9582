"""Counted phrases ("1 layer", "3 layers"; "1 层", "3 层") for code outside QObject classes.

Qt picks a phrase's plural form from its count (`tr(text, "", n)` with `%n` in the text), but
pyside6-lupdate records the plural forms only of `self.tr(...)` calls, not of
`QCoreApplication.translate(...)`. Module functions that count therefore ask `counted()`, whose
methods hold the literal texts.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QObject


class Counted(QObject):
    """One method per counted phrase; each returns it in the interface's language."""

    def card_kind(self, kind: str, layers: int) -> str:
        """A nested model's card: `Functional · 3 layers`."""
        return self.tr("{0} · %n layer(s)", "", layers).format(kind)

    def run_line(self, name: str, status: str, epochs: int, where: str) -> str:
        """A run in the runs list: `Run 2 — finished, 5 epochs on jax`."""
        return self.tr("{0} — {1}, %n epoch(s) on {2}", "", epochs).format(name, status, where)

    def backend_processes(self, backend: str, processes: int) -> str:
        """Where a run trained, when it took several processes: `jax × 2 processes`."""
        return self.tr("{0} × %n process(es)", "", processes).format(backend)

    def outputs(self, shapes: str, count: int) -> str:
        """A call's outputs in the status bar: `2 outputs: (None, 8), (None, 4)`."""
        return self.tr("%n outputs: {0}", "", count).format(shapes)

    def model_status(self, name: str, layers: int) -> str:
        """The status bar with nothing selected."""
        return self.tr(
            "Model '{0}': %n layer(s). Click a node to inspect it; drag from an output port to "
            "an input port to connect.",
            "",
            layers,
        ).format(name)

    def nodes_selected(self, count: int) -> str:
        """The status bar with several nodes selected."""
        return self.tr(
            "%n nodes selected (Group into model makes them one reusable block).", "", count
        )

    def explain_model(self, name: str, layers: int) -> str:
        """The Explain panel with nothing selected."""
        return self.tr("Model '{0}': %n layer(s).", "", layers).format(name)

    def explain_several(self, count: int) -> str:
        """The Explain panel with several layers selected."""
        return self.tr("%n layers are selected. Select one layer to explain it.", "", count)


@functools.cache
def counted() -> Counted:
    """The phrases (one object: it holds no state)."""
    return Counted()
