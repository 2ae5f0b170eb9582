"""Every shape formula the Explain panel shows is checked against Keras's own output shape.

For each layer class with a simple rule, a grid of parameters (kernel sizes, strides,
dilation, padding, data formats, input sizes...) is run through the layer's
`compute_output_shape` (cheap: no weights) and through our rule on the layer's config. The
rule must give Keras's shapes, and every formula line must be true arithmetic: its written
expression, evaluated, equals its value. A wrong formula, or a right number with wrong working,
fails here.
"""

from __future__ import annotations

import ast
import itertools
import json
import math
import re

import pytest

from engine.explain.formula import Formula, ShapeRule
from engine.explain.shape_rules import RULES, shape_rule, simple_rule

keras = pytest.importorskip("keras")
L = keras.layers

_ALLOWED = (ast.Expression, ast.BinOp, ast.Constant, ast.Call, ast.Name, ast.Load, ast.Add,
            ast.Sub, ast.Mult, ast.Div, ast.Mod, ast.USub, ast.UnaryOp)  # fmt: skip


def evaluate(expression: str) -> float:
    """The value of a formula as written on screen: × − ⌊⌋ ⌈⌉ mod and thousands separators."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", expression)
    text = text.replace("×", "*").replace("−", "-").replace(" mod ", " % ")
    text = re.sub(r"⌊([^⌋]*)⌋", r"floor(\1)", text)
    text = re.sub(r"⌈([^⌉]*)⌉", r"ceil(\1)", text)
    tree = ast.parse(text, mode="eval")
    for node in ast.walk(tree):
        assert isinstance(node, _ALLOWED), f"unexpected {type(node).__name__} in {expression!r}"
    return eval(compile(tree, "<formula>", "eval"), {"floor": math.floor, "ceil": math.ceil})


def test_the_evaluator_reads_what_the_panel_writes() -> None:
    assert evaluate("⌊(100 − 3) / 1⌋ + 1") == 98
    assert evaluate("⌈7 / 2⌉") == 4
    assert evaluate("48 × 48 × 32") == 73_728
    assert evaluate("73,728 / (64 × 12)") == 96
    assert evaluate("(8 − 1) × 2 + 3 mod 2 + 1") == 16


def keras_shapes(layer, inputs: list[tuple]) -> list[tuple]:
    """Keras's output shapes of `layer` on these input shapes, as a flat list."""
    if isinstance(layer, L.MultiHeadAttention):
        out = layer.compute_output_shape(*inputs)
    elif len(inputs) > 1:
        out = layer.compute_output_shape(list(inputs))
    else:
        out = layer.compute_output_shape(inputs[0])
    return _flat(out)


def _flat(out) -> list[tuple]:
    if isinstance(out, (tuple, list)) and all(d is None or isinstance(d, int) for d in out):
        return [tuple(out)]
    return [shape for item in out for shape in _flat(item)]


def check(layer, *inputs: tuple) -> ShapeRule:
    """Our rule on the layer's config (as a graph holds it) gives Keras's shapes, truthfully."""
    config = json.loads(json.dumps(layer.get_config()))  # the JSON form: tuples become lists
    name = type(layer).__name__
    expected = keras_shapes(layer, list(inputs))
    rule = simple_rule(name, config, list(inputs))
    assert rule is not None, (name, config, inputs)
    assert rule.outputs == expected, (name, config, inputs)
    for formula in rule.formulas:
        _check_arithmetic(formula, name, config)
    assert shape_rule(name, config, list(inputs), expected) is rule or not rule.from_keras
    return rule


def _check_arithmetic(formula: Formula, name: str, config: dict) -> None:
    if formula.expression and formula.value is not None:
        assert evaluate(formula.expression) == formula.value, (name, config, str(formula))
    assert str(formula.value if formula.value is not None else "None") in str(formula).replace(
        ",", ""
    )


def check_or_refused(cls, kwargs: dict, *inputs: tuple) -> bool:
    """`check` for a combination Keras accepts; False where Keras refuses it."""
    try:
        layer = cls(**kwargs)
        keras_shapes(layer, list(inputs))
    except ValueError:
        return False
    check(layer, *inputs)
    return True


# ---------------------------------------------------------------- convolutions


def _spatial_inputs(dims: int) -> list[tuple]:
    return {1: [(7,), (28,), (None,)], 2: [(7, 9), (100, 64), (None, 12)],
            3: [(5, 7, 9)]}[dims]  # fmt: skip


