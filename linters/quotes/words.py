"""The words of a quotation, as drift compares them: words of letters and digits joined by
apostrophes, and each Chinese or Japanese character on its own (``WORD``): 10億行 is 10, 億, 行.

``WORD`` tries its CJK alternative at each position, and makes a match of each character: text
with no character from U+2E80 on (where CJK starts) is read with the other alternative alone;
Latin-1 text (or text whose other characters all separate words, as dashes and curly quotes do),
faster still, is split at the bytes that are neither a word character nor an apostrophe; and in text with CJK characters, the words of other letters are found by the other
alternative and the CJK characters between them taken out whole (the tests check that all
four readings agree).
"""
from __future__ import annotations

import regex

from ..patterns.deferred import deferred

# Deferred, as the next two: WORD serves only a quotation that drift reports, they only text with
# CJK characters; `regex` compiles these classes slowly
WORD = deferred(r"[\p{Han}\p{Hiragana}\p{Katakana}]"
                r"|[^\W\p{Han}\p{Hiragana}\p{Katakana}]+(?:['’][^\W\p{Han}\p{Hiragana}\p{Katakana}]+)*",
                compile=regex.compile)
MAX_TOKENS = 150  # longer quotations are not compared (rare, and costly)
_NOT_CJK = deferred(r"[^\p{Han}\p{Hiragana}\p{Katakana}]+", compile=regex.compile)
# WORD's other alternative: a word of other letters (ai, 100, don't)
_OTHER_WORD = deferred(r"[^\W\p{Han}\p{Hiragana}\p{Katakana}]+(?:['’][^\W\p{Han}\p{Hiragana}\p{Katakana}]+)*",
                       compile=regex.compile)
_BEYOND_LATIN_1 = regex.compile(r"[^\x00-\xff]")
_BEYOND_LATIN_1_RUN = regex.compile(r"[^\x00-\xff]+")
_JOINING = regex.compile(r"[\w’]")  # a character of a word: a letter, or an apostrophe between two
_WIDE = regex.compile(r"[^\x00-\u2e7f]")
_NARROW_WORD = regex.compile(r"\w+(?:['’]\w+)*")
_LATIN_1_SEPARATORS = bytes(code if code == 0x27 or _NARROW_WORD.fullmatch(chr(code)) else 0x20 for code in range(256))


def words(text: str) -> tuple[list[str], bool]:
    """The matches of ``WORD`` in ``text`` (none if more than MAX_TOKENS for sure), and
    whether most of them are CJK characters (one character is a word there)."""
    beyond = _BEYOND_LATIN_1.search(text)
    if beyond is None:
        found = _latin_1_words(text)
        return (_NARROW_WORD.findall(text) if found is None else found), False
    if _WIDE.search(text, beyond.start()) is None:
        found = _latin_1_words(text) if _only_separators_beyond_latin_1(text) else None
        return (_NARROW_WORD.findall(text) if found is None else found), False
    if len(text) > MAX_TOKENS and fewest_words(text) > MAX_TOKENS:
        return [], True  # too long to compare, which costs less to count than to read
    return _cjk_words(text)


def _cjk_words(text: str) -> tuple[list[str], bool]:
    """The matches of ``WORD`` in a text with CJK characters, and whether most are CJK: the
    words of other letters found by a pattern, and between them each CJK character, taken out
    whole (a pattern's match for each character costs several times more)."""
    found: list[str] = []
    start = cjk = 0
    for other in _OTHER_WORD.finditer(text):
        characters = _NOT_CJK.sub("", text[start:other.start()])
        found.extend(characters)
        found.append(other.group())
        cjk += len(characters)
        start = other.end()
    characters = _NOT_CJK.sub("", text[start:])
    found.extend(characters)
    cjk += len(characters)
    return found, cjk * 2 > len(found)


def fewest_words(text: str) -> int:
    """At most the number of WORD's matches in ``text``: each CJK character is one (a word of
    other letters stops at one: 3月 is two)."""
    return len(_NOT_CJK.sub("", text))


def _only_separators_beyond_latin_1(text: str) -> bool:
    """Whether each character of ``text`` beyond Latin-1 separates words as a space does (a dash,
    a curly quote): none is a letter, or ’, which joins two words."""
    return _JOINING.search(beyond_latin_1(text)) is None


def _latin_1_words(text: str) -> list[str] | None:
    """The words of a text whose letters are Latin-1, split at what is neither a word character
    nor an apostrophe (a character beyond Latin-1 is one, encoded as ?): those are WORD's matches
    when each apostrophe joins two words (else None)."""
    kept = latin_1_kept(text, _LATIN_1_SEPARATORS)
    if b"'" in kept and (b" '" in kept or b"' " in kept or b"''" in kept
                         or kept.startswith(b"'") or kept.endswith(b"'")):
        return None
    return kept.decode("latin-1").split()


def beyond_latin_1(text: str) -> str:
    """The characters of ``text`` beyond Latin-1, joined: whether they hold a letter tells if the
    text can be split at its Latin-1 bytes."""
    return "".join(_BEYOND_LATIN_1_RUN.findall(text))


def latin_1_kept(text: str, separators: bytes) -> bytes:
    """``text`` in Latin-1 (a character beyond it as ?), each byte mapped by the table
    ``separators``: a word character kept, any other one a space."""
    return text.encode("latin-1", "replace").translate(separators)
