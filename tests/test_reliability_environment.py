"""Reliability against the environment (issue 18): odd file names, unreadable or deep folders,
closed or full outputs, a vanished working folder, hostile text on a terminal, silly limits.

Each test runs copydesk as a user would (the command line, in a fresh process) and checks what
that user sees: a finding or a one-line message naming the problem, an exit status that says
what happened, and never a traceback.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import copydesk, write

POST = "---\ntitle: T\nlang: en\n---\n\nText () here.\n"
LEFTOVER = "---\ntitle: T\nlang: en\n---\n\nLet me know if you would like more.\n"


def _environment(extra: dict | None = None) -> dict:
    environment = dict(os.environ)
    environment.pop("NO_COLOR", None)
    if environment.get("PYTHONPATH"):
        environment["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in environment["PYTHONPATH"].split(os.pathsep))
    environment.update(extra or {})
    return environment


def _raw(*args, cwd, extra_env=None, **popen) -> subprocess.CompletedProcess:
    """The command line with its output as bytes (what a terminal or a file receives)."""
    return subprocess.run([sys.executable, "-m", "linters", *args], cwd=cwd, env=_environment(extra_env),
                          capture_output=True, timeout=120, **popen)


# --- R8: file names that are not UTF-8 ---------------------------------------------------------


@pytest.fixture
def latin1_name(tmp_path):
    name = os.fsdecode(b"caf\xe9.md")
    try:
        write(tmp_path / name, POST)
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system refuses names that are not UTF-8")
    write(tmp_path / "plain.md", POST)
    return tmp_path


# How each format shows b"caf\xe9.md": text and GitHub annotations as Python writes a byte; JSON
# and JSON Lines with a \udcXX escape that os.fsencode turns back into the byte; SARIF as the URI
# of the bytes; GitLab and JUnit with U+FFFD, as a UTF-8 reader shows it.
SHOWN = {"text": "caf\\xe9.md", "github": "caf\\xe9.md", "sarif": "caf%E9.md", "gitlab": "caf\ufffd.md",
         "junit": "caf\ufffd.md"}


def _names(format_name: str, output: str) -> list[str]:
    if format_name == "json":
        return [finding["path"] for finding in json.loads(output)]
    if format_name == "jsonl":
        return [json.loads(line)["path"] for line in output.splitlines()]
    if format_name == "sarif":
        return [result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for result in json.loads(output)["runs"][0]["results"]]
    if format_name == "gitlab":
        return [issue["location"]["path"] for issue in json.loads(output)]
    return [name for name in ("plain.md", SHOWN[format_name]) if name in output]


@pytest.mark.parametrize("format_name", ["text", "json", "github", "sarif", "gitlab", "jsonl", "junit"])
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(latin1_name, format_name):
    run = _raw("check", "--format", format_name, "--no-cache", ".", cwd=latin1_name,
               extra_env={"PYTHONIOENCODING": "utf-8:strict"})
    assert run.returncode == 1 and b"Traceback" not in run.stderr, run.stderr
    names = _names(format_name, run.stdout.decode("utf-8"))  # valid UTF-8, whatever the name
    if format_name in ("json", "jsonl"):
        assert sorted(map(os.fsencode, names)) == [b"caf\xe9.md", b"plain.md"]
    else:
        assert sorted(names) == sorted([SHOWN[format_name], "plain.md"]), names


def test_a_file_name_that_is_not_utf8_in_a_report_file_and_a_baseline(latin1_name):
    report = os.fsdecode(b"r\xe9port.json")
    run = _raw("check", "--format", "json", "--no-cache", "-o", report, ".", cwd=latin1_name)
    assert run.returncode == 1 and not run.stderr, run.stderr
    findings = json.loads((latin1_name / report).read_bytes().decode("utf-8"))
    assert sorted(os.fsencode(f["path"]) for f in findings) == [b"caf\xe9.md", b"plain.md"]
    baseline = os.fsdecode(b"b\xe9seline.json")
    run = _raw("check", "--no-cache", "--write-baseline", baseline, ".", cwd=latin1_name,
               extra_env={"PYTHONIOENCODING": "utf-8:strict"})
    assert run.returncode == 0 and b"Traceback" not in run.stderr, run.stderr
    assert b"b\\xe9seline.json" in run.stdout
    (latin1_name / report).unlink()
    again = _raw("check", "--no-cache", "--baseline", baseline, ".", cwd=latin1_name)
    assert again.returncode == 0 and b"All checks passed" in again.stdout, again


def test_a_file_name_that_is_not_utf8_is_fixed_and_cached(latin1_name):
    write(latin1_name / ".copydesk.yaml", "cache-dir: cache\n")
    first = _raw("check", "--fix", ".", cwd=latin1_name)
    assert first.returncode == 0 and b"Fixed 2 problems" in first.stdout, first
    assert (latin1_name / os.fsdecode(b"caf\xe9.md")).read_text(encoding="utf-8").endswith("Text here.\n")
    again = _raw("check", ".", cwd=latin1_name)
    assert again.returncode == 0 and b"All checks passed (2 files checked)" in again.stdout, again


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
def test_the_diff_of_a_file_name_that_is_not_utf8_is_a_patch_that_applies(latin1_name):
    run = _raw("check", "--no-cache", "--diff", ".", cwd=latin1_name)
    assert run.returncode == 1 and b"--- a/caf\xe9.md\n+++ b/caf\xe9.md\n" in run.stdout, run
    applied = subprocess.run(["patch", "-p1"], cwd=latin1_name, input=run.stdout, capture_output=True, timeout=60)
    assert applied.returncode == 0, applied
    assert (latin1_name / os.fsdecode(b"caf\xe9.md")).read_text(encoding="utf-8").endswith("Text here.\n")


def test_a_file_name_with_a_newline_is_escaped_in_the_text_format(tmp_path):
    write(tmp_path / "two\nlines.md", POST)
    run = copydesk("check", "--no-cache", ".", cwd=tmp_path)
    assert run.code == 1
    assert "two\\nlines.md:6:6: CIT001" in run.out and "\nlines.md" not in run.out


# --- R9, R15, R17: the tree ---------------------------------------------------------------------


def test_an_unreadable_folder_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    """R9, in process: a folder that cannot be listed is a CD001 naming it."""
    from linters import config as config_module
    from linters import engine

    write(tmp_path / "locked" / "2025-01-01-a-en.md", LEFTOVER)
    write(tmp_path / "open" / "2025-01-01-b-en.md", LEFTOVER)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    engine.engine_for.cache_clear()
    result = engine.run(["."], config_module.from_mapping({"cache": False}, root=tmp_path), jobs=1)
    found = sorted((d.path, d.code, d.message) for d in result.diagnostics)
    assert ("locked", "CD001", "cannot read folder: Permission denied; the posts in it were not checked") in found
    assert ("open/2025-01-01-b-en.md", "HAL201") in {(path, code) for path, code, _ in found}
    assert engine.exit_status(result, config_module.Config()) == 1


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None,
                    reason="needs root, to run copydesk as another user")
def test_an_unreadable_folder_is_reported_to_a_user_who_cannot_read_it(tmp_path):
    """R9 as the issue shows it: a folder with mode 000, copydesk run as nobody."""
    probe = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                            sys.executable, "-c", "import linters"], cwd="/", env=_environment(), capture_output=True)
    if probe.returncode:
        pytest.skip("another user cannot run this Python and copydesk (a virtualenv in a private folder)")
    folder = Path(tempfile.mkdtemp(prefix="copydesk-r9-"))
    try:
        folder.chmod(0o755)
        write(folder / "locked" / "2025-01-01-a-en.md", LEFTOVER)
        (folder / "locked").chmod(0)
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                   sys.executable, "-m", "linters", "check", "--no-cache", "."]
        run = subprocess.run(command, cwd=folder, env=_environment(), capture_output=True, text=True, timeout=120)
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        assert "locked:1:1: CD001 cannot read folder: Permission denied" in run.stdout, run.stdout
    finally:
        (folder / "locked").chmod(0o755)
        shutil.rmtree(folder)


def test_a_tree_1500_folders_deep_is_walked(tmp_path):
    """R15: the walk is a loop, not a recursion."""
    deep = tmp_path
    try:
        for _ in range(1500):  # one folder at a time: Path.mkdir(parents=True) recurses too
            deep = deep / "d"
            deep.mkdir()
        (deep / "deep.md").write_text(POST, encoding="utf-8")
    except OSError:
        pytest.skip("this file system refuses so long a path")
    try:
        write(tmp_path / "top.md", POST)
        run = copydesk("check", "--no-cache", "--format", "json", ".", cwd=tmp_path)
        assert run.code == 1 and "Traceback" not in run.err, run
        paths = {Path(f["path"]).name for f in run.json()}
        assert {"top.md", "deep.md"} <= paths
    finally:
        _remove_deep(tmp_path / "d")


def _remove_deep(top: Path) -> None:
    """Remove a one-folder-per-level tree from the bottom up: pytest's clean-up of old temporary
    folders (shutil.rmtree) recurses, and a 1,500-deep tree left behind crashes the next session."""
    folders = []
    folder = top
    while folder.is_dir():
        folders.append(folder)
        folder = folder / "d"
    for folder in reversed(folders):
        for entry in folder.iterdir():
            if not entry.is_dir():
                entry.unlink()
        folder.rmdir()


def test_a_leftover_temporary_file_is_never_linted_whatever_include_says(tmp_path):
    """R17: ``include: ["*"]`` does not make copydesk's own temporary files posts."""
    write(tmp_path / ".copydesk.yaml", 'include: ["*"]\n')
    leftover = write(tmp_path / ".a-en.md.x1y2z3.copydesk-tmp", "---\ntitle: half-writ")
    write(tmp_path / "a-en.md", POST)
    run = copydesk("check", "--fix", "--no-cache", "--format", "json", ".", cwd=tmp_path)
    assert leftover.read_text(encoding="utf-8") == "---\ntitle: half-writ"
    assert all("copydesk-tmp" not in f["path"] for f in run.json()), run


