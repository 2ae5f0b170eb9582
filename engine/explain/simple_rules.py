"""Shape rules of the layers that rearrange, merge, embed or read sequences.

Flatten and Reshape count the numbers of one sample; Dense and Embedding replace or add the
last axis; merges sum an axis (Concatenate) or keep a common shape (Add, Multiply...);
recurrent layers keep or drop the time axis; element-wise layers keep the shape. Each rule
returns None where it has nothing simple to say (broadcasting merges, an unknown size where the
arithmetic needs it); the caller then shows Keras's shape instead.
"""

from __future__ import annotations

from typing import Any

from engine.explain.formula import (
    Formula,
    Shape,
    ShapeRule,
    known_product,
    number,
    product_text,
    shape_text,
)

# layers whose output has their input's shape: they work number by number or normalise in place
SAME_SHAPE = (
    "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianDropout",
    "GaussianNoise", "AlphaDropout", "ActivityRegularization",
    "Activation", "ReLU", "LeakyReLU", "PReLU", "ELU", "Softmax",
    "BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization",
    "Rescaling",
)  # fmt: skip
ELEMENT_WISE_MERGES = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")
RECURRENT = {"SimpleRNN": 1, "GRU": 1, "LSTM": 2}  # class -> number of state tensors


def same_shape_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule:
    shape = inputs[0]
    summary = (
        f"{class_name} works on each number (or each sample) in place: the output has the "
        f"input's shape {shape_text(shape)}."
    )
    return ShapeRule(summary, [], [shape])


def flatten_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    shape = inputs[0]
    rest = shape[1:]
    if not rest:
        return None
    if len(rest) == 1:
        formula = Formula("features", "", rest[0], "already flat: unchanged")
    else:
        formula = Formula("features", product_text(rest) if None not in rest else "",
                          known_product(rest))  # fmt: skip
    summary = (
        "Flatten lays each sample's numbers out in one row: features = the product of all "
        "axes but the batch."
    )
    return ShapeRule(summary, [formula], [(shape[0], formula.value)])


def reshape_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    shape = inputs[0]
    target = [int(d) for d in config["target_shape"]]
    elements = known_product(shape[1:])
    if elements is None:
        return None
    formulas = [Formula("elements per sample", product_text(shape[1:]), elements)]
    if -1 in target:
        others = [d for d in target if d != -1]
        known = known_product(others) or 1
        if not others:
            expression = ""
        elif len(others) == 1:
            expression = f"{number(elements)} / {number(others[0])}"
        else:
            expression = f"{number(elements)} / ({product_text(others)})"
        value = elements // known
        formulas.append(Formula("the −1 axis", expression, value, "Keras works it out"))
        target = [value if d == -1 else d for d in target]
        how = "one axis is −1: Keras divides the number of elements by the other axes."
    else:
        formulas.append(Formula("target elements", product_text(target), known_product(target),
                                "the same count, rearranged"))  # fmt: skip
        how = "the target shape holds the same number of elements."
    summary = f"Reshape keeps the numbers of each sample and gives them new axes; {how}"
    return ShapeRule(summary, formulas, [(shape[0], *target)])


def permute_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    shape = inputs[0]
    dims = [int(d) for d in config["dims"]]
    formulas = [
        Formula(f"axis {i}", "", shape[d], f"input axis {d}") for i, d in enumerate(dims, 1)
    ]
    summary = f"Permute reorders the axes after the batch: new axis i is input axis dims[i] {dims}."
    return ShapeRule(summary, formulas, [(shape[0], *(shape[d] for d in dims))])


def repeat_vector_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    shape = inputs[0]
    n = int(config["n"])
    formulas = [Formula("time steps", "", n, "n"), Formula("features", "", shape[1], "kept")]
    summary = f"RepeatVector copies the input vector n = {n} times, along a new time axis."
    return ShapeRule(summary, formulas, [(shape[0], n, shape[1])])


def dense_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    shape = inputs[0]
    units = int(config["units"])
    middle = (
        ""
        if len(shape) <= 2
        else " The axes in between are kept: the same Dense is applied at each position."
    )
    summary = (
        f"Dense works on the last axis: each of its {number(units)} units adds up all "
        f"{number(shape[-1])} input features, weighted, so the last axis becomes units.{middle}"
    )
    formula = Formula("last axis (features)", "", units, "units")
    return ShapeRule(summary, [formula], [(*shape[:-1], units)])


def embedding_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    shape = inputs[0]
    size = int(config["output_dim"])
    summary = (
        f"Each integer of the input is replaced by its row of the table: a vector of "
        f"output_dim = {number(size)} numbers, on a new last axis."
    )
    formula = Formula("new last axis", "", size, "output_dim")
    return ShapeRule(summary, [formula], [(*shape, size)])


def concatenate_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    rank = len(inputs[0])
    axis = int(config.get("axis", -1))
    axis = axis + rank if axis < 0 else axis
    if any(len(s) != rank for s in inputs) or not 0 < axis < rank:
        return None
    for i in range(1, rank):  # every other axis must agree exactly; otherwise Keras decides
        if i != axis and len({s[i] for s in inputs}) != 1:
            return None
    sizes = [s[axis] for s in inputs]
    total = None if None in sizes else sum(s for s in sizes if s is not None)
    expression = "" if total is None else " + ".join(number(s) for s in sizes)
    formula = Formula(f"axis {axis}", expression, total, "the inputs' sizes added")
    summary = (
        f"Concatenate joins its {len(inputs)} inputs side by side along axis {axis}: that axis "
        "is the sum of their sizes; every other axis must match."
    )
    out = list(inputs[0])
    out[axis] = total
    return ShapeRule(summary, [formula], [tuple(out)])


