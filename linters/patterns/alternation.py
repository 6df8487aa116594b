"""A list of patterns matched as one leftmost-first alternation, searched one by one."""
from __future__ import annotations

import re
import time

from ..packs.loading import RulePackError
from .phrases import lazy_pattern
from .search import compile_pattern, time_limit
from .syntax import UnsureSource, class_end, read_escape_or_code, top_level_alternatives

# What an alternative must not use to be searched on its own (non-capturing groups and lookarounds
# are fine): inline flags apply to a whole V0 pattern, and group numbers and backreferences
# shift when alternatives are joined, so sources using them are searched joined.
_JOINED_ONLY = re.compile(r"\(\?(?![:=!]|<[=!])|\\[1-9g]")
_MAX_CLASS_MEMBERS = 8


class Alternation:
    """Patterns that match as the leftmost-first alternation ``(?:a)|(?:b)|…``, searched one by one.

    ``regex`` skips ahead to a pattern's literal at C speed, but must try an alternation of
    different literals at every position, twenty times slower on a long post. Searching each
    alternative from where the last match ended and taking the leftmost (the first listed on a
    tie) gives the same matches. A match is the alternative's own: use its text and span.
    """

    def __init__(self, sources: list[str], where: str, flags: int = 0):
        self.pattern = "|".join(f"(?:{source})" for source in sources)
        self.where, self.flags = where, flags
        # each compiled when first searched: a text lacking an alternative's openings never needs it
        self.alternatives = [lazy_pattern(source, f"{where}[{index}]", flags) for index, source in enumerate(sources)]
        # Texts one of which each alternative's every match starts with: a text lacking them all
        # is not searched with it (a substring test costs half a search). None: no such texts.
        self.openings = [None if flags & re.IGNORECASE else openings(source) for source in sources]
        self._joined = compile_pattern(self.pattern, where, flags) if any(
            _JOINED_ONLY.search(source) for source in sources) else None

    @property
    def joined(self):
        if self._joined is None:
            self._joined = compile_pattern(self.pattern, self.where, self.flags)
        return self._joined

    def finditer(self, text: str, timeout: float | None = None):
        if self._joined is not None:
            return self._joined.finditer(text, timeout=timeout)
        found = self._search_each(text, timeout)
        return iter(found) if found is not None else self.joined.finditer(text, timeout=timeout)

    def _search_each(self, text: str, timeout: float | None):
        """The matches, or None when one is empty (the engine's rules for those are subtle)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        found: list = []
        position = 0
        # each one's next match; False: none left
        pending: list = [None if openings is None or any(opening in text for opening in openings) else False
                         for openings in self.openings]
        while True:
            best = None
            for index, alternative in enumerate(self.alternatives):
                match = pending[index]
                if match is None or (match is not False and match.start() < position):
                    pattern = alternative.compiled
                    left = None if deadline is None else max(deadline - time.monotonic(), 0.0)
                    match = pending[index] = pattern.search(text, position, timeout=time_limit(pattern, text, left)) or False
                if match is not False and (best is None or match.start() < best.start()):
                    best = match
            if best is None:
                return found
            if best.end() == best.start():
                return None
            found.append(best)
            position = best.end()


def compile_alternation(sources, where: str, flags: int = 0) -> Alternation:
    """A list of patterns from a pack, matched as one alternation (see ``Alternation``)."""
    if not isinstance(sources, list) or not all(isinstance(source, str) and source for source in sources):
        raise RulePackError(f"{where}: must be a list of patterns")
    return Alternation(sources, where, flags)


def openings(source: str, single: bool = False) -> tuple[str, ...] | None:
    """Texts one of which every match of ``source`` starts with (after a leading ``\\b``): its
    leading literal characters, or the members of a small leading class; None when the source
    opens otherwise, has an alternation outside groups, or its first character may be absent.
    A single ASCII character is none unless ``single``: most texts hold it."""
    body = source[2:] if source.startswith("\\b") else source
    try:
        if not body or len(top_level_alternatives(body)) > 1:
            return None
        if body[0] == "[":
            end = class_end(body, 0)
            members = _class_members(body[1:end - 1])
            return None if members is None or body[end:end + 1] in ("?", "*", "{") else members
        literal, position = [], 0
        while position < len(body) and body[position] not in ".^$*+?{}[]()|":
            plain, next_position = (read_escape_or_code(body, position) if body[position] == "\\"
                                    else (body[position], position + 1))
            if plain is None:
                break
            literal.append(plain)
            position = next_position
    except UnsureSource:
        return None
    if body[position:position + 1] in ("?", "*", "{"):
        literal = literal[:-1]  # the last character may be absent or repeated zero times
    text = "".join(literal)
    return (text,) if len(text) >= 2 or (text and (single or not text.isascii())) else None


def _class_members(inner: str) -> tuple[str, ...] | None:
    """The characters of a class's ``inner`` text, such as ``\\ue200-\\ue204`` or ``ab``, if a few
    plain ones; None for a negated class, an escape of a class, or too many."""
    characters, position = [], 0
    try:
        while position < len(inner):
            plain: str | None
            if inner[position] == "\\":
                plain, position = read_escape_or_code(inner, position)
                if plain is None:
                    return None
            elif inner[position] == "^" and position == 0:
                return None
            else:
                plain, position = inner[position], position + 1
            characters.append(plain)
    except UnsureSource:
        return None
    members: list[str] = []
    index = 0
    while index < len(characters):
        if index + 2 < len(characters) and characters[index + 1] == "-":
            members.extend(map(chr, range(ord(characters[index]), ord(characters[index + 2]) + 1)))
            index += 3
        else:
            members.append(characters[index])
            index += 1
        if len(members) > _MAX_CLASS_MEMBERS:
            return None
    return tuple(members) if members else None
