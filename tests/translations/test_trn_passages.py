"""Translations: blocks missing or extra (TRN008, TRN006), lost fences, headings, a post that ends early."""
from __future__ import annotations

import re

from trn_support import check, group

BODY = """## Setup

Install the tool with [the installer](https://tool.example.org/install) and check its version.

- Open a terminal.
- Run the installer.
- Restart the shell.

```bash
tool --version
tool init ~/project
```

## Use

Every run writes a report; read [the guide](https://tool.example.org/guide) to understand it.

## Going further

The [forum](https://forum.example.org) answers questions within 2 days.
"""


def post(language: str, body: str = BODY, translated: bool = True) -> str:
    """The post "translated": its words of ``the`` changed, as a translation changes all."""
    body = body if language == "en" else re.sub(r"\bthe\b", f"the-{language}", body)
    return f"---\nlang: {language}\ntitle: T\ntranslated: {'true' if translated else 'false'}\n---\n\n{body}"


def test_a_missing_passage_is_one_finding_where_it_should_be(tmp_path):
    without = BODY.replace("- Open a terminal.\n- Run the installer.\n- Restart the shell.\n\n", "")
    group(tmp_path, {"en": post("en", translated=False), "fr": post("fr"), "de": post("de", without)})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"], d["message"]) for d in found] == [
        ("_posts/de/2024-11-11-talent-de.md", 11, "TRN008",
         "3 list items of _posts/en/2024-11-11-talent-en.md (lines 11-13 there; and 1 other version) are missing here")]


def test_a_missing_section_with_its_links_and_code_is_one_finding(tmp_path):
    cut = BODY[:BODY.index("- Open")] + BODY[BODY.index("## Use"):]
    group(tmp_path, {"en": post("en", translated=False), "fr": post("fr"), "de": post("de", cut)})
    found = check("_posts", cwd=tmp_path)
    assert [(d["line"], d["code"]) for d in found] == [(11, "TRN008")]
    assert found[0]["message"].startswith("3 list items, a code block of _posts/en/")


def test_a_post_that_ends_early(tmp_path):
    group(tmp_path, {"en": post("en", translated=False), "fr": post("fr"), "ja": post("ja", BODY[:BODY.index("## Use")])})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [("_posts/ja/2024-11-11-talent-ja.md", 15, "TRN008")]
    assert found[0]["message"].startswith("the post ends early: 2 level-2 headings, 2 paragraphs (with 2 links) of")


def test_what_the_declared_original_has_and_its_translations_lack_is_missing_from_them(tmp_path):
    extra = BODY + "\n## Changelog\n\nVersion 3 adds [plugins](https://tool.example.org/plugins).\n"
    group(tmp_path, {"en": post("en", extra, translated=False), "fr": post("fr"), "de": post("de"), "es": post("es")})
    found = check("_posts", cwd=tmp_path)
    assert {(d["path"], d["code"]) for d in found} == {(f"_posts/{language}/2024-11-11-talent-{language}.md", "TRN008")
                                                       for language in ("de", "es", "fr")}


