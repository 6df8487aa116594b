"""A content-keyed cache of lint results, so an unchanged tree is linted again in a blink.

Entries are kept per configuration fingerprint (copydesk's version, the configuration, every
linter's rule pack and settings), so a change to any of them starts afresh. An entry is keyed by
the file's path and the hash of its bytes; its ``stat`` signature (size, mtime, inode) is only a
fast path that spares reading a file that has not been touched.

The entries of one fingerprint are spread over ``SHARDS`` files by a hash of the path, so a
pre-commit run that checks one post of a large site reads and rewrites one small file, not the
results of the whole tree.

The cache lives in ``.copydesk_cache/`` beside the configuration (or in the current folder),
with a ``.gitignore`` and a ``CACHEDIR.TAG`` so it is never committed or backed up; deleting the
folder is always safe. It is written atomically (temporary file + rename), so two runs at
once never corrupt it: the last one to finish wins.

It does not grow without bound: a shard that is rewritten drops the entries of files that no
longer exist (renamed or deleted posts), and only the configurations used most recently (this
one and ``OTHER_CONFIGURATIONS_KEPT`` more, so switching between a few is still served) keep
their files; an upgrade or a configuration edit leaves no stale copy of the tree's results.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import zlib
from pathlib import Path

from .._version import __version__
from ..files import replace_atomically
from .sources import digest

_FORMAT = 6  # the layout of a pickled FileResult (4: slots; 5: findings are plain tuples; 6: sorted)
_GITIGNORE = "# Created by copydesk: the lint cache. Safe to delete.\n*\n"
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag created by copydesk.\n")


def fingerprint(config, linters) -> str:
    """What the results depend on besides the files: version, configuration, packs, settings."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}|{_FORMAT}|".encode())
    for key, value in sorted(config._asdict().items()):
        if key not in ("root", "source", "jobs", "cache", "cache_dir"):
            digest.update(f"{key}={value!r}|".encode())
    for linter in linters:
        digest.update(f"{type(linter).__module__}.{type(linter).__qualname__}|{linter.settings!r}|".encode())
        digest.update(_code_signature(type(linter)).encode())
        digest.update(pickle.dumps(linter.data, protocol=4))
    return digest.hexdigest()[:24]


def _code_signature(cls) -> str:
    """Size and mtime of a linter's module: an edited (or reinstalled) linter starts afresh."""
    module = sys.modules.get(cls.__module__)
    try:
        info = os.stat(module.__file__)
    except (AttributeError, TypeError, OSError):
        return ""
    return f"{info.st_size}:{info.st_mtime_ns}"


def dumps(result) -> bytes:
    return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)


content_hash = digest


def stat_signature(path: Path):
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


SHARDS = 32
OTHER_CONFIGURATIONS_KEPT = 2
_PREFIX = "results-"
_CACHE_FILE = re.compile(re.escape(_PREFIX) + r"(?P<key>.+?)(?:-\d{2}\.pickle|\.used)")  # a shard, a stamp


