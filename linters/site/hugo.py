"""Hugo: ``hugo.toml|yaml|json`` (or the older ``config.*``), or ``config/_default/``.

Read as data: ``defaultContentLanguage`` (default ``en``), ``languages`` with each one's
``contentDir`` (or the ``module.mounts`` that restate them), ``contentDir`` (default ``content``),
and the Goldmark typographer. Hugo's keys are case-insensitive.

What Hugo does, from its documentation (gohugo.io/configuration/markup, the Goldmark defaults in
``markup/goldmark/goldmark_config``): the Typographer extension is on unless
``markup.goldmark.extensions.typographer.disable`` is true, and turns ``"`` and ``'`` into “ ” ‘ ’;
since Hugo 0.112 a language may set its own (``languages.de.markup…``, gohugo/hugo#10620, #11355),
and its ``leftDoubleQuote``/``rightDoubleQuote`` (HTML entities: ``&bdquo;``) the marks it writes.
Translations are found by file name (``about.fr.md`` beside ``about.md``) or, with a ``contentDir``
per language, by the same path in each folder; a leaf bundle ``about/index.md`` is page ``about``.
Front matter is optional: a content file without it is still a page.
"""
from __future__ import annotations

import os

from . import readers
from .model import Detected

NAME = "hugo"
_NAMES = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")
# The keys read; a ``config.toml`` with none of them is some other program's.
_HUGO_KEYS = {"baseurl", "languagecode", "defaultcontentlanguage", "languages", "theme", "contentdir", "markup", "module"}


def read(folder: str, files: list[str], start: str) -> Detected | None:
    data: dict = {}
    used = []
    for path in files:
        in_default = os.path.basename(os.path.dirname(path)) == "_default"
        loaded = readers.load(path, None if in_default else _HUGO_KEYS)
        if not isinstance(loaded, dict):
            continue
        loaded = readers.lowered(loaded)
        stem = os.path.splitext(os.path.basename(path))[0].lower()
        if in_default and stem not in ("hugo", "config"):
            loaded = {stem: loaded}  # config/_default/languages.toml holds the ``languages`` table
        data.update(loaded)
        used.append(path)
    named = [path for path in files if os.path.basename(path) in _NAMES]
    if not any(key in data for key in _HUGO_KEYS) and not named:
        return None  # a ``config.toml`` of some other program
    site = Detected(NAME, folder, used or named, start)
    shown = site.shown((used or named)[0])
    if not used:
        site.because("generator", f"{shown} could not be read as data; Hugo's defaults apply")
    default = readers.string(data.get("defaultcontentlanguage"))
    site.default_language = default or "en"
    site.because("generator", f"{shown} is a Hugo configuration")
    site.because("default_language", f"{shown}: defaultContentLanguage = {default!r}" if isinstance(default, str)
                  else "Hugo's default (defaultContentLanguage is not set)")
    languages = readers.mapping(data.get("languages"))
    for code in languages:
        site.add_language(code)
    if languages:
        site.because("languages", f"{shown}: [languages] lists {', '.join(languages)}")
    content = readers.string(data.get("contentdir"), "content")
    directories = _content_dirs(data, languages, content)
    if not any(os.path.isdir(os.path.join(folder, path)) for path in {*directories.values(), content}):
        return None  # a theme's or a module's configuration, not a site's
    if len(set(directories.values())) > 1:
        site.content_roots = sorted(set(directories.values()))
        site.translation_patterns = [_per_language_pattern(directories, site.default_language)]
        site.because("translation_patterns", f"{shown}: each language has its own contentDir")
    else:
        site.content_roots = [content]
        site.translation_patterns = [f"{content}/**/*.{{lang}}.{{ext}} | {content}/**/*.{{ext}}"]
        site.because("translation_patterns", "Hugo's translation by file name (about.fr.md beside about.md)")
    smart = _typographer(data, languages, site.default_language)
    site.quotes(smart, "Goldmark's typographer is on unless markup.goldmark.extensions.typographer.disable")
    styles = {code: marks for code, marks in smart.items() if isinstance(marks, str)} if isinstance(smart, dict) else {}
    if styles:
        site.because("smart_quotes", f"{shown}: the typographer's leftDoubleQuote and rightDoubleQuote write "
                     + ", ".join(f"{marks} in {code}" for code, marks in styles.items()))
    site.front_matter_optional("Hugo", "a content file")
    return site


