"""What a version is reduced to: its blocks in order (headings, paragraphs, list items,
quotations, tables, code blocks), each with what is not translated inside it (URLs, numbers,
timestamps, inline code, code lines) and what tells blocks apart when nothing is (kind, size),
with offsets in the post; the line starts turn an offset into a line and column, for the few
items that end up in findings. Plain tuples and dicts: a summary is pickled to and from the
workers and the cache."""
from __future__ import annotations

import posixpath
import re
import unicodedata
import zlib
from collections import namedtuple
from collections.abc import Iterable, Iterator

from ..document import Document
from .urls import UrlKeys
from .values import LIST_MARKER, NumberReader, TimestampReader, blank, components, timestamp_value

MAX_UNITS = 2000  # blocks per post: summaries stay small, comparisons fast on hostile posts
MAX_ITEMS = 200  # values of one kind in one block
MAX_CODE_LINES = 2000  # per post
MAX_KEYED_LINES = 2000  # per post: prose lines kept as keys (where a fence was lost)
MAX_LINE_KEYS = 40  # per block
MIN_KEYED_LINE = 8  # characters: a shorter line (``}``, ``fi``, ``---``) says nothing
MAX_KEYED_LINE = 160  # characters: a longer line of prose is a sentence, not a line of code
KEYED = 80  # characters of a line its key is made of
SHOWN_LINE = 2000  # characters of a line kept (a longer one is cut, and may not compare)

_KINDS = {"paragraph": "p", "list_item": "li", "blockquote": "quote", "table": "table"}
_HEADINGS = tuple(f"h{level}" for level in range(7))
_SPACES = re.compile(r"\s+")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_AFTER_NOON = re.compile(r"\s?(?:(?:PM|pm)(?![A-Za-z])|p\.\s?m\.)")  # ``p.m.y`` (``p.m. y``, glued) too
_AFTERNOON_BEFORE = re.compile(r"(?:午後|오후|下午)\s?$")
_SPACE_BY_PUNCTUATION = re.compile(r"\s*([=,:;+()<>|])\s*")
# A URL that translation damaged: full-width punctuation in it, or a space before its path.
_URL_RUN = re.compile(r"[^\s<>\"'`\]\)）」]+(?: [a-z0-9/][^\s<>\"'`\]\)）」]*)?")
_FULL_WIDTH = re.compile(r"[\u3000-\u303f\uff00-\uffef]")
_UNTRANSLATED_SIZE = 60  # characters of a block compared as text (``text``): a shorter one may be names


class Unit(namedtuple("Unit", "kind start line_end end size urls numbers times code lines text damaged")):
    """A block of a version.

    ``kind``: ``h1``…``h6``, ``p``, ``li``, ``quote``, ``table`` or ``code``; ``start``/``line_end``:
    its first line, ``end`` where it ends; ``size``: its length in characters. Items, each
    ``(value, shown, start, end)``: ``urls`` (value: ``(exact key, key with the post's language
    set aside, with its host's language left out)``), ``numbers`` (digits), ``times`` (timestamp parts), ``code`` (inline code).
    ``lines``: a code block's ``(info, ((line, start, end), …))``; a prose block's line keys. ``text``: ``(fingerprint, size)`` of a block of sentences, or None.
    ``damaged``: URLs damaged by translation, ``(normalised, shown, start, end)``.
    """

    __slots__ = ()


