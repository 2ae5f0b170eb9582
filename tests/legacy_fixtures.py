"""Legacy Keras 2 model files generated with `tf_keras`, for the legacy importer's tests.

`tf_keras` (Keras 2) and Keras 3 do not share a process well, so the files are written by a
subprocess: for each model `<name>.json` (`model.to_json()`), `<name>.h5` (full model),
`<name>.weights.h5` (legacy `save_weights`), `<name>.npz` (inputs `x0..` and predictions `y0..`)
and `<name>.meta.json` (layer names, classes and output shapes as tf_keras reports them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

MODELS: tuple[str, ...] = (
    "mlp",
    "cnn",
    "two_io",
    "shared_rnn",
    "shared_vision",
    "seq_in_functional",
    "transfer",
    "attention",
    "wrappers",
    "stateful_lstm",
    "lambda_model",
    "tfop_model",
)

_GENERATOR = r"""
import json, os, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
import tensorflow as tf
import tf_keras as k
from tf_keras import layers as L

tf.random.set_seed(0)
out = sys.argv[1]


def mlp():
    return k.Sequential([
        L.Dense(16, activation="relu", input_shape=(8,), name="hidden",
                kernel_regularizer=k.regularizers.l2(0.01)),
        L.Dropout(0.1, name="drop"),
        L.Dense(3, activation="softmax", name="probs",
                kernel_initializer=k.initializers.VarianceScaling(2.0, "fan_in", "normal")),
    ], name="mlp")


def cnn():
    return k.Sequential([
        k.Input((12, 12, 3), name="image"),
        # Keras 2 allowed "/" in names (DenseNet's "conv1/conv"); Keras 3 forbids it.
        L.Conv2D(4, 3, padding="same", activation="relu", name="block1/conv"),
        L.BatchNormalization(name="bn"),
        L.DepthwiseConv2D(3, depth_multiplier=2, name="depthwise"),
        L.MaxPooling2D(name="pool"),
        L.SeparableConv2D(5, 3, padding="same", name="separable"),
        L.GlobalAveragePooling2D(name="gap"),
        L.Dense(2, name="logits"),
    ], name="cnn")


def two_io():
    text = k.Input((6,), dtype="int32", name="text")
    meta = k.Input((4,), name="meta")
    x = L.Embedding(20, 5, name="embed")(text)
    x = L.LSTM(7, name="lstm")(x)
    y = L.Dense(3, activation="tanh", name="meta/dense")(meta)
    z = L.concatenate([x, y], name="merge")
    score = L.Dense(1, activation="sigmoid", name="score")(z)
    topic = L.Dense(4, activation="softmax", name="topic")(z)
    return k.Model([text, meta], [score, topic], name="two_io")


def shared_rnn():
    a = k.Input((5, 3), name="seq_a")
    b = k.Input((5, 3), name="seq_b")
    lstm = L.LSTM(6, return_sequences=True, name="shared_lstm")
    gru = L.GRU(4, name="gru")
    ea, eb = lstm(a), lstm(b)
    x = L.concatenate([gru(ea), gru(eb)], name="merge")
    return k.Model([a, b], L.Dense(1, name="out")(x), name="shared_rnn")


def shared_vision():
    img = k.Input((10, 10, 1), name="digit")
    x = L.Conv2D(3, 3, name="v_conv")(img)
    x = L.BatchNormalization(name="v_bn")(x)
    x = L.MaxPooling2D(name="v_pool")(x)
    x = L.Flatten(name="v_flat")(x)
    x = L.Dense(5, name="v_dense")(x)
    vision = k.Model(img, x, name="vision")
    a = k.Input((10, 10, 1), name="digit_a")
    b = k.Input((10, 10, 1), name="digit_b")
    va, vb = vision(a), vision(b)
    same = L.Dense(1, activation="sigmoid", name="same")(L.concatenate([va, vb], name="merge"))
    # An output straight from a nested model: its node index is shifted in Keras 2 too.
    return k.Model([a, b], [same, vb], name="shared_vision")


def seq_in_functional():
    inner = k.Sequential([
        L.Dense(6, activation="relu", input_shape=(4,), name="s_dense1"),
        L.Dense(5, name="s_dense2"),
    ], name="block")
    inner.layers[0].trainable = False
    inp = k.Input((4,), name="features")
    first, second = inner(inp), inner(inp, training=False)  # call kwargs are kept
    x = L.Add(name="add")([first, second])
    return k.Model(inp, [L.Dense(2, name="head")(x), second], name="seq_in_functional")


