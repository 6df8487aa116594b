"""The Markdown structure of a post: the block scan, then the inline scan of each prose block."""
from __future__ import annotations

from .blocks import scan_blocks
from .inline import scan_inline
from .records import Block, CodeBlock, Comment, FrontMatter, Link, Span, Url


class Structure:
    """What the scanners found in a post, in the order they found it."""

    def __init__(self, text: str, front_matter: FrontMatter | None, body_start: int):
        self.text = text
        self.code_blocks: list[CodeBlock] = []
        self.blocks: list[Block] = []
        self.inline_code: list[Span] = []
        self.comments: list[Comment] = []
        self.links: list[Link] = []
        self.urls: list[Url] = []
        self.references: dict[str, Span] = {}
        self.non_prose: list[Span] = []
        if front_matter is not None:
            self.non_prose.append(Span(front_matter.start, front_matter.end))
        scan_blocks(self, body_start)
        for block in self.blocks:
            scan_inline(self, block)
        self.comments.sort(key=lambda comment: comment.start)
