"""VitePress (``.vitepress/config.*`` or ``.vitepress/config/*``) and VuePress
(``.vuepress/config.*``), read as data (never run).

From the documentation (vitepress.dev/guide/i18n): ``locales`` maps a folder to a language;
``root`` is the default language, at the top of the source folder with no folder of its own
(``docs/foo.md``, ``docs/fr/foo.md``). A locale whose ``link`` is another site is not this one's.
VuePress writes the same as paths (``'/'``, ``'/zh/'``). Both render with markdown-it, whose
``typographer`` (smart quotes) is off by default (markdown-it's ``lib/presets/default``); a config
turns it on with ``markdown: { typographer: true }``. Front matter is optional.
"""
from __future__ import annotations

import os

from . import jsobject, readers
from .model import Detected



def read(folder: str, files: list[str], start: str) -> Detected | None:
    name = "vuepress" if f"{os.sep}.vuepress{os.sep}" in files[0] else "vitepress"
    site = Detected(name, folder, files, start)
    shown = site.made_by(files[0], f"is a {'VuePress' if name == 'vuepress' else 'VitePress'} configuration")
    programs = [program for program in map(readers.load, files) if isinstance(program, jsobject.Program)]
    source = _source_folder(programs)
    site.content_roots = [source]
    locales = _first(programs, "locales")
    root_language, folders = None, []
    for key, settings in (locales.items() if isinstance(locales, dict) else ()):
        settings = settings if isinstance(settings, dict) else {}
        link = settings.get("link")
        if isinstance(link, str) and link.startswith(("http://", "https://", "//")):
            continue  # a translation published as another site
        folder_name = key.strip("/")
        if folder_name in ("", "root"):
            root_language = settings.get("lang") if isinstance(settings.get("lang"), str) else None
        else:
            folders.append(folder_name)
    top_language = _first(programs, "lang")
    site.default_language = root_language or (top_language if isinstance(top_language, str) else "en-US")
    site.because("default_language", "the root locale's lang" if root_language else
                 "the config's lang" if isinstance(top_language, str) else f"{name}'s default (en-US)")
    for folder_name in folders:
        site.add_language(folder_name)
    if folders:
        site.because("languages", f"the locales of {shown} (those published elsewhere left out)")
        prefix = "" if source == "." else f"{source}/"
        site.translation_patterns = [f"{prefix}{{lang}}/**/*.{{ext}} | {prefix}**/*.{{ext}}"]
        site.because("translation_patterns", "each locale's folder; the root locale has none")
    markdown = _first(programs, "markdown")
    smart = isinstance(markdown, dict) and markdown.get("typographer") is True
    site.quotes(smart, "markdown.typographer is on" if smart else "markdown-it's typographer is off by default")
    site.front_matter_optional(name)
    return site


def _first(programs, key: str):
    for program in programs:
        for found in jsobject.objects_with(program, key):
            return found[key]
    return None


def _source_folder(programs) -> str:
    source = _first(programs, "srcDir")
    if isinstance(source, str) and source.strip("./"):
        return source.replace("\\", "/").strip("/").removeprefix("./")
    return "."
