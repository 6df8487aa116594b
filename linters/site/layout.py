"""What a site's folders say when its configuration does not: the folders named by a language, the
language of the pages at the root, a second tree that mirrors the first in another language.

Each answer lists a few folders and reads at most a few kilobytes of a few files.
"""
from __future__ import annotations

import os

from .. import languages
from . import readers

MAX_DEPTH = 3  # folders below the start searched for language folders
MAX_FOLDERS = 40  # folders listed in that search
MAX_MIRRORS = 20  # top-level folders compared with the content folder
SAMPLE_BYTES = 20_000  # read of a page whose language is guessed
_SKIPPED = {"node_modules", "vendor", "assets", "static", "public", "images", "img", "dist", "build", "_site",
            "site-packages", "__pycache__"}
_MARKDOWN = (".md", ".markdown", ".mdx")


def language_folders(folder: str) -> list[str]:
    """The subfolders of ``folder`` named by a language, as written; a word-like code (``it``,
    ``ml``) counts only beside another language folder."""
    listing = readers.entries(folder)
    found = [name for name, is_folder in sorted(listing.items()) if is_folder and languages.code_of(name)]
    if len(found) < 2:
        found = [name for name in found if not languages.is_word_like(name)]
    return found


def find_language_folders(start: str) -> tuple[str, list[str]] | None:
    """The first folder (breadth first, a few levels down) holding folders named by a language."""
    pending, listed = [(start, 0)], 0
    while pending and listed < MAX_FOLDERS:
        folder, depth = pending.pop(0)
        listed += 1
        found = language_folders(folder)
        if found:
            return folder, found
        if depth < MAX_DEPTH:
            for name, is_folder in sorted(readers.entries(folder).items()):
                if is_folder and not name.startswith(".") and name not in _SKIPPED:
                    pending.append((os.path.join(folder, name), depth + 1))
    return None


def likely_default(written: list[str]) -> str:
    """The default of languages none of which is named the default: English when it is one."""
    for language in written:
        if languages.code_of(language) == "en":
            return language
    return written[0]


def sample_pages(folder: str, skip: set[str], limit: int = 3) -> list[str]:
    """A few Markdown pages under ``folder`` (not under the folders in ``skip``), breadth first."""
    pending, found, listed = [folder], [], 0  # type: list[str], list[str], int
    while pending and len(found) < limit and listed < MAX_FOLDERS:
        current = pending.pop(0)
        listed += 1
        for name, is_folder in sorted(readers.entries(current).items()):
            path = os.path.join(current, name)
            if is_folder:
                if name not in skip and not name.startswith((".", "_")) and name not in _SKIPPED:
                    pending.append(path)
            elif name.lower().endswith(_MARKDOWN) and name[:1].islower():
                found.append(path)
                if len(found) >= limit:
                    break
    return found


def guess_language(paths: list[str]) -> str | None:
    """The language most of ``paths`` are in: by their script, else by their commonest words."""
    votes: dict[str, int] = {}
    for path in paths:
        text = _start_of(path)
        if not text:
            continue
        language = languages.guess_from_script(text) or languages.guess_from_words(text)
        if language:
            votes[language] = votes.get(language, 0) + 1
    return max(votes, key=lambda language: votes[language]) if votes else None


def _start_of(path: str) -> str:
    text = readers.read_text(path)
    return text[:SAMPLE_BYTES] if text else ""


def mirror_of(root: str, content: str, language: str | None) -> tuple[str, str] | None:
    """A top-level folder of ``root`` whose pages have the names of ``content``'s, in another
    language (nestcn: ``content/`` in English beside the Chinese ``docs/``): ``(folder, language)``."""
    own = _page_names(os.path.join(root, content))
    if len(own) < 3:
        return None
    candidates = [name for name, is_folder in sorted(readers.entries(root).items())
                  if is_folder and name != content and not name.startswith((".", "_")) and name not in _SKIPPED]
    for name in candidates[:MAX_MIRRORS]:
        theirs = _page_names(os.path.join(root, name))
        shared = own & theirs
        if len(shared) >= 3 and len(shared) * 2 >= min(len(own), len(theirs)):
            guessed = guess_language(sample_pages(os.path.join(root, name), set(), 2))
            if guessed and not languages.same(guessed, language):
                return name, guessed
    return None


def _page_names(folder: str) -> set[str]:
    return {name for name, is_folder in readers.entries(folder).items()
            if is_folder and not name.startswith(".") or name.lower().endswith(_MARKDOWN)}
