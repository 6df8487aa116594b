"""A page a generator wrapped whole in a Markdown code fence: ```` ```markdown ```` on its first
line (or the first after its front matter) and a closing fence on its last non-blank line.

The model that wrote the page answered with a code block, and the block was pasted as the page:
the reader sees the source, and every other check would see one code block. The ``Document``
scans such a page as if its two fence lines were blank, so its content is checked as the
Markdown it is; a linter reports the wrapper itself (``Document.wrapper``).
"""
from __future__ import annotations

from .lines import closes_fence, fence_opening
from .records import FrontMatter, Wrapper

# Info strings that say the fenced text is Markdown (compared in lower case)
MARKDOWN_INFO = frozenset({"markdown", "md", "mdx", "gfm", "commonmark"})


def locate(text: str, front: FrontMatter | None) -> Wrapper | None:
    """The fence lines of a page wrapped whole in a Markdown code fence, or None; ``front``:
    the front matter on the page's first line, which the fence may follow."""
    start = _first_content_line(text, front.end if front is not None else 0)
    if start < 0 or text[start:start + 4].lstrip(" ")[:1] not in ("`", "~"):
        return None
    opening_end = _line_end(text, start)
    opening = text[start:opening_end]
    nonspace = len(opening) - len(opening.lstrip(" "))
    fence = fence_opening(opening, nonspace) if nonspace <= 3 and opening[nonspace:nonspace + 1] in "`~" else None
    if fence is None or fence[2].split(" ")[0].lower() not in MARKDOWN_INFO:
        return None
    closing_end = len(text.rstrip())
    closing_start = text.rfind("\n", 0, closing_end) + 1
    closing = text[closing_start:closing_end]
    indent = len(closing) - len(closing.lstrip(" "))
    if (closing_start <= opening_end or not text[opening_end:closing_start].strip() or indent > 3
            or not closes_fence(closing, indent, fence[0], fence[1])):
        return None
    return Wrapper(start, min(opening_end + 1, len(text)), closing_start, closing_end, fence[2])


def unwrapped(text: str, wrapper: Wrapper) -> str:
    """``text`` with the wrapper's fence lines blanked (same length, newlines kept)."""
    opening = " " * (wrapper.opening_end - 1 - wrapper.start) + "\n"
    closing = " " * (wrapper.closing_end - wrapper.closing_start)
    return (text[:wrapper.start] + opening + text[wrapper.opening_end:wrapper.closing_start] + closing
            + text[wrapper.closing_end:])


def _first_content_line(text: str, position: int) -> int:
    """The start of the first non-blank line at or after ``position``, or -1."""
    while position < len(text):
        end = _line_end(text, position)
        if text[position:end].strip():
            return position
        position = end + 1
    return -1


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end
