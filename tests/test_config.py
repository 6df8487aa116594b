"""Configuration files: discovery, validation with clear messages, and their effect on a run."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from conftest import copydesk, write

POST = "---\ntitle: A post\n---\n\nA TODO here.\n"


@pytest.fixture
def site(tmp_path):
    write(tmp_path / "_posts" / "a.md", POST)
    write(tmp_path / "drafts" / "b.md", POST)
    return tmp_path


def codes(run) -> list[tuple[str, str]]:
    return sorted((d["path"], d["code"]) for d in run.json())


def test_copydesk_yaml_is_discovered_from_a_subfolder(site, demo_env):
    write(site / ".copydesk.yaml", "ignore: [DEMO]\n")
    run = copydesk("check", ".", "--format", "json", cwd=site / "_posts", env=demo_env)
    assert run.code == 0 and run.json() == []


def test_pyproject_tool_section(site, demo_env):
    write(site / "pyproject.toml", '[project]\nname = "site"\n\n[tool.copydesk]\nextend-exclude = ["drafts"]\n')
    run = copydesk("check", ".", "--format", "json", cwd=site, env=demo_env)
    assert codes(run) == [("_posts/a.md", "DEMO001")]


def test_pyproject_without_the_section_is_passed_over(site, demo_env):
    write(site / ".copydesk.yaml", "ignore: [DEMO]\n")
    write(site / "_posts" / "pyproject.toml", '[project]\nname = "x"\n')
    assert copydesk("check", ".", "--format", "json", cwd=site / "_posts", env=demo_env).json() == []


def test_explicit_config_file(site, demo_env, tmp_path_factory):
    other = tmp_path_factory.mktemp("cfg") / "strict.yaml"
    write(other, "severity:\n  DEMO001: error\n")
    run = copydesk("check", "_posts", "--config", other, "--format", "json", cwd=site, env=demo_env)
    assert [d["severity"] for d in run.json()] == ["error"]


@pytest.mark.parametrize("content, message", [
    ("selekt: [DEMO]\n", "unknown key 'selekt' (did you mean 'select'?)"),
    ("select: DEMO\n", "'select' must be a list of rule codes or prefixes"),
    ("select: [NOPE]\n", "'select': unknown rule code or prefix 'NOPE'"),
    ("severity: {DEMO001: fatal}\n", "'severity.DEMO001': unknown severity 'fatal'"),
    ("linters: {demo: {colour: red}}\n", "unknown option 'linters.demo.colour'"),
    ("linters: {demo: {word: 3}}\n", "'linters.demo.word' must be a string"),
    ("linters: {nosuch: {}}\n", "unknown linter 'nosuch'"),
    ("language: klingon\n", "'language': 'klingon' is not a language code"),
    ("jobs: 0\n", "'jobs' must be a positive integer"),
    ("- a list\n", "the configuration must be a mapping"),
    ("key: [unclosed\n", "invalid YAML"),
])
def test_invalid_configuration_exits_2_naming_the_key_and_file(site, demo_env, content, message):
    write(site / ".copydesk.yaml", content)
    run = copydesk("check", ".", cwd=site, env=demo_env)
    assert run.code == 2, run
    assert ".copydesk.yaml" in run.err and message in run.err, run.err
    assert "Traceback" not in run.err


def test_invalid_toml(site):
    write(site / "pyproject.toml", "[tool.copydesk]\nselect = [\n")
    run = copydesk("check", ".", cwd=site)
    assert run.code == 2 and "pyproject.toml: invalid TOML" in run.err


def test_per_file_ignores(site, demo_env):
    write(site / ".copydesk.yaml", "per-file-ignores:\n  'drafts/*': [DEMO]\n")
    assert codes(copydesk("check", ".", "--format", "json", cwd=site, env=demo_env)) == [("_posts/a.md", "DEMO001")]


def test_select_in_file_and_more_specific_ignore(site, demo_env):
    write(site / ".copydesk.yaml", "select: [DEMO]\nignore: [DEMO001]\n")
    assert copydesk("check", ".", "--format", "json", cwd=site, env=demo_env).json() == []


def test_command_line_select_overrides_the_file(site, demo_env):
    write(site / ".copydesk.yaml", "select: [CD]\n")
    assert copydesk("check", ".", "--select", "DEMO", "--format", "json", cwd=site, env=demo_env).json()


def test_off_by_default_rules_are_enabled_by_extend_select(site):
    write(site / "_posts" / "c.md", "<!-- copydesk-disable-next-line CD001 -->\nText\n")
    assert copydesk("check", ".", "--format", "json", "--ignore", "FM001", cwd=site).json() == []
    run = copydesk("check", ".", "--extend-select", "CD100", "--ignore", "FM001", "--format", "json", cwd=site)
    assert codes(run) == [("_posts/c.md", "CD100")]


def test_include_globs(site, demo_env):
    write(site / ".copydesk.yaml", "include: ['*.txt']\n")
    write(site / "notes" / "n.txt", POST)
    assert codes(copydesk("check", ".", "--format", "json", cwd=site, env=demo_env)) == [("notes/n.txt", "DEMO001")]


def test_fail_on_info_from_the_file(site, demo_env):
    write(site / ".copydesk.yaml", "severity: {DEMO001: info}\n")
    assert copydesk("check", ".", cwd=site, env=demo_env).code == 0
    write(site / ".copydesk.yaml", "severity: {DEMO001: info}\nfail-on: info\n")
    assert copydesk("check", ".", cwd=site, env=demo_env).code == 1


def test_language_default_from_the_configuration():
    from linters import config
    from linters.document import Document

    loaded = config.from_mapping({"language": "de"})
    assert Document("Text", "post.md", default_language=loaded.language).language == "de"


_GLOB_PIECES = ("a", "b", ".git", "x/", "/", "a/b", "*", "?", "[ab]", ".md", "\n")


_GLOBS = st.lists(st.lists(st.sampled_from(_GLOB_PIECES), max_size=3).map("".join), min_size=1, max_size=4)
_NAMES = st.lists(st.sampled_from(_GLOB_PIECES[:6] + ("c.md", "\n")), min_size=1, max_size=3).map("".join)


@settings(max_examples=300, deadline=None)
@given(_GLOBS, st.sampled_from(["/tmp/r", "/tmp/r/a", "/", "."]),
       st.sampled_from(["/tmp/r", "/tmp/r/a/b", "/tmp", ".", "a", "/"]), _NAMES)
def test_globs_without_wildcards_tested_as_strings_answer_as_fnmatch(globs, root, folder, name):
    """The exclude globs without a wildcard (all the default ones) and the include globs ``*.md``
    are tested as strings, not as patterns: the answers are fnmatch's."""
    import fnmatch
    import os
    import re

    from linters.engine import discovery

    patterns = tuple(globs)
    translated = [fnmatch.translate(p) for p in patterns] + [fnmatch.translate(p.rstrip("/") + "/*")
                                                             for p in patterns]
    every = re.compile("|".join(f"(?:{glob})" for glob in translated))
    relative_folder = os.path.relpath(os.path.abspath(folder), os.path.abspath(root)).replace(os.sep, "/")
    relative = name if relative_folder == "." else f"{relative_folder}/{name}"
    excluded = bool(every.match(name) or not relative.startswith("../") and every.match(relative)
                    or every.match(os.path.join(folder, name).replace(os.sep, "/")))
    assert discovery._exclude_matcher(patterns, root)(folder, name) == excluded
    included = re.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(p))})" for p in patterns)).match(name)
    assert bool(discovery._include_matcher(patterns)(name)) == (included is not None)
