"""Site detection and ``copydesk site``: the generator, languages and translation layout of a site,
read from its configuration as data (JavaScript is never run), and why.

Every fixture here is written by us; the real sites of ``../shared/corpus/sites`` are read in place.
"""
from __future__ import annotations

import itertools
import json
import os
import re
import time
from pathlib import Path

import pytest

from conftest import SITES, copydesk, write
from linters.site import detect, jsobject
from linters.languages import same as same_language
from linters.translations.grouping import Grouping, for_site
from linters.packs.loading import load_builtin

PACK_PATTERNS = load_builtin("translations")["path-patterns"]


def site_json(folder, *extra):
    run = copydesk("site", *extra, "--format", "json", cwd=folder)
    assert run.code == 0 and "Traceback" not in run.err, run
    return run.json()


def same_languages(found, expected) -> bool:
    unmatched = list(found)
    for language in expected:
        partner = next((candidate for candidate in unmatched if same_language(candidate, language)), None)
        if partner is None:
            return False
        unmatched.remove(partner)
    return not unmatched


# -- the real sites -------------------------------------------------------------------------------


def _manifest_sites():
    if not (SITES / "manifest.json").is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus/sites is not beside this checkout"))]
    sites = json.loads((SITES / "manifest.json").read_text(encoding="utf-8"))["sites"]
    return [pytest.param(site, id=site["site_dir"]) for site in sites]


def _expected_generator(text: str) -> str:
    lowered = text.lower()
    for name in ("docusaurus", "hugo", "mkdocs", "vitepress", "starlight", "jekyll", "rspress"):
        if name in lowered:
            return name
    return "none"


# What each real site's renderer does with straight quotes, and whether a page there needs front
# matter, as we read its configuration and its generator's documentation (the manifest does not
# say): (smart_quotes, front_matter_required). Hugo's Goldmark typographer and kramdown curl quotes
# unless told not to, Astro runs SmartyPants; MDX (Docusaurus, Rspress), Python-Markdown without
# smarty (MkDocs) and markdown-it without typographer (VitePress) do not. Jekyll renders only files
# with front matter and Starlight's docs schema requires a title; the others make pages without.
RENDERING = {
    "cubxxw__blog": (True, False), "cncf__glossary": (True, False), "imfing__hextra": (True, False),
    "helm__helm-www": (False, False), "GladysAssistant__v4-website": (False, False),
    "jiangjiax__informedainews.com": (False, False), "UNDP-UNBL__elsa-documentation": (False, False),
    "MobilityData__gtfs.org": (False, False), "vuejs__pinia": (False, False),
    "withastro__starlight": (True, True), "ruby__www.ruby-lang.org": (True, True),
    "yunseo-kim__yunseo-kim.github.io": (True, True),
    "TanStack-dev__query": (False, True),  # no generator: quotes as written, front matter as Jekyll expects
    "nestcn__docs.nestjs.cn": (False, False),
}


@pytest.mark.parametrize("site", _manifest_sites())
def test_each_real_site_is_detected_as_its_manifest_says(site):
    folder = SITES / site["site_dir"]
    found = site_json(folder)
    assert found["generator"] == _expected_generator(site["generator"])
    assert same_language(found["default_language"], re.match(r"[A-Za-z_-]+", site["default_language"]).group())
    assert same_languages(found["languages"], site["languages"]), (found["languages"], site["languages"])
    assert found["evidence"]["generator"] and found["evidence"]["languages"]
    assert (found["smart_quotes"], found["front_matter_required"]) == RENDERING[site["site_dir"]]
    assert found["evidence"]["smart_quotes"] and found["evidence"]["front_matter_required"]


def test_every_real_site_has_its_expected_rendering():
    if not (SITES / "manifest.json").is_file():
        pytest.skip("../shared/corpus/sites is not beside this checkout")
    sites = json.loads((SITES / "manifest.json").read_text(encoding="utf-8"))["sites"]
    assert sorted(RENDERING) == sorted(site["site_dir"] for site in sites)


# Versions the manifest puts in one group that the site's generator does not pair: a translation
# published under another slug (Hugo pairs by path unless ``translationKey`` says otherwise, and no
# cncf file says it), a sync-conflict copy whose name is a page of its own (Docusaurus), and a stale
# duplicate at another path (nestcn).
NOT_PAIRED_BY_THE_GENERATOR = {
    "cncf__glossary": re.compile(r"content/[a-z-]+/(?:autoscaling|chaos_engineering|cloud native apps|cloud_native_apps"
                                 r"|cloud_native_security|containers|microservices|service discovery"
                                 r"|tightly-coupled-architectures)\.md$"),
    "jiangjiax__informedainews.com": re.compile(r"\.mdx \d\d-\d\d-\d\d-\d+\.mdx$| copy\.mdx$"),
    "nestcn__docs.nestjs.cn": re.compile(r"^docs/overview/controllers\.md$"),
}


@pytest.mark.parametrize("site", _manifest_sites())
def test_each_real_sites_translations_are_grouped_as_its_generator_groups_them(site, monkeypatch):
    folder = SITES / site["site_dir"]
    monkeypatch.chdir(folder)
    grouping = for_site(detect(str(folder)), PACK_PATTERNS)
    unpaired = NOT_PAIRED_BY_THE_GENERATOR.get(site["site_dir"])
    expected = {}
    for number, group in enumerate(site["groups"]):
        for version in group:
            apart = unpaired is not None and unpaired.search(version["path"])  # paired with its own slug only
            expected[version["path"]] = (number, os.path.basename(version["path"])) if apart else (number,)
    keys = {path: grouping.key(path) for path in expected}
    for first, second in itertools.combinations(sorted(expected), 2):
        paired = keys[first] is not None and keys[first] == keys[second]
        assert paired == (expected[first] == expected[second]), (first, second)
    for path in expected:  # a pre-commit run names one version: the others are found on disk
        mates = {os.path.abspath(other) for other in expected if other != path and keys[other] == keys[path]}
        assert mates <= set(grouping.siblings(path)), path


