"""Languages as sites name them: codes (``fr``, ``zh_cn``, ``pt-BR``) and names (``english``, ``français``)."""
from __future__ import annotations

from functools import lru_cache

from .. import languages
from ..packs.loading import load_builtin


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    table = load_builtin("site").get("language-names") or {}
    return {_spelling(str(name)): str(code) for name, code in table.items()}


def _spelling(text: str) -> str:
    return text.strip().lower().replace("_", "-").replace(" ", "-")


@lru_cache(maxsize=512)
def code_of(text: str) -> str | None:
    """The canonical code of a language code or name, or None when ``text`` names no language."""
    if not text or len(text) > 24:
        return None
    return languages.normalize(text) or _names().get(_spelling(text))


@lru_cache(maxsize=1)
def _word_like() -> frozenset[str]:
    return frozenset(str(code).lower() for code in (load_builtin("languages").get("word-like-codes") or {}))


def is_word_like(text: str) -> bool:
    """Whether a code is also an English word or abbreviation (``it``, ``ml``, ``os``): as a folder
    name it names a language only when something else says so."""
    return text.lower() in _word_like()


def same_language(first: str | None, second: str | None) -> bool:
    """Whether two spellings name one language (``zh-cn`` and ``zh-Hans``; ``en-US`` and ``en``)."""
    a, b = code_of(first or ""), code_of(second or "")
    if a is None or b is None:
        return False
    return a == b or ("-" not in a or "-" not in b) and languages.primary(a) == languages.primary(b) \
        and not {a, b} & {"zh-Hant"}
