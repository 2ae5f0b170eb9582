"""Shape errors in plain words: real Keras layers given wrong inputs, as the error badge shows."""

from __future__ import annotations

import pytest

from engine.model import operations as ops
from engine.model.document import Document
from engine.model.graph import TensorRef
from engine.model.keras_messages import readable_error

NOISE = ("None'", "Traceback", "<KerasTensor", "ndim=", "name '", "`")


def _error_of(class_name: str, input_shapes: list[tuple], **params) -> str:
    """The error Keras Canvas shows for `class_name` called on Inputs of `input_shapes`."""
    doc = Document()
    graph = doc.graph
    refs = []
    for shape in input_shapes:
        edit, _, node_id = ops.add_input(graph, shape)
        doc.apply(edit)
        refs.append(TensorRef(node_id))
    edit, _, node_id = ops.add_layer(graph, class_name, refs, **params)
    doc.apply(edit)
    error = doc.shapes.infer(graph)[node_id].error
    assert error is not None, f"{class_name} accepted {input_shapes}"
    assert [p.message for p in doc.problems() if p.node_id == node_id] == [error]
    return error


def _assert_clean(message: str) -> None:
    for noise in NOISE:
        assert noise not in message, f"{noise!r} in {message!r}"


@pytest.mark.parametrize(
    ("class_name", "shape", "params", "expected"),
    [
        ("Dense", (), {"units": 4}, "at least 2 dimensions"),
        ("Conv2D", (16,), {"filters": 4, "kernel_size": 3}, "at least 4 dimensions"),
        ("LSTM", (16,), {"units": 4}, "exactly 3 dimensions"),
    ],
)
def test_wrong_number_of_dimensions_says_what_the_layer_expects(class_name, shape, params,
                                                                expected):  # fmt: skip
    message = _error_of(class_name, [shape], **params)
    received = str((None, *shape))
    assert message.startswith(f"{class_name} expects its input to have {expected}")
    assert f"Received: shape {received}, {len(shape) + 1} dimension" in message
    assert "Reshape it first" in message  # the input has too few dimensions
    _assert_clean(message)


def test_too_many_dimensions_suggests_flattening():
    message = _error_of("RepeatVector", [(8, 2)], n=3)
    assert "RepeatVector expects its input to have exactly 2 dimensions" in message
    assert "Received: shape (None, 8, 2), 3 dimensions. Flatten or pool it first" in message
    _assert_clean(message)


def test_pooling_on_a_flat_tensor_gets_keras_input_check_not_numpy_internals():
    message = _error_of("MaxPooling2D", [(16,)])
    assert "broadcast" not in message  # what Keras's pooling arithmetic raised
    assert message.startswith("MaxPooling2D expects its input to have exactly 4 dimensions")
    assert "Received: shape (None, 16), 2 dimensions" in message
    _assert_clean(message)


@pytest.mark.parametrize(
    ("class_name", "shape", "expected"),
    [
        ("GlobalAveragePooling2D", (16,), "exactly 4 dimensions"),
        ("AveragePooling1D", (16,), "exactly 3 dimensions"),
    ],
)
def test_weightless_layers_check_their_input_too(class_name, shape, expected):
    """Layers built from the start (no weights) used to report a shape for any input."""
    message = _error_of(class_name, [shape])
    assert message.startswith(f"{class_name} expects its input to have {expected}")
    _assert_clean(message)


def test_concatenate_names_the_axis_that_differs():
    message = _error_of("Concatenate", [(8, 3), (5, 4)])
    assert message == (
        "Concatenate joins its inputs along the last axis: every other axis must have the same "
        "size. Received: shapes (None, 8, 3) and (None, 5, 4): axis 1 differs (8 vs 5)."
    )
    ranks = _error_of("Concatenate", [(8,), (5, 4)])
    assert "same number of dimensions" in ranks and "(None, 8) and (None, 5, 4)" in ranks
    _assert_clean(ranks)


def test_elementwise_merge_shows_full_shapes_with_batch():
    message = _error_of("Add", [(8,), (5,)])
    assert "Add combines its inputs element by element" in message
    assert "Received: shapes (None, 8) and (None, 5)." in message
    _assert_clean(message)


def test_shared_layer_on_another_size_says_which_axis():
    doc = Document()
    graph = doc.graph
    inputs = []
    for shape in ((8,), (5,)):
        edit, _, node_id = ops.add_input(graph, shape)
        doc.apply(edit)
        inputs.append(TensorRef(node_id))
    edit, layer_id, _ = ops.add_layer(graph, "Dense", [inputs[0]], units=3)
    doc.apply(edit)
    edit, again = ops.apply_again(graph, layer_id, [inputs[1]])
    doc.apply(edit)
    message = doc.shapes.infer(graph)[again].error
    assert message == (
        "Dense expects the last axis of its input to have size 8 (its weights were built for "
        "that size). Received: shape (None, 5)."
    )


def test_kernel_larger_than_the_input_and_unsized_weights():
    message = _error_of("Conv2D", [(2, 2, 3)], filters=4, kernel_size=5)
    assert "input (None, 2, 2, 3) is too small for kernel_size (5, 5)" in message
    assert "padding 'valid'" in message and "Use a smaller kernel_size" in message
    _assert_clean(message)
    weight = _error_of("BatchNormalization", [()])
    assert weight.startswith("BatchNormalization cannot size its weight 'gamma'")
    assert "Received: an input of shape (None,)" in weight
    _assert_clean(weight)


def test_reshape_counts_the_values():
    message = _error_of("Reshape", [(10,)], target_shape=[3, 3])
    assert "The input holds 10 values per sample; target_shape (3, 3) holds 9." in message
    _assert_clean(message)


def test_unknown_messages_pass_through_and_internal_ones_name_the_shapes():
    keras_text = "Values in `cropping` argument should be smaller. Received: cropping=3"
    assert readable_error(ValueError(keras_text), "Cropping2D", {}, [(None, 4)]) == keras_text
    internal = readable_error(TypeError("unhashable type: 'list'"), "Foo", {}, [(None, 4)])
    assert internal == (
        "Foo cannot compute its output from an input of shape (None, 4). "
        "Keras stopped on: unhashable type: 'list'"
    )


def test_refused_settings_say_which_setting_not_the_whole_config():
    doc = Document()
    graph = doc.graph
    edit, _, source = ops.add_input(graph, (4,))
    doc.apply(edit)
    edit, dense, node_id = ops.add_layer(graph, "Dense", [TensorRef(source)], units=3)
    doc.apply(edit)
    doc.apply(ops.set_params(graph, dense, units=-3))
    message = doc.shapes.infer(graph)[node_id].error
    assert message.startswith("Dense refuses its settings: ")
    assert "units=-3" in message
    assert "config=" not in message and "deserializing" not in message
