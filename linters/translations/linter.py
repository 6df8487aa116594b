"""``TranslationsLinter``: the rule pack's data made into a grouping, a summarizer and the group
comparison; the engine calls it through the ``CrossFileLinter`` hooks."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import languages
from ..diagnostics import Diagnostic
from ..document import Document
from ..packs.sections import ListOf, MappingOf, Record, Scalar, Section, Text, Where
from ..patterns.phrases import lazy_pattern
from ..patterns.sections import PATTERN
from ..registry import CrossFileLinter, Option, PatternTimeout
from .grouping import Grouping, for_site
from .templates import compile_pattern as compile_path_pattern

PACK = "rules/translations.yaml"

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from .code import CodeRules
    from .summaries import Summarizer

    Summary = dict

_TEMPLATES = ListOf(Text("a path template"), minimum=1, wanted="a non-empty list of path templates")
_WORDS = ListOf(Text())


class TranslationsLinter(CrossFileLinter):
    name = "translations"
    pack = "translations"
    options = {
        "path-patterns": Option(list, [], "path templates of translation groups, replacing the rule "
                                          "pack's: {lang}, {date}, {ext}, * (within a folder), **/"),
        "original-language": Option(str, "en", "the language of the original when the front matter "
                                               "does not say which version is (translated: false)"),
    }

    sections = (Section("path-patterns", _TEMPLATES, required=True),
                Section("matching-front-matter", ListOf(Text())), Section("tracking-parameters", ListOf(Text())),
                Section("language-parameters", ListOf(Text())),
                Section("key-names", MappingOf(Text(), keys=Text(), wanted="a mapping of key names to their English names")),
                Section("interface-label", PATTERN, required=True),
                Section("number-multipliers", MappingOf(Scalar((int,), "a positive integer", (0).__lt__), keys=Text(),
                                                        wanted="a mapping of words to positive integers")),
                Section("host-languages", MappingOf(Text(), keys=Text(), wanted="a mapping of host labels to language codes")),
                Section("timestamp-units", Record({"hours": _WORDS, "minutes": _WORDS, "seconds": _WORDS})),
                Section("code", Record({"placeholder-words": _WORDS, "placeholder-patterns": ListOf(PATTERN),
                                        "output-markers": _WORDS, "rewording-prefixes": _WORDS, "text-languages": _WORDS,
                                        "ignored-lines": ListOf(PATTERN), "variant-separators": ListOf(PATTERN),
                                        "template-tags": ListOf(PATTERN)})))

    def setup(self) -> None:
        templates = self.settings["path-patterns"]
        if templates:
            _TEMPLATES.check(templates, Where.labelled("'linters.translations.path-patterns'"), whole=True)
        else:
            templates = self.data["path-patterns"]
        for template in templates:
            compile_path_pattern(template, anchor=None)  # a template without {lang} stops the run here
        self.templates = templates
        self.grouping: Grouping | None = None  # made for each run, from the site the run is in
        self._summarizer: Summarizer | None = None  # made when a post is first summarized: a post alone never is
        self._code_rules: CodeRules | None = None
        # for code that differs between translations: most posts have none
        self.interface_label = lazy_pattern(self.data["interface-label"], f"{PACK}: interface-label")
        self.original_language = languages.normalize(self.settings["original-language"]) or self.settings["original-language"]

    # -- the CrossFileLinter hooks -------------------------------------------------------------

    @property
    def summarizer(self) -> Summarizer:
        if self._summarizer is None:
            from .summaries import Summarizer
            from .urls import UrlKeys
            from .values import NumberReader, TimestampReader

            urls = UrlKeys(tuple(self.data["tracking-parameters"]), set(self.data["language-parameters"]),
                           self.data["host-languages"] or {})
            self._summarizer = Summarizer(self.data["matching-front-matter"], urls, NumberReader(self.data["number-multipliers"]),
                                          TimestampReader(self.data["timestamp-units"] or {}), self.data["key-names"])
        return self._summarizer

    @property
    def code_rules(self) -> CodeRules:
        if self._code_rules is None:
            from .code import CodeRules

            self._code_rules = CodeRules(self.data["code"] or {})
        return self._code_rules

    def start_run(self) -> None:
        self.grouping = for_site(self.site, self.templates, replace=bool(self.settings["path-patterns"]))
        if self._summarizer is not None:
            self._summarizer.urls.start_run()

    def _grouping(self) -> Grouping:
        if self.grouping is None:
            self.start_run()
        assert self.grouping is not None
        return self.grouping

    def group_key(self, path: str):
        return self._grouping().key(path)

    def sibling_paths(self, path: str) -> Iterator[str]:
        return self._grouping().siblings(path)

    def summarize(self, document: Document) -> Summary:
        return self.summarizer.summarize(document)

    def check_group(self, members: list[tuple[str, Summary]]) -> Iterable[Diagnostic]:
        from .checks import check_group  # only a run with translations compares
        from .comparison import Group, Version

        versions = [Version(path, summary, self._language_of(path)) for path, summary in members if isinstance(summary, dict)]
        if len(versions) < 2:
            return ()
        return check_group(Group(versions, self))

    def _language_of(self, path: str) -> str | None:
        """A version's language as its place in the site says (the default language's version
        often has no language in its path or front matter)."""
        found = self._grouping().match(path)
        if found is None:
            return None
        return found[1] or (getattr(self.site, "default_language", None) if self.site is not None else None)

    def is_interface_label(self, code: str) -> bool:
        """``File > Preferences``: a label of a program's interface, translated with the interface."""
        try:
            return self.interface_label.compiled.fullmatch(code, timeout=self.timeout) is not None
        except TimeoutError:
            raise PatternTimeout(self.name, "TRN005", self.interface_label.source[:80]) from None
