"""Translations: URLs and identifiers as every version must have them (TRN001, TRN002)."""
from __future__ import annotations

import pytest
from conftest import write
from trn_support import check, group, paragraph_post, translations_linter


@pytest.mark.parametrize("url, keys", [
    ("https://fr.wikipedia.org/wiki/Chat", {"fr": "wikipedia.org/<localised page>", "en": "fr.wikipedia.org/wiki/Chat",
                                            None: "wikipedia.org/wiki/Chat"}),
    # Languages leave the path, whichever the post's: `/fr/docs/` in French is `/docs/` in English
    # on a site whose default language has no folder, and `/en/…` linked from a translation of a
    # page never translated is the English page of every version. A page in the post's own
    # language is localised: its slug may be translated (`/de/news/…/dos-schwachstelle/`).
    ("https://www.example.org/fr/docs/?utm_source=x&hl=fr&q=1", {"fr": "example.org/<localised page>", "de": "example.org/docs?q=1"}),
    ("HTTPS://WWW.Example.ORG/De-DE/", {"de": "example.org/<localised page>", "fr": "example.org"}),
    ("/fr/guide/intro/", {"fr": "/<localised page>", None: "/guide/intro", "de": "/guide/intro"}),
    # Relative links climb out of folders of different depths (`blog/`, `i18n/fr/…-blog/`);
    # a localised mirror of a site is the site (`cn.vuejs.org`).
    ("../../../static/img/shot.png", {"fr": "/static/img/shot.png", None: "/static/img/shot.png"}),
    ("./other.md", {"fr": "/other", None: "/other"}),
    ("https://cn.vuejs.org/guide/", {None: "vuejs.org/guide", "zh": "vuejs.org/<localised page>", "en": "cn.vuejs.org/guide"}),
    ("https://youtu.be/dQw4w9WgXcA", {"fr": "YouTube video:dQw4w9WgXcA", "en": "YouTube video:dQw4w9WgXcA"}),
    ("#intro", {"fr": "", "en": ""}), ("mailto:a@example.org", {"fr": ""}), ("http://[::1", {"fr": "http://[::1", "en": "http://[::1"}),
])
def test_url_keys_in_each_language_from_one_parse(url, keys):
    linter = translations_linter()
    for _ in range(2):  # the second time from the parse kept for the run
        assert {language: linter.summarizer.urls.key(url, language) for language in keys} == keys


def test_a_link_whose_text_is_its_url_is_one_link(tmp_path):
    group(tmp_path, {"en": paragraph_post("en", "Subscribe: [https://a.org/feeds/feed.xml](https://a.org/feeds/feed.xml)."),
                     "fr": paragraph_post("fr", "Abonnez-vous : [https://a.org/feed.xml](https://a.org/feed.xml).")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["line"], d["code"], d["message"]) for d in found] == [
        (8, "TRN001", "URL https://a.org/feed.xml here but https://a.org/feeds/feed.xml in "
                      "_posts/en/2024-11-11-talent-en.md line 8: the two versions disagree")]


