"""The network only when the user asks: a run without --online makes no request and imports
nothing of the online package's client; the editor's server and the pre-commit hook never go
online; without the extra, --online is a usage error that says what to install."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO, copydesk, write
from online_sites import require_client

POSTS = {
    "links.md": "---\ntitle: Links\n---\n\nSee [a paper](https://arxiv.org/abs/1706.03762), "
                "https://www.acme-news.org/2019/03/old-story and doi:10.1038/nature14539.\n",
    "video.md": "---\ntitle: Video\n---\n\nWatch https://www.youtube.com/watch?v=dQw4w9WgXcQ.\n",
}
# Runs the command line in this process with every way to the network refused and recorded,
# then prints what was attempted and which network modules were imported.
GUARDED_RUN = """
import json, socket, sys
attempts = []
def refuse(name):
    def refused(*args, **kwargs):
        attempts.append(name)
        raise OSError("the network is refused by the test")
    return refused
for name in ("connect", "connect_ex", "sendto"):
    setattr(socket.socket, name, refuse(name))
socket.getaddrinfo = refuse("getaddrinfo")
socket.create_connection = refuse("create_connection")
from linters.cli import main
status = main(sys.argv[1:])
sys.stdout.flush()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("httpx", "httpcore", "aiohttp", "h11", "anyio")
                or m.startswith("linters.online"))
print("\\n" + json.dumps({"status": status, "attempts": attempts, "loaded": loaded}))
"""


def guarded(*args, cwd: Path) -> dict:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join([str(REPO), environment.get("PYTHONPATH", "")])
    completed = subprocess.run([sys.executable, "-c", GUARDED_RUN, "check", "--no-cache", *args], cwd=cwd,
                               env=environment, capture_output=True, text=True, timeout=120)
    assert completed.stdout.strip(), completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_a_run_without_online_makes_no_request_and_loads_no_client(tmp_path):
    for name, text in POSTS.items():
        write(tmp_path / name, text)
    run = guarded(".", cwd=tmp_path)
    assert run == {"status": 0, "attempts": [], "loaded": []}


def test_online_settings_alone_do_not_go_online(tmp_path):
    for name, text in POSTS.items():
        write(tmp_path / name, text)
    write(tmp_path / ".copydesk.yaml", "online:\n  remap: [['^https://', 'http://127.0.0.1:9/']]\n")
    run = guarded(".", cwd=tmp_path)
    assert run == {"status": 0, "attempts": [], "loaded": ["linters.online", "linters.online.settings"]}
    write(tmp_path / ".copydesk.yaml", "online: true\n")
    run = guarded("--no-online", ".", cwd=tmp_path)  # what the pre-commit hook runs
    assert run == {"status": 0, "attempts": [], "loaded": ["linters.online", "linters.online.settings"]}


def test_the_guard_sees_an_online_run(tmp_path):
    """The guard above can fail: an online run is seen trying, and stays without findings
    (a refused network is unknown, never a finding)."""
    require_client()
    write(tmp_path / "links.md", POSTS["links.md"])
    write(tmp_path / ".copydesk.yaml", "online: {retries: 0}\n")
    run = guarded("--online", ".", cwd=tmp_path)
    assert run["status"] == 0 and run["attempts"] and "httpx" in run["loaded"]


def test_the_pre_commit_hooks_never_go_online_unless_asked():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks and all(hook["entry"].startswith("copydesk check --no-online") for hook in hooks)


def test_the_editor_server_forces_online_off(tmp_path, monkeypatch):
    from linters.server.linting import Request, _project

    write(tmp_path / ".copydesk.yaml", "online: true\n")
    monkeypatch.chdir(tmp_path)  # the server's worker moves to the project's folder
    project = _project(Request("", str(tmp_path / "post.md"), str(tmp_path), "utf-16"))
    assert project.engine.config.online is False
    assert "HAL501" not in project.engine.enabled


def test_without_the_extra_online_exits_2_saying_what_to_install(tmp_path):
    blocker = write(tmp_path / "blocked" / "httpx.py", "raise ImportError(\"No module named 'httpx'\")\n")
    write(tmp_path / "post.md", POSTS["links.md"])
    env = {"PYTHONPATH": os.pathsep.join([str(blocker.parent), str(REPO), os.environ.get("PYTHONPATH", "")])}
    run = copydesk("check", "--online", "post.md", cwd=tmp_path, env=env)
    assert run.code == 2 and run.out == ""
    assert run.err == "copydesk: error: --online needs the online extra: pip install 'copydesk[online]'\n"
    assert copydesk("check", "post.md", cwd=tmp_path, env=env).code == 0  # offline needs nothing more


def test_online_cannot_read_standard_input(tmp_path):
    run = copydesk("check", "--online", "-", cwd=tmp_path, input=POSTS["links.md"])
    assert run.code == 2 and "--online checks files, not standard input" in run.err
