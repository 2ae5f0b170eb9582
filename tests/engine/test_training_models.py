"""The real worker trains the seed's multi-input/multi-output and stateful models."""

from __future__ import annotations

import pytest

from engine.training import make_job
from tests.keras_models import seed_config
from tests.training_helpers import of_kind, run_job


def test_two_outputs_with_loss_weights_report_each_loss(client, tmp_path):
    job = make_job(
        seed_config("S13_news_two_io"),
        data={"source": "dummy", "samples": 80},
        compile={"optimizer": "rmsprop", "learning_rate": 0.01, "loss_weights": [1.0, 0.2]},
        fit={"epochs": 1, "validation_split": 0.2},
        output_dir=str(tmp_path),
        save={"keras": False},
    )
    events = run_job(client, job)
    assert events[-1]["event"] == "finished", events[-1]
    logs = of_kind(events, "epoch")[0]["logs"]
    for name in ("main_output", "aux_output"):
        assert {f"{name}_loss", f"{name}_accuracy", f"val_{name}_loss"} <= set(logs)
    # the total is the weighted sum (two full batches: the means weigh them alike)
    expected = logs["main_output_loss"] + 0.2 * logs["aux_output_loss"]
    assert logs["loss"] == pytest.approx(expected, rel=1e-3)


def test_stateful_lstm_trains_with_its_batch_size_in_order(client, tmp_path):
    job = make_job(
        seed_config("S11_stateful_lstm"),
        data={"source": "dummy", "samples": 100},
        fit={"epochs": 1, "batch_size": 10, "shuffle": True},
        output_dir=str(tmp_path),
        save={"keras": False},
    )
    events = run_job(client, job)
    assert events[-1]["event"] == "finished", events[-1]
    started = events[0]
    assert started["batch_size"] == 32 and started["shuffle"] is False
    assert started["samples"] == 96  # trimmed to a multiple of the fixed batch size
    assert started["steps"] == 3
