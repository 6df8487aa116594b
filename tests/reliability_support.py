"""Helpers shared by the reliability and property tests: the test plugins and invented posts."""
from __future__ import annotations

import importlib
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import linters
from linters import engine

TESTS = Path(__file__).resolve().parent
PLUGIN_PATHS = [str(TESTS / "plugin_demo"), str(TESTS / "plugin_patterns")]
# Where ``linters`` comes from (a checkout or site-packages), for the CLI run in another folder.
LINTERS_HOME = str(Path(linters.__file__).resolve().parent.parent)


def plugin_env() -> dict:
    """Environment for a CLI run with the two test plugins installed (entry points on the path)."""
    existing = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return {"PYTHONPATH": os.pathsep.join([LINTERS_HOME, *PLUGIN_PATHS, *existing])}


@contextmanager
def plugins_installed():
    """In-process: make the test plugins' entry points visible, then hide them again."""
    added = [path for path in PLUGIN_PATHS if path not in sys.path]
    sys.path[:0] = added
    importlib.invalidate_caches()
    engine.engine_for.cache_clear()
    try:
        yield
    finally:
        for path in added:
            sys.path.remove(path)
        importlib.invalidate_caches()
        engine.engine_for.cache_clear()


# Invented posts (never seed or corpus text) with the structures fixes must respect.
FIXTURE_POSTS = {
    "2025-03-01-notes.md": (
        "---\n"
        "title: \"Notes TODO on x-rays\"\n"
        "lang: en\n"
        "tags: [x, TODO]\n"
        "---\n"
        "\n"
        "# A heading with TODO\n"
        "\n"
        "Some prose with TODO and an `inline TODO x` span, a [link TODO](https://x.example.org/TODO)\n"
        "and a bare URL https://example.net/x/TODO here.\n"
        "\n"
        "```python\n"
        "x = 'TODO'  # code must not change\n"
        "```\n"
        "\n"
        "<!-- TODO in a comment -->\n"
        "\n"
        "> A quote, TODO: « x » and “x”.\n"
        "\n"
        "    indented code TODO x\n"
        "\n"
        "- item TODO\n"
        "- item with ``double `TODO` ticks``\n"
        "\n"
        "Last line TODO.\n"
    ),
    "2025-03-02-bonjour-fr.md": (
        "---\n"
        "title: Bonjour\n"
        "lang: fr\n"
        "---\n"
        "Il a dit « TODO » puis (https://exemple.fr/x) et [](https://exemple.fr/y).\n"
        "\n"
        "~~~\n"
        "TODO x\n"
        "~~~\n"
        "Fin x TODO.\n"
    ),
    "2025-03-03-kyoto-ja.md": (
        "---\n"
        "title: 京都\n"
        "---\n"
        "京都へ行きました。「TODO」と言った。x\n"
        "\n"
        "| a | b TODO |\n"
        "|---|---|\n"
        "| `TODO` | x |\n"
    ),
}