@pytest.mark.parametrize("damaged", ["https://docs．example．org/guide", "https://docs.example.org/ guide"])
def test_a_url_damaged_by_translation_is_named_so(tmp_path, damaged):
    group(tmp_path, {"en": paragraph_post("en", "See https://docs.example.org/guide for more."),
                     "fr": paragraph_post("fr", "Voir https://docs.example.org/guide pour plus."),
                     "ja": paragraph_post("ja", f"詳しくは {damaged} を参照。")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [("_posts/ja/2024-11-11-talent-ja.md", 8, "TRN001")]
    assert found[0]["message"].startswith(f"URL damaged by translation: `{damaged}` here is https://docs.example.org/guide")


def test_the_same_wikipedia_page_in_the_post_language_or_in_english_is_one_link(tmp_path):
    group(tmp_path, {"en": paragraph_post("en", "The [calendar](https://en.wikipedia.org/wiki/Holocene_calendar)."),
                     "fr": paragraph_post("fr", "Le [calendrier](https://fr.wikipedia.org/wiki/Calendrier_holoc%C3%A8ne)."),
                     "am": paragraph_post("am", "The [ካሌንደር](https://en.wikipedia.org/wiki/Holocene_calendar).")})
    assert check("_posts", cwd=tmp_path) == []


def test_relative_links_from_folders_of_other_depths_and_page_links_are_one_link(tmp_path):
    # The French version lives deeper (Docusaurus' i18n/): ../../../static is the same folder as ../static.
    from linters.translations.summaries import resolved
    assert resolved("../static/img/a.png", "blog") == resolved("../../../static/img/a.png",
                                                              "i18n/fr/docusaurus-plugin-content-blog") == "/static/img/a.png"
    assert resolved("https://a.org/x", "blog") == "https://a.org/x" and resolved("#intro", "blog") == "#intro"
    keys = translations_linter().summarizer.urls
    assert keys.key("/docs/guide/intro.md", None) == keys.key("/docs/guide/intro", None)
    assert keys.key("/docs/guide/index.md", None) == keys.key("/docs/guide/", None)


def test_a_translation_linking_the_site_in_its_language_links_the_same_page(tmp_path):
    group(tmp_path, {"en": paragraph_post("en", "See [computed](https://vuejs.org/guide/essentials/computed.html)."),
                     "zh": paragraph_post("zh", "参见 [计算属性](https://cn.vuejs.org/guide/essentials/computed.html)。")})
    assert check("_posts", cwd=tmp_path) == []


def test_a_file_beside_each_version_named_alike_is_one_file(tmp_path):
    # Each language's folder holds its own copy of the picture (a page bundle): `shot.png` is one file.
    group(tmp_path, {"en": paragraph_post("en", "The [screen](shot.png) and [the other](../other/)."),
                     "fr": paragraph_post("fr", "L'[écran](shot.png) et [l'autre](../other/).")})
    assert check("_posts", cwd=tmp_path) == []


def test_pictures_of_each_language_are_the_same_picture(tmp_path):
    # A screenshot in each language: in a language's folder, under a translated name, or named with its language.
    group(tmp_path, {"en": paragraph_post("en", "![Setup](/img/docs/setup-en.png) ![Home](/img/en/launch/home.png)."),
                     "fr": paragraph_post("fr", "![Installation](/img/docs/setup-fr.png) ![Accueil](/img/fr/lancement/accueil.png).")})
    assert check("_posts", cwd=tmp_path) == []
    group(tmp_path, {"en": paragraph_post("en", "![Setup](/img/docs/setup-en.png)."),
                     "fr": paragraph_post("fr", "![Installation](/img/docs/install-fr.png).")})
    assert [d["code"] for d in check("_posts", cwd=tmp_path)] == ["TRN001"]


def test_pages_of_the_site_in_each_versions_language_are_its_localised_pages(tmp_path):
    group(tmp_path, {"en": paragraph_post("en", "See [the advisory](/en/news/2009/06/09/dos-vulnerability-in-bigdecimal/)."),
                     "de": paragraph_post("de", "Siehe [die Meldung](/de/news/2009/06/13/dos-schwachstelle-in-bigdecimal/).")})
    assert check("_posts", cwd=tmp_path) == []
    group(tmp_path, {"en": paragraph_post("en", "See [the advisory](/en/news/2009/06/09/dos-vulnerability-in-bigdecimal/)."),
                     "de": paragraph_post("de", "Siehe [die Meldung](/news/2009/06/13/dos-schwachstelle-in-bigdecimal/).")})
    assert [d["code"] for d in check("_posts", cwd=tmp_path)] == ["TRN001"]


def test_a_localised_mirror_at_any_label_and_clean_page_urls_are_the_same_page(tmp_path):
    group(tmp_path, {"en": paragraph_post("en", "See [HMR](https://vitejs.dev/guide/api-hmr.html#hmr-api) and [data](https://v2.vuejs.org/v2/api/#data)."),
                     "zh": paragraph_post("zh", "参见 [HMR](https://cn.vitejs.dev/guide/api-hmr#hmr-api) 和 [data](https://v2.cn.vuejs.org/v2/api/#data)。")})
    assert check("_posts", cwd=tmp_path) == []
    group(tmp_path, {"en": paragraph_post("en", "See [HMR](https://vitejs.dev/guide/api-hmr.html)."),
                     "zh": paragraph_post("zh", "参见 [HMR](https://cn.vitejs.dev/guide/ssr)。")})
    assert [d["code"] for d in check("_posts", cwd=tmp_path)] == ["TRN001"]


def test_a_book_or_spec_of_another_site_in_the_posts_language_is_the_same_page(tmp_path):
    # git-scm.com/book/ja/, semver.org/lang/ja/: that site names the language in its second folder.
    group(tmp_path, {"en": paragraph_post("en", "See [submodules](https://git-scm.com/book/en/v2/Git-Tools-Submodules)."),
                     "ja": paragraph_post("ja", "[サブモジュール](https://git-scm.com/book/ja/v2/Git-%E3%83%84%E3%83%BC%E3%83%AB)を参照。")})
    assert check("_posts", cwd=tmp_path) == []
    keys = translations_linter().summarizer.urls
    # A page of the site itself keeps its folders: /docs/ja/ is no language's page of /docs/en/.
    assert keys.key("/docs/ja/features/overview", "ja") != keys.key("/docs/ja/機能/overview", "ja")


def test_a_resource_only_one_version_links_in_place_of_another_sites_is_its_readers_choice(tmp_path):
    # The German guide cites a German grammar site where the others cite an English one, and adds
    # its own user group: chosen for its readers. A page of the site replaced, or debris, is not.
    english = paragraph_post("en", "Prefer the [active voice](https://www.ef.com/english-grammar/passive-voice/); see [terms](/terms/).")
    french = paragraph_post("fr", "Préférez la [voix active](https://www.ef.com/english-grammar/passive-voice/) ; voir [termes](/terms/).")
    group(tmp_path, {"en": english, "fr": french, "de": paragraph_post(
        "de", "Aktiv statt [Passiv](https://mein-deutschbuch.de/passiv-formen.html); siehe [Begriffe](/terms/) "
              "und die [Gruppe](https://rubyusergroup.de/).")})
    assert check("_posts", cwd=tmp_path) == []
    group(tmp_path, {"en": english, "fr": french, "de": paragraph_post(
        "de", "Aktiv statt [Passiv](https://www.ef.com/english-grammar/passive-voice/); siehe [Begriffe](https://mein-deutschbuch.de/).")})
    assert [d["message"].split(" here")[0] for d in check("_posts", cwd=tmp_path)] == ["URL https://mein-deutschbuch.de/"]


def test_a_page_linked_from_the_versions_folder_or_from_the_sites_root_is_one_page(tmp_path):
    # Docusaurus: `./helm.md` beside the translation in i18n/…/helm/ is the site's `/helm/helm.md`.
    for language, link in (("en", "/helm/helm.md"), ("de", "./helm.md"), ("el", "/docs/helm/helm")):
        write(tmp_path / "docs" / language / "helm" / "env.md",
              f"---\nlang: {language}\n---\n\nFirst paragraph.\n\nSee [helm]({link}).\n\nLast paragraph.\n")
    assert check("docs", cwd=tmp_path) == []
    write(tmp_path / "docs" / "el" / "helm" / "env.md", "---\nlang: el\n---\n\nFirst paragraph.\n\nSee [helm](/docs/helm/other).\n\nLast paragraph.\n")
    assert [d["code"] for d in check("docs", cwd=tmp_path)] == ["TRN001"]


def test_a_page_of_the_translations_own_site_is_the_originals_page_there(tmp_path):
    # The Chinese docs live on their own site: `/techniques/validation` there is
    # `https://docs.nestjs.com/techniques/validation` in the English page; another page is not.
    group(tmp_path, {"en": paragraph_post("en", "Use [pipes](https://docs.nestjs.com/techniques/validation#stripping)."),
                     "zh": paragraph_post("zh", "使用 [管道](/techniques/validation#剥离属性)。")})
    assert check("_posts", cwd=tmp_path) == []
    group(tmp_path, {"en": paragraph_post("en", "Use [pipes](https://docs.nestjs.com/techniques/validation)."),
                     "zh": paragraph_post("zh", "使用 [管道](/techniques/serialization)。")})
    assert [d["code"] for d in check("_posts", cwd=tmp_path)] == ["TRN001"]
