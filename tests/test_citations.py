"""The citations linter: empty citations, empty-text links, chat debris; fixes that read naturally."""
from __future__ import annotations

import shutil
from collections import Counter

import pytest

from conftest import copydesk, seed_path, write
from linters import config, lint_text


def codes(text: str, **options) -> list[tuple[int, int, str]]:
    settings = config.from_mapping({"select": ["CIT"], **({"linters": {"citations": options}} if options else {})})
    return [(d.line, d.column, d.code) for d in lint_text(text, path="post.md", config=settings)]


# Every defect of the seeds, as (line, code) counts, checked by reading them.
SEED_LINES = {
    "000": {(11, "CIT002"): 1, (38, "CIT002"): 1, (58, "CIT001"): 2, (58, "CIT002"): 3, (60, "CIT001"): 2,
            (60, "CIT002"): 2, (65, "CIT001"): 2, (65, "CIT002"): 2},
    "002": {(11, "CIT002"): 1, (38, "CIT002"): 1, (58, "CIT001"): 2, (58, "CIT002"): 3, (60, "CIT001"): 2,
            (60, "CIT002"): 2, (65, "CIT001"): 2, (65, "CIT002"): 2},
    "003": {(11, "CIT002"): 1, (38, "CIT006"): 1, (38, "CIT002"): 1, (58, "CIT001"): 2, (58, "CIT002"): 3,
            (60, "CIT001"): 2, (60, "CIT002"): 2, (65, "CIT001"): 2, (65, "CIT002"): 2},
    "001": {},
    "004": {},
}


@pytest.mark.parametrize("seed", sorted(SEED_LINES))
def test_every_seed_defect_and_nothing_else(seed):
    run = copydesk("check", seed_path(seed), "--select", "CIT", "--format", "json", "--no-cache")
    assert Counter((d["line"], d["code"]) for d in run.json()) == Counter(SEED_LINES[seed])


def test_seed_columns_of_the_french_post():
    run = copydesk("check", seed_path("000"), "--select", "CIT", "--format", "json", "--no-cache")
    found = {(d["line"], d["column"], d["code"]) for d in run.json()}
    assert {(58, 378, "CIT001"), (58, 580, "CIT001"), (65, 106, "CIT001"), (65, 143, "CIT001"),
            (11, 1140, "CIT002"), (60, 495, "CIT002")} <= found


def test_fixing_the_seeds_reads_naturally_and_is_idempotent(tmp_path, seeds):
    for seed in seeds.iterdir():
        shutil.copyfile(seed, tmp_path / seed.name)  # a writable copy: --fix leaves read-only posts alone
    first = copydesk("check", *sorted(tmp_path.iterdir()), "--select", "CIT", "--fix", "--no-cache")
    assert first.code == 0 and "Fixed 46 problems" in first.out
    french = next(tmp_path.glob("000_*")).read_text(encoding="utf-8")
    japanese = next(tmp_path.glob("002_*")).read_text(encoding="utf-8")
    german = next(tmp_path.glob("003_*")).read_text(encoding="utf-8")
    assert "en matière de sécurité. Chez Anthropic" in french and "lexfridman.com ou regarder" in french
    assert "globale. [lexfridman.com](https://lexfridman.com/dario-amodei-transcript/)" in french
    assert "懸念から去りました。Anthropic" in japanese
    assert "(Quelle: lexfridman.com)" in german
    for text in (french, japanese, german):
        assert "()" not in text and "(,)" not in text and "[](" not in text
    again = copydesk("check", *sorted(tmp_path.iterdir()), "--select", "CIT", "--fix", "--no-cache")
    assert "Fixed 0 problems" in again.out


def test_the_corpus_has_no_citation_findings(corpus):
    run = copydesk("check", corpus, "--select", "CIT", "--format", "json", "--no-cache")
    assert run.json() == []


