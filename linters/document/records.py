"""The records of a parsed post: spans of text and what the scanner found there.

Named tuples, not dataclasses: a post makes hundreds of them, and a tuple is built several times
faster than a frozen dataclass. They are immutable all the same. Offsets index ``Document.text``.
"""
from __future__ import annotations

from collections import namedtuple


class Span(namedtuple("Span", "start end")):
    __slots__ = ()


class FrontMatter(namedtuple("FrontMatter", "start end content_start content_end closed source syntax",
                             defaults=("yaml",))):
    """The front matter block at the top of a post: ``syntax`` "yaml" (between ``---`` lines),
    "toml" (between ``+++`` lines) or "json" (an object opening the file).

    ``start``/``end`` cover the whole block including the fence lines and the newline after
    the closing fence; ``content_start``/``content_end`` cover the data's text only (``source``;
    for JSON, the object with its braces). An unterminated block (``closed`` false) runs to the
    first blank line.
    """

    __slots__ = ()


class CodeBlock(namedtuple("CodeBlock", "start end content_start content_end info fenced closed", defaults=(True,))):
    """A fenced or indented code block; ``start``/``end`` include the fence lines."""

    __slots__ = ()


class Block(namedtuple("Block", "kind start end level", defaults=(0,))):
    """A block of prose: paragraph, heading, list_item, blockquote or table (``level``: a
    heading's level, 0 for other kinds)."""

    __slots__ = ()


class Link(namedtuple("Link", "start end text_start text_end dest dest_start dest_end image kind",
                      defaults=(False, "inline"))):
    """An inline or reference link, an image, or an autolink (``kind``: inline, reference, autolink).

    ``text_start``/``text_end`` span the link text (between the brackets); ``dest_start``/
    ``dest_end`` span the destination as written (without angle brackets).
    """

    __slots__ = ()

    @property
    def text_is_empty(self) -> bool:
        return self.text_start == self.text_end


class Url(namedtuple("Url", "start end url")):
    __slots__ = ()


class Comment(namedtuple("Comment", "start end body")):
    """An HTML comment; ``body`` is the text between ``<!--`` and ``-->``."""

    __slots__ = ()
