"""The Explain panel's teaching notes in the interface's language.

The engine writes each note in English (`engine.explain.notes`) and says which one it is
(`Explanation.note_key`). Here every note has a key of its own in the catalogue, `note:Dense`,
whose translation is the whole note: a paragraph is translated as a paragraph, not stitched from
pieces. A language without the note's translation shows the engine's English note.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "ExplainNotes"

# one entry per note of engine.explain.notes (a test checks both lists agree)
NOTE_KEYS: dict[str, str] = {
    "Dense": QT_TRANSLATE_NOOP("ExplainNotes", "note:Dense"),
    "Flatten": QT_TRANSLATE_NOOP("ExplainNotes", "note:Flatten"),
    "Reshape": QT_TRANSLATE_NOOP("ExplainNotes", "note:Reshape"),
    "Permute": QT_TRANSLATE_NOOP("ExplainNotes", "note:Permute"),
    "Dropout": QT_TRANSLATE_NOOP("ExplainNotes", "note:Dropout"),
    "BatchNormalization": QT_TRANSLATE_NOOP("ExplainNotes", "note:BatchNormalization"),
    "LayerNormalization": QT_TRANSLATE_NOOP("ExplainNotes", "note:LayerNormalization"),
    "Embedding": QT_TRANSLATE_NOOP("ExplainNotes", "note:Embedding"),
    "SimpleRNN": QT_TRANSLATE_NOOP("ExplainNotes", "note:SimpleRNN"),
    "LSTM": QT_TRANSLATE_NOOP("ExplainNotes", "note:LSTM"),
    "GRU": QT_TRANSLATE_NOOP("ExplainNotes", "note:GRU"),
    "Bidirectional": QT_TRANSLATE_NOOP("ExplainNotes", "note:Bidirectional"),
    "TimeDistributed": QT_TRANSLATE_NOOP("ExplainNotes", "note:TimeDistributed"),
    "Concatenate": QT_TRANSLATE_NOOP("ExplainNotes", "note:Concatenate"),
    "Add": QT_TRANSLATE_NOOP("ExplainNotes", "note:Add"),
    "Multiply": QT_TRANSLATE_NOOP("ExplainNotes", "note:Multiply"),
    "Average": QT_TRANSLATE_NOOP("ExplainNotes", "note:Average"),
    "Activation": QT_TRANSLATE_NOOP("ExplainNotes", "note:Activation"),
    "ReLU": QT_TRANSLATE_NOOP("ExplainNotes", "note:ReLU"),
    "Softmax": QT_TRANSLATE_NOOP("ExplainNotes", "note:Softmax"),
    "Attention": QT_TRANSLATE_NOOP("ExplainNotes", "note:Attention"),
    "MultiHeadAttention": QT_TRANSLATE_NOOP("ExplainNotes", "note:MultiHeadAttention"),
    "UpSampling": QT_TRANSLATE_NOOP("ExplainNotes", "note:UpSampling"),
    "ZeroPadding": QT_TRANSLATE_NOOP("ExplainNotes", "note:ZeroPadding"),
    "Cropping": QT_TRANSLATE_NOOP("ExplainNotes", "note:Cropping"),
    "InputLayer": QT_TRANSLATE_NOOP("ExplainNotes", "note:InputLayer"),
    "Model": QT_TRANSLATE_NOOP("ExplainNotes", "note:Model"),
    "Conv1D": QT_TRANSLATE_NOOP("ExplainNotes", "note:Conv1D"),
    "Conv2D": QT_TRANSLATE_NOOP("ExplainNotes", "note:Conv2D"),
    "Conv3D": QT_TRANSLATE_NOOP("ExplainNotes", "note:Conv3D"),
    "Conv1DTranspose": QT_TRANSLATE_NOOP("ExplainNotes", "note:Conv1DTranspose"),
    "Conv2DTranspose": QT_TRANSLATE_NOOP("ExplainNotes", "note:Conv2DTranspose"),
    "Conv3DTranspose": QT_TRANSLATE_NOOP("ExplainNotes", "note:Conv3DTranspose"),
    "MaxPooling": QT_TRANSLATE_NOOP("ExplainNotes", "note:MaxPooling"),
    "AveragePooling": QT_TRANSLATE_NOOP("ExplainNotes", "note:AveragePooling"),
    "GlobalMax": QT_TRANSLATE_NOOP("ExplainNotes", "note:GlobalMax"),
    "GlobalAverage": QT_TRANSLATE_NOOP("ExplainNotes", "note:GlobalAverage"),
}


def translated_note(key: str, english: str) -> str:
    """The note `key` in the interface's language; `english` (the engine's) without one."""
    source = NOTE_KEYS.get(key)
    if source is None:
        return english
    translated = QCoreApplication.translate(CONTEXT, source)
    return english if translated == source else translated


# the words under a weight (`engine.explain.meanings`): what each of its axes counts
AXIS_WORDS: frozenset[str] = frozenset(
    (
        QT_TRANSLATE_NOOP("ExplainWords", "input features"),
        QT_TRANSLATE_NOOP("ExplainWords", "units"),
        QT_TRANSLATE_NOOP("ExplainWords", "units, one each"),
        QT_TRANSLATE_NOOP("ExplainWords", "input channels"),
        QT_TRANSLATE_NOOP("ExplainWords", "window"),
        QT_TRANSLATE_NOOP("ExplainWords", "filters"),
        QT_TRANSLATE_NOOP("ExplainWords", "filters, one each"),
        QT_TRANSLATE_NOOP("ExplainWords", "depthwise outputs"),
        QT_TRANSLATE_NOOP("ExplainWords", "output channels, one each"),
        QT_TRANSLATE_NOOP("ExplainWords", "parts"),
        QT_TRANSLATE_NOOP("ExplainWords", "units of the previous state"),
        QT_TRANSLATE_NOOP("ExplainWords", "biases (input, recurrent)"),
        QT_TRANSLATE_NOOP("ExplainWords", "rows (input_dim)"),
        QT_TRANSLATE_NOOP("ExplainWords", "numbers per row (output_dim)"),
        QT_TRANSLATE_NOOP("ExplainWords", "channels, one each"),
        QT_TRANSLATE_NOOP("ExplainWords", "features, one each"),
        QT_TRANSLATE_NOOP("ExplainWords", "heads"),
        QT_TRANSLATE_NOOP("ExplainWords", "value_dim"),
        QT_TRANSLATE_NOOP("ExplainWords", "output features"),
        QT_TRANSLATE_NOOP("ExplainWords", "output features, one each"),
    )
)
_FACTOR = re.compile(r"([\d,×]+) (.+)")


def translated_meaning(meaning: str) -> str:
    """`3×3 window × 3 input channels × 32 filters` with each axis's words translated (words
    not listed, such as "input channels per group (groups=2)", stay as they are)."""
    factors = []
    for factor in meaning.split(" × "):
        match = _FACTOR.fullmatch(factor)
        if match is None or match[2] not in AXIS_WORDS:
            factors.append(factor)
            continue
        words = QCoreApplication.translate("ExplainWords", match[2])
        factors.append(f"{match[1]} {words}")
    return " × ".join(factors)
