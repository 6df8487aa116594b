"""Values that are not translated, read in prose however a language writes them: timestamps
(``1:38:25``, ``1時間38分25秒``) as seconds, numbers (``1,000``, ``1 000``, ``30万``,
``2.5 million``) as their digits, and the list markers that are numbering, not numbers."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import regex

MAX_LEARNT_ENDS = 10_000  # pairs of characters after digits remembered: a hostile post may hold every one

# Two-part ``38:25`` only in brackets: ``at 7:45`` is a time of day, written 7時45分 elsewhere.
# What may come before a timestamp is checked on each match (``TIMESTAMP_NOT_AFTER``): a
# lookbehind at the start of the pattern would make the scan try every position.
TIMESTAMP = re.compile(  # the lookahead lets the scan skip to digits: six times faster
    r"(?=\d)(?:(?P<hms>\d{1,2}):([0-5]\d):([0-5]\d)(?!\d|[:.,]\d)"
    r"|(?P<ms>[0-5]?\d):([0-5]\d)(?=[)\]])"
    r"|(?P<cjk>\d{1,2})\s?(?:時間|小时|小時|시간)\s?(\d{1,2})\s?分(?:钟|鐘)?\s?(\d{1,2})\s?秒"
    r"|(?P<cjk_ms>\d{1,2})\s?分(?:钟|鐘)?\s?(\d{1,2})\s?秒)")
TIMESTAMP_FORMS = ("hms", "ms", "cjk", "cjk_ms")
# Every timestamp has one of these within its first four characters, after a digit: found with
# ``str.find``, they are where the pattern is tried, instead of its scan of the whole prose.
_TIMESTAMP_ANCHORS = (":", "時", "小", "시", "分")
TIMESTAMP_NOT_AFTER = {"hms": "0123456789:.,", "cjk": "0123456789", "cjk_ms": "0123456789"}
# Digits with their group and decimal separators: 1,000 · 1 000 · 1.000 · 2,68 · 1 000 000.
_NUMBER = r"(?P<number>\d+(?:[.,]\d+|[\u00a0\u202f\u2009 '’]\d{3}(?!\d))*)"
# What may come right after a number's digits and continue it: its separators, the space before a unit.
_NUMBER_GOES_ON = ".,\u00a0\u202f\u2009 '’"
_NOT_DIGIT = re.compile(r"\D")
# Where digits are: ``regex`` finds them three times faster than ``re``, whose patterns then match there.
_DIGIT_RUN = regex.compile(r"\d+")
_DECIMALS = re.compile(r"[.,](\d{1,2}|\d{4,})$")
LIST_ITEM_TEXT = r"[ \t]*(?:>[ \t]*)*(?:[-+*]|\d{1,9}[.)])[ \t]+(?=\S)"  # at the start of a line
_FIRST_LIST_ITEM = re.compile(LIST_ITEM_TEXT)
# After the first line, each starts after a newline: as a literal prefix, ``re`` finds it fast.
_LATER_LIST_ITEM = re.compile(r"\n(" + LIST_ITEM_TEXT + ")")
LIST_MARKER = re.compile(r"[ \t]*(?:>[ \t]*)*(?:\d{1,9}[.)])")


class NumberReader:
    """Numbers of prose with the words that multiply them, from the pack's ``number-multipliers``."""

    def __init__(self, multipliers: dict[str, int]):
        self.pattern = number_pattern(multipliers)
        self.multipliers = {word.casefold(): value for word, value in multipliers.items()}
        self.unit_start = _unit_start(multipliers)  # a multiplier's first character
        self.number_ends: dict[str, bool] = {}  # by the two characters after digits: see _ends_number

    def value(self, match: re.Match[str]) -> tuple[str, str]:
        """A match's digits (multiplied) and the number as shown."""
        number, *units = match.groups()  # the unit, or the word, that multiplies it: when the pack has some
        unit = (units[0] or units[-1]) if units else None
        return number_value(number, self.multipliers.get(unit.casefold(), 1) if unit else 1), match.group().strip()

    def matches(self, text: str) -> Iterator[tuple[str, int, int, re.Match[str] | None]]:
        """``(written, start, end, match)`` for each match of ``self.pattern`` in ``text``, as ``finditer`` finds them.

        The pattern is tried only where ``_DIGIT_RUN`` finds digits, and not even there when
        nothing can continue them (``2024.``, ``12 mai``, ``38)``): ASCII digits then are the
        whole match, given with ``match`` None. ``_DIGIT_RUN``'s ``\\d`` is at least ``re``'s
        (``regex``'s Unicode is not older than Python's, and Unicode adds digits, never removes
        any); a digit ``re`` does not know is searched past.
        """
        end, number_ends = 0, self.number_ends
        for run in _DIGIT_RUN.finditer(text):
            start, run_end = run.span()
            if run_end <= end:
                continue
            digits = run.group()
            if start >= end and digits.isascii() and (number_ends.get(text[run_end:run_end + 2]) or self._ends_number(text[run_end:run_end + 2])):
                end = run_end
                yield digits, start, run_end, None
                continue
            match = self.pattern.match(text, max(start, end)) or self.pattern.search(text, max(start, end))
            if match is None:
                return
            end = match.end()
            yield match.group(), match.start(), end, match

    def _ends_number(self, following: str) -> bool:
        """Whether digits end before ``following``, the two characters after them (fewer at the
        text's end), whatever comes next: worked out once for each pair that turns up."""
        ends = self.number_ends.get(following)
        if ends is None:
            ends = self._ends_before(following[:1], following[1:])
            if len(self.number_ends) < MAX_LEARNT_ENDS:
                self.number_ends[following] = ends
        return ends

    def _ends_before(self, first: str, second: str) -> bool:
        """Whether no separator, digit group or unit can follow digits before ``first`` and ``second``."""
        if not first:
            return True
        if first.isdecimal() or self._starts_unit(first):
            return False
        if first not in _NUMBER_GOES_ON:
            return True  # ``:``, ``)``, ``人``, a letter no unit starts with
        # A separator, or the space before a unit: what comes next decides.
        return not second or not second.isdecimal() and (first not in " \u00a0" or not self._starts_unit(second))

    def _starts_unit(self, character: str) -> bool:
        return self.unit_start is not None and self.unit_start.match(character) is not None


