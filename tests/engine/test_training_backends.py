"""Every installed Keras backend really trains: from the same initial weights, on the same
batches, with plain SGD, TensorFlow and JAX (and PyTorch where the user installed it) reach the
same loss after one epoch, and each run says which backend ran.

The seed MLP's Dropout layers draw their masks from each backend's own random numbers, so here
their rate is 0: the architecture is the seed's, the arithmetic deterministic.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from engine.training import TrainingClient, available_backends, make_job
from tests.engine.test_training_digits import small_cnn
from tests.keras_models import seed_config
from tests.training_helpers import of_kind, run_job

OTHER_BACKENDS = [name for name in available_backends() if name != "tensorflow"]


def mlp_without_dropout() -> dict[str, Any]:
    config = seed_config("S9_mlp")
    for layer in config["config"]["layers"]:
        if layer["class_name"] == "Dropout":
            layer["config"]["rate"] = 0.0
    return config


MODELS = {
    "seed MLP": (mlp_without_dropout, {"source": "dummy", "samples": 256}),
    "digits CNN": (small_cnn, {"source": "digits", "limit": 512}),
}


@pytest.fixture(scope="module")
def clients():
    started: dict[str, TrainingClient] = {}
    yield lambda backend: started.setdefault(backend, TrainingClient())
    for client in started.values():
        client.close()


@pytest.fixture(scope="module", params=list(MODELS))
def reference(request, clients, tmp_path_factory) -> tuple[str, str, float]:
    """(model name, initial weights file, TensorFlow's loss after one epoch)."""
    import keras

    name = request.param
    config = MODELS[name][0]()
    init = tmp_path_factory.mktemp("init") / "init.weights.h5"
    keras.models.model_from_json(json.dumps(config)).save_weights(str(init))
    loss = one_epoch_loss(clients("tensorflow"), name, str(init), "tensorflow")
    return name, str(init), loss


def one_epoch_loss(client: TrainingClient, name: str, init: str, backend: str) -> float:
    build, data = MODELS[name]
    job = make_job(
        build(),
        backend=backend,
        data=data,
        compile={"optimizer": "sgd", "learning_rate": 0.05},
        fit={"epochs": 1, "batch_size": 32, "shuffle": False},
        load_weights=init,
        save={"weights": False, "keras": False, "csv": False},
    )
    events = run_job(client, job)
    assert events[-1]["event"] == "finished", events[-1]
    assert of_kind(events, "started")[0]["backend"] == backend
    assert client.ready["backend"] == backend
    return events[-1]["history"]["loss"][0]


def test_jax_is_installed_for_every_user():
    assert "jax" in OTHER_BACKENDS


@pytest.mark.parametrize("backend", OTHER_BACKENDS)
def test_backends_agree_after_one_epoch(reference, backend, clients):
    name, init, tensorflow_loss = reference
    loss = one_epoch_loss(clients(backend), name, init, backend)
    assert loss == pytest.approx(tensorflow_loss, rel=1e-4), (name, backend)
