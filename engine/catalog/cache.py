"""The catalog's cache file: one JSON file per Keras version and catalog source.

Loading it takes milliseconds and does not import Keras, so the palette can show before Keras
has loaded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from engine.catalog.introspection import build_catalog
from engine.catalog.params import ParamKind, ParamSpec
from engine.catalog.specs import CallInput, Catalog, LayerSpec

logger = logging.getLogger(__name__)


def load_catalog(cache_dir: Path | None) -> Catalog:
    """Loads the catalog from its cache file in `cache_dir`, or builds and caches it.

    The file name holds a hash of the Keras version and of the catalog's own source, so a
    cache never outlives either. An unreadable cache is rebuilt; an unwritable one is skipped.

    Args:
        cache_dir: where the cache file lives; `None` builds without any cache.
    """
    if cache_dir is None:
        return build_catalog()
    catalog = read_cached_catalog(cache_dir)
    if catalog is None:
        catalog = build_catalog()
        _write_cache(_cache_path(cache_dir), catalog)
    return catalog


def read_cached_catalog(cache_dir: Path) -> Catalog | None:
    """The catalog from its cache file in `cache_dir`, or None if there is none (or it is
    unreadable: logged). Never imports Keras."""
    path = _cache_path(cache_dir)
    try:
        specs = json.loads(path.read_text(encoding="utf-8"))["specs"]
        return Catalog([_spec_from_json(spec) for spec in specs])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        logger.warning("Rebuilding the unreadable layer catalog cache %s", path, exc_info=True)
        return None


def _cache_path(cache_dir: Path) -> Path:
    return cache_dir / f"catalog-{_backend()}-{_cache_key()}.json"


def _default_cache_dir() -> Path | None:
    configured = os.environ.get("KERAS_CANVAS_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None  # set but empty: no cache
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "keras-canvas"


def _backend() -> str:
    """The backend the catalog is introspected with (each keeps its own cache file)."""
    name = os.environ.get("KERAS_BACKEND", "")
    return name if name.isalnum() else "default"


def _cache_key() -> str:
    digest = hashlib.sha256()
    for part in (_keras_version_source(), os.environ.get("KERAS_BACKEND", ""), sys.version):
        digest.update(part.encode())
    # Every module of this package (the overlay too) shapes what the cache holds.
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:16]


def _keras_version_source() -> str:
    """Keras's version, read without importing Keras or `importlib.metadata` (0.2 s)."""
    import importlib.util

    spec = importlib.util.find_spec("keras")
    origin = Path(spec.origin) if spec and spec.origin else None
    if origin is not None and (origin.parent / "src" / "version.py").is_file():
        return (origin.parent / "src" / "version.py").read_text(encoding="utf-8")
    from importlib import metadata  # a Keras laid out differently

    return metadata.version("keras")


def _write_cache(path: Path, catalog: Catalog) -> None:
    """Writes the cache atomically (temp file, rename) and removes the backend's stale ones (the
    other backends' caches stay: the window and a JAX run would otherwise evict each other)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        specs = [dataclasses.asdict(spec) for spec in catalog]
        temp.write_text(json.dumps({"specs": specs}), encoding="utf-8")
        os.replace(temp, path)
        for stale in path.parent.glob(f"catalog-{_backend()}-*.json"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        logger.warning("Cannot write the layer catalog cache %s", path, exc_info=True)


def _spec_from_json(data: dict[str, Any]) -> LayerSpec:
    params = tuple(
        ParamSpec(**{**p, "kind": ParamKind(p["kind"]), "choices": tuple(p["choices"])})
        for p in data["params"]
    )
    inputs = tuple(CallInput(**call_input) for call_input in data["inputs"])
    return LayerSpec(
        **{
            **data,
            "params": params,
            "inputs": inputs,
            "aliases": tuple(data["aliases"]),
            "call_params": tuple(data["call_params"]),
        }
    )
