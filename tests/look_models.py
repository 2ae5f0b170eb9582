"""Small models the look-inside tests, benches and screenshots share."""

from __future__ import annotations

import json
from typing import Any


def digits_cnn(name: str = "digits_cnn") -> Any:
    """A CNN for scikit-learn's 8x8 digits: two convolutions, pooling and two Dense layers."""
    import keras
    from keras import layers

    image = keras.Input(shape=(8, 8, 1), name="image")
    x = layers.Conv2D(16, 3, activation="relu", padding="same", name="conv_1")(image)
    x = layers.MaxPooling2D(name="pool_1")(x)
    x = layers.Conv2D(32, 3, activation="relu", padding="same", name="conv_2")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(32, activation="relu", name="hidden")(x)
    digit = layers.Dense(10, activation="softmax", name="digit")(x)
    return keras.Model(image, digit, name=name)


def digits_mlp(name: str = "digits_mlp") -> Any:
    """A small MLP on the digits as 64-vectors."""
    import keras
    from keras import layers

    pixels = keras.Input(shape=(64,), name="pixels")
    x = layers.Dense(32, activation="relu", name="dense_1")(pixels)
    x = layers.Dense(32, activation="relu", name="dense_2")(x)
    digit = layers.Dense(10, activation="softmax", name="digit")(x)
    return keras.Model(pixels, digit, name=name)


def config_of(model: Any) -> dict[str, Any]:
    return json.loads(model.to_json())
