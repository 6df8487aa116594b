"""Per-language phrase lists: a pack section's patterns, each compiled on first use and searched
alone, only for the languages wanted, and only in a text that holds one of its literals."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping

from ..packs.loading import RulePackError
from ..packs.remembered import Remembered
from . import literals, syntax
from .literals import INDEXED_LENGTH, LiteralIndex, contains_any, haystack, literal_index, required_literals
from .search import compile_pattern, is_trusted, trust_composed

# How a linter searches: its own ``finditer`` with the rule bound (timed, and naming the rule).
Search = Callable[..., Iterator]
# A built-in pattern's literals, derived once per install (see ``packs.remembered``)
_LITERALS = Remembered("literals", (literals.__file__, syntax.__file__))
# Literals from which a short text is read once for all of a list's literals (one call of the
# automaton) rather than tested for each: a call costs about two tests.
_LITERALS_PER_PASS = 3
SLOT = re.compile(r"\{([A-Za-z][A-Za-z0-9-]*)\}")  # `{name}`: never a quantifier, which holds digits
# Where words of a script written without spaces meet Latin letters or digits (`作为AI模型`);
# compiled (and cached by `re`) when a phrase of such a language is first composed
_SCRIPT_MEETS_LATIN = (r"(?<=[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f])(?=[A-Za-z0-9])"
                       r"|(?<=[A-Za-z0-9])(?=[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f])")


class Phrase:
    """One pattern, compiled on first use: `regex` compiles slowly, and a post that lacks the
    pattern's literal never needs it (so a one-post run compiles a handful, not hundreds).
    ``literals``: texts one of which every match contains (see ``literals``), if known."""

    __slots__ = ("source", "place", "flags", "literals", "_compiled")

    def __init__(self, source: str, place: str, flags: int = 0, literals: tuple[bytes, ...] = ()):
        self.source, self.place, self.flags, self.literals = source, place, flags, literals
        self._compiled = None

    @property
    def compiled(self):
        if self._compiled is None:
            self._compiled = compile_pattern(self.source, self.place, self.flags)
        return self._compiled


def lazy_pattern(source: str, place: str, flags: int = 0, trusted: bool = False) -> Phrase:
    """A pattern compiled when first used, if it is a built-in one (or ``trusted``); a pattern
    from a user's pack is compiled at once, so that a mistake in it is reported at once."""
    pattern = Phrase(source, place, flags)
    if not trusted and not (isinstance(source, str) and is_trusted(source)):
        pattern.compiled
    return pattern


class PhraseList:
    """A section's patterns, each compiled on its own, grouped by language (None: no language).

    ``value`` is a list of patterns, or a mapping of languages to lists (as a section declared
    ``per_language`` holds, already validated); ``place`` names the section in errors.
    `regex` finds a pattern that starts with a literal by skipping ahead to it, but must try a
    large alternation at every position, several times slower; so each pattern runs alone, and
    only those of the post's languages. Each keeps literals one of which every match contains,
    if it has some: a post without them (C-speed substring tests) is not searched with it.
    ``joined``: one alternation of all, for many short texts (URLs), where one call beats a
    pass per pattern.
    """

    def __init__(self, value, place: str, flags: int = 0, joined: bool = False):
        groups = value.items() if isinstance(value, dict) else [(None, value or [])]
        self.flags, self.joined = flags, joined
        # language -> (place, sources); compiled on first use, so that a one-post run (the
        # pre-commit case) pays only for its own languages: `regex` compiles slowly.
        self.sources: dict[str | None, tuple[str, list[str]]] = {
            language: (f"{place}, entry {language!r}" if language else place, list(sources))
            for language, sources in groups}
        if joined:
            every = [source for _, sources in self.sources.values() for source in sources]
            self.sources = {None: (place, ["|".join(f"(?:{source})" for source in every)])} if every else {}
        self.by_language: dict[str | None, list[Phrase] | None] = dict.fromkeys(self.sources)
        self._selections: dict[frozenset[str] | None, list[Phrase]] = {}
        # (wanted, an index holding the selection's literals) -> (patterns without literals,
        # each literal's patterns), by position in the selection; None if the index lacks some
        self._by_literal: dict[tuple[frozenset[str] | None, LiteralIndex], tuple[list[int], dict[bytes, list[int]]] | None] = {}
        self._own_indexes: dict[frozenset[str] | None, LiteralIndex | None] = {}

    def entries(self, language: str | None) -> list[Phrase]:
        """The patterns of one language (None: those of no language), compiled if a user's."""
        entries = self.by_language[language]
        if entries is None:
            place, sources = self.sources[language]
            entries = self.by_language[language] = [
                Phrase(source, place, self.flags, () if self.joined else _literals_of(source)) for source in sources]
            for entry in entries:
                if not is_trusted(entry.source):
                    entry.compiled  # a user's pattern is checked as soon as its section is used
        return entries

    def select(self, wanted: frozenset[str] | None) -> list[Phrase]:
        """The patterns of the ``wanted`` languages and of no language (all when None)."""
        selection = self._selections.get(wanted)
        if selection is None:
            selection = self._selections[wanted] = [
                pattern for language in self.by_language
                if wanted is None or language is None or language in wanted for pattern in self.entries(language)]
        return selection

    def by_literal(self, wanted: frozenset[str] | None, index: LiteralIndex) -> tuple[list[int], dict[bytes, list[int]]] | None:
        """The selection's patterns without literals and each literal's patterns (positions in
        ``select(wanted)``), if ``index`` holds all their literals; else None."""
        key = (wanted, index)
        if key not in self._by_literal:
            plain: list[int] = []
            patterns_of: dict[bytes, list[int]] = {}
            for position, entry in enumerate(self.select(wanted)):
                if not entry.literals:
                    plain.append(position)
                for literal in entry.literals:
                    patterns_of.setdefault(literal, []).append(position)
            covered = all(literal in index.literals for literal in patterns_of)
            self._by_literal[key] = (plain, patterns_of) if covered else None
        return self._by_literal[key]


    def own_index(self, wanted: frozenset[str] | None) -> LiteralIndex | None:
        """An index of the selection's own literals, to read a short text (a sentence, a line)
        once for all of them; None when they are too few to be worth a call of the automaton."""
        if wanted not in self._own_indexes:
            own = {literal for entry in self.select(wanted) for literal in entry.literals}
            self._own_indexes[wanted] = literal_index(own) if len(own) >= _LITERALS_PER_PASS else None
        return self._own_indexes[wanted]


