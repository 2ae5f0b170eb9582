"""The seed's examples (S8-S17 of `../shared/docs/SEED.md`), exactly as the seed writes them.

Each function is the seed's code, layer for layer and number for number, in Keras 3's spelling
where Keras 3 needs another one: `keras.Input(...)` as a Sequential model's first entry instead
of `input_shape=`/`input_dim=` on its first layer, the fixed batch size of a stateful model on
the Input instead of `batch_input_shape=`, no `input_length=` on Embedding (deprecated: Keras 3
ignores it). Where the seed's code cannot run as printed (S17 feeds its Embedding with a tensor
defined a line later) the model is what the seed clearly means; `engine.gallery.notes` says so
next to the seed's own words. Layers keep Keras's automatic names, as in the seed; models are
named after their template.

Keras is imported when a function runs, never at import time.
"""

from __future__ import annotations

from typing import Any


def _keras() -> Any:
    import keras

    return keras


def shared_conv():
    """S8: one Conv2D(16, (3, 3), padding='same') called on (32, 32, 3) and (64, 64, 3) inputs."""
    keras = _keras()
    from keras.layers import Conv2D, Input

    a = Input(shape=(32, 32, 3), name="image_a")
    b = Input(shape=(64, 64, 3), name="image_b")
    conv = Conv2D(16, (3, 3), padding="same", name="shared_conv")
    convded_a = conv(a)
    convded_b = conv(b)
    return keras.Model([a, b], [convded_a, convded_b], name="shared_conv")


def mlp():
    """S9: the 10-class MLP, Dense(32, relu) on 100 features then Dense(10, softmax)."""
    keras = _keras()
    from keras.layers import Dense

    model = keras.Sequential(name="mlp")
    model.add(keras.Input(shape=(100,)))  # the seed: input_dim=100 on the first Dense
    model.add(Dense(32, activation="relu"))
    model.add(Dense(10, activation="softmax"))
    return model


def cnn():
    """S10: two valid 3x3 Conv2D(32), MaxPooling2D(2), Flatten, Dense(256), Dropout, Dense(10)."""
    keras = _keras()
    from keras.layers import Conv2D, Dense, Dropout, Flatten, MaxPooling2D

    model = keras.Sequential(name="cnn")
    model.add(keras.Input(shape=(100, 100, 3)))  # the seed: input_shape=(100, 100, 3)
    model.add(Conv2D(32, (3, 3), activation="relu"))
    model.add(Conv2D(32, (3, 3), activation="relu"))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Flatten())
    model.add(Dense(256, activation="relu"))
    model.add(Dropout(0.5))
    model.add(Dense(10, activation="softmax"))
    return model


def stateful_lstm():
    """S11: three stateful LSTM(32) on batches of (32, 8, 16), then Dense(10, softmax)."""
    keras = _keras()
    from keras.layers import LSTM, Dense

    data_dim = 16
    timesteps = 8
    num_classes = 10
    batch_size = 32
    model = keras.Sequential(name="stateful_lstm")
    # the seed: batch_input_shape=(batch_size, timesteps, data_dim) on the first LSTM
    model.add(keras.Input(batch_shape=(batch_size, timesteps, data_dim)))
    model.add(LSTM(32, return_sequences=True, stateful=True))
    model.add(LSTM(32, return_sequences=True, stateful=True))
    model.add(LSTM(32, stateful=True))
    model.add(Dense(num_classes, activation="softmax"))
    return model


def functional_mlp():
    """S12: the functional API's three-layer network, Dense(64), Dense(64), Dense(10) on 784."""
    keras = _keras()
    from keras.layers import Dense, Input

    inputs = Input(shape=(784,), name="input")  # the seed's variable (it hides Python's input())
    x = Dense(64, activation="relu")(inputs)
    x = Dense(64, activation="relu")(x)
    predictions = Dense(10, activation="softmax")(x)
    return keras.Model(inputs=inputs, outputs=predictions, name="functional_mlp")


def news_two_io():
    """S13: the two-input, two-output news model with an auxiliary output."""
    keras = _keras()
    from keras.layers import LSTM, Dense, Embedding, Input

    main_input = Input(shape=(100,), dtype="int32", name="main_input")
    x = Embedding(output_dim=512, input_dim=10000)(main_input)  # the seed: input_length=100
    lstm_out = LSTM(32)(x)
    auxiliary_output = Dense(1, activation="sigmoid", name="aux_output")(lstm_out)
    auxiliary_input = Input(shape=(5,), name="aux_input")
    x = keras.layers.concatenate([lstm_out, auxiliary_input])
    x = Dense(64, activation="relu")(x)
    x = Dense(64, activation="relu")(x)
    x = Dense(64, activation="relu")(x)
    main_output = Dense(1, activation="sigmoid", name="main_output")(x)
    return keras.Model(
        inputs=[main_input, auxiliary_input],
        outputs=[main_output, auxiliary_output],
        name="news",
    )


