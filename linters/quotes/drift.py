"""Drift (QUO005): a later quotation that says what an earlier one of the post said, with other
words: a synonym or two, words added or dropped, clauses in another order.

Linear in the number of quotations: each is indexed by its content words — by its character
pairs in Chinese and Japanese — and compared only with the few earlier quotations that
share most of them, strongest candidates (and the same speaker's) first. A comparison aligns the
two wordings (word by word, character by character in Chinese and Japanese) and accepts a
rewording when the shorter one is found in the longer from its first word to its last, with a few
changes inside; or when the same content words come in another order. Not drift: a faithful
repeat or excerpt, two excerpts of one sentence that overlap, a quotation fitted to its sentence
(an inflection of its first or last word), two quotations that share an opening or a topic, a
quotation and its translation, two speakers' words, lines of a song quoted one after another, and
the turns of a chat transcript.
"""
from __future__ import annotations

from collections import Counter
from itertools import islice

from .records import Post, Quotation
from .sayings import Context, Said, comparable_quotations
from .words import WORD

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic

_MAX_CANDIDATES = 4      # earlier quotations compared with each quotation
_MAX_BUCKET = 12         # an index key shared by more quotations of a post says little
_MAX_COMPARISONS = 1500  # per post: a hostile post of similar quotations stays fast
_SHOWN_CONTEXT = 3       # words shown around the differences of a long quotation


class Drift:
    """A rewording found: the ``earlier`` quotation, the indexes of the tokens that differ in
    each wording, and whether the words are the same in another order (``reordered``)."""

    __slots__ = ("earlier", "changed_earlier", "changed_later", "reordered")

    def __init__(self, earlier: Said, changed_earlier: set[int], changed_later: set[int], reordered: bool = False):
        self.earlier, self.changed_earlier, self.changed_later = earlier, changed_earlier, changed_later
        self.reordered = reordered


def check(post: Post) -> Iterator[Diagnostic]:
    """QUO005 on the quotations the scan found."""
    comparable = comparable_quotations(post)
    if len(comparable) < 2:
        return
    context = Context(post)
    recurring = _recurring_keys(comparable)
    index: dict[str, list[int]] = {}
    budget = _MAX_COMPARISONS
    for position, said in enumerate(comparable):
        keys = said.keys & recurring  # a key of one quotation alone ties it to none: not indexed
        shared: dict[int, int] = {}
        for key in keys & index.keys():
            for earlier in index[key]:
                shared[earlier] = shared.get(earlier, 0) + 1
        if shared:
            candidates = _candidates(said, shared, comparable)
            budget -= len(candidates)
            if budget < 0:
                return
            # A repeat of an earlier quotation rewords no other one; most are, and the speakers
            # that order the other candidates need not be read then.
            if not any(_faithful(said, earlier) for earlier in candidates):
                drift = _first_drift(said, _by_speaker(said, candidates, context), context)
                if drift is not None:
                    yield _diagnostic(post, said, drift)
        for key in keys:
            bucket = index.setdefault(key, [])
            if len(bucket) < _MAX_BUCKET:
                bucket.append(position)


def _recurring_keys(comparable: list[Said]) -> set[str]:
    """The index keys more than one quotation has (set operations: no loop over keys in Python)."""
    seen: set[str] = set()
    recurring: set[str] = set()
    for said in comparable:
        recurring |= seen.intersection(said.keys)
        seen |= said.keys
    return recurring


# -- candidates and comparison -----------------------------------------------------------------


def _candidates(said: Said, shared: dict[int, int], comparable: list[Said]) -> list[Said]:
    """The earlier quotations sharing the most index keys with ``said``, the earliest first (a
    rewording names the first telling)."""
    scored = []
    for position, count in shared.items():
        earlier = comparable[position]
        if count >= 2 and count >= 0.4 * min(len(said.keys), len(earlier.keys)):
            scored.append((-count / max(1, min(len(said.keys), len(earlier.keys))), position))
    scored.sort()
    return [comparable[position] for _, position in sorted(islice(scored, _MAX_CANDIDATES), key=lambda s: s[1])]


def _by_speaker(said: Said, candidates: list[Said], context: Context) -> list[Said]:
    """The candidates, the same speaker's before others' when there are several (stable: the
    earliest still first among them)."""
    if len(candidates) > 1 and not said.cjk:
        speaker = context.speaker(said)
        candidates.sort(key=lambda earlier: not speaker & context.speaker(earlier))
    return candidates


def _first_drift(said: Said, candidates: list[Said], context: Context) -> Drift | None:
    """The first rewording of ``said`` among the candidates, none of which it repeats, that is
    not one between unrelated quotations."""
    for earlier in candidates:
        if said.cjk == earlier.cjk:
            drift = _compare(earlier, said)
            if drift is not None:
                context.detail(said)
                context.detail(earlier)
                if not _unrelated(said, earlier):
                    return drift
    return None


