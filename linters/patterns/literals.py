"""The literal prefilter: texts one of which every match of a pattern contains, looked for with
C-speed substring tests (or one Aho-Corasick pass for many) before the pattern is searched."""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

try:  # the one-pass literal search; without it (no wheel for the platform), substring tests
    import ahocorasick_rs
except ImportError:  # pragma: no cover - depends on the platform
    ahocorasick_rs = None  # type: ignore[assignment]

from .deferred import deferred
from .syntax import GROUP_OPENING, QUANTIFIER, UnsureSource, class_end, group_end, read_escape, top_level_alternatives

_IMPLEMENTATIONS = hasattr(ahocorasick_rs, "Implementation")  # whether this ahocorasick_rs offers a choice of automaton
# Characters from which a post's text is read once for the literals of all its phrase lists (the
# post's index); a shorter text (a sentence, a line) once per list, for that list's own literals
INDEXED_LENGTH = 1000
# Bytes read per byte of its literals after which an index is rebuilt as a DFA: twice as fast
# per byte read as the automaton quickest to build, but some fifteen times slower to build,
# which a one-post run (or a few sentences) would not win back.
_DFA_AFTER_READING = 200
_REMEMBERED_HAYSTACKS = 4  # long texts whose haystacks `haystack` keeps, and haystacks an index keeps
_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
_COMMON_LENGTH = 4  # a run this short is in many posts
_CHOICE_LENGTH = 7  # choices this long each beat a longer run that is common prose (" the ")
_CLASS_EXPANSION = deferred(r"\[([^\]\\^-]{1,4})\]")  # a short class of plain members
_PLAIN_TEXT = deferred(r"[^\\\[\](){}|*+?.^$]*")  # characters that stand for themselves
_MAX_COMBINATIONS = 32  # texts a stretch of groups of plain alternatives may spell, at most
# What ``literal_runs`` reads of an alternative: its runs, its choices, its stretches' texts
Reading = tuple[tuple[str, ...], tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]
# Characters that `regex` matches with an ASCII letter when ignoring case (İ, ſ, K)
ASCII_LETTER_VARIANTS = "\u0130\u017f\u212a"


def required_literals(source: str) -> tuple[bytes, ...]:
    """Texts one of which every match of ``source`` contains, as found in a `haystack`, or
    none when nothing is found: the longest run of plain characters outside classes and
    optional parts, or the longest text that each alternative's run shares (a ``(?r)``
    pattern is read the same way). At least two characters, else not worth a test. A run of
    a few characters is common in prose: when a short class follows it (`Sure[!.,]`), each
    member added to it is a literal; when a group of alternatives (`(?:tell|let) me`) or the
    pattern's own alternatives have longer runs each, those runs are the literals. Then, the
    texts that plain characters and groups of plain alternatives spell around them, if each
    holds one of them (`si (?:vous avez|tu as) besoin`: "si vous avez besoin", "si tu as
    besoin" rather than " besoin "): found in fewer posts still, never in more. A pattern
    that this reading cannot be sure of (inline flags, unusual escapes) has none."""
    body = source[4:] if source.startswith("(?r)") else source
    try:
        alternatives = [literal_runs(alternative) for alternative in top_level_alternatives(body)]
    except UnsureSource:
        return ()
    chosen = _runs_or_choices(alternatives)
    if len(alternatives) == 1 and chosen:
        refinements = [texts for texts in alternatives[0][2]
                       if all(any(literal in text for literal in chosen) for text in texts)]
        if refinements:
            chosen = max(refinements, key=lambda texts: min(map(len, texts)))
    return tuple(dict.fromkeys(text.encode() for text in chosen))


