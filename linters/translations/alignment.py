"""Versions aligned block by block, on what is not translated.

Two versions are aligned in three steps, each linear or close to it in the number of blocks:
the same sequence of block kinds is aligned one to one; otherwise the blocks that share a value
found in no other block of either version (a URL, a number, an identifier, a timestamp, inline
code, the first line of a code block) are anchors, kept in order by a longest increasing
subsequence; between anchors, the blocks are aligned by kind, size and shared values by
dynamic programming in a band around the diagonal, where a block may be missing, extra, split
in two or merged with the next. A group is aligned on one version (the original, when known):
its blocks and the others' extra blocks become the group's columns.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from .summaries import MIN_KEYED_LINE, Unit, line_key

DRIFT = 2.0  # score lost per share of the post between where two blocks stand in their versions
BAND = 12  # blocks more in one version than the other, between anchors, that the programme aligns
SLACK = 4  # blocks either side of the diagonal the programme's band holds besides that difference
_FIRM = frozenset("unct")  # values a translation never changes: URLs, numbers, inline code, timestamps
_CLASSES = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
            "p": "prose", "li": "prose", "quote": "prose", "table": "table", "code": "code"}

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import List, Tuple

    Pair = Tuple[Tuple[int, ...], Tuple[int, ...]]  # blocks of the first version, blocks of the second
    Pairs = List[Pair]


class Blocks:
    """A version's blocks as alignment reads them: kinds, sizes and the values each holds."""

    __slots__ = ("units", "kinds", "classes", "anchors", "firm", "sizes", "places", "prose", "scale")

    def __init__(self, units: Sequence[Unit]):
        self.units = units
        self.kinds = [unit.kind for unit in units]
        self.classes = [_CLASSES[kind] for kind in self.kinds]
        self.sizes = [max(unit.size, 1) for unit in units]
        self.anchors = [_anchors(unit) for unit in units]
        self.firm = [frozenset([value for value in values if value[0] in _FIRM]) if values else values for values in self.anchors]
        total, self.places = sum(self.sizes) or 1, []
        position = 0
        for size in self.sizes:  # how far into the post each block starts, as a share of its length
            self.places.append(position / total)
            position += size
        self.prose = sum(size for size, kind in zip(self.sizes, self.kinds) if kind != "code")  # what translation lengthens
        self.scale = 1.0  # this version's size per size of the version it is aligned with


_NONE: frozenset = frozenset()


def _anchors(unit: Unit) -> frozenset:
    if not (unit.urls or unit.numbers or unit.times or unit.code or unit.lines):
        return _NONE  # most paragraphs: nothing untranslated, no short line
    values = {("u", item[0][0]) for item in unit.urls}
    values.update(("f", item[1].rstrip("/").rpartition("/")[2]) for item in unit.urls)  # a file, moved or renamed
    values.update(("n", item[0]) for item in unit.numbers if len(item[0]) > 1)
    values.update(("t", item[0]) for item in unit.times)
    values.update(("c", item[0]) for item in unit.code)
    if unit.kind == "code":
        values.update(("k", line_key(line)) for line, _, _ in unit.lines[1][:3] if len(line) >= MIN_KEYED_LINE)
    else:
        values.update(("k", line) for line in unit.lines[:3])  # lines of code left as prose: a lost fence
    return frozenset(values)


def align(first: Blocks, second: Blocks) -> Pairs:
    """The blocks of two versions paired in order: ``((i,), (j,))`` one to one, ``((i, i + 1), (j,))``
    merged, ``((i,), (j, j + 1))`` split, ``((i,), ())`` missing from the second, ``((), (j,))`` extra."""
    second.scale = scale(first.prose, second.prose)
    if first.kinds == second.kinds:
        return [((i,), (i,)) for i in range(len(first.kinds))]
    pairs: Pairs = []
    previous_i = previous_j = -1
    for i, j in _anchored(first, second):
        pairs.extend(_between(first, second, previous_i + 1, i, previous_j + 1, j))
        pairs.append(((i,), (j,)))
        previous_i, previous_j = i, j
    pairs.extend(_between(first, second, previous_i + 1, len(first.kinds), previous_j + 1, len(second.kinds)))
    return _joined(first, second, pairs)


