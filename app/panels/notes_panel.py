"""The seed notes panel: the seed's explanation of the example on the canvas, beside it.

A template made from the seed's examples carries the seed's words in its editor state
(`editor_state["notes"]`, see `engine.gallery.notes`): the seed's Chinese, an English rendering,
its code as printed, and where the seed is wrong. The panel shows them for the document being
edited; a document without notes leaves it empty. The notes come from a file, so every text is
escaped and anything not shaped like notes is ignored.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.i18n import CHINESE, current_language
from app.style import set_role

_BOTH, _CHINESE, _ENGLISH = "both", "zh", "en"

_STYLE = """
<style>
h3 { font-size: 11pt; margin: 0 0 4px 0; }
p.en { color: #4b5563; font-style: italic; margin-top: 2px; }
pre { background: #f3f4f6; padding: 6px; font-size: 9pt; white-space: pre-wrap; }
div.seed { border-left: 3px solid #cbd5e1; padding-left: 8px; margin: 8px 0; }
div.correction { background: #fff7ed; border: 1px solid #fdba74; padding: 6px; margin: 8px 0; }
div.keras3, div.note, div.data { background: #f8fafc; border: 1px solid #e5e7eb;
  padding: 6px; margin: 8px 0; }
p.label { font-weight: 600; color: #374151; margin: 0; }
p.source { color: #6b7280; font-size: 9pt; }
</style>
"""


class NotesPanel(QWidget):
    """The notes of the current document, in Chinese, English or both.

    Signals:
        notes_changed(bool): a document was shown; whether it has notes.
    """

    notes_changed = Signal(bool)

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.notes: dict[str, Any] | None = None
        self.language = QComboBox()
        self.language.addItem(self.tr("Both: 中文 + English"), _BOTH)
        self.language.addItem("中文", _CHINESE)
        self.language.addItem("English", _ENGLISH)
        self.language.setToolTip(
            self.tr("The seed is written in Chinese; each part has an English rendering.")
        )
        # a Chinese interface shows the seed's own words; an English one both, side by side
        chinese = current_language() == CHINESE
        self.language.setCurrentIndex(self.language.findData(_CHINESE if chinese else _BOTH))
        self.language.currentIndexChanged.connect(self.refresh)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setOpenLinks(False)  # a file's notes never navigate anywhere
        self.empty = QLabel(
            self.tr(
                "The seed's examples open with the seed's own explanation here: "
                "File → New from template."
            )
        )
        self.empty.setWordWrap(True)
        set_role(self.empty, "muted")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Show")))
        row.addWidget(self.language, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.empty)
        controller.document_replaced.connect(self.load)
        self.load()

    def load(self) -> None:
        """Show the notes of the controller's document (or say where notes come from)."""
        self.notes = _valid_notes(self._controller.document.editor_state.get("notes"))
        self.refresh()
        self.notes_changed.emit(self.notes is not None)

    def refresh(self) -> None:
        has_notes = self.notes is not None
        self.text.setVisible(has_notes)
        self.empty.setVisible(not has_notes)
        self.language.setEnabled(has_notes)
        language = self.language.currentData()
        self.text.setHtml(render_notes(self.notes, language) if self.notes is not None else "")

    def plain_text(self) -> str:
        return self.text.toPlainText()


def render_notes(notes: dict[str, Any], language: str = _BOTH) -> str:
    """The notes as HTML; every text from the file is escaped."""
    show_zh, show_en = language in (_BOTH, _CHINESE), language in (_BOTH, _ENGLISH)
    title = notes.get("title", {})
    item = notes.get("seed_item")
    parts = [_STYLE, "<h3>"]
    if item:
        parts.append(f"{_e(item)} · ")
    parts.append(" · ".join(_e(title[k]) for k in ("zh", "en") if _shown(k, show_zh, show_en)))
    parts.append("</h3>")
    blocks = notes["blocks"]
    for previous, block in zip([None, *blocks], blocks, strict=False):
        kind = block["kind"]
        if kind == "code":
            parts.append(f"<pre>{_e(block['text'])}</pre>")
            continue
        parts.append(f'<div class="{_e(kind)}">')
        label = _LABELS.get(kind)
        if label and (previous is None or previous["kind"] != kind):  # one heading per run
            parts.append(f'<p class="label">{_e(_label_text(label, show_zh, show_en))}</p>')
        if show_zh:
            parts.append(f"<p>{_e(block['zh'])}</p>")
        if show_en:
            parts.append(f'<p class="{"en" if show_zh else ""}">{_e(block["en"])}</p>')
        parts.append("</div>")
    source = notes.get("source") or {}
    for key in ("zh", "en"):
        if _shown(key, show_zh, show_en) and isinstance(source.get(key), str):
            parts.append(f'<p class="source">{_e(source[key])}</p>')
    return "".join(parts)


# label of each block kind, in the seed's language and in English
_LABELS = {
    "seed": None,
    "correction": ("种子在这里错了", "Where the seed is wrong"),
    "keras3": ("Keras 3 的写法", "In Keras 3"),
    "note": ("看一看", "Look closer"),
    "data": ("训练数据", "Data to train it on"),
}


def _label_text(label: tuple[str, str], show_zh: bool, show_en: bool) -> str:
    return " · ".join(text for text, shown in zip(label, (show_zh, show_en), strict=True) if shown)


def _shown(key: str, show_zh: bool, show_en: bool) -> bool:
    return show_zh if key == "zh" else show_en


def _e(text: Any) -> str:
    return html.escape(str(text))


def _valid_notes(notes: Any) -> dict[str, Any] | None:
    """`notes` if it has the notes' shape (from a file: anything may be there), else None."""
    if not isinstance(notes, dict) or not isinstance(notes.get("blocks"), list):
        return None
    title = notes.get("title")
    if not isinstance(title, dict) or not all(isinstance(title.get(k), str) for k in ("zh", "en")):
        return None
    for block in notes["blocks"]:
        if not isinstance(block, dict) or not isinstance(block.get("kind"), str):
            return None
        keys = ("text",) if block["kind"] == "code" else ("zh", "en")
        if not all(isinstance(block.get(key), str) for key in keys):
            return None
    return notes
