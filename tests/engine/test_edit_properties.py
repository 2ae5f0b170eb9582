"""Issue 10 §4(b): random operation sequences from every template and from empty.

The state machine (`tests.engine.edit_fuzz`) edits as a user could and checks the promise after
every step. The budget comes from the hypothesis profile (HYPOTHESIS_PROFILE, see
tests/conftest.py): `ci` runs a few sequences per start, `fuzz` as many as it is given.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.stateful import run_state_machine_as_test

from tests.engine.edit_fuzz import STARTS, STATS, EditSequences

# share of the profile's examples an operation sequence gets: one sequence is ~15 edits, each
# checked against a fresh inference (and Keras when Problems is empty). In `ci` that is two
# sequences per start (hypothesis's first is its simplest: one edit repeated); `fuzz` gives each
# start 1,000.
SEQUENCES = int(os.environ.get("EDIT_FUZZ_SEQUENCES", max(2, settings.default.max_examples // 100)))
STEPS = int(os.environ.get("EDIT_FUZZ_STEPS", 15))


@pytest.mark.parametrize("start", STARTS)
def test_edit_sequences_keep_the_promise(start: str) -> None:
    machine = type(f"EditSequencesFrom_{start}", (EditSequences,), {"start": start})
    run_state_machine_as_test(
        machine, settings=settings(max_examples=SEQUENCES, stateful_step_count=STEPS)
    )


@pytest.fixture(scope="module", autouse=True)
def _figures():
    """With EDIT_FUZZ_STATS=<file>, write how much was tried (for a long run's report)."""
    yield
    target = os.environ.get("EDIT_FUZZ_STATS")
    if target:
        Path(target).write_text(json.dumps(STATS) + "\n")
