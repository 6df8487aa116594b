"""What a version is reduced to: the items the versions of a post must agree on, each with its
offsets in the post (URLs, timestamps, numbers, inline code, code blocks, block structure, some
front matter values), and the line starts that turn an offset into a line and column. Only the
few items that end up in findings are located, in the comparison. Flat tuples and plain dicts:
fewer objects to pickle and unpickle."""
from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document
from .urls import UrlKeys
from .values import (LIST_MARKER, TIMESTAMP_FORMS, TIMESTAMP_NOT_AFTER, NumberReader, blank, list_item_lines,
                     seconds, timestamp_matches)

MAX_ITEMS = 1000  # per kind and post: summaries stay small, comparisons stay fast on hostile posts
MAX_CODE_LINES = 2000

_CODE_COMMENT_LINE = re.compile(r"(?:#(?![!#]|include|define|if|else|end)|//|--(?!-)|;|%|<!--|/\*|\*/|\*(?!\*))")
_TRAILING_COMMENT = re.compile(r"\s+(?:#|//)\s.*$")
_SPACES = re.compile(r"\s+")
_SPACE_BY_PUNCTUATION = re.compile(r"\s*([=,:;+()<>|])\s*")
_STRUCTURE_KINDS = {"blockquote": "quotation", "table": "table"}

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from typing import Any, Dict, List, Tuple

    Item = Tuple[Any, ...]  # (value, shown, start, end, …)
    Summary = Dict[str, Any]
    Items = List[Item]


class Summarizer:
    """Summaries of posts, with what the rule pack says about keys, URLs, numbers and code."""

    def __init__(self, matching_keys: list[str], urls: UrlKeys, numbers: NumberReader, key_names: dict[str, str]):
        self.matching_keys = {key: re.compile(rf"^{re.escape(key)}[ \t]*:.*$", re.M)  # the key's line
                              for key in matching_keys}
        self.urls = urls
        self.numbers = numbers
        self.key_name_table = {name.casefold(): english for name, english in key_names.items()}
        self.key_names = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(key_names, key=len, reverse=True))) + r")\b",
                                    re.I) if key_names else None

    def summarize(self, document: Document) -> Summary:
        translated = document.metadata.get("translated")
        timestamps, timestamp_spans = self._timestamps(document)
        return {
            "language": document.language,
            "translated": translated if isinstance(translated, bool) else None,
            "line_starts": tuple(document.line_starts),
            "body": _body_span(document),
            "blocks": _blocks(document),
            "front": self._front_values(document),
            "urls": self._urls(document),
            "timestamps": timestamps,
            "numbers": self._numbers(document, timestamp_spans),
            "inline_code": self._inline_code(document),
            "code_blocks": _code_blocks(document),
            "structure": _structure(document),
        }

    def _front_values(self, document: Document) -> dict[str, tuple[str, int, int]]:
        front, metadata = document.front_matter, document.metadata
        if front is None or not metadata:
            return {}
        values = {}
        for key, key_line in self.matching_keys.items():
            value = metadata.get(key)
            if value is None or isinstance(value, (dict, list)):
                continue
            line = key_line.search(front.source)
            start = front.content_start + (line.start() if line else 0)
            end = front.content_start + (line.end() if line else 0)
            values[key] = (show_value(value), start, end)
        return values

    def _urls(self, document: Document) -> Items:
        found, seen = [], {}  # a URL linked again: its key, and one string for both (pickled once)
        for url in sorted(document.urls, key=lambda url: url.start)[:MAX_ITEMS]:
            if url.url not in seen:
                seen[url.url] = (self.urls.key(url.url, document.language), url.url)
            key, same_url = seen[url.url]
            if key:
                found.append((key, same_url, url.start, url.end))
        return found

    def _timestamps(self, document: Document) -> tuple[Items, list[tuple[int, int]]]:
        prose, found = document.prose, []
        spans = []
        for match in timestamp_matches(prose):
            before = prose[match.start() - 1] if match.start() else ""
            form = next(name for name in TIMESTAMP_FORMS if match.group(name) is not None)
            if (form == "ms" and before not in ("(", "[")) or (before and before.isdigit()) or \
                    (before and before in TIMESTAMP_NOT_AFTER.get(form, "")):
                continue
            start, end = match.span()
            spans.append((start, end))
            found.append((seconds(match), match.group(), start, end))
            if len(found) >= MAX_ITEMS:
                break
        return found, spans

    def _numbers(self, document: Document, timestamp_spans: list[tuple[int, int]]) -> Items:
        masked = blank(document.prose, timestamp_spans + _list_markers(document))
        found = []
        for written, start, end, match in self.numbers.matches(masked):
            if match is None:  # most numbers: digits alone, their value
                digits = shown = written
            else:
                digits, shown = self.numbers.value(match)
            if len(digits) < 3:
                continue  # small numbers are spelled out in one language and written in another
            found.append((digits, shown, start, end))
            if len(found) >= MAX_ITEMS:
                break
        return found

    def _inline_code(self, document: Document) -> Items:
        text, found = document.text, []
        for span in document.inline_code[:MAX_ITEMS]:
            code = _SPACES.sub(" ", text[span.start:span.end].strip("`")).strip()
            if code:
                found.append((self._code_key(code), code, span.start, span.end))
        return found

    def _code_key(self, code: str) -> str:
        """Code as compared: keyboard keys in one language (``Strg`` is ``Ctrl``), no space by punctuation."""
        if self.key_names is not None:
            code = self.key_names.sub(lambda match: self.key_name_table[match.group().casefold()], code)
        return _SPACE_BY_PUNCTUATION.sub(r"\1", code)


