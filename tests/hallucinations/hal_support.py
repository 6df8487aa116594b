"""What the hallucinations tests share: a fixture post's front matter, and its HAL findings
through the API and through the CLI."""
from __future__ import annotations

from conftest import copydesk
from linters import lint_text

FRONT = "---\nlayout: post\ntitle: A Test Post\ntype: note\n---\n\n"


def findings(text: str, path: str = "_posts/en/2024-03-05-test-en.md", config=None) -> set[tuple[int, str]]:
    return {(d.line, d.code) for d in lint_text(text, path=path, config=config) if d.code.startswith("HAL")}


def codes(text: str, **kwargs) -> set[str]:
    return {code for _, code in findings(text, **kwargs)}


def hal_json(*paths, cwd=None) -> set[tuple[int, str]]:
    run = copydesk("check", "--no-cache", "--select", "HAL", "--format", "json", *paths, cwd=cwd)
    assert run.code in (0, 1), run
    return {(item["line"], item["code"]) for item in run.json()}