def _content_dirs(data: dict, languages: dict, default: str) -> dict[str, str]:
    """Each language's content folder: its ``contentDir``, or a module mount with its ``lang``."""
    directories = {code: _clean(settings.get("contentdir")) for code, settings in languages.items()
                   if isinstance(settings, dict) and isinstance(settings.get("contentdir"), str)}
    mounts = readers.get(data, "module", "mounts", default=[])
    for mount in mounts if isinstance(mounts, list) else []:
        if isinstance(mount, dict) and mount.get("target") == "content" and isinstance(mount.get("lang"), str) \
                and isinstance(mount.get("source"), str):
            directories.setdefault(mount["lang"], _clean(mount["source"]))
    if directories:
        for code in languages:
            directories.setdefault(code, _clean(default))
    return directories


def _per_language_pattern(directories: dict[str, str], default_language: str) -> str:
    """``content/{lang}/**/*.{ext}`` when every folder is named by its language, else one
    template per language."""
    shapes = {directory[:-len(code)] for code, directory in directories.items() if directory.endswith("/" + code)}
    if len(shapes) == 1 and all(directory.endswith("/" + code) for code, directory in directories.items()):
        return f"{shapes.pop()}{{lang}}/**/*.{{ext}}"
    alternatives = []
    for code, directory in directories.items():
        prefix = "" if code == default_language else f"{code}="
        alternatives.append(f"{prefix}{directory}/**/*.{{ext}}")
    return " | ".join(alternatives)


def _typographer(data: dict, languages: dict, default_language: str) -> bool | dict[str, bool | str]:
    """Whether Goldmark's typographer curls straight double quotes: one answer for the site, or
    one per language where they differ, or where it writes marks of its own (``„“``)."""
    on = _typographer_on(data, True)
    by_language = {code: _typographer_on(settings, on) for code, settings in languages.items() if isinstance(settings, dict)}
    if by_language and len(set(by_language.values())) > 1:
        return by_language
    if isinstance(on, str) or any(isinstance(value, str) for value in by_language.values()):
        return by_language or {default_language: on}  # a style is said per language
    return on


def _typographer_on(data: dict, otherwise: bool | str) -> bool | str:
    """The typographer of the pages ``data`` configures (the site's, or one language's, which
    inherits ``otherwise``): off, on, or the two double quotes it writes when not “ and ”."""
    handler = readers.get(data, "markup", "defaultmarkdownhandler")
    if isinstance(handler, str) and handler.lower() != "goldmark":
        return False
    setting = readers.get(data, "markup", "goldmark", "extensions", "typographer")
    if isinstance(setting, bool):  # Hugo before 0.112: a switch
        return setting
    if not isinstance(setting, dict):
        return otherwise
    if isinstance(setting.get("disable"), bool):
        if setting["disable"]:
            return False
        otherwise = otherwise or True
    if not otherwise:
        return False
    inherited = otherwise if isinstance(otherwise, str) else _CURLY
    marks = _mark(setting.get("leftdoublequote"), inherited[0]) + _mark(setting.get("rightdoublequote"), inherited[1])
    if '"' in marks:
        return False  # it writes straight quotes: nothing is curled
    return True if marks == _CURLY else marks


_CURLY = "“”"


def _mark(value, otherwise: str) -> str:
    """A quote mark as Hugo's config writes it (``&laquo;&nbsp;``, ``„``): the mark itself."""
    if not isinstance(value, str):
        return otherwise
    import html

    mark = html.unescape(value).strip()
    return mark if len(mark) == 1 else otherwise


def _clean(path) -> str:
    return str(path).replace("\\", "/").strip("/").removeprefix("./") or "content"
