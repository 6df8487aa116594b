"""Values that are not translated, read in prose however a language writes them: timestamps
(``1:38:25``, ``1時間38分25秒``, ``38 min 25 s``) as their parts, numbers (``1,000``, ``1 000``,
``30万``, ``2.5 million``, ``7``) as their digits, and the list markers that are numbering."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import regex

MAX_LEARNT_ENDS = 10_000  # pairs of characters after digits remembered: a hostile post may hold every one

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
        """A match's digits (multiplied) and the number as shown: ``30万`` is ``300000``, and so
        is ``30万`` 's colloquial sibling ``1万3`` 's reading, ``13000``."""
        groups = match.groupdict()
        unit = groups.get("unit") or groups.get("word")  # what multiplies it, when the pack has such words
        multiplier = self.multipliers.get(unit.casefold(), 1) if unit else 1
        value = number_value(groups["number"], multiplier)
        tail = groups.get("tail")
        if tail and multiplier >= 100 and value.isdigit():
            value = str(int(value) + int(tail) * multiplier // 10)
        return value, match.group().strip()

    def matches(self, text: str, times: TimestampReader | None = None) -> Iterator[tuple[str, int, int, re.Match[str] | None]]:
        """``(written, start, end, match)`` for each match of ``self.pattern`` in ``text``, as ``finditer`` finds them;
        with ``times``, its timestamps too, in the same pass (``match.re`` is then ``times.pattern``).

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
            if times is not None and start >= end:
                timestamp = times.match_at(text, start, run_end)
                if timestamp is not None:
                    end = timestamp.end()
                    yield timestamp.group(), start, end, timestamp
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
        units.append(r"[ \u00a0]?(?P<unit>" + "|".join(glued) + r")(?P<tail>\d(?![\d.,]))?")
    if spaced:
        units.append(r"[ \u00a0](?P<word>" + "|".join(spaced) + r")\b")
    unit = "(?:" + "|".join(units) + ")?" if units else ""
    return re.compile(_NUMBER + unit, re.I)


def components(written: str) -> list[str]:
    """The values a number written without a multiplier stands for: one integer when its groups
    after the first have three digits (``1,200``, ``1.200``, ``1 200``), else each group
    (``12024.10.31`` and ``31.10.12024``, ``3.14`` and ``3,14``: dates and decimals in any order)."""
    groups = _GROUP_SEPARATOR.split(written)
    if len(groups) == 1 or all(len(group) == 3 for group in groups[1:]):
        return [_digits(written).lstrip("0") or "0"]
    return [_digits(group).lstrip("0") or "0" for group in groups if group]


_GROUP_SEPARATOR = re.compile(r"[.,\u00a0\u202f\u2009 '’]")


def number_value(written: str, multiplier: int) -> str:
    """A number's digits, the same however it is written: separators and leading zeros dropped,
    multiplier applied."""
    if multiplier == 1:
        return _digits(written).lstrip("0") or "0"
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


class TimestampReader:
    """Timestamps of a video or podcast, and times, in every form: ``1:38:25``, ``38:25``,
    ``38：25``, ``1時間38分25秒``, ``38分25秒``, ``38 min 25 s``, ``1 h 38 min``, with the unit
    words of the pack's ``timestamp-units``. A timestamp's value is its parts without leading
    zero parts (``0:38:25`` is ``(38, 25)``): ``38分25秒``, ``38 min 25 s`` and ``38:25`` are
    one value, whichever units a language names."""

    def __init__(self, units: dict[str, list[str]]):
        hours, minutes, seconds = (_unit_words(units.get(name, ())) for name in ("hours", "minutes", "seconds"))
        forms = [r"(?P<hms>\d{1,2})[:：]([0-5]\d)[:：]([0-5]\d)(?![\d:：]|[.,]\d)",
                 r"(?P<two>\d{1,3})[:：]([0-5]\d)(?![\d:：]|[.,]\d)"]
        if hours and minutes:
            forms.append(rf"(?P<hm>\d{{1,3}}) ?{hours} ?(\d{{1,2}}) ?{minutes}(?: ?(\d{{1,2}}) ?{seconds})?" if seconds
                         else rf"(?P<hm>\d{{1,3}}) ?{hours} ?(\d{{1,2}}) ?{minutes}")
        if minutes and seconds:
            forms.append(rf"(?P<ms>\d{{1,3}}) ?{minutes} ?(\d{{1,2}}) ?{seconds}")
        self.pattern = re.compile("|".join(forms), re.I)
        # What may follow the digits that start a timestamp: where the pattern is tried at all.
        self.followers = frozenset(":：") | frozenset(word[0].casefold() for name in ("hours", "minutes")
                                                       for word in units.get(name, ()) if word)

    def matches(self, prose: str) -> Iterator[re.Match[str]]:
        """The timestamps of ``prose``, not inside a longer number, ratio or date."""
        end = 0
        for run in _DIGIT_RUN.finditer(prose):
            start, run_end = run.span()
            if start < end:
                continue
            match = self.match_at(prose, start, run_end)
            if match:
                end = match.end()
                yield match

    def match_at(self, prose: str, start: int, run_end: int) -> re.Match[str] | None:
        """The timestamp that starts with the digits ``prose[start:run_end]``, if one does."""
        following = prose[run_end:run_end + 2]
        if not following or (following[0] not in self.followers and following[0].casefold() not in self.followers
                             and not (following[0] == " " and following[1:].casefold() in self.followers)):
            return None
        if start and prose[start - 1] in _NOT_BEFORE_TIMESTAMP and (prose[start - 1] not in ":：" or prose[start - 2:start - 1].isdigit()):
            return None  # inside a number, a ratio, a date, or after ``例：``
        return self.pattern.match(prose, start)


_NOT_BEFORE_TIMESTAMP = frozenset("0123456789:：.,/")


def _unit_words(words) -> str:
    """An alternation of unit words, longest first; a word ending in a letter ends a word."""
    if not words:
        return ""
    alternatives = [re.escape(word) + (r"(?![^\W\d_])" if word[-1].isalpha() and word[-1].isascii() else "")
                    for word in sorted(words, key=len, reverse=True)]
    return "(?:" + "|".join(alternatives) + r")\.?"


def timestamp_value(match: re.Match[str]) -> tuple[int, ...]:
    """A timestamp's parts as numbers, without leading zero parts: ``01:38:25`` is ``(1, 38, 25)``."""
    parts = [int(group) for group in match.groups() if group is not None]
    while len(parts) > 2 and parts[0] == 0:
        parts.pop(0)
    return tuple(parts)
