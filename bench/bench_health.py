"""What the training health statistics add to a fit, through the real worker.

Each model trains the same fit (same seed, data and settings) with and without
`look.health`, in rounds of plain, health, plain, so that the machine's load hits both alike;
a round's figure is the health fit's own time (`fit_seconds`: model.fit alone, without the
worker's start-up) over the mean of its two plain fits, and the result is the median over the
rounds. Target: <= 5 % more. On a shared machine two identical fits can differ by more than
that, so the bench also prints how far the two plain fits of a round differ (the noise), and
the callback's own time on the training thread as it measures it (every health event carries
that share; it covers all the callback's work, the only time it takes from the fit), how many
health events came and how many of them ran the probe batch (gradients, dead units).

    .venv/bin/python bench/bench_health.py [--repeats 5]
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
            {"data": {"source": "dummy", "samples": 20000}, "fit": {"epochs": 6}},
        ),
        "digits CNN": (cnn, {"data": "digits", "fit": {"epochs": 30}}),
    }


def run(client, config: dict, fields: dict, health: bool) -> tuple[float, int, int, float]:
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
    charged = health_events[-1]["overhead"] if health_events else 0.0
    return finished["fit_seconds"], len(health_events), probed, charged


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    from engine.training import TrainingClient

    with TrainingClient() as client:
        for name, (config, fields) in models().items():
            run(client, config, fields, False)  # warm-up: the worker's first fit of this model
            ratios, noise, shares, counts = [], [], [], []
            for _ in range(args.repeats):
                # plain, health, plain: the two plain fits say how far two identical fits differ
                before = run(client, config, fields, False)[0]
                seconds, events, probed, charged = run(client, config, fields, True)
                after = run(client, config, fields, False)[0]
                ratios.append(seconds / ((before + after) / 2))
                noise.append(abs(after / before - 1))
                shares.append(charged)
                counts.append((events, probed))
            print(
                f"{name}: with health / without, median over {args.repeats} rounds: "
                f"{100 * (statistics.median(ratios) - 1):+.1f} % (target <= +5 %; rounds "
                f"{', '.join(f'{100 * (r - 1):+.1f}' for r in ratios)}); two plain fits differ by "
                f"{100 * statistics.median(noise):.1f} % (median); the callback's own time on "
                f"the training thread {100 * statistics.median(shares):.1f} % of the fit; "
                f"health events (all, with the probe batch) per fit: {counts}",
                flush=True,
            )


if __name__ == "__main__":
    main()