def _faithful(said: Said, earlier: Said) -> bool:
    short, long_ = (said, earlier) if len(said.tokens) <= len(earlier.tokens) else (earlier, said)
    joined_long = "\0" + "\0".join(long_.tokens) + "\0"
    return ("\0" + "\0".join(short.tokens) + "\0") in joined_long


def _unrelated(said: Said, earlier: Said) -> bool:
    """Pairs that are not one quotation told twice, whatever their words."""
    if said.cjk != earlier.cjk:
        return True
    if said.language and earlier.language and said.language != earlier.language:
        return True  # a quotation and its translation
    if said.speaker and earlier.speaker and not said.speaker & earlier.speaker:
        return True  # two speakers
    if said.transcript and earlier.transcript:
        return True  # turns of a chat transcript
    if said.displayed and earlier.displayed and _adjacent(said.quotation, earlier.quotation):
        return True  # lines of a song or a poem, items of a list
    return False


def _adjacent(later: Quotation, earlier: Quotation) -> bool:
    """Whether two quotations are in the same paragraph or in paragraphs that follow each other."""
    return later.paragraph[0] - earlier.paragraph[1] <= 2


def _compare(earlier: Said, later: Said) -> Drift | None:
    """A rewording of ``earlier`` in ``later``, or None."""
    from difflib import SequenceMatcher  # only where two quotations share most of their words

    short, long_ = (later, earlier) if len(later.tokens) <= len(earlier.tokens) else (earlier, later)
    matcher = SequenceMatcher(None, short.stems, long_.stems, autojunk=False)
    opcodes = matcher.get_opcodes()
    changes = _aligned_changes(short, long_, opcodes)
    reordered = changes is None
    if reordered:
        changes = _reordered(short, long_, opcodes)
    if changes is None:
        return None
    changed_short, changed_long = changes
    if short is later:
        return Drift(earlier, changed_long, changed_short, reordered)
    return Drift(earlier, changed_short, changed_long, reordered)