def _image(spatial: tuple, channels: int, data_format: str) -> tuple:
    if data_format == "channels_first":
        return (None, channels, *spatial)
    return (None, *spatial, channels)


@pytest.mark.parametrize("dims", [1, 2, 3])
def test_conv_formulas_match_keras(dims: int) -> None:
    cls = getattr(L, f"Conv{dims}D")
    paddings = ["valid", "same"] + (["causal"] if dims == 1 else [])
    kernels = [1, 3, 5] + ([(3, 1), (2, 4)] if dims == 2 else [])
    checked = 0
    for kernel, stride, dilation, padding, spatial, data_format in itertools.product(
        kernels, [1, 2, 3], [1, 2], paddings, _spatial_inputs(dims),
        ["channels_last", "channels_first"] if dims == 2 else ["channels_last"],
    ):  # fmt: skip
        shape = _image(spatial, 3, data_format)
        kwargs = {"filters": 8, "kernel_size": kernel, "strides": stride, "padding": padding,
                  "dilation_rate": dilation, "data_format": data_format}  # fmt: skip
        checked += check_or_refused(cls, kwargs, shape)
    assert checked >= {1: 60, 2: 100, 3: 20}[dims], checked


def test_the_issues_example_reads_as_written() -> None:
    rule = check(L.Conv2D(32, 3), (None, 100, 100, 3))
    assert rule.lines()[:2] == [
        "height: ⌊(100 − 3) / 1⌋ + 1 = 98",
        "width: ⌊(100 − 3) / 1⌋ + 1 = 98",
    ]
    rule = check(L.Flatten(), (None, 48, 48, 32))
    assert rule.lines() == ["features: 48 × 48 × 32 = 73,728"]
    rule = check(L.Conv2D(8, 3, dilation_rate=2), (None, 100, 100, 3))
    assert rule.lines()[:2] == ["height kernel span: 2 × (3 − 1) + 1 = 5  (dilation_rate)",
                                "height: ⌊(100 − 5) / 1⌋ + 1 = 96"]  # fmt: skip


@pytest.mark.parametrize("name", ["SeparableConv1D", "SeparableConv2D", "DepthwiseConv1D",
                                  "DepthwiseConv2D"])  # fmt: skip
def test_separable_and_depthwise_formulas_match_keras(name: str) -> None:
    cls = getattr(L, name)
    dims = int(name[-2])
    checked = 0
    for kernel, stride, dilation, padding, spatial, extra in itertools.product(
        [1, 3], [1, 2], [1, 2], ["valid", "same"], _spatial_inputs(dims), [1, 2]
    ):
        kwargs = {"strides": stride, "dilation_rate": dilation, "padding": padding}
        if name.startswith("Separable"):
            kwargs.update(filters=4 * extra, depth_multiplier=extra)
        else:
            kwargs.update(depth_multiplier=extra)
        kwargs["kernel_size"] = kernel
        checked += check_or_refused(cls, kwargs, _image(spatial, 3, "channels_last"))
    assert checked >= {1: 30, 2: 30, 3: 10}.get(dims, 30), checked


@pytest.mark.parametrize("dims", [1, 2, 3])
def test_transposed_conv_formulas_match_keras(dims: int) -> None:
    cls = getattr(L, f"Conv{dims}DTranspose")
    checked = 0
    for kernel, stride, dilation, padding, output_padding, spatial, data_format in (
        itertools.product([2, 3, 4], [1, 2, 3], [1, 2], ["valid", "same"], [None, 0, 1],
                          _spatial_inputs(dims),
                          ["channels_last", "channels_first"] if dims == 2 else ["channels_last"])
    ):  # fmt: skip
        if output_padding is not None and output_padding >= stride:
            continue  # Keras requires output_padding < strides
        kwargs = {"filters": 6, "kernel_size": kernel, "strides": stride,
                  "dilation_rate": dilation, "padding": padding,
                  "output_padding": output_padding, "data_format": data_format}  # fmt: skip
        checked += check_or_refused(cls, kwargs, _image(spatial, 3, data_format))
    assert checked >= {1: 60, 2: 100, 3: 20}[dims], checked


# ---------------------------------------------------------------- pooling, padding, resizing


