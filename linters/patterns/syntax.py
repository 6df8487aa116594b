"""Reading a pattern's source: escapes, classes, groups, top-level alternatives.

Linters gate a costly search with a cheap substring test; these read a pattern's source as far
as they can be sure of it, and raise ``UnsureSource`` for syntax they do not read.
"""
from __future__ import annotations

import re

from .deferred import deferred


class UnsureSource(Exception):
    """A pattern uses syntax that the source readers do not read."""


QUANTIFIER = re.compile(r"[*+?]|\{(\d*)(?:,\d*)?\}")  # the group: the minimum of a {m,n}
# escapes of a class or a position: they stand for no one character (\p and \P name a property next)
_CLASS_ESCAPES = frozenset("bBdDsSwWAZzGmMXntrfvapP")
GROUP_OPENING = re.compile(r"\((?:\?(?::|=|!|<=|<!|>|P?<\w+>))?")
_CODE_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))")


def read_escape(source: str, position: int) -> tuple[str | None, int]:
    """The escape at ``position``: the one character it stands for (``\\[``), or None for a class
    or an anchor; and the offset after it."""
    escaped = source[position + 1:position + 2]
    if not escaped.isalnum():
        if not escaped:
            raise UnsureSource
        return escaped, position + 2
    if escaped not in _CLASS_ESCAPES:
        raise UnsureSource  # \x41, \1, \L<list>, \N{…}: not read here
    position += 2
    if escaped in "pP":  # \pL or \p{Han}
        position = source.find("}", position) + 1 if source.startswith("{", position) else position + 1
        if not position:
            raise UnsureSource  # not closed: the pattern does not compile, and says so when compiled
    return None, position


def read_escape_or_code(source: str, position: int) -> tuple[str | None, int]:
    """``read_escape``, reading ``\\u00e9`` and ``\\xe9`` as the character they name too."""
    code = _CODE_ESCAPE.match(source, position)
    if code:
        return chr(int(code.group(1) or code.group(2), 16)), code.end()
    return read_escape(source, position)


def class_end(source: str, start: int) -> int:
    """The offset after the class opened at ``start``."""
    position = start + 1
    position += source.startswith("^", position)
    position += source.startswith("]", position)  # a leading ] is a member
    while position < len(source):
        character = source[position]
        if character == "\\":
            position += 2
        elif character == "[":
            raise UnsureSource  # a POSIX class or a nested set
        elif character == "]":
            return position + 1
        else:
            position += 1
    raise UnsureSource


def group_end(source: str, start: int) -> int:
    """The offset after the group opened at ``start``; inline flags (which could change how
    the whole pattern reads) and other special groups are not read."""
    depth, position = 0, start
    while position < len(source):
        character = source[position]
        if character == "\\":
            position += 2
        elif character == "[":
            position = class_end(source, position)
        elif character == "(":
            opening = GROUP_OPENING.match(source, position)
            if opening is None or (source.startswith("(?", position) and opening.end() == position + 1):
                raise UnsureSource
            depth += 1
            position = opening.end()
        elif character == ")":
            depth -= 1
            position += 1
            if depth == 0:
                return position
        else:
            position += 1
    raise UnsureSource


def top_level_alternatives(source: str) -> list[str]:
    """``source`` split at its top-level ``|``."""
    alternatives, start, position = [], 0, 0
    while position < len(source):
        character = source[position]
        if character == "\\":
            position += 2
        elif character == "[":
            position = class_end(source, position)
        elif character == "(":
            position = group_end(source, position)
        elif character == "|":
            alternatives.append(source[start:position])
            start = position = position + 1
        else:
            position += 1
    return alternatives + [source[start:]]


_COUNTED = deferred(r"\{(\d*)(?:,(\d*))?\}")


def repetition_bound(source: str) -> int:
    """How many copies of one piece the counted repetitions (``{m,n}``) of a pattern ask for at
    most, multiplied through their nesting: ``(?:(?:a{10}){10}){10}`` asks for 1,000. ``regex``
    writes repeated text out when it compiles a pattern, so this number, not the length of the
    pattern, says what compiling costs: ``(?:a{1000}){1000}`` takes some 280 MB. ``*``, ``+`` and
    ``?`` cost nothing here. A rough reading that never fails: it may overcount, never undercount."""
    products = [1]  # the largest product met in each open group
    last, position = 1, 0  # what a quantifier here repeats: the last atom's own product
    while position < len(source):
        character = source[position]
        counted = _COUNTED.match(source, position) if character == "{" else None
        if character == "\\":
            escaped = source[position + 1:position + 2]
            position += 2
            if escaped in ("p", "P", "N", "x", "u", "U") and source.startswith("{", position):
                position = source.find("}", position) + 1 or len(source)  # \p{Han}: no repetition
            last = 1
        elif character == "[":
            position, last = _class_close(source, position), 1
        elif character == "(":
            products.append(1)
            position, last = position + 1, 1
        elif character == ")":
            last = products.pop() if len(products) > 1 else 1
            products[-1] = max(products[-1], last)
            position += 1
        elif counted and (counted.group(1) or counted.group(2)):
            low, high = counted.groups()
            last *= max(int(high) if high else int(low), 1)
            products[-1] = max(products[-1], last)
            position = counted.end()
        else:
            position += 1
            if character not in "*+?":
                last = 1
    return max(products)


def _class_close(source: str, start: int) -> int:
    """The offset after the class opened at ``start`` (or the end, when it is not closed)."""
    position = start + 1
    position += source.startswith("^", position)
    position += source.startswith("]", position)  # a leading ] is a member
    while position < len(source):
        if source[position] == "\\":
            position += 2
        elif source[position] == "]":
            return position + 1
        else:
            position += 1
    return len(source)
