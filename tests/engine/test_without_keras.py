"""Placing and wiring layers needs only the catalog's cache file, not Keras (issue 9 §4.8).

The window shows the palette at once and lets the user build while Keras imports (seconds on a
busy machine); shapes and checks follow. What the edits record without Keras must be exactly
what they record with it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.catalog import get_catalog
from engine.model import operations
from engine.model.call_kwargs import _catalog_signature, _keras_signature, default_call_kwargs
from engine.model.graph import Graph, Layer, TensorRef

REPO = Path(__file__).resolve().parents[2]

_BUILD_WITHOUT_KERAS = """
import sys
from engine.model import operations
from engine.model.edits import apply
from engine.model.graph import Graph, TensorRef

g = Graph()
for edit, *_ in [operations.add_input(g, (32,))]:
    apply(g, edit)
source = g.inputs[0].node_id
made = []
for name, params in [("Dense", {"units": 32}), ("Conv2D", {}), ("LSTM", {"units": 32}),
                     ("MultiHeadAttention", {}), ("Dropout", {"rate": 0.5}),
                     ("Concatenate", {}), ("BatchNormalization", {})]:
    edit, _, node = operations.add_layer(g, name, [TensorRef(source)], **params)
    apply(g, edit)
    made.append(node)
edit = operations.connect(g, TensorRef(made[0]), made[5])
apply(g, edit)
print(len(g.layers), len(g.nodes), "keras" in sys.modules, "tensorflow" in sys.modules)
"""


def test_layers_are_placed_and_wired_without_importing_keras(tmp_path):
    get_catalog()  # the cache file exists (written by whoever built the catalog first)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_WITHOUT_KERAS],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["8", "8", "False", "False"]


@pytest.mark.parametrize("spec", sorted(get_catalog(), key=lambda s: s.class_name), ids=str)
def test_calls_record_what_keras_records(spec):
    """The catalog's call signature gives the call kwargs Keras's own signature gives."""
    if spec.class_name == "InputLayer":
        return  # never called
    layer = Layer(id="L1", class_name=spec.class_name, config=spec.default_config())
    assert _catalog_signature(layer) is not None
    keras_names, keras_defaults = _keras_signature(layer)
    assert list(spec.call_params) == keras_names
    for tensor_args in (None, operations.NAMED_TENSOR_ARGS.get(spec.class_name)):
        via_catalog = default_call_kwargs(layer, tensor_args)
        defaults = {k: v for k, v in keras_defaults.items() if v is None or type(v) in _PLAIN}
        assert via_catalog == _kwargs(keras_names, defaults, tensor_args)
        assert keras_defaults.keys() >= spec.call_defaults.keys()


_PLAIN = (bool, int, float, str)


def _kwargs(names, params, tensor_args) -> dict:
    """The rule of `default_call_kwargs`, on Keras's own signature."""
    tensor_args = tensor_args or tuple(names[:1])
    kwargs = {}
    if params.get("training") is not None:
        kwargs["training"] = params["training"]
    masks = ["mask"] if len(tensor_args) == 1 else [f"{a}_mask" for a in tensor_args]
    kwargs.update({m: None for m in masks if m in params and params[m] is None})
    return kwargs


def test_a_new_layer_with_example_values_is_the_template_keras_writes():
    """Dense(units=32) and Conv2D(filters=32, kernel_size=3) skip Keras: same config."""
    import keras

    catalog = get_catalog()
    for class_name, values in (("Dense", {"units": 32}), ("Conv2D", {"kernel_size": 3})):
        spec = catalog.get(class_name)
        config = spec.default_config(name="x", **values)
        built = keras.layers.deserialize(
            {"module": spec.module, "class_name": class_name, "config": config}
        ).get_config()
        assert config == operations.json_clean(built)
    # a value the template does not hold still goes through Keras (and its checks)
    assert catalog.get("Dense").default_config(units=7)["units"] == 7
    with pytest.raises(ValueError):
        catalog.get("Dense").default_config(units=-3)


def test_the_default_input_is_the_config_keras_writes():
    import keras

    graph = Graph()
    edit, _, _ = operations.add_input(graph, (32,))
    config = edit.args["edits"][0].args["layer"].config
    keras_config = keras.layers.InputLayer(shape=(32,), name="input_layer").get_config()
    assert config == operations.json_clean(keras_config)
    edit, _, _ = operations.add_input(graph, (8, 8, 1), batch_size=4)  # other shapes: Keras
    layer = edit.args["edits"][0].args["layer"]
    assert layer.config["batch_shape"] == [4, 8, 8, 1]


def test_placing_a_layer_on_a_graph_keeps_names_keras_would_give():
    from engine.model.edits import apply

    graph = Graph()
    edit, *_ = operations.add_input(graph, (32,))
    apply(graph, edit)
    src = graph.inputs[0].node_id
    for expected in ("conv_lstm1d", "conv_lstm1d_1"):
        edit, layer_id, _ = operations.add_layer(graph, "ConvLSTM1D", [TensorRef(src)])
        apply(graph, edit)
        assert graph.layers[layer_id].name == expected
