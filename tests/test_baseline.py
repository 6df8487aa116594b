"""Baselines: legacy findings recorded once, only new ones reported afterwards."""
from __future__ import annotations

import shutil

from conftest import copydesk, write


def test_edits_above_a_finding_do_not_resurrect_it(tmp_path, demo_env):
    post = write(tmp_path / "post.md", "Intro.\n\nA TODO here.\n")
    recorded = copydesk("check", "--ignore", "FM001", ".", "--write-baseline", "baseline.json", cwd=tmp_path, env=demo_env)
    assert recorded.code == 0 and "Recorded 1 finding(s) in baseline.json" in recorded.out
    assert copydesk("check", "--ignore", "FM001", ".", "--baseline", "baseline.json", cwd=tmp_path, env=demo_env).code == 0
    post.write_text("A new first paragraph.\n\nIntro.\n\nA TODO here.\n")
    run = copydesk("check", "--ignore", "FM001", ".", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path, env=demo_env)
    assert run.code == 0 and run.json() == []


def test_a_new_finding_is_reported(tmp_path, demo_env):
    post = write(tmp_path / "post.md", "A TODO here.\n")
    copydesk("check", ".", "--write-baseline", "baseline.json", cwd=tmp_path, env=demo_env)
    post.write_text("A TODO here.\n\nAnother TODO there.\nA TODO here.\n")
    run = copydesk("check", ".", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path, env=demo_env)
    assert run.code == 1
    assert [(d["line"], d["code"]) for d in run.json()] == [(3, "DEMO001"), (4, "DEMO001")]  # line 1 is the old one


def test_the_same_finding_repeated_counts(tmp_path, demo_env):
    post = write(tmp_path / "post.md", "One TODO.\n")
    copydesk("check", ".", "--write-baseline", "baseline.json", cwd=tmp_path, env=demo_env)
    post.write_text("One TODO.\n\nOne TODO.\n")
    run = copydesk("check", ".", "--baseline", "baseline.json", "--format", "json", cwd=tmp_path, env=demo_env)
    assert [(d["line"], d["code"]) for d in run.json()] == [(3, "DEMO001")]


def test_a_bad_baseline_exits_2(tmp_path, demo_env):
    write(tmp_path / "post.md", "Text.\n")
    write(tmp_path / "baseline.json", "{not json")
    run = copydesk("check", ".", "--baseline", "baseline.json", cwd=tmp_path, env=demo_env)
    assert run.code == 2 and "baseline.json: not a valid baseline" in run.err
    run = copydesk("check", ".", "--baseline", "missing.json", cwd=tmp_path, env=demo_env)
    assert run.code == 2 and "missing.json: baseline file not found" in run.err


def test_a_baseline_of_the_corpus(tmp_path, corpus):
    site = tmp_path / "site"
    shutil.copytree(corpus, site)
    before = copydesk("check", ".", "--format", "json", cwd=site)
    assert before.code == 1 and before.json(), "the corpus has legacy findings"
    assert copydesk("check", ".", "--write-baseline", "copydesk-baseline.json", cwd=site).code == 0
    assert copydesk("check", ".", "--baseline", "copydesk-baseline.json", cwd=site).code == 0
    post = next((site / "_posts" / "en").glob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\nI hope this helps! Let me know if you have any questions.\n",
                    encoding="utf-8")
    run = copydesk("check", ".", "--baseline", "copydesk-baseline.json", "--format", "json", cwd=site)
    assert run.code == 1
    assert {d["path"] for d in run.json()} == {str(post.relative_to(site))}
