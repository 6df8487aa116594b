"""Which files a run lints: files named as given, folders searched for the ``include`` globs,
minus the ``exclude``/``extend-exclude`` globs; and how a path is shown in the report."""
from __future__ import annotations

import fnmatch
import os
import re
from functools import lru_cache
from pathlib import Path

from ..config import Config
from ..files import TEMPORARY_SUFFIX


def discover(paths: list[str], config: Config, unreadable: list[tuple[str, OSError]] | None = None) -> list[str]:
    """Files to lint: files named as given, folders searched for the include globs (copydesk's own
    temporary files never, whatever the globs say). A folder that cannot be listed is added to
    ``unreadable`` with the error, and the walk goes on. Paths are strings, not ``Path``
    objects: a tree of 10,000 posts would spend more building them than walking the tree."""
    found: list[str] = []
    seen: set[str] = set()
    is_included = _include_matcher(config.include)
    excluded_in = _exclude_matcher(config.exclude + config.extend_exclude, str(config.root)) or _nothing
    for name in paths:
        path = Path(name)
        if not name or not path.exists() and not path.is_symlink():  # "" is not ".": an unset variable
            raise FileNotFoundError(name)
        if path.is_dir():
            _walk(str(path), is_included, excluded_in, found, seen, unreadable)
        elif not _is_temporary(path.name):
            _add(found, seen, str(path))
    return found


def _walk(top: str, is_included, excluded_in, found: list[str], seen: set[str], unreadable) -> None:
    """The files under ``top``, in the order of ``os.walk`` (a folder's files by name, then its
    folders by name, depth first), without its recursion: a tree 1,500 folders deep is walked.
    Links to folders are not followed (a link to a parent would loop)."""
    normcase, join = os.path.normcase, os.path.join
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            if unreadable is not None:
                unreadable.append((folder, error))
            continue
        files, folders = [], []
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if not is_folder:
                files.append(entry.name)
            elif not entry.is_symlink():
                folders.append(entry.name)
        for name in sorted(files):
            if is_included(normcase(name)) and not excluded_in(folder, name) and not _is_temporary(name):
                _add(found, seen, join(folder, name))
        pending.extend(join(folder, name) for name in sorted(folders, reverse=True) if not excluded_in(folder, name))


def _is_temporary(name: str) -> bool:
    """A temporary file of a fix (see ``files.replace_atomically``): never a post."""
    return name.startswith(".") and name.endswith(TEMPORARY_SUFFIX)


def _nothing(folder: str, name: str) -> bool:
    return False


def _add(found: list[str], seen: set[str], path: str) -> None:
    key = display_path(path)  # a file named twice (`a.md`, `/site/a.md`) would be reported twice
    if key not in seen:
        seen.add(key)
        found.append(path)


def display_path(path: str | Path) -> str:
    """A path as the report shows it: relative to the current folder when it is under it. A name
    that is not UTF-8 keeps its bytes as surrogates: each report format writes them its way."""
    text = os.path.normpath(path)
    if os.path.isabs(text):
        try:
            relative = os.path.relpath(text)
            if not relative.startswith(".."):
                text = relative
        except ValueError:
            pass
    return text


@lru_cache(maxsize=16)
def _exclude_matcher(patterns: tuple[str, ...], root: str):
    """One test for all exclude globs: a tree of 10,000 posts asks it for every file.

    A glob matches a file or folder name, or the path relative to the root; a folder glob also
    matches everything under it. Paths are made absolute lexically (no system call per file).
    """
    if not patterns:
        return None
    # A glob without a wildcard matches itself only, and as a folder what starts with it and a
    # slash: tested as strings, so that the default globs (all such) compile no pattern at start.
    literal = frozenset(pattern for pattern in patterns if not _has_wildcard(pattern))
    folders = tuple(pattern.rstrip("/") + "/" for pattern in literal)
    wild = [pattern for pattern in patterns if pattern not in literal]
    globs = [fnmatch.translate(p) for p in wild] + [fnmatch.translate(p.rstrip("/") + "/*") for p in wild]
    regex = re.compile("|".join(f"(?:{glob})" for glob in globs)) if wild else None
    absolute_root = os.path.abspath(root)
    relative_folders: dict[str, str] = {}  # a folder's path relative to the root, worked out once

    def matches(path: str) -> bool:
        return path in literal or path.startswith(folders) or regex is not None and regex.match(path) is not None

    def excluded(folder: str, name: str) -> bool:
        if matches(name):
            return True
        relative_folder = relative_folders.get(folder)
        if relative_folder is None:
            relative_folder = os.path.relpath(os.path.abspath(folder), absolute_root).replace(os.sep, "/")
            relative_folders[folder] = relative_folder
        relative = name if relative_folder == "." else f"{relative_folder}/{name}"
        return (not relative.startswith("../") and matches(relative)
                or matches(os.path.join(folder, name).replace(os.sep, "/")))

    return excluded


@lru_cache(maxsize=16)
def _include_matcher(patterns: tuple[str, ...]):
    """One test of a file name against all include globs. A glob that is a wildcard before a plain
    ending (the default ``*.md``, ``*.markdown``, ``*.mdx``) is tested as that ending: no pattern
    compiled at start."""
    globs = [os.path.normcase(pattern) for pattern in patterns]
    endings = tuple(glob[1:] for glob in globs if glob[:1] == "*" and not _has_wildcard(glob[1:]))
    others = [glob for glob in globs if not (glob[:1] == "*" and glob[1:] in endings)]
    if not others:
        return lambda name: name.endswith(endings)
    match = re.compile("|".join(f"(?:{fnmatch.translate(glob)})" for glob in others)).match
    return lambda name: name.endswith(endings) or match(name) is not None


def _has_wildcard(glob: str) -> bool:
    return "*" in glob or "?" in glob or "[" in glob