def number_pattern(multipliers: dict[str, int]) -> re.Pattern[str]:
    """Numbers, with the word or character that multiplies them (``30万``, ``2.5 million``)."""
    words = sorted(multipliers, key=len, reverse=True)
    glued = [re.escape(word) for word in words if not word[0].isascii()]
    spaced = [re.escape(word) for word in words if word[0].isascii()]
    units = []
    if glued:
        units.append(r"[ \u00a0]?(?P<unit>" + "|".join(glued) + ")")
    if spaced:
        units.append(r"[ \u00a0](?P<word>" + "|".join(spaced) + r")\b")
    unit = "(?:" + "|".join(units) + ")?" if units else ""
    return re.compile(_NUMBER + unit, re.I)


def number_value(written: str, multiplier: int) -> str:
    """A number's digits, the same however it is written: separators dropped, multiplier applied."""
    if multiplier == 1:
        return _digits(written)
    decimals = _DECIMALS.search(written)
    fraction = decimals.group(1) if decimals else ""
    whole = written[:decimals.start()] if decimals else written
    value = int(_digits(whole + fraction)) * multiplier
    scale = 10 ** len(fraction)
    return str(value // scale) if value % scale == 0 else f"{value / scale:g}"


def _digits(written: str) -> str:
    """The ASCII digits of a number, whatever script its digits are in (``１２``, ``١٢``)."""
    if written.isascii():
        return _NOT_DIGIT.sub("", written)
    return "".join(str(unicodedata.digit(c)) for c in written if c.isdigit())


def _unit_start(words: dict[str, int]) -> re.Pattern[str] | None:
    """What matches a character that may begin one of ``words`` in ``number_pattern`` (case-insensitive, as ``re`` has it)."""
    return re.compile("|".join(re.escape(word[0]) for word in words), re.I) if words else None


def seconds(match: re.Match[str]) -> int:
    """A timestamp in seconds, whichever way it is written (``1:38:25``, ``1時間38分25秒``)."""
    total = 0
    for value in (group for group in match.groups() if group is not None):
        total = total * 60 + int(value)
    return total


def timestamp_matches(prose: str) -> Iterator[re.Match[str]]:
    """``TIMESTAMP.finditer(prose)``, trying the pattern only before its anchors."""
    candidates: set[int] = set()
    for anchor in _TIMESTAMP_ANCHORS:
        position = prose.find(anchor, 1)
        while position > 0:
            before = prose[position - 1]  # a digit; before a CJK unit, maybe a space
            if before.isdecimal() or (anchor != ":" and before.isspace()):
                candidates.update(range(max(position - 3, 0), position))
            position = prose.find(anchor, position + 1)
    end = 0
    for start in sorted(candidates):
        if start < end or not prose[start].isdecimal():
            continue
        match = TIMESTAMP.match(prose, start)
        if match:
            end = match.end()
            yield match


def list_item_lines(prose: str) -> list[tuple[int, int]]:
    """The spans of the list item markers that start a line of ``prose`` (one spans no newline)."""
    first = _FIRST_LIST_ITEM.match(prose)
    return ([first.span()] if first else []) + [match.span(1) for match in _LATER_LIST_ITEM.finditer(prose)]


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many spaces: offsets stay where they were."""
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
