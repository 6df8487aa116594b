"""Reliability of ``--fix`` (issue 18): one pass, each post written once, never over another change.

Each test is a reproduction of the issue, run as a user runs copydesk (the command line, in a
fresh process), with the built-in linters. Where a race must be made deterministic, the run is a
small script that slows or interrupts one step of the write (as a busy disk or an editor would)
and then runs the command line unchanged.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copydesk, write

BOUNDED_SECONDS = 60
POST = "---\ntitle: T\nlang: en\n---\n\nOld text () here.\n"
EDITOR = "---\ntitle: T\nlang: en\n---\n\nEDITOR SAVED THIS NEW PARAGRAPH.\n"

# Runs the command line in a process where the first fsync (the one that flushes the fixed post's
# temporary file) first does something to the post: what an editor's save, or another program,
# could do at that moment on a busy disk.
DURING_THE_WRITE = r"""
import os, sys, time
from linters import cli
action, post = sys.argv[1], sys.argv[2]
real_fsync = os.fsync
done = []

def fsync(fd):
    if not done:
        done.append(1)
        if action == "save-in-place":
            with open(post, "w", encoding="utf-8") as stream:
                stream.write(sys.argv[3])
        elif action == "save-by-rename":
            with open(post + ".new", "w", encoding="utf-8") as stream:
                stream.write(sys.argv[3])
            os.replace(post + ".new", post)
        elif action == "fifo":
            os.unlink(post)
            os.mkfifo(post)
        elif action == "sleep":
            time.sleep(float(sys.argv[3]))
    return real_fsync(fd)

