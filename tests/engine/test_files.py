"""Model files: every format round-trips, and bad or hostile files give a clear FormatError."""

from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path

import pytest
import yaml

from engine.errors import FormatError, UnsafeContentError
from engine.io.files import load_document, read_model_config, save_document
from engine.io.project import FORMAT_VERSION
from engine.model.keras_config import graph_from_config
from tests.keras_models import seed_config


@pytest.fixture(scope="module")
def news() -> dict:
    return seed_config("S13_news_two_io")


def test_json_yaml_kcanvas_round_trip(tmp_path: Path, news: dict) -> None:
    src = tmp_path / "news.json"
    src.write_text(json.dumps(news))
    doc = load_document(src)
    for name in ("out.json", "out.yaml", "out.yml", "out.kcanvas"):
        save_document(doc, tmp_path / name)
        assert read_model_config(tmp_path / name) == news, name
    assert yaml.safe_load((tmp_path / "out.yaml").read_text()) == news


def test_yaml_text_does_not_depend_on_libyaml(news: dict) -> None:
    """The C emitter (used when installed, for speed) writes what the Python one writes."""
    from engine.io.files import render_config
    from tests.keras_models import application_config

    for config in (news, application_config("DenseNet121")):
        pure = yaml.dump(config, Dumper=yaml.SafeDumper, sort_keys=False, default_flow_style=None)
        assert render_config(config, ".yaml") == pure


def test_kcanvas_keeps_positions_and_training(tmp_path: Path, news: dict) -> None:
    doc = load_document_from(news, tmp_path)
    node = doc.graph.calls[doc.graph.layer_by_name("lstm").id][0]
    doc.editor_state["positions"] = {node: [120.5, -40.0]}
    doc.project_extra["training"] = {"epochs": 3}
    save_document(doc, tmp_path / "p.kcanvas")
    again = load_document(tmp_path / "p.kcanvas")
    lstm = again.graph.calls[again.graph.layer_by_name("lstm").id][0]
    assert again.editor_state["positions"] == {lstm: [120.5, -40.0]}
    assert again.project_extra["training"] == {"epochs": 3}
    data = json.loads((tmp_path / "p.kcanvas").read_text())
    assert data["format_version"] == FORMAT_VERSION and data["editor"]["positions"] == {
        "lstm#0": [120.5, -40.0]
    }


def load_document_from(config: dict, tmp_path: Path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(config))
    return load_document(path)


def test_sequential_export_of_a_chain(tmp_path: Path) -> None:
    doc = load_document_from(seed_config("S9_mlp"), tmp_path)
    save_document(doc, tmp_path / "seq.json", as_sequential=True)
    config = json.loads((tmp_path / "seq.json").read_text())
    assert config["class_name"] == "Sequential"
    import keras

    model = keras.models.model_from_json(json.dumps(config))
    assert model.count_params() == 64 * 20 + 64 + 64 * 64 + 64 + 64 * 10 + 10


def test_keras_archive_is_read_without_running_code(tmp_path: Path) -> None:
    import keras

    from tests.keras_models import s9_mlp

    keras.backend.clear_session()
    model = s9_mlp()
    model.save(tmp_path / "mlp.keras")
    assert read_model_config(tmp_path / "mlp.keras")["config"]["name"] == "mlp_dropout"


def test_unknown_custom_layer_is_kept_unchanged(tmp_path: Path) -> None:
    config = copy.deepcopy(seed_config("S9_mlp"))
    layer = next(x for x in config["config"]["layers"] if x["name"] == "dense_1")
    layer.update(
        {"module": "acme.layers", "class_name": "FancyDense", "registered_name": "Acme>FancyDense"}
    )
    doc = load_document_from(config, tmp_path)
    node = doc.graph.calls[doc.graph.layer_by_name("dense_1").id][0]
    assert "Shapes are taken from the file" in doc.results()[node].note
    assert doc.to_config() == config


