"""Reading rule packs: the built-in ones (parsed once per install and kept in ``__pycache__``),
users' files, and merging a user's overlay over a pack."""
from __future__ import annotations

import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path

from .. import files
from ..files import replace_atomically

# A pack is read only if it is a regular file of at most this many bytes (a YAML source of
# yamlsafe.MAX_SOURCE characters, four bytes each at most): a named pipe, a device or a huge file
# cannot hang a run or exhaust its memory. The parsed cache of a built-in pack is bounded alike.
# (A number, not an import: a run whose packs are all remembered never imports PyYAML.)
MAX_PACK_BYTES = 4_000_000
MAX_REMEMBERED_BYTES = 16_000_000


class RulePackError(ValueError):
    """A malformed rule pack; the message names the file, the section (or rule) and the entry."""


@lru_cache(maxsize=1)  # asked by each pack and each remembered store: the package does not move during a run
def rules_dir() -> Path:
    """Where the built-in packs are: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "rules"
    return installed if installed.is_dir() else package.parent / "rules"


@lru_cache(maxsize=None)
def load_builtin(name: str) -> dict:
    return load_remembered(rules_dir() / f"{name}.yaml")


def load_remembered(path: Path) -> dict:
    """A built-in pack, parsed once per install and kept, as Python keeps bytecode, in
    ``__pycache__`` beside it (when writable) under the YAML file's size and mtime: parsing the
    packs would otherwise cost a one-post run more than linting the post."""
    try:
        key = stamp(path)
    except OSError:
        return load_file(path)
    kept = kept_path(path.parent, path.stem)
    data = read_kept(kept, key)
    if data is None:
        data = load_file(path)
        keep(kept, key, data)
    return data


def stamp(path: str | Path) -> str:
    """A file as the values derived from it were derived: its size and mtime (``OSError`` if gone)."""
    info = os.stat(path)
    return f"{info.st_size}:{info.st_mtime_ns}"


def kept_path(folder: Path, name: str) -> Path:
    """Where values derived from the packs of ``folder`` are kept, as Python keeps bytecode."""
    return folder / "__pycache__" / f"{name}.{sys.implementation.cache_tag}.marshal"


def read_kept(kept: Path, key: str) -> dict | None:
    """What ``keep`` kept in ``kept`` under ``key``; None when absent, unreadable or stale."""
    try:
        stored_key, data = marshal.loads(files.read_bytes(kept, MAX_REMEMBERED_BYTES))
    except (OSError, files.RefusedFile, ValueError, EOFError, TypeError):
        return None
    return data if stored_key == key and isinstance(data, dict) else None


def keep(kept: Path, key: str, data: dict) -> None:
    """Keep ``data`` under ``key`` for the next run (not with ``PYTHONDONTWRITEBYTECODE``)."""
    if sys.dont_write_bytecode:
        return
    try:
        content = marshal.dumps((key, data))
        if len(content) <= MAX_REMEMBERED_BYTES:  # more would not be read back
            kept.parent.mkdir(exist_ok=True)
            replace_atomically(kept, content, mode=0o644)  # readable by every user of the install
    except (OSError, ValueError):  # read-only install, or data marshal cannot hold (dates)
        pass


def load_file(path: Path) -> dict:
    """A pack's file parsed (safely: see ``yamlsafe``); a regular file of bounded size."""
    import yaml

    from .. import yamlsafe

    try:
        source = files.read_text(path, MAX_PACK_BYTES)
    except (OSError, files.RefusedFile, UnicodeDecodeError) as error:
        raise RulePackError(f"{path}: cannot read rule pack: {error}") from None
    try:
        data = yamlsafe.load(source)
    except yaml.YAMLError as error:
        raise RulePackError(f"{path}: invalid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RulePackError(f"{path}: a rule pack must be a mapping, not {type(data).__name__}")
    return data


def merge(base, overlay):
    """Overlay user data on a pack: lists extend, mappings merge, scalars replace."""
    if isinstance(base, dict) and isinstance(overlay, dict):
        merged = dict(base)
        for key, value in overlay.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(overlay, list):
        return base + [item for item in overlay if item not in base]
    return overlay
