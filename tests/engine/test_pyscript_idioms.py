"""The Keras idioms a script reader must follow, each checked against Keras running the script.

The truth for a Keras 3 script is Keras itself: these fixtures are our own code, so the test
executes each one in a fresh Keras session and compares `model.to_json()` with what the reader
builds without running it. Keras 2 spellings cannot run on Keras 3; their truth is the Keras 3
model the legacy importer would give.
"""

from __future__ import annotations

import json
import textwrap

import keras
import pytest

from engine.io.pyscript import ScriptError, read_script


def executed(source: str, name: str = "model") -> dict:
    """Keras's own config of the model a (trusted, test-owned) script builds."""
    keras.backend.clear_session(free_memory=False)
    namespace: dict = {"__name__": "__main__"}
    try:
        exec(compile(source, "idiom.py", "exec"), namespace)
        return json.loads(namespace[name].to_json())
    finally:
        keras.backend.clear_session(free_memory=False)


def read(source: str, model: str | None = None) -> dict:
    return read_script(source, "idiom.py").model(model).config


IDIOMS = {
    "aliases": """
        import keras as K
        from keras import layers as L
        from keras.layers import Dense as D, Dropout
        from keras.models import Model as M
        import keras.layers
        inp = K.Input(shape=(16,), name="x")
        h = D(8, activation="relu")(inp)
        h = Dropout(0.1)(h)
        h = keras.layers.Dense(4)(h)
        out = L.Dense(2, activation="softmax")(h)
        model = M(inputs=inp, outputs=out, name="aliases")
    """,
    "tf_keras": """
        import tensorflow as tf
        from tensorflow import keras
        from tensorflow.keras import layers
        inp = tf.keras.Input(shape=(10,))
        x = layers.Dense(6, activation=tf.keras.activations.relu)(inp)
        model = keras.Model(inp, tf.keras.layers.Dense(1)(x))
    """,
    "sequential_list_and_add": """
        import keras
        from keras import layers
        model = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 3)], name="s")
        model.add(layers.MaxPooling2D())
        for units in [32, 16]:
            model.add(layers.Dense(units, activation="relu"))
        model.add(layers.Flatten())
        model.pop()
        model.add(layers.GlobalAveragePooling2D())
    """,
    "several_models_encoder_decoder": """
        import keras
        from keras import layers
        latent = 4
        enc_in = keras.Input(shape=(32,))
        encoder = keras.Model(enc_in, layers.Dense(latent)(enc_in), name="encoder")
        dec_in = keras.Input(shape=(latent,))
        decoded = layers.Dense(32, activation="sigmoid")(dec_in)
        decoder = keras.Model(dec_in, decoded, name="decoder")
        inputs = keras.Input(shape=(32,))
        model = keras.Model(inputs, decoder(encoder(inputs)), name="autoencoder")
    """,
    "shared_layers_and_nested_model": """
        import keras
        from keras import layers
        shared = layers.Dense(8, name="shared")
        a, b = keras.Input((5,), name="a"), keras.Input((5,), name="b")
        block = keras.Sequential([layers.Dense(3), layers.Dense(2)], name="block")
        merged = layers.concatenate([shared(a), shared(b)])
        outputs = [block(merged), block(layers.concatenate([shared(b), shared(a)]))]
        model = keras.Model([a, b], outputs)
    """,
    "constants_loops_comprehensions_helpers": """
        import keras
        from keras import layers

        WIDTH, DEPTH = 16, 3
        KERNEL = (3, 3)

        def conv_bn(x, filters, *, kernel=KERNEL, name=None, **extra):
            x = layers.Conv2D(filters, kernel, padding="same", name=name, **extra)(x)
            x = layers.BatchNormalization()(x)
            return layers.Activation("relu")(x)

        def residual_block(x, filters, stride=1):
            shortcut = x
            x = conv_bn(x, filters, name=f"block_{filters}_{stride}_a", strides=stride)
            x = layers.Conv2D(filters, KERNEL, padding="same")(x)
            if stride != 1 or shortcut.shape[-1] != filters:
                shortcut = layers.Conv2D(filters, 1, strides=stride)(shortcut)
            return layers.Activation("relu")(layers.add([x, shortcut]))

        inputs = keras.Input(shape=(32, 32, 3))
        x = conv_bn(inputs, WIDTH)
        for i in range(DEPTH):
            x = residual_block(x, WIDTH * 2 ** i, stride=1 if i == 0 else 2)
        heads = [layers.Dense(n, name=f"head_{n}") for n in (2, 3) if n > 1]
        pooled = layers.GlobalAveragePooling2D()(x)
        model = keras.Model(inputs, [head(pooled) for head in heads], name=f"resnet_{DEPTH * 2}")
    """,
    "tensor_operators_ops_and_states": """
        import keras
        from keras import layers, ops
        seq = keras.Input((10, 4), name="seq")
        out, h, c = layers.LSTM(6, return_sequences=True, return_state=True)(seq)
        first = out[:, 0]
        mixed = (h + c) * 0.5 - first
        both = ops.concatenate([mixed, keras.activations.relu(h)], axis=-1)
        model = keras.Model(seq, {"mixed": both, "last": layers.Dense(1)(-h)})
    """,
    "masking_embedding": """
        import keras
        from keras import layers
        tokens = keras.Input((12,), dtype="int32")
        x = layers.Embedding(100, 8, mask_zero=True)(tokens)
        x = layers.Bidirectional(layers.LSTM(4, return_sequences=True))(x)
        model = keras.Model(tokens, layers.GlobalAveragePooling1D()(x))
    """,
    "main_guard_and_build_function": """
        import keras
        from keras import layers

        def build(num_classes=10, hidden=(64, 32)):
            inputs = keras.Input(shape=(784,))
            x = inputs
            for units in hidden:
                x = layers.Dense(units, activation="relu")(x)
            return keras.Model(inputs, layers.Dense(num_classes, activation="softmax")(x))

        if __name__ == "__main__":
            model = build(hidden=[128, 64, 32])
            model.summary()
    """,
    "transfer_learning_application": """
        import keras
        from keras import layers
        base = keras.applications.MobileNet(weights=None, include_top=False, alpha=0.25,
                                            input_shape=(64, 64, 3))
        base.trainable = False
        x = layers.GlobalAveragePooling2D()(base.output)
        model = keras.Model(base.input, layers.Dense(5, activation="softmax")(x))
    """,
    "stateful_sequential": """
        import keras
        from keras import layers
        model = keras.Sequential([
            keras.Input(batch_shape=(4, 8, 3)),
            layers.GRU(5, stateful=True, return_sequences=True),
            layers.Bidirectional(layers.LSTM(3, stateful=True)),
            layers.Dense(2),
        ])
    """,
}