@pytest.mark.parametrize("dims", [1, 2, 3])
@pytest.mark.parametrize("kind", ["Max", "Average"])
def test_pooling_formulas_match_keras(kind: str, dims: int) -> None:
    cls = getattr(L, f"{kind}Pooling{dims}D")
    checked = 0
    for pool, stride, padding, spatial, data_format in itertools.product(
        [1, 2, 3], [None, 1, 2], ["valid", "same"], _spatial_inputs(dims),
        ["channels_last", "channels_first"],
    ):  # fmt: skip
        kwargs = {"pool_size": pool, "strides": stride, "padding": padding,
                  "data_format": data_format}  # fmt: skip
        checked += check_or_refused(cls, kwargs, _image(spatial, 5, data_format))
    assert checked >= {1: 30, 2: 30, 3: 10}.get(dims, 30), checked


@pytest.mark.parametrize("dims", [1, 2, 3])
@pytest.mark.parametrize("kind", ["Max", "Average"])
def test_global_pooling_formulas_match_keras(kind: str, dims: int) -> None:
    cls = getattr(L, f"Global{kind}Pooling{dims}D")
    for keepdims, spatial, data_format in itertools.product(
        [False, True], _spatial_inputs(dims), ["channels_last", "channels_first"]
    ):
        check(cls(keepdims=keepdims, data_format=data_format), _image(spatial, 7, data_format))


@pytest.mark.parametrize("dims", [1, 2, 3])
def test_padding_cropping_upsampling_formulas_match_keras(dims: int) -> None:
    forms = {1: [1, (2, 0), (0, 3)], 2: [1, (2, 1), ((1, 2), (0, 3))],
             3: [1, (1, 2, 0), ((1, 0), (0, 2), (1, 1))]}[dims]  # fmt: skip
    sizes = {1: [2, 3], 2: [2, (1, 3)], 3: [2, (1, 2, 3)]}[dims]
    formats = ["channels_last", "channels_first"] if dims > 1 else [None]
    spatials = [s for s in _spatial_inputs(dims) if None not in s] + [(None,) * dims]
    for spatial, data_format in itertools.product(spatials, formats):
        shape = _image(spatial, 4, data_format or "channels_last")
        kwargs = {} if data_format is None else {"data_format": data_format}
        for form in forms:
            check(getattr(L, f"ZeroPadding{dims}D")(form, **kwargs), shape)
            check_or_refused(getattr(L, f"Cropping{dims}D"), {"cropping": form, **kwargs}, shape)
        for size in sizes:
            check(getattr(L, f"UpSampling{dims}D")(size, **kwargs), shape)
    # cropping must be tested on inputs it fits
    check(getattr(L, f"Cropping{dims}D")(forms[-1], **({"data_format": formats[0]}
          if dims > 1 else {})), _image((9,) * dims, 4, "channels_last"))  # fmt: skip


# ---------------------------------------------------------------- reshaping, dense, embedding


def test_flatten_reshape_permute_repeat_match_keras() -> None:
    for shape in [(None, 5), (None, 4, 6), (None, 48, 48, 32), (None, 2, 3, 4, 5), (8, 3, 3)]:
        check(L.Flatten(), shape)
    for target, shape in [
        ((-1,), (None, 48, 48, 32)), ((64, -1), (None, 48, 48, 32)),
        ((-1, 12, 64), (None, 48, 48, 32)),
        ((6, 4), (None, 4, 6)), ((2, 2, 6), (None, 24)), ((24,), (None, 2, 3, 4)),
    ]:  # fmt: skip
        check(L.Reshape(target), shape)
    for dims, shape in [((2, 1), (None, 10, 3)), ((3, 1, 2), (None, 4, 5, 6)),
                        ((1, 3, 2), (None, 4, 5, 6))]:  # fmt: skip
        check(L.Permute(dims), shape)
    check(L.RepeatVector(7), (None, 12))


def test_dense_and_embedding_match_keras() -> None:
    for units, shape in itertools.product([1, 10, 256], [(None, 20), (None, 5, 20), (3, 4, 5, 6)]):
        check(L.Dense(units), shape)
    for output_dim, shape in itertools.product([8, 512], [(None, 100), (None, 5, 7), (None, None)]):
        check(L.Embedding(10_000, output_dim), shape)


# ---------------------------------------------------------------- merges