@pytest.mark.parametrize("text, expected", [
    ("Sécurité (). Fin.\n", [(1, 10, "CIT001")]),
    ("Deux sources (,) et (, ,) ici.\n", [(1, 14, "CIT001"), (1, 21, "CIT001")]),
    ("サイト（）です。\n", [(1, 4, "CIT001")]),
    ("サイト（、）です。\n", [(1, 4, "CIT001")]),
    ("Text.[](https://a.org/x)[](https://b.org/y)\n", [(1, 6, "CIT002"), (1, 25, "CIT002")]),
    ("Great![](https://a.org/page)\n", [(1, 7, "CIT002")]),
    ("Read [the transcript]() now.\n", [(1, 6, "CIT003")]),
    ("Released in March citeturn0search3.\n", [(1, 19, "CIT004")]),
    ("A claim【4:0†source】.\n", [(1, 8, "CIT004")]),
    ("A claim :contentReference[oaicite:0]{index=0}.\n", [(1, 9, "CIT004")]),
    ("See [the paper](https://arxiv.org/abs/1?utm_source=chatgpt.com).\n", [(1, 41, "CIT005")]),
    ("Source (Quelle: site.com,) here.\n", [(1, 8, "CIT006")]),
    ("A claim[^1].\n", [(1, 8, "CIT007")]),
    ("Text.\n\n[^2]: Orphan.\n", [(3, 1, "CIT008")]),
    ("See [the news][news].\n", [(1, 5, "CIT009")]),
])
def test_each_rule(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize("text", [
    "Call `f()` or `(,)` in code.\n",
    "```python\nprint(())\nsecurity ()\n```\n",
    "Optional parts (optional) stay.\n",
    "A URL https://x.org/a()b and [link](https://y.org/f(),) here.\n",
    "An image ![](pic.png) and ![](https://x.org/photo.jpg).\n",
    "The function f() returns.\n",
    "<!-- a comment () -->\n",
    "Options (e.g., `--all`) and （`ps`） stay.\n",
    "A claim[^1].\n\n[^1]: Its source.\n",
    "See [the news][news].\n\n[news]: https://n.org\n",
    # Jekyll expands Liquid, Hugo its shortcodes, before Markdown reads a definition
    "See [the news][1] and [the licence][2].\n\n[1]: {{ site.url }}/ru/\n[2]: {{ site.url }}{{ site.license.url }}\n",
    "See [the guide][g].\n\n[g]: {{< ref \"guide.md\" >}}\n",
])
def test_near_misses(text):
    assert codes(text) == []


def test_empty_link_fix_options(tmp_path):
    post = write(tmp_path / "post.md", "Fin.[](https://www.site.org/a)\n\n日本語。[](https://site.org/b)\n")
    copydesk("check", "post.md", "--select", "CIT", "--fix", cwd=tmp_path)
    assert post.read_text() == "Fin. [site.org](https://www.site.org/a)\n\n日本語。[site.org](https://site.org/b)\n"
    write(tmp_path / ".copydesk.yaml", "linters:\n  citations:\n    empty-link-fix: remove\n")
    write(tmp_path / "post.md", "Fin.[](https://www.site.org/a) Suite.\n")
    copydesk("check", "post.md", "--select", "CIT", "--fix", cwd=tmp_path)
    assert post.read_text() == "Fin. Suite.\n"


def test_tracking_parameter_fix_keeps_the_rest_of_the_url(tmp_path):
    post = write(tmp_path / "post.md", "[a](https://x.org/p?utm_source=chatgpt.com&id=3) [b](https://y.org/q?id=4&utm_source=chatgpt.com)\n")
    copydesk("check", "post.md", "--select", "CIT", "--fix", cwd=tmp_path)
    assert post.read_text() == "[a](https://x.org/p?id=3) [b](https://y.org/q?id=4)\n"


def test_debris_fix(tmp_path):
    post = write(tmp_path / "post.md", "Released in March citeturn0search3. Later【4:0†source】 too.\n")
    copydesk("check", "post.md", "--select", "CIT", "--fix", cwd=tmp_path)
    assert post.read_text() == "Released in March. Later too.\n"


def fixed(tmp_path, body: str) -> str:
    post = write(tmp_path / "2025-01-01-a-en.md", "---\ntitle: T\nlang: en\n---\n\n" + body)
    run = copydesk("check", "--fix", "--no-cache", "--select", "CIT", post.name, cwd=tmp_path)
    assert run.code in (0, 1), run
    return post.read_text(encoding="utf-8").split("---\n\n", 1)[1]


@pytest.mark.parametrize("body, expected", [
    ("Text\uff08\uff09 more\n", "Text more\n"),  # issue 18, R3: was "Textmore"
    ("Texte\uff08\u3001\uff09, puis\n", "Texte, puis\n"),
    ("\uff08\uff09 Start of a line\n", "Start of a line\n"),
    ("日本語のテキスト（） です。\n", "日本語のテキストです。\n"),  # no space between words in Japanese
    ("A word () here.\n", "A word here.\n"),
])
def test_the_empty_citation_fix_never_glues_two_words(tmp_path, body, expected):
    assert fixed(tmp_path, body) == expected


def test_the_empty_link_fix_escapes_brackets_it_copies_into_the_text(tmp_path):
    """A destination with an unbalanced bracket made text that broke the link: `[a[b](<a[b>)`."""
    assert fixed(tmp_path, "See [](<a[b>) now.\n") == "See [a\\[b](<a[b>) now.\n"
    from linters.document import Document

    [link] = Document("See [a\\[b](<a[b>) now.\n").links
    assert (link.dest, link.text_is_empty) == ("a[b", False)
