"""Docusaurus: ``docusaurus.config.js|ts|mjs|cjs``, read as data (never run).

From the documentation (docusaurus.io/docs/i18n/tutorial, /docs/api/docusaurus-config): ``i18n``
names ``defaultLocale`` and ``locales``; the default locale's files stay where each content plugin
reads them (``docs/``, ``versioned_docs/version-*/``, ``blog/``, ``src/pages/``) and a translation
sits at the same path under ``i18n/<locale>/docusaurus-plugin-content-docs[-<id>]/current/``,
``…/version-*/``, ``i18n/<locale>/docusaurus-plugin-content-blog[-<id>]/`` and
``…/docusaurus-plugin-content-pages/``. Front matter is optional for docs, blog posts and pages.
Markdown goes through MDX (remark), which has no smart-quote step unless a remark plugin such as
remark-smartypants is added.
"""
from __future__ import annotations

import os

from . import jsobject, readers
from .model import Detected

NAME = "docusaurus"
_DOCS, _BLOG, _PAGES = "@docusaurus/plugin-content-docs", "@docusaurus/plugin-content-blog", "@docusaurus/plugin-content-pages"


def read(folder: str, files: list[str], start: str) -> Detected | None:
    program = readers.program(files[0])
    site = Detected(NAME, folder, files, start)
    shown = site.made_by(files[0], "is a Docusaurus configuration")
    i18n = next(iter(jsobject.objects_with(program, "i18n")), {}).get("i18n")
    i18n = i18n if isinstance(i18n, dict) else {}
    default = i18n.get("defaultLocale")
    site.default_language = default if isinstance(default, str) else "en"
    site.because("default_language", f"{shown}: i18n.defaultLocale" if isinstance(default, str)
                 else "Docusaurus's default locale (i18n.defaultLocale is not set)")
    locales = [code for code in i18n.get("locales", []) if isinstance(code, str)] if isinstance(i18n.get("locales"), list) else []
    for code in locales:
        site.add_language(code)
    if locales:
        site.because("languages", f"{shown}: i18n.locales")
    i18n_folder = readers.string(i18n.get("path"), "i18n")
    for kind, plugin_id, path in _content_plugins(program):
        pattern = _pattern(folder, kind, plugin_id, path, i18n_folder)
        site.translation_patterns.extend(pattern)
        site.content_roots.append(path)
    site.because("translation_patterns", f"each content plugin of {shown} and its folder under {i18n_folder}/<locale>/")
    smart = jsobject.mentions(program, "smartypants")
    site.quotes(smart, "a smartypants remark plugin is configured" if smart
                else "MDX has no smart quotes (no smartypants remark plugin is configured)")
    site.front_matter_optional("Docusaurus")
    return site


def _content_plugins(program) -> list[tuple[str, str, str]]:
    """``(kind, plugin id, folder)`` of every content plugin: the classic preset's, then the others."""
    found = []
    presets = next(iter(jsobject.objects_with(program, "presets")), {}).get("presets")
    options = None
    for preset in presets if isinstance(presets, list) else []:
        name, settings = (preset[0], preset[1] if len(preset) > 1 else {}) if isinstance(preset, list) and preset else (preset, {})
        if isinstance(name, str) and "classic" in name:
            options = settings if isinstance(settings, dict) else {}
    if options is not None or not presets:
        options = options or {}
        for kind, key, folder in (("docs", "docs", "docs"), ("blog", "blog", "blog"), ("pages", "pages", "src/pages")):
            settings = options.get(key, {})
            if settings is False:
                continue
            path = readers.string(readers.mapping(settings).get("path"), folder)
            found.append((kind, "default", _clean(path)))
    plugins = next(iter(jsobject.objects_with(program, "plugins")), {}).get("plugins")
    for plugin in plugins if isinstance(plugins, list) else []:
        written, settings = (plugin[0], plugin[1] if len(plugin) > 1 else {}) if isinstance(plugin, list) and plugin else (plugin, {})
        if isinstance(written, jsobject.Call) and written.args:  # require.resolve('@docusaurus/plugin-content-docs')
            written = written.args[0]
        plugin_kind = {_DOCS: "docs", _BLOG: "blog", _PAGES: "pages"}.get(written) if isinstance(written, str) else None
        if plugin_kind is None or not isinstance(settings, dict):
            continue
        plugin_id = readers.string(settings.get("id"), "default")
        path = readers.string(settings.get("path"), {"docs": "docs", "blog": "blog", "pages": "src/pages"}[plugin_kind])
        found.append((plugin_kind, plugin_id, _clean(path)))
    return found


def _pattern(folder: str, kind: str, plugin_id: str, path: str, i18n_folder: str) -> list[str]:
    suffix = "" if plugin_id == "default" else f"-{plugin_id}"
    translated = f"{i18n_folder}/{{lang}}/docusaurus-plugin-content-{kind}{suffix}"
    if kind != "docs":
        return [f"{path}/**/*.{{ext}} | {translated}/**/*.{{ext}}"]
    patterns = [f"{path}/**/*.{{ext}} | {translated}/current/**/*.{{ext}}"]
    versioned = "versioned_docs" if plugin_id == "default" else f"{plugin_id}_versioned_docs"
    if os.path.isdir(os.path.join(folder, versioned)):
        patterns.append(f"{versioned}/version-*/**/*.{{ext}} | {translated}/version-*/**/*.{{ext}}")
    return patterns


def _clean(path: str) -> str:
    return path.replace("\\", "/").strip("/").removeprefix("./") or "."
