"""Shared test helpers.

Tests run against the installed ``linters`` package (CI installs the wheel, non-editable). For
development from a checkout, run ``PYTHONPATH=. python -m pytest``.

``../shared/seeds`` and ``../shared/corpus`` sit beside the clone in CI; tests that need them
use the ``seeds``/``corpus`` fixtures, which skip cleanly where they are absent.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import configuration as hypothesis_configuration

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus" / "lzwjava-blog-source"
SITES = SHARED / "corpus" / "sites"
EXAMPLES = REPO / "examples"
# Hypothesis keeps its examples (and patches of failing ones) in a temporary folder, not in the checkout.
hypothesis_configuration.set_hypothesis_home_dir(tempfile.mkdtemp(prefix="copydesk-hypothesis-"))


def _checkout_status() -> str | None:
    """``git status --porcelain`` of the checkout (None where it is not a git checkout)."""
    try:
        done = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


_STATUS_BEFORE = _checkout_status()


def pytest_sessionfinish(session, exitstatus):
    """The suite leaves the checkout as it found it: nothing written, nothing changed."""
    after = _checkout_status()
    if _STATUS_BEFORE is not None and after is not None and after != _STATUS_BEFORE:
        written = sorted(set(after.splitlines()) - set(_STATUS_BEFORE.splitlines()))
        session.config.get_terminal_writer().line(f"the test suite changed the checkout: {written}", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def checkout_stays_clean():
    """No test writes a cache (or anything) into the checkout or the folder pytest starts from:
    runs that are not about the cache pass --no-cache, the others run in a temporary folder.
    A cache there before the test (a user's own run, the quick start's) is not the test's doing."""
    caches = {folder / ".copydesk_cache" for folder in {REPO, Path.cwd()}}
    there_before = {cache for cache in caches if cache.exists()}
    yield
    for written in caches - there_before:
        if written.exists():
            shutil.rmtree(written)  # so that only the test that wrote it fails
            pytest.fail(f"the test wrote {written}")


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEEDS


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return CORPUS


@pytest.fixture
def sites() -> Path:
    """The corpus of real multilingual sites (its ``manifest.json`` is the ground truth)."""
    if not (SITES / "manifest.json").is_file():
        pytest.skip("../shared/corpus/sites is not beside this checkout")
    return SITES


def seed_path(prefix: str) -> Path:
    """A seed file by its number prefix ("000"); skips when the seeds are absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return next(SEEDS.glob(f"{prefix}_*"))


class Run:
    def __init__(self, completed: subprocess.CompletedProcess):
        self.code = completed.returncode
        self.out = completed.stdout
        self.err = completed.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"<Run code={self.code}\nout={self.out[-2000:]}\nerr={self.err[-2000:]}>"


def copydesk(*args, cwd=None, env=None, input=None, timeout=120) -> Run:
    """Run the command line as a user would: ``python -m linters ARGS`` in a fresh process."""
    environment = dict(os.environ)
    environment.pop("NO_COLOR", None)
    environment.update(env or {})
    args = list(args)
    if environment.get("PYTHONPATH"):  # a checkout run with PYTHONPATH=. must work from any cwd
        environment["PYTHONPATH"] = os.pathsep.join(
            os.path.abspath(entry) for entry in environment["PYTHONPATH"].split(os.pathsep) if entry)
    completed = subprocess.run(
        [sys.executable, "-m", "linters", *map(str, args)], cwd=cwd, env=environment, input=input,
        capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    return Run(completed)


@pytest.fixture
def cli():
    return copydesk


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


PLUGIN_DEMO = Path(__file__).resolve().parent / "plugin_demo"
PLUGIN_SLOW = Path(__file__).resolve().parent / "plugin_slow"  # a linter that takes 4 s on posts saying SLOW


def with_pythonpath(*folders: Path) -> dict:
    """Environment for a subprocess that also imports from ``folders`` (test plugins)."""
    existing = [os.path.abspath(entry) for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry]
    return {"PYTHONPATH": os.pathsep.join([*map(str, folders), *existing])}


@pytest.fixture
def demo_env() -> dict:
    """Environment in which the demo plugin (``demo`` linter, rule DEMO001) is installed."""
    return with_pythonpath(PLUGIN_DEMO)
