"""Shape rules of the layers that slide a window over space or time: convolutions (transposed,
separable, depthwise too), pooling, global pooling, up-sampling, zero-padding and cropping.

Each rule follows Keras's own arithmetic (`compute_conv_output_shape`,
`compute_pooling_output_shape`, `compute_conv_transpose_output_shape`) and writes it per axis
with the user's numbers. A rule returns None where it has nothing simple to say; the caller
then shows Keras's shape instead.
"""

from __future__ import annotations

from typing import Any

from engine.explain.formula import Formula, Shape, ShapeRule, known_product, product_text

AXIS_NAMES = {1: ("length",), 2: ("height", "width"), 3: ("depth", "height", "width")}


def per_axis(value: Any, count: int) -> tuple[int, ...]:
    """Keras's int-or-tuple arguments (`kernel_size=3`, `strides=(2, 1)`) as one int per axis."""
    if isinstance(value, int):
        return (value,) * count
    values = tuple(int(v) for v in value)
    if len(values) == 1:
        return values * count
    if len(values) != count:
        raise ValueError(f"expected {count} values, received {value!r}")
    return values


def spatial_axes(shape: Shape, data_format: str | None) -> tuple[list[int], int]:
    """Positions of the spatial axes and of the channel axis in a batch-first shape."""
    rank = len(shape)
    if rank < 3:
        raise ValueError(f"not a spatial shape: {shape}")
    if data_format == "channels_first":
        return list(range(2, rank)), 1
    return list(range(1, rank - 1)), rank - 1


def window_text(sizes: tuple[int, ...]) -> str:
    """`3×3`: a window's size, written as Keras users write kernels."""
    return "×".join(str(s) for s in sizes)


def _assemble(shape: Shape, axes: list[int], values: list[int | None],
              channel_axis: int, channels: int | None) -> Shape:  # fmt: skip
    out = list(shape)
    for axis, value in zip(axes, values, strict=True):
        out[axis] = value
    out[channel_axis] = channels
    return tuple(out)


def _span_formulas(name: str, kernel: int, dilation: int) -> tuple[int, list[Formula]]:
    """A dilated kernel covers `dilation × (kernel − 1) + 1` inputs."""
    span = dilation * (kernel - 1) + 1
    if dilation == 1:
        return span, []
    expression = f"{dilation} × ({kernel} − 1) + 1"
    return span, [Formula(f"{name} kernel span", expression, span, "dilation_rate")]


