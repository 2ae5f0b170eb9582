"""The layer catalog against real Keras: every entry, its defaults, choices and validation."""

from __future__ import annotations

import copy
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import keras
import pytest

from engine.catalog import (
    LayerSpec,
    ParamKind,
    UnknownLayerError,
    get_catalog,
    load_catalog,
    serialize_default,
)
from engine.catalog import cache as catalog_cache

REPO = Path(__file__).resolve().parents[2]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Parametrize over the catalog itself, so a layer Keras adds is tested without edits here.
    if "spec" in metafunc.fixturenames:
        specs = sorted(get_catalog(), key=lambda spec: spec.class_name)
        metafunc.parametrize("spec", specs, ids=[spec.class_name for spec in specs])


def json_form(value: Any) -> Any:
    return json.loads(json.dumps(value))


def deserialize(serialized: dict[str, Any]) -> keras.layers.Layer:
    # Safe mode even for Lambda: its default function is Keras's `linear`, not Python code.
    return keras.saving.deserialize_keras_object(copy.deepcopy(serialized), safe_mode=True)


def python_value(value: Any) -> Any:
    """Turns a catalog example back into what the constructor takes (layers, functions)."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [python_value(v) for v in value]
    if isinstance(value, dict) and "module" in value:
        return keras.saving.deserialize_keras_object(copy.deepcopy(value))
    return value


# Every entry.


def test_default_config_round_trips_through_keras(spec: LayerSpec) -> None:
    serialized = serialize_default(spec.class_name)
    assert serialized["module"] == "keras.layers"
    assert serialized["registered_name"] is None
    layer = deserialize(serialized)
    assert json_form(layer.get_config()) == serialized["config"]
    keras_serialized = json_form(keras.layers.serialize(layer))
    # Layers built on creation (the lookups) add a `build_config`, which is not the catalog's.
    assert {key: keras_serialized[key] for key in serialized} == serialized


def test_default_config_equals_keras_built_with_required_args(spec: LayerSpec) -> None:
    config = spec.default_config()
    kwargs = {p.name: python_value(p.example) for p in spec.required_params}
    if "seed" in config and config["seed"] is not None:
        kwargs["seed"] = config["seed"]  # some layers draw a random seed when given none
    cls = getattr(keras.layers, spec.class_name)
    assert json_form(cls(name=config["name"], **kwargs).get_config()) == config


def test_every_enumeration_choice_builds(spec: LayerSpec) -> None:
    for param in spec.params:
        if param.kind is ParamKind.ENUM and param.in_config:
            for choice in param.choices:
                serialized = serialize_default(spec.class_name, **{param.name: choice})
                layer = deserialize(serialized)
                assert layer.get_config()[param.name] == choice


def test_defaults_validate_to_themselves(spec: LayerSpec) -> None:
    for param in spec.params:
        if param.in_config and param.kind is not ParamKind.LAYER:
            assert param.validate(copy.deepcopy(param.default)) == param.default, param.name


# The catalog as a whole.


@pytest.fixture(scope="module")
def catalog():
    return get_catalog()


def test_catalog_lists_the_public_layer_classes_once(catalog) -> None:
    print(f"catalog: {len(catalog)} layer classes in {len(catalog.categories())} categories")
    assert 120 <= len(catalog) <= 170
    names = [spec.class_name for spec in catalog]
    assert len(names) == len(set(names))
    assert {"Layer", "Wrapper", "InputSpec", "TFSMLayer"}.isdisjoint(names)
    assert {"InputLayer", "Bidirectional", "TimeDistributed", "Lambda", "Conv2D"} <= set(names)
    assert "Convolution2D" not in names  # an alias, not a class of its own


def test_get_catalog_is_built_once(catalog) -> None:
    assert get_catalog() is catalog


def test_get_accepts_aliases_and_rejects_unknown_names(catalog) -> None:
    assert catalog.get("Convolution2D") is catalog.get("Conv2D")
    assert catalog.get("Input").class_name == "InputLayer"
    assert catalog.get("Input").display_name == "Input"
    assert "MaxPool2D" in catalog
    with pytest.raises(UnknownLayerError, match="Received: class_name='Dense3D'"):
        catalog.get("Dense3D")


def test_categories_come_from_keras_modules(catalog) -> None:
    categories = catalog.categories()
    assert categories[0] == "Core"
    expected = {
        "Dense": "Core",
        "InputLayer": "Core",
        "Conv2D": "Convolution",
        "MaxPooling2D": "Pooling",
        "LSTM": "Recurrent",
        "MultiHeadAttention": "Attention",
        "BatchNormalization": "Normalization",
        "Dropout": "Regularization",
        "Reshape": "Reshaping",
        "Concatenate": "Merging",
        "ReLU": "Activation",
        "Rescaling": "Preprocessing",
        "RandomFlip": "Image preprocessing",
    }
    for class_name, category in expected.items():
        assert catalog.get(class_name).category == category, class_name
    for category in categories:
        assert catalog.in_category(category)


def test_descriptions_are_first_sentences(catalog) -> None:
    assert catalog.get("Dense").description == "Just your regular densely-connected NN layer."
    assert catalog.get("Conv1D").description.startswith("1D convolution layer (e.g. temporal")
    for spec in catalog:
        assert spec.description.endswith("."), spec.class_name


def test_search_finds_convolutions_and_lstms(catalog) -> None:
    conv = [spec.class_name for spec in catalog.search("conv")]
    assert {"Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "SeparableConv2D"} <= set(conv)
    assert {"DepthwiseConv2D", "ConvLSTM2D"} <= set(conv)
    assert conv[0].startswith("Conv")
    lstm = [spec.class_name for spec in catalog.search("LSTM")]
    assert lstm[0] == "LSTM"
    assert {"ConvLSTM2D", "LSTMCell"} <= set(lstm)
    assert catalog.search("convolution2d")[0].class_name == "Conv2D"
    assert catalog.search("input")[0].class_name == "InputLayer"
    assert catalog.search("max pool")[0].class_name.startswith("MaxPooling")
    assert catalog.search("") == []
    assert catalog.search("no such layer") == []


def test_call_inputs_come_from_call_signatures(catalog) -> None:
    assert catalog.get("MultiHeadAttention").input_names[:3] == ["query", "value", "key"]
    assert [i.required for i in catalog.get("MultiHeadAttention").inputs[:3]] == [
        True,
        True,
        False,
    ]
    assert catalog.get("LSTM").input_names == ["sequences", "initial_state"]
    assert catalog.get("Dense").input_names == ["inputs"]
    assert catalog.get("InputLayer").input_names == []


def test_merge_and_unsafe_flags(catalog) -> None:
    merges = {spec.class_name for spec in catalog if spec.is_merge}
    assert merges == {
        "Add",
        "Average",
        "Concatenate",
        "Dot",
        "Maximum",
        "Minimum",
        "Multiply",
        "Subtract",
    }
    assert {spec.class_name for spec in catalog if spec.unsafe} == {"Lambda"}


# Parameters.


def test_required_parameters_have_examples(catalog) -> None:
    dense = catalog.get("Dense")
    assert [(p.name, p.example) for p in dense.required_params] == [("units", 32)]
    conv = catalog.get("Conv2D")
    assert [(p.name, p.example) for p in conv.required_params] == [
        ("filters", 32),
        ("kernel_size", 3),
    ]
    assert conv.param("kernel_size").default == [3, 3]
    assert not conv.param("strides").required


def test_signature_and_config_differ_and_both_are_listed(catalog) -> None:
    dense = catalog.get("Dense")
    assert dense.param("name").in_config and not dense.param("name").in_signature
    assert dense.param("dtype").kind is ParamKind.DTYPE
    shape = catalog.get("InputLayer").param("shape")
    assert shape.in_signature and not shape.in_config and shape.required


def test_enumerations_carry_keras_choices(catalog) -> None:
    conv2d = catalog.get("Conv2D")
    assert conv2d.param("padding").kind is ParamKind.ENUM
    assert conv2d.param("padding").choices == ("valid", "same")
    assert "causal" in catalog.get("Conv1D").param("padding").choices
    assert set(conv2d.param("data_format").choices) == {"channels_last", "channels_first"}
    activation = catalog.get("Dense").param("activation")
    assert activation.kind is ParamKind.ACTIVATION
    assert {"relu", "linear", "softmax", "sigmoid", "gelu"} <= set(activation.choices)
    initializer = catalog.get("Dense").param("kernel_initializer")
    assert initializer.kind is ParamKind.INITIALIZER
    assert {"GlorotUniform", "HeNormal", "Zeros", "Orthogonal"} <= set(initializer.choices)
    assert initializer.default["class_name"] == "GlorotUniform"
    assert "L2" in catalog.get("Dense").param("kernel_regularizer").choices
    assert "MaxNorm" in catalog.get("Dense").param("kernel_constraint").choices
    assert "nearest" in catalog.get("UpSampling2D").param("interpolation").choices


def test_every_registry_choice_validates(catalog) -> None:
    dense = catalog.get("Dense")
    for name in ("activation", "kernel_initializer", "kernel_regularizer", "kernel_constraint"):
        param = dense.param(name)
        for choice in param.choices:
            assert param.validate(choice) is not None, (name, choice)


def test_validate_rejects_a_bad_padding_naming_the_choices(catalog) -> None:
    padding = catalog.get("Conv2D").param("padding")
    assert padding.validate("SAME") == "same"
    with pytest.raises(ValueError, match=r"Expected one of \['valid', 'same'\]") as info:
        padding.validate("causal")
    assert "Received: padding='causal'" in str(info.value)


def test_validate_checks_types_and_normalizes_like_keras(catalog) -> None:
    conv = catalog.get("Conv2D")
    assert conv.param("filters").validate(64) == 64
    with pytest.raises(ValueError, match="Received: filters='64'"):
        conv.param("filters").validate("64")
    assert conv.param("kernel_size").validate(5) == [5, 5]
    assert conv.param("kernel_size").validate((1, 7)) == [1, 7]
    with pytest.raises(ValueError, match=r"tuple of 2 integers\. Received"):
        conv.param("kernel_size").validate([1, 2, 3])
    with pytest.raises(ValueError, match="Received: use_bias=1"):
        conv.param("use_bias").validate(1)
    assert conv.param("activation").validate("swish") == "silu"  # Keras's own name for it
    with pytest.raises(ValueError, match="Received: activation='relu7'"):
        conv.param("activation").validate("relu7")
    he_normal = conv.param("kernel_initializer").validate("he_normal")
    assert he_normal["class_name"] == "HeNormal"
    assert he_normal["module"] == "keras.initializers"
    assert conv.param("kernel_regularizer").validate(None) is None
    assert conv.param("kernel_regularizer").validate("l2")["class_name"] == "L2"
    assert conv.param("dtype").validate("mixed_float16")["config"]["name"] == "mixed_float16"
    axis = catalog.get("LayerNormalization").param("axis")
    assert axis.validate([1, 2]) == [1, 2]
    assert catalog.get("Normalization").param("axis").validate([1, 2]) == [1, 2]
    with pytest.raises(ValueError, match="Received: axis='last'"):
        axis.validate("last")


def test_default_config_applies_overrides_as_keras_would(catalog) -> None:
    dense = catalog.get("Dense")
    config = dense.default_config(name="hidden", units=64, activation="relu")
    layer = keras.layers.Dense.from_config(copy.deepcopy(config))
    assert json_form(layer.get_config()) == config
    assert config["name"] == "hidden" and config["units"] == 64
    assert dense.default_config() == dense.default_config()
    assert dense.default_config() is not dense.default_config()  # fresh copies
    with pytest.raises(ValueError, match="Received: unit"):
        dense.default_config(unit=3)


def test_overrides_rederive_what_keras_derives_from_them(catalog) -> None:
    mha = catalog.get("MultiHeadAttention").default_config(key_dim=16)
    assert mha["value_dim"] == 16
    assert catalog.get("MaxPooling2D").default_config(pool_size=3)["strides"] == [3, 3]
    gru = serialize_default("GRU", units=8)
    bidirectional = catalog.get("Bidirectional").default_config(layer=gru)
    assert bidirectional["backward_layer"]["class_name"] == "GRU"
    assert bidirectional["backward_layer"]["config"]["units"] == 8
    with pytest.raises(ValueError, match="Received: rate=2"):
        catalog.get("Dropout").default_config(rate=2)  # a float, but Keras wants [0, 1)


def test_constructor_only_overrides_go_through_keras(catalog) -> None:
    config = catalog.get("Input").default_config(shape=(28, 28, 1))
    assert config["batch_shape"] == [None, 28, 28, 1]
    assert config["name"] == "input_layer"
    with pytest.raises(ValueError, match="Received: shape='big'"):
        catalog.get("Input").default_config(shape="big")


def test_serialize_default_is_keras_serialization() -> None:
    serialized = serialize_default("Conv2D", name="c1", filters=8)
    assert serialized == json_form(keras.layers.serialize(keras.layers.Conv2D(8, 3, name="c1")))


def test_random_seeds_are_drawn_afresh_like_keras(catalog) -> None:
    spec = catalog.get("RandomCrop")
    assert spec.param("seed").random_default
    seeds = {spec.default_config()["seed"] for _ in range(5)}
    assert len(seeds) > 1 and all(isinstance(seed, int) for seed in seeds)
    assert not catalog.get("Dense").param("name").random_default


# The cache file.


def test_cache_file_round_trips_the_catalog(tmp_path, caplog) -> None:
    backend = catalog_cache._backend()
    cache_file = tmp_path / f"catalog-{backend}-{catalog_cache._cache_key()}.json"
    cache_file.write_text('{"specs": [{"truncated')
    (tmp_path / f"catalog-{backend}-0123456789abcdef.json").write_text("{}")  # another Keras
    other_backend = tmp_path / "catalog-otherbackend-0123456789abcdef.json"
    other_backend.write_text("{}")
    with caplog.at_level(logging.WARNING, logger="engine.catalog"):
        built = load_catalog(tmp_path)  # nothing usable cached: builds and writes
    assert "unreadable layer catalog cache" in caplog.text
    # the stale file is gone; another backend's cache stays (the window and a run share none)
    assert set(tmp_path.glob("catalog-*.json")) == {cache_file, other_backend}

    loaded = load_catalog(tmp_path)
    assert list(loaded) == list(built)
    assert [s.template for s in loaded] == [s.template for s in built]

    # A fresh process reads the same file without importing Keras.
    env = {**os.environ, "KERAS_CANVAS_CACHE_DIR": str(tmp_path)}
    script = (
        "import sys; from engine.catalog import get_catalog; "
        "print(len(get_catalog()), 'keras' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(built)), "False"]
