"""Data for training jobs: dummy data, bundled datasets, user files and the checks before a run.

These run in the test process, without a worker: the data code is plain numpy.
"""

from __future__ import annotations

import gzip
import json
import struct

import h5py
import numpy as np
import pytest

from engine.training import DataError, JobError, available_backends, make_job
from engine.training.bundled import read_fashion_mnist
from engine.training.checks import check_data
from engine.training.data import Dataset, dummy_data, load_data, normalize_data_spec
from engine.training.events import decode, encode
from engine.training.signature import ModelSignature, TensorSpec, _embedding_input_dims
from tests.keras_models import seed_config

MLP = ModelSignature(
    inputs=(TensorSpec("features", (None, 20), "float32"),),
    outputs=(TensorSpec("predictions", (None, 10), "float32", activation="softmax"),),
)
NEWS = ModelSignature(
    inputs=(
        TensorSpec("main_input", (None, 100), "int32", input_dim=10000),
        TensorSpec("aux_input", (None, 5), "float32"),
    ),
    outputs=(
        TensorSpec("main_output", (None, 1), "float32", activation="sigmoid"),
        TensorSpec("aux_output", (None, 1), "float32", activation="sigmoid"),
    ),
)
DIGITS_CNN = ModelSignature(
    inputs=(TensorSpec("image", (None, 8, 8, 1), "float32"),),
    outputs=(TensorSpec("digit", (None, 10), "float32", activation="softmax"),),
)


def test_dummy_data_fits_every_input_and_output():
    data = dummy_data(NEWS, 64, seed=1)
    check_data(data, NEWS)
    tokens = data.x["main_input"]
    assert tokens.shape == (64, 100) and tokens.dtype.kind == "i"
    assert tokens.min() >= 0 and tokens.max() < 10000
    assert set(np.unique(data.y["main_output"])) <= {0.0, 1.0}
    one_hot = dummy_data(MLP, 32).y["predictions"]
    assert one_hot.shape == (32, 10) and np.all(one_hot.sum(axis=1) == 1)


def test_embedding_input_dim_is_read_from_the_config():
    assert _embedding_input_dims(seed_config("S13_news_two_io")) == {"main_input": 10000}


def test_wrong_shape_names_the_input_and_both_shapes():
    data = Dataset(x={"features": np.zeros((8, 21), "float32")}, y={"predictions": np.eye(10)[:8]})
    with pytest.raises(DataError, match=r"Input 'features' expects data of shape \(None, 20\)"):
        check_data(data, MLP)
    with pytest.raises(DataError, match=r"Received: \(8, 21\)"):
        check_data(data, MLP)


def test_missing_array_is_named():
    data = dummy_data(NEWS, 16)
    del data.x["aux_input"]
    with pytest.raises(DataError, match=r"has 2 inputs .* but the data has 1 input .* aux_input"):
        check_data(data, NEWS)


def test_nan_is_refused_with_the_sample():
    data = dummy_data(MLP, 16)
    data.x["features"][5, 3] = np.nan
    with pytest.raises(DataError, match=r"'features' contains NaN.*sample 5"):
        check_data(data, MLP)


def test_tokens_beyond_the_embedding_are_refused():
    data = dummy_data(NEWS, 16)
    data.x["main_input"][0, 0] = 10000
    with pytest.raises(DataError, match=r"'main_input' needs tokens .* \[0, 10000\)"):
        check_data(data, NEWS)


def test_arrays_of_different_lengths_are_refused():
    data = dummy_data(MLP, 16)
    data.y["predictions"] = data.y["predictions"][:10]
    with pytest.raises(DataError, match="same number of samples"):
        check_data(data, MLP)


def test_sparse_labels_are_accepted_for_a_sparse_loss():
    data = Dataset(x={"features": np.zeros((4, 20), "float32")}, y={"predictions": np.arange(4)})
    check_data(data, MLP, sparse_outputs=frozenset({"predictions"}))
    with pytest.raises(DataError, match="expects data of shape"):
        check_data(data, MLP)


def test_to_categorical_on_request(tmp_path):
    path = tmp_path / "data.npz"
    np.savez(path, features=np.ones((6, 20), "float32"), predictions=np.array([0, 1, 2, 9, 3, 3]))
    spec = normalize_data_spec({"source": "files", "path": str(path), "to_categorical": True})
    data = load_data(spec, MLP)
    assert data.y["predictions"].shape == (6, 10)
    assert data.y["predictions"][3, 9] == 1.0
    check_data(data, MLP)


def test_digits_take_the_models_layout():
    images = load_data(normalize_data_spec("digits"), DIGITS_CNN)
    assert images.x["image"].shape == (1797, 8, 8, 1)
    assert images.y["digit"].shape == (1797, 10)  # one-hot: "auto" for bundled data
    vectors_model = ModelSignature(
        inputs=(TensorSpec("x", (None, 64), "float32"),), outputs=DIGITS_CNN.outputs
    )
    assert load_data(normalize_data_spec("digits"), vectors_model).x["x"].shape == (1797, 64)


def test_a_dataset_that_does_not_fit_says_what_it_needs():
    with pytest.raises(DataError) as info:
        load_data(normalize_data_spec("iris"), MLP)
    message = str(info.value)
    assert "iris dataset needs an input of shape (4,) and an output of 3 units" in message
    assert "'features' of shape (20,)" in message


