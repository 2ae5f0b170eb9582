"""The Python export: generated scripts rebuild models whose JSON equals Keras's own export."""

from __future__ import annotations

import ast
import difflib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import keras
import numpy as np
import pytest
from keras import layers

from engine.errors import FormatError, UnsafeContentError
from engine.io.codegen import generate_python
from tests.keras_models import SEED_MODELS, application_config

ROOT = Path(__file__).resolve().parents[2]
# Cover shared layers, nested models, bare ops and every layer family they use; all 40 would
# take minutes of Keras graph building for little more coverage.
RUFF = (str(ROOT / ".venv/bin/ruff"), "check", "--isolated", "--no-cache", "--line-length=100")
APPLICATION_SAMPLE = (
    "ResNet50",
    "MobileNetV3Small",
    "ConvNeXtTiny",
    "DenseNet121",
    "NASNetMobile",
    "EfficientNetB0",
    "InceptionV3",
)


# Stateful RNNs create their state variables when called, which a StatelessScope forbids.
NEEDS_WEIGHTS = frozenset({"S11_stateful_lstm", "seed_S11_stateful_lstm"})


def fresh_session() -> None:
    """Resets Keras's names; skips the garbage collection (about 1 s each, a quarter of a test)."""
    keras.backend.clear_session(free_memory=False)


def built_json(make: Callable[[], keras.Model], stateless: bool = True) -> dict:
    """The JSON of a model built in a fresh session, by default without allocating weights.

    Weights do not change the config, and S17's Dense alone holds 360M of them.
    """
    fresh_session()  # before the scope: clearing the session also ends the scope
    try:
        if not stateless:
            return json.loads(make().to_json())
        with keras.StatelessScope(initialize_variables=False):
            return json.loads(make().to_json())
    finally:
        fresh_session()  # forget the variables left uninitialized


def seed_config(name: str) -> dict:
    """`tests.keras_models.seed_config`, without allocating weights."""
    return built_json(SEED_MODELS[name], name not in NEEDS_WEIGHTS)


def script(source: str, run_name: str = "generated_model") -> Callable[[], keras.Model]:
    """A function that executes a generated script in a fresh namespace and returns its model."""
    code = compile(source, "generated_model.py", "exec")

    def run() -> keras.Model:
        namespace: dict = {"__name__": run_name}
        exec(code, namespace)
        return namespace["model"]

    return run


def run_script(source: str, stateless: bool = True) -> dict:
    """The JSON of the model a generated script builds."""
    return built_json(script(source), stateless)


def assert_same_json(rebuilt: dict, expected: dict) -> None:
    if rebuilt != expected:
        diff = difflib.unified_diff(
            json.dumps(expected, indent=1).splitlines(),
            json.dumps(rebuilt, indent=1).splitlines(),
            "expected",
            "rebuilt",
            lineterm="",
        )
        pytest.fail("the script builds a different model:\n" + "\n".join(list(diff)[:60]))


def assert_readable(source: str) -> None:
    compile(source, "generated_model.py", "exec")
    long_lines = [line for line in source.splitlines() if len(line) > 100]
    assert long_lines == []


# ------------------------------------------------------------------ models beyond the seed's


def nested_as_output():
    """A nested Functional model whose output is a model output (Keras shifts its node index)."""
    i = keras.Input((4,), name="inner_in")
    inner = keras.Model(i, layers.Dense(3, name="inner_dense")(i), name="inner")
    a = keras.Input((4,), name="a")
    y = inner(a)
    return keras.Model(a, [y, layers.Dense(2, name="head")(y)], name="nested_out")


def nested_twice():
    """Nesting inside nesting, a multi-output nested model, and a Sequential in a Sequential."""
    i = keras.Input((6,), name="leaf_in")
    leaf = keras.Model(i, [layers.Dense(2, name="leaf_a")(i), layers.Dense(3, name="leaf_b")(i)])
    j = keras.Input((6,), name="mid_in")
    p, q = leaf(j)
    block = keras.Sequential(
        [keras.Input((5,)), keras.Sequential([layers.Dense(4)], name="tail")], name="block"
    )
    mid = keras.Model(j, block(layers.concatenate([p, q])), name="mid")
    x = keras.Input((6,), name="x")
    return keras.Model(x, [mid(x), mid(layers.Dense(6, name="pre")(x))], name="nested_twice")