def test_the_groups_of_a_real_site_are_listed_with_each_versions_language(sites):
    found = site_json(sites / "vuejs__pinia", "--groups")
    group = next(group for group in found["groups"] if group[0]["path"].endswith("cookbook/composables.md"))
    assert [(version["path"], version["language"], version["source"]) for version in group] == [
        ("packages/docs/cookbook/composables.md", "en-US", "site default"),
        ("packages/docs/zh/cookbook/composables.md", "zh", "path")]


# -- one minimal site per generator and configuration syntax ------------------------------------


def test_jekyll_with_polyglot(tmp_path):
    write(tmp_path / "_config.yml", 'plugins: [jekyll-polyglot]\nlanguages: ["en", "fr", "pt-BR"]\ndefault_lang: "en"\n')
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"], found["languages"]) == ("jekyll", "en", ["en", "fr", "pt-BR"])
    assert found["front_matter_required"] is True and found["smart_quotes"] is True
    assert found["evidence"]["languages"] == ["_config.yml: languages (jekyll-polyglot)"]


def test_jekyll_languages_from_folders_and_straight_kramdown_quotes(tmp_path):
    write(tmp_path / "_config.yml", "kramdown:\n  smart_quotes: apos,apos,quot,quot\nplugins: [jekyll-optional-front-matter]\n")
    for language in ("de", "en", "ja"):
        write(tmp_path / language / "index.md", "---\ntitle: x\n---\n")
    found = site_json(tmp_path)
    assert (found["default_language"], found["languages"]) == ("en", ["de", "en", "ja"])
    assert found["smart_quotes"] is False and found["front_matter_required"] is False


def test_hugo_toml_with_a_content_folder_per_language_and_typographer_per_language(tmp_path):
    write(tmp_path / "hugo.toml", """
defaultContentLanguage = 'fr'
[languages.fr]
contentDir = 'content/fr'
[languages.en]
contentDir = 'content/en'
[languages.en.markup.goldmark.extensions.typographer]
disable = true
""")
    write(tmp_path / "content" / "fr" / "a.md", "x")
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"], found["languages"]) == ("hugo", "fr", ["fr", "en"])
    assert found["translation_patterns"] == ["content/{lang}/**/*.{ext}"]
    assert found["smart_quotes"] == {"en": False, "fr": True}
    assert found["front_matter_required"] is False


def test_a_version_in_a_folder_the_layout_names_is_labelled_by_the_layout_not_the_default(tmp_path):
    """Hugo's contentDir per language, not named by the language: ``fr=content-fr/…``."""
    write(tmp_path / "hugo.toml", "defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content'\n"
                                  "[languages.fr]\ncontentDir = 'content-fr'\n")
    write(tmp_path / "content" / "a.md", "Hello.\n")
    write(tmp_path / "content-fr" / "a.md", "Bonjour.\n")
    found = site_json(tmp_path, "--groups")
    assert found["translation_patterns"] == ["content/**/*.{ext} | fr=content-fr/**/*.{ext}"]
    assert [(version["path"], version["language"], version["source"]) for version in found["groups"][0]] == [
        ("content-fr/a.md", "fr", "site layout"), ("content/a.md", "en", "site default")]
    shown = copydesk("site", "--groups", cwd=tmp_path).out
    assert "content-fr/a.md  [fr: site layout]" in shown and "content/a.md  [en: site default]" in shown


def test_hugo_typographer_quote_marks_per_language_are_what_the_reader_sees(tmp_path):
    write(tmp_path / "hugo.toml", """
defaultContentLanguage = 'en'
[languages.en]
[languages.de.markup.goldmark.extensions.typographer]
leftDoubleQuote = '&bdquo;'
rightDoubleQuote = '&ldquo;'
[languages.fr.markup.goldmark.extensions.typographer]
leftDoubleQuote = '&laquo;&nbsp;'
rightDoubleQuote = '&nbsp;&raquo;'
[languages.nl.markup.goldmark.extensions.typographer]
leftDoubleQuote = '&quot;'
""")
    write(tmp_path / "content" / "brief.de.md", '---\ntitle: Brief\n---\n\nSie schrieb "bis morgen" auf den Zettel.\n')
    write(tmp_path / "content" / "lettre.fr.md", '---\ntitle: Lettre\n---\n\nElle a \u00e9crit "\u00e0 demain" sur le mot.\n')
    write(tmp_path / "content" / "note.md", '---\ntitle: Note\n---\n\nShe wrote "see you" on the note.\n')
    found = site_json(tmp_path)
    assert found["smart_quotes"] == {"de": "\u201e\u201c", "en": True, "fr": "\u00ab\u00bb", "nl": False}
    assert "the typographer's leftDoubleQuote and rightDoubleQuote write" in found["evidence"]["smart_quotes"][1]
    assert "smart quotes      de: \u201e\u201c, en: yes, fr: \u00ab\u00bb, nl: no" in copydesk("site", cwd=tmp_path).out
    # the reader sees „bis morgen“ and « à demain »: no wrong style to report
    run = copydesk("check", "--no-cache", "--select", "QUO", ".", cwd=tmp_path)
    assert run.code == 0 and "QUO" not in run.out, run


