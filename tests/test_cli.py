"""The command line as a user sees it: output lines, JSON contract, selection, exit codes."""
from __future__ import annotations

import json
import re

import pytest

from conftest import copydesk, write

JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "code", "name", "linter",
             "severity", "message", "fixable"}
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]+\d{3}) (?P<message>.+)$")


@pytest.fixture
def tree(tmp_path):
    """A small site: one post with a TODO, one clean, one note in another extension."""
    write(tmp_path / "_posts" / "2025-01-01-draft-en.md", "---\ntitle: Draft\nlang: en\n---\n\nA TODO left.\n")
    write(tmp_path / "_posts" / "2025-01-02-clean-en.md", "---\ntitle: Clean\nlang: en\n---\n\nAll good.\n")
    write(tmp_path / "_posts" / "2025-01-03-other-en.markdown", "---\ntitle: Other\nlang: en\n---\n\nTODO again.\n")
    write(tmp_path / "notes.txt", "TODO in a text file.\n")
    return tmp_path


def test_text_output_lines_and_summary(tree, demo_env):
    run = copydesk("check", "_posts", "--select", "DEMO", cwd=tree, env=demo_env)
    assert run.code == 1, run
    lines = run.out.splitlines()
    assert lines[0] == "_posts/2025-01-01-draft-en.md:6:3: DEMO001 A TODO left in the prose."
    assert lines[1] == "_posts/2025-01-03-other-en.markdown:6:1: DEMO001 A TODO left in the prose."
    assert lines[-1] == "Found 2 problems (2 warnings) in 2 of 3 files. 2 fixable with --fix."


def test_folders_are_searched_for_md_and_markdown_only(tree, demo_env):
    run = copydesk("check", ".", "--select", "DEMO", "--format", "json", cwd=tree, env=demo_env)
    assert sorted({d["path"] for d in run.json()}) == [
        "_posts/2025-01-01-draft-en.md", "_posts/2025-01-03-other-en.markdown"]


def test_a_named_file_is_linted_whatever_its_extension(tree, demo_env):
    run = copydesk("check", "notes.txt", "--select", "DEMO", "--format", "json", cwd=tree, env=demo_env)
    assert [(d["path"], d["line"], d["column"]) for d in run.json()] == [("notes.txt", 1, 1)]


def test_json_contract(tree, demo_env):
    run = copydesk("check", "_posts", "--format", "json", "--select", "DEMO", cwd=tree, env=demo_env)
    findings = run.json()
    assert findings and all(set(item) == JSON_KEYS for item in findings)
    first = findings[0]
    assert first == {"path": "_posts/2025-01-01-draft-en.md", "line": 6, "column": 3, "end_line": 6,
                     "end_column": 7, "code": "DEMO001", "name": "todo-left", "linter": "demo",
                     "severity": "warning", "message": "A TODO left in the prose.", "fixable": True}


def test_json_of_a_clean_run_is_an_empty_array(tree, demo_env):
    run = copydesk("check", "_posts/2025-01-02-clean-en.md", "--format", "json", "--select", "DEMO",
                   cwd=tree, env=demo_env)
    assert run.code == 0 and json.loads(run.out) == []


def test_select_and_ignore_take_prefixes(tree, demo_env):
    assert copydesk("check", "_posts", "--select", "DEM", cwd=tree, env=demo_env).code == 1
    assert copydesk("check", "_posts", "--select", "DEMO", "--ignore", "DEMO0", cwd=tree, env=demo_env).code == 0
    assert copydesk("check", "_posts", "--select", "CD,DEMO001", cwd=tree, env=demo_env).code == 1


def test_exit_zero(tree, demo_env):
    run = copydesk("check", "_posts", "--select", "DEMO", "--exit-zero", cwd=tree, env=demo_env)
    assert run.code == 0 and "DEMO001" in run.out


def test_statistics_count_per_rule(tree, demo_env):
    run = copydesk("check", "_posts", "--select", "DEMO", "--statistics", "--quiet", cwd=tree, env=demo_env)
    assert "     2  DEMO001 [*] todo-left" in run.out.splitlines()
    assert not any(LINE.match(line) for line in run.out.splitlines())


def test_quiet_prints_only_the_summary(tree, demo_env):
    run = copydesk("check", "_posts", "--select", "DEMO", "-q", cwd=tree, env=demo_env)
    assert run.out.splitlines() == ["Found 2 problems (2 warnings) in 2 of 3 files. 2 fixable with --fix."]


