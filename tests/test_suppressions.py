"""Inline suppressions in the post, as HTML comments."""
from __future__ import annotations

from conftest import copydesk, write


def lines_found(tmp_path, text, *extra, env):
    write(tmp_path / "post.md", text)
    # the posts are bare on purpose: FM001 (no front matter) is not what these tests are about
    run = copydesk("check", "post.md", "--format", "json", "--extend-select", "CD", "--ignore", "FM001", *extra,
                   cwd=tmp_path, env=env)
    return [(d["line"], d["code"]) for d in run.json()]


def test_disable_enable_range(tmp_path, demo_env):
    text = "TODO 1\n<!-- copydesk-disable DEMO001 -->\nTODO 3\nTODO 4\n<!-- copydesk-enable -->\nTODO 6\n"
    assert lines_found(tmp_path, text, env=demo_env) == [(1, "DEMO001"), (6, "DEMO001")]


def test_disable_all_codes_and_prefixes(tmp_path, demo_env):
    text = "<!-- copydesk-disable -->\nTODO\n<!-- copydesk-enable -->\n<!-- copydesk-disable DEMO -->\nTODO\n"
    assert lines_found(tmp_path, text, env=demo_env) == []


def test_disable_next_line(tmp_path, demo_env):
    text = "<!-- copydesk-disable-next-line DEMO001 -->\nTODO 2\nTODO 3\n"
    assert lines_found(tmp_path, text, env=demo_env) == [(3, "DEMO001")]


def test_disable_line_covers_the_line_the_comment_is_on(tmp_path, demo_env):
    text = "TODO 1 <!-- copydesk-disable-line DEMO001 -->\nTODO 2\n<!-- copydesk-disable-line DEMO001 -->\n"
    assert lines_found(tmp_path, text, env=demo_env) == [(2, "DEMO001"), (3, "CD100")]


def test_several_codes_comma_or_space(tmp_path, demo_env):
    text = "<!-- copydesk-disable-next-line CD101, DEMO001 -->\nTODO\n"
    assert lines_found(tmp_path, text, env=demo_env) == []


def test_disable_file(tmp_path, demo_env):
    assert lines_found(tmp_path, "TODO\n\n<!-- copydesk-disable-file -->\n\nTODO\n", env=demo_env) == []


def test_disable_file_for_some_codes_only(tmp_path, demo_env):
    text = "TODO\n<!-- copydesk-disable-file CD101 -->\n<!-- copydesk-disable NOPE999 -->\n"
    assert lines_found(tmp_path, text, env=demo_env) == [(1, "DEMO001")]


def test_a_comment_inside_code_is_not_a_suppression(tmp_path, demo_env):
    text = "```\n<!-- copydesk-disable-file -->\n```\n\nTODO\n"
    assert lines_found(tmp_path, text, env=demo_env) == [(5, "DEMO001")]


def test_unknown_code_in_a_suppression_is_reported(tmp_path, demo_env):
    assert lines_found(tmp_path, "<!-- copydesk-disable-next-line DMEO001 -->\nText\n", env=demo_env) == [(1, "CD101")]


def test_unused_suppression_is_reported_when_selected(tmp_path, demo_env):
    text = "<!-- copydesk-disable-next-line DEMO001 -->\nNothing to hide.\n<!-- copydesk-disable-next-line DEMO001 -->\nTODO\n"
    assert lines_found(tmp_path, text, env=demo_env) == [(1, "CD100")]


def test_python_api_honours_suppressions():
    from linters import config, lint_text

    bare = config.from_mapping({"ignore": ["FM001"]})  # bare snippets have no front matter
    assert lint_text("<!-- copydesk-disable-next-line CD101 -->\n<!-- copydesk-disable XYZ123 -->\n", config=bare) == []
    assert [d.code for d in lint_text("<!-- copydesk-disable XYZ123 -->\n", config=bare)] == ["CD101"]


STALE = """---
title: A post
lang: en
---

Intro paragraph.

<!-- copydesk-disable-next-line CIT001 -->
Nothing to hide here.

<!-- copydesk-disable CIT -->
A quiet passage.
<!-- copydesk-enable -->

Text (). <!-- copydesk-disable-next-line HAL101 -->
Last line.
"""

CLEANED = """---
title: A post
lang: en
---

Intro paragraph.

Nothing to hide here.

A quiet passage.

Text.
Last line.
"""


def test_fix_deletes_unused_suppressions(tmp_path):
    post = write(tmp_path / "post.md", STALE)
    run = copydesk("check", "post.md", "--extend-select", "CD100", cwd=tmp_path)
    assert run.code == 1
    assert [line for line in run.out.splitlines() if ": CD100 " in line] == [
        "post.md:8:1: CD100 unused suppression: 'copydesk-disable-next-line CIT001' suppresses nothing",
        "post.md:11:1: CD100 unused suppression: 'copydesk-disable CIT' suppresses nothing",
        "post.md:15:10: CD100 unused suppression: 'copydesk-disable-next-line HAL101' suppresses nothing",
    ]
    assert run.out.endswith("4 fixable with --fix.\n")
    fixed = copydesk("check", "post.md", "--extend-select", "CD100", "--fix", cwd=tmp_path)
    assert (fixed.code, fixed.out) == (0, "All checks passed (1 file checked). Fixed 4 problems.\n")
    assert post.read_text(encoding="utf-8") == CLEANED
    again = copydesk("check", "post.md", "--extend-select", "CD100", "--fix", cwd=tmp_path)
    assert (again.code, again.out) == (0, "All checks passed (1 file checked). Fixed 0 problems.\n")
    assert post.read_text(encoding="utf-8") == CLEANED