def _blocks(document: Document) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The first line of every block, prose or code (where a missing item is reported): starts, ends."""
    starts = sorted([block.start for block in document.blocks] + [block.start for block in document.code_blocks])[:MAX_ITEMS]
    text, ends = document.text, []
    for start in starts:
        end = text.find("\n", start)
        ends.append(len(text) if end < 0 else end)
    return tuple(starts), tuple(ends)


def _body_span(document: Document) -> tuple[int, int]:
    text, start = document.text, document.body_start
    while start < len(text) and text[start] in " \t\n":
        start += 1
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def _list_markers(document: Document) -> list[tuple[int, int]]:
    markers = []
    for block in document.blocks:
        if block.kind == "list_item":
            marker = LIST_MARKER.match(document.text, block.start, block.end)
            if marker:
                markers.append(marker.span())
    return markers


def _code_blocks(document: Document) -> Items:
    text, found, budget = document.text, [], MAX_CODE_LINES
    for block in document.code_blocks[:MAX_ITEMS]:
        lines = []
        position = block.content_start
        while position < block.content_end and budget > 0:
            line_end = text.find("\n", position, block.content_end)
            line_end = block.content_end if line_end < 0 else line_end
            code = code_line(text[position:line_end])
            if code:
                lines.append((code, position, line_end))
                budget -= 1
            position = line_end + 1
        key = "\n".join(code for code, _, _ in lines)
        opening_end = text.find("\n", block.start, block.end)
        found.append((key, block.info or "code", block.start, block.end if opening_end < 0 else opening_end, tuple(lines)))
    return found


def _structure(document: Document) -> Items:
    """Headings, quotations and tables as parsed; list items by their marker lines.

    Nested list items are counted line by line: how deep a translation indents them
    changes how a parser groups them, not how many there are.
    """
    found = []
    text = document.text
    for block in document.blocks:
        if block.kind in ("heading", "blockquote", "table"):
            kind = _heading_kind(block.level) if block.kind == "heading" else _STRUCTURE_KINDS[block.kind]
            line_end = text.find("\n", block.start, block.end)
            found.append((kind, kind, block.start, block.end if line_end < 0 else line_end))
    found.extend(("list item", "list item", start, end) for start, end in list_item_lines(document.prose))
    found.sort(key=lambda item: item[2])
    return found[:MAX_ITEMS]


@lru_cache(maxsize=None)
def _heading_kind(level: int) -> str:
    return f"level-{level} heading"  # one string per level: a summary pickles it once


def code_line(line: str) -> str:
    """A line of code as every version must have it: comments (often translated) and spacing dropped."""
    stripped = line.strip()
    if not stripped or _CODE_COMMENT_LINE.match(stripped):
        return ""
    return _SPACES.sub(" ", _TRAILING_COMMENT.sub("", stripped))


def show_value(value: object) -> str:
    """A front matter value as a message shows it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)
