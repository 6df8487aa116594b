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
    for entry in cache.glob("results-*.json"):
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
    shards = {path: path.stat().st_mtime_ns for path in (tmp_path / ".copydesk_cache").glob("results-*.json")}
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
    # Twenty findings a post: entries, not the fixed cost of a cache file, make its size.
    full = site(tmp_path, names, "A TODO.\n" * 20)
    by_shard: dict[int, list[str]] = {}
    for name in names:
        by_shard.setdefault(Cache.shard_of(name), []).append(name)
    kept = [group[0] for group in by_shard.values()]  # a shard is cleaned when it is rewritten
    for name in set(names) - set(kept):
        (tmp_path / name).unlink()
    after = site(tmp_path, kept, "Edited, a TODO.\n" * 20)
    fresh = site(tmp_path / "fresh", kept, "Edited, a TODO.\n" * 20)
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
    kept = {path.name.rsplit("-", 1)[0] for path in (folder / ".copydesk_cache").glob("results-*.json")}
    assert len(kept) == 3  # this configuration and the two used before it
    configure(variants[1])
    assert run()[1] == []  # still served
    configure(variants[0])
    assert run()[1] == ["a.md", "b.md"]  # the oldest was forgotten


# --- a damaged or hostile cache (issue 18, R6, R7) --------------------------------------------


POST = "---\ntitle: Espresso\nlang: en\n---\n\nLet me know if you would like the recipe too () and more.\n"


def _in_process(folder, paths, cache=True, **config):
    from linters import config as config_module
    from linters import engine

    engine.engine_for.cache_clear()
    settings = {"cache-dir": str(folder / "cache"), "cache": cache, **config}
    result = engine.run([str(path) for path in paths], config_module.from_mapping(settings, root=folder),
                        engine.RunOptions(), jobs=1)
    return [(d.path, d.line, d.column, d.code, str(d.severity), d.message, d.fixable) for d in result.diagnostics]


def _shards(folder):
    return sorted((folder / "cache").glob("results-*.json"))


def test_a_long_posts_findings_past_16_bits_of_offset_come_back_from_the_cache(tmp_path, monkeypatch):
    """A result's numbers are stored in 16 bits when they fit, else in 32: a finding 86,000
    characters into a post is served from the cache where it was found."""
    from linters.engine.linting import Engine

    monkeypatch.chdir(tmp_path)
    filler = ("A plain paragraph about the espresso machine, long enough to count. " * 20 + "\n\n") * 60
    post = write(tmp_path / "2025-03-14-espresso-en.md", POST.replace("Let me know", filler + "Let me know"))
    fresh = _in_process(tmp_path, [post], cache=False)
    assert [line for _, line, *_ in fresh] == [126, 126] and _in_process(tmp_path, [post]) == fresh

    def not_linted_again(*args, **kwargs):
        raise AssertionError("linted again: the cached result was not used")

    monkeypatch.setattr(Engine, "lint_document", not_linted_again)
    assert _in_process(tmp_path, [post]) == fresh


def test_a_cache_file_with_a_flipped_bit_or_cut_short_is_ignored(tmp_path, monkeypatch):
    """R6: every damage to a cache file (a flipped bit, a cut, a zeroed run, garbage after it)
    is caught by its checksum: the run reports what an uncached run reports, never an error."""
    import random

    monkeypatch.chdir(tmp_path)
    posts = [write(tmp_path / f"2025-03-{day:02d}-espresso-en.md", POST.replace("recipe", f"recipe {day}"))
             for day in range(1, 6)]
    fresh = _in_process(tmp_path, posts, cache=False)
    assert _in_process(tmp_path, posts) == fresh and _shards(tmp_path)
    pristine = {shard: shard.read_bytes() for shard in _shards(tmp_path)}
    chance = random.Random(18)
    for trial in range(40):
        for shard, data in pristine.items():
            damaged = bytearray(data)
            position = chance.randrange(len(damaged))
            kind = trial % 4
            if kind == 0:
                damaged[position] ^= 1 << chance.randrange(8)
            elif kind == 1:
                del damaged[position:]
            elif kind == 2:
                damaged[position:position + 8] = bytes(len(damaged[position:position + 8]))
            else:
                damaged += b"\x00garbage"
            shard.write_bytes(bytes(damaged))
        assert _in_process(tmp_path, posts) == fresh, trial