class Summarizer:
    """Summaries of posts, with what the rule pack says about keys, URLs, numbers and code."""

    def __init__(self, matching_keys: list[str], urls: UrlKeys, numbers: NumberReader, times: TimestampReader,
                 key_names: dict[str, str]):
        self.matching_keys = {key: re.compile(rf"^{re.escape(key)}[ \t]*:.*$", re.M)  # the key's line
                              for key in matching_keys}
        self.urls = urls
        self.numbers = numbers
        self.times = times
        self.key_name_table = {name.casefold(): english for name, english in key_names.items()}
        self.key_names = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(key_names, key=len, reverse=True))) + r")\b",
                                    re.I) if key_names else None

    def summarize(self, document: Document) -> dict:
        translated = document.metadata.get("translated")
        return {
            "language": document.language,
            "translated": translated if isinstance(translated, bool) else None,
            "line_starts": tuple(document.line_starts),
            "body": _body_span(document),
            "front": self._front_values(document),
            "units": self._units(document),
        }

    def _units(self, document: Document) -> tuple[Unit, ...]:
        text = document.text
        spans = sorted([(block.start, block.end, _kind(block), None) for block in document.blocks]
                       + [(block.start, block.end, "code", block) for block in document.code_blocks])[:MAX_UNITS]
        if not spans:
            return ()
        starts = [span[0] for span in spans]
        ends = [span[1] for span in spans]
        items: list[list[list]] = [[[], [], [], [], []] for _ in spans]  # urls, numbers, times, inline code, damaged URLs
        _distribute(((0, item) for item in self._urls(document)), starts, ends, items)
        _distribute(self._values(document), starts, ends, items)
        _distribute(((3, item) for item in self._inline_code(document)), starts, ends, items)
        _distribute(((4, item) for item in _damaged_urls(document)), starts, ends, items)
        units: list[Unit] = []
        budget = [MAX_CODE_LINES, MAX_KEYED_LINES]
        prose = document.prose
        for (start, end, kind, code_block), (urls, numbers, times, code, damaged) in zip(spans, items):
            line_end = text.find("\n", start, max(end, start))
            line_end = end if line_end < 0 else line_end
            if code_block is not None:
                lines: tuple = (code_block.info or "", _code_lines(text, code_block, budget))
                words = None
            elif not (urls or code or prose[start:end].strip()):
                continue  # a formula (``$$ y = h(x) $$``), an HTML comment: nothing a version translates or keeps
            else:
                lines = _line_keys(text, start, end, budget)
                words = _sentences(text, start, end, code, urls) if kind in ("p", "li") else None
            units.append(Unit(kind, start, line_end, end, end - start, tuple(urls), tuple(numbers), tuple(times),
                              tuple(code), lines, words, tuple(damaged) if damaged and code_block is None else None))
        return tuple(units)

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

    def _urls(self, document: Document) -> list[tuple]:
        found, seen = [], {}  # a URL linked again: its keys, and one string for both (pickled once)
        language = document.language
        folder = posixpath.dirname(document.path.replace("\\", "/"))
        for url in sorted(document.urls, key=lambda url: url.start):
            if url.url not in seen:
                target = resolved(url.url, folder)
                keys = self.urls.keys(target, language)
                if target != url.url:  # relative: the same name beside the version (a bundle's image) is one file too
                    keys = (keys[0], keys[1], self.urls.key(url.url, None))
                seen[url.url] = (keys, url.url)
            keys, same_url = seen[url.url]
            if keys[0]:
                found.append((keys, same_url, url.start, url.end))
        return found

    def _values(self, document: Document) -> Iterator[tuple[int, tuple]]:
        """Timestamps (kind 2) and numbers (kind 1), in one pass over the prose without list
        markers. A number is ``(value, shown, start, end, parts)``: ``parts``, the values of the
        digits before a multiplier (``14`` of ``14 million``: a language whose word the pack
        lacks writes ``14 milionů``), or None."""
        masked = blank(document.prose, _list_markers(document) + _cross_reference_labels(document))
        times = self.times
        for written, start, end, match in self.numbers.matches(masked, times):
            if match is None:  # most numbers: digits alone, their value
                value = written.lstrip("0") or "0"
                if len(value) <= 2 and 1 <= int(value) <= 11 and _after_noon(masked, start, end):
                    # ``8pm``, ``午後8時``: ``20`` on the 24-hour clock (``20h``), or ``8`` as a number
                    yield 1, (str(int(value) + 12), written, start, end, (value,))
                else:
                    yield 1, (value, written, start, end, None)
            elif match.re is times.pattern:
                parts = timestamp_value(match)
                if len(parts) > 1 and 1 <= parts[0] <= 11 and _after_noon(masked, start, end):
                    parts = (parts[0] + 12, *parts[1:])  # ``4:01:25 PM`` is ``16 h 01 min 25 s``
                yield 2, (parts, written, start, end)
            elif match.group("number") == written.strip():
                for value in components(written):
                    yield 1, (value, written, start, end, None)
            else:
                value, shown = self.numbers.value(match)
                yield 1, (value, shown, start, end, tuple(components(match.group("number"))))

    def _inline_code(self, document: Document) -> list[tuple]:
        text, found = document.text, []
        for span in sorted(document.inline_code):
            code = _SPACES.sub(" ", text[span.start:span.end].strip("`")).strip()
            if code:
                found.append((self._code_key(code), code, span.start, span.end))
        return found

    def _code_key(self, code: str) -> str:
        """Code as compared: keyboard keys in one language (``Strg`` is ``Ctrl``), no space by punctuation."""
        if self.key_names is not None:
            code = self.key_names.sub(lambda match: self.key_name_table[match.group().casefold()], code)
        return _SPACE_BY_PUNCTUATION.sub(r"\1", code)


def _after_noon(text: str, start: int, end: int) -> bool:
    """Whether the hour at ``start:end`` is after noon on a 12-hour clock: ``8pm``, ``4:01 p.m.``, ``午後8時``."""
    return _AFTER_NOON.match(text, end) is not None or _AFTERNOON_BEFORE.search(text, max(0, start - 4), start) is not None