def test_fail_on_error_lets_warnings_pass(tree, demo_env):
    run = copydesk("check", "_posts", "--select", "DEMO", "--fail-on", "error", cwd=tree, env=demo_env)
    assert run.code == 0 and "DEMO001" in run.out


def test_missing_path_exits_2_with_a_message(tmp_path):
    run = copydesk("check", "nowhere.md", cwd=tmp_path)
    assert run.code == 2
    assert "nowhere.md: no such file or folder" in run.err and "Traceback" not in run.err


def test_unknown_code_exits_2(tree):
    run = copydesk("check", ".", "--select", "XYZ999", cwd=tree)
    assert run.code == 2 and "unknown rule code or prefix 'XYZ999'" in run.err


def test_unknown_format_exits_2(tree):
    run = copydesk("check", ".", "--format", "yaml", cwd=tree)
    assert run.code == 2 and "unknown format 'yaml'" in run.err


def test_usage_error_exits_2(tmp_path):
    assert copydesk("check", "--no-such-flag", cwd=tmp_path).code == 2


def test_check_is_the_default_command(tree, demo_env):
    run = copydesk("_posts", "--select", "DEMO", cwd=tree, env=demo_env)
    assert run.code == 1 and "DEMO001" in run.out


def test_version():
    run = copydesk("--version")
    assert run.code == 0 and re.fullmatch(r"copydesk \d+\.\d+\.\d+\n", run.out)


def test_bad_input_files_get_a_diagnostic_and_the_run_goes_on(tmp_path, demo_env):
    write(tmp_path / "good.md", "A TODO.\n")
    (tmp_path / "latin1.md").write_bytes("Caf\xe9 au lait\n".encode("latin-1"))
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "folder.md").mkdir()
    run = copydesk("check", "--ignore", "FM001", ".", "--format", "json", cwd=tmp_path, env=demo_env)
    found = {(d["path"], d["code"]) for d in run.json()}
    assert found == {("good.md", "DEMO001"), ("latin1.md", "CD002"), ("binary.md", "CD003")}
    message = next(d["message"] for d in run.json() if d["code"] == "CD002")
    assert message.startswith("not valid UTF-8: byte 0xe9 at line 1, column 4")
    assert run.code == 1


def test_a_folder_named_on_the_command_line_like_a_post_is_walked(tmp_path, demo_env):
    write(tmp_path / "weird.md" / "inner.md", "TODO\n")
    run = copydesk("check", "--ignore", "FM001", "weird.md", "--format", "json", cwd=tmp_path, env=demo_env)
    assert [d["path"] for d in run.json()] == ["weird.md/inner.md"]


def test_python_m_linters_and_jobs_give_the_same_output(tmp_path, demo_env):
    for index in range(40):
        write(tmp_path / f"p{index:02d}.md", "TODO\n" * (index % 3))
    one = copydesk("check", "--ignore", "FM001", ".", "--jobs", "1", "--format", "json", cwd=tmp_path, env=demo_env)
    two = copydesk("check", "--ignore", "FM001", ".", "--jobs", "2", "--format", "json", cwd=tmp_path, env=demo_env)
    assert one.code == two.code == 1
    assert one.out == two.out and len(one.json()) == 13 * 1 + 13 * 2


class TestRulesAndExplain:
    def test_rules_lists_every_rule(self, demo_env):
        run = copydesk("rules", "--format", "json", env=demo_env)
        rules = {rule["code"]: rule for rule in run.json()}
        assert {"CD001", "CD100", "DEMO001"} <= set(rules)
        assert rules["DEMO001"] == {"code": "DEMO001", "name": "todo-left", "linter": "demo",
                                    "severity": "warning", "fixable": True, "enabled": True,
                                    "summary": "A TODO left in the prose."}
        assert rules["CD100"]["enabled"] is False

    def test_rules_text(self, demo_env):
        run = copydesk("rules", env=demo_env)
        assert any(line.startswith("DEMO001 [*] demo") for line in run.out.splitlines())

    def test_every_rule_has_documentation(self):
        for rule in copydesk("rules", "--format", "json").json():
            run = copydesk("explain", rule["code"])
            assert run.code == 0, rule["code"]
            headings = ("## What it finds\n", "## Why it matters\n", "## Example\n", "## Fix\n")
            rest = run.out
            for heading, following in zip(headings, headings[1:] + ("\0",)):
                rest = rest.split(heading, 1)[1]
                assert rest.split(following, 1)[0].strip(), (rule["code"], heading)

    def test_explain_by_name(self):
        run = copydesk("explain", "unused-suppression")
        assert run.code == 0 and run.out.startswith("CD100 (unused-suppression)")

    def test_explain_unknown(self):
        run = copydesk("explain", "NOPE001")
        assert run.code == 2 and "no rule 'NOPE001'" in run.err


