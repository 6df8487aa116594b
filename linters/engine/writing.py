"""Writing fixed posts back: each post once, never over someone else's change.

A ``--fix`` run holds an advisory lock on its configuration's folder (``tree_lock``) from before
it reads the first post until it has renamed the last one: a second ``--fix`` run over the same
tree waits for the first to finish, then reads what the first wrote, so neither undoes the other.

Each post is replaced by ``replace_post``, under a lock on the post itself (against a run of
another configuration): the new content goes to a temporary file beside it, flushed to disk,
given the post's owner, extended attributes and permissions; then the post is read again, right
before the rename, and the rename happens only if those bytes are the bytes the fixes were made
from. Anything else (an editor's save, another program's write, a pipe put in the post's place)
keeps the other change and is reported as CD007. What remains is the moment between that last
read and the rename (a hash of the bytes read and one system call), during which a save would
still be overwritten: see the README's guarantees.
"""
from __future__ import annotations

import os
import stat
import time
from contextlib import contextmanager

from .. import files
from . import sources

LOCK_WAIT = 60.0  # seconds a run waits for another --fix run of the same tree before going on
POST_LOCK_WAIT = 10.0
PARALLEL_WRITES = 8  # posts written at once: most of a write is waiting for the disk (fsync)

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from types import ModuleType

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the comparison before the rename still holds
    fcntl = None


class NotWritten(Exception):
    """A fixed post that was not written: ``code`` (CD001, CD007) and the message say why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@contextmanager
def tree_lock(folder):
    """Hold an exclusive advisory lock on ``folder`` (waiting up to ``LOCK_WAIT`` seconds for the
    run that holds it; after that, go on without it: the comparison before each rename still
    keeps every other change)."""
    handle = _lock(folder, LOCK_WAIT)
    try:
        yield
    finally:
        if handle is not None:
            os.close(handle)  # releases the lock


def _lock(path, wait: float, descriptor: int | None = None) -> int | None:
    """An open descriptor of ``path`` holding an exclusive lock, or None (no locks here, or the
    lock not obtained within ``wait`` seconds). With ``descriptor``, lock that one instead."""
    if fcntl is None:
        return None
    handle = descriptor
    if handle is None:
        try:
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return None
    deadline = time.monotonic() + wait
    delay = 0.005
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() >= deadline:
                break
            time.sleep(delay)
            delay = min(delay * 2, 0.2)
        except OSError:  # a file system without locks
            break
    if descriptor is None:
        os.close(handle)
    return None


def is_read_only(path, status: os.stat_result) -> bool:
    """A post its owner made read-only (no write permission for anyone), or one this user may
    not write: a rename would replace it all the same, so it is left alone, as editors do."""
    return not status.st_mode & 0o222 or not os.access(path, os.W_OK)


def replace_post(path: str, data: bytes, digest: str, max_size: int) -> None:
    """Replace the post at ``path`` (a symbolic link is followed) by ``data``, provided that it
    still holds the bytes whose hash is ``digest``; raise ``NotWritten`` otherwise."""
    real = os.path.realpath(path)
    try:
        handle, status = files.open_regular(real)
    except files.NotRegularFile:
        raise NotWritten("CD007", "file was replaced by something that is not a file while it was being fixed; "
                                  "not written") from None
    except OSError as error:
        raise NotWritten("CD007" if error.errno == 2 else "CD001",
                         f"cannot write fixed file: {error.strerror or error}") from None
    try:
        if fcntl is not None and _lock(real, POST_LOCK_WAIT, handle) is None:
            raise NotWritten("CD007", "file is locked by another program; not written")
        if is_read_only(real, status):
            raise NotWritten("CD001", "read-only file: fixes not written")
        sources.clean_stale_temporaries(os.path.dirname(real))

        def unchanged_on_disk() -> None:
            try:
                current = files.read_bytes(real, max(max_size, len(data)))
            except (OSError, files.RefusedFile):
                current = None
            if current is None or sources.digest(current) != digest:
                raise NotWritten("CD007", "file changed on disk while it was being fixed; not written")

        try:
            files.replace_atomically(real, data, mode=stat.S_IMODE(status.st_mode), owner=status, durable=True,
                                     attributes_from=handle, before_rename=unchanged_on_disk)
        except OSError as error:
            raise NotWritten("CD001", f"cannot write fixed file: {error}") from None
    finally:
        os.close(handle)


def replace_posts(posts: list[tuple[str, bytes, str]], max_size: int) -> list[NotWritten | None]:
    """``replace_post`` for each ``(path, data, digest)``; for each, None or why it was not written."""
    def write(post: tuple[str, bytes, str]) -> NotWritten | None:
        try:
            replace_post(*post, max_size)
        except NotWritten as refused:
            return refused
        return None

    if len(posts) < PARALLEL_WRITES:
        return [write(post) for post in posts]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(PARALLEL_WRITES) as pool:
        return list(pool.map(write, posts))