@pytest.mark.parametrize("name", sorted(IDIOMS))
def test_idiom_reads_as_keras_runs_it(name):
    source = textwrap.dedent(IDIOMS[name])
    assert read(source) == executed(source)


def test_several_models_are_listed_and_the_last_opens_unless_one_is_chosen():
    source = textwrap.dedent(IDIOMS["several_models_encoder_decoder"])
    reading = read_script(source, "ae.py")
    assert [m.name for m in reading.models] == ["encoder", "decoder", "model"]
    assert reading.model().keras_name == "autoencoder"
    assert reading.model("decoder").config == executed(source, "decoder")
    assert reading.model("encoder").config["config"]["name"] == "encoder"  # by Keras name too
    with pytest.raises(ScriptError, match=r"no model named 'vae'\. Its models: encoder, decoder"):
        reading.model("vae")


def test_nested_builder_models_are_not_listed_beside_the_model_they_build():
    source = textwrap.dedent(IDIOMS["main_guard_and_build_function"])
    reading = read_script(source, "main.py")
    assert [m.name for m in reading.models] == ["model"]
    assert any("model.summary(...)" in str(n) for n in reading.notes)


# ---------------------------------------------------------------- Keras 2 spellings

KERAS2 = {
    "input_dim_and_input_shape": (
        """
        from keras.models import Sequential
        from keras.layers.core import Dense, Activation
        from keras.layers.convolutional import Conv1D
        model = Sequential()
        model.add(Conv1D(4, 3, input_shape=(10, 2)))
        model.add(Dense(8, input_dim=999))  # a later layer's input means nothing (Keras 2)
        model.add(Activation("relu"))
        """,
        """
        import keras
        from keras import layers
        model = keras.Sequential()
        model.add(layers.InputLayer(batch_shape=(None, 10, 2), name="conv1d_input"))
        model.add(layers.Conv1D(4, 3))
        model.add(layers.Dense(8))
        model.add(layers.Activation("relu"))
        """,
    ),
    "batch_input_shape_leaky_relu_input_length": (
        """
        import keras
        from keras.layers import Embedding, LSTM, LeakyReLU
        model = keras.models.Sequential([
            Embedding(50, 4, input_length=6, batch_input_shape=(2, 6)),
            LSTM(3, stateful=True),
            LeakyReLU(alpha=0.3),
        ])
        """,
        """
        import keras
        from keras import layers
        model = keras.Sequential([
            layers.InputLayer(batch_shape=(2, 6), name="embedding_input"),
            layers.Embedding(50, 4),
            layers.LSTM(3, stateful=True),
            layers.LeakyReLU(negative_slope=0.3),
        ])
        """,
    ),
    "merge_functions_int_shape_and_keras1_model": (
        """
        import keras
        from keras import backend as K
        from keras.layers.merge import concatenate
        from keras.layers import Input, Dense, merge
        from keras.engine.training import Model
        a = Input(shape=(4,))
        b = Input(shape=(4,))
        s = merge([a, b], mode="sum")
        c = concatenate([a, s])
        d = keras.layers.merge.multiply([a, b])
        m = merge([c, Dense(K.int_shape(c)[-1])(d)], mode="concat", concat_axis=-1)
        model = Model(input=[a, b], output=m)
        """,
        """
        import keras
        from keras import layers
        a = keras.Input(shape=(4,))
        b = keras.Input(shape=(4,))
        s = layers.add([a, b])
        c = layers.concatenate([a, s])
        d = layers.multiply([a, b])
        m = layers.concatenate([c, layers.Dense(8)(d)], axis=-1)
        model = keras.Model(inputs=[a, b], outputs=m)
        """,
    ),
}


