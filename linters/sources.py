"""Reading posts from disk and writing fixed posts back without ever losing a byte.

A source remembers its encoding and byte-order mark so that a fix is written back the way the
file was. Writes are atomic: a temporary file in the same folder, flushed to disk, then renamed
over the original, so a crash leaves either the old file or the new one, never half of one.
"""
from __future__ import annotations

import codecs
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 8192


class SourceError(Exception):
    """A file that cannot be linted; ``code`` is the core rule that reports it."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    encoding: str
    bom: bytes
    data: bytes  # the bytes as read, to detect a file changed by someone else before writing

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def read(path: Path, max_size: int) -> Source:
    """Read and decode a post; raise ``SourceError`` with a clear message when it cannot be."""
    try:
        size = path.stat().st_size
        if size > max_size:
            raise SourceError("CD004", f"file is {size:,} bytes, larger than max-file-size ({max_size:,}); skipped")
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)
    except SourceError:
        raise
    except IsADirectoryError:
        raise SourceError("CD001", "is a directory, not a file") from None
    except OSError as error:
        raise SourceError("CD001", f"cannot read file: {error.strerror or error}") from None
    return decode(path, data)


def decode(path: Path, data: bytes) -> Source:
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
        line = data.count(b"\n", 0, offset) + 1
        line_start = data.rfind(b"\n", 0, offset) + 1
        column = len(data[line_start:offset].decode(encoding, errors="replace")) + 1
        raise SourceError(
            "CD002",
            f"not valid {encoding.upper()}: byte 0x{data[offset]:02x} at line {line}, column {column} "
            f"(byte offset {offset}); skipped",
            line, column) from None
    if "\x00" in text:
        raise SourceError("CD003", "binary file (it contains NUL characters); skipped")
    return Source(path, text, encoding, bom, data)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a file's content atomically, keeping its permissions; follows symlinks."""
    target = Path(os.path.realpath(path))
    replace_atomically(target, data, mode=stat.S_IMODE(target.stat().st_mode), durable=True)


def replace_atomically(target: Path, data: bytes, mode: int | None = None, durable: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it over ``target``.

    Readers see the old content or the new, never a mixture. ``durable`` also flushes the data
    and the folder entry to disk, so a power cut cannot leave an empty file behind.
    """
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".copydesk-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    if durable:
        _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
