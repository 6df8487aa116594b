"""Inline suppressions in the post, as HTML comments."""
from __future__ import annotations

from conftest import copydesk, write


def lines_found(tmp_path, text, *extra, env):
    write(tmp_path / "post.md", text)
    run = copydesk("check", "post.md", "--format", "json", "--extend-select", "CD", *extra, cwd=tmp_path, env=env)
    return [(d["line"], d["code"]) for d in run.json()]


def test_disable_enable_range(tmp_path, demo_env):
    text = "TODO 1\n<!-- copydesk-disable DEMO001 -->\nTODO 3\nTODO 4\n<!-- copydesk-enable -->\nTODO 6\n"
    assert lines_found(tmp_path, text, env=demo_env) == [(1, "DEMO001"), (6, "DEMO001")]


def test_disable_all_codes_and_prefixes(tmp_path, demo_env):
    text = "<!-- copydesk-disable -->\nTODO\n<!-- copydesk-enable -->\n<!-- copydesk-disable DEMO -->\nTODO\n"
    assert lines_found(tmp_path, text, env=demo_env) == []


def test_disable_next_line(tmp_path, demo_env):
    text = "<!-- copydesk-disable-next-line DEMO001 -->\nTODO 2\nTODO 3\n"
    assert lines_found(tmp_path, text, env=demo_env) == [(3, "DEMO001")]


def test_several_codes_comma_or_space(tmp_path, demo_env):
    text = "<!-- copydesk-disable-next-line CD101, DEMO001 -->\nTODO\n"
    assert lines_found(tmp_path, text, env=demo_env) == []


def test_disable_file(tmp_path, demo_env):
    assert lines_found(tmp_path, "TODO\n\n<!-- copydesk-disable-file -->\n\nTODO\n", env=demo_env) == []


def test_disable_file_for_some_codes_only(tmp_path, demo_env):
    text = "TODO\n<!-- copydesk-disable-file CD101 -->\n<!-- copydesk-disable NOPE999 -->\n"
    assert lines_found(tmp_path, text, env=demo_env) == [(1, "DEMO001")]


def test_a_comment_inside_code_is_not_a_suppression(tmp_path, demo_env):
    text = "```\n<!-- copydesk-disable-file -->\n```\n\nTODO\n"
    assert lines_found(tmp_path, text, env=demo_env) == [(5, "DEMO001")]


def test_unknown_code_in_a_suppression_is_reported(tmp_path, demo_env):
    assert lines_found(tmp_path, "<!-- copydesk-disable-next-line DMEO001 -->\nText\n", env=demo_env) == [(1, "CD101")]


def test_unused_suppression_is_reported_when_selected(tmp_path, demo_env):
    text = "<!-- copydesk-disable-next-line DEMO001 -->\nNothing to hide.\n<!-- copydesk-disable-next-line DEMO001 -->\nTODO\n"
    assert lines_found(tmp_path, text, env=demo_env) == [(1, "CD100")]


def test_python_api_honours_suppressions():
    from linters import config, lint_text

    bare = config.from_mapping({"ignore": ["FM001"]})  # bare snippets have no front matter
    assert lint_text("<!-- copydesk-disable-next-line CD101 -->\n<!-- copydesk-disable XYZ123 -->\n", config=bare) == []
    assert [d.code for d in lint_text("<!-- copydesk-disable XYZ123 -->\n", config=bare)] == ["CD101"]
