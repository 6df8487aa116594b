"""The YAML front matter most posts have, read without PyYAML: one ``key: value`` line per key,
each value a plain scalar that opens with a letter, a quoted string without escapes, a decimal
integer or a date. Importing PyYAML and building its node tree cost a one-post run (the
pre-commit case) more than linting the post. Anything else, and anything this reading is not
sure of, is left to PyYAML; on what it reads, it gives what PyYAML gives (a test compares them
on generated and real front matter)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..patterns.deferred import deferred

# key, then one or more spaces, then the value and nothing after it but spaces
_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):( +)(\S(?:[^\n]*\S)?) *")
_QUOTED = deferred(r'"[^"\\]*"|\'[^\']*\'')
_INTEGER = deferred(r"[-+]?(?:0|[1-9][0-9]*)")
_DATE = deferred(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# PyYAML's YAML 1.1 words for true, false and null (its resolvers' whole lists)
_BOOLEANS = {word: value for value, words in ((True, "yes true on"), (False, "no false off"))
             for spelling in words.split() for word in (spelling, spelling.capitalize(), spelling.upper())}
_NULLS = ("null", "Null", "NULL", "~")
# Where a plain scalar or a key would mean something else: comments, nested mappings, aliases,
# escapes, tabs, carriage returns (PyYAML's own rules for these are subtle: left to it).
_UNSURE = set("#:*\t\r\\")

Entry = tuple  # (key, key start, value start, value end, value): offsets in ``source``


@lru_cache(maxsize=4)  # a post's front matter is read for its data, then for checking
def read(source: str) -> tuple[Entry, ...] | None:
    """The entries of ``source`` in order (a key written twice appears twice), or None when the
    source is not of the simple shape read here (PyYAML then reads it)."""
    entries: list[Entry] = []
    position = 0
    for line in source.split("\n"):
        if line.strip(" "):
            entry = _entry(line, position)
            if entry is None:
                return None
            entries.append(entry)
        position += len(line) + 1
    return tuple(entries) or None


def _entry(line: str, position: int) -> Entry | None:
    match = _LINE.fullmatch(line)
    if match is None:
        return None
    key, text = match.group(1), match.group(3)
    if key in _BOOLEANS or key in _NULLS or not text.isprintable():
        return None
    value = _value(text)
    if value is _NOT_SURE:
        return None
    start = position + match.start(3)
    return key, position, start, start + len(text), value


_NOT_SURE = object()


def _value(text: str):
    first = text[0]
    if first in "\"'":
        return text[1:-1] if _QUOTED.fullmatch(text) else _NOT_SURE
    if _UNSURE.intersection(text):
        return _NOT_SURE
    if first.isalpha():
        if text in _BOOLEANS:
            return _BOOLEANS[text]
        return None if text in _NULLS else text
    if _INTEGER.fullmatch(text):
        return int(text)
    date = _DATE.fullmatch(text)
    if date:
        import datetime  # only posts with a date pay for it

        try:
            return datetime.date(*map(int, date.groups()))
        except ValueError:  # 2025-02-30: PyYAML says why, at its place
            return _NOT_SURE
    return _NOT_SURE
