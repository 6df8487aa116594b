"""Eleventy: ``eleventy.config.js|mjs|cjs|ts`` or ``.eleventy.js``, read as data (never run).

From the documentation (11ty.dev/docs/languages/markdown, /docs/i18n): Markdown goes through
markdown-it with ``html: true`` and markdown-it's other defaults, so ``typographer`` (smart quotes)
is off unless the config turns it on; front matter is optional; the i18n plugin takes a
``defaultLanguage`` and expects one folder per language, which the general rule pairs.
"""
from __future__ import annotations

import os

from . import jsobject, layout, readers
from .model import Detected

NAME = "eleventy"


def read(folder: str, files: list[str], start: str) -> Detected | None:
    program = readers.program(files[0])
    site = Detected(NAME, folder, files, start)
    shown = site.made_by(files[0], "is an Eleventy configuration")
    directories = next(iter(jsobject.objects_with(program, "input")), {})
    source = readers.string(directories.get("input"), ".")
    site.content_roots = [source.strip("/").removeprefix("./") or "."]
    default = next(iter(jsobject.objects_with(program, "defaultLanguage")), {}).get("defaultLanguage")
    folders = layout.language_folders(os.path.join(folder, site.content_roots[0]))
    for code in folders:
        site.add_language(code)
    if folders:
        site.because("languages", f"the folders named by a language: {', '.join(folders)}")
    if isinstance(default, str):
        site.default_language = default
        site.because("default_language", f"{shown}: the i18n plugin's defaultLanguage")
    elif folders:
        site.default_language = layout.likely_default(folders)
        site.because("default_language", f"no default is named; {site.default_language} is taken")
    typographer = next(iter(jsobject.objects_with(program, "typographer")), {}).get("typographer")
    site.quotes(typographer is True, "markdown-it's typographer is on" if typographer is True
                else "markdown-it's typographer is off by default")
    site.front_matter_optional("Eleventy")
    return site
