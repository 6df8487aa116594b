"""Language codes: normalising what posts write, reading a language off a path, guessing by script."""
from __future__ import annotations

import re
from functools import lru_cache

_REGION = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2,4}))?")
_PATH_SUFFIX = re.compile(r"-([A-Za-z]{2,4}(?:[-_][A-Za-z]{2,4})?)\.[A-Za-z]+$")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    from .rulepacks import load_builtin

    pack = load_builtin("languages")
    codes = {code.lower(): code for code in pack.get("codes", [])}
    aliases = {alias.lower(): code for alias, code in (pack.get("aliases") or {}).items()}
    return codes, aliases


@lru_cache(maxsize=256)
def normalize(value: str) -> str | None:
    """The canonical code for a language tag (``FR`` → ``fr``, ``zh-TW`` → ``zh-Hant``), or None.

    A tag with a known primary language and any region (``pt-BR``) keeps its region.
    """
    codes, aliases = _table()
    key = value.strip().lower().replace("_", "-")
    if key in aliases:
        return aliases[key]
    if key in codes:
        return codes[key]
    match = _REGION.fullmatch(key)
    if match and match.group(2) and match.group(1) in codes:
        region = match.group(2)
        return f"{match.group(1)}-{region.upper() if len(region) == 2 else region.title()}"
    return None


def primary(code: str | None) -> str | None:
    """The primary subtag: ``zh-Hant`` → ``zh``; ``None`` stays ``None``."""
    return code.split("-")[0] if code else None


def from_path(path: str) -> tuple[str, str] | None:
    """The language a path names, as ``(code, "file name"|"folder")``, or None."""
    normalized = path.replace("\\", "/")
    match = _PATH_SUFFIX.search(normalized)
    if match:
        code = normalize(match.group(1))
        if code:
            return code, "file name"
    for part in reversed(normalized.split("/")[:-1]):
        code = normalize(part) if 2 <= len(part) <= 7 else None
        if code:
            return code, "folder"
    return None


@lru_cache(maxsize=1)
def _scripts():
    """Kana, hangul, Han: compiled on first use, since a class of thousands of characters costs
    ``re`` milliseconds to compile, and most runs never guess."""
    return re.compile(r"[\u3040-\u30ff]"), re.compile(r"[\uac00-\ud7af]"), re.compile(r"[\u4e00-\u9fff]")


def guess_from_script(text: str) -> str | None:
    """A language guessed from the writing system: kana → ja, hangul → ko, Han → zh.

    Latin-script text stays unknown: scripts shared by many languages say nothing.
    """
    sample = text[:20000]
    kana, hangul, han = _scripts()
    if kana.search(sample):
        return "ja"
    if hangul.search(sample):
        return "ko"
    if han.search(sample):
        return "zh"
    return None
