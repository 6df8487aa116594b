"""Pairing (QUO001): the scan that finds a post's quotations, paragraph by paragraph (a table
row by row), and the marks left with no partner.

A paragraph with a line that looks like code or terminal output is skipped. The scan sets
``Post.quotations`` and ``Post.strays``; the other rule groups read the quotations.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..patterns.characters import contains_all
from ..patterns.deferred import deferred
from .records import STRAIGHT, Convention, Post, Quotation, Stray

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic

MARKS = '"«»“”„「」『』‘‚›‹'  # a post with none of them has no quotation to check
_SINGLE_OPEN, _SINGLE_CLOSE = "‘", "’"
_TEMPLATE_TAG = deferred(r"\{\{[^\n]*?\}\}|\{%[^\n]*?%\}")
_OPENER_BEFORE = set(" \t\n\u00a0\u202f([{—–-/") | {""}
_CLOSER_AFTER = set(" \t\n\u00a0\u202f)]}.,;:!?…—–-/*_") | {""}


class Marks:
    """The quotation marks a post is scanned for, and what each one opens or closes."""

    def __init__(self, pairs: tuple[str, ...], foreign: dict[str, str] | None = None):
        self.foreign = foreign or {}  # a language's closing mark → the foreign mark that closes it elsewhere
        self.closers_of: dict[str, set[str]] = {}
        self.openers_of: dict[str, set[str]] = {}
        for pair in pairs:
            if pair != STRAIGHT:
                self.closers_of.setdefault(pair[0], set()).add(pair[1])
                self.openers_of.setdefault(pair[1], set()).add(pair[0])
        self.singles = "‘’" in pairs
        self.closing = "".join(self.openers_of)
        self.characters = "".join(sorted(set(self.closers_of) | set(self.openers_of) | {'"'}))

    def offsets(self, prose: str) -> list[int]:
        """Where the marks are, in order: ``str.find`` for each mark is many times faster than
        a pattern of all of them, which is tried at every position."""
        found = []
        for mark in self.characters:
            offset = prose.find(mark)
            while offset >= 0:
                found.append(offset)
                offset = prose.find(mark, offset + 1)
        found.sort()
        return found


def marks_for(convention: Convention | None, others: tuple[str, ...]) -> Marks:
    """The marks a post is scanned for: the language's pairs, then the other known pairs that do
    not contradict them.

    Foreign quotations must be found to be reported as the wrong style, but a mark that opens
    in one pair and closes in another (“ in German „…“ and English “…”) keeps the language's role;
    such a closing mark found with no opening one is then paired with the foreign closing mark
    that follows it (German “…” is English quotes, not a stray “).
    """
    if convention is None:
        return Marks(others)
    pairs = list(convention.pairs)
    foreign: dict[str, str] = {}
    for pair in others:
        # A mark that both opens and closes (Swedish ” and »: ”…”) has no role to keep.
        openers = {p[0] for p in pairs if p[0] != p[1]}
        closers = {p[1] for p in pairs if p[0] != p[1]}
        if pair[0] not in closers and pair[1] not in openers and pair not in pairs:
            pairs.append(pair)
        elif pair[0] in closers and pair != "‘’":
            foreign[pair[0]] = pair[1]
    used = {mark for pair in pairs for mark in pair}
    return Marks(tuple(pairs), {opener: closer for opener, closer in foreign.items() if closer not in used})


# -- the scan --------------------------------------------------------------------------------


def scan(post: Post, marks: Marks) -> None:
    """Find the post's quotations (sorted, with their depths) and its stray marks."""
    offsets = marks.offsets(post.prose)
    units = _units(post)
    quoting = _units_with_marks(units, offsets)
    code_like = _code_like(post, [units[index] for index, _, _ in quoting])
    quotations: list[Quotation] = []
    strays: list[Stray] = []
    for position, (index, first, last) in enumerate(quoting):
        if position in code_like:
            continue  # a command, or a terminal session pasted without a code fence
        start, end = units[index]
        following = units[index + 1][0] if index + 1 < len(units) else None
        _scan_unit(post, _outside_templates(post.prose, offsets[first:last], start, end), start, end, marks,
                   quotations, strays, following)
    quotations.sort(key=lambda q: q.open)
    _set_depths(quotations)
    post.quotations, post.strays = quotations, strays


