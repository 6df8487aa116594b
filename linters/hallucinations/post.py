"""The per-post context every rule group reads (``Post``), and where things are in a post's text:
lines, sentences, quotations, hidden text, the post's date and title."""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, datetime
from pathlib import PurePath

import regex

from ..patterns.deferred import deferred
from ..patterns.literals import INDEXED_LENGTH

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from collections.abc import Callable, Iterator
    from typing import Any

    from ..document import Document
    from ..patterns.literals import LiteralGate, LiteralIndex

# A sentence ends at . ! ? before a space and anything but a small letter (not after a one-letter
# abbreviation such as "z. B." or "e.g."), at a CJK, Devanagari or Arabic full stop, or with a
# table cell.
_SENTENCE_END = regex.compile(r"(?<!\b\p{L})[.!?]+(?=\s+[^\p{Ll}\s]|\s*\[|\s*$)|[。！？।؟|]")
_UNDERSCORE_EMPHASIS = deferred(r"(?<!\w)_+(?=\w)|(?<=\w)_+(?!\w)", compile=regex.compile)
_NAMED_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_ISO_DATE = deferred(r"\s*\d{4}-\d{1,2}-\d{1,2}")
# In HTML: comments, elements whose content is not text, tags and character references
_HIDDEN_HTML = (r"<!--.*?(?:-->|$)|<(script|style|pre|code|kbd|samp|textarea)\b.*?(?:</\1\s*>|$)"
                r"|<details\b[^>]*\btype\s*=\s*[\"']?(?:reasoning|thinking)\b.*?(?:</details\s*>|$)"
                r"|</?[A-Za-z][^>]*>|&#?\w+;")  # compiled (and cached by `regex`) for a post with HTML
_NOT_NEWLINE = deferred(r"[^\n]", compile=regex.compile)
_FRONT_MATTER_VALUE = re.compile(r"^(?P<key>[\w-]+):[ \t]*(?P<quote>['\"]?)(?P<value>.*?)(?P=quote)?[ \t]*$", re.M)
_SHORT_LINE_LENGTH = 80  # longest line that can be a navigation label or a heading of its own
_ALERT = deferred(r"[ \t]*>[ \t]*\[![A-Za-z]+\]")  # a GitHub or Obsidian alert: `> [!NOTE]`
_OPENING_QUOTES, _CLOSING_QUOTES = "“«„「『", "”»」』"  # ‘ ’ are apostrophes too often


class Post:
    """What the rule groups read of one post, computed once per post.

    ``document``; its ``prose`` (non-prose blanked, same offsets); ``wanted``, the phrase-list
    languages to search (see ``languages.for_phrase_lists``); ``posted``, the post's date or
    None; ``transcript``, whether it is a published chat; ``short_lines``, (offset, stripped text) of each line short enough to be a label or a
    heading; ``spoken``, what a reader reads as text: the prose with the underscores of
    ``_emphasis_`` blanked, and the text of HTML (a sentence glued to a closing tag belongs to
    an HTML block) with its tags blanked (computed when first asked: only the leftover rules
    need it)."""

    __slots__ = ("document", "prose", "wanted", "gate", "posted", "short_lines", "_spoken", "_is_transcript", "_transcript")

    def __init__(self, document: Document, wanted: frozenset[str], gate: LiteralGate, posted: date | None,
                 is_transcript: Callable[[str], bool]):
        self.document, self.prose = document, document.prose
        self.wanted, self.gate, self.posted = wanted, gate, posted
        self.short_lines = short_lines(self.prose)
        self._spoken: str | None = None
        self._is_transcript = is_transcript
        self._transcript: bool | None = None

    @property
    def transcript(self) -> bool:
        """Whether the post is a published chat transcript (asked of ``is_transcript`` once)."""
        if self._transcript is None:
            self._transcript = self._is_transcript(self.prose)
        return self._transcript

    def index_for(self, text: str) -> LiteralIndex | None:
        """How to find the literals of ``text``, one of the post's texts: the prose and the
        spoken text, asked by most phrase lists, are read once for all of them, when long, with
        the index of the post's languages (``gate``, built when first needed); the document's
        text, asked for a few literals only (the reasoning's), is tested literal by literal
        (None), which costs less than a pass."""
        if len(text) >= INDEXED_LENGTH and (text is self.prose or text is self._spoken):
            return self.gate.index(self.wanted)
        return None

    @property
    def spoken(self) -> str:
        if self._spoken is None:
            self._spoken = _without_underscore_emphasis(_with_html_text(self.document, self.prose))
        return self._spoken


def short_lines(prose: str) -> list[tuple[int, str]]:
    """(offset, stripped text) of each non-blank line short enough to be a label or a heading.
    The lines are found by their newlines and only the short ones are copied: splitting the
    prose copied all of it, paragraphs included, in as many strings."""
    found = []
    find, length, start = prose.find, len(prose), 0
    while start <= length:
        end = find("\n", start)
        if end < 0:
            end = length
        if 0 < end - start <= _SHORT_LINE_LENGTH:
            line = prose[start:end]
            if not line.isspace():
                found.append((start + len(line) - len(line.lstrip()), line.strip()))
        start = end + 1
    return found


