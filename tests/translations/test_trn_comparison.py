"""Translations: the version the others follow, and what a group's comparison reports."""
from __future__ import annotations

import shutil
from collections import Counter

from conftest import copydesk, seed_path, write
from trn_support import ENGLISH, FRENCH, GERMAN, SPANISH, check, group


def test_agreeing_versions_give_nothing(tmp_path):
    group(tmp_path, {"en": ENGLISH, "fr": FRENCH, "de": GERMAN})
    assert check("_posts", cwd=tmp_path) == []


def test_changed_id_dropped_link_and_changed_number_are_reported_exactly_there(tmp_path):
    group(tmp_path, {"en": ENGLISH, "fr": FRENCH, "de": GERMAN, "es": SPANISH})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in found] == [
        ("_posts/es/2024-11-11-talent-es.md", 7, 22, "TRN002"),
        ("_posts/es/2024-11-11-talent-es.md", 9, 1, "TRN001"),
        ("_posts/es/2024-11-11-talent-es.md", 9, 14, "TRN003"),
    ]
    messages = [d["message"] for d in found]
    assert messages[0] == ("YouTube video ugvHCXCOmm8 here but ugvHCXCOmm4 in "
                           "_posts/en/2024-11-11-talent-en.md (and 2 other versions)")
    assert "https://lexfridman.com/dario-amodei-transcript/" in messages[1] and "missing here" in messages[1]
    assert messages[2] == "number 1.250 here but 1,200 in _posts/en/2024-11-11-talent-en.md (and 2 other versions)"


def test_two_versions_without_a_majority_the_original_language_wins(tmp_path):
    english = ENGLISH.replace("translated: false\n", "")
    german = GERMAN.replace("translated: true\n", "").replace("9bZkp7q19f0", "9bZkp7q19fQ")
    group(tmp_path, {"en": english, "de": german})
    assert [(d["path"], d["code"]) for d in check("_posts", cwd=tmp_path)] == [("_posts/de/2024-11-11-talent-de.md", "TRN002")]
    write(tmp_path / ".copydesk.yaml", "linters:\n  translations:\n    original-language: de\n")
    assert [(d["path"], d["code"]) for d in check("_posts", cwd=tmp_path)] == [("_posts/en/2024-11-11-talent-en.md", "TRN002")]


def test_versions_with_nothing_in_common_get_ten_findings_per_rule(tmp_path):
    def post(language: str, host: str) -> str:
        links = "\n\n".join(f"Link [{n}](https://{host}/{n})." for n in range(15))
        return f"---\nlang: {language}\ntitle: T\n---\n\n{links}\n"

    group(tmp_path, {"en": post("en", "a.org"), "fr": post("fr", "b.org")})
    found = check("_posts", cwd=tmp_path)
    assert [d["code"] for d in found] == ["TRN001"] * 10
    assert found[-1]["message"] == ("URL 10 is https://b.org/9 here but https://a.org/9 in "
                                    "_posts/en/2024-11-11-talent-en.md (and 5 more like this here)")


def test_seeds_as_three_versions_of_one_post_agree(tmp_path):
    for seed, language in (("000", "fr"), ("002", "ja"), ("003", "de")):
        target = tmp_path / "_posts" / language / f"2024-11-11-dario-talent-{language}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed_path(seed), target)
    assert check("_posts", cwd=tmp_path) == []
    # They are one group: a URL changed in one of them is reported.
    french = tmp_path / "_posts" / "fr" / "2024-11-11-dario-talent-fr.md"
    french.write_text(french.read_text(encoding="utf-8").replace("lexfridman.com/dario", "lexfridman.com/daria", 1),
                      encoding="utf-8")
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [("_posts/fr/2024-11-11-dario-talent-fr.md", 11, "TRN001")]


def test_corpus_findings_are_the_known_divergences(corpus):
    run = copydesk("check", corpus, "--select", "TRN", "--format", "json", "--no-cache")
    found = run.json()
    by_post = Counter((d["path"].split("/")[-1].rsplit("-", 1)[0], d["code"]) for d in found)
    # Reviewed one by one: translations that dropped the fence of the English log, lost sections,
    # translated strings and paths inside code, links of an updated original, metadata that differs.
    assert by_post[("2025-02-11-brew-upgrade", "TRN007")] == 5
    assert by_post[("2025-02-20-node-openssl", "TRN006")] == 3
    assert by_post[("2025-02-27-fsevents", "TRN007")] == 12
    assert Counter(d["code"] for d in found) == Counter({
        "TRN001": 18, "TRN005": 9, "TRN006": 6, "TRN007": 40, "TRN008": 23, "TRN009": 26})
