"""Fixtures shared by the engine tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.training import TrainingClient
from tests.legacy_fixtures import generate


@pytest.fixture(scope="module")
def client():
    """A real worker process, started once per test module (Keras loads while tests build)."""
    with TrainingClient() as client:
        client.start("tensorflow")
        yield client


@pytest.fixture(scope="session")
def legacy_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Keras 2 files written by tf_keras (tests.legacy_fixtures), once per test session."""
    return generate(tmp_path_factory.mktemp("legacy"))