def test_the_marks_a_renderer_writes_can_be_configured_per_language(tmp_path):
    write(tmp_path / ".copydesk.yaml", "site:\n  generator: hugo\n  smart-quotes: {de: \u201e\u201c, en: true}\n")
    assert site_json(tmp_path)["smart_quotes"] == {"de": "\u201e\u201c", "en": True}
    write(tmp_path / ".copydesk.yaml", "site:\n  smart-quotes: {de: '\"\"'}\n")
    run = copydesk("site", cwd=tmp_path)
    assert run.code == 2 and "'site.smart-quotes' must be true, false" in run.err, run


def test_hugo_yaml_below_the_start_folder_beside_a_theme_configuration(tmp_path):
    write(tmp_path / "hugo.toml", "[module]\n[module.hugoVersion]\nmin = '0.146.0'\n")  # a theme's: no content
    write(tmp_path / "docs" / "hugo.yaml", "DefaultContentLanguage: en\nlanguages:\n  en: {}\n  ja: {}\n")
    write(tmp_path / "docs" / "content" / "a.md", "x")
    found = site_json(tmp_path)
    assert found["root"] == str(tmp_path / "docs")
    assert found["evidence"]["generator"] == ["docs/hugo.yaml is a Hugo configuration"]
    assert found["translation_patterns"] == ["content/**/*.{lang}.{ext} | content/**/*.{ext}"]


def test_hugo_json_and_an_old_config_toml(tmp_path):
    write(tmp_path / "a" / "hugo.json", '{"defaultContentLanguage": "de", "languages": {"de": {}, "en": {}}}')
    write(tmp_path / "a" / "content" / "x.md", "x")
    write(tmp_path / "b" / "config.toml", "baseURL = 'https://example.org/'\n")
    write(tmp_path / "b" / "content" / "x.md", "x")
    write(tmp_path / "c" / "config.toml", "[tool.other]\nname = 'not a site'\n")
    assert site_json(tmp_path / "a")["languages"] == ["de", "en"]
    assert site_json(tmp_path / "b")["generator"] == "hugo"
    assert site_json(tmp_path / "c")["generator"] == "none"


def test_hugo_config_default_folder(tmp_path):
    write(tmp_path / "config" / "_default" / "hugo.toml", "defaultContentLanguage = 'es'\n")
    write(tmp_path / "config" / "_default" / "languages.toml", "[es]\nweight = 1\n[en]\nweight = 2\n")
    write(tmp_path / "config" / "_default" / "markup.toml", "[goldmark.extensions.typographer]\ndisable = true\n")
    write(tmp_path / "content" / "x.md", "x")
    found = site_json(tmp_path)
    assert (found["default_language"], found["languages"], found["smart_quotes"]) == ("es", ["es", "en"], False)


def test_docusaurus_js_with_versions_and_a_second_docs_plugin(tmp_path):
    write(tmp_path / "docusaurus.config.js", """// @ts-check
const {themes} = require('prism-react-renderer');
/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'Site', url: process.env.URL || 'https://example.org',
  i18n: { defaultLocale: 'en', locales: ['en', 'ko'] },
  presets: [['classic', /** @type {import('@docusaurus/preset-classic').Options} */ ({
    docs: { sidebarPath: require.resolve('./sidebars.js'), editUrl: ({locale}) => `/${locale}` },
    blog: { showReadingTime: true },
  })]],
  plugins: [['@docusaurus/plugin-content-docs', { id: 'community', path: 'community' }]],
};
module.exports = config;
""")
    (tmp_path / "versioned_docs").mkdir()
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"], found["languages"]) == ("docusaurus", "en", ["en", "ko"])
    assert found["translation_patterns"] == [
        "docs/**/*.{ext} | i18n/{lang}/docusaurus-plugin-content-docs/current/**/*.{ext}",
        "versioned_docs/version-*/**/*.{ext} | i18n/{lang}/docusaurus-plugin-content-docs/version-*/**/*.{ext}",
        "blog/**/*.{ext} | i18n/{lang}/docusaurus-plugin-content-blog/**/*.{ext}",
        "src/pages/**/*.{ext} | i18n/{lang}/docusaurus-plugin-content-pages/**/*.{ext}",
        "community/**/*.{ext} | i18n/{lang}/docusaurus-plugin-content-docs-community/current/**/*.{ext}"]
    assert found["smart_quotes"] is False and found["front_matter_required"] is False


def test_docusaurus_ts_exporting_a_function(tmp_path):
    write(tmp_path / "docusaurus.config.ts", """import type {Config} from '@docusaurus/types';
import smartypants from 'remark-smartypants';
export default async function createConfig(): Promise<Config> {
  const locale = process.env.LOCALE ?? 'fr'
  return {
    i18n: {defaultLocale: 'fr', locales: ['fr', 'en']},
    presets: [['classic', {docs: {path: 'guide', remarkPlugins: [smartypants]}, blog: false}]],
  } satisfies Config;
}
""")
    found = site_json(tmp_path)
    assert (found["default_language"], found["languages"]) == ("fr", ["fr", "en"])
    assert found["translation_patterns"][0] == "guide/**/*.{ext} | i18n/{lang}/docusaurus-plugin-content-docs/current/**/*.{ext}"
    assert not any(pattern.startswith("blog/") for pattern in found["translation_patterns"])
    assert found["smart_quotes"] is True


