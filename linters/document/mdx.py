"""MDX (Docusaurus, Starlight, Astro): what is not Markdown text in an ``.mdx`` file.

``jsx_spans`` finds, before the Markdown scan, the JSX tags with their attributes (``<Card
title="…">``, ``</Card>``, ``<Badge text="new" />``, over several lines too), the expressions in
braces (``{frontmatter.title}``, ``{/* a comment */}``) and the ESM blocks (``import``/``export``
lines at the start of a paragraph, to the next blank line). The scan then reads them as spaces:
they are not prose, and a tag alone on its lines leaves them blank, as MDX reads it, while the
Markdown between an element's tags (its children) stays prose. Fenced code and code spans are
skipped. Linear in the size of the text, whatever it holds.
"""
from __future__ import annotations

import re

from ..patterns.deferred import deferred

_FENCE = deferred(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})(.*)")
_ESM = deferred(r"(?:import|export)\b")
_INTERESTING = deferred(r"[`<{\\\n]")
_TAG_NAME = deferred(r"[A-Za-z_$][\w$.:-]*")
_ATTRIBUTE_NAME = deferred(r"[A-Za-z_:$][\w:.$-]*")
_SPACE = deferred(r"\s+")
MAX_TAG = 20_000  # characters of one tag with its attributes


def jsx_spans(text: str, start: int) -> list[tuple[int, int]]:
    """The sorted, disjoint spans of JSX, expressions and ESM in ``text`` from ``start``."""
    lines = _code_free_lines(text, start)
    braces = _brace_pairs(text, lines)
    spans: list[tuple[int, int]] = []
    quotes = _QuoteFinder(text)
    previous_blank = True
    for line_start, line_end in lines:
        covered = spans[-1][1] if spans else 0  # the end of a tag or expression begun above
        if covered >= line_end:
            continue
        if previous_blank and covered <= line_start and _ESM.match(text, line_start):
            blank = re.compile(r"\n[ \t]*(?:\n|$)").search(text, line_start)
            spans.append((line_start, blank.start() if blank else len(text)))
            continue
        previous_blank = not text[line_start:line_end].strip()
        position = max(line_start, covered)
        while (found := _INTERESTING.search(text, position, line_end)) is not None:
            index, char = found.start(), found.group()
            if char == "\\":
                position = index + 2
            elif char == "`":
                run_end = index + 1
                while text.startswith("`", run_end):
                    run_end += 1
                run = text[index:run_end]
                closer = text.find(run, index + len(run), line_end)
                position = closer + len(run) if closer >= 0 else index + len(run)
            elif char == "{" and index in braces:
                spans.append((index, braces[index] + 1))
                position = braces[index] + 1
            elif char == "<" and (end := _tag_end(text, index, braces, quotes)) is not None:
                spans.append((index, end))
                position = end
            else:
                position = index + 1
            if spans and spans[-1][1] > line_end:
                break  # it runs on over the next lines, which are skipped above
    return spans


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the sorted, disjoint ``spans`` turned into spaces, their newlines kept."""
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(text[position:start])
        hidden = text[start:end]
        pieces.append(re.sub(r"[^\n]", " ", hidden) if "\n" in hidden else " " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _code_free_lines(text: str, start: int) -> list[tuple[int, int]]:
    """``(start, end)`` of every line outside fenced code (MDX has no indented code)."""
    lines, fence, position = [], None, start
    while position <= len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        opened = _FENCE.match(text, position, end)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not opened.group(2).strip():
                fence = None
        elif opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence = opened.group(1)
        else:
            lines.append((position, end))
        position = end + 1
    return lines


def _brace_pairs(text: str, lines: list[tuple[int, int]]) -> dict[int, int]:
    """Each ``{`` outside code with its matching ``}`` (one pass with a stack); unmatched ones
    have none. Braces in code spans count too: a code span inside an expression is rare."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for line_start, line_end in lines:
        for found in re.finditer(r"\\.|[{}]", text[line_start:line_end]):
            char = found.group()
            if char == "{":
                stack.append(line_start + found.start())
            elif char == "}" and stack:
                pairs[stack.pop()] = line_start + found.start()
    return pairs


class _QuoteFinder:
    """``str.find`` of a quote for ascending starts, remembering its last answer: thousands of
    unclosed attribute values cost linear time, not quadratic."""

    def __init__(self, text: str):
        self.text = text
        self.memo: dict[str, tuple[int, int]] = {}

    def find(self, quote: str, start: int) -> int:
        last = self.memo.get(quote)
        if last is not None and last[0] <= start and (last[1] < 0 or start <= last[1]):
            return last[1]
        found = self.text.find(quote, start)
        self.memo[quote] = (start, found)
        return found


def _tag_end(text: str, index: int, braces: dict[int, int], quotes: _QuoteFinder) -> int | None:
    """The end of the JSX tag at ``index`` (``<Name …>``, ``</Name>``, ``<>``, ``</>``), or None."""
    position = index + 1
    if text.startswith("/", position):
        position += 1
    if text.startswith(">", position):
        return position + 1  # a fragment
    name = _TAG_NAME.match(text, position)
    if name is None:
        return None
    position, limit = name.end(), min(len(text), index + MAX_TAG)
    while position < limit:
        space_end = _space_end(text, position)
        if text.count("\n", position, space_end) > 1:
            return None  # a blank line: no tag goes on past it
        position = space_end
        if text.startswith("/>", position):
            return position + 2
        if text.startswith(">", position):
            return position + 1
        if text.startswith("{", position):  # a spread: {...props}
            if position not in braces:
                return None
            position = braces[position] + 1
            continue
        attribute = _ATTRIBUTE_NAME.match(text, position)
        if attribute is None:
            return None
        position = attribute.end()
        after = _space_end(text, position)
        if not text.startswith("=", after):
            continue  # a boolean attribute
        position = _space_end(text, after + 1)
        char = text[position:position + 1]
        if char in ('"', "'"):
            closer = quotes.find(char, position + 1)
            if closer < 0:
                return None
            position = closer + 1
        elif char == "{" and position in braces:
            position = braces[position] + 1
        else:
            return None
    return None


def _space_end(text: str, position: int) -> int:
    space = _SPACE.match(text, position)
    return space.end() if space else position
