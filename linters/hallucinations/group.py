"""What a rule group is: the sections of the pack it reads, once per run, and a check of one
``Post``; and how it searches, through its linter (timed, naming the rule; the post's literals
found in one pass of each of a post's long texts: see ``Post.index_for``)."""
from __future__ import annotations

from ..diagnostics import Diagnostic, Fix
from ..packs.sections import every_language
from ..patterns.phrases import PhraseList, first_match, lazy_pattern, scan

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from collections.abc import Iterator
    from typing import Any, ClassVar

    from ..document import Document
    from ..packs.sections import Section
    from ..patterns.phrases import Phrase
    from .linter import HallucinationsLinter
    from .post import Post

PACK = "rules/hallucinations.yaml"


class RuleGroup:
    """A group of the linter's rules. Subclasses declare the pack ``sections`` they read, read
    them in ``setup`` and implement ``check``. Their phrase lists (``PhraseList`` attributes)
    are searched for in one pass per post, but those named in ``ungated`` (asked of single
    sentences, and full of short common words)."""

    sections: ClassVar[tuple[Section, ...]] = ()
    ungated: ClassVar[tuple[str, ...]] = ()

    def __init__(self, linter: HallucinationsLinter, data: dict):
        self.linter = linter
        self.setup(data)

    def setup(self, data: dict) -> None:
        raise NotImplementedError

    def check(self, post: Post) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def gated(self) -> list[PhraseList]:
        """The phrase lists whose literals the linter looks for in one pass of a post."""
        return [value for name, value in vars(self).items()
                if isinstance(value, PhraseList) and name not in self.ungated]

    def search(self, pattern: Any, text: str, rule: str) -> Iterator[Any]:
        return self.linter.finditer(pattern, text, rule=rule)

    def scan(self, patterns: PhraseList, text: str, rule: str, post: Post, every_language: bool = False,
             end: int | None = None) -> list:
        """The matches in ``text``, one of the post's texts (in its first ``end`` characters, if
        given), of every pattern of the post's languages (of every language when
        ``every_language``), in order of position."""
        return scan(patterns, text, lambda pattern, text: self.search(pattern, text, rule), post.index_for(text),
                    None if every_language else post.wanted, end)

    def first(self, patterns: PhraseList, text: str, rule: str, wanted: frozenset[str] | None = None) -> Any:
        """The first match of the first selected pattern that matches in ``text``, a short
        text (a sentence, a line, a URL), or None."""
        return first_match(patterns, text, lambda pattern, text: self.search(pattern, text, rule), wanted)

    def diagnostic(self, document: Document, code: str, start: int, end: int, message: str | None = None,
                   fix: Fix | None = None) -> Diagnostic:
        return self.linter.diagnostic(document, code, start, end, message, fix)


def place(section: str) -> str:
    """Where a built-in pattern is, as a compile error names it (``relative-dates.timestamp``)."""
    name, _, entry = section.partition(".")
    return f"rule pack {PACK}: section {name!r}" + (f", entry {entry!r}" if entry else "")


def phrases(value: Any, section: str, flags: int = 0, joined: bool = False) -> PhraseList:
    return PhraseList(value, place(section), flags, joined)


def lazy(source: str, section: str, flags: int = 0, trusted: bool = False) -> Phrase:
    return lazy_pattern(source, place(section), flags, trusted)


def phrase_set(value: Any) -> frozenset[str]:
    """Whole-line phrases of all languages, compared case-insensitively."""
    return frozenset(phrase.strip().casefold() for phrase in every_language(value))
