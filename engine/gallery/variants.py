"""Variants of the seed's examples and a few classics, each under its own name.

The variants are the models the gallery used to show under the seed's names (a deeper CNN, an
MLP with dropout, a stateful stack mixing LSTM, GRU and SimpleRNN, a VQA model with two
convolution blocks, an Inception module joined on the channel axis) and the seed's MLP and CNN
sized for the digits dataset, so a first training run works on real data. Keras is imported when a
function runs.
"""

from __future__ import annotations

from typing import Any


def _keras() -> tuple[Any, Any]:
    import keras
    from keras import layers

    return keras, layers


def mlp_digits():
    """The seed's MLP (S9) on the 64 pixels of scikit-learn's 8x8 digits: it trains on them."""
    keras, layers = _keras()
    model = keras.Sequential(name="mlp_digits")
    model.add(keras.Input(shape=(64,)))
    model.add(layers.Dense(32, activation="relu"))
    model.add(layers.Dense(10, activation="softmax"))
    return model


def cnn_digits():
    """The seed's CNN (S10) on scikit-learn's 8x8 grey digits: only the Input changes."""
    keras, layers = _keras()
    model = keras.Sequential(name="cnn_digits")
    model.add(keras.Input(shape=(8, 8, 1)))
    model.add(layers.Conv2D(32, (3, 3), activation="relu"))
    model.add(layers.Conv2D(32, (3, 3), activation="relu"))
    model.add(layers.MaxPooling2D(pool_size=(2, 2)))
    model.add(layers.Flatten())
    model.add(layers.Dense(256, activation="relu"))
    model.add(layers.Dropout(0.5))
    model.add(layers.Dense(10, activation="softmax"))
    return model


def mlp_dropout():
    """The Keras guide's MLP: two Dense(64) with Dropout(0.5) on 20 features."""
    keras, layers = _keras()
    inputs = keras.Input(shape=(20,), name="features")
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dropout(0.5)(x)
    x = layers.Dense(64, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="mlp_dropout")


def cnn_deeper():
    """The seed's CNN (S10) with a third convolution (padding 'same') and a second pooling."""
    keras, layers = _keras()
    inputs = keras.Input(shape=(100, 100, 3), name="image")
    x = layers.Conv2D(32, (3, 3), activation="relu")(inputs)
    x = layers.Conv2D(32, (3, 3), activation="relu")(x)
    x = layers.MaxPooling2D(pool_size=(2, 2))(x)
    x = layers.Dropout(0.25)(x)
    x = layers.Conv2D(64, (3, 3), activation="relu", padding="same", strides=(1, 1))(x)
    x = layers.MaxPooling2D(pool_size=(2, 2))(x)
    x = layers.Flatten()(x)
    x = layers.Dense(256, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="cnn_deeper")


def stateful_rnns():
    """The seed's stateful stack (S11) with its other recurrent layers: LSTM, GRU, SimpleRNN."""
    keras, layers = _keras()
    inputs = keras.Input(shape=(8, 16), batch_size=32, name="sequence")
    x = layers.LSTM(32, return_sequences=True, stateful=True)(inputs)
    x = layers.GRU(32, return_sequences=True, stateful=True)(x)
    x = layers.SimpleRNN(32, stateful=True)(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="stateful_rnns")


def inception_channels():
    """The seed's Inception module (S15) joined on the channel axis (-1) of channels-last images."""
    keras, layers = _keras()
    image = keras.Input(shape=(256, 256, 3), name="image")
    tower_1 = layers.Conv2D(64, (1, 1), padding="same", activation="relu")(image)
    tower_1 = layers.Conv2D(64, (3, 3), padding="same", activation="relu")(tower_1)
    tower_2 = layers.Conv2D(64, (1, 1), padding="same", activation="relu")(image)
    tower_2 = layers.Conv2D(64, (5, 5), padding="same", activation="relu")(tower_2)
    tower_3 = layers.MaxPooling2D((3, 3), strides=(1, 1), padding="same")(image)
    tower_3 = layers.Conv2D(64, (1, 1), padding="same", activation="relu")(tower_3)
    output = layers.concatenate([tower_1, tower_2, tower_3], axis=-1)
    return keras.Model(image, output, name="inception_channels")


