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

__all__ = ["GENERATORS", "Site", "attach", "detect"]


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
