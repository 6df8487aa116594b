"""Drift (QUO005): a quotation that repeats an earlier one of the post with different wording.

Near-linear: quotations are bucketed by their word pairs, and each one is compared only with
the few earlier ones that share most of its pairs.
"""
from __future__ import annotations

from collections import Counter
from itertools import chain, count, filterfalse, repeat
from operator import itemgetter

import regex

from .records import Post, Quotation
from .words import MAX_TOKENS, WORD, mostly_cjk, words

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic

# How long a quotation must be to be compared, and how different it may be.
_MIN_WORDS, _MIN_CHARACTERS, _MIN_CJK_CHARACTERS = 3, 12, 10
_MAX_WORDS = 60000          # per post: each word is encoded as one of 65,534 private-use characters
_MAX_CANDIDATES = 6         # earlier quotations verified for each quotation
_MAX_BUCKET = 32            # a word pair shared by more quotations says nothing
_MAX_ERRORS = 4
_MAX_COMPARISONS = 3000     # per post: a hostile post of similar quotations stays fast
_SMALL_ALIGNMENT = 400      # word pairs below which two quotations are aligned directly

Change = tuple  # (kind, word of the shorter quotation or None, word of the longer or None, index)


class Said:
    """A quotation's words for drift: casefolded tokens, and their ``pairs`` (the distinct pairs of
    consecutive words, in order); ``vocabulary`` is the post's, one character per word, for
    fuzzy matching."""

    __slots__ = ("quotation", "tokens", "cjk", "pairs", "vocabulary", "_joined", "_encoded", "_fuzzy")

    def __init__(self, quotation: Quotation, tokens: list[str], cjk: bool, pairs: dict[tuple[str, str], None],
                 vocabulary: dict[str, str]):
        self.quotation, self.tokens, self.cjk, self.pairs, self.vocabulary = quotation, tokens, cjk, pairs, vocabulary
        self._joined: str | None = None
        self._encoded: str | None = None
        self._fuzzy: tuple[int, regex.Pattern] | None = None

    @property
    def bigrams(self) -> int:
        return len(self.pairs)

    def within(self, other: Said) -> bool:
        """Whether these words are, in order, some of the other quotation's."""
        return self.joined in other.joined

    @property
    def joined(self) -> str:
        if self._joined is None:
            self._joined = "\0" + "\0".join(self.tokens) + "\0"  # no word has a NUL
        return self._joined

    @property
    def encoded(self) -> str:
        """One character per word: the words of a post get characters in the order they are needed."""
        if self._encoded is None:
            vocabulary = self.vocabulary
            new_words = dict.fromkeys(filterfalse(vocabulary.__contains__, self.tokens))
            vocabulary.update(zip(new_words, map(chr, count(0xF0000 + len(vocabulary)))))
            self._encoded = "".join(map(vocabulary.__getitem__, self.tokens))
        return self._encoded

    def spans(self, prose: str) -> list[tuple[int, int]]:
        """Where the words are (found again: only a finding needs them)."""
        return [match.span() for match in WORD.finditer(prose, self.quotation.open + 1, self.quotation.close)]

    def fuzzy(self, errors: int) -> regex.Pattern:
        """A pattern matching these words with up to ``errors`` changes (compiled once)."""
        if self._fuzzy is None or self._fuzzy[0] != errors:
            self._fuzzy = (errors, regex.compile(f"(?:{regex.escape(self.encoded)}){{e<={errors}}}"))
        return self._fuzzy[1]


def check(post: Post) -> Iterator[Diagnostic]:
    """QUO005 on the quotations the scan found."""
    comparable = _comparable(post.prose, post.quotations)
    repeated = _repeated_pairs(comparable)
    index: dict[tuple[str, str], list[int]] = {}
    seen: list[Said] = []
    budget = _MAX_COMPARISONS
    for said in comparable:
        # A pair in no other quotation neither finds an earlier one nor is found by a later one.
        pairs = list(filter(repeated.__contains__, said.pairs))
        if not pairs:
            continue
        shared = Counter(chain.from_iterable(map(index.get, pairs, repeat(()))))
        budget -= min(len(shared), _MAX_CANDIDATES)
        if budget < 0:
            break
        drift = _earlier_version(said, shared, seen)
        if drift is not None:
            yield _diagnostic(post, said, *drift)
        position = len(seen)
        for pair in pairs:
            bucket = index.get(pair)
            if bucket is None:
                index[pair] = [position]
            elif len(bucket) < _MAX_BUCKET:
                bucket.append(position)
        seen.append(said)


