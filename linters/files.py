"""Reading and replacing files without surprises: the one way copydesk touches a file.

A leaf module (it imports nothing from ``linters``), so that every part of the package uses it:
posts, configuration, rule packs, baselines, cache files.

``read_bytes`` reads a *regular* file of bounded size, opened without blocking: a named pipe, a
device (``/dev/zero``, ``/dev/urandom``), a socket or a folder where a file is expected is refused
at once (``NotRegularFile``), a file over the limit too (``FileTooLarge``, even one that grows
while it is read), so no input can hang a run or exhaust its memory. Any other failure is the
``OSError`` of the system call.

``replace_atomically`` writes a temporary file beside the target and renames it over it: readers
and a crash at any moment see the old content or the new, never a mixture.
"""
from __future__ import annotations

import os
import stat

TEMPORARY_SUFFIX = ".copydesk-tmp"
# Non-blocking: opening a named pipe waits for a writer otherwise. No controlling terminal from a
# device; no translation of line endings (Windows); not inherited by programs we would start.
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))


class RefusedFile(Exception):
    """A file copydesk will not read; the message says why."""


class NotRegularFile(RefusedFile):
    """A folder, a named pipe, a socket or a device where a file was expected."""

    def __init__(self, is_directory: bool):
        super().__init__("is a directory, not a file" if is_directory
                         else "not a regular file (a pipe, socket or device)")
        self.is_directory = is_directory


class FileTooLarge(RefusedFile):
    """A file over the size limit (``size``: what was found, at least ``limit + 1``)."""

    def __init__(self, size: int, limit: int):
        super().__init__(f"file is {size:,} bytes, larger than the limit of {limit:,}")
        self.size, self.limit = size, limit


def open_regular(path, flags: int = _READ_FLAGS) -> tuple[int, os.stat_result]:
    """A descriptor of ``path`` opened without blocking, and its status; ``NotRegularFile`` unless
    it is a regular file (a symbolic link is followed)."""
    handle = os.open(path, flags)
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(stat.S_ISDIR(status.st_mode))
    except BaseException:
        os.close(handle)
        raise
    return handle, status


def read_bytes(path, max_size: int) -> bytes:
    """The bytes of a regular file of at most ``max_size`` bytes (see the module's docstring)."""
    handle, status = open_regular(path)
    try:
        return read_open(handle, status, max_size)
    finally:
        os.close(handle)


def read_with_status(path, max_size: int) -> tuple[bytes, os.stat_result]:
    """``read_bytes``, and the file's status taken *after* the read: a change that lands during
    the read shows in it (size, modification time), as git takes it for its index."""
    handle, status = open_regular(path)
    try:
        data = read_open(handle, status, max_size)
        return data, os.fstat(handle)
    finally:
        os.close(handle)


def read_open(handle: int, status: os.stat_result, max_size: int) -> bytes:
    """The bytes of a regular file already open (``open_regular``), from where it is, bounded."""
    if status.st_size > max_size:
        raise FileTooLarge(status.st_size, max_size)
    data = _read_all(handle, status.st_size, max_size + 1)
    if len(data) > max_size:  # it grew while being read
        raise FileTooLarge(len(data), max_size)
    return data


def read_text(path, max_size: int, encoding: str = "utf-8") -> str:
    """``read_bytes`` decoded (``UnicodeDecodeError`` when it cannot be)."""
    return read_bytes(path, max_size).decode(encoding)


def _read_all(handle: int, size: int, limit: int) -> bytes:
    """Up to ``limit`` bytes of an open file, with ``os.read`` (a buffered file object costs
    more than reading a post): usually one call, more if the file grew or the system splits it."""
    chunks = []
    while limit > 0:
        wanted = min(limit, max(size + 1, 65536))
        chunk = os.read(handle, wanted)
        chunks.append(chunk)
        limit -= len(chunk)
        if len(chunk) < wanted:  # the end of a regular file
            break
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def replace_atomically(target, data: bytes, mode: int | None = None, owner: os.stat_result | None = None,
                       durable: bool = False, attributes_from: int | None = None, before_rename=None) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it over ``target``.

    Readers see the old content or the new, never a mixture. ``durable`` also flushes the data
    and the folder entry to disk, so a power cut cannot leave an empty file behind. ``owner``
    (a ``stat`` of the original) gives the new file the original's owner and group where the
    system lets us, ``attributes_from`` (a descriptor of the original) its extended attributes
    (POSIX ACLs among them), then ``mode`` its permissions: chown comes first, for it clears
    the setuid and setgid bits. ``before_rename()`` is called last, right before the rename; if
    it raises, nothing is renamed and the temporary file is removed.
    """
    import tempfile  # only runs that write import it

    target = os.fspath(target)
    folder, name = os.path.split(target)
    handle, temporary = tempfile.mkstemp(dir=folder or ".", prefix=f".{name}.", suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if owner is not None:
            keep_owner(temporary, owner)
        if attributes_from is not None:
            copy_extended_attributes(attributes_from, temporary)
        if mode is not None:
            os.chmod(temporary, mode)
        if before_rename is not None:
            before_rename()
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    if durable:
        fsync_folder(folder or ".")


def keep_owner(temporary: str, status: os.stat_result) -> None:
    """A post fixed by root stays its owner's; anyone else keeps at least the post's group when
    they belong to it (the system refuses otherwise, and the new file keeps ours)."""
    if not hasattr(os, "chown"):
        return
    try:
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            os.chown(temporary, status.st_uid, status.st_gid)
        elif os.stat(temporary).st_gid != status.st_gid:
            os.chown(temporary, -1, status.st_gid)
    except OSError:
        pass


def copy_extended_attributes(source: int, temporary: str) -> None:
    """The extended attributes of an open file, set on another where the file system allows it."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:  # not supported here
        return
    for name in names:
        try:
            os.setxattr(temporary, name, os.getxattr(source, name))
        except OSError:  # e.g. a security label only the system may set
            pass


def fsync_folder(folder) -> None:
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


def listing(folder, limit: int | None = None) -> dict[str, bool]:
    """A folder's entries, name -> whether it is a folder (a link to a folder is one), at most
    ``limit`` of them; ``{}`` when the folder cannot be listed."""
    found: dict[str, bool] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    found[entry.name] = entry.is_dir()
                except OSError:
                    found[entry.name] = False
                if limit is not None and len(found) >= limit:
                    break
    except (OSError, ValueError):
        return {}
    return found
