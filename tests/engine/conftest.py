"""Fixtures shared by the engine tests."""

from __future__ import annotations

import pytest

from engine.training import TrainingClient


@pytest.fixture(scope="module")
def client():
    """A real worker process, started once per test module (Keras loads while tests build)."""
    with TrainingClient() as client:
        client.start("tensorflow")
        yield client