HOSTILE = {
    "empty.json": b"",
    "truncated.json": b'{"class_name": "Functional", "config": {"layers": [',
    "binary.json": bytes(range(256)) * 4,
    "list.json": b"[1, 2, 3]",
    "layer.json": json.dumps({"class_name": "Dense", "config": {"units": 3}}).encode(),
    "deep.json": b"[" * 100000 + b"]" * 100000,
    "python_tag.yaml": b"!!python/object/apply:os.system ['echo pwned']\n",
    "aliases.yaml": b"a: &a [1, 2]\nb: [*a, *a, *a]\n",
    "bad_history.json": json.dumps(
        {
            "class_name": "Functional",
            "config": {
                "layers": [
                    {
                        "class_name": "Dense",
                        "config": {"name": "d"},
                        "name": "d",
                        "inbound_nodes": [
                            {
                                "args": [
                                    {
                                        "class_name": "__keras_tensor__",
                                        "config": {"keras_history": ["ghost", 0, 0]},
                                    }
                                ],
                                "kwargs": {},
                            }
                        ],
                    }
                ],
                "input_layers": [],
                "output_layers": [],
            },
        }
    ).encode(),
    "not_zip.keras": b"PK-but-not-really",
    "other.kcanvas": json.dumps({"format": "something-else"}).encode(),
    "future.kcanvas": json.dumps(
        {"format": "keras-canvas", "format_version": 99, "model": {}}
    ).encode(),
    "unknown.txt": b"hello",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_and_malformed_files_raise_format_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name])
    with pytest.raises(FormatError) as info:
        load_document(path)
    message = str(info.value)
    assert name in message or "Received" in message or "valid" in message
    assert "Traceback" not in message


def test_lambda_is_refused_unless_allowed(tmp_path: Path) -> None:
    config = copy.deepcopy(seed_config("S9_mlp"))
    dropout = next(x for x in config["config"]["layers"] if x["name"] == "dropout")
    dropout.update({"class_name": "Lambda", "config": {"name": "dropout", "function": "evil"}})
    path = tmp_path / "lambda.json"
    path.write_text(json.dumps(config))
    with pytest.raises(UnsafeContentError, match="allow unsafe"):
        load_document(path)
    graph = graph_from_config(config, allow_unsafe=True)
    assert graph.layer_by_name("dropout").class_name == "Lambda"


def test_zip_without_config(tmp_path: Path) -> None:
    path = tmp_path / "empty.keras"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("metadata.json", "{}")
    with pytest.raises(FormatError, match="without 'config\\.json'"):
        read_model_config(path)


def test_atomic_save_leaves_old_file_when_export_fails(tmp_path: Path, news: dict) -> None:
    doc = load_document_from(news, tmp_path)
    target = tmp_path / "keep.json"
    target.write_text("old content")
    with pytest.raises(Exception, match="Sequential"):
        save_document(doc, target, as_sequential=True)
    assert target.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".keep")] == []


def test_project_keeps_a_work_in_progress_whole(tmp_path: Path) -> None:
    """Unconnected layers, open ports and shape errors survive save and load."""
    from engine.model import operations as ops
    from engine.model.graph import TensorRef

    doc = load_document_from(seed_config("S9_mlp"), tmp_path)
    g = doc.graph
    dropout = g.calls[g.layer_by_name("dropout").id][0]
    e, _, dangling = ops.add_layer(g, "Dense", [TensorRef(dropout)], units=5)
    doc.apply(e)
    e, _, _ = ops.add_layer(g, "Concatenate")  # no input yet
    doc.apply(e)
    e, _, broken = ops.add_layer(g, "Conv2D", [TensorRef(dropout)], filters=2, kernel_size=3)
    doc.apply(e)  # Conv2D on a (None, 64) tensor: a shape error
    problems_before = sorted(str(p) for p in doc.problems())
    save_document(doc, tmp_path / "wip.kcanvas")
    again = load_document(tmp_path / "wip.kcanvas")
    names = {layer.name for layer in again.graph.layers.values()}
    assert {"dense_3", "concatenate", "conv2d"} <= names
    assert sorted(str(p) for p in again.problems()) == problems_before
    # the valid part still exports as plain Keras
    assert again.to_config() == seed_config("S9_mlp")
    del dangling, broken


def test_sequential_model_exported_as_functional_loads_in_keras(tmp_path: Path) -> None:
    import keras

    doc = load_document_from(seed_config("S9_mlp_sequential"), tmp_path)
    config = doc.to_config(as_sequential=False)
    assert config["class_name"] == "Functional"
    model = keras.models.model_from_json(json.dumps(config))
    assert model.count_params() == 64 * 20 + 64 + 64 * 64 + 64 + 64 * 10 + 10


def test_saved_files_are_ordinary_and_folders_are_not_invented(tmp_path: Path, news: dict) -> None:
    doc = load_document_from(news, tmp_path)
    save_document(doc, tmp_path / "plain.json")
    assert (tmp_path / "plain.json").stat().st_mode & 0o644 == 0o644
    with pytest.raises(FormatError, match="does not exist"):
        save_document(doc, tmp_path / "missing" / "m.json")
    assert not (tmp_path / "missing").exists()
