"""The hallucinations linter as a whole, as a user sees it: the seeds and the real corpus, any
text, configuration, documentation.

Fixture posts here are invented; the seeds and the real corpus are read from ../shared when present."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import copydesk, seed_path, write
from hal_support import hal_json
from linters import lint_text
from linters.packs.loading import load_builtin


# -- seeds: every leftover, fabricated URL and scrape artefact; the valid URLs next to them are clean --

SEED_FINDINGS = {
    # French: offers of more help at the end of two sections; an invented YouTube id.
    "000": {(65, "HAL201"), (118, "HAL001"), (118, "HAL201")},
    # A scraped news page: logo text, navigation, timestamp, page title as last line.
    "001": {(1, "HAL302"), (2, "HAL301"), (6, "HAL304"), (10, "HAL301"), (12, "HAL303")},
    "002": {(65, "HAL201"), (118, "HAL001"), (118, "HAL201")},
    "003": {(65, "HAL201"), (118, "HAL001"), (118, "HAL201")},
    # An undated scraped article: "plus tôt ce mois-ci" has no month to refer to.
    "004": {(3, "HAL304")},
}


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS))
def test_seed_findings_are_exact(seed):
    assert hal_json(seed_path(seed)) == SEED_FINDINGS[seed]


def test_seed_valid_youtube_link_is_not_flagged():
    run = copydesk("check", "--no-cache", "--select", "HAL001", "--format", "json", seed_path("000"))
    flagged = [item for item in run.json() if item["code"] == "HAL001"]
    assert [item["line"] for item in flagged] == [118]
    assert "lexfridman" in flagged[0]["message"]
    assert all("ugvHCXCOmm4" not in item["message"] for item in run.json())


def test_seed_messages_name_the_leftover_phrase():
    run = copydesk("check", "--no-cache", "--select", "HAL201", "--format", "json", seed_path("003"))
    assert {item["message"] for item in run.json()} == {
        "chatbot leftover addressed to its user: 'lassen Sie es mich wissen'"}


# -- robustness: any text, any front matter ---------------------------------------------------

_PIECES = list("ab #>*_-|[]()<>:/.?=!\n`\"“」0123456789") + [
    "https://", "youtu.be/", "watch?v=", "ISBN ", "doi:", "arXiv:", "let me know if ", "Back to Headlines",
    "<details type=reasoning>", "</details>", "2 days ago", "---\n", "title: ", "date: ", "<!--", "-->"]


@given(st.lists(st.sampled_from(_PIECES), max_size=80).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_text_lints_without_error(text):
    for diagnostic in lint_text(text, path="_posts/en/2024-03-05-fuzz-en.md"):
        assert diagnostic.code != "CD006", diagnostic.message


@pytest.mark.parametrize("front", ["title: 42\ndate: not a date", "title: [a, b]\ndate: 2024-13-45",
                                   "date: 2024-02-30 10:00", "tags: [diary, 3]\ntype: {a: 1}", "title:"])
def test_odd_front_matter_values(front):
    text = f"---\n{front}\n---\n\nIt had 40k stars as of 2025. Let me know if it helps.\n"
    assert "CD006" not in {d.code for d in lint_text(text, path="notes/odd.md")}


# -- configuration: user phrases, bad patterns, bad data ------------------------------------------

def test_user_rule_pack_extends_phrases(tmp_path):
    write(tmp_path / "extra.yaml", "linter: hallucinations\nchatbot-leftovers:\n  en: ['\\bgive me a shout\\b']\n"
                                   "placeholder-hosts: [placeholder.test]\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [extra.yaml]\n")
    write(tmp_path / "post.md", "Intro.\n\nIf it breaks, give me a shout.\n\nSee https://placeholder.test/a.\n")
    assert hal_json("post.md", cwd=tmp_path) == {(3, "HAL201"), (5, "HAL101")}


def test_catastrophic_user_pattern_is_stopped(tmp_path):
    write(tmp_path / "slow.yaml", "linter: hallucinations\nchatbot-leftovers:\n  en: ['(a|aa)+$']\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [slow.yaml]\nregex-timeout: 0.2\n")
    write(tmp_path / "post.md", "a" * 40 + "!\n")
    run = copydesk("check", "--format", "json", "post.md", cwd=tmp_path, timeout=60)
    assert run.code == 1, run
    [item] = [item for item in run.json() if item["code"] == "CD005"]
    assert "HAL201" in item["message"]


def test_malformed_user_data_is_an_error_not_a_traceback(tmp_path):
    write(tmp_path / "bad.yaml", "linter: hallucinations\nplaceholder-hosts: {not: a list}\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [bad.yaml]\n")
    write(tmp_path / "post.md", "Text.\n")
    run = copydesk("check", "post.md", cwd=tmp_path)
    assert run.code == 2, run
    assert "placeholder-hosts" in run.err and "Traceback" not in run.err


def test_invalid_user_pattern_names_its_place(tmp_path):
    write(tmp_path / "bad.yaml", "linter: hallucinations\nchatbot-leftovers:\n  en: ['(unclosed']\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [bad.yaml]\n")
    write(tmp_path / "post.md", "Text.\n")
    run = copydesk("check", "post.md", cwd=tmp_path)
    assert run.code == 2, run
    assert "chatbot-leftovers" in run.err and "Traceback" not in run.err


def test_every_rule_is_documented():
    from linters.packs.loading import load_builtin

    run = copydesk("rules", "--format", "json")
    rules = {rule["code"]: rule for rule in run.json() if rule["code"].startswith("HAL")}
    assert set(rules) == set(load_builtin("hallucinations")["rules"]) and {"HAL102", "HAL405", "HAL406"} <= set(rules)
    explained = copydesk("explain", "HAL405")
    assert explained.code == 0 and "preamble" in explained.out


def test_every_built_in_pattern_compiles():
    """They are compiled only when a post holds their literal, so a broken one must fail here."""
    from linters.config import Config
    from linters.engine import engine_for
    from linters.patterns.phrases import Phrase, PhraseList

    linter = next(linter for linter in engine_for(Config()).linters if linter.name == "hallucinations")
    owners = [linter, *linter.groups]
    lists = [value for owner in owners for value in vars(owner).values() if isinstance(value, PhraseList)]
    lists += [phrases for group in linter.groups for phrases in getattr(group, "mentions", {}).values()]
    single = [value for owner in owners for value in vars(owner).values() if isinstance(value, Phrase)]
    single += [impossible for group in linter.groups for _, _, impossible, _ in getattr(group, "path_shapes", ())]
    single += list(linter.language_scripts.values())
    compiled = [entry.compiled for phrases in lists for language in phrases.by_language
                for entry in phrases.entries(language)]
    compiled += [pattern.compiled for pattern in single]
    assert len(compiled) > 200 and len(single) > 5 and all(pattern.pattern for pattern in compiled)


# -- the real corpus: every finding is a real defect, and each family's instances are found ------

# (path, line, code): number of findings. Every one was read and is a real defect.
CORPUS_FINDINGS = {
    # offers of more help, check-ins, requests for clarification and references to the prompt, in eight languages
    ('_posts/ar/2025-02-27-bit-ar.md', 66, 'HAL201'): 1,
    ('_posts/de/2025-02-24-vscode-java-issue-de.md', 121, 'HAL201'): 1,
    ('_posts/de/2025-02-24-vscode-ls-de.md', 82, 'HAL201'): 1,
    ('_posts/de/2025-02-25-ps-options-de.md', 43, 'HAL201'): 1,
    ('_posts/de/2025-02-27-fsevents-de.md', 14, 'HAL201'): 2,
    ('_posts/de/2025-02-27-fsevents-de.md', 138, 'HAL201'): 1,
    ('_posts/de/2025-02-27-fsevents-de.md', 140, 'HAL201'): 1,
    ('_posts/en/2025-02-20-node-openssl-en.md', 206, 'HAL201'): 1,
    ('_posts/en/2025-02-24-vscode-java-issue-en.md', 121, 'HAL201'): 1,
    ('_posts/en/2025-02-24-vscode-ls-en.md', 84, 'HAL201'): 2,
    ('_posts/en/2025-02-25-ps-options-en.md', 44, 'HAL201'): 1,
    ('_posts/en/2025-02-27-bit-en.md', 66, 'HAL201'): 1,
    ('_posts/en/2025-02-27-deepsearch-en.md', 95, 'HAL201'): 1,
    ('_posts/en/2025-02-27-fsevents-en.md', 13, 'HAL201'): 2,
    ('_posts/en/2025-02-27-fsevents-en.md', 137, 'HAL201'): 1,
    ('_posts/en/2025-02-27-fsevents-en.md', 139, 'HAL201'): 1,
    ('_posts/es/2025-02-24-vscode-java-issue-es.md', 121, 'HAL201'): 1,
    ('_posts/es/2025-02-24-vscode-ls-es.md', 84, 'HAL201'): 2,
    ('_posts/es/2025-02-25-ps-options-es.md', 42, 'HAL201'): 1,
    ('_posts/es/2025-02-27-fsevents-es.md', 14, 'HAL201'): 2,
    ('_posts/es/2025-02-27-fsevents-es.md', 138, 'HAL201'): 1,
    ('_posts/es/2025-02-27-fsevents-es.md', 140, 'HAL201'): 1,
    ('_posts/fr/2025-02-24-vscode-java-issue-fr.md', 121, 'HAL201'): 1,
    ('_posts/fr/2025-02-24-vscode-ls-fr.md', 83, 'HAL201'): 2,
    ('_posts/fr/2025-02-25-ps-options-fr.md', 42, 'HAL201'): 1,
    ('_posts/fr/2025-02-27-bit-fr.md', 65, 'HAL201'): 1,
    ('_posts/fr/2025-02-27-deepsearch-fr.md', 95, 'HAL201'): 1,
    ('_posts/fr/2025-02-27-fsevents-fr.md', 13, 'HAL201'): 2,
    ('_posts/fr/2025-02-27-fsevents-fr.md', 137, 'HAL201'): 1,
    ('_posts/fr/2025-02-27-fsevents-fr.md', 139, 'HAL201'): 1,
    ('_posts/hi/2025-02-27-bit-hi.md', 64, 'HAL201'): 1,
    ('_posts/ja/2025-02-24-vscode-java-issue-ja.md', 122, 'HAL201'): 1,
    ('_posts/ja/2025-02-24-vscode-ls-ja.md', 84, 'HAL201'): 2,
    ('_posts/ja/2025-02-25-ps-options-ja.md', 42, 'HAL201'): 1,
    ('_posts/ja/2025-02-27-bit-ja.md', 64, 'HAL201'): 1,
    ('_posts/ja/2025-02-27-fsevents-ja.md', 137, 'HAL201'): 1,
    ('_posts/ja/2025-02-27-fsevents-ja.md', 139, 'HAL201'): 1,
    ('_posts/zh/2025-02-24-vscode-java-issue-zh.md', 122, 'HAL201'): 1,
    ('_posts/zh/2025-02-24-vscode-ls-zh.md', 83, 'HAL201'): 2,
    ('_posts/zh/2025-02-25-ps-options-zh.md', 42, 'HAL201'): 1,
    ('_posts/zh/2025-02-27-bit-zh.md', 64, 'HAL201'): 1,
    ('_posts/zh/2025-02-27-fsevents-zh.md', 13, 'HAL201'): 2,
    ('_posts/zh/2025-02-27-fsevents-zh.md', 137, 'HAL201'): 1,
    ('_posts/zh/2025-02-27-fsevents-zh.md', 139, 'HAL201'): 1,
    ('notes/2025-01-16-always-en.md', 113, 'HAL201'): 2,
    ('_posts/ja/2025-02-27-fsevents-ja.md', 13, 'HAL201'): 2,  # and "もし違っていたら、教えてください"
    # chat answers pasted as posts: their first paragraph answers the person who asked
    ('_posts/de/2025-02-24-vscode-java-issue-de.md', 10, 'HAL202'): 1,
    ('_posts/en/2025-02-24-vscode-java-issue-en.md', 10, 'HAL202'): 1,
    ('_posts/en/2025-02-24-vscode-ls-en.md', 11, 'HAL202'): 1,
    ('_posts/en/2025-02-25-ps-options-en.md', 11, 'HAL202'): 1,
    ('_posts/es/2025-02-24-vscode-java-issue-es.md', 10, 'HAL202'): 1,
    ('_posts/ja/2025-02-24-vscode-java-issue-ja.md', 11, 'HAL202'): 1,
    ('_posts/zh/2025-02-24-vscode-java-issue-zh.md', 11, 'HAL202'): 1,
    ('notes/2025-01-16-always-en.md', 8, 'HAL202'): 1,
    # a WhatsApp link with a counting number in the contact table
    ('_posts/de/2025-01-11-subscribe-de.md', 44, 'HAL102'): 1,
    ('_posts/en/2025-01-11-subscribe-en.md', 53, 'HAL102'): 1,
    ('_posts/es/2025-01-11-subscribe-es.md', 44, 'HAL102'): 1,
    ('_posts/fr/2025-01-11-subscribe-fr.md', 44, 'HAL102'): 1,
    ('_posts/ja/2025-01-11-subscribe-ja.md', 53, 'HAL102'): 1,
    ('_posts/zh/2025-01-11-subscribe-zh.md', 44, 'HAL102'): 1,
    # the model's machinery
    ('_posts/en/2017-12-15-pm2-en.md', 14, 'HAL402'): 1,
    ('_posts/en/2025-02-20-node-openssl-en.md', 109, 'HAL401'): 1,
    ('_posts/en/2025-02-27-deepsearch-en.md', 102, 'HAL403'): 1,
    ('_posts/en/2025-02-27-docker-daemon-en.md', 32, 'HAL402'): 1,
    ('_posts/en/2025-02-27-docker-daemon-en.md', 74, 'HAL403'): 1,
    ('_posts/fr/2017-12-15-pm2-fr.md', 13, 'HAL402'): 1,
    ('_posts/fr/2025-02-27-deepsearch-fr.md', 102, 'HAL403'): 1,
    ('_posts/fr/2025-02-27-docker-daemon-fr.md', 32, 'HAL402'): 1,
    ('_posts/fr/2025-02-27-docker-daemon-fr.md', 74, 'HAL403'): 1,
    ('_posts/hi/2025-02-27-bit-hi.md', 5, 'HAL404'): 1,
    ('_posts/ja/2017-12-15-pm2-ja.md', 14, 'HAL402'): 1,
    ('_posts/ja/2025-02-27-deepsearch-ja.md', 102, 'HAL403'): 1,
    ('_posts/ja/2025-02-27-docker-daemon-ja.md', 32, 'HAL402'): 1,
    ('_posts/ja/2025-02-27-docker-daemon-ja.md', 74, 'HAL403'): 1,
    ('_posts/zh/2025-02-27-deepsearch-zh.md', 102, 'HAL403'): 1,
    ('_posts/zh/2025-02-27-docker-daemon-zh.md', 32, 'HAL402'): 1,
    ('_posts/zh/2025-02-27-docker-daemon-zh.md', 74, 'HAL403'): 1,
}


def test_corpus_findings_are_exactly_the_reviewed_defects(corpus):
    run = copydesk("check", "--no-cache", "--select", "HAL", "--format", "json", corpus)
    found = Counter((Path(item["path"]).resolve().relative_to(corpus.resolve()).as_posix(), item["line"], item["code"])
                    for item in run.json())
    assert found == CORPUS_FINDINGS


@pytest.mark.parametrize("relative, code, excerpt", [
    ("_posts/en/2025-02-20-node-openssl-en.md", "HAL401", '<details type="reasoning"'),
    ("_posts/en/2025-02-27-docker-daemon-en.md", "HAL402", "Given the current time is"),
    ("_posts/en/2017-12-15-pm2-en.md", "HAL402", "as of early 2025"),
    ("_posts/fr/2025-02-27-docker-daemon-fr.md", "HAL403", "### Citations Clés"),
    ("_posts/en/2025-02-27-deepsearch-en.md", "HAL403", "#### Key Citations"),
    ("_posts/hi/2025-02-27-bit-hi.md", "HAL404", "का अनुवाद:"),
    ("_posts/fr/2025-02-24-vscode-ls-fr.md", "HAL201", "faites-le moi savoir"),
    ("_posts/ja/2025-02-24-vscode-ls-ja.md", "HAL201", "お知らせください"),
    ("_posts/de/2025-02-24-vscode-ls-de.md", "HAL201", "lassen Sie es mich wissen"),
    ("_posts/en/2025-02-27-fsevents-en.md", "HAL201", "Based on your question"),
    ("_posts/en/2025-02-27-deepsearch-en.md", "HAL201", "the user's emphasis"),
])
def test_corpus_machinery_instances(corpus, relative, code, excerpt):
    path = corpus / relative
    if not path.exists():
        pytest.skip(f"{relative} is not in this corpus")
    text = path.read_text(encoding="utf-8")
    diagnostics = [d for d in lint_text(text, path=str(path)) if d.code == code]
    assert any(excerpt in text[d.start:d.end] for d in diagnostics), diagnostics


def test_corpus_transcript_and_code_examples_stay_clean(corpus):
    # A published ChatGPT transcript and curl examples on example.com are not defects.
    for relative in ("notes/2023-07-30-captions-en.md", "_posts/en/2025-02-20-curl-en.md",
                     "_posts/en/2025-02-26-curl-downloads-en.md", "_posts/en/2011-01-26-hello-beijing-en.md"):
        path = corpus / relative
        if path.exists():
            assert not [d for d in lint_text(path.read_text(encoding="utf-8"), path=str(path))
                        if d.code.startswith("HAL")], relative