def test_mkdocs_static_i18n_with_python_tags_and_smarty(tmp_path):
    write(tmp_path / "mkdocs.yml", """site_name: S
markdown_extensions:
  - smarty
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: es
          default: true
        - locale: en
        - locale: de
          build: false
""")
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"], found["languages"]) == ("mkdocs", "es", ["es", "en"])
    assert found["translation_patterns"] == ["docs/**/*.{lang}.{ext} | docs/**/*.{ext}"]
    assert found["smart_quotes"] is True and found["front_matter_required"] is False


def test_mkdocs_with_one_configuration_per_language(tmp_path):
    for language in ("en", "fr"):
        write(tmp_path / "config" / language / "mkdocs.yml", f"docs_dir: ../../docs/{language}\ntheme:\n  language: {language}\n")
    found = site_json(tmp_path)
    assert (found["generator"], found["languages"], found["translation_patterns"]) == (
        "mkdocs", ["en", "fr"], ["docs/{lang}/**/*.{ext}"])


def test_vitepress_config_folder_below_the_start_folder(tmp_path):
    write(tmp_path / "packages" / "docs" / ".vitepress" / "config" / "index.mts", """import { defineConfig } from 'vitepress'
import { shared } from './shared'
export default defineConfig({
  ...shared,
  locales: {
    root: { label: 'English', lang: 'en-US', ...enConfig },
    fr: { label: 'Français', lang: 'fr-FR', link: '/fr/' },
    ko: { label: '한국어', lang: 'ko-KR', link: 'https://ko.example.org/' },
  },
  markdown: { typographer: true },
})
""")
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"], found["languages"]) == ("vitepress", "en-US", ["en-US", "fr"])
    assert found["root"] == str(tmp_path / "packages" / "docs")
    assert found["translation_patterns"] == ["{lang}/**/*.{ext} | **/*.{ext}"]
    assert found["smart_quotes"] is True


def test_vuepress_locales_written_as_paths(tmp_path):
    write(tmp_path / "docs" / ".vuepress" / "config.js", """module.exports = {
  locales: { '/': { lang: 'en-US' }, '/zh/': { lang: 'zh-CN' } }
}""")
    found = site_json(tmp_path / "docs")
    assert (found["generator"], found["default_language"], found["languages"]) == ("vuepress", "en-US", ["en-US", "zh"])
    assert found["smart_quotes"] is False


def test_starlight_locales_declared_beside_the_config(tmp_path):
    write(tmp_path / "docs" / "astro.config.mjs", """import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
export const locales = {
\troot: { label: 'English', lang: 'en' },
\t'pt-br': { label: 'Português do Brasil', lang: 'pt-BR' },
\tja: { label: '日本語', lang: 'ja' },
};
export default defineConfig({
\tmarkdown: { smartypants: false },
\tintegrations: [starlight({ title: 'Docs', locales })],
});
""")
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"], found["languages"]) == ("starlight", "en", ["en", "pt-br", "ja"])
    assert found["translation_patterns"] == ["src/content/docs/{lang}/**/*.{ext} | src/content/docs/**/*.{ext}"]
    assert found["smart_quotes"] is False and found["front_matter_required"] is True


def test_an_astro_site_without_starlight_is_no_known_generator(tmp_path):
    write(tmp_path / "astro.config.mjs", "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n")
    assert site_json(tmp_path)["generator"] == "none"


def test_eleventy_with_the_i18n_plugin(tmp_path):
    write(tmp_path / "eleventy.config.js", """import { I18nPlugin } from "@11ty/eleventy";
export default function (eleventyConfig) {
  eleventyConfig.addPlugin(I18nPlugin, { defaultLanguage: "es" });
  return { dir: { input: "src" } };
}
""")
    for language in ("es", "en"):
        (tmp_path / "src" / language).mkdir(parents=True)
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"], sorted(found["languages"])) == ("eleventy", "es", ["en", "es"])
    assert found["content_roots"] == ["src"] and found["smart_quotes"] is False


def test_rspress_with_locales_and_a_computed_root(tmp_path):
    write(tmp_path / "rspress.config.ts", """import * as path from 'node:path';
import { defineConfig } from '@rspress/core';
export default defineConfig({
  root: path.join(__dirname, 'site'),
  lang: 'zh',
  locales: [{ lang: 'zh', label: '简体中文' }, { lang: 'en', label: 'English' }],
});
""")
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"], found["languages"]) == ("rspress", "zh", ["zh", "en"])
    assert found["translation_patterns"] == ["site/{lang}/**/*.{ext}"]


def test_no_generator_languages_from_folders_and_the_default_from_the_pages(tmp_path):
    english = "The guide explains how to install the tool and how to use it with your own data. " * 3
    write(tmp_path / "docs" / "guide" / "install.md", english)
    write(tmp_path / "docs" / "zh-hans" / "guide" / "install.md", "安装指南")
    write(tmp_path / "docs" / "japanese" / "guide" / "install.md", "インストール")
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"], found["languages"]) == ("none", "en", ["en", "japanese", "zh-hans"])
    assert found["evidence"]["default_language"] == [
        "the pages beside the language folders are in en (by their script or commonest words)"]


def test_detection_walks_up_from_a_subfolder(tmp_path):
    write(tmp_path / "mkdocs.yml", "site_name: S\n")
    (tmp_path / "docs" / "deep" / "er").mkdir(parents=True)
    found = site_json(tmp_path / "docs" / "deep" / "er")
    assert (found["generator"], found["root"]) == ("mkdocs", str(tmp_path))


# -- the configuration's site: section -------------------------------------------------------------


