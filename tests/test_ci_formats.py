"""CI outputs: GitHub workflow annotations and SARIF 2.1.0."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote, unquote

import jsonschema

from conftest import copydesk, write

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

POST = "Intro.\n\nA TODO here.\n\n<!-- copydesk-disable NOPE123 -->\n"


def test_github_annotations_exact_format(tmp_path, demo_env):
    write(tmp_path / "_posts" / "post.md", POST)
    run = copydesk("check", "--ignore", "FM001", "_posts", "--format", "github", cwd=tmp_path, env=demo_env)
    assert run.code == 1
    assert run.out.splitlines() == [
        "::warning file=_posts/post.md,line=3,col=3,title=DEMO001::DEMO001 A TODO left in the prose.",
        "::warning file=_posts/post.md,line=5,col=1,title=CD101::CD101 suppression names unknown rule code 'NOPE123'",
    ]


def test_github_annotations_of_the_seeds_are_all_in_the_documented_format(seeds):
    import re

    files = sorted(str(path) for path in seeds.iterdir())
    run = copydesk("check", *files, "--no-cache", "--format", "github")
    findings = copydesk("check", *files, "--no-cache", "--format", "json").json()
    annotation = re.compile(r"::(error|warning|notice) file=[^,:%\r\n]+,line=\d+,col=\d+,title=[A-Z]+\d+::"
                            r"[A-Z]+\d+ [^\r\n]*")
    lines = run.out.splitlines()
    assert run.code == 1 and len(lines) == len(findings)
    assert all(annotation.fullmatch(line) for line in lines), [l for l in lines if not annotation.fullmatch(l)][:3]


def test_github_escapes_percent_newlines_colons_and_commas():
    from linters.reporters.github import _escape_data, _escape_property

    assert _escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"
    assert _escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"


def test_github_severity_levels_and_escaping(tmp_path, demo_env):
    write(tmp_path / "a,b.md", "TODO\n")
    write(tmp_path / ".copydesk.yaml", "severity: {DEMO001: error}\n")
    run = copydesk("check", "a,b.md", "--format", "github", cwd=tmp_path, env=demo_env)
    assert run.out.startswith("::error file=a%2Cb.md,line=1,col=1,")
    write(tmp_path / ".copydesk.yaml", "severity: {DEMO001: info}\n")
    run = copydesk("check", "a,b.md", "--format", "github", cwd=tmp_path, env=demo_env)
    assert run.out.startswith("::notice file=a%2Cb.md,")


def test_sarif_log(tmp_path, demo_env):
    write(tmp_path / "_posts" / "post.md", POST)
    run = copydesk("check", "--ignore", "FM001", "_posts", "--format", "sarif", "-o", "out.sarif", cwd=tmp_path, env=demo_env)
    assert run.code == 1 and run.out == ""
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    sarif_run = log["runs"][0]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "copydesk"
    assert [rule["id"] for rule in driver["rules"]] == ["CD101", "DEMO001"]
    demo = driver["rules"][1]
    assert demo["name"] == "todo-left" and demo["defaultConfiguration"] == {"level": "warning"}
    assert demo["fullDescription"] == {"text": "The word TODO in prose."}
    assert demo["help"]["text"] == ("What it finds: The word TODO in prose.\n\nWhy it matters: Drafts should not be "
                                    "published.\n\nExample: TODO: write the end\n\nFix: Replaced by DONE.")
    assert demo["help"]["markdown"].startswith("**What it finds**\n\nThe word TODO in prose.")
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert sarif_run["results"][0] == {
        "ruleId": "DEMO001", "ruleIndex": 1, "level": "warning",
        "message": {"text": "A TODO left in the prose."},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "_posts/post.md", "uriBaseId": "%SRCROOT%"},
                                            "region": {"startLine": 3, "startColumn": 3,
                                                       "endLine": 3, "endColumn": 7}}}],
    }


def test_sarif_of_the_seeds_matches_the_json_findings(seeds):
    files = sorted(str(path) for path in seeds.iterdir())
    sarif = json.loads(copydesk("check", *files, "--no-cache", "--format", "sarif").out)
    findings = copydesk("check", *files, "--no-cache", "--format", "json").json()
    results = sarif["runs"][0]["results"]
    assert findings and len(results) == len(findings)
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == \
           [(f["code"], f["line"]) for f in findings]
    rule_ids = [rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in results)


def _sarif_errors(log) -> list[str]:
    validator_class = jsonschema.validators.validator_for(SARIF_SCHEMA)
    validator = validator_class(SARIF_SCHEMA, format_checker=validator_class.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(log)]


def _check_sarif_conventions(log) -> None:
    """What the schema cannot check: URIs relative to the source root and percent-encoded,
    1-based regions, every result pointing at its rule."""
    sarif_run = log["runs"][0]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert all(rule["help"]["text"] and rule["fullDescription"]["text"] for rule in rules)
    for result in sarif_run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        artifact = location["artifactLocation"]
        if "uriBaseId" in artifact:
            assert artifact["uriBaseId"] == "%SRCROOT%" and not artifact["uri"].startswith("/")
        else:
            assert artifact["uri"].startswith("file:///")
        assert quote(unquote(artifact["uri"]), safe="/:") == artifact["uri"]
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_the_schema_copy_rejects_a_broken_log():
    """The validation below can fail: a region with column 0 and a run without its tool are refused."""
    broken = {"version": "2.1.0", "runs": [{"results": [{"message": {"text": "x"}, "locations": [
        {"physicalLocation": {"artifactLocation": {"uri": "a.md"}, "region": {"startColumn": 0}}}]}]}]}
    errors = _sarif_errors(broken)
    assert any("'tool' is a required property" in error for error in errors)
    assert any("startColumn" in error for error in errors)


def test_sarif_of_a_fixture_validates_against_the_official_schema(tmp_path):
    post = ("---\ntitle: Café\nlang: fr\n---\n\n"
            "Le café ☕ est prêt (). Voir [](https://example.com/a).\n\n"
            "<!-- copydesk-disable-next-line HAL101 -->\nRien à signaler.\n\n"
            "<!-- copydesk-disable NOPE999 -->\n")
    write(tmp_path / "_posts" / "fr" / "2025-01-02-café-fr.md", post)
    run = copydesk("check", "_posts", "--format", "sarif", "--extend-select", "CD100", "--no-cache", cwd=tmp_path)
    assert run.code == 1, run
    log = json.loads(run.out)
    assert _sarif_errors(log) == []
    _check_sarif_conventions(log)
    results = log["runs"][0]["results"]
    assert {result["ruleId"] for result in results} >= {"CIT001", "CIT002", "CD100", "CD101"}
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "_posts/fr/2025-01-02-caf%C3%A9-fr.md"
    empty_citation = next(r for r in results if r["ruleId"] == "CIT001")
    # characters, not UTF-16 units: ☕ is one code point (and one UTF-16 unit; é too)
    assert empty_citation["locations"][0]["physicalLocation"]["region"]["startColumn"] == \
        "Le café ☕ est prêt ().".index("()") + 1


def test_sarif_of_the_seeds_validates_against_the_official_schema(seeds):
    files = sorted(str(path) for path in seeds.iterdir())
    run = copydesk("check", *files, "--no-cache", "--format", "sarif", "--extend-select", "CD100")
    log = json.loads(run.out)
    assert log["runs"][0]["results"], "the seeds are defective"
    assert _sarif_errors(log) == []
    _check_sarif_conventions(log)


def test_sarif_of_an_absolute_path_outside_the_folder_is_a_file_uri(tmp_path, demo_env):
    post = write(tmp_path / "outside" / "a post.md", "A TODO here.\n")
    (tmp_path / "here").mkdir()
    log = json.loads(copydesk("check", str(post), "--format", "sarif", cwd=tmp_path / "here", env=demo_env).out)
    assert _sarif_errors(log) == []
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": post.as_uri()}
