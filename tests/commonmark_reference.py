"""Where copydesk and a CommonMark reference (markdown-it-py, CommonMark mode) put code.

Both sides are reduced to what a fix must not touch: code blocks as ``(kind, first line, last
line)`` (0-based lines of the body, after the front matter) and inline code as its content with
white space and ``>`` removed (markdown-it strips the container markers and indentation of a
code span's later lines; copydesk's span covers them).
"""
from __future__ import annotations

import re

import pytest

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is a test dependency ([test] extra)")

from linters.document import Document  # noqa: E402

_REFERENCE = markdown_it.MarkdownIt("commonmark")
_SPACE_OR_MARKER = re.compile(r"[\s>]")


class ReferenceFailed(Exception):
    """markdown-it-py raised on the input (it does, rarely: an IndexError in ``getLines``)."""


def reference_code(body: str) -> tuple[list, list]:
    try:
        tokens = _REFERENCE.parse(body)
    except IndexError as error:
        raise ReferenceFailed(repr(body)) from error
    blocks = [("fenced" if token.type == "fence" else "indented", token.map[0], token.map[1] - 1)
              for token in tokens if token.type in ("fence", "code_block")]
    inline: list[str] = []

    def walk(children):
        for child in children or ():
            if child.type == "code_inline":
                inline.append(_SPACE_OR_MARKER.sub("", child.content))
            walk(child.children)  # code in an image's description

    for token in tokens:
        if token.type == "inline":
            walk(token.children)
    return blocks, inline


def copydesk_code(document: Document) -> tuple[list, list]:
    text = document.text
    first_line = document.position(document.body_start)[0]
    blocks = []
    for block in sorted(document.code_blocks, key=lambda block: block.start):
        end = max(block.start, min(block.end, len(text)))
        blocks.append(("fenced" if block.fenced else "indented",
                       document.position(block.start)[0] - first_line, document.position(end)[0] - first_line))
    inline = []
    for span in document.inline_code:
        code = text[span.start:span.end]
        ticks = len(code) - len(code.lstrip("`"))
        inline.append(_SPACE_OR_MARKER.sub("", code[ticks:len(code) - ticks]))
    return blocks, inline


def compare(text: str, path: str = "<string>"):
    """``((reference blocks, copydesk blocks), (reference inline, copydesk inline))``.

    A block running to the end of the text ends, on both sides, at the last line that holds
    more than white space and ``>`` markers (markdown-it drops such trailing lines, copydesk not).
    """
    document = Document(text, path)
    body = document.text[document.body_start:]
    reference_blocks, reference_inline = reference_code(body)
    blocks, inline = copydesk_code(document)
    lines = body.split("\n")
    last = max([number for number, line in enumerate(lines) if line.strip(" \t>")] or [0])

    def clipped(found):
        return [(kind, first, min(end, max(first, last))) for kind, first, end in found]

    return (clipped(reference_blocks), clipped(blocks)), (reference_inline, inline)