def test_the_site_section_overrides_what_was_detected(tmp_path):
    write(tmp_path / "_config.yml", "lang: en\n")
    write(tmp_path / ".copydesk.yaml", """site:
  default-language: fr
  languages: [fr, en]
  translation-patterns: ["notes/**/*.{ext} | notes/{lang}/**/*.{ext}"]
  smart-quotes: {fr: false, en: true}
  front-matter-required: false
""")
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"], found["languages"]) == ("jekyll", "fr", ["fr", "en"])
    assert found["smart_quotes"] == {"en": True, "fr": False} and found["front_matter_required"] is False
    assert found["overridden"] == ["default_language", "languages", "translation_patterns", "front_matter_required", "smart_quotes"]
    assert found["evidence"]["default_language"] == [f"set in {tmp_path / '.copydesk.yaml'} (site.default-language)"]
    text = copydesk("site", cwd=tmp_path)
    assert "because set in" in text.out and text.code == 0


def test_the_site_section_of_pyproject_overrides_every_detected_field(tmp_path):
    write(tmp_path / "pyproject.toml", """[tool.copydesk.site]
generator = "hugo"
root = "site"
default-language = "fr"
languages = ["fr", "en"]
content-roots = ["pages"]
translation-patterns = ["pages/**/*.{lang}.{ext} | pages/**/*.{ext}"]
front-matter-required = true
smart-quotes = {fr = false, en = true}
""")
    write(tmp_path / "site" / "pages" / "a.md", "Bonjour.\n")
    write(tmp_path / "site" / "pages" / "a.en.md", "Hello.\n")
    found = site_json(tmp_path, "--groups")
    assert (found["root"], found["generator"], found["default_language"], found["languages"]) == (
        str(tmp_path / "site"), "hugo", "fr", ["fr", "en"])
    assert (found["content_roots"], found["front_matter_required"], found["smart_quotes"]) == (
        ["pages"], True, {"en": True, "fr": False})
    assert sorted(found["overridden"]) == sorted(["generator", "default_language", "languages", "content_roots",
                                                  "translation_patterns", "front_matter_required", "smart_quotes"])
    assert [(version["path"], version["language"], version["source"]) for version in found["groups"][0]] == [
        ("site/pages/a.en.md", "en", "path"), ("site/pages/a.md", "fr", "site default")]


def test_the_generator_can_be_named_and_detection_turned_off(tmp_path):
    write(tmp_path / "_config.yml", "lang: en\n")
    write(tmp_path / ".copydesk.yaml", "site:\n  generator: none\n")
    assert site_json(tmp_path)["generator"] == "none"
    write(tmp_path / ".copydesk.yaml", "site: false\n")
    run = copydesk("site", cwd=tmp_path)
    assert run.code == 0 and "detection is off" in run.err


@pytest.mark.parametrize("section, message", [
    ("site:\n  generater: hugo\n", "'site': unknown key 'generater' (did you mean 'generator'?)"),
    ("site:\n  generator: gatsby\n", "'site.generator' must be one of jekyll, hugo"),
    ("site:\n  smart-quotes: {fr: maybe}\n", "'site.smart-quotes' must be true, false"),
    ("site:\n  translation-patterns: ['docs/*.md']\n", "has no {lang}"),
    ("site: [hugo]\n", "'site' must be a mapping of site settings"),
])
def test_a_wrong_site_section_is_a_configuration_error(tmp_path, section, message):
    write(tmp_path / ".copydesk.yaml", section)
    for command in (("site",), ("check",)):
        run = copydesk(*command, cwd=tmp_path)
        assert run.code == 2 and message in run.err and "Traceback" not in run.err, run


# -- hostile configurations: a diagnostic or defaults, never a hang or a traceback ----------------


def test_an_unterminated_javascript_config_is_read_as_far_as_it_goes(tmp_path):
    write(tmp_path / "docusaurus.config.js", "module.exports = { i18n: { defaultLocale: 'fr', locales: ['fr', 'de'")
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"], found["languages"]) == ("docusaurus", "fr", ["fr", "de"])


@pytest.mark.parametrize("text", [
    "(" * 100_000, "[" * 100_000, "x = {" * 50_000, '"' + "a" * 300_000, "`${" * 50_000, "/" * 100_000,
    "export default " + "{a:" * 20_000, "\0\xff garbage \ud7ff" * 1000,
    "const a0 = [1];" + "".join(f"const a{i} = [a{i - 1}, a{i - 1}, a{i - 1}];" for i in range(1, 200)) + "export default a199",
])
def test_hostile_javascript_is_read_in_bounded_time(text):
    started = time.perf_counter()
    program = jsobject.read(text)
    assert time.perf_counter() - started < 5 and isinstance(program, jsobject.Program)


def test_a_huge_config_file_is_not_read(tmp_path):
    write(tmp_path / "mkdocs.yml", "site_name: S\ntheme:\n  language: fr\n" + "# padding\n" * 200_000)
    found = site_json(tmp_path)
    assert found["generator"] == "mkdocs" and found["default_language"] == "en"  # MkDocs' default: the file was not read


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_fifo_named_like_a_config_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "_config.yml")
    os.mkfifo(tmp_path / "hugo.toml")
    write(tmp_path / "post.md", "---\ntitle: T\n---\n\nText.\n")
    run = copydesk("site", cwd=tmp_path, timeout=30)
    assert run.code == 0 and "jekyll" in run.out
    run = copydesk("check", "post.md", "--no-cache", cwd=tmp_path, timeout=30)
    assert run.code == 0, run