os.fsync = fsync
sys.exit(cli.main(sys.argv[4:]))
"""


def _during_the_write(action: str, post: Path, argument: str, *args, cwd: Path, **popen):
    environment = dict(os.environ)
    if environment.get("PYTHONPATH"):
        environment["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in environment["PYTHONPATH"].split(os.pathsep))
    command = [sys.executable, "-c", DURING_THE_WRITE, action, str(post), argument, "check", *args]
    if popen:
        return subprocess.Popen(command, cwd=cwd, env=environment, **popen)
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=BOUNDED_SECONDS)


@pytest.mark.parametrize("save", ["save-in-place", "save-by-rename"])
def test_an_editor_save_during_fix_is_kept_and_reported(tmp_path, save):
    """R4: a save that lands while the fixed post is being flushed to disk is not overwritten."""
    post = write(tmp_path / "post-en.md", POST)
    run = _during_the_write(save, post, EDITOR, "--fix", "--no-cache", "--format", "json", "post-en.md", cwd=tmp_path)
    assert post.read_text(encoding="utf-8") == EDITOR, run.stderr
    assert "CD007" in run.stdout and run.returncode == 1, run
    assert [p.name for p in tmp_path.iterdir()] == ["post-en.md"]  # no temporary file left


def test_two_fix_runs_at_once_with_different_rules_keep_both_fixes(tmp_path):
    """R5: a second --fix run waits for the first one over the same tree, then fixes what it wrote."""
    post = write(tmp_path / "2025-01-01-post-de.md",
                 '---\ntitle: T\nlang: de\n---\n\nEr sagte "Hallo" () dann.\n')
    slow = _during_the_write("sleep", post, "3", "--fix", "--no-cache", "--select", "CIT", post.name, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    quick = copydesk("check", "--fix", "--no-cache", "--select", "QUO", post.name, cwd=tmp_path)
    slow_out, slow_err = slow.communicate(timeout=BOUNDED_SECONDS)
    assert slow.returncode == 0 and "Fixed 1 problem" in slow_out, slow_err
    assert quick.code == 0 and "Fixed 1 problem" in quick.out, quick
    assert post.read_text(encoding="utf-8").endswith("Er sagte „Hallo“ dann.\n")


def test_a_post_replaced_by_a_pipe_during_fix_does_not_hang_the_run(tmp_path):
    """R19: the comparison before the rename opens the post without blocking, as the first read does."""
    post = write(tmp_path / "post-fr.md", "---\ntitle: T\nlang: fr\n---\n\nUn texte () ici.\n" * 1000)
    started = time.monotonic()
    run = _during_the_write("fifo", post, "", "--fix", "--no-cache", "--format", "json", post.name, cwd=tmp_path)
    assert time.monotonic() - started < BOUNDED_SECONDS
    assert stat.S_ISFIFO(post.lstat().st_mode)  # the pipe is still there: nothing was renamed over it
    assert "CD007" in run.stdout and run.returncode == 1, run


def test_a_read_only_post_is_left_alone_and_reported(tmp_path):
    post = write(tmp_path / "post-en.md", POST)
    post.chmod(0o444)
    run = copydesk("check", "--fix", "--no-cache", "post-en.md", cwd=tmp_path)
    assert post.read_text(encoding="utf-8") == POST and stat.S_IMODE(post.stat().st_mode) == 0o444
    assert "post-en.md:1:1: CD001 read-only file: fixes not written" in run.out and run.code == 1, run
    assert "CIT001" in run.out  # the findings of the post as it is


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="setuid and setgid are kept as root only")
def test_fix_as_root_keeps_setuid_setgid_and_the_owner(tmp_path):
    """R16: chown clears setuid and setgid, so it comes before chmod."""
    post = write(tmp_path / "post-en.md", POST)
    os.chown(post, 65534, 65534)
    post.chmod(0o6751)
    run = copydesk("check", "--fix", "--no-cache", "post-en.md", cwd=tmp_path)
    assert run.code == 0 and post.read_text(encoding="utf-8").endswith("Old text here.\n"), run
    info = post.stat()
    assert stat.S_IMODE(info.st_mode) == 0o6751 and (info.st_uid, info.st_gid) == (65534, 65534)


def test_fix_keeps_extended_attributes(tmp_path):
    """R16: extended attributes (and so POSIX ACLs, which are stored in them) survive the rename."""
    post = write(tmp_path / "post-en.md", POST)
    try:
        os.setxattr(post, "user.note", b"reviewed")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes on this file system")
    run = copydesk("check", "--fix", "--no-cache", "post-en.md", cwd=tmp_path)
    assert run.code == 0 and post.read_text(encoding="utf-8").endswith("Old text here.\n"), run
    assert os.getxattr(post, "user.note") == b"reviewed"


def test_a_suppression_is_kept_when_its_cross_file_rule_could_not_compare_a_version(tmp_path):
    """R18: the English version cannot be read (a stray byte): TRN001 did not run on the group,
    so the French post's suppression of it is not judged, let alone deleted."""
    write(tmp_path / "_posts/en/2025-01-01-post-en.md", "---\ntitle: Post\nlang: en\n---\n\nSee "
          "[the docs](https://docs.example.fr/en/docs) for more.\n")
    with open(tmp_path / "_posts/en/2025-01-01-post-en.md", "ab") as stream:
        stream.write(b"\xff")
    french = ("---\ntitle: Billet\nlang: fr\n---\n\n<!-- copydesk-disable-next-line TRN001 -->\n"
              "Voir [la doc](https://docs.example.fr/en/guide) pour plus.\n")
    post = write(tmp_path / "_posts/fr/2025-01-01-post-fr.md", french)
    args = ["check", "--extend-select", "CD100", "--no-cache", "_posts/fr/2025-01-01-post-fr.md"]
    run = copydesk(*args, "--fix", cwd=tmp_path)
    assert post.read_text(encoding="utf-8") == french and "Fixed 0 problems" in run.out, run
    assert "CD100" not in copydesk(*args, cwd=tmp_path).out
    # Once the English version can be read again, the suppression is used (TRN001 is found under it).
    write(tmp_path / "_posts/en/2025-01-01-post-en.md", "---\ntitle: Post\nlang: en\n---\n\nSee "
          "[the docs](https://docs.example.fr/en/docs) for more.\n")
    again = copydesk(*args, "--fix", cwd=tmp_path)
    assert post.read_text(encoding="utf-8") == french and again.code == 0, again


