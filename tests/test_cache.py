"""The result cache: an unchanged file is not linted again; any change that matters is seen."""
from __future__ import annotations

import os

import pytest

from conftest import copydesk, write


@pytest.fixture
def site(tmp_path, demo_env):
    write(tmp_path / "a.md", "A TODO.\n")
    write(tmp_path / "b.md", "Clean.\n")
    log = tmp_path / "checked.log"
    env = {**demo_env, "COPYDESK_DEMO_LOG": str(log)}

    def run(*args):  # the posts are bare on purpose: FM001 (no front matter) is not what these tests are about
        if log.exists():
            log.unlink()
        result = copydesk("check", "a.md", "b.md", "--format", "json", "--ignore", "FM001", *args, cwd=tmp_path, env=env)
        checked = sorted(log.read_text().split()) if log.exists() else []
        return result, checked

    return tmp_path, run


def test_an_unchanged_file_comes_from_the_cache(site):
    folder, run = site
    first, checked = run()
    assert checked == ["a.md", "b.md"]
    second, checked = run()
    assert checked == [] and second.out == first.out and second.code == first.code == 1


def test_an_edited_file_is_linted_again(site):
    folder, run = site
    run()
    write(folder / "b.md", "Now a TODO too.\n")
    result, checked = run()
    assert checked == ["b.md"]
    assert [d["path"] for d in result.json()] == ["a.md", "b.md"]


def test_a_touched_but_identical_file_is_matched_by_content(site):
    folder, run = site
    run()
    os.utime(folder / "a.md", (1, 1))
    result, checked = run()
    assert checked == [] and len(result.json()) == 1


def test_a_configuration_change_invalidates(site):
    folder, run = site
    run()
    write(folder / ".copydesk.yaml", "severity: {DEMO001: error}\n")
    result, checked = run()
    assert checked == ["a.md", "b.md"]
    assert [d["severity"] for d in result.json()] == ["error"]


def test_no_cache(site):
    folder, run = site
    _, checked = run("--no-cache")
    _, again = run("--no-cache")
    assert checked == again == ["a.md", "b.md"]
    assert not (folder / ".copydesk_cache").exists()


def test_the_cache_folder_is_marked_and_a_corrupt_cache_is_ignored(site):
    folder, run = site
    first, _ = run()
    cache = folder / ".copydesk_cache"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    for entry in cache.glob("results-*.pickle"):
        entry.write_bytes(b"garbage")
    result, checked = run()
    assert checked == ["a.md", "b.md"] and result.out == first.out


def test_fix_does_not_trust_a_cached_finding(site):
    folder, run = site
    run()
    result, _ = run("--fix")
    assert (folder / "a.md").read_text() == "A DONE.\n" and result.json() == []


