"""Which files are versions of one page: path templates (``_posts/{lang}/{date}-*-{lang}.{ext}``)
matched at the end of a path; paths that match with the same text outside ``{lang}`` are one
group. The folders a run looks into are listed once per run, not once per post."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator

from .. import languages
from ..packs.loading import RulePackError

_TEMPLATE_TOKEN = re.compile(r"\{lang\}|\{date\}|\{ext\}|\*\*/|\*|[^{*]+|\{")
_LANGUAGE_TEXT = r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{2,8})?"

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from typing import Optional, Tuple

    # The absolute path, the spans of the language in it, the code, the pieces around the spans.
    Match = Optional[Tuple[str, list, str, Tuple[str, ...]]]


class Grouping:
    """The groups of a run's paths by the compiled templates; caches are for one run (``start_run``)."""

    def __init__(self, templates: list[str]):
        self.patterns = [compile_template(template) for template in templates]
        self.start_run()

    def start_run(self) -> None:
        self._entries: dict[str, frozenset[str]] = {}
        self._folder_groups: dict[str, dict[str, list[str]]] = {}
        self._folder_languages: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self._matches: dict[str, Match] = {}  # a run asks for the key, then the siblings, of each post
        self._cwd = os.getcwd()  # abspath() asks the system for it once per path
        self._folders: dict[str, str] = {}

    def match(self, path: str) -> Match:
        """For the first template that matches ``path`` with a real language code: the absolute
        path, the spans of the language in it, the code, and the pieces of the path around the
        spans (joined with another code, they name that version); None when no template matches."""
        try:
            return self._matches[path]
        except KeyError:
            matched = self._matches[path] = self._first_match(path)
            return matched

    def _first_match(self, path: str) -> Match:
        folder, file_name = os.path.split(path)
        posix = self._absolute_folder(folder) + file_name
        for pattern in self.patterns:
            match = pattern.search(posix)
            if match is None:
                continue
            spans = [match.span(name) for name in pattern.groupindex if name.startswith("lang") and match.start(name) >= 0]
            code = languages.normalize(match.group("lang"))
            if code:
                return posix, spans, code, pieces_around(posix, spans)
        return None

    def _absolute_folder(self, folder: str) -> str:
        """A folder as an absolute POSIX path ending in ``/``: worked out once per folder."""
        absolute = self._folders.get(folder)
        if absolute is None:
            absolute = os.path.normpath(os.path.join(self._cwd, folder)).replace("\\", "/")
            absolute = self._folders[folder] = absolute if absolute.endswith("/") else absolute + "/"
        return absolute

    def group_key(self, path: str) -> str | None:
        matched = self.match(path)
        if matched is None:
            return None
        return "\0".join(matched[3])

    def sibling_paths(self, path: str) -> Iterator[str]:
        matched = self.match(path)
        if matched is None:
            return
        posix, spans, _, pieces = matched
        start, end = spans[0]
        segment_start = posix.rfind("/", 0, start) + 1
        segment_end = posix.find("/", end)
        if segment_end < 0:  # the language is in the file name: the folder's other versions
            key = "\0".join(pieces)
            for candidate in self._groups_in(posix[:segment_start - 1]).get(key, ()):
                if candidate != posix:
                    yield candidate
            return
        # The language names a folder (``_posts/fr/``): its sibling folders are the other languages.
        parent = posix[:segment_start - 1]
        prefix, suffix = posix[segment_start:start], posix[end:segment_end]
        own = posix[start:end]
        for text in self._languages_in(parent, prefix, suffix):
            if text == own:
                continue
            candidate = text.join(pieces)
            folder, _, name = candidate.rpartition("/")
            if name in self._entries_of(folder):
                yield candidate

    def _languages_in(self, parent: str, prefix: str, suffix: str) -> tuple[str, ...]:
        """The language codes that name entries of ``parent`` as ``prefix + code + suffix``, in the
        entries' order: worked out once per folder, not once per post."""
        found = self._folder_languages.get((parent, prefix, suffix))
        if found is None:
            texts = (entry[len(prefix):len(entry) - len(suffix)] for entry in sorted(self._entries_of(parent))
                     if entry.startswith(prefix) and entry.endswith(suffix) and len(entry) > len(prefix) + len(suffix))
            found = self._folder_languages[parent, prefix, suffix] = tuple(filter(languages.normalize, texts))
        return found

    def _entries_of(self, folder: str) -> frozenset[str]:
        entries = self._entries.get(folder)
        if entries is None:
            try:
                entries = frozenset(os.listdir(folder or "/"))
            except OSError:
                entries = frozenset()
            self._entries[folder] = entries
        return entries

    def _groups_in(self, folder: str) -> dict[str, list[str]]:
        """The files of a folder by group key, indexed once per run (a folder may hold 10,000 posts)."""
        groups = self._folder_groups.get(folder)
        if groups is None:
            groups = {}
            for entry in self._entries_of(folder):
                path = f"{folder}/{entry}"
                key = self.group_key(path)
                if key is not None:
                    groups.setdefault(key, []).append(path)
            self._folder_groups[folder] = groups
        return groups


def compile_template(template: str) -> re.Pattern[str]:
    """A path template (``_posts/{lang}/{date}-*-{lang}.{ext}``) as a regex matched at a path's end."""
    parts, languages_seen = [], 0
    for token in _TEMPLATE_TOKEN.findall(template.replace("\\", "/")):
        if token == "{lang}":
            parts.append(f"(?P<lang>{_LANGUAGE_TEXT})" if not languages_seen else f"(?P<lang{languages_seen}>(?P=lang))")
            languages_seen += 1
        elif token == "{date}":
            parts.append(r"\d{4}-\d{2}-\d{2}")
        elif token == "{ext}":
            parts.append(r"(?:md|markdown)")
        elif token == "**/":
            parts.append(r"(?:[^/]+/)*")
        elif token == "*":
            parts.append(r"[^/]*")
        else:
            parts.append(re.escape(token))
    if not languages_seen:
        raise RulePackError(f"translations: path pattern {template!r} has no {{lang}}")
    return re.compile(r"(?:^|/)" + "".join(parts) + r"$")


def pieces_around(text: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """``text`` cut at ``spans``, without them: ``replacement.join(pieces)`` replaces each span."""
    pieces, position = [], 0
    for start, end in sorted(spans):
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    return tuple(pieces)
