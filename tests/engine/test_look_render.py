"""The pictures of look inside (thumbnails, viewer, inspect's PNGs) draw each value where it
belongs: feature maps as a grid of the first channels, a sequence as a time × features strip,
units as a strip, kernels as small images (a first layer on RGB in colour), Dense weights as a
heat map; zero is white, positive red, negative blue, NaN magenta. Plain numpy: no Keras."""

from __future__ import annotations

import numpy as np

from engine.training.look import render


def _is_white(pixel: np.ndarray) -> bool:
    """The map's centre (zero): near white, no hue."""
    return min(pixel) >= 240 and int(max(pixel)) - int(min(pixel)) <= 2


def _is_red(pixel: np.ndarray) -> bool:
    return int(pixel[0]) > 150 and int(pixel[2]) < 80


def _is_blue(pixel: np.ndarray) -> bool:
    return int(pixel[2]) > 150 and int(pixel[0]) < 80


def test_feature_maps_put_each_channel_in_its_cell_on_one_scale():
    values = np.zeros((4, 5, 3), "float32")
    values[1, 2, 0] = 2.0  # channel 0: one strong positive value
    values[3, 4, 2] = -2.0  # channel 2: one strong negative value
    picture = render.picture(values)
    assert picture.kind == "maps" and (picture.shown, picture.total) == (3, 3)
    assert [cell.channel for cell in picture.cells] == [0, 1, 2]
    for cell, channel in zip(picture.cells, range(3), strict=True):
        tile = picture.rgb[cell.y : cell.y + cell.height, cell.x : cell.x + cell.width]
        assert tile.shape[:2] == (4, 5)
        np.testing.assert_array_equal(tile, render.colourize(values[:, :, channel], picture.scale))
    first, third = picture.cells[0], picture.cells[2]
    assert _is_red(picture.rgb[first.y + 1, first.x + 2])
    assert _is_blue(picture.rgb[third.y + 3, third.x + 4])
    assert _is_white(picture.rgb[first.y, first.x])  # a ReLU's zero reads as white


def test_only_the_first_channels_are_drawn_and_the_words_say_so():
    picture = render.picture(np.ones((2, 2, 100), "float32"), max_tiles=16)
    assert (picture.shown, picture.total, len(picture.cells)) == (16, 100, 16)
    assert render.describe(picture) == "first 16 of 100 channels"


def test_a_sequence_is_a_strip_with_time_left_to_right():
    values = np.zeros((6, 2), "float32")  # 6 time steps, 2 features
    values[5, 0] = 1.0
    values[0, 1] = -1.0
    picture = render.picture(values)
    assert picture.kind == "sequence" and picture.rgb.shape == (2, 6, 3)
    assert _is_red(picture.rgb[0, 5]) and _is_blue(picture.rgb[1, 0])
    assert _is_white(picture.rgb[0, 0])


def test_units_wrap_into_a_block_and_the_unused_end_is_gap_coloured():
    values = np.arange(10, dtype="float32") - 4.5  # 10 units, negative then positive
    picture = render.picture(values)
    assert picture.kind == "vector" and (picture.shown, picture.total) == (10, 10)
    flat = picture.rgb.reshape(-1, 3)
    assert _is_blue(flat[0]) and _is_red(flat[9])
    assert all(tuple(pixel) == render.GAP_COLOUR for pixel in flat[10:])
    assert render.describe(picture) == "10 units"


def test_nan_and_infinities_are_magenta():
    picture = render.picture(np.array([0.0, np.nan, np.inf, 1.0], "float32"))
    flat = picture.rgb.reshape(-1, 3)
    assert tuple(flat[1]) == tuple(flat[2]) == render.NONFINITE_COLOUR
    assert _is_red(flat[3])


def test_a_first_layer_on_rgb_shows_its_kernels_in_colour():
    kernel = np.zeros((3, 3, 3, 4), "float32")  # (height, width, in = RGB, filters)
    kernel[:, :, 0, 1] = 1.0  # filter 1 looks for red
    kernel[:, :, 2, 3] = 1.0  # filter 3 looks for blue
    picture = render.weights_picture(kernel)
    assert picture.kind == "kernels" and picture.scale is None and picture.shown == 4
    red, blue = picture.cells[1], picture.cells[3]
    assert tuple(picture.rgb[red.y + 1, red.x + 1]) == (255, 0, 0)
    assert tuple(picture.rgb[blue.y + 1, blue.x + 1]) == (0, 0, 255)


def test_other_kernels_show_their_mean_over_the_inputs_on_the_diverging_scale():
    kernel = np.zeros((3, 3, 8, 2), "float32")
    kernel[0, 0, :, 0] = 1.0
    kernel[2, 2, :, 1] = -1.0
    picture = render.weights_picture(kernel)
    assert picture.kind == "kernels" and picture.scale == 1.0
    first, second = picture.cells
    assert _is_red(picture.rgb[first.y, first.x])
    assert _is_blue(picture.rgb[second.y + 2, second.x + 2])


def test_dense_weights_are_a_heat_map_inputs_by_units():
    matrix = np.zeros((64, 10), "float32")
    matrix[3, 7] = 1.0
    matrix[60, 0] = -1.0
    picture = render.weights_picture(matrix)
    assert picture.kind == "matrix" and picture.rgb.shape == (64, 10, 3)
    assert _is_red(picture.rgb[3, 7]) and _is_blue(picture.rgb[60, 0])
    big = render.matrix_picture(np.ones((1000, 3), "float32"), limit=256)
    assert big.rgb.shape[0] <= 256 and big.rgb.shape[1] == 3  # block means keep it small
