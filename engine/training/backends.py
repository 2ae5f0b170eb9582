"""Keras backends a run can use.

Keras 3 picks its backend once per process from `KERAS_BACKEND`, so the worker gets it through
its environment. We offer only what is installed, and find that out without importing anything
(importing TensorFlow alone takes seconds).
"""

from __future__ import annotations

import importlib.util

DEFAULT_BACKEND = "tensorflow"

# Keras backend name -> the module that must be importable for it
BACKEND_MODULES: dict[str, str] = {
    "tensorflow": "tensorflow",
    "jax": "jax",
    "torch": "torch",
}


def require_backend(backend: str) -> None:
    """Raise JobError unless `backend` is installed here."""
    from engine.training.errors import JobError

    installed = available_backends()
    if backend not in installed:
        raise JobError(f"The Keras backend {backend!r} is not installed. Available: {installed}")


def available_backends() -> list[str]:
    """Names of the Keras backends installed here, the default first.

    Returns:
        A list such as `["tensorflow", "jax"]`; empty if none is installed.
    """
    return [
        name
        for name, module in BACKEND_MODULES.items()
        if importlib.util.find_spec(module) is not None
    ]
