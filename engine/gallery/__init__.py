"""The gallery: the models the templates (`resources/templates/*.kcanvas`) are made from.

Three families, each a plain-Keras builder function:

- `seed`: the seed's own examples (S8-S17 of `../shared/docs/SEED.md`), number for number, with
  the seed's explanation beside each one (`notes`: the seed's words in Chinese, an English
  rendering, and where the seed is wrong);
- `variants`: the variations the gallery showed before under the seed's names, and the seed's
  MLP sized for a bundled dataset;
- classics (LeNet-5, a residual block, an autoencoder, a Transformer encoder), in `variants`.

`TEMPLATES` names them all in gallery order. `resources/templates/make_templates.py` writes each
one as a project file (model, layout, notes, the seed's training settings); the tests compare
every file with `model_config(name)`, built fresh from the same function.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from engine.gallery import seed, variants


@dataclass(frozen=True)
class Template:
    """One gallery entry.

    Attributes:
        name: the file's stem (`cnn` -> `cnn.kcanvas`).
        family: "seed", "variant" or "classic".
        build: returns the plain-Keras model.
        seed_item: the seed's row in SEED.md (`S10`), for the seed's examples.
        training: training settings the project starts with (the seed's compile and fit
            arguments, data that fits), in the training form's keys.
    """

    name: str
    family: str
    build: Callable[[], Any]
    seed_item: str | None = None
    training: dict[str, Any] = field(default_factory=dict)


def _training(outputs: dict[str, tuple[str, float, str]], **settings: Any) -> dict[str, Any]:
    """Training settings in the form's keys; `outputs`: name -> (loss, loss weight, metrics).

    The seed compiles every example with rmsprop and fits batches of 32 (Keras's default).
    """
    per_output = {
        name: {"loss": loss, "loss_weight": weight, "metrics": metrics}
        for name, (loss, weight, metrics) in outputs.items()
    }
    return {"optimizer": "rmsprop", "batch_size": 32, **settings, "outputs": per_output}


_CATEGORICAL = ("categorical_crossentropy", 1.0, "accuracy")
_BINARY = ("binary_crossentropy", 1.0, "accuracy")

TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        Template("shared_conv", "seed", seed.shared_conv, "S8"),
        Template("mlp", "seed", seed.mlp, "S9", _training(
            {"dense_1": _CATEGORICAL}, source="dummy", samples=1000, epochs=10)),
        Template("cnn", "seed", seed.cnn, "S10"),
        Template("stateful_lstm", "seed", seed.stateful_lstm, "S11", _training(
            {"dense": _CATEGORICAL}, source="dummy", samples=320, epochs=5, shuffle=False)),
        Template("functional_mlp", "seed", seed.functional_mlp, "S12", _training(
            {"dense_2": _CATEGORICAL}, source="dummy", epochs=1)),
        Template("news_two_io", "seed", seed.news_two_io, "S13", _training(
            {"main_output": ("binary_crossentropy", 1.0, ""),
             "aux_output": ("binary_crossentropy", 0.2, "")}, source="dummy", epochs=50)),
        Template("shared_lstm", "seed", seed.shared_lstm, "S14", _training(
            {"dense": _BINARY}, source="dummy", epochs=10)),
        Template("inception", "seed", seed.inception, "S15"),
        Template("shared_vision", "seed", seed.shared_vision, "S16"),
        Template("vqa", "seed", seed.vqa, "S17"),
        Template("mlp_digits", "variant", variants.mlp_digits, None, _training(
            {"dense_1": _CATEGORICAL}, source="digits", epochs=20)),
        Template("cnn_digits", "variant", variants.cnn_digits, None, _training(
            {"dense_1": _CATEGORICAL}, source="digits", epochs=15)),
        Template("mlp_dropout", "variant", variants.mlp_dropout),
        Template("cnn_deeper", "variant", variants.cnn_deeper),
        Template("stateful_rnns", "variant", variants.stateful_rnns),
        Template("inception_channels", "variant", variants.inception_channels),
        Template("vqa_two_blocks", "variant", variants.vqa_two_blocks),
        Template("lenet5", "classic", variants.lenet5),
        Template("residual_block", "classic", variants.residual_block),
        Template("autoencoder", "classic", variants.autoencoder),
        Template("transformer_encoder", "classic", variants.transformer_encoder),
    )
}  # fmt: skip


def model_config(name: str) -> dict[str, Any]:
    """`json.loads(model.to_json())` of template `name`, built in a fresh Keras session."""
    return built_config(TEMPLATES[name].build)


def built_config(build: Callable[[], Any]) -> dict[str, Any]:
    """`json.loads(model.to_json())` of the model `build()` returns, in a fresh Keras session.

    The model is built without allocating its weights where Keras allows (the weights do not
    change the config, and S17 holds 165M of them); stateful layers create their state when
    called, which needs real variables, so those models are built plainly.
    """
    import keras

    keras.backend.clear_session(free_memory=False)  # fresh automatic names
    try:
        with keras.StatelessScope(initialize_variables=False):
            return json.loads(build().to_json())
    except Exception:  # a stateful RNN: its states are variables the scope refuses
        keras.backend.clear_session(free_memory=False)
        return json.loads(build().to_json())
    finally:
        keras.backend.clear_session(free_memory=False)