def test_diff_shows_the_deleted_suppressions_and_changes_nothing(tmp_path):
    post = write(tmp_path / "post.md", STALE)
    run = copydesk("check", "post.md", "--extend-select", "CD100", "--diff", cwd=tmp_path)
    assert run.code == 1
    removed = [line for line in run.out.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert removed == ["-<!-- copydesk-disable-next-line CIT001 -->", "-<!-- copydesk-disable CIT -->",
                       "-<!-- copydesk-enable -->", "-Text (). <!-- copydesk-disable-next-line HAL101 -->"]
    assert "+Text.\n" in run.out
    assert post.read_text(encoding="utf-8") == STALE
    # the diff run must not leave the would-be-fixed findings in the cache
    assert copydesk("check", "post.md", "--extend-select", "CD100", "-q", cwd=tmp_path).out.startswith("Found 4 problems")


def test_an_enable_that_closes_a_used_block_too_is_kept(tmp_path):
    text = ("---\ntitle: A post\nlang: en\n---\n\n<!-- copydesk-disable CIT001 -->\nText ().\n"
            "<!-- copydesk-disable HAL101 -->\nQuiet.\n<!-- copydesk-enable -->\n\nText ().\n")
    post = write(tmp_path / "post.md", text)
    run = copydesk("check", "post.md", "--extend-select", "CD100", "--fix", "--format", "json", cwd=tmp_path)
    assert [(d["line"], d["code"]) for d in run.json()] == []
    assert post.read_text(encoding="utf-8") == (
        "---\ntitle: A post\nlang: en\n---\n\n<!-- copydesk-disable CIT001 -->\nText ().\n"
        "Quiet.\n<!-- copydesk-enable -->\n\nText.\n")


def test_a_suppression_of_rules_that_did_not_run_is_not_judged(tmp_path):
    text = "---\ntitle: A post\nlang: en\n---\n\n<!-- copydesk-disable-next-line HAL101 -->\nPlain text.\n"
    post = write(tmp_path / "post.md", text)
    narrow = copydesk("check", "post.md", "--select", "CIT,CD100", "--fix", "--format", "json", cwd=tmp_path)
    assert narrow.json() == [] and post.read_text(encoding="utf-8") == text
    everything = copydesk("check", "post.md", "--extend-select", "CD100", "--format", "json", cwd=tmp_path)
    assert [(d["line"], d["code"], d["fixable"]) for d in everything.json()] == [(6, "CD100", True)]


def test_on_the_corpus_fix_deletes_only_the_stale_suppressions(tmp_path, corpus):
    """Real posts: a suppression above every HAL201 finding stays, one added after it goes."""
    import shutil
    from collections import defaultdict

    site = tmp_path / "site"
    shutil.copytree(corpus, site, copy_function=shutil.copyfile)  # writable copies: --fix leaves read-only posts alone
    findings = copydesk("check", ".", "--select", "HAL201", "--format", "json", "--no-cache", cwd=site).json()
    assert findings, "the corpus has chatbot leftovers"
    lines_by_path = defaultdict(set)
    for finding in findings:
        lines_by_path[finding["path"]].add(finding["line"])
    used, stale = "<!-- copydesk-disable-next-line HAL201 -->", "<!-- copydesk-disable-next-line CIT001 -->"
    expected = {}
    for path, lines in lines_by_path.items():
        original = (site / path).read_text(encoding="utf-8").split("\n")
        suppressed = [f"{used}\n{line}" if number in lines else line for number, line in enumerate(original, 1)]
        written = "\n".join(suppressed) + f"\n\n{stale}\nA closing line.\n"
        (site / path).write_text(written, encoding="utf-8")
        expected[path] = written.replace(f"{stale}\n", "")
    reported = copydesk("check", ".", "--select", "HAL201,CIT001,CD100", "--format", "json", cwd=site).json()
    assert sorted((d["path"], d["code"]) for d in reported) == sorted((path, "CD100") for path in lines_by_path)
    fixed = copydesk("check", ".", "--select", "HAL201,CIT001,CD100", "--fix", cwd=site)
    assert fixed.code == 0 and f"Fixed {len(lines_by_path)} problems." in fixed.out, fixed
    assert {path: (site / path).read_text(encoding="utf-8") for path in lines_by_path} == expected
    again = copydesk("check", ".", "--select", "HAL201,CIT001,CD100", "--fix", cwd=site)
    assert again.code == 0 and "Fixed 0 problems." in again.out
