"""The layer catalog: every public `keras.layers` class, its parameters and defaults.

Keras is the authority. The classes are found by walking `keras.layers`; a layer's parameters
are its constructor's signature merged with the config of one instance built with example
arguments (the two differ: `name`, `trainable` and `dtype` are only in the config,
`InputLayer.shape` only in the signature). Defaults are what `get_config()` returns, in the JSON
form `model.to_json()` writes (tuples become lists), which is the form configs take in a graph.
Enumeration choices come from Keras's registries (activations, initializers, ...) and from the
values a docstring quotes, kept only where Keras accepts them. `engine.catalog.overlay` adds
what Keras cannot say: categories, example values for required arguments, a few candidates.

Building the catalog imports Keras and takes a few seconds, so `get_catalog()` keeps it in
a cache file per Keras version and catalog source (`$KERAS_CANVAS_CACHE_DIR`, by default
`~/.cache/keras-canvas`); loading that takes milliseconds and does not import Keras, so the
palette can show before Keras has loaded.

The package: `params` (a parameter's spec and the checks of its values), `specs` (a layer's
spec and the catalog), `introspection` (building specs from Keras), `cache` (the cache file),
`overlay` (the hand-written data). Import from `engine.catalog`.
"""

from __future__ import annotations

import threading
from typing import Any

from engine.catalog.cache import _default_cache_dir, load_catalog, read_cached_catalog
from engine.catalog.introspection import build_catalog
from engine.catalog.params import ParamKind, ParamSpec, json_form
from engine.catalog.specs import CallInput, Catalog, LayerSpec, UnknownLayerError

__all__ = [
    "CallInput",
    "Catalog",
    "LayerSpec",
    "ParamKind",
    "ParamSpec",
    "UnknownLayerError",
    "build_catalog",
    "cached_catalog",
    "get_catalog",
    "json_form",
    "load_catalog",
    "serialize_default",
]


_catalog: Catalog | None = None
_lock = threading.Lock()  # the window reads the cache while its loader thread imports Keras


def get_catalog() -> Catalog:
    """Returns the catalog of all public Keras layers, from the cache file or built (once)."""
    global _catalog
    with _lock:
        if _catalog is None:
            _catalog = load_catalog(_default_cache_dir())
        return _catalog


def cached_catalog() -> Catalog | None:
    """The catalog if it is loaded or its cache file can be read, else None; never imports
    Keras or builds anything, so a window can show its palette at once. `get_catalog()`
    returns the same object afterwards."""
    global _catalog
    with _lock:
        if _catalog is None:
            cache_dir = _default_cache_dir()
            _catalog = read_cached_catalog(cache_dir) if cache_dir is not None else None
        return _catalog


def serialize_default(class_name: str, **overrides: Any) -> dict[str, Any]:
    """Returns the full Keras serialization of a new layer with default parameters.

    Args:
        class_name: a class name or alias from the catalog.
        **overrides: parameter values (including `name`), as for `LayerSpec.default_config`.

    Returns:
        `{"module": ..., "class_name": ..., "config": ..., "registered_name": None}`.
    """
    spec = get_catalog().get(class_name)
    return {
        "module": spec.module,
        "class_name": spec.class_name,
        "config": spec.default_config(**overrides),
        "registered_name": None,
    }
