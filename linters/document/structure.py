"""The Markdown structure of a post: the block scan, then the inline scan of each prose block."""
from __future__ import annotations

from .blocks import scan_blocks
from .inline import scan_prose
from .mdx import blanked, jsx_spans
from .records import Block, CodeBlock, Comment, FrontMatter, Link, Span, Url


class Structure:
    """What the scanners found in a post, in the order they found it."""

    def __init__(self, text: str, front_matter: FrontMatter | None, body_start: int, mdx: bool = False):
        self.mdx = mdx  # JSX, expressions and ESM are read as spaces; no indented code
        jsx = jsx_spans(text, body_start) if mdx else []
        self.text = blanked(text, jsx) if jsx else text
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
        self.non_prose.extend(Span(start, end) for start, end in jsx)
        scan_blocks(self, body_start)
        scan_prose(self)
        self.comments.sort(key=lambda comment: comment.start)

    def add_code(self, block: CodeBlock) -> None:
        self.code_blocks.append(block)
        self.non_prose.append(Span(block.start, block.end))

    def add_html(self, start: int, end: int) -> None:
        """An HTML block (or block math): not prose; its comments are found."""
        self.non_prose.append(Span(start, end))
        text, position = self.text, start
        while True:
            opener = text.find("<!--", position, end)
            if opener < 0:
                return
            closer = text.find("-->", opener + 4, end)
            if closer < 0:
                return  # no later comment can be closed either
            self.comments.append(Comment(opener, closer + 3, text[opener + 4:closer]))
            position = closer + 3
