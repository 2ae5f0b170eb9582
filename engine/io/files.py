"""Reading and writing model files; the format follows the file's extension.

Open: `.kcanvas` (our project), Keras JSON (Keras 3, or legacy Keras 2 converted), `.yaml`/`.yml`
(the same dict, safe loader only), `.keras` archives (their `config.json`), legacy full-model
`.h5` and Python scripts (`.py`, read statically by `engine.io.scripts`). Save: `.kcanvas`,
`.json`, `.yaml`/`.yml`, `.py`. Nothing read from a file is ever executed: Lambda layers are
refused unless the caller allows unsafe content for that file; a script is never run.
"""

from __future__ import annotations

import json
import os
import zipfile
import zlib
from pathlib import Path
from typing import Any

import yaml

from engine.errors import DamagedFileError, FormatError, TooLargeError
from engine.io.project import load_project, read_project, save_project
from engine.io.text import (
    MAX_FILE_BYTES,
    MAX_YAML_BYTES,
    check_readable,
    in_file,
    parse_json,
    parse_yaml,
    read_text,
    write_text_atomic,
)
from engine.model.document import Document
from engine.model.keras_config import graph_from_config, refuse_unsafe

OPEN_SUFFIXES = (".kcanvas", ".json", ".yaml", ".yml", ".keras", ".h5", ".hdf5", ".py")
SIZE_LIMITS = {".json": MAX_FILE_BYTES, ".yaml": MAX_YAML_BYTES, ".yml": MAX_YAML_BYTES}
SAVE_SUFFIXES = (".kcanvas", ".json", ".yaml", ".yml", ".py")


# ====================================================================== reading


def load_document(
    path: str | os.PathLike, allow_unsafe: bool = False, model: str | None = None
) -> Document:
    """Open any supported file as a Document.

    Args:
        model: for a script that builds several models, the one to open (its variable name).

    Raises:
        FormatError (or a subclass): the file cannot be opened; the message opens with the
            file's name and says why (and where in the file, for a StructureError).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".py":
        from engine.io.scripts import load_script

        return load_script(path, model)[0]
    if suffix == ".kcanvas":
        return load_project(path, allow_unsafe=allow_unsafe)
    config = read_model_config(path, allow_unsafe=allow_unsafe)
    try:
        return Document(graph_from_config(config, allow_unsafe=allow_unsafe))
    except FormatError as error:
        raise in_file(error, path.name) from None


def read_model_config(
    path: str | os.PathLike, allow_unsafe: bool = False, model: str | None = None
) -> dict:
    """The Keras 3 model config stored in `path`, whatever its supported format.

    Raises:
        FormatError (or a subclass): as `load_document`.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".py":
        from engine.io.scripts import script_config

        return script_config(path, model)
    if suffix not in OPEN_SUFFIXES:
        raise FormatError(
            f"Cannot open '{path.name}': unknown file type. Supported: "
            f"{', '.join(OPEN_SUFFIXES)}. Received: '{suffix or 'no extension'}'."
        )
    if suffix == ".kcanvas":
        return read_project(path, check_model=True)["model"]
    try:
        return _read_model_config(path, suffix, allow_unsafe)
    except FormatError as error:
        raise in_file(error, path.name) from None
    except RecursionError:  # a converter walking a config nested just under MAX_DEPTH
        raise TooLargeError(f"'{path.name}' is nested too deeply to be a model.") from None


def _read_model_config(path: Path, suffix: str, allow_unsafe: bool) -> dict:
    # .h5 and .keras files hold weights too (hundreds of MB): only their config is read whole
    check_readable(path, limit=SIZE_LIMITS.get(suffix))
    if suffix in (".h5", ".hdf5"):
        return _read_legacy_h5(path, allow_unsafe)
    if suffix == ".keras":
        config = _read_keras_archive(path)
    elif suffix in (".yaml", ".yml"):
        config = parse_yaml(read_text(path), path.name)
    else:
        config = parse_json(read_text(path), path.name)
    config = _as_keras3(config, allow_unsafe, path.name)
    if not allow_unsafe:  # whoever uses the config (the training worker too) gets no code
        refuse_unsafe(config)
    return config


def _read_keras_archive(path: Path) -> Any:
    """The `config.json` of a `.keras` zip archive (its HDF5 weights are never opened here)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if "config.json" not in archive.namelist():
                raise FormatError(f"'{path.name}' is a zip file without 'config.json'.")
            info = archive.getinfo("config.json")
            if info.file_size > MAX_FILE_BYTES:  # zipfile reads no more than this size
                raise TooLargeError(
                    f"'{path.name}': config.json is too large: Keras Canvas reads up to "
                    f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Received: {info.file_size:,} bytes."
                )
            text = archive.read("config.json").decode("utf-8")
    except zipfile.BadZipFile as error:
        if not zipfile.is_zipfile(path):
            raise FormatError(
                f"'{path.name}' is not a valid .keras archive (not a zip file)."
            ) from None
        raise _damaged_archive(path, error) from None
    except UnicodeDecodeError:
        raise FormatError(f"'{path.name}': config.json is not UTF-8 text.") from None
    # what damaged compressed data raises inside zipfile and zlib
    except (zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as error:
        raise _damaged_archive(path, error) from None
    config = parse_json(text, f"{path.name}/config.json")
    return config


def _damaged_archive(path: Path, error: Exception) -> DamagedFileError:
    reason = " ".join(str(error).split()) or type(error).__name__
    return DamagedFileError(
        f"'{path.name}' is damaged: its config.json cannot be extracted ({reason})."
    )


def _as_keras3(config: Any, allow_unsafe: bool, name: str) -> dict:
    """Convert a legacy Keras 2 config when that is what the file holds."""
    if not isinstance(config, dict):
        raise FormatError(
            f"'{name}' does not hold a Keras model config. Expected a JSON object with "
            f"'class_name' and 'config'. Received: {type(config).__name__}."
        )
    try:
        from engine.io.legacy import convert_legacy_config, is_legacy_config
    except ImportError:  # the converter is optional at this layer
        return config
    if is_legacy_config(config):
        return convert_legacy_config(config, allow_unsafe=allow_unsafe)
    return config


def _read_legacy_h5(path: Path, allow_unsafe: bool) -> dict:
    # the architecture only: the editor has no use for the weights (in a child process: a
    # damaged file can crash libhdf5)
    from engine.io.legacy.h5 import read_legacy_h5_config

    return read_legacy_h5_config(path, allow_unsafe=allow_unsafe)


# ====================================================================== writing


def save_document(document: Document, path: str | os.PathLike, as_sequential: bool | None = None):
    """Write the document in the format its extension names (atomically)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".kcanvas":
        save_project(document, path)
        return
    if suffix not in SAVE_SUFFIXES:
        raise FormatError(
            f"Cannot save as '{suffix or 'no extension'}'. Supported: {', '.join(SAVE_SUFFIXES)}"
            " (and .png, .svg for a picture of the diagram)."
        )
    config = document.to_config(as_sequential)
    write_text_atomic(path, render_config(config, suffix))


def render_config(config: dict, suffix: str) -> str:
    """The text of a model config in the format of `suffix` (.json, .yaml/.yml or .py)."""
    if suffix == ".json":
        return json.dumps(config, indent=2) + "\n"
    if suffix in (".yaml", ".yml"):
        # libyaml's emitter when installed: the same text (tested), about 4x faster
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        return yaml.dump(config, Dumper=dumper, sort_keys=False, default_flow_style=None)
    if suffix == ".py":
        from engine.io.codegen import generate_python

        return generate_python(config)
    raise FormatError(f"Unknown output format. Received: '{suffix}'.")
