"""The translations linter: versions of one post compared on what is not translated."""
from __future__ import annotations

import os
import pickle
import re
import shutil
from collections import Counter
from functools import lru_cache

import pytest
from conftest import copydesk, seed_path, write
from hypothesis import given, settings, strategies as st
from linters import config, lint_paths, lint_text, translations
from linters.document import Document
from linters.engine import engine_for
from linters.engine.groups import pack_summary, unpack_summary
from linters.translations import TranslationsLinter

ENGLISH = """---
lang: en
title: Talent
translated: false
---

In [episode 452](https://www.youtube.com/watch?v=ugvHCXCOmm4) the guest spoke for 1:38:25.

A team of 1,200 people is slower than a team of 100, as [the transcript](https://lexfridman.com/dario-amodei-transcript/) says.

See also [the essay](https://example.org/essay) and [the talk](https://youtu.be/9bZkp7q19f0).

```bash
cd ~/Documents
ls
```
"""

FRENCH = """---
lang: fr
title: Talent
translated: true
---

Dans [l'épisode 452](https://www.youtube.com/watch?v=ugvHCXCOmm4), l'invité a parlé 1:38:25.

Une équipe de 1 200 personnes est plus lente qu'une équipe de 100, dit [la transcription](https://lexfridman.com/dario-amodei-transcript).

Voir aussi [l'essai](https://example.org/essay?utm_source=news) et [la conférence](https://youtu.be/9bZkp7q19f0).

```bash
cd ~/Documents
ls
```
"""

GERMAN = """---
lang: de
title: Talent
translated: true
---

In [Folge 452](https://youtube.com/watch?v=ugvHCXCOmm4) sprach der Gast 1:38:25 lang.

Ein Team von 1.200 Menschen ist langsamer als eines von 100, so [das Transkript](https://lexfridman.com/dario-amodei-transcript/).

Siehe auch [den Essay](https://example.org/essay/) und [den Vortrag](https://youtu.be/9bZkp7q19f0).

```bash
cd ~/Documents
ls
```
"""

# The Spanish version has a changed YouTube id (line 7), a dropped link (line 9) and a changed number (line 9).
SPANISH = """---
lang: es
title: Talento
translated: true
---

En [el episodio 452](https://www.youtube.com/watch?v=ugvHCXCOmm8) el invitado habló 1:38:25.

Un equipo de 1.250 personas es más lento que uno de 100, como dice la transcripción.

Véase también [el ensayo](https://example.org/essay) y [la charla](https://youtu.be/9bZkp7q19f0).

```bash
cd ~/Documents
ls
```
"""


def group(root, versions: dict[str, str], slug: str = "2024-11-11-talent"):
    return {language: write(root / "_posts" / language / f"{slug}-{language}.md", text)
            for language, text in versions.items()}


def check(*paths, cwd, extra=()):
    run = copydesk("check", *paths, "--select", "TRN", "--format", "json", "--no-cache", *extra, cwd=cwd)
    assert run.code in (0, 1), run
    return run.json()


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


def test_a_dropped_code_block_and_changed_code(tmp_path):
    without_code = FRENCH[:FRENCH.index("```bash")]
    localised = GERMAN.replace("cd ~/Documents", "cd ~/Dokumente  # in den Ordner")
    group(tmp_path, {"en": ENGLISH, "fr": without_code, "de": localised})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [
        ("_posts/de/2024-11-11-talent-de.md", 14, "TRN007"),
        ("_posts/fr/2024-11-11-talent-fr.md", 11, "TRN006"),  # missing at the end: the last paragraph
    ]
    assert "`cd ~/Dokumente` here, `cd ~/Documents` there" in found[0]["message"]
    assert found[1]["message"] == ("a code block of _posts/en/2024-11-11-talent-en.md (and 1 other version) "
                                   "missing here (line 13 there)")


def test_a_translated_comment_is_not_a_change(tmp_path):
    commented = ENGLISH.replace("cd ~/Documents", "cd ~/Documents  # go there")
    group(tmp_path, {"en": commented, "fr": FRENCH.replace("cd ~/Documents", "cd ~/Documents  # aller là")})
    assert check("_posts", cwd=tmp_path) == []