def test_a_cache_file_replaced_by_a_named_pipe_does_not_hang_the_run(tmp_path):
    """R6: a cache file is opened without blocking, and only when it is a regular file."""
    write(tmp_path / "2025-03-14-espresso-en.md", POST)
    first = copydesk("check", ".", "--format", "json", cwd=tmp_path)
    shards = list((tmp_path / ".copydesk_cache").glob("results-*.json"))
    assert shards
    for shard in shards:
        shard.unlink()
        os.mkfifo(shard)
    again = copydesk("check", ".", "--format", "json", cwd=tmp_path, timeout=60)
    assert again.out == first.out and again.code == first.code == 1, again


def test_a_cache_file_is_never_unpickled(tmp_path):
    """R6: whoever can write .copydesk_cache/ (a restored CI cache) cannot run code through it."""
    import pickle

    marker = tmp_path / "PWNED"

    class Exploit:
        def __reduce__(self):
            return os.system, (f"touch {marker}",)

    write(tmp_path / "2025-03-14-espresso-en.md", POST)
    first = copydesk("check", ".", "--format", "json", cwd=tmp_path)
    folder = tmp_path / ".copydesk_cache"
    shards = [path for path in folder.glob("results-*") if not path.name.endswith(".used")]
    assert shards
    for shard in shards:  # this format's files, and files of the pickle format
        shard.write_bytes(pickle.dumps(Exploit()))
        (folder / (shard.name.rsplit(".", 1)[0] + ".pickle")).write_bytes(pickle.dumps(Exploit()))
    again = copydesk("check", ".", "--format", "json", cwd=tmp_path)
    assert not marker.exists() and again.out == first.out and again.code == 1


def test_a_forged_cache_file_with_a_valid_checksum_is_checked_entry_by_entry(tmp_path, monkeypatch):
    """R6: a cache file is data, checked against its schema: an entry of another shape (a line
    that is a string, a string index out of range, a code no rule has) is ignored, never fatal."""
    import array
    import base64
    import hashlib
    import json

    monkeypatch.chdir(tmp_path)
    post = write(tmp_path / "2025-03-14-espresso-en.md", POST)
    fresh = _in_process(tmp_path, [post], cache=False)
    _in_process(tmp_path, [post])
    [shard] = _shards(tmp_path)
    header, payload = shard.read_bytes().split(b"\n", 1)
    original = json.loads(payload)
    [(key, entry)] = original["entries"].items()

    def forged(change):
        data = json.loads(payload)
        change(data, data["entries"][key][2])
        body = json.dumps(data).encode()
        shard.write_bytes(header.split(b" sha256=")[0] + b" sha256=" + hashlib.sha256(body).hexdigest().encode()
                          + b"\n" + body)

    def integers(packed: str) -> array.array:  # a result's integers: a width (2 or 4), little-endian base64
        return array.array({"2": "H", "4": "i"}[packed[0]], base64.b64decode(packed[1:]))

    def edited(packed: str, change) -> str:
        numbers = array.array("i", integers(packed))
        change(numbers)
        return "4" + base64.b64encode(numbers.tobytes()).decode()

    def cut(packed: str) -> str:
        return packed[0] + base64.b64encode(base64.b64decode(packed[1:])[:-1]).decode()

    changes = [
        lambda data, result: result.__setitem__(0, [1, 2, 3]),                 # numbers not packed
        lambda data, result: result.__setitem__(0, "4not base64"),             # not base64
        lambda data, result: result.__setitem__(0, "8" + result[0][1:]),       # a width no one knows
        lambda data, result: result.__setitem__(0, cut(result[0])),            # a byte missing
        lambda data, result: result.__setitem__(1, edited(result[1], lambda t: t.__setitem__(0, 10_000))),  # no string
        lambda data, result: result.__setitem__(1, edited(result[1], lambda t: t.__setitem__(0, -1))),  # negative
        lambda data, result: data["strings"].__setitem__(integers(result[1])[0], "NOPE999"),  # no such rule
        lambda data, result: result.__setitem__(0, edited(result[0], lambda n: n.pop())),  # a number missing
        lambda data, result: result.__setitem__(3, "yes"),           # internal error not a boolean
        lambda data, result: result[2].append(["disable", ["X"], "a", 1, 0, 0, [0, 0], None, [1, 1, 1, 1], False]),
        lambda data, result: data.__setitem__("entries", []),        # entries not a mapping
        lambda data, result: data["entries"].__setitem__(key, {"a": 1}),
    ]
    for number, change in enumerate(changes):
        forged(change)
        assert _in_process(tmp_path, [post]) == fresh, number


