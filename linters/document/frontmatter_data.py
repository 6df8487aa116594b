"""TOML and JSON front matter: its data (``load``), and read for checking with the same findings as
YAML's: the parser's error at its place in the file, keys written twice, where each top-level key
and value are."""
from __future__ import annotations

import re
import sys

from .records import TOML, KeyPositions, Reading

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them
    from types import ModuleType
    from typing import Any

    from .records import FrontMatter

MAX_SOURCE = 1_000_000  # characters of TOML or JSON front matter read (YAML has yamlsafe's bound)

_TOML_KEY_PART = r"(?:[A-Za-z0-9_-]+|\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*')"
# `key = value` and `a.b = value` lines; `[table]` and `[[array]]` headers (their first key part).
_TOML_KEY = re.compile(rf"[ \t]*({_TOML_KEY_PART}(?:[ \t]*\.[ \t]*{_TOML_KEY_PART})*)[ \t]*=[ \t]*")
_TOML_TABLE = re.compile(rf"[ \t]*\[\[?[ \t]*({_TOML_KEY_PART})")
_TOML_DOT = re.compile(rf"[ \t]*\.[ \t]*(?={_TOML_KEY_PART})")
_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
_MULTILINE_STRING = re.compile(r"\"\"\"|'''")


def load(front: FrontMatter) -> Any:
    """TOML or JSON data; raises ``ValueError`` (the parsers' errors are ValueErrors) or RecursionError."""
    from .. import yamlsafe

    if len(front.source) > MAX_SOURCE:
        raise ValueError(f"front matter is {len(front.source):,} characters, more than the {MAX_SOURCE:,} read")
    if front.syntax == TOML:
        data = toml().loads(front.source)
    else:
        import json

        data = json.loads(front.source)
    try:
        yamlsafe.check_shape(data)  # the same bounds on size and depth as YAML's
    except yamlsafe.UnsafeYAML as error:
        raise ValueError(str(error).replace("YAML", "front matter")) from None
    return data


def toml() -> ModuleType:
    """``tomllib``, or on Python 3.10 ``tomli``: the same parser."""
    if sys.version_info >= (3, 11):  # a test mypy reads too: it checks for the oldest Python supported
        import tomllib
    else:
        import tomli as tomllib
    return tomllib


def read_toml(document, front) -> Reading:
    keys, duplicates = _toml_keys(document, front)
    try:
        data = load(front)
    except toml().TOMLDecodeError as error:
        if duplicates:  # the TOML is refused for the key written twice: say that
            return Reading({}, keys, duplicates, readable=False)
        return Reading.failed(*_toml_error_place(document, front, str(error)))
    except (ValueError, RecursionError) as error:
        return Reading.failed(front.start, front.content_start, f"front matter refused: {error}")
    return Reading(data, keys)


def _toml_keys(document, front) -> tuple[KeyPositions, list]:
    """The top-level keys (before the first table, and the tables' names) and their places;
    a key written twice. Lines inside multi-line strings are skipped."""
    places: dict = {}
    seen: dict = {}
    duplicates = []
    position, text, in_table, open_string = front.content_start, document.text, False, None
    while position < front.content_end:
        line_end = text.find("\n", position, front.content_end)
        line_end = front.content_end if line_end < 0 else line_end
        line = text[position:line_end]
        if open_string is not None:
            if line.count(open_string) % 2:
                open_string = None
        elif (table := _TOML_TABLE.match(line)) is not None:
            in_table = True
            places.setdefault(_unquoted(table.group(1)), (position + table.start(1), position + table.start(1), line_end))
        elif (assignment := _TOML_KEY.match(line)) is not None:
            value = line[assignment.end():]
            strings = _MULTILINE_STRING.findall(value)
            if len(strings) % 2:
                open_string = strings[-1]
            if not in_table:
                full_key = assignment.group(1)
                top = _unquoted(_TOML_DOT.split(full_key, 1)[0].strip())
                key_start = position + assignment.start(1)
                if full_key in seen:
                    earlier = document.position(seen[full_key])[0]
                    duplicates.append((full_key, key_start, key_start + len(full_key),
                                       f"duplicate key {full_key!r} (also on line {earlier}): TOML refuses the whole front matter"))
                seen.setdefault(full_key, key_start)
                places.setdefault(top, (key_start, position + assignment.end(), line_end))
        position = line_end + 1
    return KeyPositions(places, front.content_start), duplicates


def _toml_error_place(document, front, message: str) -> tuple[int, int, str]:
    at = _TOML_AT.search(message)
    text = message[:at.start()] if at else message
    if at and at.group(1):
        line = document.position(front.content_start)[0] + int(at.group(1)) - 1
        offset = min(document.offset(min(line, document.line_count)) + int(at.group(2)) - 1, front.content_end)
    else:
        offset = front.content_end
    return offset, offset, f"invalid TOML: {text}"


def _unquoted(key: str) -> str:
    return key[1:-1] if key[:1] in "\"'" and len(key) > 1 else key


# -- JSON ----------------------------------------------------------------------------------------


def read_json(document, front) -> Reading:
    """The object's top-level keys are read one by one: JSON allows a key twice (the last wins,
    silently), and ``json`` tells no positions."""
    import json

    if not front.closed:  # FM003 says it; the parser's error would only repeat it
        return Reading({}, KeyPositions(), readable=False)
    source, base = front.source, front.content_start
    decoder = json.JSONDecoder()
    places: dict = {}
    data: dict = {}
    duplicates = []
    try:
        load(front)  # the whole object first: its error, or its bounds on size and depth
        index = _skip_space(source, 1)
        while source[index] != "}":
            if source[index] == ",":
                index = _skip_space(source, index + 1)
            key, key_end = decoder.raw_decode(source, index)  # a string: the object is valid
            key_start = base + index + 1  # after the quote
            value_start = _skip_space(source, _skip_space(source, key_end) + 1)
            value, value_end = decoder.raw_decode(source, value_start)
            if key in places:
                earlier = document.position(places[key][0])[0]
                duplicates.append((key, key_start, base + key_end - 1,
                                   f"duplicate key {key!r}: the value on line {earlier} is silently lost"))
            places[key] = (key_start, base + value_start, base + value_end)
            data[key] = value
            index = _skip_space(source, value_end)
    except json.JSONDecodeError as error:
        offset = base + error.pos
        return Reading.failed(offset, offset, f"invalid JSON: {error.msg}")
    except (ValueError, RecursionError) as error:
        return Reading.failed(front.start, front.content_start, f"front matter refused: {error}")
    return Reading(data, KeyPositions(places, front.content_start), duplicates)


def _skip_space(source: str, index: int) -> int:
    while index < len(source) and source[index] in " \t\n\r":
        index += 1
    return index
