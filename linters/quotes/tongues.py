"""Which language a text is in, for the languages one script serves: counted by their most
frequent function words (``function-words`` in ``rules/quotes.yaml``). Quick and only sure of
itself on a sentence or more: a text it cannot tell is in no language."""
from __future__ import annotations

import re

from .words import beyond_latin_1, latin_1_kept

MIN_WORDS = 3     # distinct function words of the winning language
MARGIN = 2        # times as many as the next language's
SAMPLE = 300      # characters read of a long text: enough to tell
_WORD = re.compile(r"\w+")
# Latin-1 bytes: a word character of ``re`` (alphanumeric, or _) kept, any other one a space (the
# `?` that stands for a character beyond Latin-1 too)
_LATIN_1_SEPARATORS = bytes(code if chr(code).isalnum() or code == 0x5F else 0x20 for code in range(256))
# The same, of each byte's character casefolded (lower case: Latin-1 casefolds as it lowers, but ß
# to ss and µ to Greek μ, which ``_folded_latin_1_words`` sees to)
_FOLDED_LATIN_1_SEPARATORS = bytes(range(256)).decode("latin-1").lower().encode("latin-1").translate(_LATIN_1_SEPARATORS)


class FunctionWords:
    """The function words of each language; ``language_of(text)`` names the one a text is in."""

    def __init__(self, words_by_language: dict[str, list[str]]):
        self.words_of = {str(language): frozenset(str(word).casefold() for word in words)
                         for language, words in words_by_language.items()}
        self.every_word = frozenset().union(*self.words_of.values())
        # each word's languages, in the order of ``words_of``: a text's few words are looked up,
        # instead of a set intersection per language
        self._languages_of: dict[str, list[str]] = {}
        for language, function_words in self.words_of.items():
            for word in function_words:
                self._languages_of.setdefault(word, []).append(language)

    def language_of(self, text: str, margin: float = MARGIN) -> str | None:
        sample = text[:SAMPLE]
        words = _folded_latin_1_words(sample)
        return self.language_of_words(_words(sample.casefold()) if words is None else words, margin)

    def language_of_words(self, words: list[str], margin: float = MARGIN) -> str | None:
        """The language most of the distinct ``words`` (casefolded) are function words of, if
        it is clear: ``margin`` times as many as any other's (1: the most of any)."""
        counts: dict[str, int] = {}
        # The function words among the first 60 (enough to tell), found by a set operation: most
        # words are none, and a lookup each in Python costs more.
        for word in self.every_word.intersection(words[:60]):
            for language in self._languages_of[word]:
                counts[language] = counts.get(language, 0) + 1
        ranked = sorted(counts.values(), reverse=True)
        hits, runner_up = (ranked + [0, 0])[:2]
        if hits < MIN_WORDS or hits < margin * runner_up or hits == runner_up:
            return None
        return next(language for language in self.words_of if counts.get(language) == hits)  # the first listed


def _words(text: str) -> list[str]:
    """The matches of ``_WORD`` in ``text``. When every word character is in Latin-1 (most texts
    of the languages told by their function words), the text is split at the other characters,
    which costs a fraction of a pass of the pattern."""
    if _WORD.search(beyond_latin_1(text)) is None:
        return latin_1_kept(text, _LATIN_1_SEPARATORS).decode("latin-1").split()
    return _WORD.findall(text)


def _folded_latin_1_words(text: str) -> list[str] | None:
    """``_words(text.casefold())``, read without casefolding the text (which costs more than the
    rest), when its characters beyond Latin-1 are not of a word and have no other case (a dash,
    curly quotes) and it has no µ; else None. Its Latin-1 bytes are then casefolded as they are
    split, ß made ss after."""
    if "µ" in text:
        return None
    beyond = beyond_latin_1(text)
    if beyond and (beyond.casefold() != beyond or _WORD.search(beyond)):
        return None
    kept = latin_1_kept(text, _FOLDED_LATIN_1_SEPARATORS)
    return (kept.replace(b"\xdf", b"ss") if b"\xdf" in kept else kept).decode("latin-1").split()