def _comparable(prose: str, quotations: list[Quotation]) -> list[Said]:
    """The words of the quotations long enough to compare, in order."""
    vocabulary: dict[str, str] = {}
    known: set[str] | None = None  # kept only once there can be too many
    found: list[Said] = []
    for quotation in quotations:
        said = _said(prose, quotation, vocabulary)
        if said is None:
            continue
        if (len(found) + 1) * MAX_TOKENS > _MAX_WORDS:
            if known is None:
                known = set(chain.from_iterable(earlier.tokens for earlier in found))
            known.update(said.tokens)
            if len(known) > _MAX_WORDS:
                break  # the private-use plane that encodes words could fill up: a hostile post
        found.append(said)
    return found


def _repeated_pairs(comparable: list[Said]) -> set[tuple[str, str]]:
    """The word pairs found in more than one quotation."""
    once: set[tuple[str, str]] = set()
    repeated: set[tuple[str, str]] = set()
    for said in comparable:
        repeated.update(once.intersection(said.pairs))
        once.update(said.pairs)
    return repeated


def _said(prose: str, quotation: Quotation, vocabulary: dict[str, str]) -> Said | None:
    """The quotation's words, or None when it is too short (or too long) to compare."""
    if quotation.close - quotation.open > MAX_TOKENS * 30:
        return None
    # Casefolded before it is read: one call, not one per word (the tests check that casefolding
    # leaves each character what it was to WORD).
    tokens, wide = words(prose[quotation.open + 1:quotation.close].casefold())
    if not tokens or len(tokens) > MAX_TOKENS:
        return None
    cjk = wide and mostly_cjk(tokens)
    if cjk:
        if len(tokens) < _MIN_CJK_CHARACTERS:
            return None
    elif len(tokens) < _MIN_WORDS or sum(map(len, tokens)) < _MIN_CHARACTERS:
        return None
    # In order of appearance (a set's order changes from run to run, and ties are taken in order).
    pairs = dict.fromkeys(zip(tokens, tokens[1:]))
    return Said(quotation, tokens, cjk, pairs, vocabulary)


def _earlier_version(said: Said, shared: Counter, seen: list[Said]) -> tuple[Said, tuple[int, int] | None] | None:
    """(earlier quotation, span of its words that this one rewords), or None.

    The span is None when the earlier quotation is the shorter one."""
    found = None
    # Counter.most_common, without the heap it builds in Python (the same order: ties stay in order).
    for position, pairs_shared in sorted(shared.items(), key=itemgetter(1), reverse=True)[:_MAX_CANDIDATES]:
        other = seen[position]
        short, long_ = (said, other) if len(said.tokens) <= len(other.tokens) else (other, said)
        if short.within(long_):
            return None  # it repeats an earlier quotation faithfully
        if found is not None:
            continue
        errors = _allowed_errors(len(short.tokens), said.cjk)
        if pairs_shared < short.bigrams - 2 * errors:
            continue
        span = _drifted_span(short, long_, errors)
        if span is not None:
            found = (other, span if long_ is other else None)
    return found


# -- alignment -------------------------------------------------------------------------------


