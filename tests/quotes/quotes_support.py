"""What the quotes tests share: findings of the QUO rules on a text, and a text fixed by copydesk."""
from __future__ import annotations

from conftest import copydesk, write
from linters import config, lint_text

NBSP = "\u00a0"


def findings(text: str, *, language: str | None = None, path: str = "post.md", smart=None) -> list:
    """The QUO findings on ``text``; ``smart``: the ``smart-quotes`` setting, if any."""
    raw: dict = {"select": ["QUO"], **({"language": language} if language else {})}
    if smart is not None:
        raw["linters"] = {"quotes": {"smart-quotes": smart}}
    return list(lint_text(text, path=path, config=config.from_mapping(raw)))


def codes(text: str, **options) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in findings(text, **options)]


def post(language: str, body: str) -> str:
    return f"---\nlang: {language}\n---\n\n{body}"


def fixed(tmp_path, text: str, name: str = "post.md") -> str:
    path = write(tmp_path / name, text)
    copydesk("check", name, "--select", "QUO", "--fix", "--no-cache", cwd=tmp_path)
    return path.read_text(encoding="utf-8")
