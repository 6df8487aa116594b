"""``--fix`` and ``--diff`` as a mechanism of the engine, shown with the demo plugin's fix."""
from __future__ import annotations

import os
import stat

from conftest import copydesk, write

POST = "---\ntitle: TODO stays in front matter\n---\n\nA TODO here.\n\n```\nTODO in code\n```\n\nAnd `TODO` inline, TODO.\n"
FIXED = "---\ntitle: TODO stays in front matter\n---\n\nA DONE here.\n\n```\nTODO in code\n```\n\nAnd `TODO` inline, DONE.\n"


def fix(tmp_path, env, *extra):
    return copydesk("check", ".", "--fix", *extra, cwd=tmp_path, env=env)


def test_fix_changes_prose_only(tmp_path, demo_env):
    path = write(tmp_path / "post.md", POST)
    run = fix(tmp_path, demo_env)
    assert run.code == 0, run
    assert path.read_text(encoding="utf-8") == FIXED
    assert run.out.splitlines()[-1] == "All checks passed (1 file checked). Fixed 2 problems."


def test_fix_is_idempotent(tmp_path, demo_env):
    path = write(tmp_path / "post.md", POST)
    fix(tmp_path, demo_env)
    run = fix(tmp_path, demo_env)
    assert path.read_text(encoding="utf-8") == FIXED
    assert "Fixed 0 problems" in run.out


def test_fix_keeps_crlf_bom_and_permissions(tmp_path, demo_env):
    path = tmp_path / "post.md"
    path.write_bytes(b"\xef\xbb\xbf" + POST.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(path, 0o640)
    fix(tmp_path, demo_env)
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]  # no temporary file left behind


def test_fix_keeps_mixed_line_endings_outside_edits(tmp_path, demo_env):
    path = tmp_path / "post.md"
    path.write_bytes(b"one TODO\r\ntwo\nthree\rTODO four\n")
    fix(tmp_path, demo_env)
    assert path.read_bytes() == b"one DONE\r\ntwo\nthree\rDONE four\n"


def test_fix_keeps_utf16(tmp_path, demo_env):
    path = tmp_path / "post.md"
    path.write_bytes("\ufeffUn TODO é\n".encode("utf-16-le"))
    fix(tmp_path, demo_env)
    assert path.read_bytes() == "\ufeffUn DONE é\n".encode("utf-16-le")


def test_fix_follows_a_symlink_and_keeps_it(tmp_path, demo_env):
    real = write(tmp_path / "real" / "post.md", "TODO\n")
    (tmp_path / "posts").mkdir()
    link = tmp_path / "posts" / "post.md"
    link.symlink_to(real)
    copydesk("check", "posts/post.md", "--fix", cwd=tmp_path, env=demo_env)
    assert link.is_symlink() and real.read_text() == "DONE\n"


def test_diff_shows_and_changes_nothing(tmp_path, demo_env):
    path = write(tmp_path / "post.md", POST)
    run = copydesk("check", ".", "--diff", cwd=tmp_path, env=demo_env)
    assert run.code == 1
    assert path.read_text(encoding="utf-8") == POST
    assert "--- a/post.md\n+++ b/post.md\n" in run.out
    assert "-A TODO here.\n+A DONE here.\n" in run.out


def test_diff_of_a_clean_tree_exits_0(tmp_path, demo_env):
    write(tmp_path / "post.md", "Clean.\n")
    assert copydesk("check", ".", "--diff", cwd=tmp_path, env=demo_env).code == 0


def test_unfixable_configuration(tmp_path, demo_env):
    path = write(tmp_path / "post.md", "TODO\n")
    write(tmp_path / ".copydesk.yaml", "unfixable: [DEMO001]\n")
    run = fix(tmp_path, demo_env)
    assert run.code == 1 and path.read_text() == "TODO\n"


def test_lint_text_api_reports_fixes():
    import subprocess
    import sys

    from conftest import PLUGIN_DEMO, with_pythonpath

    code = ("from linters import lint_text\n"
            "d = [d for d in lint_text('A TODO.', path='x.md') if d.code == 'DEMO001'][0]\n"
            "print(d.code, d.line, d.column, d.fixable, d.fix.edits[0].replacement)\n")
    env = {**os.environ, **with_pythonpath(PLUGIN_DEMO)}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p) for p in env["PYTHONPATH"].split(os.pathsep))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out == "DEMO001 1 3 True DONE\n"