def _allowed_errors(length: int, cjk: bool) -> int:
    return max(1, min(_MAX_ERRORS, length // (10 if cjk else 8)))


def _drifted_span(short: Said, long_: Said, errors: int) -> tuple[int, int] | None:
    """The words of ``long_`` that ``short`` repeats with a few changes, or None.

    Word by word (character by character in Chinese and Japanese). In a long quotation, the
    ``regex`` module first finds a fuzzy match of the shorter one; an alignment then says what
    changed.
    """
    window_start, window = 0, long_.tokens
    if len(short.tokens) * len(long_.tokens) > _SMALL_ALIGNMENT:
        match = short.fuzzy(errors).search(long_.encoded)
        if match is None:
            return None
        window_start = max(0, match.start() - errors)
        window = long_.tokens[window_start:match.end() + errors]
    changes, start, end = _changes(short.tokens, window, window_start == 0,
                                   window_start + len(window) >= len(long_.tokens))
    if not changes or len(changes) > errors:
        return None
    last = len(short.tokens) - 1
    if all(change[3] in (0, last) or (change[0] == "delete" and change[3] == last + 1) for change in changes):
        return None  # only the first or last word differs: a quotation cut and fitted to its sentence
    span = (window_start + start, window_start + end)
    if short.cjk or len(short.tokens) >= 8:
        return span
    # A short quotation may differ only by a spelling variant: vrai / vraie, talent / talents.
    if len(changes) == 1 and changes[0][0] == "substitute" and _variant(changes[0][1], changes[0][2]):
        return span
    return None


def _changes(short: list[str], window: list[str], at_start: bool, at_end: bool) -> tuple[list[Change], int, int]:
    """The edits of the best alignment of all of ``short`` with ``window[start:end]``, and
    ``start``, ``end``.

    Words of ``short`` beyond the start or the end of the longer quotation are not changes:
    the two quotations overlap there, they do not disagree.
    """
    rows, columns = len(short), len(window)
    # cost[i][j]: aligning short[:i] with window[k:j] for the best k.
    cost = [[0] * (columns + 1)] + [[0] * (columns + 1) for _ in range(rows)]
    for i in range(1, rows + 1):
        cost[i][0] = i
        for j in range(1, columns + 1):
            same = short[i - 1] == window[j - 1]
            cost[i][j] = min(cost[i - 1][j - 1] + (0 if same else 1), cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    end = min(range(columns + 1), key=lambda j: (cost[rows][j], -j))
    changes: list[Change] = []
    i, j = rows, end
    while i > 0:
        if j > 0 and cost[i][j] == cost[i - 1][j - 1] + (0 if short[i - 1] == window[j - 1] else 1):
            if short[i - 1] != window[j - 1]:
                changes.append(("substitute", short[i - 1], window[j - 1], i - 1))
            i, j = i - 1, j - 1
        elif cost[i][j] == cost[i - 1][j] + 1:
            changes.append(("insert", short[i - 1], None, i - 1))
            i -= 1
        else:
            changes.append(("delete", None, window[j - 1], i))
            j -= 1
    changes.reverse()
    if at_start and j == 0:
        leading = 0
        while leading < len(changes) and changes[leading][0] == "insert" and changes[leading][3] == leading:
            leading += 1
        del changes[:leading]
    if at_end and end == columns:
        tail = rows - 1
        while changes and changes[-1][0] == "insert" and changes[-1][3] == tail:
            changes.pop()
            tail -= 1
    return changes, j, end


def _variant(word: str, other: str) -> bool:
    """Two spellings of one word: an agreement or plural ending, an accent, a typo."""
    if min(len(word), len(other)) < 3 or word.isdigit() or other.isdigit():
        return False
    prefix = 0
    for a, b in zip(word, other):
        if a != b:
            break
        prefix += 1
    return prefix >= 3 and max(len(word), len(other)) - prefix <= 2


# -- the finding -----------------------------------------------------------------------------


def _diagnostic(post: Post, said: Said, earlier: Said, span: tuple[int, int] | None) -> Diagnostic:
    text = post.text
    line = post.line(earlier.quotation.open)
    if span is None:
        version = _excerpt(text, earlier.quotation)
    else:
        spans = earlier.spans(post.prose)
        start, end = spans[span[0]][0], spans[span[1] - 1][1]
        inner = " ".join(text[start:end].split())
        opener, closer = earlier.quotation.style[0], earlier.quotation.style[1]
        version = (f"{opener}{'…' if span[0] > 0 else ''}{inner}"
                   f"{'…' if span[1] < len(earlier.tokens) else ''}{closer}")
    return post.diagnostic("QUO005", said.quotation.open, post.end_on_line(said.quotation),
                           f"{_excerpt(text, said.quotation)} repeats the quotation on line {line} with different "
                           f"wording: {version}")


def _excerpt(text: str, quotation: Quotation) -> str:
    inner = " ".join(text[quotation.open + 1:min(quotation.close, quotation.open + 200)].split())
    if quotation.close - quotation.open > 200 or len(inner) > 70:
        tail = " ".join(text[max(quotation.open + 1, quotation.close - 100):quotation.close].split())
        inner = inner[:33] + "…" + tail[-33:]
    return f"{quotation.style[0]}{inner}{quotation.style[1]}"
