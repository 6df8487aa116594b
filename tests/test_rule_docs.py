"""Every rule's documented example is a real post snippet on which the rule fires, and the rules
marked ``fixable`` are exactly those whose example gets a fix.

An ``example`` is the text of a post: its body (given a minimal front matter, ``example.md``),
or a whole post when it starts with ``---``; or one or more files, each after a line
``==> path <==`` (as ``head`` prints several files), for rules about paths or versions.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from conftest import copydesk, write

from linters.packs.loading import load_builtin, rules_dir

FILE_HEADER = re.compile(r"^==> (.+?) <==\n", re.M)
MINIMAL_FRONT_MATTER = "---\ntitle: Example\n---\n\n"
# Conditions of a file or of the run, not of a post's text: their examples are copydesk's output,
# and tests/test_reliability.py and tests/test_cli.py produce each of them.
RUN_CONDITIONS = {"CD001", "CD002", "CD003", "CD004", "CD005", "CD006", "CD007"}
# Rules whose example fires only under a configuration (what the site's renderer does to the
# text): their examples are checked with it.
CONFIGURED = {"QUO007": "linters:\n  quotes:\n    smart-quotes: true\n"}
# Rules only `check --online` reports (HAL501-HAL504): tests/online/test_online_checks.py runs
# their examples against the local sites it starts, and checks their `fixable` the same way.
ONLINE_RULES = {"HAL501", "HAL502", "HAL503", "HAL504"}


def documented_rules() -> dict[str, dict]:
    return {code: spec for path in sorted(rules_dir().glob("*.yaml"))
            for code, spec in (load_builtin(path.stem).get("rules") or {}).items()}


def example_files(example: str) -> dict[str, str]:
    """The files of an example: ``{path: text}``."""
    parts = FILE_HEADER.split(example)
    if len(parts) == 1:
        return {"example.md": example if example.startswith("---") else MINIMAL_FRONT_MATTER + example + "\n"}
    assert not parts[0].strip(), "text before the first ==> path <== line"
    return {path: text for path, text in zip(parts[1::2], parts[2::2])}


@lru_cache(maxsize=1)
def findings_of_examples(folder: Path) -> dict[str, list[dict]]:
    """Each rule's example in a folder of its own, all checked in one run; the findings by folder."""
    for code, spec in documented_rules().items():
        if code not in RUN_CONDITIONS | ONLINE_RULES:
            for path, text in example_files(spec["example"]).items():
                write(folder / ("configured" if code in CONFIGURED else ".") / code / path, text)
    prefixes = sorted({re.match(r"[A-Z]+", code).group() for code in documented_rules()})
    runs = [copydesk("check", *(code for code in documented_rules() if (folder / code).is_dir()), "--no-cache",
                     "--select", ",".join(prefixes), "--format", "json", cwd=folder)]
    for code, configuration in CONFIGURED.items():
        write(folder / f"{code}.yaml", configuration)
        runs.append(copydesk("check", code, "--no-cache", "--select", ",".join(prefixes), "--format", "json",
                             "--config", str(folder / f"{code}.yaml"), cwd=folder / "configured"))
    found: dict[str, list[dict]] = {}
    for run in runs:
        assert run.code in (0, 1), run
        for finding in run.json():
            found.setdefault(finding["path"].split("/")[0], []).append(finding)
    return found


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> dict[str, list[dict]]:
    return findings_of_examples(tmp_path_factory.mktemp("examples"))


@pytest.mark.parametrize("code", sorted(set(documented_rules()) - RUN_CONDITIONS - ONLINE_RULES))
def test_the_documented_example_fires_its_rule(examples, code):
    found = examples.get(code, [])
    assert code in {finding["code"] for finding in found}, (documented_rules()[code]["example"], found)


@pytest.mark.parametrize("code", sorted(set(documented_rules()) - ONLINE_RULES))
def test_a_rule_is_marked_fixable_exactly_when_its_example_gets_a_fix(examples, code):
    fixed = any(finding["fixable"] for finding in examples.get(code, []) if finding["code"] == code)
    assert documented_rules()[code].get("fixable", False) == fixed
