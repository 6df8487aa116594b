"""The records of a parsed post: spans of text and what the scanner found there.

Named tuples, not dataclasses: a post makes hundreds of them, and a tuple is built several times
faster than a frozen dataclass. They are immutable all the same. Offsets index ``Document.text``.
Typed records, free at start-up (the pattern of ``linters/diagnostics.py``): mypy reads the
``typing.NamedTuple`` of each, Python runs the ``collections.namedtuple`` of the same fields.
"""
from __future__ import annotations

from collections import namedtuple

# The syntaxes of front matter (``FrontMatter.syntax``)
YAML, TOML, JSON = "yaml", "toml", "json"

TYPE_CHECKING = False
if TYPE_CHECKING:  # what mypy reads, and Python never runs: importing typing costs every run start-up
    from typing import NamedTuple

    class _Span(NamedTuple):
        start: int
        end: int

    class _FrontMatter(NamedTuple):
        start: int
        end: int
        content_start: int
        content_end: int
        closed: bool
        source: str
        syntax: str = "yaml"

    class _CodeBlock(NamedTuple):
        start: int
        end: int
        content_start: int
        content_end: int
        info: str
        fenced: bool
        closed: bool = True

    class _Block(NamedTuple):
        kind: str
        start: int
        end: int
        level: int = 0

    class _Link(NamedTuple):
        start: int
        end: int
        text_start: int
        text_end: int
        dest: str
        dest_start: int
        dest_end: int
        image: bool = False
        kind: str = "inline"

    class _Url(NamedTuple):
        start: int
        end: int
        url: str

    class _Comment(NamedTuple):
        start: int
        end: int
        body: str

    class _Wrapper(NamedTuple):
        start: int
        opening_end: int
        closing_start: int
        closing_end: int
        info: str
else:
    _Span = namedtuple("Span", "start end")
    _FrontMatter = namedtuple("FrontMatter", "start end content_start content_end closed source syntax",
                              defaults=("yaml",))
    _CodeBlock = namedtuple("CodeBlock", "start end content_start content_end info fenced closed", defaults=(True,))
    _Block = namedtuple("Block", "kind start end level", defaults=(0,))
    _Link = namedtuple("Link", "start end text_start text_end dest dest_start dest_end image kind",
                       defaults=(False, "inline"))
    _Url = namedtuple("Url", "start end url")
    _Comment = namedtuple("Comment", "start end body")
    _Wrapper = namedtuple("Wrapper", "start opening_end closing_start closing_end info")


class Span(_Span):
    __slots__ = ()


class FrontMatter(_FrontMatter):
    """The front matter block at the top of a post: ``syntax`` "yaml" (between ``---`` lines),
    "toml" (between ``+++`` lines) or "json" (an object opening the file).

    ``start``/``end`` cover the whole block including the fence lines and the newline after
    the closing fence; ``content_start``/``content_end`` cover the data's text only (``source``;
    for JSON, the object with its braces). An unterminated block (``closed`` false) runs to the
    first blank line.
    """

    __slots__ = ()


class CodeBlock(_CodeBlock):
    """A fenced or indented code block; ``start``/``end`` include the fence lines."""

    __slots__ = ()


class Block(_Block):
    """A block of prose: paragraph, heading, list_item, blockquote or table (``level``: a
    heading's level, 0 for other kinds)."""

    __slots__ = ()


class Link(_Link):
    """An inline or reference link, an image, or an autolink (``kind``: inline, reference, autolink).

    ``text_start``/``text_end`` span the link text (between the brackets); ``dest_start``/
    ``dest_end`` span the destination as written (without angle brackets).
    """

    __slots__ = ()

    @property
    def text_is_empty(self) -> bool:
        return self.text_start == self.text_end


class Url(_Url):
    __slots__ = ()


class Comment(_Comment):
    """An HTML comment; ``body`` is the text between ``<!--`` and ``-->``."""

    __slots__ = ()


# -- the front matter read for checking (``frontmatter.read``) ------------------------------------

class KeyPositions:
    """Where each top-level key and its value are: ``of(key)`` gives ``(key start, value start,
    value end)`` in the post's text (for a key written twice, the last one; for a key the data
    has but the text does not show, as YAML's merge keys bring, ``fallback``)."""

    def __init__(self, places: dict | None = None, fallback: int = 0):
        self.places: dict = places if places is not None else {}
        self.fallback = (fallback, fallback, fallback)

    def of(self, key) -> tuple[int, int, int]:
        return self.places.get(key, self.fallback)

    def __contains__(self, key) -> bool:
        return key in self.places

    def __iter__(self):
        return iter(self.places)


class Reading:
    """The front matter read for checking: ``data``, ``keys`` (``KeyPositions``), ``duplicates``
    (``(key, start, end, message)`` of each key written again), ``problem`` (``(start, end,
    message)`` when the block cannot be read as a mapping) and ``readable``: false when the
    generator would refuse the block, so that its data (then empty) says nothing."""

    __slots__ = ("data", "keys", "duplicates", "problem", "readable")

    def __init__(self, data: dict, keys: KeyPositions, duplicates: list | None = None,
                 problem: tuple | None = None, readable: bool = True):
        self.data, self.keys, self.duplicates, self.problem = data, keys, duplicates or [], problem
        self.readable = readable and problem is None

    @classmethod
    def failed(cls, start: int, end: int, message: str) -> Reading:
        return cls({}, KeyPositions(), [], (start, end, message))


class Wrapper(_Wrapper):
    """The two fence lines of a page wrapped whole in a Markdown code fence: the opening line
    (``start`` to ``opening_end``, its newline included) and the closing one (without newline);
    ``info``: the opening's info string (``markdown``)."""

    __slots__ = ()
