"""Rspress: ``rspress.config.ts|js|mjs|mts``, read as data (never run).

From the documentation (rspress.rs/api/config/config-basic, /guide/basic/i18n): ``root`` (default
``docs``) holds the pages; ``lang`` is the default language and ``locales`` the languages, each in
its own folder under the root (``docs/en/``, ``docs/zh/``). Pages are MDX: no smart quotes, and
front matter is optional.
"""
from __future__ import annotations

import os

from . import jsobject, readers
from .model import Detected

NAME = "rspress"


def read(folder: str, files: list[str], start: str) -> Detected | None:
    program = readers.program(files[0])
    site = Detected(NAME, folder, files, start)
    shown = site.made_by(files[0], "is an Rspress configuration")
    root = next((jsobject.path_value(found["root"]) for found in jsobject.objects_with(program, "root")
                 if jsobject.path_value(found["root"])), None)
    site.content_roots = [(root or "docs").replace("\\", "/").strip("/").removeprefix("./") or "docs"]
    language = next((found["lang"] for found in jsobject.objects_with(program, "lang") if isinstance(found["lang"], str)), None)
    site.default_language = language or "en"
    site.because("default_language", f"{shown}: lang" if language else "Rspress's default (en)")
    locales = next((found["locales"] for found in jsobject.objects_with(program, "locales")
                    if isinstance(found["locales"], list)), [])
    for locale in locales:
        if isinstance(locale, dict):
            site.add_language(locale.get("lang"))
    if len(site.languages) > 1:
        site.because("languages", f"{shown}: locales")
        site.translation_patterns = [f"{site.content_roots[0]}/{{lang}}/**/*.{{ext}}"]
        site.because("translation_patterns", "one folder per language under the root")
    site.quotes(False, "MDX has no smart quotes")
    site.front_matter_optional("Rspress")
    return site