def _runs_or_choices(alternatives: list[Reading]) -> tuple[str, ...]:
    """The longest run that every alternative holds, or choices of longer texts (see
    ``required_literals``); none if shorter than two characters."""
    best_runs = [max(runs, key=len) for runs, _, _ in alternatives]
    literal = _shared_text(best_runs)
    expansions = list(alternatives[0][1]) if len(alternatives) == 1 else [tuple(best_runs)]
    # choices whose every text is longer than the run are rarer in prose: a short run gives way
    # to them, a longer one only to choices longer still and of some length (each is a test)
    threshold = max(len(literal), 1) if len(literal) <= _COMMON_LENGTH else max(len(literal) + 1, _CHOICE_LENGTH - 1)
    longer = [expansion for expansion in expansions if min(map(len, expansion)) > threshold]
    if longer:
        return max(longer, key=lambda expansion: min(map(len, expansion)))
    return (literal,) if len(literal) >= 2 else ()


class LiteralIndex:
    """Literals found in a text in one pass of an Aho-Corasick automaton (``ahocorasick_rs``, a
    DFA over bytes), instead of one substring test each: a post is asked for some sixty literals
    of its languages' phrase lists, each test reading the whole prose (fifteen times the cost of
    the one pass). Literals it was not built with are tested directly."""

    def __init__(self, literals: Iterable[bytes]):
        self.literals = frozenset(literals)
        self._ordered = list(self.literals)
        # first the automaton quickest to build (a one-post run reads a few texts with it)
        self._automaton = _automaton(self._ordered, "NoncontiguousNFA")
        self._unread = _DFA_AFTER_READING * sum(map(len, self._ordered)) if _IMPLEMENTATIONS else -1
        # the last haystacks asked and their literals: a post's prose, its text and its spoken
        # text are asked in turn, section after section
        self._recent: list[tuple[bytes, set[bytes]]] = []

    def found(self, haystack: bytes) -> set[bytes]:
        """The literals of the index that ``haystack`` holds."""
        for known, literals in self._recent:
            if known is haystack:
                return literals
        if self._unread >= 0:
            self._unread -= len(haystack)
            if self._unread < 0:
                self._automaton = _automaton(self._ordered, "DFA")
        matches = self._automaton.find_matches_as_indexes(haystack, overlapping=True)
        literals = {self._ordered[number] for number, _, _ in matches}
        self._recent = [(haystack, literals), *self._recent[:_REMEMBERED_HAYSTACKS - 1]]
        return literals

    def contains_any(self, haystack: bytes, literals: tuple[bytes, ...]) -> bool:
        found = self.found(haystack)
        for literal in literals:
            if literal in found if literal in self.literals else literal in haystack:
                return True
        return False


def _automaton(literals: list[bytes], implementation: str):
    """An Aho-Corasick automaton of ``literals``, of the named kind if this ahocorasick_rs offers
    a choice."""
    if _IMPLEMENTATIONS:
        return ahocorasick_rs.BytesAhoCorasick(literals, implementation=getattr(ahocorasick_rs.Implementation, implementation))
    return ahocorasick_rs.BytesAhoCorasick(literals)


def literal_index(literals: Iterable[bytes]) -> LiteralIndex | None:
    """An index of ``literals``, or None: there are none, or no automaton on this platform."""
    literals = set(literals)
    return LiteralIndex(literals) if literals and ahocorasick_rs is not None else None


def contains_any(haystack: bytes, literals: tuple[bytes, ...]) -> bool:
    for literal in literals:  # a loop: any() with a generator costs more than most tests
        if literal in haystack:
            return True
    return False


class LiteralGate:
    """The literals a post's long texts are asked for, found in one pass of each text: those of
    its phrase lists in the post's languages (``literals_of(wanted)``, indexed once per set of
    languages: see ``LiteralIndex``)."""

    def __init__(self, literals_of: Callable[[frozenset[str]], set[bytes]]):
        self._literals_of = literals_of
        self._indexes: dict[frozenset[str], LiteralIndex | None] = {}

    def index(self, wanted: frozenset[str]) -> LiteralIndex | None:
        """The index of the ``wanted`` languages' literals, or None: test them one by one."""
        if wanted not in self._indexes:
            self._indexes[wanted] = literal_index(self._literals_of(wanted))
        return self._indexes[wanted]


