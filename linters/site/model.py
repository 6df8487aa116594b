"""What copydesk knows of a site: its generator, languages, translation layout, front matter and
typography, each with the file that said so."""
from __future__ import annotations

import os
from collections import namedtuple

GENERATORS = ("jekyll", "hugo", "docusaurus", "mkdocs", "vitepress", "vuepress", "starlight", "eleventy",
              "rspress", "none")
# Generators with no translation layout of their own: versions are grouped by the rule pack's
# templates and the general rule (a folder or suffix named by a language).
GENERAL_RULE = ("jekyll", "eleventy", "none")
# Generators where ``x/index.md`` is page ``x``, as ``x.md`` is (Hugo's leaf bundles, Starlight's slugs).
INDEX_PAGES = ("hugo", "starlight")
# Generators that read front matter below blank lines (Hugo's page lexer skips them); the others
# read it on the first line only.
FRONT_MATTER_AFTER_BLANK_LINES = ("hugo",)

TYPE_CHECKING = False
if TYPE_CHECKING:  # the record's types, for mypy: importing typing costs every run milliseconds
    from typing import NamedTuple

    class _Record(NamedTuple):
        root: str
        generator: str
        config_files: tuple[str, ...]
        default_language: str | None
        languages: tuple[str, ...]
        content_roots: tuple[str, ...]
        translation_patterns: tuple[str, ...]
        front_matter_required: bool
        smart_quotes: bool | tuple[tuple[str, bool | str], ...]
        evidence: tuple[tuple[str, str], ...]
        overridden: tuple[str, ...]
else:
    _Record = namedtuple("Site", ["root", "generator", "config_files", "default_language", "languages",
                                  "content_roots", "translation_patterns", "front_matter_required", "smart_quotes",
                                  "evidence", "overridden"])


class Site(_Record):
    """A detected (and possibly configured) site; immutable and hashable, as a ``Config`` field.

    ``root``: the site's folder (absolute); ``config_files``: absolute paths; ``languages``: as the
    site writes them (``zh-cn``, ``pt-BR``); ``translation_patterns``: path patterns relative to
    ``root`` (see ``linters.translations.templates``); ``smart_quotes``: a bool, or ``((language, bool or the two marks written, „“), …)`` when the
    renderer's setting differs by language, or writes marks of its own; ``evidence``: ``((field, why), …)``; ``overridden``: the
    fields the configuration set."""

    __slots__ = ()

    @property
    def general_rule(self) -> bool:
        return self.generator in GENERAL_RULE

    @property
    def index_pages(self) -> bool:
        return self.generator in INDEX_PAGES

    @property
    def front_matter_after_blank_lines(self) -> bool:
        return self.generator in FRONT_MATTER_AFTER_BLANK_LINES

    def smart_quotes_for(self, language: str | None) -> bool | str:
        """Whether the renderer turns straight quotes into curly ones in pages of ``language``
        (a string: the two marks it writes, as the quotes linter's ``smart-quotes`` takes them)."""
        if isinstance(self.smart_quotes, bool):
            return self.smart_quotes
        from ..languages import same

        settings = dict(self.smart_quotes)
        for written, value in settings.items():
            if language and same(written, language):
                return value
        return settings.get(self.default_language or "", any(settings.values()))

    def as_json(self, relative_to: str | None = None) -> dict:
        def shown(path: str) -> str:
            relative = os.path.relpath(path, relative_to) if relative_to else path
            return path if relative.startswith("..") else relative.replace(os.sep, "/")

        evidence: dict[str, list[str]] = {}
        for field, why in self.evidence:
            evidence.setdefault(field, []).append(why)
        return {
            "root": self.root,
            "generator": self.generator,
            "config_files": [shown(path) for path in self.config_files],
            "default_language": self.default_language,
            "languages": list(self.languages),
            "content_roots": list(self.content_roots),
            "translation_patterns": list(self.translation_patterns),
            "front_matter_required": self.front_matter_required,
            "smart_quotes": self.smart_quotes if isinstance(self.smart_quotes, bool) else dict(self.smart_quotes),
            "evidence": evidence,
            "overridden": list(self.overridden),
        }


class Detected:
    """A site being worked out: fields and the evidence for them, made into a ``Site`` at the end."""

    def __init__(self, generator: str, root: str, config_files=(), start: str | None = None):
        self.start = start or root  # the folder detection started from: evidence names files from there
        self.generator = generator
        self.root = root
        self.config_files = list(config_files)
        self.default_language: str | None = None
        self.languages: list[str] = []
        self.content_roots: list[str] = []
        self.translation_patterns: list[str] = []
        self.front_matter_required = False
        self.smart_quotes: bool | dict[str, bool | str] = False
        self.evidence: list[tuple[str, str]] = []

    def shown(self, path: str) -> str:
        """A path as the evidence names it: relative to the folder detection started from."""
        relative = os.path.relpath(path, self.start)
        return (path if relative.startswith("..") else relative).replace(os.sep, "/")

    def because(self, field: str, why: str) -> None:
        self.evidence.append((field, why))

    def made_by(self, path: str, what: str) -> str:
        """Say that the file ``path`` makes this the generator's site (``what``: "is an Eleventy
        configuration"); return the file as the evidence names it."""
        shown = self.shown(path)
        self.because("generator", f"{shown} {what}")
        return shown

    def quotes(self, smart: bool | dict[str, bool] | dict[str, bool | str], why: str) -> None:
        """Whether the renderer makes straight quotes curly (per language: a mapping), and why."""
        self.smart_quotes = smart if isinstance(smart, bool) else dict(smart)
        self.because("smart_quotes", why)

    def front_matter_optional(self, generator: str, files: str = "a Markdown file") -> None:
        """The generator makes a page of ``files`` without front matter."""
        self.front_matter_required = False
        self.because("front_matter_required", f"{generator} makes a page of {files} without front matter")

    def add_language(self, language) -> None:
        if isinstance(language, str) and language and language not in self.languages:
            self.languages.append(language)

    def site(self, overridden=()) -> Site:
        languages = list(self.languages)
        if self.default_language and self.default_language not in languages:
            languages.insert(0, self.default_language)
        if languages and not any(field == "languages" for field, _ in self.evidence):
            self.because("languages", "the default language; no other is configured")
        return Site(self.root, self.generator, tuple(self.config_files), self.default_language, tuple(languages),
                    tuple(self.content_roots), tuple(self.translation_patterns), bool(self.front_matter_required),
                    self._quotes(), tuple(self.evidence), tuple(overridden))

    def _quotes(self) -> bool | tuple[tuple[str, bool | str], ...]:
        """One answer for every language (a bool), or one per language when they differ or say
        which marks are written."""
        if isinstance(self.smart_quotes, bool):
            return self.smart_quotes
        values = set(self.smart_quotes.values())
        if len(values) > 1 or any(isinstance(value, str) for value in values):
            return tuple(sorted(self.smart_quotes.items()))
        return bool(values.pop()) if values else False
