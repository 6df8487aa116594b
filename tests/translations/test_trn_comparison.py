"""Translations: the version the others follow (majority, a declared original, two versions)."""
from __future__ import annotations

import shutil

from conftest import seed_path, write
from trn_support import ENGLISH, FRENCH, GERMAN, SPANISH, check, group


def test_agreeing_versions_give_nothing(tmp_path):
    group(tmp_path, {"en": ENGLISH, "fr": FRENCH, "de": GERMAN})
    assert check("_posts", cwd=tmp_path) == []


def test_changed_id_dropped_link_and_changed_number_are_reported_at_their_block(tmp_path):
    group(tmp_path, {"en": ENGLISH, "fr": FRENCH, "de": GERMAN, "es": SPANISH})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in found] == [
        ("_posts/es/2024-11-11-talent-es.md", 7, 22, "TRN002"),
        ("_posts/es/2024-11-11-talent-es.md", 9, 1, "TRN001"),
        ("_posts/es/2024-11-11-talent-es.md", 9, 14, "TRN003"),
    ]
    messages = [d["message"] for d in found]
    assert messages[0] == ("YouTube video ugvHCXCOmm8 here but ugvHCXCOmm4 in "
                           "_posts/en/2024-11-11-talent-en.md line 7 (and 2 other versions)")
    assert messages[1] == ("a URL of _posts/en/2024-11-11-talent-en.md line 9 (and 2 other versions) missing in this "
                           "paragraph: https://lexfridman.com/dario-amodei-transcript/")
    assert messages[2] == "number 1.250 here but 1,200 in _posts/en/2024-11-11-talent-en.md line 9 (and 2 other versions)"


def test_the_declared_original_is_reported_when_it_is_the_odd_one_out(tmp_path):
    changed = ENGLISH.replace("ugvHCXCOmm4", "ugvHCXCOmm8")
    group(tmp_path, {"en": changed, "fr": FRENCH, "de": GERMAN})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [("_posts/en/2024-11-11-talent-en.md", 7, "TRN002")]
    assert found[0]["message"] == (
        "YouTube video ugvHCXCOmm8 here but ugvHCXCOmm4 in _posts/de/2024-11-11-talent-de.md line 7 (and 1 other "
        "version): this is the declared original (translated: false), and its translations agree with each other")


def test_a_declared_original_with_one_translation_on_its_side_is_the_reference(tmp_path):
    # Two of four versions were not updated: the original and the translation that was are right.
    updated = {language: text.replace("https://example.org/essay", "https://example.org/essay-2")
               for language, text in (("en", ENGLISH), ("fr", FRENCH))}
    group(tmp_path, {**updated, "de": GERMAN, "es": SPANISH.replace("ugvHCXCOmm8", "ugvHCXCOmm4")
                     .replace("1.250", "1.200").replace("como dice la transcripción", "como dice [la transcripción]"
                                                         "(https://lexfridman.com/dario-amodei-transcript)")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["code"]) for d in found] == [("_posts/de/2024-11-11-talent-de.md", "TRN001"),
                                                       ("_posts/es/2024-11-11-talent-es.md", "TRN001")]


def test_two_versions_without_a_majority_are_both_named(tmp_path):
    english = ENGLISH.replace("translated: false\n", "")
    german = GERMAN.replace("translated: true\n", "").replace("9bZkp7q19f0", "9bZkp7q19fQ")
    group(tmp_path, {"en": english, "de": german})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["code"]) for d in found] == [("_posts/de/2024-11-11-talent-de.md", "TRN002")]
    assert found[0]["message"] == ("YouTube video 9bZkp7q19fQ here but 9bZkp7q19f0 in _posts/en/2024-11-11-talent-en.md "
                                   "line 10: the two versions disagree")
    write(tmp_path / ".copydesk.yaml", "linters:\n  translations:\n    original-language: de\n")
    assert [(d["path"], d["code"]) for d in check("_posts", cwd=tmp_path)] == [("_posts/en/2024-11-11-talent-en.md", "TRN002")]