def common_literal(source: str) -> str:
    """The longest text in the longest run of every alternative of ``source``."""
    return _shared_text([max(literal_runs(alternative)[0], key=len) for alternative in top_level_alternatives(source)])


def _shared_text(best_runs: list[str]) -> str:
    """The longest text that each of ``best_runs`` contains."""
    shortest = min(best_runs, key=len)
    for length in range(len(shortest), 0, -1):
        for start in range(len(shortest) - length + 1):
            candidate = shortest[start:start + length]
            if all(candidate in run for run in best_runs):
                return candidate
    return ""


@lru_cache(maxsize=None)  # composed phrases repeat the groups of their words: each is read once
def literal_runs(source: str) -> Reading:
    """Runs of consecutive plain characters that every match of ``source`` (one alternative)
    contains, ASCII letters in lower case: a character that a quantifier follows is left out;
    classes, anchors, escapes that are not plain characters and letters with other cases end a
    run; a group that must match adds what its alternatives share. And, as choices one of which
    every match contains: each run that a short class of plain characters follows, with each
    member added; the longest run of each alternative of a group that must match. And, as
    stretches: the texts that plain characters and groups of plain alternatives next to each
    other may spell (`si (?:vous avez|tu as) besoin`: "si vous avez besoin", "si tu as
    besoin")."""
    runs: list[str] = []
    expansions: list[tuple[str, ...]] = []
    stretches: list[tuple[str, ...]] = []
    run: list[str] = []
    # the texts one of which every match holds just before ``position``: the stretch so far
    spelled: list[str] = [""]

    def end_stretch(texts: list[str]) -> list[str]:
        if all(texts):  # a text that holds another is found with it: the other is enough
            texts = list(dict.fromkeys(texts))
            stretches.append(tuple(text for text in texts if not any(other != text and other in text for other in texts)))
        return [""]

    position = 0
    while position < len(source):
        character = source[position]
        quantifier = QUANTIFIER.match(source, position) if character in "*+?{" else None
        plain: str | None = None
        if quantifier:
            if run:
                run.pop()  # optional or repeated: not part of the run
                spelled = end_stretch([text[:-1] for text in spelled])
            next_position = quantifier.end()
        elif character == "\\":
            plain, next_position = read_escape(source, position)
        elif character == "[":
            next_position = class_end(source, position)
            members = _CLASS_EXPANSION.fullmatch(source, position, next_position)
            if (run and members and all(map(caseless, members.group(1)))
                    and not QUANTIFIER.match(source, next_position)):
                text = ascii_lower("".join(run))
                expansions.append(tuple(text + ascii_lower(member) for member in dict.fromkeys(members.group(1))))
        elif character == "(":
            next_position = group_end(source, position)
            opening = GROUP_OPENING.match(source, position)
            opening_text = opening.group() if opening else "("
            if opening_text not in _LOOKAROUNDS and not QUANTIFIER.match(source, next_position):
                inner = source[position + len(opening_text):next_position - 1]
                runs.append(common_literal(inner))
                choices = tuple(max(literal_runs(choice)[0], key=len) for choice in top_level_alternatives(inner))
                if len(choices) > 1:
                    expansions.append(choices)
                spelled = _spell_on(spelled, top_level_alternatives(inner), end_stretch)
                runs.append(ascii_lower("".join(run)))
                run = []
                position = next_position
                continue
        elif character in "|)]{}":
            raise UnsureSource  # a bracket this reading does not pair
        elif character in ".^$":
            next_position = position + 1
        else:
            plain, next_position = character, position + 1
        if plain is not None and not caseless(plain):
            plain = None  # a letter with other cases ends the run, as the haystack keeps its case
        if plain is None:
            runs.append(ascii_lower("".join(run)))
            run = []
            if not quantifier:
                spelled = end_stretch(spelled)
        else:
            run.append(plain)
            plain = ascii_lower(plain)
            spelled = [text + plain for text in spelled]
        position = next_position
    runs.append(ascii_lower("".join(run)))
    end_stretch(spelled)
    return tuple(runs), tuple(expansions), tuple(stretches)


