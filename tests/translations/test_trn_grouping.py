"""Translations: which files are versions of one page, and the siblings read from disk."""
from __future__ import annotations

import os
from collections import Counter

from linters import config, lint_paths
from linters.translations import TranslationsLinter
from conftest import copydesk, write
from trn_support import ENGLISH, FRENCH, GERMAN, SPANISH, check, group


def test_the_path_pattern_is_configurable(tmp_path):
    write(tmp_path / "notes" / "en-talent.md", ENGLISH)
    write(tmp_path / "notes" / "es-talent.md", SPANISH)
    assert check("notes", cwd=tmp_path) == []  # not a translation group by the default templates
    write(tmp_path / ".copydesk.yaml", "linters:\n  translations:\n    path-patterns: ['notes/{lang}-*.md']\n")
    assert [d["code"] for d in check("notes", cwd=tmp_path)] == ["TRN002", "TRN001", "TRN003"]


def test_file_name_versions_in_one_folder(tmp_path):
    write(tmp_path / "notes" / "2024-11-11-talent-en.md", ENGLISH)
    spanish = write(tmp_path / "notes" / "2024-11-11-talent-es.md", SPANISH)
    write(tmp_path / "notes" / "2024-11-11-other-es.md", ENGLISH.replace("lang: en", "lang: es"))
    found = check(spanish.relative_to(tmp_path), cwd=tmp_path)
    assert [(d["path"], d["code"]) for d in found] == [("notes/2024-11-11-talent-es.md", c) for c in ("TRN002", "TRN001", "TRN003")]


def test_grouping_is_linear_and_lists_each_folder_once(tmp_path, monkeypatch):
    for number in range(500):
        for language in ("en", "fr"):
            year = "1 999" if language == "fr" and number % 100 == 0 else "1 998"
            write(tmp_path / "_posts" / language / f"2024-01-01-post{number}-{language}.md",
                  f"---\nlang: {language}\ntitle: P{number}\n---\n\nIn {year} [a](https://x.org/{number}).\n")
    listed = []
    real_listdir, real_scandir = os.listdir, os.scandir
    monkeypatch.setattr(os, "listdir", lambda path=".": listed.append(path) or real_listdir(path))
    monkeypatch.setattr(os, "scandir", lambda path=".": listed.append(path) or real_scandir(path))
    result = lint_paths([tmp_path / "_posts" / "fr"], config.from_mapping({"select": ["TRN"], "cache": False, "jobs": 1}))
    assert len(result.diagnostics) == 5 and {d.code for d in result.diagnostics} == {"TRN003"}
    ours = [str(path) for path in listed if str(path).startswith(str(tmp_path))]
    # _posts/fr by the discovery of the files; _posts (its languages) and _posts/en by the grouping
    assert Counter(ours) == Counter({str(tmp_path / "_posts"): 1, str(tmp_path / "_posts" / "en"): 1,
                                     str(tmp_path / "_posts" / "fr"): 1})


def test_a_path_template_without_a_language_is_a_configuration_error(tmp_path):
    group(tmp_path, {"en": ENGLISH})
    write(tmp_path / ".copydesk.yaml", "linters:\n  translations:\n    path-patterns: ['_posts/*.md']\n")
    run = copydesk("check", "_posts", cwd=tmp_path)
    assert run.code == 2 and "has no {lang}" in run.err and "Traceback" not in run.err


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


def test_the_declared_original_decides_and_siblings_on_disk_are_read(tmp_path):
    # Only the staged French post is named: its English original is found on disk, compared,
    # and not reported itself.
    paths = group(tmp_path, {"en": ENGLISH, "fr": SPANISH.replace("lang: es", "lang: fr"), "de": GERMAN})
    found = check(paths["fr"].relative_to(tmp_path), cwd=tmp_path)
    assert {d["path"] for d in found} == {"_posts/fr/2024-11-11-talent-fr.md"}
    assert [d["code"] for d in found] == ["TRN002", "TRN001", "TRN003"]
    # Named alone, the English original is compared with its translations and has nothing to fix.
    assert check(paths["en"].relative_to(tmp_path), cwd=tmp_path) == []