def test_versions_with_nothing_in_common_get_ten_findings_per_rule(tmp_path):
    def post(language: str, host: str) -> str:
        links = "\n\n".join(f"Link [{n}](https://{host}/{n})." for n in range(15))
        return f"---\nlang: {language}\ntitle: T\n---\n\n{links}\n"

    group(tmp_path, {"en": post("en", "a.org"), "fr": post("fr", "a.org/b")})
    found = check("_posts", cwd=tmp_path)
    assert [d["code"] for d in found] == ["TRN001"] * 10
    assert found[-1]["message"] == ("URL https://a.org/b/9 here but https://a.org/9 in _posts/en/2024-11-11-talent-en.md "
                                    "line 24: the two versions disagree (and 5 more like this here)")


def test_a_version_that_does_not_align_gets_one_finding(tmp_path):
    def post(language: str, kinds: str) -> str:
        blocks = [f"## Part {n}" if kind == "h" else f"- item {n}" if kind == "l" else f"Paragraph {n} " + "word " * (3 * n)
                  for n, kind in enumerate(kinds)]
        return f"---\nlang: {language}\ntitle: T\n---\n\n" + "\n\n".join(blocks) + "\n"

    group(tmp_path, {"en": post("en", "hp" * 8), "fr": post("fr", "l" * 30 + "pp")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [("_posts/fr/2024-11-11-talent-fr.md", 6, "TRN008")]
    assert "have little in common: only" in found[0]["message"]


def test_seeds_as_three_versions_of_one_post_agree(tmp_path):
    for seed, language in (("000", "fr"), ("002", "ja"), ("003", "de")):
        target = tmp_path / "_posts" / language / f"2024-11-11-dario-talent-{language}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed_path(seed), target)
    assert check("_posts", cwd=tmp_path) == []  # 1:38:25 and 1時間38分25秒 are one timestamp
    # They are one group: a URL changed in one of them is reported.
    french = tmp_path / "_posts" / "fr" / "2024-11-11-dario-talent-fr.md"
    french.write_text(french.read_text(encoding="utf-8").replace("lexfridman.com/dario", "lexfridman.com/daria", 1),
                      encoding="utf-8")
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [("_posts/fr/2024-11-11-dario-talent-fr.md", 11, "TRN001")]


def test_translations_that_lag_behind_the_original_are_reported_however_many(tmp_path):
    # The original and one translation gained a link and a paragraph; three translations were not updated.
    def post(language, updated):
        added = "\n\nSee also [the events](https://www.rubyevents.org/), a new paragraph of the page." if updated else ""
        return (f"---\nlang: {language}\n---\n\nThe community meets online.{added}\n\n"
                "Join [the list](https://lists.example.org/).\n")
    group(tmp_path, {"en": post("en", True), "fr": post("fr", True), "de": post("de", False),
                     "es": post("es", False), "it": post("it", False)})
    found = check("_posts", cwd=tmp_path)
    assert sorted(d["path"].split("/")[1] for d in found) == ["de", "es", "it"], found


def test_a_passage_only_the_original_has_is_missing_from_the_translations_not_extra_in_it(tmp_path):
    # No front matter says which is the original: the English (original-language) gained a
    # passage its three translations lack. They lag behind it; it is not the odd one out.
    passage = "\n\n## Development branch\n\nTo try the newest changes, use the main branch.\n"
    english = ENGLISH.replace("translated: false\n", "").replace("\n```bash", passage + "\n```bash")
    versions = {"en": english, **{language: text.replace("translated: true\n", "")
                                  for language, text in (("fr", FRENCH), ("de", GERMAN), ("es", ENGLISH))}}
    versions["es"] = versions["es"].replace("lang: en", "lang: es").replace("translated: false\n", "")
    group(tmp_path, versions)
    found = check("_posts", cwd=tmp_path)
    assert sorted((d["path"].split("/")[1], d["code"]) for d in found) == [("de", "TRN008"), ("es", "TRN008"), ("fr", "TRN008")]
    assert all("of _posts/en/2024-11-11-talent-en.md" in d["message"] and "missing here" in d["message"] for d in found)
