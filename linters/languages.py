"""Languages, in one place: normalising codes, and every way a linter learns a post's language.

- ``of_document(document)``: the post's language and where it was read from (front matter
  ``lang``, file name, folder, configuration); ``Document.language_and_source`` is this.
- ``of_post(document)``: the same, or else a guess from the script (kana, hangul, Han).
- ``for_phrase_lists(document, available, scripted, shows)``: which languages' phrase lists
  to search in a post.
- ``of_url_part(part)``: the language a part of a URL names (``/fr/``, ``ja.wikipedia``).
- ``code_of(text)``: a language named as sites name folders and files, by a code (``zh_cn``)
  or a name (``english``, ``français``); ``same(a, b)``: two spellings of one language.
- ``guess_from_words(text)``: a Latin-script language told by its commonest words.
- ``normalize``, ``primary``, ``from_path``, ``guess_from_script``, ``is_word_like``: the pieces.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache

from .patterns.deferred import deferred

_REGION = deferred(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2,4}))?")
# The last two parts of a file name (`…-pt-BR.md`, `…-zh_Hant.md`), then the last one (`…-fr.md`).
_PATH_SUFFIXES = (re.compile(r"-([A-Za-z]{2,4}[-_][A-Za-z]{2,4})\.[A-Za-z]+$"), re.compile(r"-([A-Za-z]{2,4})\.[A-Za-z]+$"))


@lru_cache(maxsize=1)
def _pack() -> dict:
    """``rules/languages.yaml``, read once (``load_builtin`` reads its file on every call)."""
    from .packs.loading import load_builtin

    return load_builtin("languages")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    pack = _pack()
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


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return {_spelling(str(name)): str(code) for name, code in (_pack().get("names") or {}).items()}


def _spelling(text: str) -> str:
    return text.strip().lower().replace("_", "-").replace(" ", "-")


@lru_cache(maxsize=512)
def code_of(text: str) -> str | None:
    """The canonical code of a language written as a code (``zh_cn``, ``pt-BR``) or a name
    (``english``, ``français``: ``names`` in ``rules/languages.yaml``), or None."""
    if not text or len(text) > 24:
        return None
    return normalize(text) or _names().get(_spelling(text))


def same(first: str | None, second: str | None) -> bool:
    """Whether two spellings name one language: ``zh-cn`` and ``zh-Hans``; ``en-US`` and ``en``
    (a tag without a region is any region's), but not ``zh`` and ``zh-TW`` (another script)."""
    a, b = code_of(first or ""), code_of(second or "")
    if a is None or b is None:
        return False
    if a == b:
        return True
    return ("-" not in a or "-" not in b) and primary(a) == primary(b) and "zh-Hant" not in (a, b)


def is_word_like(code: str) -> bool:
    """Whether a code is also an English word or abbreviation (``it``, ``ml``, ``os``): read off a
    name, it names a language only when something else confirms it."""
    return code.lower() in _word_like_codes()


def of_document(document) -> tuple[str | None, str]:
    """The post's language and where it was read from.

    In order: front matter ``lang``, the file name (``…-fr.md``; a code that is also an
    English word, ``…-it.md``, only when the prose shows that language), a folder named after
    a language (``_posts/fr/``), the configured default; else ``(None, "unknown")``.
    """
    value = document.metadata.get("lang")
    if isinstance(value, str) and normalize(value):
        return normalize(value), "front matter"
    if document.language_from_path:
        return document.language_from_path
    if document.default_language:
        return normalize(document.default_language) or document.default_language, getattr(document, "default_source", "configuration")
    return None, "unknown"


def of_post(document) -> tuple[str | None, str]:
    """``of_document``, or else a language guessed from the script (source ``"script"``)."""
    language, source = document.language_and_source
    if language is None:
        guessed = guess_from_script(document.prose)
        if guessed:
            return guessed, "script"
    return language, source


def for_phrase_lists(document, available: Collection[str], scripted: Collection[str],
                     shows: Callable[[str | None], bool]) -> frozenset[str]:
    """The languages of ``available`` phrase lists to search in a post: the post's, by front
    matter and by path (they may disagree), and English, the usual source of a translation.
    When the post's language is unknown or has no lists: all, but those ``scripted`` (written in
    a script of their own) whose script the post does not show (``shows(language)``;
    ``shows(None)``: any of them)."""
    from_path = document.language_from_path
    primaries = {primary(document.language), primary(from_path and from_path[0])} - {None}
    chosen = {language for language in available if primary(language) in primaries}
    if chosen:
        return frozenset(chosen | {"en"})
    if document.prose.isascii() or not shows(None):
        return frozenset(set(available) - set(scripted))
    return frozenset(set(available) - {language for language in scripted if not shows(language)})


def of_url_part(part: str) -> str | None:
    """The primary language a URL part names (``/fr/``, ``en-US``, ``ja.wikipedia``), or None."""
    return primary(normalize(part)) if 2 <= len(part) <= 7 else None


def from_path(path: str, prose: Callable[[], str]) -> tuple[str, str] | None:
    """The language a path names, as ``(code, "file name"|"folder")``, or None.

    A file name ending in a code that is also an English word (``…-worth-it.md``) names a
    language only if the post's prose (asked of ``prose`` then only) shows it: see
    ``word-like-codes`` in ``rules/languages.yaml``.
    """
    normalized = path.replace("\\", "/")
    for suffix in _PATH_SUFFIXES:
        match = suffix.search(normalized)
        code = match and normalize(match.group(1))
        if code and _shown_by(code, prose):
            return code, "file name"
    for part in reversed(normalized.split("/")[:-1]):
        code = normalize(part) if 2 <= len(part) <= 7 else None
        if code:
            return code, "folder"
    return None


def _shown_by(code: str, prose: Callable[[], str]) -> bool:
    """Whether the prose confirms a code read off a file name (always, for an unambiguous one)."""
    language = primary(code)
    if language not in _word_like_codes():
        return True
    evidence = _evidence_test(language)
    return evidence(prose()) if evidence else False


@lru_cache(maxsize=1)
def _word_like_codes() -> dict[str, dict]:
    return {str(code).lower(): entry or {} for code, entry in (_pack().get("word-like-codes") or {}).items()}


@lru_cache(maxsize=None)
def _evidence_test(code: str):
    """The test of the prose that confirms a word-like code, compiled when first needed; None:
    the code is never read off a file name."""
    import regex  # only the rare post whose file name ends in a word-like code pays for it

    entry, needed = _word_like_codes()[code], _pack().get("confirming-words", 3)
    if entry.get("script"):
        letter = regex.compile(rf"\p{{Script={entry['script']}}}")
        return lambda prose: letter.search(prose) is not None
    if entry.get("words"):
        words = regex.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(map(regex.escape, entry["words"])), regex.IGNORECASE)
        return lambda prose: _has_distinct(words, prose, needed)
    return None


def _has_distinct(words, prose: str, needed: int) -> bool:
    seen = set()
    for found in words.finditer(prose):
        seen.add(found.group().casefold())
        if len(seen) >= needed:
            return True
    return False


@lru_cache(maxsize=1)
def _scripts():
    """Kana, hangul, Han: compiled on first use, since a class of thousands of characters costs
    ``re`` milliseconds to compile, and most runs never guess."""
    return re.compile(r"[\u3040-\u30ff]"), re.compile(r"[\uac00-\ud7af]"), re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _common_words() -> dict[str, frozenset[str]]:
    return {str(code): frozenset(map(str, words)) for code, words in (_pack().get("common-words") or {}).items()}


def guess_from_words(text: str) -> str | None:
    """A Latin-script language told by its commonest words (``common-words``): the one with at
    least ten of them in the text's first 20,000 characters, and twice as many as the next."""
    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    counts = {code: sum(1 for word in words if word in common) for code, common in _common_words().items()}
    ranked = sorted(counts.values(), reverse=True)
    if not ranked:
        return None
    best = max(counts, key=lambda code: counts[code])
    return best if ranked[0] >= 10 and ranked[0] >= 2 * (ranked[1] if len(ranked) > 1 else 0) else None


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