def resolved(url: str, folder: str) -> str:
    """A relative link as the path it names from the site's root (``../static/a.png`` in
    ``blog/x.md`` is ``/static/a.png``): versions in folders of different depths link one file."""
    if not url or url[0] in "/#?" or _SCHEME.match(url):
        return url
    cut = min((index for index in (url.find("?"), url.find("#")) if index >= 0), default=len(url))
    path = posixpath.normpath(posixpath.join("/" + folder, url[:cut]))
    return path + ("/" if url[:cut].endswith("/") and path != "/" else "") + url[cut:]


def _distribute(found: Iterable[tuple[int, tuple]], starts: list[int], ends: list[int], items: list[list[list]]) -> None:
    """Put each ``(kind, item)`` of ``found`` (in the order of their offsets) in the bucket of that
    kind of the block it is in: one walk along the blocks, not a search per item."""
    index, last = 0, len(starts) - 1
    for kind, item in found:
        offset = item[2]
        while index < last and starts[index + 1] <= offset:
            index += 1
        if starts[index] <= offset < max(ends[index], starts[index] + 1):
            bucket = items[index][kind]
            if len(bucket) < MAX_ITEMS:
                bucket.append(item)


def _kind(block) -> str:
    return _HEADINGS[min(block.level, 6)] if block.kind == "heading" else _KINDS.get(block.kind, "p")


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


def _cross_reference_labels(document: Document) -> list[tuple[int, int]]:
    """The texts of links to a place in the page (``[Figure 6](#fig-lockin)``): a label of what
    they point to, numbered where the page is rendered; the anchor says what, not the number."""
    return [(link.text_start, link.text_end) for link in document.links if link.dest.startswith("#")]


def _code_lines(text: str, block, budget: list[int]) -> tuple[tuple[str, int, int], ...]:
    """The lines of a code block, stripped (blank ones left out), within the post's budget."""
    lines = []
    position = block.content_start
    while position < block.content_end and budget[0] > 0:
        line_end = text.find("\n", position, block.content_end)
        line_end = block.content_end if line_end < 0 else line_end
        line = text[position:line_end].strip()
        if line:
            lines.append((line[:SHOWN_LINE], position, line_end))
            budget[0] -= 1
        position = line_end + 1
    return tuple(lines)


def _line_keys(text: str, start: int, end: int, budget: list[int]) -> tuple[int, ...]:
    """The keys (``line_key``) of a prose block's lines: a fence lost in translation leaves the
    code of a block as prose, where these find it; and a line no translation changed is the same
    block in two versions."""
    if budget[1] <= 0:
        return ()
    keys = tuple(line_key(line) for line in text[start:end].split("\n")[:MAX_LINE_KEYS]
                 if MIN_KEYED_LINE <= len(line) <= MAX_KEYED_LINE)
    budget[1] -= len(keys)
    return keys


def line_key(line: str) -> int:
    """A line as prose and code compare it: trimmed, its first characters, as a number."""
    return zlib.crc32(line.strip()[:KEYED].encode("utf-8", "surrogatepass"))


def _sentences(text: str, start: int, end: int, code: list, urls: list) -> tuple[int, int] | None:
    """A block of sentences as ``(fingerprint, size)``: a block left untranslated has the
    fingerprint of the original's. None for a block with too little prose to tell (names, a
    line of code explained in two words): its size without inline code and URLs."""
    size = end - start - sum(item[3] - item[2] for item in code) - sum(item[3] - item[2] for item in urls)
    if size < _UNTRANSLATED_SIZE:
        return None
    return zlib.crc32(text[start:end].encode("utf-8", "surrogatepass")), size


def _damaged_urls(document: Document) -> Iterator[tuple[str, str, int, int]]:
    """URLs that translation damaged: cut at full-width punctuation (``docs．example．org``), or
    at a space before the rest of their path (``https://docs.example.org/ guide``)."""
    text = document.text
    for url in sorted(document.urls, key=lambda url: url.start):
        following = text[url.end:url.end + 2]
        if following[:1] and (_FULL_WIDTH.match(following) or following[0] == " " and url.url.endswith("/")
                              and following[1:].isalnum() and following[1:].isascii()):
            run = _URL_RUN.match(text, url.start)
            shown = text[url.start:run.end() if run else url.end]
            yield url_text(shown), shown, url.start, url.start + len(shown)


def url_text(url: str) -> str:
    """A URL as written, made comparable with a damaged copy: full-width forms read as ASCII, no
    white space, no scheme, ``www.`` or trailing slash, lower case."""
    text = "".join(unicodedata.normalize("NFKC", url).split()).lower().replace("。", ".")
    for prefix in ("https://", "http://"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    if text.startswith("www."):
        text = text[4:]
    return text.rstrip("/.")


def show_value(value: object) -> str:
    """A front matter value as a message shows it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)
