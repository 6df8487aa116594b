"""MkDocs: ``mkdocs.yml`` (with the mkdocs-static-i18n plugin when the site uses it), or one
``mkdocs.yml`` per language (``config/<lang>/mkdocs.yml`` with its own ``docs_dir``).

From the documentation: ``docs_dir`` (default ``docs``) holds the pages, relative to the config;
front matter ("meta-data") is optional. Python-Markdown turns straight quotes curly only with the
``smarty`` extension (python-markdown.github.io/extensions/smarty); MkDocs does not add it.
mkdocs-static-i18n (pypi.org/project/mkdocs-static-i18n) reads translations by suffix
(``page.fr.md`` beside ``page.md``, its default ``docs_structure``) or by folder (``docs/fr/``),
with the default language in ``languages`` (``default: true``; older versions ``default_language``).
"""
from __future__ import annotations

import os

from . import layout, readers
from .model import Detected

NAME = "mkdocs"
_KEYS = {"docs_dir", "theme", "plugins", "markdown_extensions"}


def read(folder: str, files: list[str], start: str) -> Detected | None:
    if len(files) > 1:
        return _one_config_per_language(files, start)
    path = files[0]
    data = readers.load(path, _KEYS)
    site = Detected(NAME, folder, files, start)
    shown = site.made_by(path, "is an MkDocs configuration")
    data = data if isinstance(data, dict) else {}
    docs = _folder(data.get("docs_dir"), "docs")
    site.content_roots = [docs]
    language = readers.get(data, "theme", "language")
    i18n = _plugin(data, "i18n")
    if i18n is not None:
        _static_i18n(site, i18n, docs, shown)
    if site.default_language is None:
        site.default_language = language if isinstance(language, str) else "en"
        site.because("default_language", f"{shown}: theme.language" if isinstance(language, str) else "MkDocs' default (en)")
    _typography(site, data, shown)
    return site


def _static_i18n(site: Detected, options: dict, docs: str, shown: str) -> None:
    languages = options.get("languages")
    default = options.get("default_language")
    if isinstance(languages, list):  # mkdocs-static-i18n 1.x: [{locale, default, build, …}]
        for entry in languages:
            if isinstance(entry, dict) and isinstance(entry.get("locale"), str) and entry.get("build", True) is not False:
                site.add_language(entry["locale"])
                if entry.get("default") is True:
                    default = entry["locale"]
    elif isinstance(languages, dict):  # 0.x: {code: name}
        for code in languages:
            site.add_language(str(code))
    if isinstance(default, str):
        site.default_language = default
        site.because("default_language", f"{shown}: the i18n plugin's default language")
    site.because("languages", f"{shown}: the i18n plugin's languages")
    if options.get("docs_structure") == "folder":
        site.translation_patterns = [f"{docs}/{{lang}}/**/*.{{ext}}"]
        site.because("translation_patterns", "mkdocs-static-i18n, docs_structure: folder")
    else:
        site.translation_patterns = [f"{docs}/**/*.{{lang}}.{{ext}} | {docs}/**/*.{{ext}}"]
        site.because("translation_patterns", "mkdocs-static-i18n, docs_structure: suffix (its default)")


def _one_config_per_language(files: list[str], start: str) -> Detected:
    """Several ``mkdocs.yml``, one per language, each with the ``docs_dir`` of its language."""
    site = Detected(NAME, start, files, start)
    site.because("generator", f"{len(files)} MkDocs configurations: {', '.join(site.shown(p) for p in files[:3])}, …")
    directories: dict[str, str] = {}
    smart = {}
    for path in files:
        data = readers.load(path, _KEYS)
        data = data if isinstance(data, dict) else {}
        language = readers.get(data, "theme", "language")
        folder = os.path.dirname(path)
        language = language if isinstance(language, str) else os.path.basename(folder)
        docs = os.path.normpath(os.path.join(folder, _folder(data.get("docs_dir"), "docs")))
        directories[language] = os.path.relpath(docs, start).replace(os.sep, "/")
        site.add_language(language)
        smart[language] = "smarty" in _extensions(data)
    site.because("languages", "theme.language of each configuration")
    site.default_language = layout.likely_default(site.languages)
    site.because("default_language", f"no configuration is the default; {site.default_language} is taken")
    site.content_roots = sorted(set(directories.values()))
    if all(directory.endswith("/" + code) for code, directory in directories.items()) and \
            len({directory[:-len(code)] for code, directory in directories.items()}) == 1:
        shape = next(iter(directories.items()))
        site.translation_patterns = [f"{shape[1][:-len(shape[0])]}{{lang}}/**/*.{{ext}}"]
    else:
        site.translation_patterns = [" | ".join(f"{code}={directory}/**/*.{{ext}}" for code, directory in directories.items())]
    site.because("translation_patterns", "the docs_dir of each configuration")
    site.quotes(smart if len(set(smart.values())) > 1 else any(smart.values()), "the smarty extension" if any(
        smart.values()) else "no configuration enables the smarty extension (Python-Markdown keeps straight quotes)")
    site.front_matter_optional("MkDocs")
    return site


def _typography(site: Detected, data: dict, shown: str) -> None:
    smart = "smarty" in _extensions(data)
    site.quotes(smart, f"{shown}: markdown_extensions has smarty" if smart
                else f"{shown}: no smarty extension (Python-Markdown keeps straight quotes)")
    site.front_matter_optional("MkDocs")


def _extensions(data: dict) -> set[str]:
    found = set()
    for entry in data.get("markdown_extensions") or []:
        if isinstance(entry, str):
            found.add(entry.rsplit(".", 1)[-1])
        elif isinstance(entry, dict):
            found.update(str(name).rsplit(".", 1)[-1] for name in entry)
    return found


def _plugin(data: dict, name: str) -> dict | None:
    for entry in data.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] if isinstance(entry[name], dict) else {}
    return None


def _folder(value, default: str) -> str:
    text = value if isinstance(value, str) and value.strip() else default
    return text.replace("\\", "/").rstrip("/").removeprefix("./") or "."
