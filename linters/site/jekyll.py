"""Jekyll: ``_config.yml`` (or ``_config.yaml``/``_config.toml``), with jekyll-polyglot's
``languages`` and ``default_lang`` when the site uses it.

What Jekyll does, from its documentation: a Markdown file is rendered only when it has front
matter (jekyllrb.com/docs/static-files: "a static file is a file that does not contain any front
matter"), unless the jekyll-optional-front-matter plugin is on; kramdown is the default Markdown
engine, and Jekyll's default ``kramdown.smart_quotes`` is ``lsquo,rsquo,ldquo,rdquo``, so straight
quotes are rendered curly unless that option names the straight ones (``apos,apos,quot,quot``).
Jekyll has no translation layout of its own: polyglot reads a page's language from its folder
(``lang_from_path``) or its ``lang``, and sites such as ruby-lang.org keep one folder per language.
"""
from __future__ import annotations

import os

from . import layout, readers
from .model import Detected

NAME = "jekyll"
_STRAIGHT = {"apos", "quot", "'", '"', "39", "34"}
_KEYS = {"languages", "default_lang", "lang", "kramdown", "markdown", "plugins", "gems", "source"}


def read(folder: str, files: list[str], start: str) -> Detected | None:
    path = files[0]
    data = readers.load(path, _KEYS)
    site = Detected(NAME, folder, files, start)
    shown = site.made_by(path, "is a Jekyll configuration")
    if not isinstance(data, dict):
        site.because("generator", f"{shown} could not be read as YAML; Jekyll's defaults apply")
        data = {}
    source = readers.string(data.get("source"), ".")
    site.content_roots = [source.strip("/") or "."]
    plugins = [str(name) for name in (data.get("plugins") or data.get("gems") or []) if isinstance(name, str)]
    languages = data.get("languages")
    if isinstance(languages, list) and languages:
        for code in languages:
            site.add_language(str(code))
        site.because("languages", f"{shown}: languages (jekyll-polyglot)")
    default = data.get("default_lang") or data.get("lang")
    if isinstance(default, str) and default:
        site.default_language = default
        key = "default_lang" if data.get("default_lang") else "lang"
        site.because("default_language", f"{shown}: {key}: {default}")
    if not site.languages:
        folders = layout.language_folders(os.path.join(folder, source))
        for code in folders:
            site.add_language(code)
        if folders:
            site.because("languages", f"the site's folders named by a language: {', '.join(folders)}")
    if site.default_language is None and site.languages:
        site.default_language = layout.likely_default(site.languages)
        site.because("default_language", f"no default is named; {site.default_language} is taken")
    engine = str(data.get("markdown") or "kramdown").lower()
    quotes = readers.get(data, "kramdown", "smart_quotes")
    if engine != "kramdown":
        site.quotes(False, f"{shown}: markdown: {engine} (kramdown's smart quotes do not apply)")
    elif isinstance(quotes, str) and set(part.strip() for part in quotes.split(",")) <= _STRAIGHT:
        site.quotes(False, f"{shown}: kramdown.smart_quotes: {quotes}")
    else:
        site.quotes(True, "kramdown renders straight quotes curly (Jekyll's smart_quotes default)")
    optional = "jekyll-optional-front-matter" in plugins
    site.front_matter_required = not optional
    site.because("front_matter_required", "jekyll-optional-front-matter is on" if optional
                 else "Jekyll renders only the Markdown files that have front matter")
    return site