# --- R13: where the report goes -------------------------------------------------------------------


def _closed_stdout(*args, cwd):
    return subprocess.run([sys.executable, "-m", "linters", *args], cwd=cwd, env=_environment(),
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, timeout=120, preexec_fn=lambda: os.close(1))


def test_a_closed_standard_output_is_named_and_exits_2(tmp_path):
    write(tmp_path / "post.md", POST)
    for args in (["--version"], ["check", "."], ["rules"]):
        run = _closed_stdout(*args, cwd=tmp_path)
        assert run.returncode == 2 and "Traceback" not in run.stderr, (args, run.stderr)
        assert run.stderr.count("\n") == 1 and "standard output is closed" in run.stderr, (args, run.stderr)
    with_file = _closed_stdout("check", "-o", "report.txt", ".", cwd=tmp_path)
    assert with_file.returncode == 1 and "CIT001" in (tmp_path / "report.txt").read_text(), with_file.stderr


def test_an_output_file_that_is_a_folder_is_named_and_exits_2(tmp_path):
    write(tmp_path / "post.md", POST)
    (tmp_path / "reports").mkdir()
    run = copydesk("check", "-o", "reports", ".", cwd=tmp_path)
    assert run.code == 2 and run.err.count("\n") == 1, run
    assert "reports" in run.err and "folder" in run.err and "internal error" not in run.err, run


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("format_name", ["text", "jsonl"])  # jsonl: written as each file is checked
@pytest.mark.parametrize("where", ["stdout", "output-file"])
def test_a_full_disk_is_named_and_exits_2(tmp_path, where, format_name):
    write(tmp_path / "post.md", POST * 50)
    if where == "stdout":
        with open("/dev/full", "w") as full:
            run = subprocess.run([sys.executable, "-m", "linters", "check", "--format", format_name, "."],
                                 cwd=tmp_path, env=_environment(), stdout=full, stderr=subprocess.PIPE, text=True,
                                 timeout=120)
    else:
        run = subprocess.run([sys.executable, "-m", "linters", "check", "--format", format_name, "-o", "/dev/full",
                              "."], cwd=tmp_path, env=_environment(), capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert run.stderr == "copydesk: error: cannot write the report to " \
                         f"{'standard output' if where == 'stdout' else '/dev/full'}: No space left on device\n"


def test_a_deleted_working_folder_is_named_and_exits_2(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (f"import os, sys\nos.chdir({str(gone)!r})\nos.rmdir({str(gone)!r})\n"
              "from linters.cli import main\nsys.exit(main(['check', '.']))\n")
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=_environment(), capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert "current folder" in run.stderr and run.stderr.count("\n") == 1, run.stderr


# --- the fragile list -------------------------------------------------------------------------------


def test_show_source_escapes_control_characters_of_a_post(tmp_path):
    write(tmp_path / "post.md", "---\ntitle: T\nlang: en\n---\n\nText () \x1b]0;pwned\x07\x1b[2J here.\n")
    run = _raw("check", "--no-cache", "--show-source", "post.md", cwd=tmp_path)
    assert run.returncode == 1
    assert b"\x1b" not in run.stdout and b"\x07" not in run.stdout
    assert "Text () ␛]0;pwned␇␛[2J here.".encode() in run.stdout


def test_colour_choice_on_a_dumb_terminal():
    from linters import output

    assert output.use_color("auto", True, {"TERM": "dumb"}) is False
    assert output.use_color("auto", True, {"TERM": "xterm-256color"}) is True
    assert output.use_color("always", True, {"TERM": "dumb"}) is True
    assert output.use_color("auto", True, {"TERM": "dumb", "FORCE_COLOR": "1"}) is True


@pytest.mark.parametrize("jobs", ["1000", "100000"])
def test_jobs_are_capped_with_a_clear_message(tmp_path, jobs):
    write(tmp_path / "post.md", POST)
    run = copydesk("check", "--jobs", jobs, ".", cwd=tmp_path)
    assert run.code == 2 and "--jobs" in run.err and "at most" in run.err and "Traceback" not in run.err, run
    write(tmp_path / ".copydesk.yaml", f"jobs: {jobs}\n")
    configured = copydesk("check", ".", cwd=tmp_path)
    assert configured.code == 2 and "'jobs'" in configured.err and "at most" in configured.err, configured


@pytest.mark.parametrize("value", [".inf", "1e400", "3601", ".nan"])
def test_regex_timeout_must_be_finite_and_capped(tmp_path, value):
    write(tmp_path / "post.md", POST)
    write(tmp_path / ".copydesk.yaml", f"regex-timeout: {value}\n")
    run = copydesk("check", ".", cwd=tmp_path)
    assert run.code == 2 and "'regex-timeout'" in run.err and "Traceback" not in run.err, run


@pytest.mark.parametrize("value", [None, b"---\ntitle: x\n---\n", 42, ["a"]])
def test_lint_text_takes_text_only(value):
    from linters import lint_text

    with pytest.raises(TypeError, match="lint_text"):
        lint_text(value)


# --- R10: nothing copydesk opens can block it or fill its memory -----------------------------------


@pytest.mark.parametrize("option", ["--config", "--baseline"])
@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_a_configuration_or_baseline_that_is_a_pipe_or_a_device_is_refused_at_once(tmp_path, option, kind):
    write(tmp_path / "post.md", POST)
    if kind == "pipe":
        named = tmp_path / "named.yaml"
        os.mkfifo(named)  # nobody ever writes to it: opening it blocking would wait forever
    else:
        named = Path("/dev/zero")  # endless: reading it whole would fill the memory
        if not named.exists():
            pytest.skip("no /dev/zero here")
    run = copydesk("check", "--no-cache", option, str(named), "post.md", cwd=tmp_path)
    assert run.code == 2 and run.err.count("\n") == 1, run
    assert "not a regular file" in run.err and str(named) in run.err and "Traceback" not in run.err, run


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_standard_input_that_never_ends_is_reported_as_too_large(tmp_path):
    write(tmp_path / ".copydesk.yaml", "max-file-size: 1000\n")
    with open("/dev/zero", "rb") as endless:
        run = _raw("check", "--no-cache", "-", cwd=tmp_path, stdin=endless)
    assert run.returncode == 1, run
    assert b"<stdin>:1:1: CD004 standard input is larger than max-file-size (1,000 bytes); skipped" in run.stdout


def test_fix_of_standard_input_over_the_limit_gives_it_back_unchanged(tmp_path):
    write(tmp_path / ".copydesk.yaml", "max-file-size: 1000\n")
    post = (POST + "More text () here.\n" * 200).encode()
    run = _raw("check", "--no-cache", "--fix", "-", cwd=tmp_path, input=post)
    assert run.returncode == 1 and run.stdout == post, run.stderr  # --fix never loses text
    assert b"CD004 standard input is larger than max-file-size" in run.stderr


def test_a_closed_standard_input_is_named_and_exits_2(tmp_path):
    run = subprocess.run([sys.executable, "-m", "linters", "check", "-"], cwd=tmp_path, env=_environment(),
                         capture_output=True, text=True, timeout=120, preexec_fn=lambda: os.close(0))
    assert run.returncode == 2 and "standard input is closed" in run.stderr and "Traceback" not in run.stderr, run


@pytest.mark.parametrize("format_name", ["json", "sarif"])
def test_a_json_report_on_a_strict_utf8_stream_escapes_a_name_that_is_not_utf8(format_name):
    """The API's reporters on a stream of the caller's (strict UTF-8): the name's byte as \\udcXX."""
    import io

    from linters import reporters
    from linters.diagnostics import Diagnostic, Severity
    from linters.engine import RunResult

    finding = Diagnostic(os.fsdecode(b"caf\xe9.md"), 6, 6, 6, 8, "CIT001", "empty-citation", "citations",
                         Severity.WARNING, "empty citation '()'")
    binary = io.BytesIO()
    stream = io.TextIOWrapper(binary, encoding="utf-8", errors="strict")
    reporters.get(format_name).report(RunResult([finding], files=1), stream, reporters.ReportOptions())
    stream.flush()
    text = binary.getvalue().decode("utf-8")
    assert "caf\\udce9.md" in text or "caf%E9.md" in text, text
    json.loads(text)
