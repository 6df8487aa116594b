"""The characters every match of a pattern contains: a pattern is searched only in a text that
has them all (a few ``in`` tests cost much less than a pass of the pattern)."""
from __future__ import annotations

import re

from .syntax import QUANTIFIER, UnsureSource, class_end, group_end, read_escape

# Escapes that read_escape reads as no one character but this reading has always left unfiltered.
_CHARACTER_ESCAPES = frozenset("ntrfvazGmMX")
# Inline flags (which apply to a whole V0 pattern: (?i) changes what a literal matches) and
# groups other than lookarounds and non-capturing ones.
_UNUSUAL_GROUP = re.compile(r"\(\?(?![:=!]|<[=!])")


def required_characters(source: str) -> str:
    """Characters that every match of ``source`` (multi-line, V0) contains: its plain characters
    outside groups, classes and optional parts. None ("") when this reading is unsure: an
    alternation at the top, inline flags, an escape not read, an unpaired bracket."""
    if _UNUSUAL_GROUP.search(source):
        return ""
    try:
        return "".join(dict.fromkeys(plain_characters(source)))
    except UnsureSource:
        return ""


def plain_characters(source: str) -> list[str]:
    """The plain characters of ``source`` outside groups, classes and optional parts, in order."""
    required: list[str] = []
    position, literal = 0, False  # literal: the last item was appended to ``required``
    while position < len(source):
        character = source[position]
        quantifier = QUANTIFIER.match(source, position) if character in "*+?{" else None
        if quantifier:
            if literal and (character in "*?" or (character == "{" and not int(quantifier.group(1) or 0))):
                required.pop()  # optional: not in every match
            position = quantifier.end()
            if source[position:position + 1] in ("?", "+"):
                position += 1  # lazy or possessive
            literal = False
            continue
        plain: str | None
        if character == "\\":
            if source[position + 1:position + 2] in _CHARACTER_ESCAPES:
                raise UnsureSource
            plain, position = read_escape(source, position)
        elif character == "[":
            plain, position = None, class_end(source, position)
        elif character == "(":
            plain, position = None, group_end(source, position)
        elif character in "|)]{}":
            raise UnsureSource
        else:
            plain, position = (None if character in ".^$" else character), position + 1
        literal = plain is not None
        if plain is not None:
            required.append(plain)
    return required


def contains_all(text: str, characters: str) -> bool:
    """Whether ``text`` has each of ``characters``."""
    for character in characters:  # a loop: all() with a generator costs more than the tests
        if character not in text:
            return False
    return True
