"""A content-keyed cache of lint results, so an unchanged tree is linted again in a blink.

Entries are kept per configuration fingerprint (copydesk's version, the configuration, every
linter's rule pack and settings), so a change to any of them starts afresh. An entry is keyed by
what the result depends on besides those: the file's path as shown and, when ``per-file-ignores``
is set, the codes it turns off for that file (the same name seen from another folder may be
another file, under other ignores); and it holds the hash of the bytes linted. Its ``stat``
signature (size, mtime, inode, ctime), taken *after* the read, is only a fast path that spares
reading a file that has not been touched; a file modified within ``RACY_SECONDS`` of its read
gets no signature (a later change could keep the same mtime: git's "racily clean" entries), and
is checked by content the next time.

The entries of one fingerprint are spread over ``SHARDS`` files by a hash of the key, so a
pre-commit run that checks one post of a large site reads and rewrites one small file, not the
results of the whole tree.

A cache file is data only (see ``cache_format``): JSON, whose loader can only build lists,
strings and numbers (never objects, unlike pickle), after a header line with its format and the
SHA-256 of the JSON; every entry is checked against the schema before it is used. A file that is
not a regular file, is too large, fails its checksum or its schema, or was written by another
version is ignored as if absent (and rewritten): a damaged cache costs a re-lint, never a wrong
result, a hang or an error.

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
import re
import sys
import time
import zlib
from pathlib import Path

from .. import files
from .._version import __version__
from .cache_format import FORMAT, RuleFields, Shard
from .results import FileResult
from .sources import digest

_GITIGNORE = "# Created by copydesk: the lint cache. Safe to delete.\n*\n"
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag created by copydesk.\n")
RACY_SECONDS = 2  # mtime granularity to allow for (FAT counts in 2 s)
MAX_SHARD_BYTES = 256 * 2**20


def fingerprint(config, linters) -> str:
    """What the results depend on besides the files: version, configuration, packs, settings."""
    import pickle  # hashed, never read back

    digest = hashlib.sha256()
    digest.update(f"{__version__}|{FORMAT}|".encode())
    for key, value in sorted(config._asdict().items()):
        if key not in ("root", "source", "jobs", "cache", "cache_dir", "online", "online_settings"):
            digest.update(f"{key}={value!r}|".encode())
    for linter in linters:
        digest.update(f"{type(linter).__module__}.{type(linter).__qualname__}|{linter.settings!r}|".encode())
        digest.update(_code_signature(type(linter)).encode())
        digest.update(pickle.dumps(linter.data, protocol=4))
    return digest.hexdigest()[:24]


def _code_signature(cls) -> str:
    """Size and mtime of a linter's module: an edited (or reinstalled) linter starts afresh."""
    path = getattr(sys.modules.get(cls.__module__), "__file__", None)
    if path is None:  # no module, or one not read from a file
        return ""
    try:
        info = os.stat(path)
    except (TypeError, OSError):
        return ""
    return f"{info.st_size}:{info.st_mtime_ns}"


content_hash = digest