def vqa_two_blocks():
    """The seed's VQA model (S17) with two convolution blocks: fewer poolings, more parameters."""
    keras, layers = _keras()
    vision_model = keras.Sequential(
        [
            keras.Input(shape=(224, 224, 3)),
            layers.Conv2D(64, (3, 3), activation="relu", padding="same"),
            layers.Conv2D(64, (3, 3), activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.Conv2D(128, (3, 3), activation="relu", padding="same"),
            layers.Conv2D(128, (3, 3), activation="relu"),
            layers.MaxPooling2D((2, 2)),
            layers.Flatten(),
        ],
        name="vision_model",
    )
    image_input = keras.Input(shape=(224, 224, 3), name="image")
    encoded_image = vision_model(image_input)
    question_input = keras.Input(shape=(100,), dtype="int32", name="question")
    embedded_question = layers.Embedding(input_dim=10000, output_dim=256)(question_input)
    encoded_question = layers.LSTM(256)(embedded_question)
    merged = layers.concatenate([encoded_question, encoded_image])
    output = layers.Dense(1000, activation="softmax")(merged)
    return keras.Model([image_input, question_input], output, name="vqa_two_blocks")


# ---------------------------------------------------------------- classics


def lenet5():
    """LeNet-5 (LeCun et al., 1998) on 32x32 grey images, with Keras layers."""
    keras, layers = _keras()
    inputs = keras.Input(shape=(32, 32, 1), name="image")
    x = layers.Conv2D(6, (5, 5), activation="tanh", name="c1")(inputs)
    x = layers.AveragePooling2D((2, 2), name="s2")(x)
    x = layers.Conv2D(16, (5, 5), activation="tanh", name="c3")(x)
    x = layers.AveragePooling2D((2, 2), name="s4")(x)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(120, activation="tanh", name="c5")(x)
    x = layers.Dense(84, activation="tanh", name="f6")(x)
    outputs = layers.Dense(10, activation="softmax", name="output")(x)
    return keras.Model(inputs, outputs, name="lenet5")


def residual_block():
    """A ResNet basic block: two 3x3 convolutions and an identity shortcut."""
    keras, layers = _keras()
    inputs = keras.Input(shape=(32, 32, 64), name="features")
    x = layers.Conv2D(64, (3, 3), padding="same", use_bias=False, name="conv_1")(inputs)
    x = layers.BatchNormalization(name="bn_1")(x)
    x = layers.Activation("relu", name="relu_1")(x)
    x = layers.Conv2D(64, (3, 3), padding="same", use_bias=False, name="conv_2")(x)
    x = layers.BatchNormalization(name="bn_2")(x)
    x = layers.Add(name="shortcut")([inputs, x])
    outputs = layers.Activation("relu", name="relu_out")(x)
    return keras.Model(inputs, outputs, name="residual_block")


def autoencoder():
    """A dense autoencoder for 28x28 images flattened to 784 values."""
    keras, layers = _keras()
    inputs = keras.Input(shape=(784,), name="pixels")
    x = layers.Dense(128, activation="relu", name="encoder_1")(inputs)
    code = layers.Dense(32, activation="relu", name="code")(x)
    x = layers.Dense(128, activation="relu", name="decoder_1")(code)
    outputs = layers.Dense(784, activation="sigmoid", name="reconstruction")(x)
    return keras.Model(inputs, outputs, name="autoencoder")


def transformer_encoder():
    """One Transformer encoder block: self-attention and a feed-forward network, post-norm."""
    keras, layers = _keras()
    inputs = keras.Input(shape=(64, 128), name="tokens")
    attention = layers.MultiHeadAttention(num_heads=4, key_dim=32, name="self_attention")
    x = attention(inputs, inputs)
    x = layers.Dropout(0.1, name="attention_dropout")(x)
    x = layers.Add(name="residual_1")([inputs, x])
    x1 = layers.LayerNormalization(epsilon=1e-6, name="norm_1")(x)
    x = layers.Dense(256, activation="relu", name="ffn_1")(x1)
    x = layers.Dense(128, name="ffn_2")(x)
    x = layers.Dropout(0.1, name="ffn_dropout")(x)
    x = layers.Add(name="residual_2")([x1, x])
    outputs = layers.LayerNormalization(epsilon=1e-6, name="norm_2")(x)
    return keras.Model(inputs, outputs, name="transformer_encoder")
