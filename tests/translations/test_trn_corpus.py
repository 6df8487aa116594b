"""Translations on real sites: the findings an editor of each would act on (read one by one)."""
from __future__ import annotations

from collections import Counter

from conftest import copydesk


def findings(root) -> list[dict]:
    run = copydesk("check", root, "--select", "TRN", "--format", "json", "--no-cache", timeout=600)
    assert run.code in (0, 1), run
    return run.json()


def by_post(found: list[dict]) -> Counter:
    return Counter((d["path"].split("/")[-1].rsplit("-", 1)[0], d["path"].split("/")[-2], d["code"]) for d in found)


def test_the_blog_corpus_gives_the_divergences_an_editor_fixes(corpus):
    found = findings(corpus)
    posts = by_post(found)
    # The five translations of a Homebrew log lost its fence: one finding each, not one per line turned heading.
    assert {language for post, language, code in posts if post == "2025-02-11-brew-upgrade"} == {"de", "es", "fr", "ja", "zh"}
    assert all(code == "TRN006" and posts[post, language, code] == 1
               for post, language, code in posts if post == "2025-02-11-brew-upgrade")
    # The original lost a fence its three translations kept: the original is reported, and says so.
    assert posts["2013-09-12-lisp", "en", "TRN006"] == 1 and posts["2013-09-12-lisp", "fr", "TRN006"] == 0
    # Translations that stop before the last sections: one finding each.
    assert all(posts["2025-02-20-node-openssl", language, "TRN008"] == 1 for language in ("fr", "ja", "zh"))
    # Translations of an older version of the page: a changed link, two list items, the end.
    for language in ("de", "es", "fr", "zh"):
        assert posts["2025-01-11-subscribe", language, "TRN001"] == 1
        assert posts["2025-01-11-subscribe", language, "TRN008"] == 2
    # Real paths and real output translated in code; translated strings and placeholders are not reported.
    assert posts["2025-02-27-fsevents", "de", "TRN007"] == 2 and posts["2025-02-27-fsevents", "fr", "TRN007"] == 0
    assert not [d for d in found if "'audio'" in d["message"]]
    assert Counter(d["code"] for d in found) == Counter({
        "TRN001": 4, "TRN005": 2, "TRN006": 6, "TRN007": 6, "TRN008": 17, "TRN009": 17})


def test_a_multilingual_jekyll_site(sites):
    found = findings(sites / "yunseo-kim__yunseo-kim.github.io")
    # Markdown examples in code blocks are translated with the page: no finding.
    assert not [d for d in found if d["code"] == "TRN007" and "markdown-syntax" in d["path"]]
    assert len(found) <= 16


def test_the_same_tree_gives_the_same_findings_whatever_the_hash_seed(sites):
    """Python salts string hashes per process: findings must not depend on the order of a set.
    On this site, blocks holding several links tied between two places, and the tie went by hash."""
    root = sites / "cncf__glossary"
    pages = sorted(str(path.relative_to(root)) for path in root.glob("content/*/_index.md"))
    runs = {copydesk("check", "--no-cache", "--select", "TRN", "--format", "json", *pages, cwd=root,
                     env={"PYTHONHASHSEED": str(seed)}).out for seed in (0, 1, 2, 3)}
    assert len(runs) == 1
