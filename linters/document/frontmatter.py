"""The front matter block at the top of a post: where it is, its syntax, its data, its problems.

Three syntaxes, as the generators accept them: YAML between ``---`` lines (every generator; a
``...`` line closes it too), TOML between ``+++`` lines (Hugo, Zola), and a JSON object whose
``{`` opens the file (Hugo). ``locate`` finds the block, ``parse`` gives its data (``{}`` when it
has none that can be read), ``read`` gives the data with where each top-level key is, the keys
written twice, and the problem that makes it unreadable, at its place in the file.
"""
from __future__ import annotations

import re

from ..patterns.deferred import deferred
from . import frontmatter_plain
from .records import JSON, TOML, YAML, FrontMatter, KeyPositions, Reading

__all__ = ["JSON", "TOML", "YAML", "KeyPositions", "Reading", "locate", "parse", "read"]
_YAML_OPEN = re.compile(r"---[ \t]*")
_CLOSE = {YAML: deferred(r"(?:---|\.\.\.)[ \t]*"), TOML: deferred(r"\+\+\+[ \t]*")}
_TOML_OPEN = _CLOSE[TOML]
# A JSON object's first line: `{` then a key, `}`, or nothing (not `{{< shortcode >}}` or `{% tag %}`).
_JSON_OPEN = deferred(r"\{[ \t]*(?:\"|\}|$)")
_BLANK_LINE = deferred(r"^[ \t]*$", re.M)


def locate(text: str, after_blank_lines: bool = False) -> FrontMatter | None:
    """The front matter block, detected only on the very first line; with ``after_blank_lines``
    (Hugo, whose page lexer skips them), on the first line that is not blank."""
    start = 0
    if after_blank_lines and text[:1] in ("\n", " ", "\t"):
        start = text.rfind("\n", 0, len(text) - len(text.lstrip(" \t\n"))) + 1  # the first line that is not blank
    first_end = text.find("\n", start)
    if first_end < 0:
        return None
    if _YAML_OPEN.fullmatch(text, start, first_end):
        return _fenced(text, start, first_end, YAML)
    if text.startswith("+", start) and _TOML_OPEN.fullmatch(text, start, first_end):
        return _fenced(text, start, first_end, TOML)
    if start == 0 and text.startswith("{") and _JSON_OPEN.match(text, 0, first_end):
        return _json_object(text)
    return None


def _fenced(text: str, start: int, first_end: int, syntax: str) -> FrontMatter:
    close = _CLOSE[syntax]
    content_start = position = first_end + 1
    while position <= len(text):
        line_end = text.find("\n", position)
        if line_end < 0:
            line_end = len(text)
        if close.fullmatch(text, position, line_end):
            end = min(line_end + 1, len(text))
            return FrontMatter(start, end, content_start, position, True, text[content_start:position], syntax)
        position = line_end + 1
    return _unterminated(text, start, content_start, syntax)


def _unterminated(text: str, start: int, content_start: int, syntax: str) -> FrontMatter:
    """An unterminated block is taken to run to the first blank line."""
    blank = _BLANK_LINE.search(text, content_start)
    content_end = blank.start() if blank else len(text)
    return FrontMatter(start, content_end, content_start, content_end, False, text[content_start:content_end], syntax)


def _json_object(text: str) -> FrontMatter:
    """The object that ``{`` opens, to its matching ``}`` (braces in strings do not count)."""
    depth, in_string, escaped = 0, False, False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                line_end = text.find("\n", index)
                line_end = len(text) if line_end < 0 else line_end
                end = min(line_end + 1, len(text)) if not text[index + 1:line_end].strip() else index + 1
                return FrontMatter(0, end, 0, index + 1, True, text[:index + 1], JSON)
    return _unterminated(text, 0, 0, JSON)


# -- data ----------------------------------------------------------------------------------------


def parse(front: FrontMatter | None) -> dict:
    """The front matter's data; ``{}`` when absent, unreadable or not a mapping."""
    if front is None or not front.source.strip():
        return {}
    if front.syntax == YAML:
        entries = frontmatter_plain.read(front.source)
        if entries is not None:
            return {key: value for key, _, _, _, value in entries}
        from ..yamlsafe import load_mapping

        return load_mapping(front.source)
    from .frontmatter_data import load

    try:
        data = load(front)
    except (ValueError, RecursionError):  # TOMLDecodeError and JSONDecodeError are ValueErrors
        return {}
    return data if isinstance(data, dict) else {}


def read(document) -> Reading | None:
    """The front matter of ``document`` (a ``Document``) read for checking; None without one."""
    front = document.front_matter
    if front is None:
        return None
    if front.syntax == YAML:
        entries = frontmatter_plain.read(front.source)
        if entries is not None:
            return _plain_reading(document, front, entries)
        from .frontmatter_yaml import read_yaml

        return read_yaml(document, front)
    from .frontmatter_data import read_json, read_toml

    return read_toml(document, front) if front.syntax == TOML else read_json(document, front)


def _plain_reading(document, front: FrontMatter, entries: tuple) -> Reading:
    """The reading of front matter of the simple shape ``frontmatter_plain`` reads: what
    ``frontmatter_yaml`` gives for it, without PyYAML."""
    base = front.content_start
    places: dict = {}
    duplicates = []
    for key, key_start, value_start, value_end, _ in entries:
        if key in places:
            earlier = document.position(places[key][0])[0]
            duplicates.append((key, base + key_start, base + key_start + len(key),
                               f"duplicate key {key!r}: the value on line {earlier} is silently lost"))
        places[key] = (base + key_start, base + value_start, base + value_end)
    return Reading(document.metadata, KeyPositions(places, fallback=base), duplicates)
