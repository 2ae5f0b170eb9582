"""Generate the gallery: the seed's examples and a few classics as `.kcanvas` projects.

Each template is built in plain Keras, read into the editor's graph from `model.to_json()`, laid
out by the canvas's own layered layout (`engine.diagram.layout`, with the canvas's real node
sizes) and saved with `engine.io.files.save_document`. `tests/app/test_templates.py` checks that
every file exports exactly the JSON of its plain-Keras model.

Usage: `python resources/templates/make_templates.py` (from the repository root).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests import keras_models as seed  # noqa: E402 - after the path set-up above


def lenet5():
    """LeNet-5 (LeCun et al., 1998) on 32x32 grey images, with Keras layers."""
    import keras
    from keras import layers

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
    import keras
    from keras import layers

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
    import keras
    from keras import layers

    inputs = keras.Input(shape=(784,), name="pixels")
    x = layers.Dense(128, activation="relu", name="encoder_1")(inputs)
    code = layers.Dense(32, activation="relu", name="code")(x)
    x = layers.Dense(128, activation="relu", name="decoder_1")(code)
    outputs = layers.Dense(784, activation="sigmoid", name="reconstruction")(x)
    return keras.Model(inputs, outputs, name="autoencoder")


def transformer_encoder():
    """One Transformer encoder block: self-attention and a feed-forward network, post-norm."""
    import keras
    from keras import layers

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


TEMPLATES: dict[str, Callable] = {
    "mlp": seed.s9_mlp,
    "cnn": seed.s10_cnn,
    "stateful_lstm": seed.s11_stateful_lstm,
    "news_two_io": seed.s13_news_two_io,
    "shared_lstm": seed.s14_shared_lstm,
    "shared_conv": seed.s8_shared_conv,
    "inception": seed.s15_inception,
    "shared_vision": seed.s16_shared_vision,
    "vqa": seed.s17_vqa,
    "lenet5": lenet5,
    "residual_block": residual_block,
    "autoencoder": autoencoder,
    "transformer_encoder": transformer_encoder,
}


def keras_config(name: str) -> dict:
    """`json.loads(model.to_json())` of template `name`, built fresh (auto-names reset)."""
    import keras

    keras.backend.clear_session()
    return json.loads(TEMPLATES[name]().to_json())


def _node_sizes(document) -> Callable[[str], tuple[float, float]]:
    """The canvas's node sizes when the canvas can be built here, else the layout's default."""
    try:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from app.canvas.scene import GraphScene
        from app.controller import DocumentController
    except ImportError:
        return lambda _node_id: (200.0, 96.0)
    _app = QApplication.instance() or QApplication([])
    try:
        scene = GraphScene(DocumentController(document))
    except Exception:  # a canvas under construction: fall back to the default size
        return lambda _node_id: (200.0, 96.0)
    sizes = {}
    for node_id, item in scene.nodes.items():
        rect = item.boundingRect()
        sizes[node_id] = (rect.width(), rect.height() + 8)
    return lambda node_id: sizes.get(node_id, (200.0, 96.0))


def make_document(name: str):
    """The template as a Document with a clean layered layout in its editor state."""
    from engine.diagram.layout import layered_layout
    from engine.model.document import Document
    from engine.model.keras_config import graph_from_config

    document = Document(graph_from_config(keras_config(name)))
    document.shapes.infer(document.graph)
    layout = layered_layout(document.graph, _node_sizes(document))
    document.editor_state["positions"] = {
        node_id: [round(x, 1), round(y, 1)] for node_id, (x, y) in layout.positions.items()
    }
    return document


def main() -> int:
    from engine.io.files import save_document

    for name in TEMPLATES:
        path = HERE / f"{name}.kcanvas"
        save_document(make_document(name), path)
        print(f"wrote {path.relative_to(ROOT)}")  # noqa: T201 - a command-line script
    return 0


if __name__ == "__main__":
    sys.exit(main())
