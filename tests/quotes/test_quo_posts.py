"""The quotes linter on the seeds and the real corpus: what is found, and --fix on whole posts."""
from __future__ import annotations

import shutil
from collections import Counter

import pytest

from conftest import copydesk, seed_path
from quotes_support import NBSP

# -- seeds and corpus ------------------------------------------------------------------------


def seed_findings(number: str) -> list[dict]:
    return copydesk("check", seed_path(number), "--select", "QUO", "--format", "json", "--no-cache").json()


def test_seed_german_style_is_found_at_every_quotation():
    found = seed_findings("003")
    assert [d["code"] for d in found] == ["QUO002"] * 12 and all(d["fixable"] for d in found)
    assert (found[0]["line"], found[0]["column"]) == (11, 234)
    assert found[0]["message"].startswith('the reader sees "…" (straight quotes), or “…” (English quotes) if the '
                                          "site's renderer makes them curly; German uses „…“ or »…«")


def test_seed_french_drift_names_the_earlier_line():
    found = seed_findings("000")
    drift = [d for d in found if d["code"] == "QUO005"]
    assert [(d["line"], d["column"]) for d in drift] == [(63, 283)]
    assert "line 11" in drift[0]["message"] and "plus [vraie] chaque mois" in drift[0]["message"]
    assert Counter(d["code"] for d in found) == Counter({"QUO005": 1, "QUO004": 12})


@pytest.mark.parametrize("number", ["001", "002", "004"])
def test_seeds_with_balanced_quotes_have_no_findings(number):
    assert seed_findings(number) == []


def test_fixing_the_seeds_is_idempotent(tmp_path, seeds):
    for seed in seeds.iterdir():
        shutil.copyfile(seed, tmp_path / seed.name)  # a writable copy: --fix leaves read-only posts alone
    first = copydesk("check", *sorted(tmp_path.iterdir()), "--select", "QUO", "--fix", "--no-cache")
    german = next(tmp_path.glob("003_*")).read_text(encoding="utf-8")
    assert '"' not in german.split("---", 2)[2] and "plädiert für einen „Wettlauf nach oben“, bei" in german
    assert f"Il a déclaré : «{NBSP}C'est" in next(tmp_path.glob("000_*")).read_text(encoding="utf-8")
    assert "Fixed 24 problems" in first.out, first  # one per quotation: 12 German, 12 French
    again = copydesk("check", *sorted(tmp_path.iterdir()), "--select", "QUO", "--fix", "--no-cache")
    assert "Fixed 0 problems" in again.out


def corpus_findings(corpus, *options) -> list[dict]:
    return copydesk("check", corpus, "--select", "QUO", "--format", "json", "--no-cache", *options).json()


def where(found: list[dict]) -> set[tuple[str, int, str]]:
    return {(d["path"].split("_posts/")[-1], d["line"], d["code"]) for d in found}


def test_corpus_findings_are_known(corpus):
    found = corpus_findings(corpus)
    by_code = Counter(d["code"] for d in found)
    assert by_code["QUO005"] <= 2 and by_code["QUO001"] <= 10 and by_code["QUO007"] == 0, by_code
    assert {("zh/2016-03-04-usa-visa-zh.md", 28, "QUO001"),       # “他在谷歌工作。“
            ("fr/2011-01-26-disk-c-fr.md", 15, "QUO001"),         # « that never closes
            ("fr/2025-02-24-vscode-java-issue-fr.md", 38, "QUO002"),  # “…” in French
            ("de/2011-01-26-bee-de.md", 19, "QUO002")} <= where(found)
    terminal_logs = [d for d in found if "brew-upgrade" in d["path"] and d["code"] != "QUO004"]
    assert terminal_logs == []


def test_corpus_read_as_its_jekyll_site_renders_it(corpus, tmp_path):
    """kramdown (Jekyll's default) makes straight quotes curly: Spanish, Arabic, Hindi and Chinese
    posts read “…”, their own style; German and French read English quotes; a Chinese straight
    quote glued to a Han character reads the wrong way round."""
    config = tmp_path / "copydesk.yaml"
    config.write_text("linters:\n  quotes:\n    smart-quotes: true\n", encoding="utf-8")
    found = corpus_findings(corpus, "--config", str(config))
    styles = [d for d in found if d["code"] == "QUO002"]
    assert {d["path"].split("_posts/")[-1].split("/")[0] for d in styles} <= {"de", "fr", "hant"}
    assert all("the reader sees “…” (English quotes)" in d["message"] for d in styles if "/de/" in d["path"])
    assert ("zh/2025-01-31-predictions-zh.md", 19, "QUO007") in where(found)  # 的"机器人经理"