def _outside_templates(prose: str, offsets: list[int], start: int, end: int) -> list[int]:
    """The offsets that are not in a template tag ({{< ref "x" >}}, {% include a.html x="y" %}):
    a generator's syntax, not prose."""
    if prose.find("{{", start, end) < 0 and prose.find("{%", start, end) < 0:
        return offsets
    tags = [match.span() for match in _TEMPLATE_TAG.finditer(prose, start, end)]
    return [offset for offset in offsets if not any(tag_start < offset < tag_end for tag_start, tag_end in tags)]


def _units(post: Post) -> list[tuple[int, int]]:
    """Paragraph-like spans in which quotes must balance: a block, or a table's row."""
    text = post.text
    units = []  # a list, not a generator: posts have dozens of blocks
    for block in post.document.blocks:
        if block.kind != "table":
            units.append((block.start, block.end))
            continue
        position = block.start
        while position < block.end:
            newline = text.find("\n", position, block.end)
            end = block.end if newline < 0 else newline
            units.append((position, end))
            position = end + 1
    return units


def _units_with_marks(units: list[tuple[int, int]], offsets: list[int]) -> list[tuple[int, int, int]]:
    """(index of the unit, first, last): the units with a mark, and their slice of ``offsets``."""
    starts = [start for start, _ in units]
    found, first = [], 0
    while first < len(offsets):
        index = bisect_right(starts, offsets[first]) - 1
        end = units[index][1] if index >= 0 else 0
        if offsets[first] >= end:
            first += 1  # a mark on a line of no block
            continue
        last = bisect_left(offsets, end, first)
        found.append((index, first, last))
        first = last
    return found


def _code_like(post: Post, units: list[tuple[int, int]]) -> set[int]:
    """The indexes of the ``units`` with a line that looks like code or terminal output.

    The units are whole lines: joined by newlines, each pattern is searched once in all of
    them, as a search has a fixed cost that would dominate on short paragraphs one by one.
    """
    if not units:
        return set()
    prose = post.prose
    joined = "\n".join(prose[start:end] for start, end in units)
    starts, position = [], 0
    for start, end in units:
        starts.append(position)
        position += end - start + 1
    found = set()
    linter = post.linter
    for pattern, required in linter.code_like:
        if not contains_all(joined, required):
            continue  # a substring test is many times faster than a pass of the pattern
        for match in linter.finditer(pattern.compiled, joined, "QUO002"):
            found.add(bisect_right(starts, match.start()) - 1)
    return found


# -- one paragraph ---------------------------------------------------------------------------


def _scan_unit(post: Post, offsets: list[int], start: int, end: int, marks: Marks,
               quotations: list[Quotation], strays: list[Stray], following: int | None) -> None:
    """Pair the marks at ``offsets``, those of the paragraph ``start``-``end``."""
    text = post.text
    found = len(quotations)
    closers_of, openers_of = marks.closers_of, marks.openers_of
    stack: list[tuple[int, str]] = []
    waiting = dict.fromkeys(marks.closing, 0)  # closing marks the open quotations wait for
    straight: list[int] = []
    unit_strays: list[Stray] = []
    for offset in offsets:
        mark = text[offset]
        if mark == '"':
            straight.append(offset)
        else:
            _directional(text, offset, mark, closers_of, openers_of, marks.singles,
                         stack, waiting, quotations, unit_strays)
    if stack:
        unit_strays.extend(_unclosed(post, stack, start, end, closers_of, following))
    if marks.foreign and unit_strays:
        unit_strays = _foreign_quotations(text, unit_strays, end, marks.foreign, quotations)
    unpaired = _pair_straight(text, straight, quotations) if straight else None
    if unpaired is not None:
        if post.renderer is None or not _half_straight(unpaired, unit_strays, post.renderer.pair, quotations):
            unit_strays.append(_straight_stray(text, unpaired, unit_strays))
    strays.extend(unit_strays)
    for quotation in quotations[found:]:
        quotation.paragraph = (start, end)