@pytest.mark.parametrize("name", sorted(KERAS2))
def test_keras2_spellings_read_as_their_keras3_model(name):
    keras2, keras3 = (textwrap.dedent(s) for s in KERAS2[name])
    reading = read_script(keras2, "old.py")
    assert reading.model().config == executed(keras3)
    assert reading.notes  # each translation is reported


def test_keras2_notes_name_the_translations():
    keras2 = textwrap.dedent(KERAS2["batch_input_shape_leaky_relu_input_length"][0])
    text = "\n".join(str(n) for n in read_script(keras2, "old.py").notes)
    assert "`input_length=` is Keras 2's; Keras 3's Embedding has no such setting" in text
    assert "`alpha=` is Keras 2's spelling of LeakyReLU's `negative_slope=`" in text


# ---------------------------------------------------------------- what it cannot follow


def refusal(source: str) -> str:
    with pytest.raises(ScriptError) as caught:
        read_script(textwrap.dedent(source), "s.py").model()
    return str(caught.value)


def test_data_computed_at_run_time_is_reported_where_the_model_needs_it():
    message = refusal("""
        import numpy as np
        import keras
        y_train = np.load("labels.npy")
        classes = y_train.shape[1]
        inputs = keras.Input((8,))
        model = keras.Model(inputs, keras.layers.Dense(classes)(inputs))
    """)
    assert message.startswith(
        "line 7: `keras.layers.Dense(...)` needs `classes`: `y_train.shape[1]`"
    )
    assert "from `np.load(...)` (line 4), which is computed when the script runs" in message
    assert message.endswith("this reader does not run code.")


def test_a_block_decided_at_run_time_stops_only_the_model_that_needs_it():
    message = refusal("""
        import sys
        import keras
        inputs = keras.Input((8,))
        x = keras.layers.Dense(4)(inputs)
        if "--deep" in sys.argv:
            x = keras.layers.Dense(4)(x)
        model = keras.Model(inputs, x)
    """)
    assert "line 8: `keras.Model(...)` needs `x` (line 6)" in message, message
    assert "depends on the block of `'--deep' in sys.argv` (line 6)" in message


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import keras\nx = keras.layers.Dnse(3)", "line 2: `keras.layers.Dnse` does not exist in "
         "Keras 3 (did you mean `Dense`?)"),
        ("import keras\nf = keras.layers.Lambda(lambda t: t * 2)",
         "line 2: `keras.layers.Lambda(...)`: a Lambda layer runs Python code"),
        ("import keras\nkeras.backend.set_floatx('float16')", "changes Keras's global settings"),
        ("import keras\nwhile True:\n    pass", "more than 2,000,000 steps"),
        ("import keras\nclass Block(keras.layers.Layer):\n    pass\ni = keras.Input((2,))\n"
         "m = keras.Model(i, Block()(i))", "line 5: `keras.Model(...)` needs `Block(...)(...)` "
         "(line 5), from `class Block` (line 2), which is a class whose methods run"),
        ("import keras\nclass Block(keras.layers.Layer):\n    pass\ny = Block()(keras.Input((2,)))",
         "builds no Keras model: no `keras.Model(...)`, `keras.Sequential(...)` nor any layer "
         "called on an `Input` (read past: line 2: class `Block` is Python code"),
        ("import keras\nx = keras.Input((4,)\n", "line 2: the script is not valid Python"),
        ("x = 3\ny = [x] * 10**9", "line 2: `[x] * 10 ** 9`: a sequence of more than"),
        ("import keras\ni = keras.Input((4,))\nm = keras.Model(i, keras.layers.Dense(2)(i, i))",
         "Keras refuses `keras.layers.Dense(...)(...)`"),
        ("print('hello')", "the script builds no Keras model"),
    ],
)  # fmt: skip
def test_what_cannot_be_followed_is_refused_with_its_line(source, expected):
    assert expected in refusal(source)
