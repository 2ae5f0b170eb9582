"""The Explain panel's texts from the engine, as templates the app translates.

The parameter counts (`engine.explain.weights`) and the shape rules' sentences
(`engine.explain.spatial_rules`, `simple_rules`): templates like those of
`app.engine_messages`, in its context and placed among its `MESSAGES` (before the catch-all
templates that match any message with a colon), split out because they explain rather than
refuse.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

EXPLAIN_MESSAGES: tuple[str, ...] = (
    # ------------------------------------------------- the Explain panel's counts (explain.weights)
    QT_TRANSLATE_NOOP("EngineMessages", "{total}, all trainable"),
    QT_TRANSLATE_NOOP("EngineMessages", "{total}, all non-trainable"),
    QT_TRANSLATE_NOOP("EngineMessages", "{total}: {trainable} trainable, {frozen} non-trainable"),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Shared: the layer is called {count} times and every call uses these same weights, so "
        "they are counted once, not {count} times.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Keras creates a layer's weights on its first call, and cannot make that call yet: {error}",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "layer '{name}': {reason}"),
    # ------------------------------------------------- shape rules of the Explain panel
    # (engine.explain.spatial_rules, simple_rules): the sentence above the formulas
    QT_TRANSLATE_NOOP(
        "EngineMessages", "{rule} A dilated kernel spans dilation × (kernel − 1) + 1 inputs."
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages", "{layer} with a {kernel} kernel, strides {strides}, {padding}."
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "padding='valid' (no padding): the window must fit inside the input, so each axis "
        "shrinks: out = ⌊(in − {window}) / stride⌋ + 1",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "padding='same': zeros around the edges keep the size, only the stride shrinks it: "
        "out = ⌈in / stride⌉",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "padding='causal': zeros before the first step only (no peeking at later steps); as "
        "with 'same', only the stride shrinks the length: out = ⌈in / stride⌉",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} takes the {kind} of each {pool} window, moving {strides} steps at a time "
        "({stride_words}); {padding}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} takes the {kind} of each channel over all positions: one number per channel; "
        "{tail}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Dense works on the last axis: each of its {units} units adds up all {features} input "
        "features, weighted, so the last axis becomes units. The axes in between are kept: the "
        "same Dense is applied at each position.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Dense works on the last axis: each of its {units} units adds up all {features} input "
        "features, weighted, so the last axis becomes units.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} works on each number (or each sample) in place: the output has the input's "
        "shape {shape}.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Each integer of the input is replaced by its row of the table: a vector of output_dim "
        "= {size} numbers, on a new last axis.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "A nested model's output is what its own layers compute, one after the other: {shapes}. "
        "Enter the model to see each layer's rule.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Concatenate joins its {count} inputs side by side along axis {axis}: that axis is the "
        "sum of their sizes; every other axis must match.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} combines its {count} inputs number by number: all have the shape {shape}, and "
        "so does the output.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} reads the {steps} time steps one by one and, with return_sequences=True, "
        "outputs its state after every step: (batch, time steps, units).",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "{layer} reads the {steps} time steps one by one and outputs only its state after the "
        "last step: (batch, units). return_sequences=True would keep every step.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "Reshape keeps the numbers of each sample and gives them new axes; {how}",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "The shape you declared: {shape}. The first axis is the batch: None means any number of "
        "samples.",
    ),
    QT_TRANSLATE_NOOP(
        "EngineMessages",
        "MultiHeadAttention runs {heads} heads of key_dim {key_dim} and projects their joined "
        "results back to the query's width: the output has the query's shape {shape}.",
    ),
    QT_TRANSLATE_NOOP("EngineMessages", "kept: the {kind} of each channel"),
)