def _foreign_quotations(text: str, strays: list[Stray], end: int, foreign: dict[str, str],
                        quotations: list[Quotation]) -> list[Stray]:
    """The strays left once each closing mark of the language that a foreign closing mark follows
    is paired with it (“…” in German): those are quotations in a foreign style."""
    kept = []
    for stray in strays:
        closer = foreign.get(stray.mark) if not stray.opening else None
        partner = text.find(closer, stray.offset + 1, end) if closer else -1
        if partner < 0:
            kept.append(stray)
        else:
            quotations.append(Quotation(stray.offset, partner, stray.mark + closer, True))
    return kept


def _unclosed(post: Post, stack: list[tuple[int, str]], start: int, end: int,
              closers_of: dict[str, set[str]], following: int | None) -> Iterator[Stray]:
    """Strays among the quotations left open at the end of a paragraph."""
    prose, text = post.prose, post.text
    last_single_close = prose.rfind(_SINGLE_CLOSE, start, end)
    index = 0
    while index < len(stack):
        offset, mark = stack[index]
        partner = "/".join(sorted(closers_of[mark]))
        following_mark = stack[index + 1] if index + 1 < len(stack) else None
        if following_mark and following_mark[1] == mark and _closes(text, following_mark[0]):
            # “…“: no language nests a mark in itself, so the second one meant to close.
            yield Stray(following_mark[0], mark, partner, True, misused=True)
            index += 2
            continue
        index += 1
        if mark == _SINGLE_OPEN and last_single_close > offset:
            continue  # not sure: that ’ may close it, or be an apostrophe
        if len(stack) == 1 and following is not None and _starts_with(prose, following, mark):
            continue  # a quotation running over paragraphs reopens each one
        yield Stray(offset, mark, partner, True)


def _directional(text: str, offset: int, mark: str, closers_of: dict[str, set[str]],
                 openers_of: dict[str, set[str]], singles: bool, stack: list[tuple[int, str]],
                 waiting: dict[str, int], quotations: list[Quotation], strays: list[Stray]) -> None:
    if singles and mark in "‘’":
        if mark == _SINGLE_CLOSE:
            if stack and stack[-1][1] == _SINGLE_OPEN and not _between_letters(text, offset):
                opened, _ = stack.pop()
                waiting[_SINGLE_CLOSE] -= 1
                quotations.append(Quotation(opened, offset, "‘’", True))
            return  # otherwise an apostrophe
        if _is_apostrophe_open(text, offset):
            return
    if stack and mark in closers_of.get(stack[-1][1], ()):
        opened, opener = stack.pop()
        for closer in closers_of[opener]:
            waiting[closer] -= 1
        quotations.append(Quotation(opened, offset, opener + mark, True))
    elif mark in closers_of:
        stack.append((offset, mark))
        for closer in closers_of[mark]:
            waiting[closer] += 1
    elif waiting[mark] > 0:
        while stack and mark not in closers_of[stack[-1][1]]:
            inner, opener = stack.pop()
            for closer in closers_of[opener]:
                waiting[closer] -= 1
            if opener != _SINGLE_OPEN:
                strays.append(Stray(inner, opener, "/".join(sorted(closers_of[opener])), True))
        opened, opener = stack.pop()
        for closer in closers_of[opener]:
            waiting[closer] -= 1
        quotations.append(Quotation(opened, offset, opener + mark, True))
    elif mark not in "‘’":  # a lone single closing mark is an apostrophe more often than not
        strays.append(Stray(offset, mark, "/".join(sorted(openers_of[mark])), False))


def _pair_straight(text: str, offsets: list[int], quotations: list[Quotation]) -> int | None:
    """Pair straight quotes in order; a quote after a digit with none open is an inch mark.
    The straight quote left with no partner, if any."""
    pairs, opened = [], None
    for offset in offsets:
        if opened is None:
            if offset > 0 and text[offset - 1].isdigit():
                continue  # 27" or 5'10": inches, seconds
            opened = offset
        else:
            pairs.append((opened, offset))
            opened = None
    fixable = opened is None and all(_opens(text, a) and _closes(text, b) for a, b in pairs)
    quotations.extend(Quotation(a, b, STRAIGHT, fixable) for a, b in pairs)
    return opened


