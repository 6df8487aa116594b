"""One parsed post (``Document``) and the records its Markdown scan produces.

``model`` holds the ``Document``; ``frontmatter`` finds and parses the block at the top;
``blocks`` and ``inline`` are the Markdown scanner, ``structure`` runs them; ``records`` are
the spans they return.
"""
from .model import Document
from .records import Block, CodeBlock, Comment, FrontMatter, Link, Span, Url

__all__ = ["Block", "CodeBlock", "Comment", "Document", "FrontMatter", "Link", "Span", "Url"]
