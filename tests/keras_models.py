"""Golden models written in plain Keras: the seed's examples (S8-S17) and keras.applications.

Tests compare what the engine exports with what Keras itself writes for these models.
The applications' JSON is generated once (weights=None) and cached under tests/.cache/.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

CACHE_DIR = Path(__file__).parent / ".cache" / "applications"

APPLICATIONS: tuple[str, ...] = (
    "ConvNeXtBase", "ConvNeXtLarge", "ConvNeXtSmall", "ConvNeXtTiny", "ConvNeXtXLarge",
    "DenseNet121", "DenseNet169", "DenseNet201",
    "EfficientNetB0", "EfficientNetB1", "EfficientNetB2", "EfficientNetB3",
    "EfficientNetB4", "EfficientNetB5", "EfficientNetB6", "EfficientNetB7",
    "EfficientNetV2B0", "EfficientNetV2B1", "EfficientNetV2B2", "EfficientNetV2B3",
    "EfficientNetV2L", "EfficientNetV2M", "EfficientNetV2S",
    "InceptionResNetV2", "InceptionV3",
    "MobileNet", "MobileNetV2", "MobileNetV3Large", "MobileNetV3Small",
    "NASNetLarge", "NASNetMobile",
    "ResNet101", "ResNet101V2", "ResNet152", "ResNet152V2", "ResNet50", "ResNet50V2",
    "VGG16", "VGG19", "Xception",
)  # fmt: skip

_GENERATOR = """
import os, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
out = sys.argv[1]
for name in sys.argv[2:]:
    model = getattr(keras.applications, name)(weights=None)
    with open(os.path.join(out, name + ".json.tmp"), "w") as f:
        f.write(model.to_json())
    os.replace(os.path.join(out, name + ".json.tmp"), os.path.join(out, name + ".json"))
    keras.backend.clear_session()
"""


def application_json_path(name: str) -> Path:
    """Path of the cached `model.to_json()` of `keras.applications.<name>(weights=None)`."""
    path = CACHE_DIR / f"{name}.json"
    if not path.exists():
        ensure_applications()  # all missing ones in one process: Keras's import costs seconds
    return path


def application_config(name: str) -> dict:
    return json.loads(application_json_path(name).read_text())


def ensure_applications(names: list[str] | tuple[str, ...] = APPLICATIONS) -> None:
    """Generate the missing cached JSON files (in a subprocess, so their weights are freed)."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    missing = [n for n in names if not (CACHE_DIR / f"{n}.json").exists()]
    if missing:
        subprocess.run([sys.executable, "-c", _GENERATOR, str(CACHE_DIR), *missing], check=True)


_PARAMS_GENERATOR = """
import json, math, os, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
folder = sys.argv[1]
for name in sys.argv[2:]:
    with open(os.path.join(folder, name + ".json")) as f:
        text = f.read()
    with keras.StatelessScope(initialize_variables=False):  # shapes only, no memory
        model = keras.models.model_from_json(text)
    counts = {
        layer.name: [layer.count_params(), sum(math.prod(w.shape) for w in layer.trainable_weights)]
        for layer in model.layers
    }
    with open(os.path.join(folder, name + ".params.json.tmp"), "w") as f:
        json.dump(counts, f)
    os.replace(os.path.join(folder, name + ".params.json.tmp"),
               os.path.join(folder, name + ".params.json"))
    keras.backend.clear_session()
"""


def application_layer_params(name: str) -> dict[str, tuple[int, int]]:
    """Keras's own `count_params()` and trainable count of every layer of an application.

    Keras builds the model from the cached JSON (in a subprocess, inside a stateless scope: no
    weight memory); the counts are cached beside the JSON.
    """
    path = CACHE_DIR / f"{name}.params.json"
    if not path.exists():
        ensure_applications()
        missing = [n for n in APPLICATIONS if not (CACHE_DIR / f"{n}.params.json").exists()]
        subprocess.run([sys.executable, "-c", _PARAMS_GENERATOR, str(CACHE_DIR), *missing],
                       check=True)  # fmt: skip
    return {layer: (total, trainable) for layer, (total, trainable) in
            json.loads(path.read_text()).items()}  # fmt: skip


# ---------------------------------------------------------------- the seed's examples


def s8_shared_conv():
    import keras
    from keras import layers

    a = keras.Input(shape=(32, 32, 3), name="image_a")
    b = keras.Input(shape=(64, 64, 3), name="image_b")
    conv = layers.Conv2D(16, (3, 3), padding="same", name="shared_conv")
    out_a, out_b = conv(a), conv(b)
    return keras.Model([a, b], [out_a, out_b], name="shared_conv")


def s9_mlp():
    import keras
    from keras import layers

    inputs = keras.Input(shape=(20,), name="features")
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dropout(0.5)(x)
    x = layers.Dense(64, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="mlp")


