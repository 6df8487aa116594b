"""The front matter block at the top of a post: where it is, and its data."""
from __future__ import annotations

import re

from .records import FrontMatter

_FRONT_MATTER_FENCE = re.compile(r"---[ \t]*")
_FRONT_MATTER_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")


def locate(text: str) -> FrontMatter | None:
    """The front matter block, detected only when ``---`` is the very first line."""
    first_end = text.find("\n")
    if first_end < 0 or not _FRONT_MATTER_FENCE.fullmatch(text, 0, first_end):
        return None
    content_start = position = first_end + 1
    while position <= len(text):
        line_end = text.find("\n", position)
        if line_end < 0:
            line_end = len(text)
        if _FRONT_MATTER_CLOSE.fullmatch(text, position, line_end):
            end = min(line_end + 1, len(text))
            return FrontMatter(0, end, content_start, position, True, text[content_start:position])
        position = line_end + 1
    # Unterminated: the block is taken to run to the first blank line.
    blank = re.compile(r"^[ \t]*$", re.M).search(text, content_start)
    content_end = blank.start() if blank else len(text)
    return FrontMatter(0, content_end, content_start, content_end, False, text[content_start:content_end])


def parse(front: FrontMatter | None) -> dict:
    """Front matter parsed safely as YAML; ``{}`` when absent or not a valid mapping."""
    if front is None or not front.source.strip():
        return {}
    from ..yamlsafe import load_mapping

    return load_mapping(front.source)