def test_the_readme_rule_table_is_in_sync(tmp_path):
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- rules-table:start")
    table = readme[readme.index("\n", start) + 1:readme.index("<!-- rules-table:end -->")].strip()
    generated = copydesk("rules", "--format", "markdown", cwd=tmp_path).out.strip()
    assert table == generated, "README rule table is stale: paste `copydesk rules --format markdown` into it"


def test_show_source_puts_carets_under_the_span_counting_wide_characters(tmp_path, demo_env):
    write(tmp_path / "post.md", "Intro 日本語 TODO here.\n")
    run = copydesk("check", "--ignore", "FM001", "post.md", "--show-source", cwd=tmp_path, env=demo_env)
    assert run.out.splitlines()[:3] == [
        "post.md:1:11: DEMO001 A TODO left in the prose.",
        "    1 | Intro 日本語 TODO here.",
        "      |              ^^^^",
    ]


def test_colours_only_when_forced_and_never_with_no_color(tmp_path, demo_env):
    write(tmp_path / "post.md", "A TODO.\n")
    plain = copydesk("check", "post.md", cwd=tmp_path, env=demo_env)
    assert "\033[" not in plain.out  # not a terminal
    forced = copydesk("check", "post.md", cwd=tmp_path, env={**demo_env, "FORCE_COLOR": "1"})
    assert "\033[1m\033[33mDEMO001\033[0m" in forced.out
    refused = copydesk("check", "post.md", cwd=tmp_path, env={**demo_env, "FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\033[" not in refused.out


def _on_a_terminal(args, cwd, env):
    """Run copydesk with stdout and stderr on a pseudo-terminal, as a user at a terminal sees it."""
    import os
    import pty
    import subprocess
    import sys

    environment = {**os.environ, **env}
    environment.pop("NO_COLOR", None)
    environment.pop("FORCE_COLOR", None)
    environment.update({key: value for key, value in env.items() if value is not None})
    if environment.get("PYTHONPATH"):
        environment["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in environment["PYTHONPATH"].split(os.pathsep))
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "linters", *args], cwd=cwd, env=environment,
                               stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_on_a_terminal_colours_carets_and_the_count_by_rule(tmp_path, demo_env):
    write(tmp_path / "post.md", "A TODO.\n\nAnother TODO.\n")
    code, screen = _on_a_terminal(["check", "post.md", "--ignore", "FM001"], tmp_path, demo_env)
    assert code == 1
    assert "\033[1m\033[33mDEMO001\033[0m A TODO left in the prose." in screen
    assert "\033[2m    1 | \033[0mA TODO." in screen and "\033[1m\033[33m^^^^\033[0m" in screen
    assert "     2  \033[1m\033[33mDEMO001\033[0m [*] todo-left\n" in screen
    assert screen.endswith("Found 2 problems (2 warnings) in 1 of 1 file. 2 fixable with --fix.\n")


def test_on_a_terminal_no_color_and_color_never_keep_the_carets(tmp_path, demo_env):
    write(tmp_path / "post.md", "A TODO.\n")
    for args, env in ((["check", "post.md", "--ignore", "FM001"], {"NO_COLOR": "1"}),
                      (["check", "post.md", "--ignore", "FM001", "--color", "never"], {})):
        code, screen = _on_a_terminal(args, tmp_path, {**demo_env, **env})
        assert code == 1 and "\033[" not in screen
        assert "    1 | A TODO.\n      |   ^^^^\n" in screen


def test_color_always_without_a_terminal_and_over_no_color(tmp_path, demo_env):
    write(tmp_path / "post.md", "A TODO.\n")
    run = copydesk("check", "post.md", "--color", "always", cwd=tmp_path, env={**demo_env, "NO_COLOR": "1"})
    assert "\033[1m\033[33mDEMO001\033[0m" in run.out


def test_the_count_by_rule_ends_the_text_output(tmp_path, demo_env):
    write(tmp_path / "a.md", "TODO one.\n\n<!-- copydesk-disable NOPE1 -->\n")
    write(tmp_path / "b.md", "TODO two.\n")
    lines = copydesk("check", "--ignore", "FM001", ".", cwd=tmp_path, env=demo_env).out.splitlines()
    assert lines[-3:] == ["     2  DEMO001 [*] todo-left", "     1  CD101       unknown-suppression-code",
                          "Found 3 problems (3 warnings) in 2 of 2 files. 2 fixable with --fix."]
    hidden = copydesk("check", "--ignore", "FM001", ".", "--no-statistics", cwd=tmp_path, env=demo_env).out.splitlines()
    assert hidden[-2].startswith("b.md:1:1: DEMO001")


def test_progress_appears_on_stderr_after_a_moment_and_is_cleared(monkeypatch, capsys):
    from linters import output

    monkeypatch.setattr(output.sys.stderr, "isatty", lambda: True, raising=False)
    progress = output.Progress()
    progress(1, 10)
    assert capsys.readouterr().err == ""  # a quick run shows nothing
    progress._start -= 1.0
    progress(2, 10)
    progress.clear()
    assert capsys.readouterr().err == "\rcopydesk: 2/10 files checked\r" + " " * 28 + "\r"


def test_findings_of_every_kind_come_out_in_file_and_line_order(tmp_path):
    """A file's own findings, the cross-file ones and unused suppressions are merged in order;
    a file named twice (relative and absolute) is one file's findings, in order; so is a run
    served from the cache."""
    english = ("---\nlang: en\ntitle: A\n---\n\nSee [one](https://www.gutenberg.org/ebooks/1).\n\n"
               "And [two](https://www.gutenberg.org/ebooks/2).\n")
    french = ("---\nlang: fr\ntitle: A\n---\n\nVoir () ici.\n\nVoir [un](https://www.gutenberg.org/ebooks/1).\n\n"
              "<!-- copydesk-disable-next-line QUO001 -->\nEt [deux](https://www.gutenberg.org/ebooks/3).\n\n"
              "Fin () là.\n")
    write(tmp_path / "_posts/en/2025-01-01-a-en.md", english)
    write(tmp_path / "_posts/fr/2025-01-01-a-fr.md", french)
    french_path = tmp_path / "_posts/fr/2025-01-01-a-fr.md"
    args = ["check", ".", str(french_path), "--format", "json", "--extend-select", "CD100"]
    runs = [copydesk(*args, cwd=tmp_path) for _ in range(2)] + [copydesk(*args, "--no-cache", "-j", "1", cwd=tmp_path)]
    assert runs[0].out == runs[1].out == runs[2].out
    found = [(d["path"], d["line"], d["column"], d["code"]) for d in runs[0].json()]
    assert found == sorted(found)
    assert [(line, code) for path, line, _, code in found if "fr" in path] == \
        [(6, "CIT001"), (10, "CD100"), (11, "TRN001"), (13, "CIT001")]


def test_json_output_is_laid_out_as_json_dump_lays_it_out(tmp_path):
    """The JSON reporter writes the array itself (json.dump with an indent is pure Python, and
    slow): the bytes must be those of ``json.dump(..., ensure_ascii=False, indent=2)``."""
    write(tmp_path / "2025-01-01-post-fr.md", '---\ntitle: "Un \\"titre\\""\nlang: fr\n---\n\nDu texte () '
          '"cité" \\ et\tdes [](https://example.org) « guillemets» 日本.\n\nFaites-le moi savoir !\n')
    write(tmp_path / "clean.md", "---\ntitle: Clean\nlang: en\n---\n\nNothing.\n")
    run = copydesk("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    findings = run.json()
    assert len(findings) > 3
    assert run.out == json.dumps(findings, ensure_ascii=False, indent=2) + "\n"
    clean = copydesk("check", "clean.md", "--format", "json", "--no-cache", cwd=tmp_path)
    assert clean.out == "[]\n"


def test_on_a_dumb_terminal_no_colours_but_the_carets(tmp_path, demo_env):
    write(tmp_path / "post.md", "A TODO.\n")
    code, screen = _on_a_terminal(["check", "post.md", "--ignore", "FM001"], tmp_path, {**demo_env, "TERM": "dumb"})
    assert code == 1 and "\033[" not in screen
    assert "    1 | A TODO.\n      |   ^^^^\n" in screen