def _aligned_changes(short: Said, long_: Said, opcodes: list) -> tuple[set[int], set[int]] | None:
    """The changed tokens of each wording when ``short`` is found in ``long_`` from its first word
    to its last with a few changes, or None.

    Words that one wording has beyond the other's first or last are where the two excerpts were
    cut, not changes; an inflection changed there fitted the quotation to its sentence."""
    equal = [opcode for opcode in opcodes if opcode[0] == "equal"]
    matched = sum(i2 - i1 for _, i1, i2, _, _ in equal)
    if not equal or matched < 0.6 * len(short.tokens):
        return None
    first_short, last_short = equal[0][1], equal[-1][2] - 1
    edge = 2 if short.cjk or len(short.tokens) >= 8 else 1  # words of the shorter beyond the matched ones
    if first_short > edge or len(short.tokens) - 1 - last_short > edge:
        return None  # not anchored at both ends: another quotation that shares some words
    changed_short: set[int] = set()
    changed_long: set[int] = set()
    content_changes = function_changes = 0
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            for offset in range(i2 - i1):
                i, j = i1 + offset, j1 + offset
                if short.tokens[i] != long_.tokens[j] and first_short < i < last_short:
                    changed_short.add(i)  # an inflection changed inside: vrai / vraie
                    changed_long.add(j)
            continue
        if (number == 0 or number == len(opcodes) - 1) and (i1 == i2 or j1 == j2):
            continue  # cut at another place
        changed_short.update(range(i1, i2))
        changed_long.update(range(j1, j2))
        content = max(_content_words(short, i1, i2), _content_words(long_, j1, j2))
        content_changes += content
        function_changes += max(i2 - i1, j2 - j1) - content
    if not changed_short and not changed_long:
        return None  # an excerpt, or two that overlap
    content_words = sum(short.content)
    if content_changes > _allowed_changes(content_words, matched / len(short.tokens), short.cjk):
        return None
    # Function words alone changed are often the tense or politeness reported speech adapts (必要か,
    # 必要なのでしょうか); beside changed words they are their inflections (kana) and articles.
    tokens = len(short.tokens)
    if function_changes > (max(3, tokens // (3 if short.cjk else 4)) if content_changes else max(2, tokens // 5)):
        return None
    if not short.cjk and _shared_words(short, long_) < 2:
        return None
    return changed_short, changed_long


def _content_words(said: Said, start: int, end: int) -> int:
    """How many content words the tokens ``start``-``end`` hold; in Chinese and Japanese, where
    a token is a character, a run of katakana is one word (エンジニア)."""
    flags = said.content[start:end]
    if not said.cjk:
        return sum(flags)
    count, previous_katakana = 0, False
    for token, is_content in zip(said.tokens[start:end], flags):
        katakana = "\u30a0" <= token <= "\u30ff"
        if is_content and not (katakana and previous_katakana):
            count += 1
        previous_katakana = katakana
    return count


def _allowed_changes(content_words: int, matched: float, cjk: bool) -> int:
    """How many content words a rewording may change: none in a short quotation (one changed
    word there makes another statement), a third of them, and nearly half when three quarters
    of the wording are kept in order (a verb changed, an adjective added, a synonym, in one
    sentence)."""
    if content_words < 4:
        return 0
    if matched >= 0.75:
        return int(content_words * 0.45)
    return content_words // 3 if content_words >= (6 if cjk else 4) else 0


def _shared_words(short: Said, long_: Said) -> int:
    """How many ordinary content words the two share: words of letters, not numbers or codes,
    which a quotation shares with its translation too."""
    return sum(1 for token, stem, is_content in zip(short.tokens, short.stems, short.content)
               if is_content and token.isalpha() and stem in long_.content_stems)


def _reordered(short: Said, long_: Said, opcodes: list) -> tuple[set[int], set[int]] | None:
    """The tokens out of place when the two say the same things in another order, or None."""
    if short.cjk:
        union = len(short.keys | long_.keys)
        if union == 0 or len(short.keys & long_.keys) / union < 0.6 or len(short.keys) < 8:
            return None
    else:
        content_short = Counter(stem for stem, is_content in zip(short.stems, short.content) if is_content)
        content_long = Counter(stem for stem, is_content in zip(long_.stems, long_.content) if is_content)
        union = sum((content_short | content_long).values())
        if (union == 0 or sum((content_short & content_long).values()) / union < 0.75
                or sum(content_short.values()) < 4 or _shared_words(short, long_) < 3):
            return None
    in_order = sum(i2 - i1 for tag, i1, i2, _, _ in opcodes if tag == "equal")
    if in_order >= 0.85 * len(short.tokens):
        return None  # in the same order: the aligned comparison has said no
    # The words one wording has and the other has not; the rest moved.
    return ({i for i, stem in enumerate(short.stems) if stem not in long_.stems},
            {j for j, stem in enumerate(long_.stems) if stem not in short.stems})


# -- the finding -----------------------------------------------------------------------------


def _diagnostic(post: Post, said: Said, drift: Drift) -> Diagnostic:
    earlier = drift.earlier
    line = post.line(earlier.quotation.open)
    now = _shown(post, said, drift.changed_later)
    before = _shown(post, earlier, drift.changed_earlier)
    marked = drift.changed_later or drift.changed_earlier
    note = ("the same words in another order" + (", the words in [brackets] differ" if marked else "")
            if drift.reordered else "the words in [brackets] differ")
    return post.diagnostic("QUO005", said.quotation.open, post.end_on_line(said.quotation),
                           f"{now} repeats the quotation on line {line} with different wording: {before} ({note})")


def _shown(post: Post, said: Said, changed: set[int]) -> str:
    """The quotation as written, the ``changed`` words in [brackets], cut to the differences
    when it is long."""
    quotation = said.quotation
    spans = [match.span() for match in WORD.finditer(post.prose, quotation.open + 1, quotation.close)]
    text = post.text
    if len(spans) != len(said.tokens) or not changed:
        inner = " ".join(text[quotation.open + 1:quotation.close].split())
        return f"{quotation.style[0]}{inner[:90]}{'…' if len(inner) > 90 else ''}{quotation.style[1]}"
    first, last = min(changed), max(changed)
    context, long_ = (8, 40) if said.cjk else (_SHOWN_CONTEXT, 14)
    start = max(0, first - context) if len(spans) > long_ else 0
    end = min(len(spans), last + 1 + context) if len(spans) > long_ else len(spans)
    pieces = []
    position = spans[start][0]
    index = start
    while index < end:
        if index in changed:
            group_end = index
            while group_end + 1 < end and group_end + 1 in changed:
                group_end += 1
            pieces.append(text[position:spans[index][0]])
            pieces.append("[" + text[spans[index][0]:spans[group_end][1]] + "]")
            position = spans[group_end][1]
            index = group_end + 1
        else:
            index += 1
    pieces.append(text[position:spans[end - 1][1]])
    inner = " ".join("".join(pieces).split())
    opening = quotation.style[0] + ("…" if start > 0 else "")
    closing = ("…" if end < len(spans) else "") + quotation.style[1]
    return f"{opening}{inner}{closing}"
