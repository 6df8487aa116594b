"""pre-commit, for real: a site repository whose hooks come from this repository.

pre-commit installs the hook repository at a commit, so the test commits the current working
tree into a throwaway repository first (CI's checkout may be a clone with local changes).
Installing the hook's environment needs the package index, as it does for every user.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, write

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install '.[test]')")
pytestmark = pytest.mark.slow

GIT_IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
DEFECTIVE = ("---\nlayout: post\ntitle: Hello\nlang: en\n---\n\nBack to Headlines\n\n"
             "A short post about espresso ratios.\n")


def git(*args, cwd, env):
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def pre_commit(*args, cwd, env):
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory):
    """This working tree, committed into a throwaway repository: (path, commit)."""
    folder = tmp_path_factory.mktemp("hooks") / "copydesk"
    shutil.copytree(REPO, folder, ignore=shutil.ignore_patterns(
        ".git", "build", "*.egg-info", "__pycache__", ".copydesk_cache", ".pytest_cache", ".venv"))
    env = {**os.environ, **GIT_IDENTITY}
    git("init", "-q", cwd=folder, env=env)
    git("add", "-A", cwd=folder, env=env)
    git("commit", "-q", "-m", "hooks under test", cwd=folder, env=env)
    return folder, git("rev-parse", "HEAD", cwd=folder, env=env).strip()


@pytest.fixture
def site(tmp_path, hook_repository):
    repository, commit = hook_repository
    env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(tmp_path.parent / "pre-commit-home")}
    env.pop("PYTHONPATH", None)  # the hooks must run from their own environment
    folder = tmp_path / "site"
    folder.mkdir()
    git("init", "-q", cwd=folder, env=env)
    write(folder / ".pre-commit-config.yaml",
          f"repos:\n  - repo: {repository}\n    rev: {commit}\n    hooks:\n      - id: copydesk\n")
    git("add", ".pre-commit-config.yaml", cwd=folder, env=env)
    git("commit", "-q", "-m", "config", cwd=folder, env=env)
    return folder, env, repository, commit


def test_a_defective_staged_post_fails_the_commit_and_the_fix_hook_repairs_it(site):
    folder, env, repository, commit = site
    installed = pre_commit("install", cwd=folder, env=env)
    assert installed.returncode == 0, installed.stderr
    post = write(folder / "_posts" / "2025-01-01-hello-en.md", DEFECTIVE)
    git("add", "-A", cwd=folder, env=env)

    refused = subprocess.run(["git", "commit", "-m", "new post"], cwd=folder, env=env,
                             capture_output=True, text=True, timeout=900)
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert "copydesk" in output and "Failed" in output
    assert "_posts/2025-01-01-hello-en.md:7:1: HAL301" in output

    write(folder / ".pre-commit-config.yaml",
          f"repos:\n  - repo: {repository}\n    rev: {commit}\n    hooks:\n"
          "      - id: copydesk-fix\n      - id: copydesk\n")
    fixed = pre_commit("run", "--files", "_posts/2025-01-01-hello-en.md", cwd=folder, env=env)
    assert fixed.returncode != 0 and "files were modified by this hook" in fixed.stdout, fixed.stdout
    assert "Back to Headlines" not in post.read_text(encoding="utf-8")
    assert "A short post about espresso ratios." in post.read_text(encoding="utf-8")

    git("add", "-A", cwd=folder, env=env)
    accepted = subprocess.run(["git", "commit", "-m", "new post, fixed"], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=900)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_a_clean_post_passes(site):
    folder, env, *_ = site
    write(folder / "_posts" / "2025-01-02-clean-en.md",
          "---\nlayout: post\ntitle: Clean\nlang: en\n---\n\nA clean post about grinders.\n")
    git("add", "-A", cwd=folder, env=env)
    run = pre_commit("run", "--files", "_posts/2025-01-02-clean-en.md", cwd=folder, env=env)
    assert run.returncode == 0, run.stdout
    assert "copydesk" in run.stdout and "Passed" in run.stdout


def test_hook_arguments_extend_the_command(site):
    """A user's ``args`` reach copydesk: here the fix hook also deletes a stale suppression."""
    folder, env, repository, commit = site
    write(folder / ".pre-commit-config.yaml",
          f"repos:\n  - repo: {repository}\n    rev: {commit}\n    hooks:\n"
          "      - id: copydesk-fix\n        args: [--extend-select, CD100]\n")
    post = write(folder / "_posts" / "2025-01-03-stale-en.md",
                 "---\nlayout: post\ntitle: Stale\nlang: en\n---\n\n"
                 "<!-- copydesk-disable-next-line HAL201 -->\nA plain sentence about milk.\n")
    git("add", "-A", cwd=folder, env=env)
    run = pre_commit("run", "--files", "_posts/2025-01-03-stale-en.md", cwd=folder, env=env)
    assert run.returncode != 0 and "files were modified by this hook" in run.stdout, run.stdout
    assert post.read_text(encoding="utf-8") == (
        "---\nlayout: post\ntitle: Stale\nlang: en\n---\n\nA plain sentence about milk.\n")
