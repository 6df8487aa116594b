"""Reliability: hostile files, untrusted rule packs, fixes that never lose text, concurrent runs.

Every hostile file is run through the command line as a user would, next to an ordinary post,
to show that it gets a clear diagnostic (or is linted normally) in bounded time, that the rest
of the run goes on, and that the exit status says what happened. The runs use every installed
linter plus the test plugins ``demo`` (flags TODO in prose, fixes it to DONE) and ``patterns``
(patterns read from its rule pack and from users' ``rule-packs:`` overlays).
"""
from __future__ import annotations

import codecs
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import copydesk, write
from linters import config as config_module
from linters import engine
from linters.engine import sources
from linters.document import Document
from reliability_support import FIXTURE_POSTS, plugin_env, plugins_installed

ORDINARY = "---\ntitle: An ordinary post\n---\nThis post still has a TODO in it.\n"
BOUNDED_SECONDS = 60  # generous for slow CI machines; each of these runs takes about a second


def cli(*args, cwd, timeout=BOUNDED_SECONDS):
    run = copydesk(*args, cwd=cwd, env=plugin_env(), timeout=timeout)
    assert "Traceback" not in run.err, run
    return run


def check_json(folder: Path, *args, expect_codes=(0, 1)):
    run = cli("check", "--format", "json", *args, ".", cwd=folder)
    assert run.code in expect_codes, run
    return run, run.json()


def by_path(findings, name):
    return [f for f in findings if Path(f["path"]).name == name]


def ordinary_post_was_linted(findings):
    return any(f["code"] == "DEMO001" and Path(f["path"]).name == "ordinary.md" for f in findings)


@pytest.fixture
def tree(tmp_path):
    """A folder holding one ordinary post, to show that a hostile neighbour does not stop the run."""
    write(tmp_path / "ordinary.md", ORDINARY)
    return tmp_path


# --- hostile files ------------------------------------------------------------------------------


def test_invalid_utf8_names_the_byte_and_line(tree):
    (tree / "latin1.md").write_bytes(b"---\ntitle: x\n---\nCaf\xe9 au lait\n")
    run, findings = check_json(tree)
    [finding] = by_path(findings, "latin1.md")
    assert finding["code"] == "CD002" and (finding["line"], finding["column"]) == (4, 4)
    assert "0xe9" in finding["message"] and "line 4" in finding["message"]
    assert ordinary_post_was_linted(findings) and run.code == 1


@pytest.mark.parametrize("data, line, column", [
    (b"one\r\ntwo\rthr\xe9e\n", 3, 4),  # lines counted as the linters count them
    ("é日本".encode() + b"\xff", 1, 4),  # columns in characters, not bytes
    (codecs.BOM_UTF8 + b"ab\xc3", 1, 3),  # the byte-order mark is not a column
    (codecs.BOM_UTF16_LE + "ab\ncd".encode("utf-16-le") + b"\x00\xd8x\x00", 2, 3),  # a lone surrogate
])
def test_invalid_encoding_positions(tree, data, line, column):
    (tree / "bad.md").write_bytes(data)
    _, findings = check_json(tree)
    [finding] = by_path(findings, "bad.md")
    assert (finding["code"], finding["line"], finding["column"]) == ("CD002", line, column)
    assert f"line {line}, column {column}" in finding["message"]


def test_an_unexpected_error_costs_one_file_not_the_run(tmp_path, monkeypatch):
    write(tmp_path / "a.md", "A TODO.\n")
    write(tmp_path / "b.md", "B TODO.\n")
    real_read = sources.read

    def fragile_read(path, max_size):
        if os.path.basename(path) == "a.md":
            raise MemoryError("simulated")
        return real_read(path, max_size)

    monkeypatch.setattr(engine.sources, "read", fragile_read)
    result = _run_in_process(tmp_path)
    assert sorted((Path(d.path).name, d.code) for d in result.diagnostics) == [("a.md", "CD006"), ("b.md", "DEMO001")]
    assert result.internal_errors == 1 and engine.exit_status(result, config_module.Config()) == 2


