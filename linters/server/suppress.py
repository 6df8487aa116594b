"""The edit of the "disable CODE for this line" code action: a suppression comment written
where it changes nothing a reader sees.

- A line that begins a block (a paragraph, heading, list item, table, quote…) gets
  ``<!-- copydesk-disable-next-line CODE -->`` on a line of its own above it, inside the same
  quote and list item (``> `` markers copied, a list marker replaced by spaces), so the list
  and the quote stay whole.
- A line that continues a paragraph or a table gets ``<!-- copydesk-disable-line CODE -->`` at
  its end instead: a comment line there would split the paragraph (CommonMark lets an HTML
  comment interrupt one) or end the table. It goes before a hard line break (trailing spaces, a
  backslash) so the break stays one.
- A line of the front matter cannot hold an HTML comment: ``copydesk-disable-file CODE`` goes
  right after the front matter.
A comment of the same kind already there gets the code added instead of a second comment (two
``disable-next-line`` comments in a row would each cover only the line after it).
"""
from __future__ import annotations

import re

from ..diagnostics import Edit
from ..document import Document

_QUOTE_MARKERS = re.compile(r"(?:[ ]{0,3}>[ ]?)*")
_LIST_ITEM = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)")
_BLOCK_START = re.compile(r"[ ]{0,3}(?:#{1,6}(?:[ \t]|$)|```|~~~|<|\||[-*_](?:[ \t]*[-*_]){2,}[ \t]*$)")
_ATX_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]|$)")
_TABLE_ROW = re.compile(r"[ ]{0,3}\|")
_NEXT_LINE = re.compile(r"^([ \t>]*)<!--\s*copydesk-disable-next-line\b(.*?)\s*-->\s*$")
_SAME_LINE = re.compile(r"<!--\s*copydesk-disable-line\b([^>]*?)\s*-->")


def disable_edit(document: Document, line: int, code: str) -> tuple[str, Edit]:
    """``(title, edit)`` that suppresses ``code`` on a 1-based line; the edit's offsets are in
    ``document.text``."""
    text = document.text
    start = document.offset(line)
    front = document.front_matter
    if front is not None and start < front.end:
        return f"Disable {code} for this file", _after_front_matter(document, code)
    current = document.line_text(line)
    previous = document.line_text(line - 1) if line > 1 and start > document.body_start else None
    if _begins_block(current, previous):
        if previous is not None:
            merged = _merged(previous, _NEXT_LINE, code)
            if merged is not None:
                previous_start = document.offset(line - 1)
                return (f"Disable {code} for this line",
                        Edit(previous_start, previous_start + len(previous), merged))
        prefix = _container_prefix(current)
        return (f"Disable {code} for this line",
                Edit(start, start, f"{prefix}<!-- copydesk-disable-next-line {code} -->\n"))
    existing = _SAME_LINE.search(current)
    if existing is not None:
        merged_comment = f"<!-- copydesk-disable-line{existing.group(1)} {code} -->"
        return (f"Disable {code} for this line",
                Edit(start + existing.start(), start + existing.end(), merged_comment))
    where = len(current.rstrip(" \t"))  # before trailing spaces: a hard break stays one
    if current[:where].endswith("\\"):
        where -= 1  # and before a backslash hard break
    separator = "" if where == 0 or current[where - 1] in " \t" else " "
    return (f"Disable {code} for this line",
            Edit(start + where, start + where, f"{separator}<!-- copydesk-disable-line {code} -->"))


def _after_front_matter(document: Document, code: str) -> Edit:
    front = document.front_matter
    assert front is not None
    end = front.end
    newline_before = "" if end == 0 or document.text[end - 1] == "\n" else "\n"
    return Edit(end, end, f"{newline_before}<!-- copydesk-disable-file {code} -->\n")


def _quote_markers(line: str) -> str:
    """The ``>`` markers (and their spaces) a line begins with; the pattern matches any line."""
    match = _QUOTE_MARKERS.match(line)
    return match.group() if match else ""


def _unquoted(line: str) -> str:
    return line[len(_quote_markers(line)):]


def _begins_block(current: str, previous: str | None) -> bool:
    """Whether a comment line above ``current`` would leave every block as it is."""
    if previous is None:
        return True
    before, here = _unquoted(previous), _unquoted(current)
    if not before.strip() or _ATX_HEADING.match(before):
        return True
    if _TABLE_ROW.match(here) and _TABLE_ROW.match(before):
        return False
    return bool(_LIST_ITEM.match(here) or _BLOCK_START.match(here))


def _container_prefix(line: str) -> str:
    """The quote markers and indentation that keep a line above ``line`` in its container."""
    quotes = _quote_markers(line)
    rest = line[len(quotes):]
    item = _LIST_ITEM.match(rest)
    if item is not None:
        return quotes + " " * (len(item.group(1)) + len(item.group(2)) + max(1, len(item.group(3))))
    return quotes + rest[:len(rest) - len(rest.lstrip(" \t"))]


def _merged(line: str, comment: re.Pattern, code: str) -> str | None:
    """``line`` with ``code`` added to its suppression comment, when it is one."""
    match = comment.match(line)
    if match is None:
        return None
    return f"{match.group(1)}<!-- copydesk-disable-next-line{match.group(2)} {code} -->"
