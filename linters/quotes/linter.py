"""``QuotesLinter``: the quotes family's linter. It reads its pack, finds the post's language
and convention, and runs the rule groups on one ``Post``."""
from __future__ import annotations

import regex

from .. import languages
from ..packs.sections import MappingOf, Section
from ..patterns.characters import required_characters
from ..patterns.search import compile_pattern
from ..patterns.sections import PATTERNS
from ..registry import Linter
from . import conventions, drift, pairing
from .records import Convention, Post

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic
    from ..document import Document


class QuotesLinter(Linter):
    name = "quotes"
    pack = "quotes"
    sections = (Section("languages", MappingOf(conventions.CONVENTION, wanted="a mapping of language codes"),
                        required=True),
                Section("unknown-language-pairs", conventions.STYLES, required=True),
                Section("code-like-lines", PATTERNS, required=True))

    def setup(self) -> None:
        self.conventions = {str(code): conventions.convention(str(code), spec)
                            for code, spec in self.data["languages"].items()}
        self.unknown_pairs = tuple(self.data["unknown-language-pairs"])
        self.code_like = [(compile_pattern(source, f"{conventions.PACK}: code-like-lines[{index}]", regex.M),
                           required_characters(source)) for index, source in enumerate(self.data["code-like-lines"])]
        self._marks: dict[str | None, pairing.Marks] = {}

    def check(self, document: Document) -> Iterator[Diagnostic]:
        prose = document.prose
        if not any(mark in prose for mark in pairing.MARKS):
            return
        language, source = self._language(document)
        post = Post(self, document, self._convention(language), source)
        pairing.scan(post, self._marks_for(post.convention))
        yield from pairing.unbalanced(post)
        yield from conventions.check(post)
        yield from drift.check(post)

    def _language(self, document: Document) -> tuple[str | None, str]:
        language, source = languages.of_post(document)
        if language is None:
            return None, source
        return language, {"front matter": "from `lang`", "script": "guessed from the script"}.get(
            source, f"from the {source}")

    def _convention(self, language: str | None) -> Convention | None:
        if language is None:
            return None
        return self.conventions.get(language) or self.conventions.get(languages.primary(language) or language)

    def _marks_for(self, convention: Convention | None) -> pairing.Marks:
        code = convention.code if convention else None
        if code not in self._marks:
            self._marks[code] = pairing.Marks(pairing.scanned_pairs(convention, self.unknown_pairs))
        return self._marks[code]


LINTER = QuotesLinter