def masked_text():
    """Embedding(mask_zero=True): Keras adds a `not_equal` op and passes the mask on by itself."""
    tokens = keras.Input((12,), dtype="int32", name="tokens")
    x = layers.Embedding(50, 8, mask_zero=True)(tokens)
    x = layers.Bidirectional(layers.LSTM(4, return_sequences=True))(x)
    x = layers.TimeDistributed(layers.Dense(3))(x)
    return keras.Model(tokens, layers.GlobalAveragePooling1D()(x), name="masked_text")


def unusual_arguments():
    """Non-default initializers and regularizers, call kwargs, odd names, dict outputs."""
    x = keras.Input((8,), name="x")
    y = layers.Dense(
        5,
        kernel_initializer=keras.initializers.HeNormal(seed=3),
        kernel_regularizer=keras.regularizers.L2(0.02),
        bias_constraint=keras.constraints.MaxNorm(2.0),
        use_bias=True,
        name="class",
    )(x)
    y = layers.Dropout(0.2, name="mc-dropout")(y, training=True)
    z = layers.Dense(2, dtype="float16", trainable=False, name="2nd dense")(y)
    seq = keras.Input((3, 8), name="seq")
    att, scores = layers.MultiHeadAttention(2, 4, name="mha")(
        seq, seq, return_attention_scores=True
    )
    mean = keras.ops.mean(att, axis=1)  # a bare op with arguments of its own
    i = keras.Input((5,), name="stats_in")
    stats = keras.Model(i, {"min": layers.Dense(1)(i), "max": layers.Dense(1)(i)}, name="stats")
    low = stats(y)["min"]  # a nested model with dict outputs
    return keras.Model(
        {"x": x, "seq": seq},
        {"z": z, "scores": scores, "mean": mean, "low": low},
        name="unusual",
    )


def sequential_top():
    return keras.Sequential(
        [
            keras.Input((10, 3), batch_size=4),
            layers.Conv1D(8, 3, padding="causal", kernel_initializer="he_uniform"),
            layers.Reshape((80,)),
            layers.Dense(2, activation="softmax"),
        ],
        name="seq_top",
    )


EXTRA_MODELS = {
    "nested_as_output": nested_as_output,
    "nested_twice": nested_twice,
    "masked_text": masked_text,
    "unusual_arguments": unusual_arguments,
    "sequential_top": sequential_top,
}


def extra_config(name: str) -> dict:
    return built_json(EXTRA_MODELS[name])


# ------------------------------------------------------------------ round trips


@pytest.mark.parametrize("name", sorted(SEED_MODELS))
def test_seed_script_rebuilds_the_same_json(name):
    config = seed_config(name)
    source = generate_python(config)
    assert_readable(source)
    assert_same_json(run_script(source, name not in NEEDS_WEIGHTS), config)


@pytest.mark.parametrize("name", sorted(EXTRA_MODELS))
def test_unusual_graphs_rebuild_the_same_json(name):
    config = extra_config(name)
    source = generate_python(config)
    assert_readable(source)
    assert_same_json(run_script(source), config)


@pytest.mark.parametrize("name", APPLICATION_SAMPLE)
def test_application_script_rebuilds_the_same_json(name):
    config = application_config(name)
    source = generate_python(config)
    assert_readable(source)
    # Every layer is written as a constructor; none falls back to a config dict.
    assert "deserialize" not in source
    assert_same_json(run_script(source), config)


# ------------------------------------------------------------------ readability


def test_mlp_script_writes_only_what_differs_from_keras_defaults():
    source = generate_python(seed_config("S9_mlp"))
    assert 'dense = layers.Dense(64, activation="relu", name="dense")(features)' in source
    assert 'dropout = layers.Dropout(0.5, name="dropout")(dense)' in source
    for default in ("use_bias", "kernel_initializer", "bias_initializer", "trainable", "dtype"):
        assert default not in source
    assert "training=" not in source  # Keras adds training=False to Dropout calls itself
    assert source.startswith('"""') and "import keras\nfrom keras import layers\n" in source
    assert source.endswith(
        'model = build_model()\n\nif __name__ == "__main__":\n    model.summary()\n'
    )