def test_fix_writes_each_post_once_and_reports_the_final_findings(tmp_path):
    """One pass: the stale suppression is deleted in the same write as the other fixes, and the
    report is that of the post as written (its line numbers after the deletion)."""
    post = write(tmp_path / "post-en.md", "---\ntitle: T\nlang: en\n---\n\n<!-- copydesk-disable-next-line HAL101 -->\n"
                                          "Nothing to hide ().\n\nLet me know if you would like more.\n")
    log = tmp_path / "writes.log"
    script = ("import os, sys\nfrom linters import cli\nreal = os.replace\n"
              f"def replace(a, b):\n    open({str(log)!r}, 'a').write(os.path.basename(b) + '\\n')\n    return real(a, b)\n"
              "os.replace = replace\nsys.exit(cli.main(sys.argv[1:]))\n")
    environment = {**os.environ}
    if environment.get("PYTHONPATH"):
        environment["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in environment["PYTHONPATH"].split(os.pathsep))
    run = subprocess.run([sys.executable, "-c", script, "check", "--fix", "--no-cache", "--extend-select", "CD100",
                          "post-en.md"], cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60)
    assert post.read_text(encoding="utf-8") == ("---\ntitle: T\nlang: en\n---\n\nNothing to hide.\n\n"
                                                "Let me know if you would like more.\n")
    assert log.read_text().split() == ["post-en.md"]
    assert run.stdout.splitlines()[0].startswith("post-en.md:8:1: HAL201"), run.stdout
    assert "Fixed 2 problems" in run.stdout


def test_fix_of_an_empty_path_is_an_error_and_changes_nothing(tmp_path):
    post = write(tmp_path / "post-en.md", POST)
    run = copydesk("check", "--fix", "", cwd=tmp_path)
    assert run.code == 2 and "no such file or folder" in run.err and "Traceback" not in run.err, run
    assert post.read_text(encoding="utf-8") == POST


def test_diff_of_posts_without_a_final_newline_is_a_patch_git_and_patch_apply(tmp_path):
    """R14: "\\ No newline at end of file" where a version ends without one."""
    if shutil.which("patch") is None or shutil.which("git") is None:
        pytest.skip("patch or git is not installed")
    write(tmp_path / "a-en.md", "---\ntitle: A\nlang: en\n---\n\nText () a.")
    write(tmp_path / "b-en.md", "---\ntitle: B\nlang: en\n---\n\nText () b.\n")
    write(tmp_path / "c-en.md", "---\ntitle: C\nlang: en\n---\n\nLine\u2028with a separator () c.\r\nEnd")
    environment = dict(os.environ)
    if environment.get("PYTHONPATH"):
        environment["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in environment["PYTHONPATH"].split(os.pathsep))
    run = subprocess.run([sys.executable, "-m", "linters", "check", "--diff", "--no-cache", "."], cwd=tmp_path,
                         env=environment, capture_output=True, timeout=BOUNDED_SECONDS)  # bytes: CRs and all
    assert run.returncode == 1 and b"\\ No newline at end of file\n" in run.stdout, run
    patch_file = tmp_path.parent / f"{tmp_path.name}.patch"
    patch_file.write_bytes(run.stdout)
    checked = subprocess.run(["patch", "-p1", "--dry-run", "-i", str(patch_file)], cwd=tmp_path,
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    applied = subprocess.run(["git", "apply", "-p1", str(patch_file)], cwd=tmp_path, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / "a-en.md").read_text(encoding="utf-8").endswith("Text a.")
    assert (tmp_path / "c-en.md").read_bytes().endswith("Line\u2028with a separator c.\r\nEnd".encode())
    assert copydesk("check", "--diff", "--no-cache", ".", cwd=tmp_path).out == ""  # git apply gave --fix's result


@pytest.mark.slow
def test_fixing_a_4_mb_post_with_75000_fixes_takes_seconds_not_minutes(tmp_path):
    """R20: edits are applied in one pass over the text, not one copy of the text per edit."""
    paragraph = 'Il a dit "bonjour" et puis il est parti sans un mot de plus.\n\n'
    post = write(tmp_path / "2025-01-01-long-fr.md", "---\ntitle: Long\nlang: fr\n---\n\n"
                 + paragraph * (4 * 2**20 // len(paragraph)))
    started = time.monotonic()
    run = copydesk("check", "--fix", "--no-cache", "--select", "QUO002", "-q", post.name, cwd=tmp_path,
                   timeout=600)
    elapsed = time.monotonic() - started
    quotations = 4 * 2**20 // len(paragraph)
    assert run.code == 0 and f"Fixed {quotations} problems" in run.out, run  # one finding per quotation
    assert elapsed < BOUNDED_SECONDS, elapsed
    assert '"' not in post.read_text(encoding="utf-8")
