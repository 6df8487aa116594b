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


def test_seed_german_style_is_found_at_its_first_quotation():
    [finding] = seed_findings("003")
    assert (finding["line"], finding["column"], finding["code"]) == (11, 234, "QUO002")
    assert '"…" ×12' in finding["message"] and finding["fixable"]


def test_seed_french_drift_names_the_earlier_line():
    found = seed_findings("000")
    drift = [d for d in found if d["code"] == "QUO005"]
    assert [(d["line"], d["column"]) for d in drift] == [(63, 283)]
    assert "line 11" in drift[0]["message"] and "plus vraie chaque mois" in drift[0]["message"]
    assert Counter(d["code"] for d in found) == Counter({"QUO005": 1, "QUO004": 1})


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
    assert "Fixed 2 problems" in first.out, first
    again = copydesk("check", *sorted(tmp_path.iterdir()), "--select", "QUO", "--fix", "--no-cache")
    assert "Fixed 0 problems" in again.out


def test_corpus_findings_stay_few_and_known(corpus):
    found = copydesk("check", corpus, "--select", "QUO", "--format", "json", "--no-cache").json()
    by_code = Counter(d["code"] for d in found)
    assert by_code["QUO005"] <= 2 and by_code["QUO001"] <= 10 and len(found) <= 70, by_code
    where = {(d["path"].split("_posts/")[-1], d["line"], d["code"]) for d in found}
    assert {("zh/2016-03-04-usa-visa-zh.md", 28, "QUO001"),       # “他在谷歌工作。“
            ("fr/2011-01-26-disk-c-fr.md", 15, "QUO001"),         # « that never closes
            ("fr/2025-02-24-vscode-java-issue-fr.md", 38, "QUO002"),  # “…” in French
            ("de/2011-01-26-bee-de.md", 19, "QUO002")} <= where
    terminal_logs = [d for d in found if "brew-upgrade" in d["path"] and d["code"] != "QUO004"]
    assert terminal_logs == []


def test_explain_quote_drift():
    run = copydesk("explain", "QUO005")
    assert run.code == 0 and "quote-drift" in run.out and "different wording" in run.out
