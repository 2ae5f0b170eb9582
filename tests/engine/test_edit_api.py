"""Issue 10 §2, through direct API calls: every edit applies exactly or raises a typed error.

Ports, names, dtypes and the layer build cache, called as a script (or a bug) would call them:
a refused call raises the engine's own error and changes nothing; an inverse restores exactly.
"""

from __future__ import annotations

import json

import pytest

from engine.errors import ConnectionError_, GraphError, NotFoundError
from engine.model import edits
from engine.model import operations as ops
from engine.model.document import Document
from engine.model.edits import Edit
from engine.model.graph import TensorRef
from engine.model.keras_config import graph_from_config
from tests.engine.invariants import graph_state, keras_agrees, snapshot
from tests.keras_models import seed_config


@pytest.fixture(scope="module")
def news_config() -> dict:
    return seed_config("S13_news_two_io")


@pytest.fixture
def news(news_config) -> Document:
    """The seed's two-input model; its LSTM call records `training: False, mask: None`."""
    return Document(graph_from_config(json.loads(json.dumps(news_config))))


def _call(doc: Document, name: str, index: int = 0) -> str:
    return doc.graph.calls[doc.graph.layer_by_name(name).id][index]


def _source(doc: Document) -> TensorRef:
    return TensorRef(_call(doc, "embedding"))


@pytest.mark.parametrize("key", ["mask", "training"])
def test_set_port_on_a_non_tensor_keyword_is_exact_or_refused(news, key) -> None:
    """`mask: None` is an empty slot (Keras accepts a mask tensor): undo gives back `None`,
    not a missing key. `training: False` is no tensor input: refused."""
    node = _call(news, "lstm")
    before = snapshot(news)
    assert news.graph.nodes[node].kwargs[key] in (None, False)
    edit = Edit("set_port", {"node_id": node, "path": ("kwargs", key), "source": _source(news)})
    if key == "training":
        with pytest.raises(ConnectionError_, match="not a tensor input"):
            news.apply(edit)
    else:
        inverse = news.apply(edit)
        assert news.graph.nodes[node].kwargs["mask"] == _source(news)  # a mask tensor
        news.apply(inverse)
    assert snapshot(news) == before


def test_set_port_on_a_whole_merge_list_is_refused() -> None:
    doc = Document(graph_from_config(seed_config("S13_news_two_io")))
    node = _call(doc, "concatenate")
    before = snapshot(doc)
    source = TensorRef(_call(doc, "lstm"))
    with pytest.raises(ConnectionError_, match="not a tensor input"):
        doc.apply(Edit("set_port", {"node_id": node, "path": ("args", 0), "source": source}))
    assert snapshot(doc) == before
    # one entry of the list is a port: its inverse is exact
    inverse = doc.apply(Edit("set_port", {"node_id": node, "path": ("args", 0, 1),
                                          "source": source}))  # fmt: skip
    doc.apply(inverse)
    assert snapshot(doc) == before


BAD_PATHS = [
    None,
    "args",
    (),
    ("outputs", 0),
    ("args", 5),
    ("args", -1),
    ("args", "0"),
    ("args", 0, 0),
    ("args", True),
    ("kwargs", 3),
    ("kwargs", "mask", 0),
    ("args", 0.0),
]


@pytest.mark.parametrize("op", ["set_port", "insert_port", "remove_port", "disconnect"])
def test_invalid_port_paths_raise_engine_errors(news, op) -> None:
    node = _call(news, "lstm")
    before = graph_state(news.graph)
    for path in BAD_PATHS:
        with pytest.raises(GraphError):
            if op == "disconnect":
                news.apply(ops.disconnect(news.graph, node, path))
            else:
                args = {"node_id": node, "path": path}
                if op != "remove_port":
                    args["source"] = _source(news)
                news.apply(Edit(op, args))
        assert graph_state(news.graph) == before, path