def test_the_declared_original_decides_and_siblings_on_disk_are_read(tmp_path):
    # Only the staged French post is named: its English original is found on disk, compared,
    # and not reported itself.
    paths = group(tmp_path, {"en": ENGLISH, "fr": SPANISH.replace("lang: es", "lang: fr"), "de": GERMAN})
    found = check(paths["fr"].relative_to(tmp_path), cwd=tmp_path)
    assert {d["path"] for d in found} == {"_posts/fr/2024-11-11-talent-fr.md"}
    assert [d["code"] for d in found] == ["TRN002", "TRN001", "TRN003"]
    # Named alone, the English original is compared with its translations and has nothing to fix.
    assert check(paths["en"].relative_to(tmp_path), cwd=tmp_path) == []


def test_two_versions_without_a_majority_the_original_language_wins(tmp_path):
    english = ENGLISH.replace("translated: false\n", "")
    german = GERMAN.replace("translated: true\n", "").replace("9bZkp7q19f0", "9bZkp7q19fQ")
    group(tmp_path, {"en": english, "de": german})
    assert [(d["path"], d["code"]) for d in check("_posts", cwd=tmp_path)] == [("_posts/de/2024-11-11-talent-de.md", "TRN002")]
    write(tmp_path / ".copydesk.yaml", "linters:\n  translations:\n    original-language: de\n")
    assert [(d["path"], d["code"]) for d in check("_posts", cwd=tmp_path)] == [("_posts/en/2024-11-11-talent-en.md", "TRN002")]


def test_the_path_pattern_is_configurable(tmp_path):
    write(tmp_path / "notes" / "en" / "talent.md", ENGLISH)
    write(tmp_path / "notes" / "es" / "talent.md", SPANISH)
    assert check("notes", cwd=tmp_path) == []  # not a translation group by the default templates
    write(tmp_path / ".copydesk.yaml", "linters:\n  translations:\n    path-patterns: ['notes/{lang}/*.md']\n")
    assert [d["code"] for d in check("notes", cwd=tmp_path)] == ["TRN002", "TRN001", "TRN003"]


def test_file_name_versions_in_one_folder(tmp_path):
    write(tmp_path / "notes" / "2024-11-11-talent-en.md", ENGLISH)
    spanish = write(tmp_path / "notes" / "2024-11-11-talent-es.md", SPANISH)
    write(tmp_path / "notes" / "2024-11-11-other-es.md", ENGLISH.replace("lang: en", "lang: es"))
    found = check(spanish.relative_to(tmp_path), cwd=tmp_path)
    assert [(d["path"], d["code"]) for d in found] == [("notes/2024-11-11-talent-es.md", c) for c in ("TRN002", "TRN001", "TRN003")]


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


def test_suppressions_apply_to_cross_file_findings_and_cd100_sees_them(tmp_path):
    spanish = SPANISH.replace("En [el episodio", "<!-- copydesk-disable-next-line TRN002 -->\nEn [el episodio")
    spanish = spanish.replace("```bash", "<!-- copydesk-disable-next-line TRN005 -->\n```bash")
    group(tmp_path, {"en": ENGLISH, "fr": FRENCH, "es": spanish})
    found = check("_posts", cwd=tmp_path, extra=("--extend-select", "CD100"))
    codes = Counter(d["code"] for d in found)
    assert codes == Counter({"TRN001": 1, "TRN003": 1, "CD100": 1})  # the TRN005 suppression is unused


def test_lint_text_has_no_group_and_no_finding():
    settings = config.from_mapping({"select": ["TRN"]})
    assert lint_text(SPANISH, path="_posts/es/2024-11-11-talent-es.md", config=settings) == []