def element_wise_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    if len({tuple(s) for s in inputs}) != 1:
        return None  # broadcasting: Keras's own rule, not ours
    summary = (
        f"{class_name} combines its {len(inputs)} inputs number by number: all have the shape "
        f"{shape_text(inputs[0])}, and so does the output."
    )
    return ShapeRule(summary, [], [inputs[0]])


def recurrent_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    shape = inputs[0]
    if len(shape) != 3:
        return None
    units = int(config["units"])
    formulas, outputs, summary = _sequence_output(class_name, config, shape, units)
    if config.get("return_state"):
        names = ("h (the output state)", "c (the cell state)")[: RECURRENT[class_name]]
        outputs += [(shape[0], units)] * RECURRENT[class_name]
        summary += f" return_state=True adds its final state{'s' * (len(names) > 1)}: " + (
            ", ".join(f"{n} {shape_text((shape[0], units))}" for n in names) + "."
        )
    return ShapeRule(summary, formulas, outputs)


def _sequence_output(class_name: str, config: dict, shape: Shape, units: int):
    formulas = [Formula("features", "", units, "units")]
    if config.get("return_sequences"):
        formulas.insert(0, Formula("time steps", "", shape[1], "kept: return_sequences=True"))
        words = (
            f"{class_name} reads the {number(shape[1])} time steps one by one and, with "
            "return_sequences=True, outputs its state after every step: (batch, time steps, "
            "units)."
        )
        return formulas, [(shape[0], shape[1], units)], words
    words = (
        f"{class_name} reads the {number(shape[1])} time steps one by one and outputs only its "
        "state after the last step: (batch, units). return_sequences=True would keep every step."
    )
    return formulas, [(shape[0], units)], words


def bidirectional_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    forward = config["layer"]
    backward = config.get("backward_layer") or forward  # Keras writes the mirrored copy too
    inner_class = forward.get("class_name")
    shape = inputs[0]
    if inner_class not in RECURRENT or backward.get("class_name") != inner_class:
        return None
    inner_config = forward["config"]
    if inner_config.get("return_state") or len(shape) != 3:
        return None
    units, back_units = int(inner_config["units"]), int(backward["config"]["units"])
    formulas, outputs, _ = _sequence_output(inner_class, inner_config, shape, units)
    mode = config.get("merge_mode", "concat")
    if mode == "concat":
        formulas[-1] = Formula("features", f"{units} + {back_units}", units + back_units,
                               "forward and backward outputs side by side")  # fmt: skip
        outputs = [(*outputs[0][:-1], units + back_units)]
        how = "concatenates their outputs, so the features double"
    elif mode in ("sum", "mul", "ave") and units == back_units:
        how = f"merges their outputs number by number (merge_mode='{mode}'): units features"
    elif mode is None:
        outputs = [outputs[0], (*outputs[0][:-1], back_units)]
        how = "returns both outputs, forward first (merge_mode=None)"
    else:
        return None
    summary = (
        f"Bidirectional runs {inner_class}({number(units)}) forwards and a copy backwards over "
        f"the sequence and {how}."
    )
    return ShapeRule(summary, formulas, outputs)


def attention_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    query, value = inputs[0], inputs[1]
    out = (*query[:-1], value[-1])
    formulas = [
        Formula("query steps", "", query[1], "one output per query position"),
        Formula("features", "", value[-1], "from the value"),
    ]
    summary = (
        "Attention gives one output per query position, a weighted average of the value's "
        "vectors: (batch, query steps, value features)."
    )
    return ShapeRule(summary, formulas, [out])


def multi_head_attention_rule(class_name: str, config: dict,
                              inputs: list[Shape]) -> ShapeRule | None:  # fmt: skip
    if config.get("output_shape") is not None:
        return None
    query = inputs[0]
    formulas = [
        Formula("query steps", "", query[1], "one output per query position"),
        Formula("features", "", query[-1], "the heads' results projected back to the query's"),
    ]
    summary = (
        f"MultiHeadAttention runs {config.get('num_heads')} heads of key_dim "
        f"{config.get('key_dim')} and projects their joined results back to the query's width: "
        f"the output has the query's shape {shape_text(query)}."
    )
    return ShapeRule(summary, formulas, [query])


def simple_rules() -> dict[str, Any]:
    """Class name -> rule, for the layers of this module."""
    rules: dict[str, Any] = dict.fromkeys(SAME_SHAPE, same_shape_rule)
    rules.update(dict.fromkeys(ELEMENT_WISE_MERGES, element_wise_rule))
    rules.update(dict.fromkeys(RECURRENT, recurrent_rule))
    rules.update(
        Flatten=flatten_rule,
        Reshape=reshape_rule,
        Permute=permute_rule,
        RepeatVector=repeat_vector_rule,
        Dense=dense_rule,
        Embedding=embedding_rule,
        Concatenate=concatenate_rule,
        Bidirectional=bidirectional_rule,
        Attention=attention_rule,
        MultiHeadAttention=multi_head_attention_rule,
    )
    return rules