def _window_axis(name: str, size: int | None, window: int, stride: int,
                 padding: str) -> Formula:  # fmt: skip
    """One axis of a convolution or a pooling: valid shrinks, same keeps (up to the stride)."""
    if size is None:
        return Formula(name, "", None)
    if padding == "valid":
        return Formula(name, f"⌊({size} − {window}) / {stride}⌋ + 1", (size - window) // stride + 1)
    if stride == 1:
        return Formula(name, "", size, "kept: same padding, stride 1")
    return Formula(name, f"⌈{size} / {stride}⌉", -(-size // stride))


_PADDING_WORDS = {
    "valid": "padding='valid' (no padding): the window must fit inside the input, so each "
    "axis shrinks: out = ⌊(in − {window}) / stride⌋ + 1",
    "same": "padding='same': zeros around the edges keep the size, only the stride shrinks "
    "it: out = ⌈in / stride⌉",
    "causal": "padding='causal': zeros before the first step only (no peeking at later "
    "steps); as with 'same', only the stride shrinks the length: out = ⌈in / stride⌉",
}


def conv_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    """Conv1D/2D/3D, SeparableConv and DepthwiseConv: a window slides, one channel per filter."""
    shape = inputs[0]
    axes, channel_axis = spatial_axes(shape, config.get("data_format"))
    count = len(axes)
    kernel = per_axis(config["kernel_size"], count)
    strides = per_axis(config.get("strides", 1), count)
    dilation = per_axis(config.get("dilation_rate", 1), count)
    padding = config.get("padding", "valid")
    if padding not in _PADDING_WORDS:
        return None
    formulas: list[Formula] = []
    values: list[int | None] = []
    for name, axis, k, s, d in zip(AXIS_NAMES[count], axes, kernel, strides, dilation,
                                   strict=True):  # fmt: skip
        span, span_lines = _span_formulas(name, k, d)
        formulas += span_lines
        formula = _window_axis(name, shape[axis], span, s, padding)
        formulas.append(formula)
        values.append(formula.value)
    channels, channel_formula = _conv_channels(class_name, config, shape[channel_axis])
    formulas.append(channel_formula)
    window = "span" if any(d > 1 for d in dilation) else "kernel"
    summary = (
        f"{class_name} with a {window_text(kernel)} kernel, strides {window_text(strides)}, "
        + _PADDING_WORDS[padding].format(window=window)
        + "."
    )
    if window == "span":
        summary += " A dilated kernel spans dilation × (kernel − 1) + 1 inputs."
    return ShapeRule(summary, formulas, [_assemble(shape, axes, values, channel_axis, channels)])


def _conv_channels(class_name: str, config: dict, channels_in: int | None):
    if class_name.startswith("DepthwiseConv"):
        multiplier = int(config.get("depth_multiplier", 1))
        if channels_in is None:
            return None, Formula("channels", "", None)
        value = channels_in * multiplier
        note = "each input channel gets depth_multiplier filters of its own"
        return value, Formula("channels", f"{channels_in} × {multiplier}", value, note)
    filters = int(config["filters"])
    return filters, Formula("channels", "", filters, "filters: one channel per filter")


def conv_transpose_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    """Conv1D/2D/3DTranspose: each input step moves `stride` steps in the output."""
    shape = inputs[0]
    axes, channel_axis = spatial_axes(shape, config.get("data_format"))
    count = len(axes)
    kernel = per_axis(config["kernel_size"], count)
    strides = per_axis(config.get("strides", 1), count)
    dilation = per_axis(config.get("dilation_rate", 1), count)
    padding = config.get("padding", "valid")
    output_padding = config.get("output_padding")
    extra = None if output_padding is None else per_axis(output_padding, count)
    if padding not in ("valid", "same"):
        return None
    formulas: list[Formula] = []
    values: list[int | None] = []
    for i, (name, axis) in enumerate(zip(AXIS_NAMES[count], axes, strict=True)):
        span, span_lines = _span_formulas(name, kernel[i], dilation[i])
        formulas += span_lines
        formula = _transpose_axis(name, shape[axis], span, strides[i], padding,
                                  None if extra is None else extra[i])  # fmt: skip
        formulas.append(formula)
        values.append(formula.value)
    filters = int(config["filters"])
    formulas.append(Formula("channels", "", filters, "filters: one channel per filter"))
    summary = (
        f"{class_name} with a {window_text(kernel)} kernel, strides {window_text(strides)}, "
        f"padding='{padding}': the reverse of a convolution's arithmetic, each axis grows. "
        + (
            "out = (in − 1) × stride + kernel (at least in × stride)"
            if padding == "valid"
            else "out = in × stride"
        )
        + ("" if extra is None else ", plus output_padding")
        + "."
    )
    return ShapeRule(summary, formulas, [_assemble(shape, axes, values, channel_axis, filters)])


def _transpose_axis(name: str, size: int | None, span: int, stride: int, padding: str,
                    extra: int | None) -> Formula:  # fmt: skip
    """Keras's `_get_output_shape_given_tf_padding`, one branch written out per case."""
    if size is None:
        return Formula(name, "", None)
    if extra is not None:
        if padding == "valid":
            value = (size - 1) * stride + span + extra
            return Formula(name, f"({size} − 1) × {stride} + {span} + {extra}", value,
                           "output_padding")  # fmt: skip
        value = (size - 1) * stride + span % 2 + extra
        return Formula(name, f"({size} − 1) × {stride} + {span} mod 2 + {extra}", value,
                       "same padding with output_padding")  # fmt: skip
    if padding == "valid" and span >= stride:
        return Formula(name, f"({size} − 1) × {stride} + {span}", (size - 1) * stride + span)
    note = "kernel narrower than the stride" if padding == "valid" else ""
    return Formula(name, f"{size} × {stride}", size * stride, note)


def pooling_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    """Max/AveragePooling1D/2D/3D: one number per window, channels kept."""
    shape = inputs[0]
    axes, channel_axis = spatial_axes(shape, config.get("data_format"))
    count = len(axes)
    pool = per_axis(config["pool_size"], count)
    given = config.get("strides")
    strides = pool if given is None else per_axis(given, count)
    padding = config.get("padding", "valid")
    if padding not in ("valid", "same"):
        return None
    formulas = [
        _window_axis(name, shape[axis], p, s, padding)
        for name, axis, p, s in zip(AXIS_NAMES[count], axes, pool, strides, strict=True)
    ]
    channels = shape[channel_axis]
    formulas.append(Formula("channels", "", channels, "kept: each channel is pooled on its own"))
    kind = "maximum" if class_name.startswith("Max") else "average"
    stride_words = "strides default to pool_size" if given is None else "strides"
    summary = (
        f"{class_name} takes the {kind} of each {window_text(pool)} window, moving "
        f"{window_text(strides)} steps at a time ({stride_words}); "
        + _PADDING_WORDS[padding].format(window="pool")
        + "."
    )
    values = [f.value for f in formulas[:-1]]
    return ShapeRule(summary, formulas, [_assemble(shape, axes, values, channel_axis, channels)])


def global_pooling_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    """GlobalMax/AveragePooling1D/2D/3D: one number per channel (axes of size 1 with keepdims)."""
    shape = inputs[0]
    axes, channel_axis = spatial_axes(shape, config.get("data_format"))
    channels = shape[channel_axis]
    sizes = [shape[a] for a in axes]
    kind = "maximum" if "Max" in class_name else "average"
    formulas = []
    positions = known_product(sizes)
    if positions is not None and len(sizes) > 1:
        formulas.append(Formula("positions pooled", product_text(sizes), positions))
    formulas.append(Formula("channels", "", channels, f"kept: the {kind} of each channel"))
    if config.get("keepdims"):
        out = tuple(1 if i in axes else d for i, d in enumerate(shape))
        tail = "keepdims=True keeps each pooled axis with size 1"
    else:
        out = (shape[0], channels)
        tail = "the pooled axes disappear"
    summary = (
        f"{class_name} takes the {kind} of each channel over all positions: one number per "
        f"channel; {tail}."
    )
    return ShapeRule(summary, formulas, [out])


def _pairs(value: Any, count: int) -> list[tuple[int, int]]:
    """ZeroPadding/Cropping amounts as (before, after) per axis, from Keras's accepted forms."""
    if isinstance(value, int):
        return [(value, value)] * count
    items = list(value)
    if count == 1 and len(items) == 2 and all(isinstance(v, int) for v in items):
        return [(int(items[0]), int(items[1]))]
    if len(items) != count:
        raise ValueError(f"expected {count} pairs, received {value!r}")
    return [(v, v) if isinstance(v, int) else (int(v[0]), int(v[1])) for v in items]


def _resize_axes(shape: Shape, config: dict, count: int) -> tuple[list[int], int]:
    if count == 1:  # the 1D layers have no data_format: (batch, steps, features)
        return [1], 2
    return spatial_axes(shape, config.get("data_format"))


def padding_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    """ZeroPadding1D/2D/3D adds zeros before and after; Cropping1D/2D/3D cuts them off."""
    shape = inputs[0]
    count = int(class_name[-2])
    axes, channel_axis = _resize_axes(shape, config, count)
    cropping = class_name.startswith("Cropping")
    amounts = _pairs(config["cropping" if cropping else "padding"], count)
    formulas = []
    for name, axis, (before, after) in zip(AXIS_NAMES[count], axes, amounts, strict=True):
        size = shape[axis]
        if size is None:
            formulas.append(Formula(name, "", None))
        elif cropping:
            formulas.append(Formula(name, f"{size} − {before} − {after}", size - before - after))
        else:
            formulas.append(Formula(name, f"{before} + {size} + {after}", size + before + after))
    channels = shape[channel_axis]
    formulas.append(Formula("channels", "", channels, "kept"))
    action = "cuts off" if cropping else "adds zeros:"
    summary = f"{class_name} {action} a few rows before and after each axis: out = " + (
        "in − before − after." if cropping else "before + in + after."
    )
    values = [f.value for f in formulas[:-1]]
    return ShapeRule(summary, formulas, [_assemble(shape, axes, values, channel_axis, channels)])


def upsampling_rule(class_name: str, config: dict, inputs: list[Shape]) -> ShapeRule | None:
    """UpSampling1D/2D/3D: every value repeated `size` times along each axis."""
    shape = inputs[0]
    count = int(class_name[-2])
    axes, channel_axis = _resize_axes(shape, config, count)
    sizes = per_axis(config["size"], count)
    formulas = []
    for name, axis, factor in zip(AXIS_NAMES[count], axes, sizes, strict=True):
        size = shape[axis]
        value = None if size is None else size * factor
        formulas.append(Formula(name, "" if size is None else f"{size} × {factor}", value))
    channels = shape[channel_axis]
    formulas.append(Formula("channels", "", channels, "kept"))
    summary = (
        f"{class_name} repeats each value {window_text(sizes)} times: out = in × size on each axis."
    )
    values = [f.value for f in formulas[:-1]]
    return ShapeRule(summary, formulas, [_assemble(shape, axes, values, channel_axis, channels)])


def spatial_rules() -> dict[str, Any]:
    """Class name -> rule, for every layer of this family Keras has."""
    rules: dict[str, Any] = {}
    for d in ("1D", "2D", "3D"):
        rules[f"Conv{d}"] = conv_rule
        rules[f"Conv{d}Transpose"] = conv_transpose_rule
        rules[f"MaxPooling{d}"] = rules[f"AveragePooling{d}"] = pooling_rule
        rules[f"GlobalMaxPooling{d}"] = rules[f"GlobalAveragePooling{d}"] = global_pooling_rule
        rules[f"ZeroPadding{d}"] = rules[f"Cropping{d}"] = padding_rule
        rules[f"UpSampling{d}"] = upsampling_rule
    for d in ("1D", "2D"):
        rules[f"SeparableConv{d}"] = rules[f"DepthwiseConv{d}"] = conv_rule
    return rules
