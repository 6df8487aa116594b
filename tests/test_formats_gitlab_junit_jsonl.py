"""CI formats: GitLab Code Quality, JUnit XML and JSON Lines, each checked against its published
schema (copies in tests/data) or its consumer's documented shape."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import copydesk, write

DATA = Path(__file__).parent / "data"
GITLAB_SCHEMA = json.loads((DATA / "gitlab-codeclimate-schema.json").read_text(encoding="utf-8"))
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}  # GitLab's documented values

POST = "---\ntitle: Coffee\nlang: en\n---\n\nIntro ().\n\nSee [](https://coffee.org/beans) here.\n"


def run_bytes(*args, cwd) -> subprocess.CompletedProcess:
    """The command line with its output as bytes: some tests write file names that are not UTF-8."""
    environment = dict(os.environ)
    if environment.get("PYTHONPATH"):
        environment["PYTHONPATH"] = os.pathsep.join(
            os.path.abspath(entry) for entry in environment["PYTHONPATH"].split(os.pathsep) if entry)
    return subprocess.run([sys.executable, "-m", "linters", *args], cwd=cwd, env=environment,
                          capture_output=True, timeout=120)


# --- GitLab Code Quality --------------------------------------------------------------------


def gitlab_errors(report) -> list[str]:
    """What GitLab's own schema (one per issue) and its documentation ask of a report."""
    errors = []
    if not isinstance(report, list):
        return ["a Code Quality report is a JSON array"]
    validator = jsonschema.Draft7Validator(GITLAB_SCHEMA)
    for index, issue in enumerate(report):
        errors += [f"{index}: {error.message}" for error in validator.iter_errors(issue)]
        if not isinstance(issue.get("check_name"), str) or not issue["check_name"]:
            errors.append(f"{index}: check_name missing")
        if issue.get("severity") not in GITLAB_SEVERITIES:
            errors.append(f"{index}: severity {issue.get('severity')!r}")
        location = issue.get("location", {})
        path = location.get("path", "")
        if not path or path.startswith("./") or "\\" in path:
            errors.append(f"{index}: location.path {path!r} is not a relative path with slashes")
        if not isinstance(location.get("lines", {}).get("begin"), int) or location["lines"]["begin"] < 1:
            errors.append(f"{index}: location.lines.begin")
    fingerprints = [issue.get("fingerprint") for issue in report]
    if len(set(fingerprints)) != len(fingerprints):
        errors.append("fingerprints are not unique")
    return errors


def test_the_gitlab_checks_can_fail():
    broken = [{"description": "x", "fingerprint": 1, "severity": "warning", "location": {"path": "./a.md"}},
              {"description": "y", "fingerprint": 1, "severity": "info", "check_name": "A1",
               "location": {"path": "a.md", "lines": {"begin": 0}}}]
    errors = gitlab_errors(broken)
    assert any("1 is not of type 'string'" in error for error in errors)
    assert any("check_name" in error for error in errors) and any("severity 'warning'" in e for e in errors)
    assert any("./a.md" in error for error in errors) and any("lines.begin" in error for error in errors)
    assert "fingerprints are not unique" in errors


def test_gitlab_report(tmp_path):
    write(tmp_path / "_posts" / "coffee.md", POST)
    write(tmp_path / ".copydesk.yaml", "severity: {CIT002: error}\n")
    run = copydesk("check", "_posts", "--format", "gitlab", "--no-cache", cwd=tmp_path)
    assert run.code == 1, run
    report = run.json()
    assert gitlab_errors(report) == []
    first, second = report
    assert {key: first[key] for key in ("check_name", "description", "severity", "location", "type")} == {
        "check_name": "CIT001", "severity": "major", "type": "issue",
        "description": "CIT001 empty citation '()': the link it held was stripped",
        "location": {"path": "_posts/coffee.md", "lines": {"begin": 6, "end": 6}}}
    assert second["check_name"] == "CIT002" and second["severity"] == "critical"
    assert len(first["fingerprint"]) == 64 and first["fingerprint"] != second["fingerprint"]


def test_gitlab_fingerprints_survive_runs_and_line_moves_but_not_edits_of_the_line(tmp_path):
    post = write(tmp_path / "coffee.md", POST)

    def fingerprints():
        run = copydesk("check", "coffee.md", "--format", "gitlab", "--no-cache", cwd=tmp_path)
        return {issue["check_name"]: issue["fingerprint"] for issue in run.json()}

    before = fingerprints()
    assert fingerprints() == before
    post.write_text(POST.replace("Intro ().", "A new first paragraph.\n\nIntro ()."), encoding="utf-8")
    assert fingerprints() == before
    post.write_text(POST.replace("Intro ().", "Intro, reworded ()."), encoding="utf-8")
    after = fingerprints()
    assert after["CIT001"] != before["CIT001"] and after["CIT002"] == before["CIT002"]