def _literals_of(source: str) -> tuple[bytes, ...]:
    """A pattern's literals: a built-in one's as remembered from an earlier run."""
    return _LITERALS.get(source, required_literals) if is_trusted(source) else required_literals(source)


def literals_of(lists: Iterable[PhraseList], wanted: frozenset[str]) -> set[bytes]:
    """Every literal of the ``wanted`` languages' patterns of ``lists``: what a ``LiteralGate``
    indexes for a post."""
    return {literal for phrases in lists for entry in phrases.select(wanted) for literal in entry.literals}


def scan(phrases: PhraseList, text: str, search: Search, index: LiteralIndex | None, wanted=None,
         end: int | None = None) -> list:
    """The matches of every selected pattern, in order of position; ``search(pattern, text)``
    is the linter's timed search. ``index``: the literals of a post's phrase lists, found in
    one pass of each of its long texts (None: each literal is tested alone). ``end``: only the
    matches in ``text[:end]``, as if the text ended there; the patterns to search are those
    whose literals the whole text holds, as the index has found them."""
    searched = text if end is None else text[:end]
    found: list = []
    for entry in _candidates(phrases, text if _indexed(text, index) else searched, index, wanted):
        found.extend(search(entry.compiled, searched))
    return sorted(found, key=lambda match: (match.start(), -match.end()))


def _indexed(text: str, index: LiteralIndex | None) -> bool:
    """Whether ``index`` finds ``text``'s literals: a long text, read once for all of them."""
    return index is not None and len(text) >= INDEXED_LENGTH


def _candidates(phrases: PhraseList, text: str, index: LiteralIndex | None, wanted) -> Iterator[Phrase]:
    """The selected patterns whose literals ``text`` holds, in order. A long text's literals are
    found in one pass of ``index`` (the post's), a short text's in one pass of the list's own
    (see ``LiteralIndex``): then only their patterns are visited, not the whole list."""
    selection = phrases.select(wanted)
    if not selection:
        return
    if len(text) < INDEXED_LENGTH:
        index = phrases.own_index(wanted)
    inverted = phrases.by_literal(wanted, index) if index is not None else None
    if index is not None and inverted is not None:
        plain, patterns_of = inverted
        chosen = set(plain)
        for literal in index.found(haystack(text)):
            chosen.update(patterns_of.get(literal, ()))
        yield from (selection[position] for position in sorted(chosen))
        return
    hay = haystack(text)
    for entry in selection:
        if not entry.literals or contains_any(hay, entry.literals):
            yield entry


def first_match(phrases: PhraseList, text: str, search: Search, wanted=None):
    """The first match of the first selected pattern that matches, or None. Asked of short
    texts (a sentence, a line, a URL), whose literals the list's own index finds."""
    for entry in _candidates(phrases, text, None, wanted):
        match = next(search(entry.compiled, text), None)
        if match:
            return match
    return None


def compose(phrase: str, words: Mapping[str, list[str]], place: str, unspaced: bool = False) -> str:
    """A pattern from a phrase whose ``{name}`` slots stand for one of ``words[name]`` (the
    alternatives of a conjugation, a pronoun, a politeness level): ``let me know if {you-want}``.
    ``unspaced``: the language writes words without spaces (Chinese, Japanese, Thai), so a space
    in the phrase and the meeting of its script with Latin letters or digits may hold white
    space or none (`作为 AI 模型`, `作为AI模型`). The pattern is trusted as a built-in one when the
    phrase and every word it uses are; it keeps the literals of its words for the prefilter
    (a group's alternatives each give theirs: see ``literals.required_literals``)."""
    if "{" not in phrase and not unspaced:
        return phrase  # no slot: the phrase is the pattern, trusted as it is
    trusted = is_trusted(phrase)

    def fill(slot: re.Match) -> str:
        nonlocal trusted
        name = slot.group(1)
        if name not in words:
            raise RulePackError(f"{place}: {phrase!r} names no word list {{{name}}} (known: {', '.join(words)})")
        choices = words[name]
        trusted = trusted and all(map(is_trusted, choices))
        return choices[0] if len(choices) == 1 else "(?:" + "|".join(choices) + ")"

    source = SLOT.sub(fill, phrase)
    if unspaced:
        source = re.sub(_SCRIPT_MEETS_LATIN, r"\\s*", source.replace(" ", r"\s*"))
    if trusted:
        trust_composed(source)
    return source