def shared_lstm():
    """S14: one LSTM(64) shared by two (140, 256) tweets, concatenated, Dense(1, sigmoid)."""
    keras = _keras()
    from keras.layers import LSTM, Dense, Input

    tweet_a = Input(shape=(140, 256), name="tweet_a")
    tweet_b = Input(shape=(140, 256), name="tweet_b")
    shared = LSTM(64)
    encoded_a = shared(tweet_a)
    encoded_b = shared(tweet_b)
    merged_vector = keras.layers.concatenate([encoded_a, encoded_b], axis=-1)
    predictions = Dense(1, activation="sigmoid")(merged_vector)
    return keras.Model(inputs=[tweet_a, tweet_b], outputs=predictions, name="shared_lstm")


def inception():
    """S15: the Inception module, three towers joined by concatenate(axis=1) as the seed writes."""
    keras = _keras()
    from keras.layers import Conv2D, Input, MaxPooling2D

    input_img = Input(shape=(256, 256, 3), name="input_img")
    tower_1 = Conv2D(64, (1, 1), padding="same", activation="relu")(input_img)
    tower_1 = Conv2D(64, (3, 3), padding="same", activation="relu")(tower_1)
    tower_2 = Conv2D(64, (1, 1), padding="same", activation="relu")(input_img)
    tower_2 = Conv2D(64, (5, 5), padding="same", activation="relu")(tower_2)
    tower_3 = MaxPooling2D((3, 3), strides=(1, 1), padding="same")(input_img)
    tower_3 = Conv2D(64, (1, 1), padding="same", activation="relu")(tower_3)
    # axis=1 is the channel axis of channels-first images only (see the notes)
    output = keras.layers.concatenate([tower_1, tower_2, tower_3], axis=1)
    return keras.Model(input_img, output, name="inception")


def shared_vision():
    """S16: a vision Model shared, weights and all, by two (27, 27, 1) digits."""
    keras = _keras()
    from keras.layers import Conv2D, Dense, Flatten, Input, MaxPooling2D

    digit_input = Input(shape=(27, 27, 1), name="digit")
    x = Conv2D(64, (3, 3))(digit_input)
    x = Conv2D(64, (3, 3))(x)
    x = MaxPooling2D((2, 2))(x)
    out = Flatten()(x)
    vision_model = keras.Model(digit_input, out, name="vision")
    digit_a = Input(shape=(27, 27, 1), name="digit_a")
    digit_b = Input(shape=(27, 27, 1), name="digit_b")
    out_a = vision_model(digit_a)
    out_b = vision_model(digit_b)
    concatenated = keras.layers.concatenate([out_a, out_b])
    out = Dense(1, activation="sigmoid")(concatenated)
    return keras.Model([digit_a, digit_b], out, name="shared_vision")


def vqa():
    """S17: visual question answering, the seed's whole Sequential vision model included."""
    keras = _keras()
    from keras.layers import LSTM, Conv2D, Dense, Embedding, Flatten, Input, MaxPooling2D

    vision_model = keras.Sequential(name="vision_model")
    vision_model.add(keras.Input(shape=(224, 224, 3)))  # the seed: input_shape=(224, 224, 3)
    vision_model.add(Conv2D(64, (3, 3), activation="relu", padding="same"))
    vision_model.add(Conv2D(64, (3, 3), activation="relu"))
    vision_model.add(MaxPooling2D((2, 2)))
    vision_model.add(Conv2D(128, (3, 3), activation="relu", padding="same"))
    vision_model.add(Conv2D(128, (3, 3), activation="relu"))
    vision_model.add(MaxPooling2D((2, 2)))
    vision_model.add(Conv2D(256, (3, 3), activation="relu", padding="same"))
    vision_model.add(Conv2D(256, (3, 3), activation="relu"))
    vision_model.add(Conv2D(256, (3, 3), activation="relu"))
    vision_model.add(MaxPooling2D((2, 2)))
    vision_model.add(Flatten())
    image_input = Input(shape=(224, 224, 3), name="image")
    encoded_image = vision_model(image_input)
    question_input = Input(shape=(100,), dtype="int32", name="question")
    # the seed applies the Embedding to `encoded_question`, defined a line later: a typo
    embedded_question = Embedding(input_dim=10000, output_dim=256)(question_input)
    encoded_question = LSTM(256)(embedded_question)
    merged = keras.layers.concatenate([encoded_question, encoded_image])
    output = Dense(1000, activation="softmax")(merged)
    return keras.Model(inputs=[image_input, question_input], outputs=output, name="vqa")
