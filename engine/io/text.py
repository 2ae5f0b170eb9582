"""Bytes on disk to text and plain data, and text back to disk: the first stage of every reader.

Each function refuses what it cannot read with a `FormatError` naming the file and what it
received; writing is atomic (a temporary file in the same folder, fsync, rename), so a crash
leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import copy
import glob
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from engine.errors import FormatError, Step, StructureError, TooLargeError

MB = 1024 * 1024
# The largest keras.applications model (NASNetLarge, 1,041 layers) is 1 MB of JSON: these leave
# room for projects with many runs, and bound the time and memory spent before a refusal (a
# parsed file takes up to about 25 times its size in memory).
MAX_FILE_BYTES = 32 * MB
MAX_YAML_BYTES = 8 * MB  # YAML parses about 60 times slower than JSON
MAX_DEPTH = 200  # nesting levels of lists and objects (Keras writes about 11, +3 per nested model)


def check_readable(path: Path, limit: int | None = MAX_FILE_BYTES) -> None:
    """The file exists, is not empty, and is no larger than `limit` bytes (None: any size)."""
    if not path.exists():
        raise FormatError(f"No such file: '{path}'.")
    if path.is_dir():
        raise FormatError(f"'{path}' is a folder, not a model file.")
    size = path.stat().st_size
    if size == 0:
        raise FormatError(f"'{path.name}' is empty. Received: 0 bytes.")
    if limit is not None and size > limit:
        raise TooLargeError(
            f"'{path.name}' is too large for a model file: Keras Canvas reads up to "
            f"{limit // MB} MB. Received: {size:,} bytes."
        )


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(
            f"'{path.name}' is not a text file (not UTF-8 at byte {exc.start}). "
            "Is it a binary file such as .h5 or .keras with the wrong extension?"
        ) from None
    except OSError as exc:
        raise FormatError(f"Cannot read '{path.name}': {exc.strerror}.") from None


def parse_json(text: str, name: str = "the file") -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # some of json's messages end in "at" ("Invalid control character at"): ours says where
        reason = exc.msg.removesuffix(" at")
        raise FormatError(
            f"'{name}' is not valid JSON: {reason} at line {exc.lineno}, column {exc.colno}. "
            "The file may be truncated or not a Keras model file."
        ) from None
    except RecursionError:
        raise _too_deep(name) from None
    try:
        check_plain_data(data, name)
    except FormatError as error:
        raise in_file(error, name) from None
    return data


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: about 5 times faster


def parse_yaml(text: str, name: str = "the file") -> Any:
    """The safe loader only; anchors and aliases are refused (they allow 'billion laughs')."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise TooLargeError(
            f"'{name}' is too large for a YAML model file: Keras Canvas reads up to "
            f"{MAX_YAML_BYTES // MB} MB of YAML (and {MAX_FILE_BYTES // MB} MB of JSON)."
        )
    try:
        _refuse_aliases(text)
        data = yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(exc):  # libyaml's own limit (1,000 levels)
            raise _too_deep(name) from None
        raise FormatError(f"'{name}' is not valid YAML for a model: {_one_line(exc)}") from None
    except UnicodeEncodeError as exc:  # text from the clipboard can hold lone surrogates
        raise FormatError(
            f"'{name}' is not valid YAML for a model: invalid Unicode at character {exc.start}."
        ) from None
    except RecursionError:
        raise _too_deep(name) from None
    try:
        check_plain_data(data, name)
    except FormatError as error:
        raise in_file(error, name) from None
    return data


def _refuse_aliases(text: str) -> None:
    """Anchors and aliases allow 'billion laughs' expansion: refused (an alias needs a `*`)."""
    if "*" not in text:
        return
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.YAMLError(f"aliases are not allowed (line {event.start_mark.line + 1})")


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _too_deep(name: str) -> TooLargeError:
    return TooLargeError(
        f"'{name}' is nested too deeply to be a model config: Keras Canvas reads up to "
        f"{MAX_DEPTH} levels of lists and objects."
    )


_PLAIN_SCALARS = (str, int, float, bool, type(None))


def check_plain_data(data: Any, name: str) -> None:
    """What JSON can hold, and no more: objects with text keys, lists, text, numbers, booleans,
    null; text that is valid Unicode; at most MAX_DEPTH levels. (YAML can also give dates,
    bytes, sets and number keys.)

    Raises:
        StructureError: a value JSON cannot hold, named by its place in the file.
        TooLargeError: nesting deeper than MAX_DEPTH.
    """
    # (value, depth, parent entry, key): parents are kept so a failure can say where it is
    stack: list[tuple[Any, int, Any, Any]] = [(data, 0, None, None)]
    while stack:
        entry = stack.pop()
        value, depth = entry[0], entry[1]
        if isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                raise _too_deep(name)
            # pushed last to first: the file is walked in its own order
            if isinstance(value, dict):
                for key, item in reversed(value.items()):
                    if not isinstance(key, str):
                        raise _located(entry, "text keys only", key, key=key)
                    stack.append((item, depth + 1, entry, key))
            else:
                stack.extend((value[i], depth + 1, entry, i) for i in reversed(range(len(value))))
        elif not isinstance(value, _PLAIN_SCALARS):
            raise _located(entry, "text, a number, true/false, null, a list or an object", value)
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise _located(entry, "valid Unicode text", value) from None


def _located(entry: tuple, expected: str, received: Any, key: Any = None) -> StructureError:
    steps: list[Step] = []
    if key is not None:
        steps.append(str(key))
    while entry[2] is not None:
        parent, step = entry[2], entry[3]
        if isinstance(step, int) and _name_of(entry[0]):
            step = (step, _name_of(entry[0]))
        steps.append(step)
        entry = parent
    return StructureError.at(steps[::-1], expected, received)


def _name_of(value: Any) -> str | None:
    if isinstance(value, dict):
        name = value.get("name")
        config = value.get("config")
        if not isinstance(name, str) and isinstance(config, dict):
            name = config.get("name")
        if isinstance(name, str):
            return name
    return None


def in_file(error: FormatError, name: str) -> FormatError:
    """The same error (same class, same location), its message opened by the file's name."""
    message = str(error)
    if f"'{name}'" in message:  # it names the file already
        return error
    named = copy.copy(error)
    if isinstance(error, StructureError):  # the message opens with the place in the file
        what = "project" if name.endswith(".kcanvas") else "model file"
        named.args = (f"'{name}' is not a valid {what} at {message}",)
    else:
        named.args = (f"'{name}': {message}",)
    return named


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over `path`.

    A process killed at any moment leaves `path` as it was or as it is now, never half of it.
    A killed writer leaves its temporary file behind (`.<name>.<pid>.<random>.tmp`): the next
    save of the same file removes those whose process is gone.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise FormatError(f"Cannot save: the folder '{path.parent}' does not exist.")
    prefix = f".{path.name}.{os.getpid()}."
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a saved model is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    _remove_stale_temporaries(path)


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk (after a power cut, too)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder
        pass
    finally:
        os.close(fd)


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of earlier writers of `path` that were killed before their rename."""
    for candidate in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = candidate.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _process_exists(int(pid)):
            candidate.unlink(missing_ok=True)


def _process_exists(pid: int) -> bool:
    if os.name != "posix":  # elsewhere os.kill(pid, 0) is not a harmless question
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True
