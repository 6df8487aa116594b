"""Third-party linters through entry points, and the installed package's rule packs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, copydesk, with_pythonpath, write


def test_plugin_runs_alongside_the_built_ins_and_is_listed(tmp_path, demo_env):
    rules = {rule["code"]: rule["linter"] for rule in copydesk("rules", "--format", "json", env=demo_env).json()}
    assert rules["DEMO001"] == "demo"
    builtin = {linter for linter in rules.values()} - {"demo"}
    assert "copydesk" in builtin
    write(tmp_path / "post.md", "A TODO.\n<!-- copydesk-disable NOPE123 -->\n")
    found = {d["code"] for d in copydesk("check", "--ignore", "FM001", ".", "--format", "json", cwd=tmp_path, env=demo_env).json()}
    assert found == {"DEMO001", "CD101"}


def test_plugin_options_are_validated(tmp_path, demo_env):
    write(tmp_path / ".copydesk.yaml", "linters:\n  demo:\n    word: FIXME\n")
    write(tmp_path / "post.md", "Text.\n")
    assert copydesk("check", "--ignore", "FM001", ".", cwd=tmp_path, env=demo_env).code == 0


def test_a_broken_plugin_is_an_error_not_a_traceback(tmp_path):
    dist = tmp_path / "broken-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[copydesk.linters]\nbroken = no_such_module:Linter\n")
    run = copydesk("rules", env=with_pythonpath(tmp_path))
    assert run.code == 2
    assert "plugin 'broken' (no_such_module:Linter) failed to load: ModuleNotFoundError" in run.err
    assert "Traceback" not in run.err


def test_rule_packs_are_found_at_run_time():
    """Wherever ``linters`` is imported from (the wheel in CI), its rule packs load."""
    code = "from linters.packs import loading; print(loading.rules_dir()); print(sorted(loading.load_builtin('copydesk')['rules']))"
    env = {**os.environ, **with_pythonpath()}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/",
                         env=env).stdout
    folder, codes = out.splitlines()
    assert (Path(folder) / "copydesk.yaml").is_file()
    assert "CD001" in codes


def test_the_wheel_contains_every_rule_pack(tmp_path):
    """Build the wheel as ``pip install .`` does (isolated build, from a copy) and look inside it."""
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", "build", "*.egg-info", "__pycache__"))
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("copydesk-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    packs = {f"linters/rules/{path.name}" for path in (REPO / "rules").glob("*.yaml")}
    assert packs and packs <= names
    assert "linters/cli.py" in names and "linters/reporters/json.py" in names
    modules = {path.relative_to(REPO).as_posix() for path in (REPO / "linters").rglob("*.py")
               if "__pycache__" not in path.parts}
    assert modules - names == set(), "a subpackage of linters/ is missing from pyproject's packages"
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "copydesk = linters.cli:console_main" in zipfile.ZipFile(wheel).read(entry_points).decode()