def _joined(first: Blocks, second: Blocks, pairs: Pairs) -> Pairs:
    """Pairs with the unpaired blocks beside them joined when they score better together: a
    paragraph split in two (an image moved to a paragraph of its own), or two merged."""
    done: Pairs = []
    for pair in pairs:
        if done and len(done[-1][0]) + len(done[-1][1]) == 2 and len(pair[0]) + len(pair[1]) == 1:
            joined = _join(first, second, done[-1], pair)
            if joined is not None:
                done[-1] = joined
                continue
        if done and len(done[-1][0]) + len(done[-1][1]) == 1 and len(pair[0]) + len(pair[1]) == 2:
            joined = _join(first, second, pair, done[-1], before=True)
            if joined is not None:
                done[-1] = joined
                continue
        done.append(pair)
    return done


def _join(first: Blocks, second: Blocks, pair: Pair, alone: Pair, before: bool = False) -> Pair | None:
    mine, theirs = pair
    if not mine or not theirs:
        return None
    joined: Pair
    if alone[0]:
        joined = ((alone[0][0], mine[0]) if before else (mine[0], alone[0][0]), theirs)
    else:
        joined = (mine, (alone[1][0], theirs[0]) if before else (theirs[0], alone[1][0]))
    alone_score = _score(first, second, mine, theirs)
    joined_score = _score(first, second, *joined)
    return joined if joined_score is not None and (alone_score is None or joined_score > alone_score) else None


def scale(first: int, second: int) -> float:
    """How much longer the second version's prose is than the first's (languages differ)."""
    return second / first if first and second else 1.0


