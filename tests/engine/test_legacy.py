"""Legacy Keras 2 import, tested on JSON and `.h5` files written by tf_keras in a subprocess."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import numpy as np
import pytest

from engine.errors import FormatError, StructureError, UnsafeContentError
from engine.io.legacy import (
    convert_legacy_config,
    is_legacy_config,
    keras3_name,
    translate_legacy_config,
)
from engine.io.legacy.h5 import (
    apply_legacy_weights,
    load_legacy_weights,
    read_legacy_h5,
    read_legacy_weights,
)
from tests.legacy_fixtures import MODELS, load_arrays, load_meta

SAFE_MODELS = tuple(m for m in MODELS if m not in ("lambda_model", "tfop_model"))


def _legacy_json(legacy_dir: Path, name: str) -> dict:
    return json.loads((legacy_dir / f"{name}.json").read_text())


def _predict(model: Any, xs: list[np.ndarray]) -> list[np.ndarray]:
    out = model(xs if len(xs) > 1 else xs[0], training=False)
    outs = out if isinstance(out, list | tuple) else [out]
    return [keras.ops.convert_to_numpy(o) for o in outs]


def _shape(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_shape(v) for v in value]
    return list(value.shape)


def _strip_keys(obj: Any, keys: tuple[str, ...]) -> Any:
    """The config as Keras <= 2.12 wrote it: without `module`, `registered_name`, ..."""
    if isinstance(obj, dict):
        return {k: _strip_keys(v, keys) for k, v in obj.items() if k not in keys}
    if isinstance(obj, list):
        return [_strip_keys(v, keys) for v in obj]
    return obj


def _layer(cfg: dict, name: str) -> dict:
    return next(layer for layer in cfg["config"]["layers"] if layer["config"].get("name") == name)


# --- architecture -------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAFE_MODELS)
def test_converted_json_loads_with_the_layers_tf_keras_reported(legacy_dir: Path, name: str):
    legacy = _legacy_json(legacy_dir, name)
    assert is_legacy_config(legacy)
    converted = convert_legacy_config(legacy)
    assert not is_legacy_config(converted)

    model = keras.models.model_from_json(json.dumps(converted))

    meta = load_meta(legacy_dir, name)
    assert [(layer.name, type(layer).__name__) for layer in model.layers] == [
        (keras3_name(layer["name"]), layer["class_name"]) for layer in meta["layers"]
    ]
    for layer, expected in zip(model.layers, meta["layers"], strict=True):
        reported = expected["output_shape"]
        if expected["class_name"] == "InputLayer":
            reported = reported[0]  # tf_keras wraps an InputLayer's shape in a list
        assert _shape(layer.output) == reported, layer.name
    assert [list(t.shape) for t in model.outputs] == meta["output_shapes"]
    # Keras 3 writes back exactly what the converter produced: it is Keras 3's own form.
    assert json.loads(model.to_json()) == converted


@pytest.mark.parametrize(
    "name", ["cnn", "two_io", "shared_vision", "seq_in_functional", "wrappers"]
)
def test_configs_of_keras_before_2_13_convert_the_same(legacy_dir: Path, name: str):
    legacy = _legacy_json(legacy_dir, name)
    old = _strip_keys(legacy, ("module", "registered_name", "build_config"))
    # Keras <= 2.3 called functional models "Model".
    old = json.loads(json.dumps(old).replace('"class_name": "Functional"', '"class_name": "Model"'))
    assert '"Functional"' not in json.dumps(old)
    assert convert_legacy_config(old) == convert_legacy_config(legacy)


def test_sequential_whose_first_layer_carries_the_input_shape(legacy_dir: Path):
    legacy = _legacy_json(legacy_dir, "mlp")
    reference = convert_legacy_config(legacy)
    del legacy["config"]["layers"][0]  # Keras 2 before InputLayer entries in Sequential configs
    converted = convert_legacy_config(legacy)
    first = converted["config"]["layers"][0]
    assert (first["class_name"], first["config"]["name"]) == ("InputLayer", "hidden_input")
    assert first["config"]["batch_shape"] == [None, 8]
    assert converted["config"]["layers"][1:] == reference["config"]["layers"][1:]
    assert "batch_input_shape" not in json.dumps(converted)


def test_sequential_config_written_as_a_bare_layer_list(legacy_dir: Path):
    legacy = _legacy_json(legacy_dir, "mlp")
    bare = {"class_name": "Sequential", "config": legacy["config"]["layers"]}
    model = keras.models.model_from_json(json.dumps(convert_legacy_config(bare)))
    assert [layer.name for layer in model.layers] == ["hidden", "drop", "probs"]


def test_keras2_specific_values_are_translated(legacy_dir: Path):
    converted = convert_legacy_config(_legacy_json(legacy_dir, "cnn"))
    assert _layer(converted, "bn")["config"]["axis"] == 3
    assert "groups" not in _layer(converted, "depthwise")["config"]
    mlp = convert_legacy_config(_legacy_json(legacy_dir, "mlp"))
    initializer = _layer(mlp, "probs")["config"]["kernel_initializer"]
    assert initializer["config"]["distribution"] == "truncated_normal"  # Keras 2's "normal"
    wrappers = convert_legacy_config(_legacy_json(legacy_dir, "wrappers"))
    assert _layer(wrappers, "leaky")["config"]["negative_slope"] == pytest.approx(0.2)
    rnn = convert_legacy_config(_legacy_json(legacy_dir, "shared_rnn"))
    assert "time_major" not in json.dumps(rnn)


def test_slashes_in_names_become_underscores(legacy_dir: Path):
    legacy = _legacy_json(legacy_dir, "two_io")
    assert _layer(legacy, "meta/dense")
    converted = convert_legacy_config(legacy)
    assert "meta/dense" not in json.dumps(converted)
    merge = _layer(converted, "merge")
    histories = [t["config"]["keras_history"] for t in merge["inbound_nodes"][0]["args"][0]]
    assert histories == [["lstm", 0, 0], ["meta_dense", 0, 0]]
    clash = _legacy_json(legacy_dir, "two_io")
    topic = _layer(clash, "topic")
    topic["config"]["name"] = topic["name"] = "meta_dense"
    clash["config"]["output_layers"][1][0] = "meta_dense"  # the model's output follows it
    with pytest.raises(FormatError, match=r"two layers named 'meta_dense'.*Received:"):
        convert_legacy_config(clash)


def test_nested_model_calls_are_renumbered_from_zero(legacy_dir: Path):
    legacy = _legacy_json(legacy_dir, "shared_vision")
    assert [ref[1] for ref in _layer(legacy, "merge")["inbound_nodes"][0]] == [1, 2]
    merge = _layer(convert_legacy_config(legacy), "merge")
    histories = [t["config"]["keras_history"] for t in merge["inbound_nodes"][0]["args"][0]]
    assert histories == [["vision", 0, 0], ["vision", 1, 0]]


def test_dtype_policy_objects_become_keras3_policies(legacy_dir: Path):
    legacy = _legacy_json(legacy_dir, "mlp")
    legacy["config"]["layers"][1]["config"]["dtype"] = {
        "class_name": "Policy",
        "config": {"name": "mixed_float16"},
    }
    dtype = _layer(convert_legacy_config(legacy), "hidden")["config"]["dtype"]
    assert (dtype["class_name"], dtype["config"]["name"]) == ("DTypePolicy", "mixed_float16")


# --- weights ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAFE_MODELS)
def test_h5_model_predicts_what_tf_keras_predicted(legacy_dir: Path, name: str):
    config, weights = read_legacy_h5(legacy_dir / f"{name}.h5")
    assert config == convert_legacy_config(_legacy_json(legacy_dir, name))
    xs, expected = load_arrays(legacy_dir, name)

    model = keras.models.model_from_json(json.dumps(config))
    weights.apply(model)
    for got, want in zip(_predict(model, xs), expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)

    # The weights-only file that Keras 2's `save_weights("x.h5")` writes.
    fresh = keras.models.model_from_json(json.dumps(config))
    load_legacy_weights(fresh, legacy_dir / f"{name}_weights.h5")
    for got, want in zip(_predict(fresh, xs), expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_apply_legacy_weights_reads_a_full_model_file(legacy_dir: Path):
    config, _ = read_legacy_h5(legacy_dir / "two_io.h5")
    model = keras.models.model_from_json(json.dumps(config))
    apply_legacy_weights(model, legacy_dir / "two_io.h5")
    xs, expected = load_arrays(legacy_dir, "two_io")
    np.testing.assert_allclose(_predict(model, xs)[1], expected[1], rtol=1e-5, atol=1e-5)


def test_weights_of_another_model_are_refused_and_nothing_is_assigned(legacy_dir: Path):
    config, _ = read_legacy_h5(legacy_dir / "mlp.h5")
    model = keras.models.model_from_json(json.dumps(config))
    before = [w.copy() for w in model.get_weights()]
    with pytest.raises(FormatError, match=r"Layer 'hidden' has weights in the model.*Received:"):
        load_legacy_weights(model, legacy_dir / "cnn_weights.h5")
    for got, want in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(got, want)


def test_weights_of_the_wrong_shape_name_the_layer(legacy_dir: Path):
    legacy = _legacy_json(legacy_dir, "mlp")
    _layer(legacy, "probs")["config"]["units"] = 4
    model = keras.models.model_from_json(json.dumps(convert_legacy_config(legacy)))
    with pytest.raises(FormatError, match=r"Layer 'probs'.*\(16, 4\).*Received: .*\(16, 3\)"):
        apply_legacy_weights(model, legacy_dir / "mlp.h5")


@pytest.mark.filterwarnings(
    "ignore:__array__ implementation:DeprecationWarning"
)  # Keras's own saver
def test_h5_written_by_keras3_is_read_too(tmp_path: Path):
    # Keras 3 still writes `.h5` in the legacy layout, with Keras 3 call dicts inside.
    x = keras.Input((3,), name="a")
    block = keras.Sequential(
        [keras.Input((3,)), keras.layers.Dense(4, name="d1"), keras.layers.BatchNormalization()],
        name="block",
    )
    f_in = keras.Input((3,), name="f_in")
    shared = keras.Model(f_in, keras.layers.Dense(4, name="f_dense")(f_in), name="shared")
    y = keras.layers.Add(name="add")([block(x), shared(x), shared(x)])
    original = keras.Model(x, [keras.layers.Dense(2, name="out")(y), block(x)], name="k3")
    original.save(tmp_path / "k3.h5")

    config, weights = read_legacy_h5(tmp_path / "k3.h5")
    model = keras.models.model_from_json(json.dumps(config))
    weights.apply(model)
    xs = [np.linspace(-1, 1, 6, dtype="float32").reshape(2, 3)]
    for got, want in zip(_predict(model, xs), _predict(original, xs), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6)


# --- refusals and damaged input -----------------------------------------------------------


def test_lambda_is_refused_unless_unsafe_loading_is_allowed(legacy_dir: Path):
    legacy = _legacy_json(legacy_dir, "lambda_model")
    with pytest.raises(UnsafeContentError, match=r"Layer 'double' is a Lambda.*Received:"):
        convert_legacy_config(legacy)
    with pytest.raises(UnsafeContentError, match="'double'"):
        read_legacy_h5(legacy_dir / "lambda_model.h5")

    config, weights = read_legacy_h5(legacy_dir / "lambda_model.h5", allow_unsafe=True)
    model = keras.saving.deserialize_keras_object(config, safe_mode=False)
    weights.apply(model)
    xs, expected = load_arrays(legacy_dir, "lambda_model")
    np.testing.assert_allclose(_predict(model, xs)[0], expected[0], rtol=1e-5, atol=1e-5)


def test_tensorflow_op_layers_are_refused_by_name(legacy_dir: Path):
    with pytest.raises(FormatError, match=r"'tf\.math\.square' \(TFOpLambda\).*Received:"):
        convert_legacy_config(_legacy_json(legacy_dir, "tfop_model"), allow_unsafe=True)


def test_truncated_h5_is_a_format_error(legacy_dir: Path, tmp_path: Path):
    data = (legacy_dir / "cnn.h5").read_bytes()
    truncated = tmp_path / "truncated.h5"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(FormatError, match="Received:"):
        read_legacy_h5(truncated)
    with pytest.raises(FormatError, match="Received:"):
        read_legacy_weights(truncated)


def test_files_that_are_not_keras_h5_models(legacy_dir: Path, tmp_path: Path):
    text = tmp_path / "notes.h5"
    text.write_text("not an HDF5 file")
    with pytest.raises(FormatError, match="not a readable HDF5 file"):
        read_legacy_h5(text)
    with pytest.raises(FormatError, match="holds no model config"):
        read_legacy_h5(legacy_dir / "mlp_weights.h5")


@pytest.mark.parametrize(
    "cfg",
    [
        {"foo": 1},
        [1, 2],
        "Sequential",
        {"class_name": "Dense", "config": {"units": 3}},
        {"class_name": "Functional", "config": {"layers": "dense"}},
        {"class_name": "Functional", "config": {"layers": [], "input_layers": []}},
        {"class_name": "Sequential", "config": {"name": "s"}},
    ],
)
def test_json_that_is_not_a_model_is_a_format_error(cfg: Any):
    with pytest.raises(FormatError, match="Received:"):
        convert_legacy_config(cfg)


def test_only_keras2_model_configs_are_detected_as_legacy(legacy_dir: Path):
    legacy = _legacy_json(legacy_dir, "shared_vision")
    assert is_legacy_config(legacy)
    assert not is_legacy_config(convert_legacy_config(legacy))
    for not_a_model in ({"foo": 1}, [1], "Sequential", {"class_name": "Dense", "config": {}}):
        assert not is_legacy_config(not_a_model)
    assert not is_legacy_config({"class_name": "Functional", "config": {"layers": "dense"}})


def _edited(legacy_dir: Path, model: str, layer: str, **changes: Any) -> dict:
    legacy = copy.deepcopy(_legacy_json(legacy_dir, model))
    _layer(legacy, layer)["config"].update(changes)
    return legacy


@pytest.mark.parametrize(
    ("model", "layer", "changes", "message"),
    [
        ("two_io", "lstm", {"time_major": True}, r"'lstm' \(LSTM\) uses time_major=True"),
        ("cnn", "depthwise", {"groups": 2}, r"'depthwise' \(DepthwiseConv2D\) uses groups"),
        ("cnn", "bn", {"axis": [1, 3]}, r"'bn' \(BatchNormalization\).*axis=\[1, 3\]"),
        ("mlp", "hidden", {"flux": 3}, r"Layer 'hidden' \(Dense\).*flux"),
    ],
)
def test_untranslatable_settings_name_the_layer(
    legacy_dir: Path, model: str, layer: str, changes: dict, message: str
):
    with pytest.raises(FormatError, match=message) as caught:
        convert_legacy_config(_edited(legacy_dir, model, layer, **changes))
    assert "Received: " in str(caught.value)


def test_unknown_layer_class_names_the_layer(legacy_dir: Path):
    legacy = _legacy_json(legacy_dir, "two_io")
    _layer(legacy, "topic")["class_name"] = "MyCustomDense"
    with pytest.raises(FormatError, match=r"Layer 'topic' has class 'MyCustomDense'.*Received:"):
        convert_legacy_config(legacy)


def test_call_on_a_missing_layer_is_named(legacy_dir: Path):
    legacy = _legacy_json(legacy_dir, "two_io")
    _layer(legacy, "score")["inbound_nodes"] = [[["ghost", 0, 0, {}]]]
    where = r'config\.layers\[6\] \("score"\)\.inbound_nodes\[0\]\[0\]\[0\]'
    with pytest.raises(StructureError, match=where + r': expected the name of a layer.*"ghost"'):
        translate_legacy_config(legacy)


def _paths(obj: Any, prefix: tuple = ()) -> list[tuple]:
    items = (
        obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else []
    )
    paths = []
    for key, value in items:
        paths.append((*prefix, key))
        paths.extend(_paths(value, (*prefix, key)))
    return paths


def test_damaged_configs_raise_only_format_errors(legacy_dir: Path):
    rng = np.random.default_rng(0)
    replacements = [None, 7, "x", [], {}, [["ghost", 0, 0]], {"class_name": 3}, [1, 2, 3]]
    outcomes = {"converted": 0, "refused": 0}
    for name in ("shared_vision", "seq_in_functional", "two_io"):
        legacy = _legacy_json(legacy_dir, name)
        paths = _paths(legacy)
        for _ in range(150):
            damaged = copy.deepcopy(legacy)
            *parents, last = paths[rng.integers(len(paths))]
            target = damaged
            for key in parents:
                target = target[key]
            if rng.random() < 0.3:
                del target[last]
            else:
                target[last] = replacements[rng.integers(len(replacements))]
            try:  # anything but a FormatError escapes and fails the test
                translate_legacy_config(damaged)
                outcomes["converted"] += 1
            except FormatError as error:
                assert "Received: " in str(error)
                outcomes["refused"] += 1
    assert min(outcomes.values()) > 50  # both paths were exercised


def test_conversion_allocates_no_weights():
    from keras.src.backend.common import global_state

    # A kernel of 10**20 weights: Keras can describe it, no machine can allocate it (TF refuses
    # such a shape at once, so a regression fails here instead of exhausting memory).
    wide = {"name": "wide", "units": 10**10, "batch_input_shape": [None, 10**10]}
    legacy = {
        "class_name": "Sequential",
        "config": {"name": "wide", "layers": [{"class_name": "Dense", "config": wide}]},
    }
    pending = list(global_state.get_global_attribute("uninitialized_variables") or [])
    converted = convert_legacy_config(legacy)
    assert converted["config"]["layers"][1]["build_config"] == {"input_shape": [None, 10**10]}
    # Keras would allocate the variables it still holds at the next StatelessScope exit.
    assert list(global_state.get_global_attribute("uninitialized_variables") or []) == pending


def test_the_seeds_stateful_lstm_opens_in_the_editor(legacy_dir: Path):
    # S11 as tf_keras writes it; Keras 3 refused to build it in a stateless scope
    from engine.io.files import load_document

    for suffix in (".json", ".h5"):
        document = load_document(legacy_dir / f"stateful_lstm{suffix}")
        assert document.problems() == []
        lstms = [x for x in document.graph.layers.values() if x.class_name == "LSTM"]
        assert [x.config["stateful"] for x in lstms] == [True, True, True]
        (first,) = document.graph.input_layers()
        assert first.config["batch_shape"] == [32, 8, 16]
