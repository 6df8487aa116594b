"""Site awareness: which generator builds the site a run is in, and what follows for linting.

``detect(start, settings)`` finds the site (see ``search``): its generator, default language,
languages, content folders, where translations live (path patterns, see
``linters.translations.templates``), whether
its renderer turns straight quotes into curly ones, and whether a page needs front matter — each
with the file that said so. ``attach(config)`` puts it in a ``Config`` for a run; linters read it
as ``self.site``; the translations linter's grouping (``linters.translations.grouping``) turns
the patterns into translation groups.

The configuration's ``site:`` section sets any of it instead (``settings.validate``), and
``site: false`` turns detection off.
"""
from __future__ import annotations

import os

from .model import GENERATORS, Site

__all__ = ["GENERATORS", "Pages", "Site", "attach", "detect"]


def detect(start: str, settings: dict | None = None) -> Site:
    from .search import detect as _detect

    return _detect(start, settings)


def attach(config, start: str | None = None):
    """``config`` with the site of ``start`` (default: the current folder), unless detection is
    off (``site: false``) or the configuration already holds one."""
    if config.site is not None or config.site_settings is False:
        return config
    from .settings import thawed

    settings = thawed(config.site_settings)
    if "root" in settings:
        settings["root"] = os.path.join(str(config.root), settings["root"])
    settings["__source__"] = config.where
    return config._replace(site=detect(start or os.getcwd(), settings))


class Pages:
    """What a run's site says of each post it reads (``Engine.document``): where its front matter
    may start (Hugo reads it below blank lines), and the language of a post that does not say
    its own (``lang``, a code in its path): the one its site's layout gives its path
    (``i18n/fr/…`` of a Docusaurus site), else the configured one (``language``), else the site's
    default language for a page at a place of the default language (``docs/…``; a Starlight page
    at the top of ``src/content/docs/``). The layout counts only where the generator lays
    translations out itself: where it does not (Jekyll, Eleventy, no generator), a path says no
    more than the language codes in it, which ``languages.from_path`` reads."""

    def __init__(self, config) -> None:
        self.configured: str | None = config.language
        site = config.site
        self._site_default = site.default_language if site is not None else None
        self.front_matter_after_blank_lines = site is not None and site.front_matter_after_blank_lines
        self._grouping = None
        if site is not None and not site.general_rule and site.translation_patterns:
            from ..translations.grouping import Grouping

            self._grouping = Grouping(site.translation_patterns, root=site.root, site_languages=site.languages,
                                      default_language=site.default_language)

    def default_language(self, path: str) -> tuple[str | None, str]:
        """``(language or None, where it was read: "site layout" or "configuration")``."""
        found = self._grouping.match(path) if self._grouping is not None and not path.startswith("<") else None
        # A place the layout names a language of (``fr/…``, ``en=content/…``) says more than the
        # configured default; a place of the default language says no more.
        if found is not None and found[1] is not None and (
                found[2] == "path" or found[1] != self._site_default or not self.configured):
            return found[1], "site layout"
        return self.configured, "configuration"