def test_gitlab_fingerprints_of_equal_findings_on_equal_lines_differ(tmp_path):
    write(tmp_path / "a.md", "---\ntitle: A\n---\n\nSee ().\n\nSee ().\n\nSee () and ().\n")
    report = copydesk("check", "a.md", "--format", "gitlab", "--no-cache", cwd=tmp_path).json()
    assert [issue["location"]["lines"]["begin"] for issue in report] == [5, 7, 9, 9]
    assert gitlab_errors(report) == []


def test_gitlab_report_of_the_seeds(seeds):
    files = sorted(str(path) for path in seeds.iterdir())
    report = copydesk("check", *files, "--no-cache", "--format", "gitlab").json()
    findings = copydesk("check", *files, "--no-cache", "--format", "json").json()
    assert report and gitlab_errors(report) == []
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in report] == \
           [(f["code"], f["line"]) for f in findings]


# --- odd file names, every format ---------------------------------------------------------------


@pytest.fixture
def odd_names(tmp_path) -> Path:
    """Posts whose names are not UTF-8, hold a control character, a quote, '<', '&' and a comma."""
    folder = tmp_path / "posts"
    folder.mkdir()
    body = b"---\ntitle: x\n---\n\nText ().\n"
    for name in (b"caf\xe9.md", b"tab\x01ctl.md", b"a \"quote\" <&> b, c.md", "日本語 😀.md".encode()):
        with open(os.path.join(os.fsencode(folder), name), "wb") as post:
            post.write(body)
    return tmp_path


def test_gitlab_with_odd_file_names_is_valid_utf8_json(odd_names):
    run = run_bytes("check", "posts", "--format", "gitlab", "--no-cache", cwd=odd_names)
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout.decode("utf-8"))
    assert gitlab_errors(report) == []
    paths = sorted(issue["location"]["path"] for issue in report)
    assert paths == sorted(["posts/caf\ufffd.md", "posts/tab\x01ctl.md", 'posts/a "quote" <&> b, c.md',
                            "posts/日本語 😀.md"])


def test_jsonl_with_odd_file_names_gives_the_names_back(odd_names):
    run = run_bytes("check", "posts", "--format", "jsonl", "--no-cache", cwd=odd_names)
    assert run.returncode == 1, run.stderr
    lines = run.stdout.decode("utf-8").splitlines()
    names = sorted(os.fsencode(json.loads(line)["path"]) for line in lines)
    assert names == sorted(b"posts/" + name for name in (b"caf\xe9.md", b"tab\x01ctl.md",
                                                         b"a \"quote\" <&> b, c.md", "日本語 😀.md".encode()))


# --- JSON Lines ------------------------------------------------------------------------------


def test_jsonl_is_the_json_findings_one_per_line(tmp_path):
    write(tmp_path / "_posts" / "a.md", POST)
    write(tmp_path / "_posts" / "b.md", POST.replace("Coffee", "Tea"))
    jsonl = copydesk("check", "_posts", "--format", "jsonl", "--no-cache", cwd=tmp_path)
    findings = copydesk("check", "_posts", "--format", "json", "--no-cache", cwd=tmp_path).json()
    assert jsonl.code == 1 and jsonl.out.endswith("\n")
    lines = jsonl.out.splitlines()
    assert len(lines) == len(findings) == 4
    assert sorted(map(json.loads, lines), key=json.dumps) == sorted(findings, key=json.dumps)


def test_jsonl_findings_are_written_as_files_finish(tmp_path):
    """The first post's findings are out while the second (slow on purpose) is still linted."""
    import time

    from conftest import PLUGIN_SLOW, with_pythonpath

    write(tmp_path / "a.md", POST)
    write(tmp_path / "b.md", "---\ntitle: B\n---\n\nSLOW ().\n")
    environment = {**os.environ, **with_pythonpath(PLUGIN_SLOW)}
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "linters", "check", "a.md", "b.md", "--format", "jsonl",
                                "--no-cache", "-j", "1"], cwd=tmp_path, env=environment, stdout=subprocess.PIPE,
                               text=True, encoding="utf-8")
    first = json.loads(process.stdout.readline())
    first_at = time.monotonic() - started
    rest = [json.loads(line) for line in process.stdout]
    ended_at = time.monotonic() - started
    assert process.wait() == 1
    assert first["path"] == "a.md" and [f["path"] for f in rest] == ["a.md", "b.md"]
    assert ended_at - first_at > 3, (first_at, ended_at)  # the slow post took 4 s after the first line