def test_grouping_is_linear_and_lists_each_folder_once(tmp_path, monkeypatch):
    for number in range(500):
        for language in ("en", "fr"):
            year = "1 999" if language == "fr" and number % 100 == 0 else "1 998"
            write(tmp_path / "_posts" / language / f"2024-01-01-post{number}-{language}.md",
                  f"---\nlang: {language}\ntitle: P{number}\n---\n\nIn {year} [a](https://x.org/{number}).\n")
    listed = []
    real_listdir = os.listdir
    monkeypatch.setattr(os, "listdir", lambda path=".": listed.append(path) or real_listdir(path))
    result = lint_paths([tmp_path / "_posts" / "fr"], config.from_mapping({"select": ["TRN"], "cache": False, "jobs": 1}))
    assert len(result.diagnostics) == 5 and {d.code for d in result.diagnostics} == {"TRN003"}
    ours = [str(path) for path in listed if str(path).startswith(str(tmp_path))]
    assert Counter(ours) == Counter({str(tmp_path / "_posts"): 1, str(tmp_path / "_posts" / "en"): 1})


def test_summaries_are_small_plain_data():
    linter = next(linter for linter in engine_for(config.from_mapping({"select": ["TRN"]})).linters
                  if isinstance(linter, TranslationsLinter))
    summary = linter.summarize(Document(ENGLISH, "_posts/en/2024-11-11-talent-en.md"))
    assert pickle.loads(pickle.dumps(summary)) == summary
    assert unpack_summary(pack_summary(summary)) == summary
    assert len(pack_summary(summary)) < 1500  # what the engine keeps per file until groups are checked


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


def test_a_warm_cache_gives_the_same_findings(tmp_path):
    group(tmp_path, {"en": ENGLISH, "fr": FRENCH, "es": SPANISH})
    cold = copydesk("check", "_posts", "--select", "TRN", "--format", "json", cwd=tmp_path)
    warm = copydesk("check", "_posts", "--select", "TRN", "--format", "json", cwd=tmp_path)
    assert (tmp_path / ".copydesk_cache").is_dir()
    assert [d["code"] for d in cold.json()] == ["TRN002", "TRN001", "TRN003"]
    assert warm.json() == cold.json()
    # A sibling edited on disk is read again: the cached summary of the unchanged post is compared with it.
    write(tmp_path / "_posts" / "en" / "2024-11-11-talent-en.md", ENGLISH.replace("ugvHCXCOmm4", "ugvHCXCOmm8"))
    assert "TRN002" not in [d["code"] for d in copydesk(
        "check", "_posts/es", "--select", "TRN", "--format", "json", cwd=tmp_path).json()]


def test_a_post_alone_when_cached_is_compared_once_its_translations_appear(tmp_path, monkeypatch):
    group(tmp_path, {"es": SPANISH})
    summarized = []
    monkeypatch.setattr(TranslationsLinter, "summarize",
                        lambda self, document, summarize=TranslationsLinter.summarize:
                        summarized.append(document.path) or summarize(self, document))
    monkeypatch.chdir(tmp_path)
    first = lint_paths(["_posts"]).diagnostics
    assert not [d for d in first if d.code.startswith("TRN")] and summarized == []  # alone: its summary is never used
    group(tmp_path, {"en": ENGLISH, "fr": FRENCH})
    found = lint_paths(["_posts"]).diagnostics  # the Spanish post's result comes from the cache
    assert [(d.path, d.code) for d in found if d.code.startswith("TRN")] == [
        ("_posts/es/2024-11-11-talent-es.md", "TRN002"), ("_posts/es/2024-11-11-talent-es.md", "TRN001"),
        ("_posts/es/2024-11-11-talent-es.md", "TRN003")]
    assert sorted(summarized) == ["_posts/en/2024-11-11-talent-en.md", "_posts/es/2024-11-11-talent-es.md",
                                  "_posts/fr/2024-11-11-talent-fr.md"]


def test_a_path_template_without_a_language_is_a_configuration_error(tmp_path):
    group(tmp_path, {"en": ENGLISH})
    write(tmp_path / ".copydesk.yaml", "linters:\n  translations:\n    path-patterns: ['_posts/*.md']\n")
    run = copydesk("check", "_posts", cwd=tmp_path)
    assert run.code == 2 and "has no {lang}" in run.err and "Traceback" not in run.err