def test_concurrent_runs_leave_a_valid_cache(tmp_path, demo_env):
    import subprocess
    import sys

    for index in range(60):
        write(tmp_path / f"p{index:02d}.md", "A TODO.\n" if index % 2 else "Clean.\n")
    env = {**os.environ, **demo_env}
    env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in env["PYTHONPATH"].split(os.pathsep))
    command = [sys.executable, "-m", "linters", "check", ".", "--format", "json", "--ignore", "FM001"]
    runs = [subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert len(set(outputs)) == 1
    log = tmp_path / "checked.log"
    after = copydesk("check", "--ignore", "FM001", ".", "--format", "json", cwd=tmp_path, env={**demo_env, "COPYDESK_DEMO_LOG": str(log)})
    assert after.out == outputs[0] and not log.exists()  # served whole from the cache the runs left


def test_a_one_post_run_in_a_large_site_rewrites_one_small_cache_file(tmp_path, demo_env):
    for index in range(200):
        write(tmp_path / f"p{index:03d}.md", "A TODO.\n" if index % 2 else "Clean.\n")
    env = {**demo_env, "COPYDESK_DEMO_LOG": str(tmp_path / "checked.log")}
    assert copydesk("check", "--ignore", "FM001", ".", cwd=tmp_path, env=env).code == 1
    shards = {path: path.stat().st_mtime_ns for path in (tmp_path / ".copydesk_cache").glob("results-*.pickle")}
    assert len(shards) > 8  # spread out, not one file holding the whole site
    write(tmp_path / "p000.md", "Now a TODO.\n")
    os.utime(tmp_path / "p000.md", (1, 1))
    result = copydesk("check", "--ignore", "FM001", "p000.md", "--format", "json", cwd=tmp_path, env=env)
    assert [d["path"] for d in result.json()] == ["p000.md"]
    rewritten = [path for path, mtime in shards.items() if path.stat().st_mtime_ns != mtime]
    assert len(rewritten) == 1
    assert max(path.stat().st_size for path in shards) < sum(path.stat().st_size for path in shards) / 4
    assert copydesk("check", "--ignore", "FM001", ".", "--format", "json", cwd=tmp_path, env=env).json() == \
        copydesk("check", "--ignore", "FM001", ".", "--format", "json", "--no-cache", cwd=tmp_path, env=env).json()


def test_a_cached_finding_keeps_its_fix(tmp_path, monkeypatch):
    """The cache keeps fixes as plain tuples: read back, a finding's fix is a Fix all the same."""
    from linters import engine
    from linters.diagnostics import Edit, Fix

    write(tmp_path / "post.md", "---\ntitle: Café\nlang: fr\n---\n\nUn café () et du thé (, ).\n")
    monkeypatch.chdir(tmp_path)
    engine.engine_for.cache_clear()
    fresh = engine.lint_paths(["post.md"]).diagnostics
    assert (tmp_path / ".copydesk_cache").is_dir()
    cached = engine.lint_paths(["post.md"]).diagnostics
    assert cached == fresh and [d.code for d in cached].count("CIT001") == 2
    for before, after in zip(fresh, cached):
        assert after.fix == before.fix and after.fixable == before.fixable and repr(after) == repr(before)
        if after.fix is not None:
            assert type(after.fix) is Fix and all(type(edit) is Edit for edit in after.fix.edits)
    engine.lint_paths(["post.md"], fix=True)
    assert (tmp_path / "post.md").read_text().endswith("Un café et du thé.\n")


def _cache_bytes(folder) -> int:
    return sum(path.stat().st_size for path in (folder / ".copydesk_cache").glob("results-*"))


def test_the_results_of_deleted_posts_leave_the_cache(tmp_path, demo_env):
    from linters.engine.cache import Cache

    def site(folder, names, text):
        for name in names:
            write(folder / name, text)
        assert copydesk("check", ".", cwd=folder, env=demo_env).code == 1
        return _cache_bytes(folder)

    names = [f"p{index:03d}.md" for index in range(100)]
    full = site(tmp_path, names, "A TODO.\n")
    by_shard: dict[int, list[str]] = {}
    for name in names:
        by_shard.setdefault(Cache.shard_of(name), []).append(name)
    kept = [group[0] for group in by_shard.values()]  # a shard is cleaned when it is rewritten
    for name in set(names) - set(kept):
        (tmp_path / name).unlink()
    after = site(tmp_path, kept, "Edited, a TODO.\n")
    fresh = site(tmp_path / "fresh", kept, "Edited, a TODO.\n")
    assert len(kept) < len(names) / 2 and after < full / 2
    assert abs(after - fresh) < fresh / 20  # what a cache of the remaining posts alone would hold


def test_only_the_recently_used_configurations_keep_their_results(site):
    folder, run = site
    variants = ["", "severity: {DEMO001: error}\n", "severity: {DEMO001: info}\n", "severity: {DEMO001: warning}\n"]

    def configure(variant):
        config = folder / ".copydesk.yaml"
        if variant:
            write(config, variant)
        elif config.exists():
            config.unlink()

    for variant in variants:
        configure(variant)
        assert run()[1] == ["a.md", "b.md"]
    kept = {path.name.rsplit("-", 1)[0] for path in (folder / ".copydesk_cache").glob("results-*.pickle")}
    assert len(kept) == 3  # this configuration and the two used before it
    configure(variants[1])
    assert run()[1] == []  # still served
    configure(variants[0])
    assert run()[1] == ["a.md", "b.md"]  # the oldest was forgotten