def test_an_extra_block_in_one_translation(tmp_path):
    added = BODY.replace("## Use\n", "## Use\n\nSee also [the blog](https://blog.example.org).\n")
    group(tmp_path, {"en": post("en", translated=False), "fr": post("fr", added), "de": post("de")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"], d["message"]) for d in found] == [
        ("_posts/fr/2024-11-11-talent-fr.md", 22, "TRN008",
         "a paragraph (with a link) here (line 22) is not in _posts/en/2024-11-11-talent-en.md (and 1 other version)")]


def test_a_paragraph_split_in_two_is_no_finding(tmp_path):
    split = BODY.replace("Every run writes a report; read", "Every run writes a report.\n\nRead")
    group(tmp_path, {"en": post("en", translated=False), "fr": post("fr", split), "de": post("de")})
    assert check("_posts", cwd=tmp_path) == []


def test_a_lost_fence_is_one_finding_on_the_version_that_lost_it_even_the_original(tmp_path):
    unfenced = BODY.replace("```bash\n", "").replace("~/project\n```\n", "~/project\n")
    group(tmp_path, {"en": post("en", translated=False), "fr": post("fr", unfenced), "de": post("de")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [("_posts/fr/2024-11-11-talent-fr.md", 15, "TRN006")]
    assert found[0]["message"] == ("the code block of _posts/en/2024-11-11-talent-en.md line 15 has lost its fences here: "
                                   "its code is read as Markdown (lines 15-16)")
    group(tmp_path, {"en": post("en", unfenced, translated=False), "fr": post("fr"), "de": post("de")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["code"]) for d in found] == [("_posts/en/2024-11-11-talent-en.md", "TRN006")]
    assert found[0]["message"].endswith("(this is the declared original, translated: false)")


def test_a_heading_of_another_level(tmp_path):
    group(tmp_path, {"en": post("en", translated=False), "fr": post("fr", BODY.replace("## Use", "### Use")), "de": post("de")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["line"], d["code"], d["message"]) for d in found] == [
        (20, "TRN008", "a level-3 heading here but a level-2 heading in _posts/en/2024-11-11-talent-en.md line 20 "
                       "(and 1 other version)")]


def test_a_code_block_that_swallowed_what_the_others_have_as_markdown_is_the_one_reported(tmp_path):
    # The German version's fence is not closed where the others' is: its code block holds a heading
    # and a paragraph that the original and the French version show as Markdown.
    def post(language, fence_closed):
        fence = "```\n" if fence_closed else ""
        return (f"---\nlang: {language}\n---\n\nIntro paragraph of the post, long enough.\n\n```\n"
                f"trip_id,arrival_time,departure_time\nAWE1,0:06:10,0:06:10\n{fence}\n"
                "## calendar_dates.txt\n\nservice_id=WD is interrupted on that date (exception_type=2) in 2006.\n\n"
                + ("" if fence_closed else "```\n") + "\nLast paragraph.\n")
    group(tmp_path, {"en": post("en", True), "fr": post("fr", True), "de": post("de", False)})
    found = check("_posts", cwd=tmp_path)
    assert {d["path"].split("/")[1] for d in found} == {"de"}, found


def test_a_version_not_updated_with_the_others_is_one_finding(tmp_path):
    paragraphs = [f"Paragraph {n} of the original, with [a link](https://example.org/{n}) in it." for n in range(1, 13)]
    def post(language, kept):
        return f"---\nlang: {language}\n---\n\n" + "\n\n".join(p for n, p in enumerate(paragraphs) if n in kept) + "\n"
    everything = set(range(12))
    group(tmp_path, {"en": post("en", everything), "fr": post("fr", everything), "de": post("de", everything - {1, 4, 7, 10})})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"].split("/")[1], d["code"]) for d in found] == [("de", "TRN008")], found
    assert found[0]["message"].startswith("this version and the others differ in 4 passages (lines ")


def test_an_original_filled_from_a_template_is_not_compared_block_by_block(tmp_path):
    group(tmp_path, {"en": "---\nlang: en\ntemplate: home.html\n---\n",
                     "de": "---\nlang: de\n---\n\n# Übersetzung in Bearbeitung\n\nBald verfügbar, [hier](https://example.org).\n",
                     "fr": "---\nlang: fr\ntemplate: home.html\n---\n"})
    assert check("_posts", cwd=tmp_path) == []


def test_a_picture_shown_in_html_in_one_version_is_not_a_missing_paragraph(tmp_path):
    # MkDocs' <figure markdown> holds the picture in English; the translations show it as a paragraph.
    english = ("---\nlang: en\n---\n\n1. Click the Launch button on the home page to open the app.\n\n"
               "<figure markdown>\n![](images/home.png)\n<figcaption>Figure 2. Home page</figcaption>\n</figure>\n\n"
               "2. Select the account icon in the top right-hand corner and sign up.\n")
    def translation(language, alt):
        return (f"---\nlang: {language}\n---\n\n1. Cliquez sur le bouton Launch de la page d'accueil pour ouvrir l'application.\n\n"
                f"![{alt}](images/home.png)\n\n2. Choisissez l'icône du compte en haut à droite et inscrivez-vous.\n")
    group(tmp_path, {"en": english, "fr": translation("fr", "Page d'accueil"), "pt": translation("pt", "Página inicial")})
    assert check("_posts", cwd=tmp_path) == []
