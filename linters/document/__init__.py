"""One parsed post (``Document``) and the records its Markdown scan produces.

``model`` holds the ``Document``; ``frontmatter`` finds and parses the block at the top
(``frontmatter_yaml`` and ``frontmatter_data`` read each syntax for checking); ``wrapping``
finds a page wrapped whole in a Markdown code fence; ``blocks`` (with ``containers``, the open
quotes and list items a line continues) and ``inline`` are the Markdown scanner, ``structure``
runs them; ``mdx`` keeps an MDX page's JSX out
of prose; ``lines`` reads what a line holds for the block scan; ``records`` are what they all
return (typed records).
"""
from .model import Document
from .records import Block, CodeBlock, Comment, FrontMatter, Link, Span, Url, Wrapper

__all__ = ["Block", "CodeBlock", "Comment", "Document", "FrontMatter", "Link", "Span", "Url", "Wrapper"]