def _spell_on(spelled: list[str], choices: list[str], end_stretch: Callable[[list[str]], list[str]]) -> list[str]:
    """The texts of a stretch (``spelled``) followed by a group that must match, of ``choices``:
    each text with each choice's, when every choice is plain text; else the stretch ends with
    the plain text each choice starts with, and a new one starts after the group."""
    texts = [_plain_text(choice) for choice in choices]
    plain = [text for text in texts if text is not None]
    if len(plain) == len(texts) and len(spelled) * len(plain) <= _MAX_COMBINATIONS:
        return [text + choice for text in spelled for choice in plain]
    if len(spelled) * len(choices) <= _MAX_COMBINATIONS:
        end_stretch([text + _leading_text(choice) for text in spelled for choice in choices])
    else:
        end_stretch(spelled)
    return plain if len(plain) == len(texts) and len(plain) <= _MAX_COMBINATIONS else [""]


def _plain_text(choice: str) -> str | None:
    """The text that ``choice`` matches, as in a haystack, if it is plain characters only."""
    return ascii_lower(choice) if _PLAIN_TEXT.fullmatch(choice) and all(map(caseless, choice)) else None


def _leading_text(choice: str) -> str:
    """The plain text every match of ``choice`` starts with, as in a haystack."""
    end = _PLAIN_TEXT.match(choice).end()  # type: ignore[union-attr]
    if end < len(choice) and choice[end] in "*+?{":
        end -= 1  # the character a quantifier follows may be missing or repeated
    leading = choice[:max(end, 0)]
    for index, character in enumerate(leading):
        if not caseless(character):
            return ascii_lower(leading[:index])
    return ascii_lower(leading)


def haystack(text: str) -> bytes:
    """``text`` in UTF-8 with its ASCII letters in lower case, where a literal of a case-
    insensitive pattern (ASCII in lower case and caseless characters) is looked for: four
    times cheaper than casefolding the text. A text with a non-ASCII variant of an ASCII
    letter is casefolded first. Remembered for long texts: one post's prose is searched
    many times, between searches of many short texts (URLs, sentences) that would evict it.
    They are known by identity: a post's texts are asked as the same objects, and hashing a
    long text (as a cache keyed by its value would) reads all of it."""
    if len(text) < 1000:
        return _haystack_of(text)
    for position, (known, remembered) in enumerate(_long_haystacks):
        if known is text:
            if position:  # most recently asked first: the prose, asked again and again, outlives long lines
                _long_haystacks.insert(0, _long_haystacks.pop(position))
            return remembered
    found = _haystack_of(text)
    _long_haystacks[:] = [(text, found), *_long_haystacks[:_REMEMBERED_HAYSTACKS - 1]]
    return found


def _haystack_of(text: str) -> bytes:
    if not text.isascii() and any(variant in text for variant in ASCII_LETTER_VARIANTS):
        text = text.casefold()
    return text.encode(errors="surrogatepass").lower()  # lint_text may get any string


_long_haystacks: list[tuple[str, bytes]] = []  # the last long texts asked, and their haystacks


def ascii_lower(text: str) -> str:
    return text.encode().lower().decode()


@lru_cache(maxsize=None)  # the characters of the packs' patterns
def caseless(character: str) -> bool:
    """ASCII, or a character that has no other case (CJK, punctuation): in a haystack it is as
    in any match. Unassigned here (Cn) may be a letter with cases in `regex`'s newer Unicode."""
    return character.isascii() or (unicodedata.category(character) not in ("Lu", "Ll", "Lt", "Cn")
                                   and character.lower() == character == character.upper() == character.casefold())