def _with_html_text(document: Document, prose: str) -> str:
    """``prose`` with the text of its HTML put back (same length): what is outside tags, comments
    and elements whose content is not read as text (script, style, code, reasoning blocks)."""
    text, pieces, position, code_starts = document.text, [], 0, None
    if "<" not in text:
        return prose
    for span in document.non_prose:
        if span.start < document.body_start or "<" not in text[span.start:span.end]:
            continue
        if code_starts is None:
            code_starts = [code.start for code in document.code_spans]
        pieces.append(prose[position:span.start])
        pieces.append(regex.sub(_HIDDEN_HTML, _blank, _without_code(document, code_starts, span.start, span.end),
                                flags=regex.S | regex.I))
        position = span.end
    if not pieces:
        return prose
    pieces.append(prose[position:])
    return "".join(pieces)


def _without_code(document: Document, code_starts: list[int], start: int, end: int) -> str:
    """``document.text[start:end]`` with the code in it blanked (non-prose spans are merged:
    inline HTML next to inline code is one span)."""
    code = document.code_spans
    first = bisect_right(code_starts, start) - 1
    piece = document.text[start:end]
    for span in code[max(first, 0):]:
        if span.start >= end:
            break
        if span.end > start:
            low, high = max(span.start, start) - start, min(span.end, end) - start
            piece = piece[:low] + _NOT_NEWLINE.sub(" ", piece[low:high]) + piece[high:]
    return piece


def _blank(found: Any) -> str:
    return _NOT_NEWLINE.sub(" ", found.group())


def _without_underscore_emphasis(prose: str) -> str:
    """The prose with the underscores of `_emphasis_` blanked (same length): a phrase's ``\\b``
    does not match after ``_``, a word character. Underscores inside a word (`snake_case`) stay."""
    return _UNDERSCORE_EMPHASIS.sub(lambda found: " " * len(found.group()), prose) if "_" in prose else prose


def quoted(document: Document, before: str, offset: int) -> bool:
    """Whether the text at ``offset`` is a quotation: in a blockquote, or after an opening quote
    mark that ``before`` (its sentence up to there) does not close. Quoting a chatbot is not
    leaving its words in the post."""
    block = document.block_at(offset)
    if block is not None and block.kind == "blockquote":
        return not _section_content(document, block)
    opened = sum(map(before.count, _OPENING_QUOTES)) - sum(map(before.count, _CLOSING_QUOTES))
    opened -= 2 * min(before.count("„"), before.count("“"))  # German „…“ closes with “
    return opened > 0 or before.count('"') % 2 == 1


def _section_content(document: Document, quote: Any) -> bool:
    """Whether a blockquote is the page's own content rather than a quotation: an alert
    (`> [!NOTE]`), or set right under a heading with nothing but the quote's own earlier
    paragraphs between them (an abstract or a translated excerpt formatted as a quote). A
    quotation is introduced by the text."""
    blocks, text = document.blocks, document.text
    index = blocks.index(quote)
    while index > 0 and blocks[index - 1].kind == "blockquote" and not text[blocks[index - 1].end:blocks[index].start].strip(" \t\n>"):
        index -= 1
    return bool(_ALERT.match(text, blocks[index].start)) or (index > 0 and blocks[index - 1].kind == "heading")


def hidden(document: Document, offset: int) -> bool:
    """In code or in an HTML comment: not shown to readers as text."""
    return document.in_code(offset) or any(comment.start <= offset < comment.end for comment in document.html_comments)


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end (before the newline) of the line(s) holding ``text[start:end]``."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def sentence(prose: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around ``prose[start:end]``, within its line."""
    line_start, line_end = line_bounds(prose, start, end)
    sentence_start = line_start
    for boundary in _SENTENCE_END.finditer(prose, line_start, start):
        sentence_start = boundary.end()
    following = _SENTENCE_END.search(prose, max(start, end - 1), line_end)  # the match may end the sentence
    sentence_end = following.end() if following else line_end
    while sentence_start < start and prose[sentence_start].isspace():
        sentence_start += 1
    while sentence_end > end and prose[sentence_end - 1].isspace():
        sentence_end -= 1
    return sentence_start, sentence_end


def post_date(document: Document, keys: list[str]) -> date | None:
    """The post's date: the latest of the front matter ``keys`` (a date and its updates), else
    the ``YYYY-MM-DD`` of its file name, else one in its title (`(2024-10-17) News`)."""
    dates = [found for found in map(_date_value, (document.metadata.get(key) for key in keys)) if found]
    if dates:
        return max(dates)
    title = document.metadata.get("title")
    for named in (PurePath(document.path).name, title if isinstance(title, str) else ""):
        match = _NAMED_DATE.search(named)
        if match:
            return _date(*match.groups())
    return None


def _date_value(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        year, month, day = re.findall(r"\d+", value)[:3]
        return _date(year, month, day)
    return None


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def front_matter_values(document: Document, keys: tuple[str, ...]) -> Iterator[tuple[str, int, str]]:
    """(key, offset, text) of each front matter value of ``keys`` written on the key's line,
    without its quotes (a value may go on over more lines: its first line is read)."""
    front = document.front_matter
    if front is None:
        return
    for match in _FRONT_MATTER_VALUE.finditer(front.source):
        if match.group("key") in keys and match.group("value"):
            yield match.group("key"), front.content_start + match.start("value"), match.group("value")