def _half_straight(offset: int, strays: list[Stray], pair: str, quotations: list[Quotation]) -> bool:
    """Whether a straight quote with no partner and a curly mark with none make one quotation
    once the renderer turns the straight quote curly ("Guide” is read “Guide”): then it is added
    to ``quotations``, the curly stray taken from ``strays``."""
    for index, stray in enumerate(strays):
        if not stray.opening and stray.mark == pair[1] and stray.offset > offset:
            quotations.append(Quotation(offset, stray.offset, '"' + stray.mark, True))
        elif stray.opening and stray.mark == pair[0] and stray.offset < offset:
            quotations.append(Quotation(stray.offset, offset, stray.mark + '"', True))
        else:
            continue
        del strays[index]
        return True
    return False


def _straight_stray(text: str, offset: int, strays: list[Stray]) -> Stray:
    """A straight quote with no partner; when it closes a quotation that a curly mark with no
    partner opened („Floating Tags"), one stray for the two: the straight quote, misused, the
    opening one taken from ``strays``."""
    if _closes(text, offset):
        for index in range(len(strays) - 1, -1, -1):
            stray = strays[index]
            if stray.opening and not stray.misused and stray.offset < offset:
                del strays[index]
                return Stray(offset, '"', stray.partner, True, misused=True)
    return Stray(offset, '"', '"', True)


def _set_depths(quotations: list[Quotation]) -> None:
    """How many quotations enclose each one (they are sorted by their opening mark)."""
    enclosing: list[int] = []
    for quotation in quotations:
        while enclosing and enclosing[-1] < quotation.open:
            enclosing.pop()
        quotation.depth = len(enclosing)
        enclosing.append(quotation.close)


# -- QUO001 ----------------------------------------------------------------------------------


def unbalanced(post: Post) -> Iterator[Diagnostic]:
    """QUO001: each mark of ``post.strays``."""
    for stray in post.strays:
        if stray.misused:
            message = f"{stray.mark} closes this quotation; the closing mark is {stray.partner}"
        elif stray.mark == '"':
            message = 'straight quote " with no partner in its paragraph'
        elif stray.opening:
            message = f"opening {stray.mark} with no closing {stray.partner} in its paragraph"
        else:
            message = f"closing {stray.mark} with no opening {stray.partner} in its paragraph"
        yield post.diagnostic("QUO001", stray.offset, stray.offset + 1, message)


# -- marks in context ------------------------------------------------------------------------


def char_at(text: str, offset: int) -> str:
    return text[offset] if 0 <= offset < len(text) else ""


def _between_letters(text: str, offset: int) -> bool:
    return char_at(text, offset - 1).isalpha() and char_at(text, offset + 1).isalpha()


def _is_apostrophe_open(text: str, offset: int) -> bool:
    """‘ used as an apostrophe: ‘90s, or inside a word."""
    return char_at(text, offset + 1).isdigit() or _between_letters(text, offset)


def _opens(text: str, offset: int) -> bool:
    """Whether a mark stands where a quotation opens: after a space (or CJK text), before a word."""
    before, after = char_at(text, offset - 1), char_at(text, offset + 1)
    return (before in _OPENER_BEFORE or before in "«“„「『*" or _wide(before)) and not _blank(after)


def _closes(text: str, offset: int) -> bool:
    """Whether a mark stands where a quotation closes: after a word, before a space or punctuation."""
    before, after = char_at(text, offset - 1), char_at(text, offset + 1)
    return not _blank(before) and (after in _CLOSER_AFTER or after in "»”“」』" or _wide(after))


def _blank(char: str) -> bool:
    return char == "" or char.isspace()


def _wide(char: str) -> bool:
    """CJK text and punctuation, written without spaces around quotation marks."""
    return char != "" and ord(char) >= 0x2E80


def _starts_with(prose: str, offset: int, mark: str) -> bool:
    stripped = prose[offset:offset + 12].lstrip(" \t>-*0123456789.")
    return stripped.startswith(mark)
