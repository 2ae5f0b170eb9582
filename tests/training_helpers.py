"""Helpers for tests that drive the real training worker."""

from __future__ import annotations

from typing import Any

from engine.training import TrainingClient

TIMEOUT = 180.0  # seconds without any event before a test gives up (a hang, not a slow run)


def run_job(client: TrainingClient, job: dict[str, Any]) -> list[dict[str, Any]]:
    """Submit `job` and return all its events, the terminal one last."""
    client.submit(job)
    return [e for e in client.events(timeout=TIMEOUT) if e["event"] != "ready"]


def of_kind(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [event for event in events if event["event"] == kind]
