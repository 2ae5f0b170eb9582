"""The seed's explanation of each of its examples, shown beside the template that builds it.

The seed (`../shared/seed/`, Chinese study notes on the Keras 2 API) explains each example in
Chinese. A template's notes hold the seed's own words and code as it prints them, an English
rendering, and our notes in both languages: where the seed is wrong (the CNN's 49 that Keras
computes as 48), what Keras 3 spells differently, and which data the model trains on.

`notes_for(name)` returns the notes of a template (or None) in the form the project file keeps
them in its editor state (`editor["notes"]`), so they travel with the model:

    {"seed_item": "S10", "title": {"zh": ..., "en": ...},
     "blocks": [{"kind": "seed" | "code" | "correction" | "keras3" | "note" | "data",
                 "zh": ..., "en": ...} or {"kind": "code", "text": ...}],
     "source": {"zh": ..., "en": ...}}

The block texts are plain text (no markup); the app escapes them when it shows them.
"""

from __future__ import annotations

import copy
from typing import Any

from engine.gallery.notes_text import NOTES

SOURCE = {
    "zh": "以上笔记全部整理自 Keras 中文文档：https://keras-cn.readthedocs.io",
    "en": "The seed's notes were all compiled from the Keras Chinese documentation: "
    "https://keras-cn.readthedocs.io",
}

BLOCK_KINDS = ("seed", "code", "correction", "keras3", "note", "data")


def notes_for(name: str) -> dict[str, Any] | None:
    """The notes of template `name` as the project file stores them, or None if it has none."""
    notes = NOTES.get(name)
    if notes is None:
        return None
    return {**copy.deepcopy(notes), "source": dict(SOURCE)}