class Cache:
    """Entries of one configuration: ``path -> (stat signature, content hash, pickled result)``,
    read from disk one shard at a time, when a path of that shard is first asked for."""

    def __init__(self, folder: Path, key: str):
        self.folder = Path(folder)
        self.key = key
        self.shards: dict[int, dict[str, tuple]] = {}
        self.dirty: set[int] = set()
        self.stored: set[str] = set()  # paths put by this run: they exist, no need to look

    def shard_file(self, shard: int) -> Path:
        return self.folder / f"{_PREFIX}{self.key}-{shard:02d}.pickle"

    def stamp_file(self) -> Path:
        """Touched by every run of this configuration: how recently it was used."""
        return self.folder / f"{_PREFIX}{self.key}.used"

    @staticmethod
    def shard_of(path: str) -> int:
        return zlib.crc32(path.encode("utf-8", "surrogateescape")) % SHARDS

    def by_shard(self, paths: list[str]):
        """``(shard, [(index, path), …])`` for the paths given, shard by shard."""
        grouped: dict[int, list[tuple[int, str]]] = {}
        for index, path in enumerate(paths):
            grouped.setdefault(self.shard_of(path), []).append((index, path))
        return sorted(grouped.items())

    def release(self, shard: int) -> None:
        """Let go of a shard's entries that nothing changed (it is read again if asked for)."""
        if shard not in self.dirty:
            self.shards.pop(shard, None)

    def _entries(self, path: str) -> tuple[int, dict[str, tuple]]:
        shard = self.shard_of(path)
        entries = self.shards.get(shard)
        if entries is None:
            entries = self.shards[shard] = self._load(shard)
        return shard, entries

    def _load(self, shard: int) -> dict[str, tuple]:
        try:
            with open(self.shard_file(shard), "rb") as stream:
                entries = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError,
                IndexError, KeyError, MemoryError):
            return {}  # absent, corrupt, or written by another version: start afresh
        return entries if isinstance(entries, dict) else {}

    def by_stat(self, path: str, signature):
        entry = self._entries(path)[1].get(path)
        if entry is not None and signature is not None and entry[0] == signature:
            return entry[2]
        return None

    def by_content(self, path: str, digest: str):
        entry = self._entries(path)[1].get(path)
        if entry is not None and entry[1] == digest:
            return entry[2]
        return None

    def put(self, path: str, signature, digest: str, result: bytes) -> None:
        shard, entries = self._entries(path)
        entries[path] = (signature, digest, result)
        self.dirty.add(shard)
        self.stored.add(path)

    def save(self) -> None:
        """Write the changed shards atomically, then let go of the entries (a large tree's results
        would otherwise stay in memory twice); a cache that cannot be written is silently skipped."""
        try:
            if self.dirty:
                self._write_markers()
            for shard in sorted(self.dirty):
                entries = self._without_vanished(self.shards[shard])
                replace_atomically(self.shard_file(shard), pickle.dumps(entries, pickle.HIGHEST_PROTOCOL))
            if self.folder.is_dir():
                self._mark_used()
        except OSError:
            pass
        self.shards.clear()
        self.dirty.clear()
        self.stored.clear()

    def _without_vanished(self, entries: dict[str, tuple]) -> dict[str, tuple]:
        """The entries whose file is still there (paths are relative to the current folder, as
        shown: a run from another folder may drop entries it cannot see, which costs a re-lint)."""
        stored, exists = self.stored, os.path.exists
        return {path: entry for path, entry in entries.items() if path in stored or exists(path)}

    def _mark_used(self) -> None:
        stamp = self.stamp_file()
        try:
            os.utime(stamp)
        except FileNotFoundError:
            stamp.touch()
            self._forget_old_configurations()

    def _forget_old_configurations(self) -> None:
        """Delete the files of all but the most recently used other configurations (run when a
        configuration is first seen, so an unchanged setup never lists the folder)."""
        last_used: dict[str, float] = {}
        files: dict[str, list[Path]] = {}
        with os.scandir(self.folder) as listing:
            for entry in listing:
                found = _CACHE_FILE.fullmatch(entry.name)
                key = found and found["key"]
                if not key or key == self.key:
                    continue
                files.setdefault(key, []).append(Path(entry.path))
                try:
                    last_used[key] = max(last_used.get(key, 0.0), entry.stat().st_mtime)
                except OSError:
                    last_used.setdefault(key, 0.0)
        for key in sorted(last_used, key=last_used.get, reverse=True)[OTHER_CONFIGURATIONS_KEPT:]:
            for path in files[key]:
                try:
                    path.unlink()
                except OSError:
                    pass  # in use elsewhere (Windows) or already gone: the next new configuration retries

    def _write_markers(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            marker = self.folder / name
            if not marker.exists():
                marker.write_text(content, encoding="utf-8")