def test_utf16_and_other_boms_are_linted_and_fixed_in_their_encoding(tree):
    text = "---\r\ntitle: Été\r\n---\r\nCafé TODO 日本\r\n"
    for encoding, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                          ("utf-8", codecs.BOM_UTF8), ("utf-32-le", codecs.BOM_UTF32_LE)):
        post = tree / f"{encoding}.md"
        post.write_bytes(bom + text.encode(encoding))
        _, findings = check_json(tree)
        [finding] = [f for f in by_path(findings, post.name) if f["code"] == "DEMO001"]
        assert (finding["line"], finding["column"]) == (4, 6)
        cli("check", "--fix", "--select", "DEMO", post.name, cwd=tree)
        assert post.read_bytes() == bom + text.replace("TODO", "DONE").encode(encoding)


def test_nul_bytes_make_a_binary_file_diagnostic(tree):
    (tree / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tree / "late-nul.md").write_bytes(b"text " * 5000 + b"\x00 more")
    run, findings = check_json(tree)
    assert [f["code"] for f in by_path(findings, "image.md")] == ["CD003"]
    assert [f["code"] for f in by_path(findings, "late-nul.md")] == ["CD003"]
    assert ordinary_post_was_linted(findings) and run.code == 1


def test_a_50_mb_post_is_skipped_with_a_clear_diagnostic(tree):
    line = "A long generated line of text, TODO, with (parentheses) and « quotes ».\n"
    with open(tree / "huge.md", "w", encoding="utf-8") as stream:
        stream.write(line * (50 * 2**20 // len(line) + 1))
    started = time.monotonic()
    run, findings = check_json(tree)
    assert time.monotonic() - started < 20
    [finding] = by_path(findings, "huge.md")
    assert finding["code"] == "CD004" and "max-file-size" in finding["message"]
    assert ordinary_post_was_linted(findings)


@pytest.mark.slow
def test_a_large_post_under_the_limit_is_linted_in_bounded_time(tree):
    paragraph = "Prose with TODO, a [link](https://example.org/x) and `code`.\n\n"
    write(tree / "large.md", paragraph * (4 * 2**20 // len(paragraph)))
    started = time.monotonic()
    _, findings = check_json(tree, "--select", "DEMO")
    assert time.monotonic() - started < BOUNDED_SECONDS
    assert len(by_path(findings, "large.md")) == 4 * 2**20 // len(paragraph)


HOSTILE_LINES = {
    "words": "word TODO " * 50_000,
    "unclosed-links": "[a](b" * 100_000,
    "unclosed-titles": "[a](b (" * 70_000,
    "unclosed-angles": "[a](<" * 100_000,
    "unclosed-comments": "a <!-- b " * 55_000,
    "unclosed-math": "x \\( y " * 70_000,
    "backtick-runs": "".join("`" * k + " a " for k in range(1, 990)),
    "closing-parens": "see https://example.org/" + ")" * 499_975,
    "html-attributes": "<a b=\"" * 80_000,
    "quotes": "« “„「\"'" * 80_000,
    "cjk": "日本語の文章です。「引用」と（括弧）" * 25_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE_LINES))
def test_a_500000_character_line_is_linted_in_bounded_time(tree, name):
    text = HOSTILE_LINES[name][:500_000]
    assert len(text) >= 450_000
    write(tree / "one-line.md", text + "\n")
    started = time.monotonic()
    run, findings = check_json(tree)
    assert time.monotonic() - started < BOUNDED_SECONDS
    assert not [f for f in findings if f["code"] in ("CD005", "CD006")], run
    assert ordinary_post_was_linted(findings)


def test_thousands_of_suppressions_and_findings_in_bounded_time(tree):
    write(tree / "suppressed.md", "<!-- copydesk-disable-next-line DEMO001 -->\nTODO\n\n" * 10_000
          + "<!-- copydesk-disable DEMO -->\nTODO\n<!-- copydesk-enable -->\n\n" * 5_000
          + "<!-- copydesk-disable-next-line DEMO001 -->\nnothing to suppress\n")
    started = time.monotonic()
    run, findings = check_json(tree, "--extend-select", "CD100", "--ignore", "FM001")  # a bare post on purpose
    assert time.monotonic() - started < 20
    assert [(f["code"], f["line"]) for f in by_path(findings, "suppressed.md")] == [("CD100", 50_001)]
    assert ordinary_post_was_linted(findings)


NESTED = {
    "brackets": "[" * 10_000 + "TODO" + "]" * 10_000,
    "links": "[a](" * 10_000 + ")" * 10_000,
    "parentheses": "(" * 10_000 + "TODO" + ")" * 10_000,
    "quotes": "«“„「" * 2_500 + "TODO" + "」“”»" * 2_500,
    "straight-quotes": "\"'" * 5_000 + "TODO" + "'\"" * 5_000,
    "blockquotes": ">" * 10_000 + " TODO",
    "lists": "\n".join("  " * depth + "- TODO" for depth in range(10_000)),
    "emphasis": "*_" * 5_000 + "TODO" + "_*" * 5_000,
    "html": "<div>" * 10_000 + "TODO" + "</div>" * 10_000,
}


@pytest.mark.parametrize("name", sorted(NESTED))
def test_10000_nested_brackets_or_quotes_do_not_recurse(tree, name):
    write(tree / "nested.md", NESTED[name] + "\n")
    run, findings = check_json(tree)
    assert not [f for f in findings if f["code"] in ("CD005", "CD006")], run
    assert ordinary_post_was_linted(findings)


BILLION_LAUGHS = "".join(
    [f"{chr(97)}0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)])


def test_yaml_alias_bomb_in_front_matter_is_refused_quickly(tree):
    write(tree / "bomb.md", f"---\n{BILLION_LAUGHS}---\nBody with TODO.\n")
    write(tree / "self.md", "---\nloop: &loop [*loop, *loop]\n---\nBody with TODO.\n")
    write(tree / "deep.md", "---\nx: " + "[" * 10_000 + "]" * 10_000 + "\n---\nBody with TODO.\n")
    started = time.monotonic()
    run, findings = check_json(tree)
    assert time.monotonic() - started < 20
    for name in ("bomb.md", "self.md", "deep.md"):
        codes = {f["code"] for f in by_path(findings, name)}
        assert "DEMO001" in codes and not codes & {"CD005", "CD006"}, run
    assert Document(f"---\n{BILLION_LAUGHS}---\n").metadata == {}
    assert Document("---\nloop: &loop [*loop]\n---\n").metadata == {}


def test_python_tags_in_front_matter_are_never_constructed(tree):
    marker = tree / "PWNED"
    write(tree / "tags.md", (
        "---\n"
        f"a: !!python/object/apply:os.system ['touch {marker}']\n"
        f"b: !!python/object/new:os.system ['touch {marker}']\n"
        "c: !!python/name:os.system\n"
        "---\nBody with TODO.\n"))
    run, findings = check_json(tree)
    assert not marker.exists()
    assert "DEMO001" in {f["code"] for f in by_path(findings, "tags.md")}
    assert Document((tree / "tags.md").read_text()).metadata == {}


def test_unterminated_fenced_block_stays_code(tree):
    post = write(tree / "fence.md", "Before TODO.\n\n```python\nx = 'TODO'\n\nstill code TODO\n")
    _, findings = check_json(tree, "--ignore", "FM001")  # a bare post on purpose
    assert [(f["line"], f["code"]) for f in by_path(findings, "fence.md")] == [(1, "DEMO001")]
    cli("check", "--fix", "fence.md", cwd=tree)
    assert post.read_text() == "Before DONE.\n\n```python\nx = 'TODO'\n\nstill code TODO\n"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
def test_crlf_and_lone_cr_positions_and_fixes(tree, newline):
    lines = ["---", "title: TODO", "---", "First TODO line.", "", "```", "TODO in code", "```", "Then «TODO» TODO."]
    if newline == "mixed":
        endings = ["\r\n", "\r", "\n", "\r\n", "\r", "\n", "\r\n", "\r", "\r\n"]
    else:
        endings = [newline] * len(lines)
    raw = "".join(line + ending for line, ending in zip(lines, endings))
    post = tree / "endings.md"
    post.write_bytes(raw.encode())
    _, findings = check_json(tree, "--select", "DEMO")
    assert [(f["line"], f["column"], f["end_column"]) for f in by_path(findings, "endings.md")] == [
        (4, 7, 11), (9, 7, 11), (9, 13, 17)]
    cli("check", "--fix", "--select", "DEMO", "endings.md", cwd=tree)
    expected = raw.replace("First TODO", "First DONE").replace("«TODO» TODO", "«DONE» DONE")
    assert post.read_bytes() == expected.encode()


def test_symlink_loops_and_dangling_links_in_the_tree(tree):
    os.symlink("loop-b.md", tree / "loop-a.md")
    os.symlink("loop-a.md", tree / "loop-b.md")
    os.symlink("missing.md", tree / "dangling.md")
    os.symlink(".", tree / "folder-loop")  # a folder linking to itself
    (tree / "sub").mkdir()
    os.symlink("..", tree / "sub" / "up")
    run, findings = check_json(tree)
    for name in ("loop-a.md", "loop-b.md", "dangling.md"):
        [finding] = by_path(findings, name)
        assert finding["code"] == "CD001", finding
    assert "symbolic links" in by_path(findings, "loop-a.md")[0]["message"]
    assert ordinary_post_was_linted(findings) and len(findings) == 4 and run.code == 1


def test_a_named_pipe_called_post_md_does_not_hang_the_run(tree):
    os.mkfifo(tree / "pipe.md")
    _, findings = check_json(tree)
    [finding] = by_path(findings, "pipe.md")
    assert finding["code"] == "CD001" and "regular file" in finding["message"]
    assert ordinary_post_was_linted(findings)


def test_a_folder_named_like_a_post(tree):
    (tree / "folder.md").mkdir()
    _, findings = check_json(tree, "folder.md", "ordinary.md")
    assert ordinary_post_was_linted(findings)


def _run_in_process(folder: Path, fix=False, progress=None, config=None):
    with plugins_installed():
        config = config or config_module.from_mapping({"jobs": 1, "ignore": ["FM001"]}, root=folder)  # bare posts
        return engine.run([str(folder)], config, engine.RunOptions(fix=fix), jobs=1, progress=progress)


@pytest.mark.parametrize("fix", [False, True])
def test_a_file_that_disappears_mid_run(tmp_path, fix):
    for name in "abcd":
        write(tmp_path / f"{name}.md", f"Post {name} TODO.\n")

    def delete_next(done, total):
        if done == 1:
            (tmp_path / "b.md").unlink()
            (tmp_path / "c.md").unlink()
            os.symlink("nowhere.md", tmp_path / "c.md")  # now a dangling link

    result = _run_in_process(tmp_path, fix=fix, progress=delete_next)
    codes = {(Path(d.path).name, d.code) for d in result.diagnostics}
    assert ("b.md", "CD001") in codes and ("c.md", "CD001") in codes
    assert result.files == 4 and engine.exit_status(result, config_module.Config()) == 1
    if fix:
        assert (tmp_path / "d.md").read_text() == "Post d DONE.\n" and result.fixed == 2
    else:
        assert ("d.md", "DEMO001") in codes


def test_a_file_that_becomes_unreadable_mid_run(tmp_path, monkeypatch):
    # Tests run as root, for whom chmod 000 does not stop reads: refuse the open instead.
    for name in "abc":
        write(tmp_path / f"{name}.md", f"Post {name} TODO.\n")
    real_open = os.open

    def guarded_open(path, flags, *args, **kwargs):
        if os.fspath(path).endswith("b.md"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(sources.os, "open", guarded_open)
    result = _run_in_process(tmp_path)
    messages = {Path(d.path).name: (d.code, d.message) for d in result.diagnostics}
    assert messages["b.md"] == ("CD001", "cannot read file: Permission denied")
    assert messages["c.md"][0] == "DEMO001"


def test_exit_status_says_what_happened(tree, tmp_path_factory):
    clean = tmp_path_factory.mktemp("clean")
    write(clean / "fine.md", "Nothing to see.\n")
    assert cli("check", "--select", "DEMO", ".", cwd=clean).code == 0
    assert cli("check", "--select", "DEMO", ".", cwd=tree).code == 1
    (tree / "bad.md").write_bytes(b"\xff\xfe\xfd")
    run = cli("check", "--select", "DEMO", ".", cwd=tree)  # a narrow selection does not hide it
    assert run.code == 1 and "CD002" in run.out and "DEMO001" in run.out
    assert cli("check", "--select", "DEMO", "--ignore", "CD002", ".", cwd=tree).code == 1


def _hostile_tree(folder: Path) -> None:
    write(folder / "ordinary.md", ORDINARY)
    (folder / "latin1.md").write_bytes(b"caf\xe9 TODO\n")
    (folder / "nul.md").write_bytes(b"TODO\x00\n")
    (folder / "utf16.md").write_bytes(codecs.BOM_UTF16_LE + "TODO\r\n".encode("utf-16-le"))
    (folder / "cr.md").write_bytes(b"a\rTODO\r")
    os.symlink("nowhere.md", folder / "dangling.md")
    write(folder / "bomb.md", f"---\n{BILLION_LAUGHS}---\nTODO\n")
    write(folder / "nested.md", NESTED["brackets"] + "\n" + NESTED["quotes"] + "\n")
    for name, text in FIXTURE_POSTS.items():
        write(folder / name, text)
    for index in range(40):  # enough files for worker processes
        write(folder / f"filler/{index:02d}.md", f"Filler {index} TODO.\n")


def test_worker_processes_report_hostile_files_as_a_single_process_does(tmp_path):
    _hostile_tree(tmp_path)
    _, sequential = check_json(tmp_path, "-j", "1")
    _, parallel = check_json(tmp_path, "-j", "2")
    assert parallel == sequential
    codes = {(Path(f["path"]).name, f["code"]) for f in sequential}
    assert {("latin1.md", "CD002"), ("nul.md", "CD003"), ("dangling.md", "CD001"),
            ("utf16.md", "DEMO001"), ("cr.md", "DEMO001"), ("bomb.md", "DEMO001")} <= codes


def test_fixing_a_hostile_tree_twice_changes_nothing_the_second_time(tmp_path):
    _hostile_tree(tmp_path)
    files = [p for p in sorted(tmp_path.rglob("*.md")) if p.is_file()]
    code_before = {p: [Document(p.read_text(errors="replace")).text[c.start:c.end]
                       for c in Document(p.read_text(errors="replace")).code_blocks] for p in files}
    first = cli("check", "--fix", "-q", ".", cwd=tmp_path)
    assert first.code in (0, 1), first
    once = {p: p.read_bytes() for p in files}
    assert once[tmp_path / "utf16.md"] == codecs.BOM_UTF16_LE + "DONE\r\n".encode("utf-16-le")
    assert once[tmp_path / "cr.md"] == b"a\rDONE\r"
    assert once[tmp_path / "latin1.md"] == b"caf\xe9 TODO\n"  # not decodable: never rewritten
    second = cli("check", "--fix", "-q", ".", cwd=tmp_path)
    assert second.code in (0, 1), second
    assert {p: p.read_bytes() for p in files} == once
    for path, blocks in code_before.items():
        text = Document(path.read_text(errors="replace")).text
        assert all(block in text for block in blocks)


# --- untrusted rule packs -----------------------------------------------------------------------


def use_packs(folder: Path, packs: dict[str, str], extra: str = "") -> None:
    for name, text in packs.items():
        write(folder / name, text)
    write(folder / ".copydesk.yaml", f"rule-packs: [{', '.join(packs)}]\n{extra}")


def test_catastrophic_user_pattern_is_stopped_and_named(tree):
    use_packs(tree, {"slow.yaml": "linter: patterns\npatterns:\n  - rule: PAT002\n    pattern: '(a|a)+b'\n"
                                  "  - rule: PAT001\n    pattern: 'fine'\n"},
              "regex-timeout: 0.3\n")
    write(tree / "victim.md", "fine TODO\n" + "a" * 60 + "\n")
    started = time.monotonic()
    run, findings = check_json(tree)
    assert time.monotonic() - started < 20
    [timeout] = [f for f in by_path(findings, "victim.md") if f["code"] == "CD005"]
    assert "PAT002" in timeout["message"] and "'patterns'" in timeout["message"]
    assert "DEMO001" in {f["code"] for f in by_path(findings, "victim.md")}  # other linters still ran
    assert ordinary_post_was_linted(findings) and run.code == 1


MALFORMED_PACKS = {
    "bad-regex": ("linter: patterns\npatterns:\n  - rule: PAT001\n    pattern: '(unclosed'\n",
                  ["PAT001", "'pattern'", "invalid pattern"]),
    "empty-pattern": ("linter: patterns\npatterns:\n  - rule: PAT002\n    pattern: ''\n", ["PAT002", "'pattern'"]),
    "not-a-string": ("linter: patterns\npatterns:\n  - rule: PAT001\n    pattern: [1, 2]\n", ["PAT001", "'pattern'"]),
    "unknown-rule": ("linter: patterns\npatterns:\n  - rule: PAT999\n    pattern: x\n", ["PAT999", "'rule'"]),
    "bad-replacement": ("linter: patterns\npatterns:\n  - rule: PAT001\n    pattern: x\n    replacement: 3\n",
                        ["PAT001", "'replacement'"]),
}


@pytest.mark.parametrize("case", sorted(MALFORMED_PACKS))
def test_malformed_user_pack_exits_2_naming_file_rule_and_field(tmp_path, case):
    text, expected = MALFORMED_PACKS[case]
    good = "linter: patterns\npatterns:\n  - rule: PAT001\n    pattern: colour\n"
    use_packs(tmp_path, {"good.yaml": good, f"{case}.yaml": text})
    write(tmp_path / "post.md", "colour\n")
    run = cli("check", ".", cwd=tmp_path)
    assert run.code == 2 and run.out == "", run
    assert f"{case}.yaml" in run.err and "good.yaml" not in run.err, run
    for part in expected:
        assert part in run.err, run


@pytest.mark.parametrize("text, expected", [
    ("linter: patterns\npatterns: [\n", "invalid YAML"),
    ("- a list\n", "must be a mapping"),
    ("patterns: []\n", "'linter'"),
    ("linter: nosuch\n", "no linter named 'nosuch'"),
    (f"linter: patterns\n{BILLION_LAUGHS}", "refused"),
])
def test_malformed_pack_files_exit_2_naming_the_file(tmp_path, text, expected):
    use_packs(tmp_path, {"user-pack.yaml": text})
    write(tmp_path / "post.md", "Post.\n")
    run = cli("check", ".", cwd=tmp_path)
    assert run.code == 2 and "user-pack.yaml" in run.err and expected in run.err, run


# --- fix safety ---------------------------------------------------------------------------------


def test_fix_keeps_mode_line_endings_and_symlinks_and_leaves_no_temporary_files(tmp_path):
    post = tmp_path / "real.md"
    post.write_bytes(b"A TODO here.\r\n\r\nAnd TODO there.\r\n")
    post.chmod(0o640)
    os.symlink("real.md", tmp_path / "link.md")
    run = cli("check", "--fix", "--select", "DEMO", "link.md", cwd=tmp_path)
    assert run.code == 0, run
    assert post.read_bytes() == b"A DONE here.\r\n\r\nAnd DONE there.\r\n"
    assert stat.S_IMODE(post.stat().st_mode) == 0o640
    assert (tmp_path / "link.md").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_atomic_write_writes_a_synced_temporary_file_then_renames_it(tmp_path, monkeypatch):
    post = write(tmp_path / "post.md", "old\n")
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(sources.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(sources.os, "replace", lambda a, b: (calls.append(("replace", Path(a).parent, Path(b))),
                                                             real_replace(a, b))[1])
    sources.write_atomic(post, b"new\n")
    assert calls[0] == "fsync" and calls[1] == ("replace", tmp_path, post) and post.read_bytes() == b"new\n"


def test_a_failed_write_leaves_the_original_and_no_temporary_file(tmp_path, monkeypatch):
    post = write(tmp_path / "post.md", "A TODO.\n")

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sources.os, "replace", broken_replace)
    result = _run_in_process(tmp_path, fix=True)
    assert sorted(d.code for d in result.diagnostics) == ["CD001", "DEMO001"]  # the TODO is still there
    assert "No space left on device" in next(d.message for d in result.diagnostics if d.code == "CD001")
    assert post.read_text() == "A TODO.\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != ".copydesk_cache"] == ["post.md"]


def test_stale_temporary_files_are_cleaned_and_never_linted(tmp_path):
    post = write(tmp_path / "post.md", "A TODO.\n")
    stale = write(tmp_path / ".post.md.abc123.copydesk-tmp", "half a po")
    fresh = write(tmp_path / ".post.md.def456.copydesk-tmp", "another run's")
    old = time.time() - sources.STALE_AFTER - 60
    os.utime(stale, (old, old))
    run, findings = check_json(tmp_path, "--fix")
    assert {Path(f["path"]).name for f in findings} <= {"post.md"}
    assert post.read_text() == "A DONE.\n" and not stale.exists() and fresh.exists()


def _fixing_tree(folder: Path, count: int, size: int) -> dict[Path, tuple[bytes, bytes]]:
    """Posts with TODOs in prose and code; returns each file's (old, fixed) bytes."""
    block = "Prose TODO line with « quotes » and a [link](https://example.org/TODO).\n\n```\nTODO in code\n```\n\n"
    expected = {}
    for index in range(count):
        text = f"---\ntitle: Post {index} TODO\n---\n" + block * (size // len(block))
        fixed = text.replace("Prose TODO", "Prose DONE")  # not in front matter, code or the URL
        post = write(folder / f"posts/2025-01-{index:04d}-post.md", text)
        expected[post] = (text.encode(), fixed.encode())
    return expected


def _assert_each_file_old_or_new(expected, require_new=False):
    for post, (old, new) in expected.items():
        data = post.read_bytes()
        assert data == new or (data == old and not require_new), f"{post} is half-written ({len(data)} bytes)"


def _temporaries(folder: Path):
    return [p for p in folder.rglob("*") if p.name.endswith(sources.TEMPORARY_SUFFIX)]


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_killing_a_fixing_run_leaves_every_file_old_or_new(tmp_path, jobs):
    expected = _fixing_tree(tmp_path, 120, 60_000)
    command = [sys.executable, "-m", "linters", "check", "--fix", "--select", "DEMO", "-q", "-j", jobs, "."]
    environment = {**os.environ, **plugin_env()}
    for delay in (0.6, 1.2, 2.0):
        process = subprocess.Popen(command, cwd=tmp_path, env=environment,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        _assert_each_file_old_or_new(expected)
        for temporary in _temporaries(tmp_path):  # a killed writer may leave one; it is never a post
            assert temporary.name.startswith(".")
    run = cli("check", "--fix", "--select", "DEMO", "-j", jobs, ".", cwd=tmp_path, timeout=120)
    assert run.code == 0, run
    _assert_each_file_old_or_new(expected, require_new=True)


# Runs the command line in a process that SIGKILLs itself at the n-th call of one step of the
# write sequence: deterministic kills at every point where a half-written file could appear.
KILL_AT = r"""
import os, signal, sys
from linters import cli
from linters.engine import sources
point, wanted = sys.argv[1], int(sys.argv[2])
count = 0

def kill_on_call(step, real, after=False):
    def call(*args, **kwargs):
        global count
        if step == point:
            count += 1
            if count == wanted and not after:
                os.kill(os.getpid(), signal.SIGKILL)
        result = real(*args, **kwargs)
        if step == point and count == wanted and after:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    return call

class HalfWriter:
    def __init__(self, stream):
        self.stream = stream
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.stream.__exit__(*exc)
    def write(self, data):
        global count
        count += 1
        if count == wanted:
            self.stream.write(data[:len(data) // 2])
            self.stream.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return self.stream.write(data)
    def __getattr__(self, name):
        return getattr(self.stream, name)

real_fdopen = os.fdopen
if point == "write":
    sources.os.fdopen = lambda *a, **k: HalfWriter(real_fdopen(*a, **k))
sources.os.fsync = kill_on_call("fsync", os.fsync)
sources.os.chmod = kill_on_call("chmod", os.chmod)
sources.os.replace = kill_on_call("replace", os.replace)
sources.os.replace = kill_on_call("after-replace", sources.os.replace, after=True)
sys.exit(cli.main(sys.argv[3:]))
"""


@pytest.mark.parametrize("point, wanted, fixed_before_kill", [
    ("write", 3, 2), ("fsync", 5, 2), ("chmod", 3, 2), ("replace", 3, 2), ("after-replace", 3, 3)])
def test_a_kill_at_any_step_of_writing_leaves_every_file_old_or_new(tmp_path, point, wanted, fixed_before_kill):
    expected = _fixing_tree(tmp_path, 6, 30_000)
    completed = subprocess.run(
        [sys.executable, "-c", KILL_AT, point, str(wanted), "check", "--fix", "--select", "DEMO", "-j", "1", "."],
        cwd=tmp_path, env={**os.environ, **plugin_env()}, capture_output=True, text=True, timeout=BOUNDED_SECONDS)
    assert completed.returncode == -signal.SIGKILL, completed.stderr
    _assert_each_file_old_or_new(expected)
    assert sum(post.read_bytes() == new for post, (_, new) in expected.items()) == fixed_before_kill
    leftovers = _temporaries(tmp_path)
    assert len(leftovers) == (0 if point == "after-replace" else 1)
    assert all(path.name.startswith(".") for path in leftovers)  # hidden, and never linted as a post
    run, findings = check_json(tmp_path, "--fix", "--select", "DEMO")
    assert findings == [] and run.code == 0
    _assert_each_file_old_or_new(expected, require_new=True)


# --- concurrency ----------------------------------------------------------------------------------


def test_two_concurrent_fixing_runs_end_with_every_file_fixed(tmp_path):
    expected = _fixing_tree(tmp_path, 80, 20_000)
    environment = {**os.environ, **plugin_env()}
    command = [sys.executable, "-m", "linters", "check", "--fix", "--select", "DEMO", "--format", "json", "."]
    processes = [subprocess.Popen(command + extra, cwd=tmp_path, env=environment, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for extra in (["-j", "2"], ["-j", "1"])]
    outputs = [process.communicate(timeout=120) for process in processes]
    for process, (out, err) in zip(processes, outputs):
        assert process.returncode in (0, 1) and "Traceback" not in err, err
        assert {f["code"] for f in json.loads(out)} <= {"DEMO001", "CD007"}
    _assert_each_file_old_or_new(expected, require_new=True)
    assert not _temporaries(tmp_path)
    assert cli("check", "--select", "DEMO", ".", cwd=tmp_path).code == 0


def test_a_file_changed_underneath_a_fix_is_not_overwritten(tmp_path, monkeypatch):
    post = write(tmp_path / "post.md", "A TODO.\n")
    write(tmp_path / "other.md", "Another TODO.\n")
    real_read = sources.read

    def read_then_someone_saves(path, max_size):
        source = real_read(path, max_size)
        if os.path.basename(path) == "post.md":
            Path(path).write_text("An editor's newer TODO text.\n")
        return source

    monkeypatch.setattr(engine.sources, "read", read_then_someone_saves)
    result = _run_in_process(tmp_path, fix=True)
    changed = [d for d in result.diagnostics if d.code == "CD007"]
    assert [Path(d.path).name for d in changed] == ["post.md"]
    assert post.read_text() == "An editor's newer TODO text.\n"
    assert (tmp_path / "other.md").read_text() == "Another DONE.\n"


def test_concurrent_runs_in_threads_share_no_state(tmp_path):
    posts = {write(tmp_path / f"{name}.md", text): text for name, text in
             ((Path(name).stem, text) for name, text in FIXTURE_POSTS.items())}
    results, errors = [], []
    config = config_module.from_mapping({}, root=tmp_path)

    def lint():
        try:
            found = engine.run([str(tmp_path)], config, jobs=1).diagnostics
            results.append(sorted((d.path, d.line, d.code, d.message) for d in found))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    with plugins_installed():
        threads = [threading.Thread(target=lint) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors and len(results) == 4 and all(r == results[0] for r in results)
    assert all(post.read_text() == text for post, text in posts.items())