def test_versions_with_nothing_in_common_get_ten_findings_per_rule(tmp_path):
    def post(language: str, host: str) -> str:
        links = "\n\n".join(f"Link [{n}](https://{host}/{n})." for n in range(15))
        return f"---\nlang: {language}\ntitle: T\n---\n\n{links}\n"

    group(tmp_path, {"en": post("en", "a.org"), "fr": post("fr", "b.org")})
    found = check("_posts", cwd=tmp_path)
    assert [d["code"] for d in found] == ["TRN001"] * 10
    assert found[-1]["message"] == ("URL 10 is https://b.org/9 here but https://a.org/9 in "
                                    "_posts/en/2024-11-11-talent-en.md (and 5 more like this here)")


def test_inline_code_translated_is_reported_but_not_interface_labels_or_key_names(tmp_path):
    def post(language: str, menu: str, keys: str, command: str) -> str:
        return (f"---\nlang: {language}\ntitle: T\n---\n\nOpen `{menu}`, press `{keys}`.\n\n"
                f"Then run `{command}` and wait.\n")

    group(tmp_path, {"en": post("en", "File > Preferences", "Ctrl + Shift + P", "ls ~/Documents"),
                     "de": post("de", "Datei > Einstellungen", "Strg + Umschalt + P", "ls ~/Dokumente")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["line"], d["code"], d["message"]) for d in found] == [
        (8, "TRN005", "inline code `ls ~/Dokumente` here but `ls ~/Documents` in _posts/en/2024-11-11-talent-en.md")]


# Pieces of hostile prose for the scans that try their pattern only where it may match: every
# kind of digit, separator, unit, timestamp anchor and list marker, side by side.
_PIECES = ["1", "12", "123", "2024", "1,000", "1.5", "1 000", "1\u00a0000", "1\u202f000", "1'000", "1’000", "２０", "١٢٣",
           "５.", ":", "38:25", "1:38:25", "(38:25)", "[1:02]", "1時間38分25秒", "38分 25秒", "3分钟5秒", "시간", "万", "億",
           " million", " Million", " MILLION", " thousand", "\u00a0lakh", "ſ", "K", " ", "\t", "\n", "\n- ", "\n1. ", "\n> * ",
           "\n  12) ", ".", ",", "(", ")", "x", "mot", "日本", "人", "만", "억", "लाख", "مليون", "\u2009", "ü", "İ", "µ", "ｍ"]


@lru_cache(maxsize=1)
def _translations_linter() -> TranslationsLinter:
    return next(linter for linter in engine_for(config.from_mapping({"select": ["TRN"]})).linters
                if isinstance(linter, TranslationsLinter))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_scans_find_what_finditer_finds(text):
    linter = _translations_linter()
    assert [(written, start, end) for written, start, end, _ in linter._number_matches(text)] == \
        [(match.group(), *match.span()) for match in linter.number.finditer(text)]
    assert [match.span() for match in translations._timestamp_matches(text)] == \
        [match.span() for match in translations._TIMESTAMP.finditer(text)]
    assert translations._list_item_lines(text) == \
        [match.span() for match in re.finditer("^" + translations._LIST_ITEM_TEXT, text, re.M)]


@pytest.mark.parametrize("url, keys", [
    ("https://fr.wikipedia.org/wiki/Chat", {"fr": "wikipedia.org/<localised page>", "en": "fr.wikipedia.org/wiki/Chat",
                                            None: "fr.wikipedia.org/wiki/Chat"}),
    ("https://www.example.org/fr/docs/?utm_source=x&hl=fr&q=1", {"fr": "example.org/<lang>/docs?q=1", "de": "example.org/fr/docs?q=1"}),
    ("HTTPS://WWW.Example.ORG/De-DE/", {"de": "example.org/<lang>", "fr": "example.org/De-DE"}),
    ("https://youtu.be/dQw4w9WgXcA", {"fr": "YouTube video:dQw4w9WgXcA", "en": "YouTube video:dQw4w9WgXcA"}),
    ("#intro", {"fr": "", "en": ""}), ("mailto:a@example.org", {"fr": ""}), ("http://[::1", {"fr": "http://[::1", "en": "http://[::1"}),
])
def test_url_keys_in_each_language_from_one_parse(url, keys):
    linter = _translations_linter()
    for _ in range(2):  # the second time from the parse kept for the run
        assert {language: linter._url_key(url, language) for language in keys} == keys