def s9_mlp_sequential():
    import keras
    from keras import layers

    return keras.Sequential(
        [
            keras.Input(shape=(20,)),
            layers.Dense(64, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(64, activation="relu"),
            layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ],
        name="mlp_sequential",
    )


def s10_cnn():
    import keras
    from keras import layers

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
    return keras.Model(inputs, outputs, name="cnn")


def s11_stateful_lstm():
    import keras
    from keras import layers

    inputs = keras.Input(shape=(8, 16), batch_size=32, name="sequence")
    x = layers.LSTM(32, return_sequences=True, stateful=True)(inputs)
    x = layers.GRU(32, return_sequences=True, stateful=True)(x)
    x = layers.SimpleRNN(32, stateful=True)(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="stateful_lstm")


def s13_news_two_io():
    import keras
    from keras import layers

    main_input = keras.Input(shape=(100,), dtype="int32", name="main_input")
    x = layers.Embedding(output_dim=512, input_dim=10000)(main_input)
    lstm_out = layers.LSTM(32)(x)
    aux_output = layers.Dense(1, activation="sigmoid", name="aux_output")(lstm_out)
    aux_input = keras.Input(shape=(5,), name="aux_input")
    x = layers.concatenate([lstm_out, aux_input])
    x = layers.Dense(64, activation="relu")(x)
    x = layers.Dense(64, activation="relu")(x)
    x = layers.Dense(64, activation="relu")(x)
    main_output = layers.Dense(1, activation="sigmoid", name="main_output")(x)
    return keras.Model([main_input, aux_input], [main_output, aux_output], name="news")


def s14_shared_lstm():
    import keras
    from keras import layers

    tweet_a = keras.Input(shape=(140, 256), name="tweet_a")
    tweet_b = keras.Input(shape=(140, 256), name="tweet_b")
    shared_lstm = layers.LSTM(64)
    merged = layers.concatenate([shared_lstm(tweet_a), shared_lstm(tweet_b)], axis=-1)
    predictions = layers.Dense(1, activation="sigmoid")(merged)
    return keras.Model([tweet_a, tweet_b], predictions, name="shared_lstm")


def s15_inception():
    import keras
    from keras import layers

    image = keras.Input(shape=(256, 256, 3), name="image")
    tower_1 = layers.Conv2D(64, (1, 1), padding="same", activation="relu")(image)
    tower_1 = layers.Conv2D(64, (3, 3), padding="same", activation="relu")(tower_1)
    tower_2 = layers.Conv2D(64, (1, 1), padding="same", activation="relu")(image)
    tower_2 = layers.Conv2D(64, (5, 5), padding="same", activation="relu")(tower_2)
    tower_3 = layers.MaxPooling2D((3, 3), strides=(1, 1), padding="same")(image)
    tower_3 = layers.Conv2D(64, (1, 1), padding="same", activation="relu")(tower_3)
    output = layers.concatenate([tower_1, tower_2, tower_3], axis=-1)
    return keras.Model(image, output, name="inception")


def s15_residual():
    import keras
    from keras import layers

    x = keras.Input(shape=(256, 256, 3), name="image")
    y = layers.Conv2D(3, (3, 3), padding="same")(x)
    z = layers.add([x, y])
    return keras.Model(x, z, name="residual")


def s16_shared_vision():
    import keras
    from keras import layers

    digit_input = keras.Input(shape=(27, 27, 1), name="digit")
    x = layers.Conv2D(64, (3, 3))(digit_input)
    x = layers.Conv2D(64, (3, 3))(x)
    x = layers.MaxPooling2D((2, 2))(x)
    out = layers.Flatten()(x)
    vision_model = keras.Model(digit_input, out, name="vision")

    digit_a = keras.Input(shape=(27, 27, 1), name="digit_a")
    digit_b = keras.Input(shape=(27, 27, 1), name="digit_b")
    out_a, out_b = vision_model(digit_a), vision_model(digit_b)
    concatenated = layers.concatenate([out_a, out_b])
    out = layers.Dense(1, activation="sigmoid")(concatenated)
    return keras.Model([digit_a, digit_b], out, name="shared_vision")


def s17_vqa():
    import keras
    from keras import layers

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
    return keras.Model([image_input, question_input], output, name="vqa")


def lstm_with_state():
    """Several outputs from one call: LSTM(return_state=True)."""
    import keras
    from keras import layers

    inputs = keras.Input(shape=(10, 8), name="seq")
    seq, h, c = layers.LSTM(16, return_sequences=True, return_state=True)(inputs)
    out = layers.Dense(4)(layers.concatenate([h, c]))
    return keras.Model(inputs, [seq, out], name="lstm_state")


def attention_block():
    """Named inputs: MultiHeadAttention(query, value, key)."""
    import keras
    from keras import layers

    q = keras.Input(shape=(12, 32), name="query")
    v = keras.Input(shape=(20, 32), name="value")
    att = layers.MultiHeadAttention(num_heads=2, key_dim=16)(q, v, key=v)
    out = layers.LayerNormalization()(layers.add([q, att]))
    return keras.Model([q, v], out, name="attention")


SEED_MODELS: dict[str, Callable] = {
    "S8_shared_conv": s8_shared_conv,
    "S9_mlp": s9_mlp,
    "S9_mlp_sequential": s9_mlp_sequential,
    "S10_cnn": s10_cnn,
    "S11_stateful_lstm": s11_stateful_lstm,
    "S13_news_two_io": s13_news_two_io,
    "S14_shared_lstm": s14_shared_lstm,
    "S15_inception": s15_inception,
    "S15_residual": s15_residual,
    "S16_shared_vision": s16_shared_vision,
    "S17_vqa": s17_vqa,
    "lstm_with_state": lstm_with_state,
    "attention_block": attention_block,
}


def seed_config(name: str) -> dict:
    """`json.loads(model.to_json())` of a seed model, built fresh (names reset)."""
    import keras

    keras.backend.clear_session()
    return json.loads(SEED_MODELS[name]().to_json())


def nested_outputs():
    """Outputs taken straight from a nested Functional (Keras writes their index + 1)."""
    import keras
    from keras import layers

    x = keras.Input((4,), name="x")
    inner = keras.Model(x, layers.Dense(2, name="inner_dense")(x), name="inner")
    seq = keras.Sequential([keras.Input((4,)), layers.Dense(3, name="seq_dense")], name="seq")
    a = keras.Input((4,), name="a")
    b = keras.Input((4,), name="b")
    return keras.Model([a, b], [inner(a), inner(b), seq(a)], name="nested_outputs")


SEED_MODELS["nested_outputs"] = nested_outputs