def test_the_same_name_in_another_folder_is_not_served_another_files_result(tmp_path):
    """R7: ``per-file-ignores`` depends on where a file is; the cache key says so."""
    write(tmp_path / ".copydesk.yaml", 'per-file-ignores:\n  "notes/*": [HAL]\n')
    text = "---\ntitle: Espresso\nlang: en\n---\n\nLet me know if you would like the recipe too.\n"
    write(tmp_path / "a.md", text)
    write(tmp_path / "notes" / "a.md", text)
    inside = copydesk("check", "a.md", "--format", "json", cwd=tmp_path / "notes")
    assert inside.code == 0 and inside.json() == []
    outside = copydesk("check", "a.md", "--format", "json", cwd=tmp_path)
    uncached = copydesk("check", "a.md", "--format", "json", "--no-cache", cwd=tmp_path)
    assert [d["code"] for d in uncached.json()] == ["HAL201"]
    assert outside.out == uncached.out and outside.code == uncached.code == 1


def test_a_change_that_keeps_size_and_timestamps_is_still_seen(tmp_path, monkeypatch):
    """The racy-git problem: a file changed again within its timestamps' granularity keeps the
    stat it had when it was read. The stat kept is taken after the read, and a file changed
    that recently keeps none: the next run compares its content."""
    from linters.engine import cache

    monkeypatch.chdir(tmp_path)
    post = write(tmp_path / "2025-03-14-espresso-en.md", "---\ntitle: T\nlang: en\n---\n\nText () here.\n")
    assert [row[3] for row in _in_process(tmp_path, [post])] == ["CIT001"]
    seen = cache.stat_signature(post)
    post.write_text("---\ntitle: T\nlang: en\n---\n\nText is here.\n", encoding="utf-8")  # same size
    monkeypatch.setattr(cache, "stat_signature", lambda path: seen)  # coarse timestamps: nothing shows
    assert _in_process(tmp_path, [post]) == []


def test_a_forged_translation_summary_in_the_cache_is_made_again_or_harmless(tmp_path, monkeypatch):
    """R6: what the translations linter keeps of a post is JSON too. One that is not a summary
    at all is made again from the post; any other forged one (with a valid checksum) is data the
    linter reads: it may change the findings, never end the run with an error."""
    import hashlib
    import json

    monkeypatch.chdir(tmp_path)
    english = write(tmp_path / "_posts/en/2025-01-01-post-en.md",
                    "---\ntitle: Post\nlang: en\n---\n\nSee [the docs](https://example.org/docs) and 42 more.\n")
    french = write(tmp_path / "_posts/fr/2025-01-01-post-fr.md",
                   "---\ntitle: Billet\nlang: fr\n---\n\nVoir [la doc](https://example.org/guide) et 43 de plus.\n")
    fresh = _in_process(tmp_path, [english, french], cache=False)
    assert "TRN001" in {row[3] for row in fresh}
    assert _in_process(tmp_path, [english, french]) == fresh

    def forge(summary: str) -> None:
        for shard in _shards(tmp_path):
            header, payload = shard.read_bytes().split(b"\n", 1)
            data = json.loads(payload)
            for entry in data["entries"].values():
                entry[2][5] = {name: summary for name in entry[2][5]}
            body = json.dumps(data).encode()
            shard.write_bytes(header.split(b" sha256=")[0] + b" sha256=" + hashlib.sha256(body).hexdigest().encode()
                              + b"\n" + body)

    for not_a_summary in ("[1, 2", "null", "not json"):
        forge(not_a_summary)
        assert _in_process(tmp_path, [english, french]) == fresh, not_a_summary
    for forged in ('{"urls": 7}', '{"\\u0000tuple": 3}', "[]", '{"language": {"a": []}}'):
        forge(forged)
        assert "CD006" not in {row[3] for row in _in_process(tmp_path, [english, french])}, forged
