"""What a line holds from a given column, for the block scan: indentation (tabs to the next
multiple of four, as CommonMark), container markers, and the starts of leaf blocks.

Offsets index the line; ``nonspace`` is the offset of its first character after indentation.
"""
from __future__ import annotations

import re

from ..patterns.deferred import deferred

# Deferred: patterns of what a post may lack (a fence, an HTML block), compiled when a line needs them
FENCE_OPEN = deferred(r"(`{3,}|~{3,})(.*)")
ATX_HEADING = re.compile(r"(#{1,6})(?:[ \t]|$)")
SETEXT_UNDERLINE = deferred(r"(?:=+|-+)[ \t]*")
THEMATIC_BREAK = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
ORDERED_MARKER = re.compile(r"(\d{1,9})[.)]")
MATH_FENCE = deferred(r"\$\$[ \t]*")
MATH_END = deferred(r"\$\$")
_TAG_ATTRIBUTE = r"(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)"
# CommonMark's seven kinds of HTML block: the pattern that opens one, the pattern of the line
# that ends it (None: a blank line ends it), and whether it may interrupt a paragraph.
HTML_BLOCKS = (
    (deferred(r"<(?:script|pre|style|textarea)(?:\s|>|$)", re.I),
     deferred(r"</(?:script|pre|style|textarea)>", re.I), True),
    (deferred(r"<!--"), deferred(r"-->"), True),
    (deferred(r"<\?"), deferred(r"\?>"), True),
    (deferred(r"<![A-Za-z]"), deferred(r">"), True),
    (deferred(r"<!\[CDATA\["), deferred(r"\]\]>"), True),
    (deferred(
        r"</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col"
        r"|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame"
        r"|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav"
        r"|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th"
        r"|thead|title|tr|track|ul)(?:\s|/?>|$)", re.I), None, True),
    (deferred(rf"(?:<[A-Za-z][A-Za-z0-9-]*{_TAG_ATTRIBUTE}*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$"), None, False),
)
SPACE_OR_TAB = (" ", "\t")
# What a line's first character must be for it to be more than paragraph text ("": blank).
STARTS = frozenset(" \t>#`~$<=-_*+0123456789|[") | {""}
LEAF_STARTS = frozenset("#`~$<=-")
BREAK_ENDS = frozenset("-*_ \t")  # the last character of a thematic break
_BLANK_OR_SPACE = ("", " ", "\t")


def indentation(line: str, offset: int, column: int) -> tuple[int, int, int]:
    """The columns of spaces and tabs from ``offset``, the offset after them and its column."""
    if line[offset:offset + 1] not in SPACE_OR_TAB:
        return 0, offset, column
    start_column, length = column, len(line)
    while offset < length:
        char = line[offset]
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
        offset += 1
    return column - start_column, offset, column


def skip_columns(line: str, offset: int, column: int, count: int) -> tuple[int, int]:
    """Advance ``count`` columns over spaces and tabs; a tab wider than what is left is consumed
    in part (the offset stays on it, the column moves)."""
    while count > 0 and offset < len(line):
        if line[offset] == "\t":
            width = 4 - column % 4
            if width > count:
                return offset, column + count
            count -= width
            column += width
        else:
            count -= 1
            column += 1
        offset += 1
    return offset, column


def after_quote_marker(line: str, offset: int, column: int) -> tuple[int, int]:
    """After a ``>``: one optional space (one column of a tab) belongs to the marker."""
    if offset < len(line) and line[offset] in " \t":
        return skip_columns(line, offset, column, 1)
    return offset, column


