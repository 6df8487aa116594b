"""``QuotesLinter``: the quotes family's linter. It reads its pack, finds the post's language
and convention, and runs the rule groups on one ``Post``."""
from __future__ import annotations

import regex

from .. import languages
from ..packs.sections import ListOf, MappingOf, Section, Text
from ..patterns.characters import required_characters
from ..patterns.phrases import lazy_pattern
from ..patterns.sections import PATTERNS
from ..registry import Linter, Option
from . import conventions, drift, pairing, rendering
from .records import Convention, Post
from .tongues import FunctionWords

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
                Section("code-like-lines", PATTERNS, required=True),
                Section("style-names", MappingOf(Text(), wanted="a mapping of styles to names")),
                Section("renderers", rendering.RENDERERS),
                Section("function-words", MappingOf(ListOf(Text()), wanted="a mapping of language codes to words")),
                Section("function-characters", Text("a string of characters")))
    options = {"smart-quotes": Option(
        (bool, str, dict), None, "whether the site's renderer turns straight double quotes into curly ones: true, "
        "false, the two marks it writes (\"„“\"), or a mapping of language codes to those; default: what the "
        "site detection says, else false")}

    def setup(self) -> None:
        self.conventions = {str(code): conventions.convention(str(code), spec)
                            for code, spec in self.data["languages"].items()}
        self.unknown_pairs = tuple(self.data["unknown-language-pairs"])
        self.code_like = [(lazy_pattern(source, f"{conventions.PACK}: code-like-lines[{index}]", regex.M),
                           required_characters(source)) for index, source in enumerate(self.data["code-like-lines"])]
        self.style_names = {str(style): str(name) for style, name in self.data["style-names"].items()}
        self.families = dict(self.data["renderers"])
        self.function_words = FunctionWords(self.data["function-words"])
        self.function_characters = frozenset(self.data["function-characters"] or "")
        self.smart_quotes = self.settings.get("smart-quotes")
        if self.smart_quotes is not None:
            rendering.check_setting(self.smart_quotes, "option 'linters.quotes.smart-quotes'")
        self._marks: dict[str | None, pairing.Marks] = {}

    def check(self, document: Document) -> Iterator[Diagnostic]:
        prose = document.prose
        if not any(mark in prose for mark in pairing.MARKS):
            return
        language, source = self._language(document)
        post = Post(self, document, self._convention(language), source, *self._renderer(language))
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

    def _renderer(self, language: str | None) -> tuple[rendering.Renderer | None, bool]:
        """The renderer of the post's straight quotes: as configured, else as the site detection
        says (``site``, set by the engine when a site is detected), else none; and whether that is
        unsure: no setting, and no generator known (a page published by an unknown generator, or
        through the API, may have its straight quotes made curly or not)."""
        setting, generator = self.smart_quotes, None
        unsure = setting is None
        site = getattr(self, "site", None)
        if site is not None:
            generator = site.generator
            if setting is None:
                setting = site.smart_quotes_for(language)
                unsure = generator == "none" and "smart_quotes" not in getattr(site, "overridden", ())
        if not setting:
            return None, unsure
        family = self.families.get(generator or "", rendering.SMARTYPANTS)
        return rendering.renderer_for(setting, language, languages.primary(language), family), unsure

    def _marks_for(self, convention: Convention | None) -> pairing.Marks:
        code = convention.code if convention else None
        if code not in self._marks:
            self._marks[code] = pairing.marks_for(convention, self.unknown_pairs)
        return self._marks[code]


LINTER = QuotesLinter
