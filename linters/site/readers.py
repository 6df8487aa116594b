"""Reading a site's configuration files as data, safely: a handful of small files per run.

Files are read through ``linters.files``: only regular files (a FIFO or a device would block),
of at most ``MAX_BYTES``. Every parser is a data parser: YAML with no tag building anything (MkDocs' ``!!python/name``
and ``!ENV`` tags read as nothing), TOML, JSON, and JavaScript through ``jsobject``. A file that
cannot be read or parsed gives ``None``, and detection says so; nothing here raises.
"""
from __future__ import annotations

import os
import sys

from .. import files
from ..patterns.deferred import deferred

MAX_BYTES = 1_000_000  # a config file larger than this is not read (real ones are a few kilobytes)
MAX_ENTRIES = 5_000  # entries of one folder looked at while detecting


def read_text(path: str) -> str | None:
    """The text of a small regular file, or None (missing, not a regular file, too large, unreadable)."""
    try:
        data = files.read_bytes(path, MAX_BYTES)
    except (OSError, ValueError, files.RefusedFile):
        return None
    return data.decode("utf-8-sig", errors="replace")


def entries(folder: str) -> dict[str, bool]:
    """A folder's entries (name -> is a folder), at most ``MAX_ENTRIES``; ``{}`` when unreadable."""
    return files.listing(folder, MAX_ENTRIES)


def load(path: str, keys=None):
    """A config file's data by its extension: a mapping (YAML, TOML, JSON), a ``jsobject.Program``
    (JavaScript, TypeScript), or None when it cannot be read or parsed. ``keys``: the top-level
    keys wanted of a YAML file (lower case); the others (a site's long ``nav``) are not parsed."""
    text = read_text(path)
    if text is None:
        return None
    extension = os.path.splitext(path)[1].lower()
    if extension in (".yml", ".yaml"):
        if keys is not None:
            data = load_yaml(top_level_blocks(text, keys))
            if data is not None:
                return data
        return load_yaml(text)
    if extension == ".toml":
        return load_toml(text)
    if extension == ".json":
        return load_json(text)
    if extension in (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"):
        from . import jsobject

        return jsobject.read(text)
    return None


_TOP_LEVEL_KEY = deferred(r"""(?:"([^"]*)"|'([^']*)'|([^\s#:'"][^:#]*?))\s*:(?:\s|$)""")


def top_level_blocks(text: str, keys) -> str:
    """The blocks of a block-style YAML mapping whose top-level key is one of ``keys`` (compared
    in lower case). A line that is neither a key nor inside a block is kept; so is everything
    when the text does not look like a block mapping (the caller parses all of it again if the
    result is not valid)."""
    kept, keeping = [], True
    for line in text.splitlines(keepends=True):
        if line[:1] in (" ", "\t", "#", "\n", "\r", "-") or not line.strip():
            if keeping:
                kept.append(line)
            continue
        found = _TOP_LEVEL_KEY.match(line)
        if found is None:
            keeping = True
            kept.append(line)
            continue
        key = next(group for group in found.groups() if group is not None)
        keeping = key.strip().lower() in keys
        if keeping:
            kept.append(line)
    return "".join(kept)


def program(path: str):
    """The ``jsobject.Program`` of a JavaScript or TypeScript config (empty when unreadable)."""
    from . import jsobject

    loaded = load(path)
    return loaded if isinstance(loaded, jsobject.Program) else jsobject.Program({}, [])


def load_yaml(text: str):
    import yaml

    from .. import yamlsafe

    try:
        yamlsafe.check_source(text)
        data = yaml.load(text, Loader=_tolerant_loader())  # noqa: S506 - a SafeLoader: tags build nothing
        yamlsafe.check_shape(data)
    except (yaml.YAMLError, ValueError, RecursionError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def _tolerant_loader():
    """A safe YAML loader that reads any tag (``!!python/name:…``, ``!ENV``, ``!relative``) as None."""
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        _LOADER = type("TolerantLoader", (base,), {})
        _LOADER.add_multi_constructor("!", lambda loader, suffix, node: None)
        _LOADER.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return _LOADER


_LOADER = None


def load_toml(text: str):
    if sys.version_info >= (3, 11):  # a test mypy reads too (it checks for the oldest Python supported)
        import tomllib
    else:
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def load_json(text: str):
    import json  # only a site configured in JSON (hugo.json) needs it: a one-post run seldom does

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def string(value, default=None):
    """``value`` when it is a non-empty string, else ``default``."""
    return value if isinstance(value, str) and value else default


def mapping(value) -> dict:
    """``value`` when it is a mapping, else an empty one."""
    return value if isinstance(value, dict) else {}


def lowered(value, depth: int = 0):
    """A mapping with its keys in lower case, all the way down (Hugo's keys are case-insensitive)."""
    if depth > 50:
        return value
    if isinstance(value, dict):
        return {str(key).lower(): lowered(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [lowered(item, depth + 1) for item in value]
    return value


def get(data, *keys, default=None):
    """``data[k1][k2]…`` through mappings, or ``default`` when any step is missing or not a mapping."""
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return default
        data = data[key]
    return data
