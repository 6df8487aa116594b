"""The GitHub Action (action.yml): its shell steps run here as a runner runs them, with the
inputs and ``github.action_path`` substituted, in a temporary folder and virtualenv."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, write

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
_EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def _substituted(text: str, inputs: dict, action_path: Path) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1)
        if name == "github.action_path":
            return str(action_path)
        assert name.startswith("inputs."), f"unexpected expression {name}"
        return inputs[name.removeprefix("inputs.")]

    return _EXPRESSION.sub(value, text)


def run_action(tmp_path: Path, workspace: Path, given: dict, extra_env: dict | None = None):
    """Run the action's steps as a runner would; return the last step's completed process (or the
    first that failed). ``actions/setup-python`` is played by this interpreter on the PATH."""
    inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, f"the action has no input {unknown}"
    inputs.update(given)
    action_path = tmp_path / "action"  # a copy: pip builds in the source folder, never in the checkout
    if not action_path.exists():
        shutil.copytree(REPO, action_path, ignore=shutil.ignore_patterns(
            ".git", "build", "*.egg-info", "__pycache__", ".copydesk_cache", ".pytest_cache", ".venv", ".hypothesis"))
    setup_python = tmp_path / "setup-python"
    setup_python.mkdir(exist_ok=True)
    for name in ("python", "python3"):
        if not (setup_python / name).exists():
            (setup_python / name).symlink_to(sys.executable)
    runner_temp, github_path = tmp_path / "runner-temp", tmp_path / "github-path"
    runner_temp.mkdir(exist_ok=True)
    github_path.write_text("")
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(RUNNER_TEMP=str(runner_temp), GITHUB_PATH=str(github_path), **(extra_env or {}))
    completed = None
    for step in ACTION["runs"]["steps"]:
        if "uses" in step:
            assert step["uses"].startswith("actions/setup-python@")
            env["PATH"] = f"{setup_python}{os.pathsep}{env['PATH']}"
            continue
        assert step["shell"] == "bash"
        step_env = {**env, **{key: _substituted(str(value), inputs, action_path)
                              for key, value in step.get("env", {}).items()}}
        added = [line for line in github_path.read_text().splitlines() if line]
        step_env["PATH"] = os.pathsep.join([*reversed(added), env["PATH"]])
        script = tmp_path / "step.sh"
        script.write_text(_substituted(step["run"], inputs, action_path))
        completed = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                                   cwd=workspace, env=step_env, capture_output=True, text=True, timeout=900)
        if completed.returncode != 0:
            return completed
    return completed


def test_the_action_is_composite_and_takes_its_inputs_through_the_environment():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "args", "version", "python-version"}
    for step in ACTION["runs"]["steps"]:
        # an input pasted into a script would be run as shell code (script injection)
        assert "${{" not in step.get("run", ""), step["name"]
    runs = " ".join(step.get("run", "") for step in ACTION["runs"]["steps"])
    assert "copydesk check --format github" in runs


@pytest.mark.slow
def test_the_action_installs_its_own_copydesk_and_annotates(tmp_path):
    workspace = tmp_path / "repository"
    write(workspace / "_posts" / "coffee.md", "---\ntitle: Coffee\n---\n\nIntro ().\n")
    write(workspace / "notes" / "tea.md", "---\ntitle: Tea\n---\n\nSee [](https://tea.org/leaves).\n")
    write(workspace / "drafts" / "draft.md", "Intro ().\n")
    run = run_action(tmp_path, workspace, {"paths": "_posts\nnotes", "args": "--select CIT --no-cache"})
    assert run.returncode == 1, run.stderr
    assert run.stdout.splitlines() == [
        "::warning file=_posts/coffee.md,line=5,col=7,title=CIT001::CIT001 empty citation '()': "
        "the link it held was stripped",
        "::warning file=notes/tea.md,line=5,col=5,title=CIT002::CIT002 link with no text to "
        "https://tea.org/leaves: the reader cannot see it",
    ]
    clean = run_action(tmp_path, workspace, {"paths": "notes", "args": "--select CIT001 --no-cache"})
    assert (clean.returncode, clean.stdout) == (0, "")


def test_the_action_installs_the_version_asked_for(tmp_path):
    """Offline, pip can only say which requirement it looked for: the version input's."""
    workspace = tmp_path / "repository"
    workspace.mkdir()
    empty = tmp_path / "no-packages"
    empty.mkdir()
    run = run_action(tmp_path, workspace, {"version": "9.9.9"},
                     {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(empty)})
    assert run.returncode != 0
    assert "copydesk==9.9.9" in run.stderr