def _anchored(first: Blocks, second: Blocks) -> list[tuple[int, int]]:
    """Blocks paired by a value that each holds alone in its version, in order in both."""
    def unique(blocks: Blocks) -> dict:
        where: dict = {}
        for index, values in enumerate(blocks.anchors):
            for value in values:
                where[value] = -1 if value in where else index
        return where

    theirs = unique(second)
    votes: dict[int, dict[int, int]] = {}
    for value, i in unique(first).items():
        j = theirs.get(value, -1)
        if i >= 0 and j >= 0 and (_compatible(first.kinds[i], second.kinds[j]) or value[0] == "k"):
            votes.setdefault(i, {}).setdefault(j, 0)
            votes[i][j] += 1
    candidates = sorted((i, max(choices, key=lambda j: (choices[j], -j))) for i, choices in votes.items())  # ties: the nearest, whatever the hash order
    return _increasing(candidates)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by first) whose seconds increase (patience sorting)."""
    tails: list[int] = []  # the smallest second ending an increasing run of each length
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[length], tail_index[length] = j, index
        previous[index] = tail_index[length - 1] if length else -1
    chain, index = [], tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _compatible(first: str, second: str) -> bool:
    """Kinds one block may have in two versions: a lost ``#`` makes a heading prose, a lost ``|``
    a table a paragraph; code stays code."""
    a, b = _CLASSES[first], _CLASSES[second]
    return a == b or {a, b} in ({"heading", "prose"}, {"table", "prose"})


def _between(first: Blocks, second: Blocks, i0: int, i1: int, j0: int, j1: int) -> Pairs:
    """The blocks ``first[i0:i1]`` and ``second[j0:j1]``, between two anchors, aligned: the ends
    where kinds and sizes agree one to one, the rest by the programme (or, for a long stretch
    of differences, by a diff of kinds)."""
    head: Pairs = []
    while i0 < i1 and j0 < j1 and _alike(first, second, i0, j0):
        head.append(((i0,), (j0,)))
        i0, j0 = i0 + 1, j0 + 1
    tail: Pairs = []
    while i0 < i1 and j0 < j1 and _alike(first, second, i1 - 1, j1 - 1):
        tail.append(((i1 - 1,), (j1 - 1,)))
        i1, j1 = i1 - 1, j1 - 1
    n, m = i1 - i0, j1 - j0
    middle: Pairs
    if not n or not m:
        middle = [((i,), ()) for i in range(i0, i1)] + [((), (j,)) for j in range(j0, j1)]
    elif abs(n - m) <= BAND:
        middle = _programme(first, second, i0, j0, n, m, abs(n - m) + SLACK)
    else:
        middle = _by_kinds(first, second, i0, i1, j0, j1)
    return head + middle + tail[::-1]


def _alike(first: Blocks, second: Blocks, i: int, j: int) -> bool:
    """Blocks of one kind, about as long, sharing their values: the same block, without a doubt."""
    if first.kinds[i] != second.kinds[j] or first.anchors[i] != second.anchors[j]:
        return False
    ratio = second.sizes[j] / (first.sizes[i] * second.scale)
    return 0.6 <= ratio <= 1.7


def _programme(first: Blocks, second: Blocks, i0: int, j0: int, n: int, m: int, band: int) -> Pairs:
    """Dynamic programming over a band of the diagonal: the alignment of the highest score, where
    a pair scores by kind, shared values and size, and leaving a block unpaired scores nothing."""
    best: dict[tuple[int, int], tuple[float, tuple[int, int], Pair | None]] = {(0, 0): (0.0, (-1, -1), None)}
    for a in range(n + 1):
        centre = a * m / n
        for b in range(max(0, int(centre) - band), min(m, int(centre) + band) + 1):
            here = best.get((a, b))
            if here is None:
                continue
            score = here[0]
            skip_first: Pair = ((i0 + a,), ())
            skip_second: Pair = ((), (j0 + b,))
            moves: list[tuple[float, int, int, Pair] | None] = [(score, a + 1, b, skip_first) if a < n else None,
                                                                (score, a, b + 1, skip_second) if b < m else None]
            if a < n and b < m:
                paired = _score(first, second, (i0 + a,), (j0 + b,))
                if paired is not None:
                    moves.append((score + paired, a + 1, b + 1, ((i0 + a,), (j0 + b,))))
                if a + 1 < n:
                    merged = _score(first, second, (i0 + a, i0 + a + 1), (j0 + b,))
                    if merged is not None:
                        moves.append((score + merged, a + 2, b + 1, ((i0 + a, i0 + a + 1), (j0 + b,))))
                if b + 1 < m:
                    split = _score(first, second, (i0 + a,), (j0 + b, j0 + b + 1))
                    if split is not None:
                        moves.append((score + split, a + 1, b + 2, ((i0 + a,), (j0 + b, j0 + b + 1))))
            for move in moves:
                if move is None:
                    continue
                total, to_a, to_b, pair = move
                known = best.get((to_a, to_b))
                if known is None or total > known[0]:
                    best[to_a, to_b] = (total, (a, b), pair)
    if (n, m) not in best:  # outside the band: cannot happen, the band holds the corner
        return [((i0 + k,), ()) for k in range(n)] + [((), (j0 + k,)) for k in range(m)]
    pairs: Pairs = []
    cell = (n, m)
    while cell != (0, 0):
        _, cell, step = best[cell]
        if step is not None:
            pairs.append(step)
    return pairs[::-1]


def _score(first: Blocks, second: Blocks, mine: tuple[int, ...], theirs: tuple[int, ...]) -> float | None:
    """How well blocks of the first version match blocks of the second: by kind, by the values
    they share, by length (in each version's measure) and by place; None: they cannot be one."""
    if len(mine) == 1 and len(theirs) == 1:
        i, j = mine[0], theirs[0]
        a, b = first.kinds[i], second.kinds[j]
        if a == b:
            score = 3.0
        elif not _compatible(a, b):
            return None
        else:
            score = 2.0 if first.classes[i] == second.classes[j] else 0.5
        values_a, values_b = first.anchors[i], second.anchors[j]
        firm_a, firm_b = first.firm[i], second.firm[j]
        size_a, size_b = first.sizes[i], second.sizes[j]
    else:
        if any(first.classes[i] != "prose" for i in mine) or any(second.classes[j] != "prose" for j in theirs):
            return None
        score = 1.5  # merged or split: prose only
        values_a = first.anchors[mine[0]].union(*(first.anchors[i] for i in mine[1:]))
        values_b = second.anchors[theirs[0]].union(*(second.anchors[j] for j in theirs[1:]))
        firm_a = first.firm[mine[0]].union(*(first.firm[i] for i in mine[1:]))
        firm_b = second.firm[theirs[0]].union(*(second.firm[j] for j in theirs[1:]))
        size_a = sum(first.sizes[i] for i in mine)
        size_b = sum(second.sizes[j] for j in theirs)
    if values_a or values_b:
        # Shared values count; values of one only count against, but for lines of code (translated).
        score += 2 * len(values_a & values_b) - 0.5 * len(firm_a ^ firm_b)
    if first.kinds[mine[0]] == "code" == second.kinds[theirs[0]] and not values_a & values_b \
            and not 1 / 3 <= size_b / size_a <= 3:
        return None  # code blocks that share no line and differ much in length are not one block
    ratio = size_b / (size_a * (1.0 if first.kinds[mine[0]] == "code" else second.scale))  # code is not translated
    if 0.6 <= ratio <= 1.7:
        score += 1.0
    elif ratio < 0.3 or ratio > 3.3:
        score -= 1.5
    score -= DRIFT * abs(first.places[mine[0]] - second.places[theirs[0]])  # versions keep the order and proportions
    return score if score > 0 else None


def _by_kinds(first: Blocks, second: Blocks, i0: int, i1: int, j0: int, j1: int) -> Pairs:
    """A long stretch without anchors, aligned by a diff of its kinds (the programme would cost too much)."""
    import difflib

    pairs: Pairs = []
    matcher = difflib.SequenceMatcher(None, first.kinds[i0:i1], second.kinds[j0:j1], autojunk=False)
    for _, a1, a2, b1, b2 in matcher.get_opcodes():
        paired = min(a2 - a1, b2 - b1)
        pairs.extend(((i0 + a1 + k,), (j0 + b1 + k,)) for k in range(paired))
        pairs.extend(((i0 + a,), ()) for a in range(a1 + paired, a2))
        pairs.extend(((), (j0 + b,)) for b in range(b1 + paired, b2))
    return pairs


class Columns:
    """A group's blocks in columns: one per block of the pivot (blocks merged in some version are
    one column) and one per extra block of the other versions; ``members[c][v]`` holds the
    blocks of version ``v`` in column ``c`` (none: the version lacks it)."""

    __slots__ = ("members", "pivot")

    def __init__(self, versions: Sequence[Sequence[Unit]], pivot: int):
        self.pivot = pivot
        blocks = [Blocks(units) for units in versions]
        count = len(versions)
        pivot_size = len(versions[pivot])
        alignments = {v: align(blocks[pivot], blocks[v]) for v in range(count) if v != pivot}
        # Pivot blocks merged by some version are one column for all.
        joined_with_next = [False] * pivot_size
        for pairs in alignments.values():
            for mine, _ in pairs:
                if len(mine) == 2:
                    joined_with_next[mine[0]] = True
        column_of = []
        column = -1
        for i in range(pivot_size):
            if i == 0 or not joined_with_next[i - 1]:
                column += 1
            column_of.append(column)
        columns = column + 1
        members: list[list[list[int]]] = [[[] for _ in range(count)] for _ in range(columns)]
        for i in range(pivot_size):
            members[column_of[i]][pivot].append(i)
        extras: dict[int, dict[int, list[int]]] = {}  # after pivot column (-1: before the first), by version
        for v, pairs in alignments.items():
            last = -1
            for mine, theirs in pairs:
                if mine:
                    last = column_of[mine[-1]]
                    members[last][v].extend(theirs)
                else:
                    extras.setdefault(last, {}).setdefault(v, []).extend(theirs)
        self.members = []
        for gap in range(-1, columns):
            if gap >= 0:
                self.members.append(tuple(tuple(blocks_of) for blocks_of in members[gap]))
            if gap in extras:
                self.members.extend(_extra_columns(blocks, extras[gap], count))


def _extra_columns(blocks: list[Blocks], extras: dict[int, list[int]], count: int) -> list[tuple[tuple[int, ...], ...]]:
    """The extra blocks of several versions at one place, aligned with each other into columns."""
    base = max(extras, key=lambda v: (len(extras[v]), -v))
    columns: list[list[list[int]]] = [[[] for _ in range(count)] for _ in extras[base]]
    for k, j in enumerate(extras[base]):
        columns[k][base].append(j)
    trailing: list[list[list[int]]] = []
    for v, own in extras.items():
        if v == base:
            continue
        sub_first = Blocks([blocks[base].units[j] for j in extras[base]])
        sub_second = Blocks([blocks[v].units[j] for j in own])
        for mine, theirs in align(sub_first, sub_second):
            if mine:
                columns[mine[0]][v].extend(own[t] for t in theirs)
            else:
                column: list[list[int]] = [[] for _ in range(count)]
                column[v].extend(own[t] for t in theirs)
                trailing.append(column)
    return [tuple(tuple(blocks_of) for blocks_of in column) for column in columns + trailing]