def test_a_symlink_loop_and_binary_config_give_defaults(tmp_path):
    (tmp_path / "docusaurus.config.js").symlink_to(tmp_path / "docusaurus.config.js")
    found = site_json(tmp_path)
    assert (found["generator"], found["default_language"]) == ("docusaurus", "en")
    (tmp_path / "docusaurus.config.js").unlink()
    (tmp_path / "hugo.yaml").write_bytes(b"\x00\xff\xfe" * 1000)
    (tmp_path / "content").mkdir()
    assert site_json(tmp_path)["generator"] == "hugo"


def test_the_text_report_says_why(tmp_path):
    write(tmp_path / "_config.yml", "lang: ko\n")
    run = copydesk("site", cwd=tmp_path)
    assert run.code == 0
    assert "  generator         jekyll\n                      because _config.yml is a Jekyll configuration\n" in run.out
    assert "  default language  ko\n                      because _config.yml: lang: ko\n" in run.out


def test_a_missing_path_is_a_usage_error(tmp_path):
    run = copydesk("site", "nowhere", cwd=tmp_path)
    assert run.code == 2 and "nowhere: no such file or folder" in run.err


# -- reading JavaScript as data ---------------------------------------------------------------------


def test_javascript_literals_are_read_as_data():
    program = jsobject.read(r"""
// a comment with { braces }
/* and a block one */
const base = { a: 1, 'b-c': "two\nlines", n: -1.5e3, hex: 0x1F, t: true, f: false, u: undefined };
const list = [1, , 'x', ...[2, 3]];
export default {
  ...base,
  list,
  re: /a\/b[/]/g,
  tpl: `plain`,
  dyn: `has ${base.a}`,
  call: path.join(__dirname, 'docs'),
  method() { return { ignored: true } },
  arrow: (x) => ({ ignored: x }),
  typed: 'x' as const,
  chained: process.env.A || 'b',
  [computed]: 1,
}
""")
    value = program.exported[0]
    assert {key: value[key] for key in ("a", "b-c", "n", "hex", "t", "f", "u")} == {
        "a": 1, "b-c": "two\nlines", "n": -1500.0, "hex": 31, "t": True, "f": False, "u": None}
    assert value["list"] == [1, "x", 2, 3]
    assert value["tpl"] == "plain" and value["dyn"] is jsobject.UNKNOWN and value["chained"] is jsobject.UNKNOWN
    assert jsobject.path_value(value["call"]) == "docs" and value["typed"] == "x"
    assert value["method"] is jsobject.UNKNOWN and value["arrow"] is jsobject.UNKNOWN
    assert "ignored" not in str(program.exported)


def test_statements_without_semicolons_are_read_one_by_one():
    program = jsobject.read("export const A = 'a'\nexport const B = 'b'\nconst c = { a: A }\nexport default c\n")
    assert program.consts["B"] == "b" and program.exported == [{"a": "a"}]


# -- grouping ---------------------------------------------------------------------------------------


def test_general_rule_pairs_a_language_folder_a_name_folder_a_suffix_and_the_root(tmp_path, monkeypatch):
    for path in ("guide/a.md", "fr/guide/a.md", "english/notes/b.md", "japanese/notes/b.md", "post.md", "post.fr.md",
                 "page/en.md", "page/de.md", "sub/it/x.md", "sub/x.md", "docs/zh-hans/c.md", "docs/c.md"):
        write(tmp_path / path, "x")
    monkeypatch.chdir(tmp_path)
    grouping = Grouping(root=str(tmp_path), general=True)

    def versions(path):
        return sorted(os.path.relpath(sibling, tmp_path) for sibling in grouping.siblings(path))

    assert versions("guide/a.md") == ["fr/guide/a.md"]
    assert versions("japanese/notes/b.md") == ["english/notes/b.md"]
    assert versions("post.fr.md") == ["post.md"]
    assert versions("page/de.md") == ["page/en.md"]
    assert versions("docs/c.md") == ["docs/zh-hans/c.md"]
    assert grouping.key("sub/it/x.md") != grouping.key("sub/x.md")  # `it` alone is a word, not Italian
    assert grouping.key("guide/a.md") == grouping.key("fr/guide/a.md") != grouping.key("post.md")


def test_a_page_may_be_md_in_one_language_and_mdx_in_another(tmp_path, monkeypatch):
    for path in ("src/content/docs/guide.mdx", "src/content/docs/fr/guide.md", "src/content/docs/de/guide/index.md"):
        write(tmp_path / path, "x")
    monkeypatch.chdir(tmp_path)
    grouping = Grouping(["src/content/docs/{lang}/**/*.{ext} | src/content/docs/**/*.{ext}"], root=str(tmp_path),
                        site_languages=["en", "fr", "de"], default_language="en", index_pages=True)
    assert sorted(os.path.relpath(p, tmp_path) for p in grouping.siblings("src/content/docs/fr/guide.md")) == [
        "src/content/docs/de/guide/index.md", "src/content/docs/guide.mdx"]


# -- translations grouped as the site's generator groups them, in a run --------------------------


def _post(language: str, link: str) -> str:
    return f"---\ntitle: T\nlang: {language}\n---\n\nRead [the guide]({link}) before you start.\n"


