"""Inline suppressions written in the post as HTML comments.

    <!-- copydesk-disable CIT001 QUO -->   …   <!-- copydesk-enable -->
    <!-- copydesk-disable-next-line HAL101 -->
    <!-- copydesk-disable-file -->          (or with codes: only those)

Codes are separated by spaces or commas and may be prefixes; no code means every rule.
``copydesk-enable`` with codes re-enables only those. Each suppression remembers whether it
suppressed anything, so stale ones can be reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document

_DIRECTIVE = re.compile(r"\s*copydesk-(disable-next-line|disable-file|disable|enable)(?![\w-])(.*)", re.S)
_CODE = re.compile(r"[^\s,]+")


@dataclass
class Suppression:
    kind: str  # disable, disable-next-line, disable-file
    codes: tuple[str, ...]  # empty: every rule
    first_line: int
    last_line: int  # inclusive; for an open-ended disable, the last line of the document
    start: int  # the comment's offsets, to report it
    end: int
    used: bool = field(default=False)

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
        line, _ = document.position(comment.start)
        end_line, _ = document.position(comment.end)
        if kind == "disable-file":
            suppressions.append(Suppression(kind, codes, 1, last_line, comment.start, comment.end))
        elif kind == "disable-next-line":
            suppressions.append(Suppression(kind, codes, end_line + 1, end_line + 1, comment.start, comment.end))
        elif kind == "disable":
            suppression = Suppression(kind, codes, line, last_line, comment.start, comment.end)
            suppressions.append(suppression)
            open_ranges.append(suppression)
        else:  # enable: close the open ranges it names (all of them when it names none)
            for suppression in list(open_ranges):
                if not codes or not suppression.codes or set(suppression.codes) <= set(codes):
                    suppression.last_line = line
                    open_ranges.remove(suppression)
    return suppressions


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