def transfer():
    # The usual transfer-learning file: a frozen functional base inside a Sequential model.
    img = k.Input((8, 8, 3), name="base_input")
    x = L.Conv2D(4, 3, name="base_conv")(img)
    x = L.BatchNormalization(name="base_bn")(x)
    base = k.Model(img, L.ReLU(name="base_relu")(x), name="base")
    base.trainable = False
    return k.Sequential([
        k.Input((8, 8, 3), name="image"),
        base,
        L.GlobalAveragePooling2D(name="gap"),
        L.Dense(3, name="classes"),
    ], name="transfer")


def attention():
    seq = k.Input((4, 6), name="tokens")
    x = L.MultiHeadAttention(num_heads=2, key_dim=3, name="mha")(seq, seq)
    x = L.LayerNormalization(name="norm")(x)
    x = L.GlobalAveragePooling1D(name="gap")(x)
    return k.Model(seq, L.Dense(2, name="out")(x), name="attention")


def wrappers():
    seq = k.Input((5, 3), name="seq")
    x = L.Bidirectional(L.LSTM(4, return_sequences=True), name="bi")(seq)
    x = L.TimeDistributed(L.Dense(2), name="td")(x)
    x = L.LeakyReLU(0.2, name="leaky")(x)
    return k.Model(seq, L.Flatten(name="flat")(x), name="wrappers")


def stateful_lstm():
    # the seed's S11, as its notes write it: a stateful LSTM needs the whole batch_input_shape
    model = k.Sequential(name="stateful_lstm")
    model.add(L.LSTM(32, return_sequences=True, stateful=True, batch_input_shape=(32, 8, 16)))
    model.add(L.LSTM(32, return_sequences=True, stateful=True))
    model.add(L.LSTM(32, stateful=True))
    model.add(L.Dense(10, activation="softmax"))
    model.compile(loss="categorical_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
    return model


def lambda_model():
    inp = k.Input((3,), name="x")
    x = L.Dense(4, name="dense")(inp)
    x = L.Lambda(lambda t: t * 2.0, name="double")(x)
    return k.Model(inp, x, name="lambda_model")


def tfop_model():
    inp = k.Input((3,), name="x")
    x = L.Dense(4, name="dense")(inp)
    return k.Model(inp, tf.math.square(x), name="tfop_model")


def shapes(layer):
    try:
        s = layer.output_shape
    except (AttributeError, RuntimeError):
        return None
    return json.loads(json.dumps(s, default=list))


def inputs_for(model):
    rng = np.random.default_rng(0)
    xs = []
    for t in model.inputs:
        shape = (t.shape[0] or 3, *t.shape[1:])  # a stateful model's batch size is fixed
        if t.dtype.is_integer:
            xs.append(rng.integers(0, 20, size=shape).astype("int32"))
        else:
            xs.append(rng.normal(size=shape).astype("float32"))
    return xs


for name in sys.argv[2:]:
    model = globals()[name]()
    base = os.path.join(out, name)
    with open(base + ".json", "w") as f:
        f.write(model.to_json())
    model.save(base + ".h5", save_format="h5")
    model.save_weights(base + "_weights.h5")
    xs = inputs_for(model)
    ys = model(xs if len(xs) > 1 else xs[0], training=False)  # eager: no tf.function tracing
    ys = [y.numpy() for y in ys] if isinstance(ys, list) else [ys.numpy()]
    np.savez(base + ".npz", **{f"x{i}": x for i, x in enumerate(xs)},
             **{f"y{i}": y for i, y in enumerate(ys)})
    meta = {"layers": [{"name": l.name, "class_name": type(l).__name__,
                        "output_shape": shapes(l)} for l in model.layers],
            "output_shapes": [list(t.shape) for t in model.outputs]}
    with open(base + ".meta.json", "w") as f:
        json.dump(meta, f)
"""


def generate(out_dir: Path, names: tuple[str, ...] = MODELS) -> Path:
    """Write the legacy files of `names` into `out_dir` with tf_keras (in a subprocess)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "TF_USE_LEGACY_KERAS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _GENERATOR, str(out_dir), *names],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"tf_keras generator failed:\n{done.stderr[-3000:]}")
    return out_dir


def load_meta(out_dir: Path, name: str) -> dict:
    """The layers and output shapes that tf_keras reported for model `name`."""
    return json.loads((out_dir / f"{name}.meta.json").read_text())


def load_arrays(out_dir: Path, name: str) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The inputs and the tf_keras predictions saved for model `name`."""
    with np.load(out_dir / f"{name}.npz") as data:
        xs = [data[f"x{i}"] for i in range(len([k for k in data.files if k[0] == "x"]))]
        ys = [data[f"y{i}"] for i in range(len([k for k in data.files if k[0] == "y"]))]
    return xs, ys