def test_a_docusaurus_translation_is_compared_with_its_default_language_page(tmp_path):
    write(tmp_path / "docusaurus.config.js", "module.exports = { i18n: { defaultLocale: 'en', locales: ['en', 'fr'] } };\n")
    write(tmp_path / "docs" / "intro.md", _post("en", "https://example.org/guide"))
    french = write(tmp_path / "i18n" / "fr" / "docusaurus-plugin-content-docs" / "current" / "intro.md",
                   _post("fr", "https://example.org/guida"))
    run = copydesk("check", french.relative_to(tmp_path), "--select", "TRN", "--format", "json", "--no-cache", cwd=tmp_path)
    assert [(d["path"], d["code"]) for d in run.json()] == [(str(french.relative_to(tmp_path)), "TRN001")]
    assert "docs/intro.md" in run.json()[0]["message"]


def test_without_a_generator_a_language_folder_beside_the_default_pages_is_a_translation(tmp_path):
    write(tmp_path / "guide" / "start.md", _post("en", "https://example.org/a"))
    write(tmp_path / "fr" / "guide" / "start.md", _post("fr", "https://example.org/b"))
    write(tmp_path / "de" / "guide" / "start.md", _post("de", "https://example.org/a"))
    run = copydesk("check", "--select", "TRN", "--format", "json", "--no-cache", cwd=tmp_path)
    assert [(d["path"], d["code"]) for d in run.json()] == [("fr/guide/start.md", "TRN001")]


def test_a_site_relative_link_to_the_same_page_in_each_language_agrees(tmp_path):
    write(tmp_path / "hugo.toml", "defaultContentLanguage = 'en'\n[languages.en]\n[languages.fr]\n")
    write(tmp_path / "content" / "about.md", _post("en", "/guide/"))
    write(tmp_path / "content" / "about.fr.md", _post("fr", "/fr/guide/"))
    run = copydesk("check", "--select", "TRN", "--format", "json", "--no-cache", cwd=tmp_path)
    assert run.code == 0 and run.json() == []


def test_site_false_keeps_the_rule_packs_templates_only(tmp_path):
    write(tmp_path / "guide" / "start.md", _post("en", "https://example.org/a"))
    write(tmp_path / "fr" / "guide" / "start.md", _post("fr", "https://example.org/b"))
    write(tmp_path / ".copydesk.yaml", "site: false\n")
    run = copydesk("check", "--select", "TRN", "--format", "json", "--no-cache", cwd=tmp_path)
    assert run.json() == []


# -- front matter as each generator reads it --------------------------------------------------------


def fm_findings(folder, *paths):
    run = copydesk("check", *paths, "--select", "FM", "--format", "json", "--no-cache", cwd=folder)
    assert run.code in (0, 1), run
    return sorted((d["path"], d["code"], d["message"]) for d in run.json())


def test_docs_pages_need_no_front_matter_where_the_generator_makes_them_without(tmp_path):
    write(tmp_path / "docusaurus.config.js", "module.exports = {};\n")
    write(tmp_path / "docs" / "intro.md", "# Intro\n\nText.\n")
    write(tmp_path / "blog" / "2024-01-01-hello.md", "---\ntitle: Hello\nauthors: [ana, bo]\nslug: hello\n---\n\nText.\n")
    assert fm_findings(tmp_path) == []


def test_a_jekyll_page_needs_front_matter_and_its_title_is_optional(tmp_path):
    write(tmp_path / "_config.yml", "title: Site\n")
    write(tmp_path / "about.md", "# About\n")
    write(tmp_path / "_posts" / "2024-01-01-hello.md", "---\nlayout: post\ntranslator: Ana\n---\n\nText.\n")
    assert fm_findings(tmp_path) == [("about.md", "FM001", "the post has no front matter (a `---` block on line 1)")]


def test_a_starlight_doc_needs_a_title(tmp_path):
    write(tmp_path / "astro.config.mjs", "import starlight from '@astrojs/starlight';\n"
                                         "export default { integrations: [starlight({ title: 'Docs' })] };\n")
    write(tmp_path / "src" / "content" / "docs" / "guide.md", "---\ndescription: A guide\nsidebar: {order: 1}\n---\n\nText.\n")
    write(tmp_path / "src" / "content" / "docs" / "bare.md", "Text.\n")
    write(tmp_path / "README.md", "# A repository document, not a page\n")
    assert [(path, code) for path, code, _ in fm_findings(tmp_path)] == [
        ("src/content/docs/bare.md", "FM001"), ("src/content/docs/guide.md", "FM006")]


def test_hugo_reads_keys_without_case_front_matter_after_blank_lines_and_lists_of_authors(tmp_path):
    write(tmp_path / "hugo.toml", "baseURL = 'https://example.org/'\n")
    write(tmp_path / "content" / "a.md", "\n---\ntitle: A\n---\n\nText.\n")
    write(tmp_path / "content" / "b.md", "---\nlinktitle: B\nauthor: [Ana, Bo]\ndraft: false\nweight: 2\n---\n\nText.\n")
    write(tmp_path / "content" / "c.md", "+++\ntitle = 'C'\nweight = 'heavy'\ndarft = true\n+++\n\nText.\n")
    assert fm_findings(tmp_path) == [
        ("content/c.md", "FM007", "'weight' must be integer, not string ('heavy')"),
        ("content/c.md", "FM008", "unknown key 'darft': did you mean 'draft'?")]


def test_the_users_schema_extends_the_generators(tmp_path):
    write(tmp_path / "mkdocs.yml", "site_name: S\n")
    write(tmp_path / "docs" / "a.md", "---\nauthors: [ana]\n---\n\nText.\n")
    write(tmp_path / ".copydesk.yaml", "linters:\n  frontmatter:\n    schema:\n      keys:\n        owner: {type: string, required: true}\n")
    assert fm_findings(tmp_path) == [("docs/a.md", "FM006", "required key 'owner' is missing")]


