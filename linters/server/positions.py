"""Offsets in a post's text as LSP positions: 0-based lines, and characters counted in the code
units the client and server agreed on (UTF-16 unless the client asked for UTF-8 or UTF-32).

LSP ends a line at ``\\r\\n``, ``\\n`` or ``\\r``, as copydesk does, so a copydesk line is an LSP
line; only the counting of characters within a line differs. Plain Python, no LSP library:
the lint worker uses it.
"""
from __future__ import annotations

import re
from bisect import bisect_right

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_END = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` takes in the agreed encoding."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if char > "\uffff")


class Lines:
    """A text's line index: offsets in it to ``(line, character)`` positions."""

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [match.end() for match in _LINE_END.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based (line, character) of a character offset into the text."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return line, units(self.text[self.starts[line]:offset], self.encoding)

    def line_position(self, line: int, column: int) -> tuple[int, int]:
        """The position of a 1-based line and column (a column counts characters, as copydesk's
        do); a column past the end of its line stays at the end."""
        index = max(0, min(line - 1, len(self.starts) - 1))
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        content = _LINE_END.sub("", self.text[start:end])
        return index, units(content[:max(0, column - 1)], self.encoding)