@pytest.mark.parametrize(
    "edit",
    [
        Edit("set_port", {"node_id": "N4", "path": ("args", 0), "source": [1, 2]}),
        Edit("set_port", {"node_id": "N4", "path": ("args", 0), "source": TensorRef("N1", "0")}),
        Edit("set_port", {"node_id": "N4", "path": ("args", 0), "source": TensorRef("nope")}),
        Edit("set_port", {"node_id": "N4"}),
        Edit("set_port", {"node_id": "N4", "path": ("args", 0), "source": None, "extra": 1}),
        Edit("rename", {"layer_id": "L2", "name": 7}),
        Edit("set_outputs", {"refs": [TensorRef("missing")]}),
        Edit("no_such_edit"),
        Edit(["not", "a", "name"]),  # type: ignore[arg-type]
    ],
    ids=repr,
)
def test_malformed_edits_raise_engine_errors(news, edit) -> None:
    before = graph_state(news.graph)
    with pytest.raises(GraphError):
        news.apply(edit)
    assert graph_state(news.graph) == before


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"name": "a/b"}, "'/'"),
        ({"name": "  "}, "name"),
        ({"dtype": "bogus"}, "bogus"),
        ({"dtype": 3}, "dtype"),
        ({"shape": (-1,)}, "shape"),
        ({"shape": (2.5,)}, "shape"),
        ({"shape": "8"}, "shape"),
        ({"batch_size": 0}, "batch size"),
    ],
)
def test_add_input_refuses_what_keras_would_with_engine_errors(news, kwargs, match) -> None:
    arguments = {"shape": (8,), **kwargs}
    before = graph_state(news.graph)
    with pytest.raises(GraphError, match=match):
        edit, _, _ = ops.add_input(news.graph, **arguments)
        news.apply(edit)
    assert graph_state(news.graph) == before


def test_build_cache_knows_which_argument_a_shape_came_from() -> None:
    """Two MultiHeadAttention layers alike but for which of value and key is 8 or 16 wide:
    one build would serve both if only the flat list of input shapes were compared."""
    import keras

    keras.backend.clear_session()
    q = keras.Input((4, 8), name="q")
    narrow = keras.Input((6, 8), name="narrow")
    wide = keras.Input((6, 16), name="wide")
    first = keras.layers.MultiHeadAttention(num_heads=2, key_dim=4, name="first")
    second = keras.layers.MultiHeadAttention(num_heads=2, key_dim=4, name="second")
    a = first(q, value=wide, key=narrow)  # recorded as args [q], kwargs {key, value}
    b = second(q, narrow, key=wide)  # args [q, narrow], kwargs {key}
    expected = json.loads(keras.Model([q, narrow, wide], [a, b], name="mha").to_json())
    doc = Document(graph_from_config(json.loads(json.dumps(expected))))
    assert doc.problems() == []
    layers = {e["name"]: e for e in doc.to_config()["config"]["layers"]}
    for name in ("first", "second"):
        expected_layer = next(e for e in expected["config"]["layers"] if e["name"] == name)
        assert layers[name]["build_config"] == expected_layer["build_config"]
    keras_agrees(doc)


def test_renaming_a_model_inside_keeps_outer_names_unique() -> None:
    doc = Document(graph_from_config(seed_config("nested_outputs")))
    body = doc.graph.layer_by_name("seq").body
    with pytest.raises(GraphError, match="'inner'"):
        edits.apply(body, Edit("set_model_name", {"name": "inner"}))
    inverse = edits.apply(body, Edit("set_model_name", {"name": "seq"}))  # its own name
    edits.apply(body, inverse)
    assert doc.graph.layer_by_name("seq").body is body


def test_disconnecting_every_kwargs_tensor_removes_the_keyword_and_undoes() -> None:
    import keras

    keras.backend.clear_session()
    seq = keras.Input((10, 8), name="seq")
    h = keras.Input((16,), name="h")
    c = keras.Input((16,), name="c")
    out = keras.layers.LSTM(16, name="lstm")(seq, initial_state=[h, c])
    doc = Document(graph_from_config(json.loads(keras.Model([seq, h, c], out).to_json())))
    lstm = _call(doc, "lstm")
    before = snapshot(doc)
    first = doc.apply(ops.disconnect(doc.graph, lstm, ("kwargs", "initial_state", 1)))
    second = doc.apply(ops.disconnect(doc.graph, lstm, ("kwargs", "initial_state", 0)))
    assert "initial_state" not in doc.graph.nodes[lstm].kwargs
    doc.apply(second)
    doc.apply(first)
    assert snapshot(doc) == before


def test_not_found_errors_are_typed(news) -> None:
    with pytest.raises(NotFoundError):
        ops.disconnect(news.graph, "N999", ("args", 0))
    with pytest.raises(NotFoundError):
        ops.connect(news.graph, TensorRef("N999"), _call(news, "lstm"))