def test_a_partial_is_no_page_and_needs_no_front_matter(tmp_path):
    write(tmp_path / "astro.config.mjs", "import starlight from '@astrojs/starlight';\n"
                                         "export default { integrations: [starlight({ title: 'Docs' })] };\n")
    write(tmp_path / "src" / "content" / "docs" / "_shared-note.mdx", ":::note\nShared text.\n:::\n")
    write(tmp_path / "src" / "content" / "docs" / "_untitled.md", "---\ndescription: included\n---\n\nText.\n")
    write(tmp_path / "src" / "content" / "docs" / "page_one.md", "Text.\n")  # an underscore inside a name: a page
    assert [(path, code) for path, code, _ in fm_findings(tmp_path)] == [("src/content/docs/page_one.md", "FM001")]


def test_a_partial_needs_no_front_matter_even_where_the_configuration_requires_it(tmp_path):
    write(tmp_path / "docusaurus.config.js", "module.exports = {};\n")
    write(tmp_path / ".copydesk.yaml", "site:\n  front-matter-required: true\n")
    write(tmp_path / "docs" / "_v2-in-progress.mdx", ":::warning\nNot updated yet.\n:::\n")
    write(tmp_path / "docs" / "intro.md", "# Intro\n")
    assert [(path, code) for path, code, _ in fm_findings(tmp_path)] == [("docs/intro.md", "FM001")]


def test_no_front_matter_finding_on_the_real_docusaurus_partials(sites):
    helm = sites / "helm__helm-www"
    partials = sorted(str(path.relative_to(helm)) for path in helm.rglob("_*.mdx"))
    assert partials and fm_findings(helm, *partials, "--config", str(_required_config())) == []


def _required_config():
    """A configuration that says every page needs front matter (the partials still do not)."""
    import tempfile

    folder = tempfile.mkdtemp(prefix="copydesk-site-")
    return write(Path(folder) / "copydesk.yaml", "site:\n  front-matter-required: true\n")


# -- the language of a page, as its site lays it out ------------------------------------------------


def quote_findings(folder):
    run = copydesk("check", "--select", "QUO002", "--format", "json", "--no-cache", cwd=folder)
    assert run.code in (0, 1), run
    return sorted((d["path"], d["message"]) for d in run.json())


def test_a_page_says_its_language_by_its_place_in_the_sites_layout(tmp_path):
    write(tmp_path / "mkdocs.yml", "plugins:\n  - i18n:\n      languages:\n        - locale: en\n          default: true\n"
                                   "        - locale: fr\n")
    write(tmp_path / "docs" / "guide.md", 'Choose "Farm areas only" in the menu.\n')
    write(tmp_path / "docs" / "guide.fr.md", 'Choisissez "Zones agricoles uniquement" dans le menu.\n')
    assert quote_findings(tmp_path) == [("docs/guide.fr.md", "the reader sees \"…\" (straight quotes); "
                                         "French uses « … » (language fr, from the site layout)")]


def test_a_page_of_the_default_language_is_not_guessed_from_the_words_it_quotes(tmp_path):
    write(tmp_path / "docusaurus.config.js", "module.exports = { i18n: { defaultLocale: 'en', locales: ['en', 'zh-Hans'] } };\n")
    write(tmp_path / "src" / "pages" / "news.mdx", 'Models like "食神" and "千里眼" watch over kitchens.\n')
    write(tmp_path / "i18n" / "zh-Hans" / "docusaurus-plugin-content-pages" / "news.mdx", '像"食神"和"千里眼"这样的模型。\n')
    assert [path for path, _ in quote_findings(tmp_path)] == ["i18n/zh-Hans/docusaurus-plugin-content-pages/news.mdx"] * 2


def test_hugo_reads_front_matter_below_blank_lines_and_so_does_copydesk(tmp_path):
    write(tmp_path / "hugo.toml", "defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content/en'\n"
                                  "[languages.de]\ncontentDir = 'content/de'\n")
    write(tmp_path / "content" / "en" / "_index.md", '---\ntitle: "Glossary"\n---\n\nThe terms.\n')
    write(tmp_path / "content" / "de" / "_index.md", '\n---\ntitle: "Glossar"\n---\n\nDie Begriffe.\n')
    run = copydesk("check", "--select", "FM,QUO,TRN008", "--format", "json", "--no-cache", cwd=tmp_path)
    assert run.json() == []  # not a heading, not quotes of German prose, not FM002
    write(tmp_path / "content" / "de" / "_index.md", '\n---\ntitel: "Glossar"\n---\n\nDie Begriffe.\n')
    assert [(d["line"], d["code"]) for d in copydesk("check", "--select", "FM", "--format", "json", "--no-cache",
                                                     cwd=tmp_path).json()] == [(3, "FM008")]


def test_a_place_the_layout_names_a_language_of_says_more_than_the_configured_default(tmp_path):
    write(tmp_path / "rspress.config.ts", "export default { root: 'docs', lang: 'zh' }\n")
    write(tmp_path / ".copydesk.yaml", "language: zh\n")
    english = "The guide explains how to install the tool and how to use it with your own data and options. " * 3 + "\n"
    for name in ("a", "b", "c"):
        write(tmp_path / "docs" / f"{name}.md", "这是一个测试页面。\n")
        write(tmp_path / "content" / f"{name}.md", english)
    write(tmp_path / "content" / "a.md", "A «test» page. " + english)  # the English source beside its translation
    assert quote_findings(tmp_path) == [("content/a.md", "the reader sees «…» (guillemets); English uses “…” or \"…\" "
                                                         "(language en, from the site layout)")]