def test_shared_layer_is_created_once_and_called_per_node():
    source = generate_python(seed_config("S14_shared_lstm"))
    assert source.count("layers.LSTM(") == 1
    assert 'lstm = layers.LSTM(64, name="lstm")' in source
    assert "lstm_call0 = lstm(tweet_a)" in source and "lstm_call1 = lstm(tweet_b)" in source
    assert "layers.Concatenate(" in source and "([lstm_call0, lstm_call1])" in source


def test_multi_output_calls_unpack_and_keyword_tensors_stay_keywords():
    source = generate_python(seed_config("lstm_with_state"))
    assert "lstm_0, lstm_1, lstm_2 = layers.LSTM(" in source
    source = generate_python(seed_config("attention_block"))
    assert ")(query, value, key=value)" in source


def test_nested_model_gets_a_builder_function_called_once():
    source = generate_python(seed_config("S16_shared_vision"))
    assert "def build_vision():" in source and source.count("build_vision()") == 2  # def + call
    assert "vision_call0 = vision(digit_a)" in source


def test_bare_ops_become_keras_ops_calls():
    source = generate_python(application_config("MobileNetV3Small"))
    assert "= keras.ops.add(" in source and "= keras.ops.multiply(" in source
    assert "keras.backend.clear_session()" in source  # the comment on auto-named ops


def test_keras_classes_outside_keras_layers_are_imported():
    source = generate_python(application_config("ConvNeXtTiny"))
    assert "\nfrom keras.src.applications.convnext import LayerScale\n" in source
    assert "= LayerScale(" in source


def test_hostile_names_stay_string_literals():
    config = seed_config("S9_mlp")
    hostile = '"); import os; os.remove("x"); ("'
    config["config"]["name"] = hostile
    config["config"]["layers"][1]["config"]["name"] = hostile + '\n"""\''
    source = generate_python(config)
    tree = ast.parse(source)
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert [ast.unparse(n) for n in imports] == ["import keras", "from keras import layers"]
    names = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}
    assert hostile in names and hostile + '\n"""\'' in names


def test_hostile_class_names_are_refused():
    config = seed_config("S9_mlp")
    config["config"]["layers"][1]["class_name"] = "Dense(1)); import os; (os"
    with pytest.raises(FormatError, match=r"class name is not a name\. Received"):
        generate_python(config)