def test_bundled_datasets_need_one_input_and_one_output():
    with pytest.raises(DataError, match=r"wine dataset has one input .* 2 inputs"):
        load_data(normalize_data_spec("wine"), NEWS)


def test_user_files_map_by_name(tmp_path):
    x, y = np.random.rand(12, 20).astype("float32"), np.eye(10, dtype="float32")[np.arange(12) % 10]
    np.save(tmp_path / "x.npy", x)
    with h5py.File(tmp_path / "y.h5", "w") as handle:
        handle["labels/onehot"] = y
    spec = {
        "source": "files",
        "arrays": {
            "features": str(tmp_path / "x.npy"),
            "predictions": f"{tmp_path / 'y.h5'}:labels/onehot",
        },
    }
    data = load_data(normalize_data_spec(spec), MLP)
    np.testing.assert_array_equal(data.x["features"], x)
    np.testing.assert_array_equal(data.y["predictions"], y)
    check_data(data, MLP)


def test_an_unknown_array_name_is_refused(tmp_path):
    path = tmp_path / "data.npz"
    np.savez(path, features=np.zeros((4, 20)), labels=np.zeros((4, 10)))
    with pytest.raises(DataError, match=r"match no model input or output: \['labels'\]"):
        load_data(normalize_data_spec(str(path)), MLP)


def test_sample_weights_come_with_the_arrays(tmp_path):
    path = tmp_path / "weighted.npz"
    weights = np.linspace(0.5, 2.0, 4).astype("float32")
    np.savez(path, x=np.zeros((4, 20)), y=np.eye(10)[:4], sample_weight=weights)
    data = load_data(normalize_data_spec(str(path)), MLP)
    assert list(data.x) == ["features"] and list(data.y) == ["predictions"]
    np.testing.assert_array_equal(data.sample_weight["predictions"], weights)
    check_data(data, MLP)


def test_csv_takes_the_last_column_as_target(tmp_path):
    rows = ["a,b,c,label"] + [f"{i},{i * 2},{i % 3},{i % 2}" for i in range(10)]
    (tmp_path / "table.csv").write_text("\n".join(rows))
    model = ModelSignature(
        inputs=(TensorSpec("x", (None, 3), "float32"),),
        outputs=(TensorSpec("y", (None, 1), "float32", activation="sigmoid"),),
    )
    data = load_data(normalize_data_spec(str(tmp_path / "table.csv")), model)
    assert data.x["x"].shape == (10, 3) and data.y["y"][:, 0].tolist() == [0, 1] * 5
    check_data(data, model)


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load_data(normalize_data_spec(str(tmp_path / "nothing.npz")), MLP)


def _write_idx(path, array):
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(
        f">{array.ndim}I", *array.shape
    )
    with gzip.open(path, "wb") as stream:
        stream.write(header + array.astype(np.uint8).tobytes())


def test_fashion_mnist_reads_idx_files_from_a_folder(tmp_path):
    images = np.random.default_rng(0).integers(0, 256, (20, 28, 28))
    _write_idx(tmp_path / "train-images-idx3-ubyte.gz", images)
    _write_idx(tmp_path / "train-labels-idx1-ubyte.gz", np.arange(20) % 10)
    read_images, labels = read_fashion_mnist(tmp_path)
    np.testing.assert_array_equal(read_images, images)
    assert labels.tolist() == [i % 10 for i in range(20)]
    model = ModelSignature(
        inputs=(TensorSpec("img", (None, 28, 28, 1), "float32"),), outputs=DIGITS_CNN.outputs
    )
    data = load_data(normalize_data_spec({"source": "fashion_mnist", "path": str(tmp_path)}), model)
    assert data.x["img"].shape == (20, 28, 28, 1) and data.x["img"].max() <= 1.0


def test_missing_fashion_mnist_says_where_it_looked(tmp_path):
    with pytest.raises(DataError, match=r"Fashion-MNIST IDX files .* were not found"):
        read_fashion_mnist(tmp_path)


def test_jobs_are_checked_before_they_reach_a_worker():
    config = {"class_name": "Functional", "config": {}}
    assert make_job(config)["fit"]["epochs"] == 1
    with pytest.raises(JobError, match=r"`fit.epochs` must be an integer >= 1. Received: 0"):
        make_job(config, fit={"epochs": 0})
    with pytest.raises(JobError, match="callback class_name"):
        make_job(config, fit={"callbacks": ["LambdaCallback"]})
    with pytest.raises(JobError, match="validation_split"):
        make_job(config, fit={"validation_split": 1.5})
    with pytest.raises(DataError, match="`source` must be one of"):
        make_job(config, data={"source": "mnist"})


def test_only_installed_backends_are_offered():
    backends = available_backends()
    assert "tensorflow" in backends
    assert set(backends) <= {"tensorflow", "jax", "torch"}


def test_events_are_strict_json_lines():
    line = encode({"event": "epoch", "logs": {"loss": float("nan"), "acc": np.float32(0.5)}})
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert (
        json.loads(line) == decode(line) == {"event": "epoch", "logs": {"loss": None, "acc": 0.5}}
    )
