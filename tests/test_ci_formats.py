"""CI outputs: GitHub workflow annotations and SARIF 2.1.0."""
from __future__ import annotations

import json

from conftest import copydesk, write

POST = "Intro.\n\nA TODO here.\n\n<!-- copydesk-disable NOPE123 -->\n"


def test_github_annotations_exact_format(tmp_path, demo_env):
    write(tmp_path / "_posts" / "post.md", POST)
    run = copydesk("check", "_posts", "--format", "github", cwd=tmp_path, env=demo_env)
    assert run.code == 1
    assert run.out.splitlines() == [
        "::warning file=_posts/post.md,line=3,col=3,endLine=3,endColumn=7,title=DEMO001::DEMO001 A TODO left in the prose.",
        "::warning file=_posts/post.md,line=5,col=1,endLine=5,endColumn=34,title=CD101::"
        "CD101 suppression names unknown rule code 'NOPE123'",
    ]


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
    run = copydesk("check", "_posts", "--format", "sarif", "-o", "out.sarif", cwd=tmp_path, env=demo_env)
    assert run.code == 1 and run.out == ""
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    sarif_run = log["runs"][0]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "copydesk"
    assert [rule["id"] for rule in driver["rules"]] == ["CD101", "DEMO001"]
    demo = driver["rules"][1]
    assert demo["name"] == "todo-left" and demo["defaultConfiguration"] == {"level": "warning"}
    assert demo["help"]["text"] == "The word TODO in prose.\n\nDrafts should not be published.\n\nReplaced by DONE."
    assert sarif_run["results"][0] == {
        "ruleId": "DEMO001", "ruleIndex": 1, "level": "warning",
        "message": {"text": "A TODO left in the prose."},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "_posts/post.md"},
                                            "region": {"startLine": 3, "startColumn": 3,
                                                       "endLine": 3, "endColumn": 7}}}],
    }


def test_sarif_of_the_seeds_matches_the_json_findings(seeds):
    files = sorted(str(path) for path in seeds.iterdir())
    sarif = json.loads(copydesk("check", *files, "--format", "sarif").out)
    findings = copydesk("check", *files, "--format", "json").json()
    results = sarif["runs"][0]["results"]
    assert findings and len(results) == len(findings)
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == \
           [(f["code"], f["line"]) for f in findings]
    rule_ids = [rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in results)