def stat_signature(path: str | Path):
    """The signature of a file as it is now (compared with the one stored), or None."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns]


def signature_after_read(status: os.stat_result | None):
    """The signature to store for a file read with this ``stat`` (taken after the read): None when
    its last change is too recent for its mtime to prove that nothing changed since."""
    if status is None or status.st_mtime_ns >= time.time_ns() - RACY_SECONDS * 1_000_000_000:
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns]


def key_of(engine, shown: str) -> str:
    """The key of a file's entry: its path as shown, and the codes ``per-file-ignores`` turns off
    for it (they depend on where the file is, which the shown path does not say)."""
    if not engine.config.per_file_ignores:
        return shown
    return shown + "\0" + ",".join(engine.ignored_codes_for(shown))


SHARDS = 32
OTHER_CONFIGURATIONS_KEPT = 2
_PREFIX = "results-"
_CACHE_FILE = re.compile(re.escape(_PREFIX) + r"(?P<key>.+?)(?:-\d{2}\.json|\.used)")  # a shard, a stamp
_OLD_SHARD = re.compile(re.escape(_PREFIX) + r".+-\d{2}\.pickle")  # format 6 and before


class Cache:
    """Entries of one configuration, read from disk one shard at a time, when a key of that shard
    is first asked for; a result is checked and made a ``FileResult`` when it is used."""

    def __init__(self, folder: Path, key: str, rules):
        self.folder = Path(folder)
        self.key = key
        self.rules = rules  # the rules of the run: a stored finding takes its rule's name, linter, severity
        self.rule_fields = RuleFields(rules)
        self.shards: dict[int, Shard] = {}
        self.dirty: set[int] = set()
        self.stored: set[str] = set()  # keys put by this run: their files exist, no need to look

    def shard_file(self, shard: int) -> Path:
        return self.folder / f"{_PREFIX}{self.key}-{shard:02d}.json"

    def stamp_file(self) -> Path:
        """Touched by every run of this configuration: how recently it was used."""
        return self.folder / f"{_PREFIX}{self.key}.used"

    @staticmethod
    def shard_of(key: str) -> int:
        return zlib.crc32(key.encode("utf-8", "surrogateescape")) % SHARDS

    def by_shard(self, keys: list[str]):
        """``(shard, [(index, key), …])`` for the keys given, shard by shard."""
        grouped: dict[int, list[tuple[int, str]]] = {}
        for index, key in enumerate(keys):
            grouped.setdefault(self.shard_of(key), []).append((index, key))
        return sorted(grouped.items())

    def release(self, shard: int) -> None:
        """Let go of a shard's entries that nothing changed (it is read again if asked for)."""
        if shard not in self.dirty:
            self.shards.pop(shard, None)

    def _shard(self, key: str) -> tuple[int, Shard]:
        number = self.shard_of(key)
        shard = self.shards.get(number)
        if shard is None:
            shard = self.shards[number] = self._load(number)
        return number, shard

    def _load(self, number: int) -> Shard:
        """A shard as its file holds it: empty when the file is absent, not a regular file, too
        large, damaged or of another format (see ``cache_format``)."""
        try:
            return Shard.from_bytes(files.read_bytes(self.shard_file(number), MAX_SHARD_BYTES))
        except (OSError, files.RefusedFile):
            return Shard()

    def by_stat(self, key: str, signature) -> FileResult | None:
        """The result stored for a file whose ``stat`` signature is still the one stored."""
        number, shard = self._shard(key)
        entry = shard.entries.get(key)
        if entry is not None and signature is not None and _part(entry, 0) == signature:
            return self._result(number, shard, key, entry)
        return None

    def by_content(self, key: str, content_digest: str) -> FileResult | None:
        """The result stored for a file whose bytes have the hash stored."""
        number, shard = self._shard(key)
        entry = shard.entries.get(key)
        if entry is not None and _part(entry, 1) == content_digest:
            return self._result(number, shard, key, entry)
        return None

    def _result(self, number: int, shard: Shard, key: str, entry: list) -> FileResult | None:
        result = shard.result(key, entry, self.rule_fields)
        if result is None:  # not of the schema: forget it, so that the save drops it
            del shard.entries[key]
            self.dirty.add(number)
            return None
        result.digest = entry[1]
        return result

    def put(self, key: str, signature, content_digest: str, result: FileResult) -> None:
        number, shard = self._shard(key)
        if shard.put(key, signature, content_digest, result, self.rules):
            self.dirty.add(number)
            self.stored.add(key)

    def save(self) -> None:
        """Write the changed shards atomically, then let go of the entries (a large tree's results
        would otherwise stay in memory twice); a cache that cannot be written is silently skipped."""
        try:
            if self.dirty:
                self._write_markers()
            for number in sorted(self.dirty):
                files.replace_atomically(self.shard_file(number), self.shards[number].to_bytes(self._still_there))
            if self.folder.is_dir():
                self._mark_used()
        except (OSError, ValueError):
            pass
        self.shards.clear()
        self.dirty.clear()
        self.stored.clear()

    def _still_there(self, key: str) -> bool:
        """Whether an entry's file is still there (paths are relative to the current folder, as
        shown: a run from another folder may drop entries it cannot see, which costs a re-lint)."""
        return key in self.stored or os.path.exists(key.split("\0", 1)[0])

    def _mark_used(self) -> None:
        stamp = self.stamp_file()
        try:
            os.utime(stamp)
        except FileNotFoundError:
            stamp.touch()
            self._forget_old_configurations()

    def _forget_old_configurations(self) -> None:
        """Delete the files of all but the most recently used other configurations, and those of
        the pickle format (run when a configuration is first seen, so an unchanged setup never
        lists the folder)."""
        last_used: dict[str, float] = {}
        found_files: dict[str, list[Path]] = {}
        with os.scandir(self.folder) as listing:
            for entry in listing:
                if _OLD_SHARD.fullmatch(entry.name):
                    _unlink(Path(entry.path))
                    continue
                found = _CACHE_FILE.fullmatch(entry.name)
                key = found and found["key"]
                if not key or key == self.key:
                    continue
                found_files.setdefault(key, []).append(Path(entry.path))
                try:
                    last_used[key] = max(last_used.get(key, 0.0), entry.stat().st_mtime)
                except OSError:
                    last_used.setdefault(key, 0.0)
        for key in sorted(last_used, key=last_used.__getitem__, reverse=True)[OTHER_CONFIGURATIONS_KEPT:]:
            for path in found_files[key]:
                _unlink(path)

    def _write_markers(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            marker = self.folder / name
            if not marker.exists():
                marker.write_text(content, encoding="utf-8")


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # in use elsewhere (Windows) or already gone: the next new configuration retries


def _part(entry, index: int):
    return entry[index] if type(entry) is list and len(entry) == 3 else None
