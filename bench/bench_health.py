"""What the training health statistics add to a fit, through the real worker.

Each model trains the same fit (same seed, data and settings) with and without
`look.health`, alternating (plain, health, plain, health...) so that the machine's load hits
both alike; the figure is the median of the fit's own time (`fit_seconds`: model.fit alone,
without the worker's start-up) over the repeats. Target: <= 5 % more. Also printed: how many
health events came and how many of them ran the probe batch (gradients, dead units).

    .venv/bin/python bench/bench_health.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def models() -> dict[str, tuple[dict, dict]]:
    """name -> (model config, job fields)."""
    import keras

    from tests.keras_models import seed_config
    from tests.look_models import digits_cnn

    keras.backend.clear_session()
    cnn = json.loads(digits_cnn().to_json())
    return {
        "seed MLP": (
            seed_config("S9_mlp"),
            {"data": {"source": "dummy", "samples": 20000}, "fit": {"epochs": 3}},
        ),
        "digits CNN": (cnn, {"data": "digits", "fit": {"epochs": 15}}),
    }


def run(client, config: dict, fields: dict, health: bool) -> tuple[float, int, int]:
    from engine.training import make_job

    job = make_job(
        config,
        look={"health": health},
        output_dir=tempfile.mkdtemp(prefix="bench-health-"),
        save={"weights": False, "keras": False, "csv": False},
        **fields,
    )
    client.submit(job)
    events = list(client.events(timeout=600))
    finished = events[-1]
    assert finished["event"] == "finished", finished
    health_events = [e for e in events if e["event"] == "health"]
    probed = sum(1 for e in health_events if e.get("nodes"))
    return finished["fit_seconds"], len(health_events), probed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from engine.training import TrainingClient

    with TrainingClient() as client:
        for name, (config, fields) in models().items():
            run(client, config, fields, False)  # warm-up: the worker's first fit of this model
            plain, watched, counts = [], [], []
            for _ in range(args.repeats):
                plain.append(run(client, config, fields, False)[0])
                seconds, events, probed = run(client, config, fields, True)
                watched.append(seconds)
                counts.append((events, probed))
            base, with_health = statistics.median(plain), statistics.median(watched)
            print(
                f"{name}: fit {base:.2f} s, with health {with_health:.2f} s "
                f"({100 * (with_health / base - 1):+.1f} %, target <= +5 %); "
                f"health events (all, with the probe batch) per fit: {counts}",
                flush=True,
            )


if __name__ == "__main__":
    main()