def list_item(line: str, nonspace: int, column: int, indent: int, interrupts_paragraph: bool):
    """``(width, empty, offset, column)`` of a list item opening at ``nonspace``, or None.

    ``width`` is the indentation its content needs, from where the marker's indentation starts.
    A list item that interrupts a paragraph must hold text, and if ordered, start at 1.
    """
    if line[nonspace] in "-+*":
        after, number = nonspace + 1, None
    else:
        marker = ORDERED_MARKER.match(line, nonspace)
        if marker is None:
            return None
        after, number = marker.end(), marker.group(1)
    if after < len(line) and line[after] not in " \t":
        return None
    empty = not line[after:].strip(" \t")
    if interrupts_paragraph and (empty or number is not None and int(number) != 1):
        return None
    marker_width = after - nonspace
    marker_end_column = column + marker_width
    spaces, content, content_column = indentation(line, after, marker_end_column)
    if empty or spaces >= 5:
        offset, column = skip_columns(line, after, marker_end_column, 1)
        return indent + marker_width + 1, empty, offset, column
    return indent + marker_width + spaces, False, content, content_column


def simple_ordered_item(line: str, offset: int) -> tuple[int, str] | None:
    """``(width, number)`` of an ordered list item written the common way, ``1. text``."""
    marker = ORDERED_MARKER.match(line, offset)
    if marker is None:
        return None
    content = item_text_start(line, marker.end())
    return (content - offset, marker.group(1)) if content >= 0 else None


def item_text_start(line: str, after: int) -> int:
    """Where the text of a list item written the common way starts, its marker ending at ``after``:
    past one to four spaces, at paragraph text (``is_text``); -1 for any other item (a tab,
    five spaces: code, nothing) or none."""
    window = line[after:after + 5]
    spaces = len(window) - len(window.lstrip(" "))
    if not 1 <= spaces <= 4 or not is_text(line, after + spaces):
        return -1
    return after + spaces


def fence_opening(line: str, nonspace: int) -> tuple[str, int, str] | None:
    """``(character, length, info string)`` of a code fence opening at ``nonspace``, or None."""
    opened = FENCE_OPEN.match(line, nonspace)
    if opened is None or line[nonspace] == "`" and "`" in opened.group(2):
        return None
    return line[nonspace], len(opened.group(1)), opened.group(2).strip()


def closes_fence(line: str, nonspace: int, char: str, length: int) -> bool:
    """Whether the line, indented at most 3 columns, closes a fence of ``length`` ``char``s."""
    return line.startswith(char * length, nonspace) and not line[nonspace:].lstrip(char).strip(" \t")


def html_block(line: str, nonspace: int):
    """``(end pattern or None, may interrupt a paragraph)`` of an HTML block opening there."""
    for start_pattern, end_pattern, interrupts in HTML_BLOCKS:
        if start_pattern.match(line, nonspace):
            return end_pattern, interrupts
    return None


def starts_block(line: str, nonspace: int, char: str, lists: bool) -> bool:
    """Whether the line starts a block that may interrupt a paragraph (``lists``: a list item too)."""
    if char == ">":
        return True
    if char == "#":
        return ATX_HEADING.match(line, nonspace) is not None
    if char in "`~":
        return fence_opening(line, nonspace) is not None
    if char in "-*_" and THEMATIC_BREAK.fullmatch(line, nonspace):
        return True
    if char == "<":
        block = html_block(line, nonspace)
        return block is not None and block[1]
    return lists and (char in "-+*" or "0" <= char <= "9") and list_item(line, nonspace, 0, 0, False) is not None


def is_text(line: str, offset: int) -> bool:
    """Whether the line from ``offset`` is plain text, no block's start (a cheap test; a line of
    dashes may still underline a paragraph above it)."""
    char = line[offset:offset + 1]
    if char not in STARTS:
        return True
    if "0" <= char <= "9":  # digits that are no list marker: `2024年`, `3D`
        return ORDERED_MARKER.match(line, offset) is None
    # A thematic break ends with its character or a space or tab: a line that ends otherwise
    # (most bold lines, `**Name:** text.`) is not counted and matched.
    return char in "*_-" and line[offset + 1:offset + 2] not in _BLANK_OR_SPACE \
        and (line[-1] not in BREAK_ENDS or line.count(char, offset) < 3 or not THEMATIC_BREAK.fullmatch(line, offset))
