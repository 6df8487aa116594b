"""Finding the site a run is in: its generator's configuration, from the start folder upwards,
then in the few folders below it where sites keep theirs (``docs/``, ``website/``,
``packages/*/``, ``config/*/``: ``config-folders`` in ``rules/site.yaml``); else the layout of
its folders. Everything found can be set in the configuration's ``site:`` section instead.

Detection lists a few dozen folders at most and reads a handful of small files, once per run.
"""
from __future__ import annotations

import importlib
import os

from . import readers
from .finders import FINDERS
from .model import Detected, Site

_REPOSITORY_MARKERS = (".git", ".hg", ".svn")
MAX_LEVELS_UP = 40


def detect(start: str, settings: dict | None = None) -> Site:
    """The site ``start`` is in, with ``settings`` (the configuration's ``site:`` section) applied."""
    settings = settings or {}
    start = os.path.abspath(settings.get("root") or start)
    wanted = settings.get("generator")
    found = _search(start, wanted) if wanted != "none" else None
    if found is None:
        found = _from_layout(start, wanted)
    _add_mirror(found)
    return _configured(found, settings)


def _finders(wanted: str | None):
    if wanted is None:
        return FINDERS
    return tuple((name, finder) for name, finder in FINDERS
                 if name == wanted or name == "vitepress" and wanted == "vuepress")


def _reader(name: str):
    """A generator's reader, imported when its configuration is found."""
    return importlib.import_module(f"{__package__}.{name}")


def _search(start: str, wanted: str | None) -> Detected | None:
    readers_wanted = _finders(wanted)
    folder = start
    for _ in range(MAX_LEVELS_UP):
        listing = readers.entries(folder)
        found = _read_folder(folder, listing, readers_wanted, start)
        if found is not None:
            return found
        parent = os.path.dirname(folder)
        if parent == folder or any(marker in listing for marker in _REPOSITORY_MARKERS):
            break
        folder = parent
    return _search_below(start, readers_wanted)


def _read_folder(folder: str, listing: dict[str, bool], wanted, start: str) -> Detected | None:
    for name, finder in wanted:
        files = finder(folder, listing)
        if files:
            found = _reader(name).read(folder, files, start)
            if found is not None:
                return found
    return None


def _search_below(start: str, wanted) -> Detected | None:
    """The folders below ``start`` where sites keep their configuration, in the order listed."""
    per_language: list[str] = []
    mkdocs = dict(wanted).get("mkdocs")
    for folder in _folders_below(start):
        listing = readers.entries(folder)
        if mkdocs is not None and os.path.basename(os.path.dirname(folder)) == "config":
            per_language += mkdocs(folder, listing)  # config/<lang>/mkdocs.yml: one site, read together
            continue
        found = _read_folder(folder, listing, wanted, start)
        if found is not None:
            return found
    if per_language:
        folder = start if len(per_language) > 1 else os.path.dirname(per_language[0])
        return _reader("mkdocs").read(folder, per_language, start)
    return None


def _folders_below(start: str) -> list[str]:
    from ..packs.loading import load_builtin

    found = []
    for written in load_builtin("site").get("config-folders") or []:
        parent, _, name = str(written).rpartition("/")
        if name != "*":
            path = os.path.join(start, written)
            if os.path.isdir(path):
                found.append(path)
            continue
        base = os.path.join(start, parent)
        found += [os.path.join(base, entry) for entry, is_folder in sorted(readers.entries(base).items())
                  if is_folder and not entry.startswith(".")]
    return found


def _from_layout(start: str, wanted: str | None) -> Detected:
    """No configuration: the languages are the folders named by a language, the default language
    that of the pages beside them."""
    from . import layout

    site = Detected(wanted or "none", start, (), start)
    site.because("generator", f"no configuration of a known generator in {start} or above it, "
                              "nor in the folders where sites keep one")
    site.content_roots = ["."]
    found = layout.find_language_folders(start)
    if found is not None:
        folder, codes = found
        for code in codes:
            site.add_language(code)
        site.because("languages", f"the folders of {site.shown(folder) if folder != start else '.'} named by a language")
        guessed = layout.guess_language(layout.sample_pages(folder, set(codes)))
        if guessed and not any(_same(guessed, code) for code in codes):
            site.default_language = guessed
            site.because("default_language", f"the pages beside the language folders are in {guessed} "
                                             "(by their script or commonest words)")
        else:
            site.default_language = layout.likely_default(site.languages)
            site.because("default_language", f"no default is named; {site.default_language} is taken")
    site.front_matter_required = True
    site.because("front_matter_required", "no generator is known: front matter is expected, as Jekyll expects it")
    site.quotes(False, "no generator is known: quotes are published as written")
    return site


def _add_mirror(site: Detected) -> None:
    """A single-language site with a second tree of the same pages in another language (an
    upstream source kept beside its translation): the two are versions of each other."""
    if len(site.languages) > 1 or len(site.content_roots) != 1 or site.content_roots[0] in (".", ""):
        return
    from . import layout

    content = site.content_roots[0]
    found = layout.mirror_of(site.root, content, site.default_language)
    if found is None:
        return
    folder, language = found
    site.add_language(language)
    site.because("languages", f"{folder}/ holds the pages of {content}/ in {language} (by their script or commonest words)")
    site.translation_patterns.append(f"{content}/**/*.{{ext}} | {language}={folder}/**/*.{{ext}}")
    site.because("translation_patterns", f"{folder}/ holds the pages of {content}/ under the same names, in {language}")


def _same(first: str, second: str) -> bool:
    from ..languages import same

    return same(first, second)


def _configured(site: Detected, settings: dict) -> Site:
    """``site`` with what the configuration's ``site:`` section sets."""
    where = settings.get("__source__", "the configuration")
    overridden = []
    fields = {"generator": "generator", "default-language": "default_language", "languages": "languages",
              "translation-patterns": "translation_patterns", "front-matter-required": "front_matter_required",
              "smart-quotes": "smart_quotes", "content-roots": "content_roots"}
    for key, field in fields.items():
        if key not in settings:
            continue
        value = settings[key]
        setattr(site, field, list(value) if isinstance(value, (list, tuple)) else dict(value) if isinstance(value, dict) else value)
        site.evidence = [(name, why) for name, why in site.evidence if name != field]
        site.because(field, f"set in {where} (site.{key})")
        overridden.append(field)
    return site.site(overridden)
