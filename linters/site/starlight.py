"""Astro Starlight: ``astro.config.mjs|js|ts|mts|cjs`` with the ``starlight()`` integration, read as
data (never run).

From the documentation (starlight.astro.build/guides/i18n, /reference/frontmatter): pages are
``src/content/docs/**/*.md|mdx``; ``locales`` maps a folder to a language, and the ``root``
locale is the default language at the top of ``src/content/docs/`` (else ``defaultLocale`` names
the default's folder); ``.md`` and ``.mdx`` versions of one slug are one page, and ``x/index.md``
is page ``x``. The docs collection's schema requires ``title``, so every page needs front matter.
Astro runs SmartyPants on Markdown and MDX by default (``markdown.smartypants``, default true:
docs.astro.build, withastro/astro#5769).
"""
from __future__ import annotations

import os

from . import jsobject, readers
from .model import Detected

NAME = "starlight"
CONTENT = "src/content/docs"


def read(folder: str, files: list[str], start: str) -> Detected | None:
    program = readers.program(files[0])
    calls = jsobject.calls_named(program, "starlight")
    options = calls[0].args[0] if calls and calls[0].args and isinstance(calls[0].args[0], dict) else {}
    if not calls and not os.path.isdir(os.path.join(folder, CONTENT)):
        return None  # an Astro site without Starlight: its pages are not a docs collection
    site = Detected(NAME, folder, files, start)
    shown = site.made_by(files[0], "configures the Starlight integration" if calls
                         else f"is an Astro configuration and {CONTENT}/ exists")
    site.content_roots = [CONTENT]
    locales = readers.mapping(options.get("locales"))
    default_locale = readers.string(options.get("defaultLocale"))
    root = locales["root"] if isinstance(locales.get("root"), dict) else None
    folders = [key for key in locales if key != "root"]
    if root is not None:
        site.default_language = readers.string(root.get("lang"), "en")
        site.because("default_language", f"{shown}: the root locale's lang")
    elif default_locale:
        site.default_language = default_locale
        site.because("default_language", f"{shown}: defaultLocale")
    else:
        site.default_language = "en"
        site.because("default_language", "Starlight's default (en)")
    for key in folders:
        site.add_language(key)
    if folders:
        site.because("languages", f"{shown}: locales")
        site.translation_patterns = [f"{CONTENT}/{{lang}}/**/*.{{ext}}" + (f" | {CONTENT}/**/*.{{ext}}" if root is not None else "")]
        site.because("translation_patterns", "each locale's folder under src/content/docs/"
                     + ("; the root locale has none" if root is not None else ""))
    markdown = next(iter(jsobject.objects_with(program, "smartypants")), None)
    smart = not (markdown is not None and markdown.get("smartypants") is False)
    site.quotes(smart, "Astro's markdown.smartypants" + (" is off" if not smart else " (on by default)"))
    site.front_matter_required = True
    site.because("front_matter_required", "Starlight's docs schema requires a title in every page's front matter")
    return site
