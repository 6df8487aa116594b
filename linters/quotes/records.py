"""The records of the quotes linter: a language's ``Convention``, a ``Quotation`` and a ``Stray``
mark found by the scan, and ``Post``, what every rule group reads of one post.

Named tuples and plain classes, not dataclasses or ``typing.NamedTuple``: importing those costs
every run start-up. The field names are literal strings, so mypy reads them.
"""
from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs the one-post run
    from ..diagnostics import Diagnostic, Fix
    from ..document import Document
    from .linter import QuotesLinter
    from .rendering import Renderer

STRAIGHT = '""'


class Convention(namedtuple("Convention", "code name primary nested also preferred space spaces script")):
    """How one language quotes: its quotation pairs (``primary``, ``nested``, and ``also``
    accepted), the ``preferred`` one, the ``space`` it puts inside « » and the ``spaces`` it
    accepts there, and ``script``, a pattern of its letters compiled on first use (or None)."""

    __slots__ = ()

    @property
    def pairs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.primary + self.nested + self.also))

    def accepts(self, style: str, depth: int) -> bool:
        """Whether a quotation at ``depth`` may have the marks of ``style``."""
        return style in (self.primary + self.also if depth == 0 else self.pairs)

    def expected(self, depth: int) -> tuple[str, ...]:
        """The styles a quotation at ``depth`` should have, as messages name them."""
        return self.primary if depth == 0 or not self.nested else self.nested

    def preferred_for(self, depth: int) -> str:
        return self.preferred if depth == 0 or not self.nested else self.nested[0]


class Quotation:
    """A quotation's marks (offsets), its ``style`` (the pair), whether ``fixable`` (the pairing
    is unambiguous, so --fix may change the marks), its nesting ``depth``, and the ``paragraph``
    it is in (the start and end of the block, or table row, the scan read it in)."""

    __slots__ = ("open", "close", "style", "fixable", "depth", "paragraph")

    def __init__(self, open: int, close: int, style: str, fixable: bool, depth: int = 0,
                 paragraph: tuple[int, int] = (0, 0)):
        self.open, self.close, self.style, self.fixable, self.depth = open, close, style, fixable, depth
        self.paragraph = paragraph


class Stray(namedtuple("Stray", "offset mark partner opening misused", defaults=(False,))):
    """A mark with no partner in its paragraph; ``misused``: an opening mark where the closing
    one belongs (“…“)."""

    __slots__ = ()


class Post:
    """One post as the rule groups read it: the ``linter`` (its data and ``diagnostic``), the
    ``document`` and its ``text`` and ``prose``, the ``convention`` of its language (None when
    unknown) and where that language came from (``source``), the ``renderer`` that makes its
    straight quotes curly (None: the reader sees them straight, or, when ``unsure``, no setting and
    no known generator say whether they are made curly), the ``quotations`` the scan found, in
    order of their opening marks, and the ``strays``, marks with no partner."""

    __slots__ = ("linter", "document", "text", "prose", "convention", "source", "renderer", "unsure", "quotations",
                 "strays")

    def __init__(self, linter: QuotesLinter, document: Document, convention: Convention | None, source: str,
                 renderer: Renderer | None = None, unsure: bool = False):
        self.linter, self.document, self.convention, self.source = linter, document, convention, source
        self.renderer, self.unsure = renderer, unsure and renderer is None
        self.text, self.prose = document.text, document.prose
        self.quotations: list[Quotation] = []
        self.strays: list[Stray] = []

    def diagnostic(self, code: str, start: int, end: int, message: str, fix: Fix | None = None) -> Diagnostic:
        return self.linter.diagnostic(self.document, code, start, end, message, fix)

    def line(self, offset: int) -> int:
        return self.document.position(offset)[0]

    def end_on_line(self, quotation: Quotation) -> int:
        """The end of a finding on a quotation: its closing mark, or its opening one when the
        quotation runs over several lines."""
        return quotation.close + 1 if self.text.find("\n", quotation.open, quotation.close) < 0 else quotation.open + 1


def show(style: str) -> str:
    """A style as messages show it: “…”."""
    return f"{style[0]}…{style[1]}"