def test_merges_match_keras() -> None:
    check(L.Concatenate(), (None, 64), (None, 64))
    check(L.Concatenate(axis=-1), (None, 8, 8, 3), (None, 8, 8, 5), (None, 8, 8, 1))
    check(L.Concatenate(axis=1), (None, 3, 4), (None, 5, 4))
    check(L.Concatenate(axis=2), (None, 3, None), (None, 3, 4))
    for name in ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"):
        for shape in [(None, 16), (None, 8, 8, 3)]:
            check(getattr(L, name)(), shape, shape)
    assert simple_rule("Add", {}, [(None, 1, 3), (None, 4, 3)]) is None  # broadcast: Keras's


# ---------------------------------------------------------------- sequences, attention


@pytest.mark.parametrize("name", ["SimpleRNN", "LSTM", "GRU"])
def test_recurrent_layers_match_keras(name: str) -> None:
    cls = getattr(L, name)
    for sequences, state, shape in itertools.product(
        [False, True], [False, True], [(None, 10, 8), (None, None, 8), (32, 5, 3)]
    ):
        check(cls(16, return_sequences=sequences, return_state=state), shape)


def test_bidirectional_matches_keras() -> None:
    for inner, mode, sequences in itertools.product(["LSTM", "GRU", "SimpleRNN"],
                                                    ["concat", "sum", "mul", "ave", None],
                                                    [False, True]):  # fmt: skip
        layer = L.Bidirectional(getattr(L, inner)(6, return_sequences=sequences), merge_mode=mode)
        check(layer, (None, 9, 4))


def test_attention_layers_match_keras() -> None:
    check(L.Attention(), (None, 5, 3), (None, 7, 3))
    check(L.Attention(), (None, 5, 4), (None, 7, 4), (None, 7, 4))
    for heads, key_dim in [(1, 4), (2, 16), (8, 8)]:
        check(L.MultiHeadAttention(heads, key_dim), (None, 12, 32), (None, 20, 32))
        check(L.MultiHeadAttention(heads, key_dim), (None, 12, 32), (None, 20, 6), (None, 20, 6))


def test_shape_keeping_layers_match_keras() -> None:
    layers = {
        "Dropout": L.Dropout(0.5), "SpatialDropout1D": L.SpatialDropout1D(0.2),
        "SpatialDropout2D": L.SpatialDropout2D(0.2), "SpatialDropout3D": L.SpatialDropout3D(0.2),
        "GaussianDropout": L.GaussianDropout(0.1), "GaussianNoise": L.GaussianNoise(0.1),
        "AlphaDropout": L.AlphaDropout(0.1), "ActivityRegularization": L.ActivityRegularization(),
        "Activation": L.Activation("relu"), "ReLU": L.ReLU(), "LeakyReLU": L.LeakyReLU(),
        "PReLU": L.PReLU(), "ELU": L.ELU(), "Softmax": L.Softmax(),
        "BatchNormalization": L.BatchNormalization(), "LayerNormalization": L.LayerNormalization(),
        "GroupNormalization": L.GroupNormalization(groups=2),
        "UnitNormalization": L.UnitNormalization(), "Rescaling": L.Rescaling(1 / 255),
    }  # fmt: skip
    rank = {"SpatialDropout1D": 3, "SpatialDropout2D": 4, "SpatialDropout3D": 5}
    shapes = {3: (None, 10, 4), 4: (None, 8, 8, 4), 5: (None, 4, 4, 4, 2)}
    for name, layer in layers.items():
        for shape in [shapes[rank[name]]] if name in rank else [(None, 6), (None, 8, 8, 4)]:
            check(layer, shape)


def test_every_rule_is_tested_here() -> None:
    """A new rule needs a grid above: the classes checked here cover every rule."""
    with open(__file__, encoding="utf-8") as source:
        text = source.read()
    untested = [
        name for name in RULES
        if f"L.{name}(" not in text and f'"{name}"' not in text and not re.match(
            r"(Conv|MaxPooling|AveragePooling|GlobalMaxPooling|GlobalAveragePooling|ZeroPadding|"
            r"Cropping|UpSampling)[123]D", name)
    ]  # fmt: skip
    assert untested == []


def test_a_rule_that_disagrees_with_keras_is_never_shown() -> None:
    rule = shape_rule("Conv2D", L.Conv2D(8, 3).get_config(), [(None, 10, 10, 3)],
                      [(None, 7, 7, 8)])  # fmt: skip
    assert rule.from_keras and rule.formulas == []
    assert "Keras's own" in rule.summary and "(None, 7, 7, 8)" in rule.summary
    assert shape_rule("Lambda", {}, [(None, 3)], [(None, 3)]).from_keras