def test_jsonl_with_a_baseline_is_written_at_the_end(tmp_path):
    write(tmp_path / "a.md", POST)
    copydesk("check", "a.md", "--write-baseline", "base.json", "--no-cache", cwd=tmp_path)
    write(tmp_path / "b.md", POST)
    run = copydesk("check", "a.md", "b.md", "--format", "jsonl", "--baseline", "base.json", "--no-cache",
                   cwd=tmp_path)
    assert [json.loads(line)["path"] for line in run.out.splitlines()] == ["b.md", "b.md"]


def test_jsonl_of_a_clean_run_is_empty(tmp_path):
    write(tmp_path / "a.md", "---\ntitle: A\n---\n\nClean.\n")
    run = copydesk("check", "a.md", "--format", "jsonl", "--no-cache", cwd=tmp_path)
    assert (run.code, run.out) == (0, "")


# --- JUnit XML ----------------------------------------------------------------------------------


def junit_errors(xml: bytes | str) -> list[str]:
    """Errors of a report against the JUnit schema of Jenkins' xUnit plugin (tests/data)."""
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is not installed (pip install '.[test]')")
    schema = xmlschema.XMLSchema(str(DATA / "junit-10.xsd"))
    return [str(error.reason) for error in schema.iter_errors(xml)]


def test_the_junit_schema_can_fail():
    assert junit_errors("<testsuites><testsuite name='a'><testcase/></testsuite></testsuites>")


def test_junit_one_test_case_per_file_and_a_failure_per_finding(tmp_path):
    import xml.etree.ElementTree as ElementTree

    write(tmp_path / "_posts" / "coffee.md", POST)
    write(tmp_path / "_posts" / "clean.md", "---\ntitle: Clean\n---\n\nNothing wrong.\n")
    run = copydesk("check", "_posts", "--format", "junit", "--no-cache", cwd=tmp_path)
    assert run.code == 1
    assert run.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert junit_errors(run.out) == []
    root = ElementTree.fromstring(run.out)
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    clean, coffee = suite.findall("testcase")
    assert (clean.get("name"), list(clean)) == ("_posts/clean.md", [])
    failures = coffee.findall("failure")
    assert coffee.get("name") == "_posts/coffee.md"
    assert [(f.get("type"), f.get("message")) for f in failures] == [
        ("CIT001", "CIT001 empty citation '()': the link it held was stripped"),
        ("CIT002", "CIT002 link with no text to https://coffee.org/beans: the reader cannot see it")]
    assert failures[0].text == ("_posts/coffee.md:6:7: CIT001 empty citation '()': the link it held was stripped "
                                "(empty-citation, warning)")


def test_junit_of_a_clean_run_passes(tmp_path):
    write(tmp_path / "a.md", "---\ntitle: A\n---\n\nClean.\n")
    run = copydesk("check", "a.md", "--format", "junit", "--no-cache", cwd=tmp_path)
    assert run.code == 0 and junit_errors(run.out) == []
    assert '<testcase name="a.md" classname="copydesk" />' in run.out


def test_junit_with_odd_file_names_is_valid_xml(odd_names):
    import xml.etree.ElementTree as ElementTree

    run = run_bytes("check", "posts", "--format", "junit", "--no-cache", cwd=odd_names)
    assert run.returncode == 1, run.stderr
    assert junit_errors(run.stdout) == []
    names = sorted(case.get("name") for case in ElementTree.fromstring(run.stdout).iter("testcase"))
    assert names == sorted(["posts/caf\ufffd.md", "posts/tab\\x01ctl.md", 'posts/a "quote" <&> b, c.md',
                            "posts/日本語 😀.md"])


def test_junit_of_the_seeds(seeds):
    files = sorted(str(path) for path in seeds.iterdir())
    run = copydesk("check", *files, "--no-cache", "--format", "junit")
    findings = copydesk("check", *files, "--no-cache", "--format", "json").json()
    assert junit_errors(run.out) == []
    assert run.out.count("<failure ") == len(findings) and run.out.count("<testcase ") == len(files)
