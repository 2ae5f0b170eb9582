"""Golden models written in plain Keras: the seed's examples (S8-S17) and keras.applications.

The seed's examples and their variants are the gallery's own builders (`engine.gallery`).

Tests compare what the engine exports with what Keras itself writes for these models.
The applications' JSON is generated once (weights=None) and cached under tests/.cache/.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from engine.gallery import built_config, seed, variants

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
#
# The gallery's models are shipped code (engine.gallery); the tests build the same functions.
# Keys "S9_mlp", "S10_cnn", "S11_stateful_lstm", "S15_inception" and "S17_vqa" keep the models
# the tests were written on, which the gallery now ships as variants under their own names; the
# seed's own code, number for number, is under the "seed_*" keys.

s8_shared_conv = seed.shared_conv
s9_mlp = variants.mlp_dropout
s10_cnn = variants.cnn_deeper
s11_stateful_lstm = variants.stateful_rnns
s13_news_two_io = seed.news_two_io
s14_shared_lstm = seed.shared_lstm
s15_inception = variants.inception_channels
s16_shared_vision = seed.shared_vision
s17_vqa = variants.vqa_two_blocks


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


def s15_residual():
    import keras
    from keras import layers

    x = keras.Input(shape=(256, 256, 3), name="image")
    y = layers.Conv2D(3, (3, 3), padding="same")(x)
    z = layers.add([x, y])
    return keras.Model(x, z, name="residual")


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
    "seed_S9_mlp": seed.mlp,
    "seed_S10_cnn": seed.cnn,
    "seed_S11_stateful_lstm": seed.stateful_lstm,
    "seed_S12_functional_mlp": seed.functional_mlp,
    "seed_S15_inception": seed.inception,
    "seed_S17_vqa": seed.vqa,
    "lstm_with_state": lstm_with_state,
    "attention_block": attention_block,
}


def seed_config(name: str) -> dict:
    """`json.loads(model.to_json())` of a seed model, built fresh (names reset), without
    allocating weights where Keras allows."""
    return built_config(SEED_MODELS[name])


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
