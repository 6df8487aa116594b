"""``copydesk check -``: a post from standard input, linted (and fixed) as the file it names."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import copydesk, write

ENGLISH = ("---\ntitle: Coffee\nlang: en\n---\n\nSee https://coffee.org/a at 2025-01-02 12:00.\n\n"
           "A \"quoted\" word ().\n")
FRENCH = ("---\ntitle: Café\nlang: fr\n---\n\nVoir https://coffee.org/b à 2025-01-03 12:00.\n\n"
          "Un mot \"cité\" ().\n")


def run_bytes(*args, data: bytes, cwd) -> subprocess.CompletedProcess:
    environment = dict(os.environ)
    if environment.get("PYTHONPATH"):
        environment["PYTHONPATH"] = os.pathsep.join(
            os.path.abspath(entry) for entry in environment["PYTHONPATH"].split(os.pathsep) if entry)
    return subprocess.run([sys.executable, "-m", "linters", *args], cwd=cwd, env=environment, input=data,
                          capture_output=True, timeout=120)


@pytest.fixture
def site(tmp_path):
    write(tmp_path / ".copydesk.yaml", "extend-select: [CD100]\n")
    write(tmp_path / "_posts" / "en" / "2025-01-02-coffee-en.md", ENGLISH)
    return tmp_path


def test_standard_input_is_linted_as_the_file_it_names(site):
    """Same findings, same paths, as the file itself: its language, its translation on disk."""
    name = "_posts/fr/2025-01-02-coffee-fr.md"
    piped = copydesk("check", "-", "--stdin-filename", name, "--format", "json", "--no-cache",
                     cwd=site, input=FRENCH)
    write(site / name, FRENCH)
    saved = copydesk("check", name, "--format", "json", "--no-cache", cwd=site)
    assert piped.code == saved.code == 1
    assert piped.json() == saved.json()
    assert {"TRN", "QUO", "CIT"} <= {finding["code"][:3] for finding in piped.json()}


def test_the_configuration_is_the_named_files(tmp_path):
    write(tmp_path / "blog" / ".copydesk.yaml", "ignore: [CIT001]\n")
    post = "---\ntitle: A\n---\n\nIntro ().\n"
    named = copydesk("check", "-", "--stdin-filename", "blog/a.md", "--no-cache", cwd=tmp_path, input=post)
    assert (named.code, named.out.splitlines()[-1]) == (0, "All checks passed (1 file checked).")
    anonymous = copydesk("check", "-", "--no-cache", cwd=tmp_path, input=post)
    assert anonymous.code == 1 and anonymous.out.startswith("<stdin>:5:7: CIT001 ")


def test_fix_writes_the_fixed_post_to_standard_output(site):
    name = "_posts/fr/2025-01-02-coffee-fr.md"
    post = ("\ufeff" + FRENCH).replace("\n", "\r\n").encode("utf-8")
    piped = run_bytes("check", "-", "--fix", "--stdin-filename", name, "--no-cache", data=post, cwd=site)
    (site / name).parent.mkdir(parents=True)
    (site / name).write_bytes(post)
    fixed = run_bytes("check", name, "--fix", "--no-cache", data=b"", cwd=site)
    assert piped.stdout == (site / name).read_bytes() != post
    assert piped.stdout.startswith(b"\xef\xbb\xbf---\r\n")
    assert piped.returncode == fixed.returncode == 1  # the translation findings stay
    report = piped.stderr.decode()
    assert "TRN" in report and report.splitlines()[-1] == fixed.stdout.decode().splitlines()[-1]


def test_fix_of_a_post_that_cannot_be_read_gives_it_back_unchanged(tmp_path):
    post = b"---\ntitle: A\n---\n\nCaf\xe9 ().\n"
    piped = run_bytes("check", "-", "--fix", "--no-cache", data=post, cwd=tmp_path)
    assert piped.stdout == post
    assert b"CD002 not valid UTF-8: byte 0xe9 at line 5, column 4" in piped.stderr


def test_diff_prints_what_fix_would_change(tmp_path):
    post = "---\ntitle: A\n---\n\nIntro ().\n"
    run = copydesk("check", "-", "--diff", "--stdin-filename", "a.md", "--no-cache", cwd=tmp_path, input=post)
    assert run.code == 1
    assert run.out.startswith("--- a/a.md\n+++ b/a.md\n@@ ") and run.out.endswith("\n-Intro ().\n+Intro.\n")
    clean = copydesk("check", "-", "--diff", "--no-cache", cwd=tmp_path, input="---\ntitle: A\n---\n\nIntro.\n")
    assert (clean.code, clean.out) == (0, "")


@pytest.mark.parametrize("args, message", [
    (["-", "-"], "standard input ('-') can be read only once"),
    (["-", "a.md"], "standard input ('-') cannot be checked together with other paths"),
    (["a.md", "--stdin-filename", "b.md"], "--stdin-filename names the post read from standard input ('-'), "
                                            "not other paths"),
])
def test_bad_combinations_are_usage_errors(tmp_path, args, message):
    write(tmp_path / "a.md", "---\ntitle: A\n---\n\nText.\n")
    run = copydesk("check", *args, cwd=tmp_path, input="")
    assert (run.code, run.out, run.err) == (2, "", f"copydesk: error: {message}\n")


def test_stdin_filename_alone_reads_standard_input(tmp_path):
    run = copydesk("check", "--stdin-filename", "a.md", "--format", "json", "--no-cache", cwd=tmp_path,
                   input="---\ntitle: A\n---\n\nIntro ().\n")
    assert [(f["path"], f["code"]) for f in run.json()] == [("a.md", "CIT001")]


def test_fix_deletes_stale_suppressions_as_fix_on_the_file_does(tmp_path):
    """CD100 selected: ``--fix`` deletes the suppressions that suppress nothing, last, from the
    piped post as from a file."""
    write(tmp_path / ".copydesk.yaml", "extend-select: [CD100]\n")
    post = ("---\ntitle: A\n---\n\n<!-- copydesk-disable-next-line CIT001 -->\nA clean line.\n\n"
            "<!-- copydesk-disable-next-line CIT001 -->\nKept ().\n\nDebris ().\n")
    piped = copydesk("check", "-", "--fix", "--stdin-filename", "a.md", "--no-cache", cwd=tmp_path, input=post)
    write(tmp_path / "a.md", post)
    fixed = copydesk("check", "a.md", "--fix", "--no-cache", cwd=tmp_path)
    assert piped.out == (tmp_path / "a.md").read_text(encoding="utf-8") == (
        "---\ntitle: A\n---\n\nA clean line.\n\n<!-- copydesk-disable-next-line CIT001 -->\nKept ().\n\nDebris.\n")
    assert piped.code == fixed.code == 0
    assert piped.err.splitlines()[-1] == fixed.out.splitlines()[-1] == \
        "All checks passed (1 file checked). Fixed 2 problems."


def test_the_report_quotes_and_hashes_the_piped_text_not_the_file_on_disk(tmp_path):
    """--show-source, --baseline and the GitLab fingerprints read the post that was linted."""
    piped = "---\ntitle: A\n---\n\nDebris here ().\n"
    write(tmp_path / "a.md", "---\ntitle: A\n---\n\nAn older version of the post, with no debris.\n")

    def check(*args):
        return copydesk("check", "-", "--stdin-filename", "a.md", "--no-cache", *args, cwd=tmp_path, input=piped)

    shown = check("--show-source")
    assert "    5 | Debris here ().\n      |             ^^\n" in shown.out, shown.out
    assert check("--write-baseline", "piped.json").code == 0
    from_piped = check("--format", "gitlab").json()
    write(tmp_path / "a.md", piped)
    assert copydesk("check", "a.md", "--no-cache", "--format", "gitlab", cwd=tmp_path).json() == from_piped
    assert copydesk("check", "a.md", "--no-cache", "--baseline", "piped.json", cwd=tmp_path).code == 0
    write(tmp_path / "a.md", "---\ntitle: A\n---\n\nAnother line.\n")
    assert check("--baseline", "piped.json").code == 0
    assert [(f["check_name"], f["location"]["lines"]["begin"]) for f in from_piped] == [("CIT001", 5)]