def test_generated_scripts_pass_ruff(tmp_path):
    for name in ("S17_vqa", "attention_block"):
        (tmp_path / f"{name}.py").write_text(generate_python(seed_config(name)))
    (tmp_path / "unusual.py").write_text(generate_python(extra_config("unusual_arguments")))
    result = subprocess.run(
        [*RUFF, "--select=E,F,W,B,UP,SIM,C4,PIE", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_script_run_as_a_program_prints_the_summary(capsys):
    source = generate_python(seed_config("S13_news_two_io"))
    built_json(script(source, run_name="__main__"))
    printed = capsys.readouterr().out
    assert 'Model: "news"' in printed and "main_output" in printed


def test_layer_names_become_unique_valid_identifiers():
    source = generate_python(extra_config("unusual_arguments"))
    assert "class_ = layers.Dense(" in source  # a keyword
    assert "mc_dropout = layers.Dropout(" in source  # a dash
    assert "layer_2nd_dense = layers.Dense(" in source  # a digit first, a space
    assert "keras.initializers.HeNormal(seed=3)" in source
    assert "keras.regularizers.L2(l2=0.02)" in source
    assert "(class_, training=True)" in source  # a call argument the user chose
    assert "mean = keras.ops.mean(mha_0, axis=1)" in source  # an op with settings
    assert "stats_out = stats(mc_dropout)" in source and 'stats_out["min"]' in source


def test_op_whose_auto_name_cannot_come_back_is_deserialized_by_name():
    config = seed_config("S15_residual")
    add = config["config"]["layers"][-1]
    assert add["class_name"] == "Add"  # make it a bare op named as Keras would not name it
    add.update(module="keras.src.ops.numpy", registered_name="Add", config={"name": "add_7"})
    add["name"] = "add_7"
    del add["build_config"]
    config["config"]["output_layers"] = ["add_7", 0, 0]
    add["inbound_nodes"][0]["args"] = add["inbound_nodes"][0]["args"][0]  # ops take x, y
    source = generate_python(config)
    assert "keras.saving.deserialize_keras_object(" in source and '"add_7"' in source
    assert_same_json(run_script(source), config)


def test_generating_leaves_keras_auto_names_alone():
    config = application_config("ConvNeXtTiny")
    fresh_session()
    generate_python(config)
    assert layers.Dense(1).name == "dense"
    assert keras.ops.add(keras.KerasTensor((None, 2)), 1.0)._keras_history.operation.name == "add"


# ------------------------------------------------------------------ refusals


def lambda_config() -> dict:
    fresh_session()
    x = keras.Input((3,), name="x")
    y = layers.Lambda(lambda t: t * 2.0, name="double")(x)
    return json.loads(keras.Model(x, y, name="with_lambda").to_json())


def test_lambda_layers_are_refused_unless_allowed():
    config = lambda_config()
    with pytest.raises(UnsafeContentError, match=r"'double' holds a Lambda layer.*Received"):
        generate_python(config)
    fresh_session()
    x = keras.Input((2, 3), name="x")
    wrapped = layers.TimeDistributed(layers.Lambda(lambda t: t + 1.0), name="wrapped")(x)
    inside = json.loads(keras.Model(x, wrapped).to_json())
    with pytest.raises(UnsafeContentError, match=r"'wrapped' holds a Lambda layer"):
        generate_python(inside)
    source = generate_python(config, allow_unsafe=True)
    assert "keras.config.enable_unsafe_deserialization()" in source
    from keras.src.backend.common import global_state

    safe_mode = global_state.get_global_attribute("safe_mode_saving")
    try:
        fresh_session()
        model = script(source)()  # a real build, called below
    finally:  # the script turned safe mode off for this process
        global_state.set_global_attribute("safe_mode_saving", safe_mode)
    rebuilt = json.loads(model.to_json())
    # Python marshals the revived lambda's bytecode with other reference flags (Keras's own
    # from_json/to_json does the same): compare the rest, and what the function computes.
    for data in (rebuilt, config):
        assert data["config"]["layers"][1]["config"]["function"]["config"].pop("code")
    assert_same_json(rebuilt, config)
    assert keras.ops.convert_to_numpy(model(np.ones((1, 3)))).tolist() == [[2.0, 2.0, 2.0]]


@keras.saving.register_keras_serializable(package="codegen_test")
class Scale(layers.Layer):
    """A custom layer whose class the script can import."""

    def __init__(self, factor: float = 2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self) -> dict:
        return {**super().get_config(), "factor": self.factor}


def test_importable_custom_class_is_imported():
    def make() -> keras.Model:
        x = keras.Input((3,), name="x")
        return keras.Model(x, Scale(3.0, name="triple")(x), name="custom")

    config = built_json(make)
    assert config["config"]["layers"][1]["registered_name"] == "codegen_test>Scale"
    source = generate_python(config)
    assert f"from {Scale.__module__} import Scale\n" in source
    assert 'triple = Scale(factor=3.0, name="triple")(x)' in source
    assert_same_json(run_script(source), config)


def test_custom_class_that_cannot_be_imported_is_a_format_error():
    config = seed_config("S9_mlp")
    layer = config["config"]["layers"][1]
    layer.update(module="my_private_pkg.layers", class_name="Fancy", registered_name="pkg>Fancy")
    with pytest.raises(FormatError, match=r"'dense' uses the custom class 'pkg>Fancy'.*Received"):
        generate_python(config)


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (
            lambda c: c["config"]["layers"][1]["inbound_nodes"][0]["args"][0]["config"].update(
                keras_history=["ghost", 0, 0]
            ),
            "does not exist. Received: \\['ghost', 0, 0\\]",
        ),
        (
            lambda c: c["config"]["layers"][1]["inbound_nodes"][0]["args"][0]["config"].update(
                keras_history=["dense_2", 0, 0]
            ),
            "cycle",
        ),
        (lambda c: c["config"]["layers"][2].update(name="dense"), "same name"),
        (lambda c: c["config"].pop("output_layers"), "malformed.*output_layers"),
        (lambda c: c.update(class_name="Dense"), "class_name='Dense'"),
    ],
    ids=["missing layer", "cycle", "duplicate name", "no outputs", "not a model"],
)
def test_malformed_configs_raise_format_errors(breakage, message):
    config = seed_config("S9_mlp")
    breakage(config)
    with pytest.raises(FormatError, match=message):
        generate_python(config)


def test_non_dict_input_is_a_format_error():
    with pytest.raises(FormatError, match="Received: class_name='list'"):
        generate_python([])  # type: ignore[arg-type]
