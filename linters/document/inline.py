"""The inline scan of a prose block: code spans, comments, inline HTML, math, links, URLs.

Every search here runs in linear time, hostile input included: closers are found once per needle
(``_Finder``) or by bisection (``_BacktickRuns``), and no pattern can backtrack far.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..patterns.deferred import deferred
from .blocks import normalize_label
from .records import Block, Comment, Link, Span, Url

TYPE_CHECKING = False  # not typing's: importing typing costs the one-post run
if TYPE_CHECKING:
    from .structure import Structure

# Inline constructs that are not prose, found leftmost-first inside a prose block. Comments and
# math are matched by their openers only; their closers are found with ``_Finder`` so that many
# unclosed openers cost linear time, not quadratic. Deferred, as the patterns below that a block
# may not need: most blocks hold no trigger (``_TRIGGERS``), and many posts no such block.
_INLINE = deferred(
    r"(?P<code>`+)"
    r"|(?P<comment><!--)"
    r"|(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+)>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*"
    r"(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>)"
    r"|(?P<math>\$\$|\\\()"
    r"|(?P<escape>\\[!-/:-@\[-`{-~])",
)
_MATH_CLOSERS = {"$$": "$$", "\\(": "\\)"}
# Inline HTML elements whose text is code or keys, not prose.
_RAW_TEXT_TAG = deferred(r"<(code|pre|kbd|samp|var|tt)\b", re.I)
_RAW_TEXT_CLOSERS = {name: deferred(rf"</{name}\s*>", re.I) for name in ("code", "pre", "kbd", "samp", "var", "tt")}
# What a prose block must hold for the inline scan to find anything in it (code, HTML, math, an
# escape, a link, a URL): most blocks of a post hold none, and are not scanned. A block with a
# `/` but no `://` is scanned for nothing, but a `/` is found ~20 times faster than a `://`.
_TRIGGERS = ("`", "<", "\\", "$", "[", "/", "www.")
# Bare URLs stop at white space, angle brackets and quotes, and, in CJK prose, where the CJK text
# resumes: that end is found by `_cjk_start`, for a class of those ranges costs every run a
# millisecond to compile (so does re.I here).
_BARE_URL = re.compile(r"(?<![A-Za-z0-9_/@.])([Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)[^\s<>\"`]+")
_URL_TRAILING_PUNCTUATION = "?!.,:;*_~'"
_SPACES = " \t"
_BACKTICK_RUN = deferred(r"`+")


def _bare_urls(work: str):
    """(offset, text) of each bare URL in ``work``, before trailing punctuation is trimmed."""
    position = 0
    for candidate in _url_candidates(work):
        if candidate < position or (match := _BARE_URL.match(work, candidate)) is None:
            continue
        url = match.group()
        if not url.isascii():
            url = url[:_cjk_start(url)]
            if len(url) <= match.end(1) - match.start():  # nothing after `http://` but CJK text
                position = match.start() + 1
                continue
        yield match.start(), url
        position = match.start() + len(url)


# Where a bare URL may start, by a string it holds: its scheme ends 4 or 5 characters before `://`,
# and `www.` (any case) holds `w.` or `W.` 2 characters in.
_URL_MARKS = (("://", (5, 4)), ("w.", (2,)), ("W.", (2,)))


def _url_candidates(work: str) -> list[int]:
    """The offsets, ascending, where ``_BARE_URL`` may match: searching with it would try every
    offset (~240 instructions a character of a UCS-2 text), ``str.find`` costs ~5."""
    candidates: set[int] = set()
    for mark, distances in _URL_MARKS:
        found = work.find(mark)
        while found >= 0:
            candidates.update(found - distance for distance in distances if found >= distance)
            found = work.find(mark, found + 1)
    return sorted(candidates)


def _cjk_start(text: str) -> int:
    """The offset of the first kana, Han, hangul or full-width character (or CJK punctuation)."""
    for offset, char in enumerate(text):
        if ("\u3000" <= char <= "\u30ff" or "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff"
                or "\uac00" <= char <= "\ud7af" or "\uff00" <= char <= "\uffef"):
            return offset
    return len(text)


def _nested_destination(depth: int) -> str:
    """A link destination without spaces whose parentheses balance, nested ``depth`` deep."""
    escape, plain = r"\\[\s\S]|\\\Z", r"[^\s()\\]"
    inner = f"(?:{escape}|{plain})"
    for _ in range(depth):
        inner = f"(?:{escape}|{plain}|\\({inner}*\\))"
    return inner + "*"


# Alternatives that begin with different characters: no backtracking blow-up, linear time.
_DESTINATION = deferred(_nested_destination(3))
# Most destinations hold no parenthesis or backslash: this run ends where ``_DESTINATION`` does
# (white space, ``)`` or the end), five times faster; at ``(`` or ``\`` the full pattern decides.
_PLAIN_DESTINATION = deferred(r"[^\s()\\]*")


class _Finder:
    """``str.find`` for (mostly) ascending starts, remembering the last answer per needle.

    A block with thousands of unclosed openers (``<!--``, ``\\(``, a link title) would otherwise
    scan to its end once per opener: quadratic time on hostile input.
    """

    def __init__(self, text: str):
        self.text = text
        self.memo: dict[str, tuple[int, int]] = {}
        self.pattern_memo: dict[re.Pattern, tuple[int, tuple[int, int] | None]] = {}

    def find(self, needle: str, start: int) -> int:
        last = self.memo.get(needle)
        if last is not None and last[0] <= start and (last[1] < 0 or start <= last[1]):
            return last[1]
        found = self.text.find(needle, start)
        self.memo[needle] = (start, found)
        return found

    def search(self, pattern: re.Pattern, start: int) -> tuple[int, int] | None:
        """The span of ``pattern``'s first match from ``start``, remembered the same way."""
        last = self.pattern_memo.get(pattern)
        if last is not None and last[0] <= start and (last[1] is None or start <= last[1][0]):
            return last[1]
        found = pattern.search(self.text, start)
        span = found.span() if found else None
        self.pattern_memo[pattern] = (start, span)
        return span


class _BacktickRuns:
    """The maximal backtick runs of a block by length, to find a code span's closer by bisection."""

    def __init__(self, text: str):
        self.starts: dict[int, list[int]] = {}
        for match in _BACKTICK_RUN.finditer(text):
            self.starts.setdefault(match.end() - match.start(), []).append(match.start())

    def closer(self, length: int, after: int) -> int:
        starts = self.starts.get(length, ())
        index = bisect_right(starts, after - 1)
        return starts[index] if index < len(starts) else -1


def scan_prose(structure: Structure) -> None:
    """The inline scan of each prose block that holds one of ``_TRIGGERS``, found in the whole
    text with one ``str.find`` per trigger and occurrence rather than tested block by block."""
    text = structure.text
    following = [-1] * len(_TRIGGERS)  # the next offset of each trigger, len(text) for none
    searched = nearest = -1  # the first trigger at or after ``searched`` is at ``nearest``
    for block in structure.blocks:
        start = block.start
        if not searched <= start <= nearest:
            if start < searched:  # an earlier block: search again from there
                following = [-1] * len(_TRIGGERS)
            searched, nearest = start, _first_trigger(text, start, following)
        if nearest < block.end:
            scan_inline(structure, block)


def _first_trigger(text: str, start: int, following: list[int]) -> int:
    """The offset of the first trigger at or after ``start`` (``len(text)`` for none); ``following``
    holds each trigger's next offset, found again only when it lies before ``start``."""
    for index, trigger in enumerate(_TRIGGERS):
        if following[index] < start:
            found = text.find(trigger, start)
            following[index] = found if found >= 0 else len(text)
    return min(following)


def scan_inline(structure: Structure, block: Block) -> None:
    """Find code spans, comments, HTML, math, links and URLs inside a prose block."""
    base, text = block.start, structure.text[block.start:block.end]
    # ``work`` is the block with non-prose blanked, so brackets inside code are not links.
    work = text
    if "`" in text or "<" in text or "\\" in text or "$" in text:
        blanks: list[tuple[int, int]] = []
        position, finder, backticks = 0, _Finder(text), None
        while True:
            match = _INLINE.search(text, position)
            if match is None:
                break
            kind = match.lastgroup
            start, end = match.start(), match.end()
            if kind == "code":
                backticks = backticks or _BacktickRuns(text)
                closer = backticks.closer(end - start, end)
                if closer < 0:
                    position = end
                    continue
                end = closer + end - start
                structure.inline_code.append(Span(base + start, base + end))
            elif kind == "comment":
                closer = finder.find("-->", end)
                if closer < 0:
                    position = start + 1
                    continue
                end = closer + 3
                structure.comments.append(Comment(base + start, base + end, text[start + 4:closer]))
            elif kind == "math":
                closer = finder.find(_MATH_CLOSERS[match.group()], start + 3)
                if closer >= 0:
                    end = closer + 2
                elif match.group() == "$$":
                    position = start + 1
                    continue
                else:
                    kind = "escape"  # an unclosed ``\(`` is an escaped parenthesis
            elif kind == "tag" and text[end - 2] != "/" and (raw := _RAW_TEXT_TAG.match(text, start)):
                element_end = finder.search(_RAW_TEXT_CLOSERS[raw.group(1).lower()], end)
                if element_end is not None:
                    end = element_end[1]  # `<code>…</code>`: the element's text is not prose either
            elif kind == "autolink":
                inner = match.group("autolink")[1:-1]
                structure.links.append(Link(base + start, base + end, base + start + 1, base + end - 1,
                                       inner, base + start + 1, base + end - 1, kind="autolink"))
                structure.urls.append(Url(base + start + 1, base + end - 1, inner))
            if kind != "escape":
                structure.non_prose.append(Span(base + start, base + end))
            blanks.append((start, end))
            position = end
        work = _blanked(text, blanks)
    if "[" in work:
        work = _scan_links(structure, work, base)
    if "/" in work and "://" in work or "www." in work:  # a `/` is found ~20 times faster than a `://`
        for start, url in _bare_urls(work):
            url = _trim_url(url)
            start += base
            structure.urls.append(Url(start, start + len(url), url))
            structure.non_prose.append(Span(start, start + len(url)))

def _scan_links(structure: Structure, work: str, base: int) -> str:
    """Parse ``[text](dest)``, ``![alt](src)`` and reference links; blank their destinations."""
    openers: list[int] = []
    position = 0
    blanks: list[tuple[int, int]] = []  # link destinations, in order
    finder = _Finder(work)
    for bracket in _brackets(work):
        if bracket < position:
            continue  # inside a link destination already parsed
        position = bracket + 1
        if work[bracket] == "[":
            openers.append(bracket)
            continue
        if not openers:
            continue
        opener, close = openers.pop(), bracket
        if work.startswith("^", opener + 1):
            continue  # a footnote reference, not a link
        image = opener > 0 and work[opener - 1] == "!"
        start = opener - 1 if image else opener
        if work.startswith("(", close + 1):
            parsed = _parse_destination(work, close + 2, finder)
            if parsed is None:
                continue
            dest_start, dest_end, end = parsed
            dest = work[dest_start:dest_end]
            if dest.startswith("<") and dest.endswith(">"):
                dest, dest_start, dest_end = dest[1:-1], dest_start + 1, dest_end - 1
            # Made by tuple.__new__, most of a post's records: a named tuple's constructor is a Python function.
            structure.links.append(tuple.__new__(Link, (base + start, base + end, base + opener + 1, base + close,
                                                       dest, base + dest_start, base + dest_end, image, "inline")))
            if dest:
                structure.urls.append(tuple.__new__(Url, (base + dest_start, base + dest_end, dest)))
            structure.non_prose.append(tuple.__new__(Span, (base + close + 2, base + end - 1)))
            blanks.append((close + 1, end))
            position = end
            if not image:
                openers.clear()  # links cannot contain links
            continue
        label_end = close
        if work.startswith("[", close + 1):
            label_close = work.find("]", close + 2)
            if label_close < 0:
                continue
            label = work[close + 2:label_close] or work[opener + 1:close]
            label_end = label_close
        else:
            label = work[opener + 1:close]
        definition = structure.references.get(normalize_label(label))
        if definition is not None:
            structure.links.append(Link(base + start, base + label_end + 1, base + opener + 1, base + close,
                                   label, base + opener + 1, base + close, image, "reference"))
            position = label_end + 1
    return _blanked(work, blanks)


def _brackets(work: str):
    """The offset of every ``[`` and ``]`` in order: two ``str.find``, for a search of the class
    ``[\\[\\]]`` costs some fifty instructions a character of a UCS-2 text, a ``find`` one."""
    opening, closing = work.find("["), work.find("]")
    while opening >= 0 or closing >= 0:
        if closing < 0 or 0 <= opening < closing:
            yield opening
            opening = work.find("[", opening + 1)
        else:
            yield closing
            closing = work.find("]", closing + 1)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of the sorted, disjoint ``spans`` replaced by as many spaces."""
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _parse_destination(work: str, index: int, finder: _Finder):
    """Parse a link destination and optional title starting at ``index`` (after ``(``).

    Returns ``(dest_start, dest_end, end)`` with ``end`` just past the closing ``)``, or None.
    """
    length = len(work)
    while index < length and work[index] in _SPACES:
        index += 1
    if index < length and work[index] == "\n":
        index += 1
        while index < length and work[index] in _SPACES:
            index += 1
    dest_start = index
    if index < length and work[index] == "<":
        close = finder.find(">", index)
        if close < 0 or 0 <= finder.find("\n", index) < close:
            return None
        index = close + 1
    else:
        plain_end = _end_of(_PLAIN_DESTINATION, work, index)
        nested = plain_end < length and work[plain_end] in "(\\"
        index = _end_of(_DESTINATION, work, index) if nested else plain_end
    dest_end = index
    while index < length and work[index] in " \t\n":
        index += 1
    if index < length and work[index] in "\"'(" and index > dest_end:
        closer = ")" if work[index] == "(" else work[index]
        close = finder.find(closer, index + 1)
        if close < 0:
            return None
        index = close + 1
        while index < length and work[index] in " \t\n":
            index += 1
    if index < length and work[index] == ")":
        return dest_start, dest_end, index + 1
    return None


def _end_of(pattern: re.Pattern, text: str, index: int) -> int:
    """Where a pattern that matches the empty string (so always matches) ends from ``index``."""
    match = pattern.match(text, index)
    return match.end() if match else index


def _trim_url(url: str) -> str:
    """Drop trailing punctuation and an unbalanced closing ``)`` or ``]``, as GFM autolinks do."""
    end = len(url)
    surplus = {")": url.count(")") - url.count("("), "]": url.count("]") - url.count("[")}
    while end:
        last = url[end - 1]
        if last in _URL_TRAILING_PUNCTUATION:
            end -= 1
        elif surplus.get(last, 0) > 0:
            end -= 1
            surplus[last] -= 1
        else:
            break
    return url[:end]
