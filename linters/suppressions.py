"""Inline suppressions written in the post as HTML comments.

    <!-- copydesk-disable CIT001 QUO -->   …   <!-- copydesk-enable -->
    <!-- copydesk-disable-next-line HAL201 -->
    How a draft cites: [the source](link-to-source). <!-- copydesk-disable-line HAL101 -->
    <!-- copydesk-disable-file -->          (or with codes: only those)

Codes are separated by spaces or commas and may be prefixes; no code means every rule.
``copydesk-enable`` with codes re-enables only those. Each suppression remembers whether it
suppressed anything, so stale ones can be reported, and what to delete to remove it.
"""
from __future__ import annotations

import re

from .document import Document
from .patterns.deferred import deferred

_DIRECTIVE = deferred(r"\s*copydesk-(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])(.*)", re.S)
_CODE = deferred(r"[^\s,]+")


class Suppression:
    """One directive: its ``kind`` (disable, disable-line, disable-next-line, disable-file), the ``codes`` it
    names (none: every rule), the lines it covers (``last_line`` inclusive; for an open-ended
    disable, the last line of the document), the comment's offsets and ``position`` (line,
    column, end line, end column), what deleting it removes (``removal``: its line when alone
    on it; ``closer_removal``: the copydesk-enable that closes only this range), and whether it
    was ``used``. A plain class: dataclasses cost start-up."""

    __slots__ = ("kind", "codes", "first_line", "last_line", "start", "end", "removal", "closer_removal",
                 "position", "used")

    def __init__(self, kind: str, codes: tuple[str, ...], first_line: int, last_line: int, start: int, end: int,
                 removal: tuple[int, int] = (0, 0), closer_removal: tuple[int, int] | None = None,
                 position: tuple[int, int, int, int] = (1, 1, 1, 1)):
        self.kind, self.codes, self.first_line, self.last_line = kind, codes, first_line, last_line
        self.start, self.end, self.removal, self.closer_removal = start, end, removal, closer_removal
        self.position, self.used = position, False

    def covers(self, code: str, line: int) -> bool:
        return self.first_line <= line <= self.last_line and (
            not self.codes or any(code.startswith(prefix) for prefix in self.codes))


def parse(document: Document) -> list[Suppression]:
    """The suppressions a document declares, in order."""
    comments = document.html_comments
    if not comments:
        return []
    suppressions: list[Suppression] = []
    open_ranges: list[Suppression] = []
    last_line = document.line_count
    for comment in comments:
        match = _DIRECTIVE.match(comment.body)
        if match is None:
            continue
        kind = match.group(1)
        codes = tuple(_CODE.findall(match.group(2)))
        line, column = document.position(comment.start)
        end_line, end_column = document.position(comment.end)
        removal = removal_span(document.text, comment.start, comment.end)
        if kind == "enable":  # close the open ranges it names (all of them when it names none)
            closed = [suppression for suppression in open_ranges
                      if not codes or not suppression.codes or set(suppression.codes) <= set(codes)]
            for suppression in closed:
                suppression.last_line = line
                open_ranges.remove(suppression)
            if len(closed) == 1:  # an enable that also closes another range must stay
                closed[0].closer_removal = removal
            continue
        first, last = {"disable-file": (1, last_line), "disable-next-line": (end_line + 1, end_line + 1),
                       "disable-line": (line, end_line), "disable": (line, last_line)}[kind]
        suppression = Suppression(kind, codes, first, last, comment.start, comment.end, removal,
                                  position=(line, column, end_line, end_column))
        suppressions.append(suppression)
        if kind == "disable":
            open_ranges.append(suppression)
    return suppressions


def removal_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The text to delete with the comment ``text[start:end]`` so that the post reads as if it
    had never been there: its whole line when it stands alone, else the spaces beside it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start:start], text[end:line_end]
    if before.strip(" \t") or after.strip(" \t"):
        if after.strip(" \t"):
            return start, end + len(after) - len(after.lstrip(" \t"))
        return line_start + len(before.rstrip(" \t")), line_end
    if line_end < len(text):
        removed_start, removed_end = line_start, line_end + 1
    else:  # the last line, without a newline: take the newline before it instead
        removed_start, removed_end = max(line_start - 1, 0), line_end
    previous_line = text.rfind("\n", 0, line_start - 1) + 1
    blank_before = line_start == 0 or _is_blank_line(text, previous_line)
    if blank_before and removed_end < len(text) and _is_blank_line(text, removed_end):
        # a paragraph of its own: take one of the blank lines around it too
        next_end = text.find("\n", removed_end)
        removed_end = len(text) if next_end < 0 else next_end + 1
    elif blank_before and line_start > 0 and removed_end == len(text) == line_end + 1:
        removed_start = previous_line  # the last paragraph: leave no blank line at the end
    return removed_start, removed_end


def _is_blank_line(text: str, line_start: int) -> bool:
    line_end = text.find("\n", line_start)
    return not text[line_start:len(text) if line_end < 0 else line_end].strip()


def suppressed(suppressions: list[Suppression], findings: list[tuple[str, int]]) -> list[bool]:
    """For each ``(code, line)``, whether it is suppressed; marks the suppressions that apply as used.

    A sweep over lines keeps only the suppressions open at the current line, so a post with
    thousands of suppressions and findings costs linear time, not their product.
    """
    flags = [False] * len(findings)
    waiting = sorted(suppressions, key=lambda suppression: suppression.first_line)
    active: list[Suppression] = []
    next_waiting, current_line = 0, None
    for index in sorted(range(len(findings)), key=lambda i: findings[i][1]):
        code, line = findings[index]
        if line != current_line:
            current_line = line
            while next_waiting < len(waiting) and waiting[next_waiting].first_line <= line:
                active.append(waiting[next_waiting])
                next_waiting += 1
            active = [suppression for suppression in active if suppression.last_line >= line]
        for suppression in active:
            if suppression.covers(code, line):
                suppression.used = True
                flags[index] = True
    return flags
