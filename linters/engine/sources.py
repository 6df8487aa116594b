"""Reading posts from disk and writing fixed posts back without ever losing a byte.

A source remembers its encoding and byte-order mark so that a fix is written back the way the
file was. Writes are atomic: a temporary file in the same folder, flushed to disk, then renamed
over the original, so a crash leaves either the old file or the new one, never half of one.
"""
from __future__ import annotations

import codecs
import os
import stat
import time
from collections import namedtuple
from pathlib import Path

from .. import files
from ..files import TEMPORARY_SUFFIX
from ..patterns.deferred import deferred

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 8192
_LINE_ENDING = deferred(r"\r\n?")
STALE_AFTER = 600  # seconds; a temporary file this old was left by a run that was killed
_cleaned_folders: set[str] = set()


class SourceError(Exception):
    """A file that cannot be linted; ``code`` is the core rule that reports it."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


class Source(namedtuple("Source", "path text encoding bom data status", defaults=(None,))):
    """A file as read: its ``text``, ``encoding`` and byte-order mark, ``data``, the bytes as
    read, to detect a file changed by someone else before writing, and ``status``, its ``stat``
    taken after the read (None for text that did not come from a file)."""

    __slots__ = ()

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def read(path: str | Path, max_size: int) -> Source:
    """Read and decode a post; raise ``SourceError`` with a clear message when it cannot be."""
    try:
        data, status = files.read_with_status(path, max_size)
    except IsADirectoryError:
        raise SourceError("CD001", "is a directory, not a file") from None
    except files.NotRegularFile as error:
        raise SourceError("CD001", "is a directory, not a file" if error.is_directory
                          else "not a regular file (a pipe, socket or device); skipped") from None
    except files.FileTooLarge as error:
        raise SourceError("CD004", _too_large(error.size, max_size)) from None
    except OSError as error:
        raise SourceError("CD001", f"cannot read file: {error.strerror or error}") from None
    return decode(path, data, status)


def from_bytes(path: str | Path, data: bytes, max_size: int) -> Source:
    """Decode bytes that come from elsewhere (standard input, an editor's buffer) as ``read``
    decodes a file's, with the same limits and messages."""
    if len(data) > max_size:
        raise SourceError("CD004", _too_large(len(data), max_size))
    return decode(Path(path), data)


def _too_large(size: int, max_size: int) -> str:
    return f"file is {size:,} bytes, larger than max-file-size ({max_size:,}); skipped"


def decode(path: str | Path, data: bytes, status: os.stat_result | None = None) -> Source:
    bom, encoding = b"", "utf-8"
    for candidate, name in _BOMS:
        if data.startswith(candidate):
            bom, encoding = candidate, name
            break
    if not bom and b"\x00" in data[:_SNIFF]:
        raise SourceError("CD003", "binary file (it contains NUL bytes); skipped")
    try:
        text = data[len(bom):].decode(encoding)
    except UnicodeDecodeError as error:
        offset = len(bom) + error.start
        # Everything before the bad byte decodes: count lines and columns as the linters do.
        before = _LINE_ENDING.sub("\n", data[len(bom):offset].decode(encoding))
        line = before.count("\n") + 1
        column = len(before) - before.rfind("\n")
        raise SourceError(
            "CD002",
            f"not valid {encoding.upper()}: byte 0x{data[offset]:02x} at line {line}, column {column} "
            f"(byte offset {offset}); skipped",
            line, column) from None
    # In UTF-8 a NUL character is a NUL byte, found at C speed; in a text with characters
    # above U+00FF, Python looks for NUL character by character.
    if (b"\x00" in data) if encoding == "utf-8" else ("\x00" in text):
        raise SourceError("CD003", "binary file (it contains NUL characters); skipped")
    return Source(path, text, encoding, bom, data, status)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a file's content atomically, keeping its permissions; follows symlinks.

    The new content goes to a temporary file in the same folder (so the rename cannot cross file
    systems), is flushed to disk, then renamed over the original: readers and a crash at any
    moment see the old file or the new one, never a mix. Hard links to the file are broken.
    """
    target = Path(os.path.realpath(path))
    status = target.stat()
    clean_stale_temporaries(target.parent)
    files.replace_atomically(target, data, mode=stat.S_IMODE(status.st_mode), owner=status, durable=True)


def clean_stale_temporaries(folder: str | Path) -> None:
    """Remove temporary files that a killed run left in a folder (once per folder and process).

    Only files older than ``STALE_AFTER`` go: a younger one may belong to a run still writing.
    A temporary file never replaces a post by itself; this only tidies up.
    """
    key = os.fspath(folder)
    if key in _cleaned_folders:
        return
    _cleaned_folders.add(key)
    limit = time.time() - STALE_AFTER
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") and entry.name.endswith(TEMPORARY_SUFFIX):
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                    os.unlink(entry.path)
            except OSError:
                pass


def digest(data: bytes) -> str:
    """The hash of a file's bytes: what the cache keys results by, and what a fixed post is
    compared with before it is replaced."""
    import hashlib  # only runs that cache or fix import it

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def line_texts(path: str, held: dict[str, str] | None = None) -> list[str]:
    """The lines of the post a finding is on, as reporters quote and fingerprint them: from
    ``held`` (posts the run read from elsewhere than their path: standard input) by path as
    shown, else from disk; none when it cannot be read."""
    text = held.get(path) if held else None
    if text is None:
        try:
            text = read(Path(path), 50_000_000).text
        except SourceError:
            return []
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
