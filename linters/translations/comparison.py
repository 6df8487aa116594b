"""Comparing the summaries of a group: which version the others follow (a declared original,
else the majority, else the version in ``original-language``), and each rule group's comparison
on one ``Group`` context: sequences (URLs, timestamps, code blocks, structure) aligned with the
consensus, values (numbers, inline code) compared as sets, front matter keys one by one."""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from ..diagnostics import Diagnostic
from ..registry import Location
from .messages import (Divergence, and_others, code_findings, quote, structure_findings, timestamp_findings,
                       url_findings)

MAX_FINDINGS = 10  # per rule and version: beyond that, a count
MAX_PAIRED = 300  # replaced values paired per version: pairing costs the product of the counts
PAIRING_DISTANCE = 0.1  # of a post's length: how far apart a replaced value and its replacement may be

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from typing import Any

    from .linter import TranslationsLinter
    from .summaries import Item, Summary

    Findings = Callable[["Group", Divergence], Iterable[Diagnostic]]


class Version:
    """A version's path and summary, and the line and column of an offset in it."""

    __slots__ = ("path", "summary", "line_starts")

    def __init__(self, path: str, summary: Summary):
        self.path, self.summary = path, summary
        self.line_starts = summary.get("line_starts", (0,))

    def line(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def place(self, offset: int) -> float:
        """How far into the post an offset is, by lines: where a replaced value is looked for."""
        return self.line(offset) / max(len(self.line_starts), 1)

    def location(self, start: int, end: int) -> Location:
        """The ``Location`` of offsets of the summary, as ``CrossFileLinter.location`` gives it."""
        end = max(end, start)
        line, end_line = self.line(start), self.line(end)
        return Location(line, start - self.line_starts[line - 1] + 1,
                        end_line, end - self.line_starts[end_line - 1] + 1, start, end)

    def located(self, item: Item) -> Item:
        """A summary item with its offsets (always third and fourth) as one ``Location``."""
        return (*item[:2], self.location(item[2], item[3]), *item[4:])


class Group:
    """What every comparison of one group needs: its versions, the original (its index, and whether
    its front matter declares it), and the linter that words the findings."""

    __slots__ = ("versions", "original", "declared", "linter")

    def __init__(self, versions: list[Version], linter: TranslationsLinter):
        self.versions, self.linter = versions, linter
        self.original, self.declared = _original(versions, linter.original_language)

    def report(self, path: str, code: str, location: Location, message: str) -> Diagnostic:
        return self.linter.diagnostic_at(path, code, location, message)

    def reference(self, values: list, original: int | None) -> Any:
        """The value every version should have: a declared original's, else the majority's, else the original's."""
        if original is not None and self.declared:
            return values[original]
        value, number = Counter(values).most_common(1)[0]
        if number * 2 > len(values):
            return value
        return values[original] if original is not None else None


def check_group(group: Group) -> Iterator[Diagnostic]:
    comparisons = (
        compare_front_matter(group),
        compare_sequence(group, "urls", url_findings),
        compare_sequence(group, "timestamps", timestamp_findings),
        compare_sequence(group, "code_blocks", code_findings),
        compare_sequence(group, "structure", structure_findings),
        compare_values(group, "numbers", "TRN003", "number"),
        compare_values(group, "inline_code", "TRN005", "inline code"),
    )
    for findings in comparisons:
        yield from at_most(findings, MAX_FINDINGS)


def _original(versions: list[Version], original_language: str) -> tuple[int | None, bool]:
    """The version the others were translated from, and whether its front matter says so.

    The one with ``translated: false``; else the one in ``original-language``.
    """
    declared = [i for i, version in enumerate(versions) if version.summary.get("translated") is False]
    if len(declared) == 1:
        return declared[0], True
    by_language = [i for i, version in enumerate(versions) if version.summary.get("language") == original_language]
    return (by_language[0] if len(by_language) == 1 else None), False


def _holder(values: list, reference: Any, original: int | None, exclude: int) -> tuple[int, int]:
    """A version holding the reference value (the original if it does), and how many others do."""
    holders = [i for i, value in enumerate(values) if value == reference and i != exclude]
    chosen = original if original is not None and original in holders else holders[0]
    return chosen, len(holders) - 1


def compare_sequence(group: Group, kind: str, findings: Findings) -> Iterator[Diagnostic]:
    """Sequences that must be equal: the majority's length, then each position's majority.

    Versions of the agreed length are compared position by position with the value most of
    them have there; a longer or shorter one is aligned with that consensus, so a dropped
    item is reported where it is missing, not as a shift of everything after it. The items
    handed to ``findings`` are located: their offsets are one ``Location``.
    """
    versions, original = group.versions, group.original
    sequences = [version.summary.get(kind, []) for version in versions]
    lengths = [len(sequence) for sequence in sequences]
    length = group.reference(lengths, original)
    if length is None:
        return
    full = [i for i, size in enumerate(lengths) if size == length]
    base = original if original is not None and original in full else full[0]
    consensus = [_consensus_at(group, sequences, full, base, position) for position in range(length)]
    for index, version in enumerate(versions):
        mine = sequences[index]
        if lengths[index] == length:
            for position, (value, holder, others) in enumerate(consensus):
                if mine[position][0] != value:
                    where = f"{versions[holder].path}{and_others(others)}"
                    yield from findings(group, Divergence(version, "changed", version.located(mine[position]),
                                                          versions[holder].located(sequences[holder][position]), where, position))
            continue
        holders = [versions[holder] for _, holder, _ in consensus]
        theirs = [sequences[holder][position] for position, (_, holder, _) in enumerate(consensus)]
        where = f"{versions[base].path}{and_others(len(full) - 1)}"
        import difflib  # imported only when versions are compared, not by every run
        matcher = difflib.SequenceMatcher(None, [item[0] for item in mine], [value for value, _, _ in consensus],
                                          autojunk=False)
        for operation, i1, i2, j1, j2 in matcher.get_opcodes():
            if operation == "equal":
                continue
            paired = min(i2 - i1, j2 - j1)
            for offset in range(paired):
                yield from findings(group, Divergence(version, "changed", version.located(mine[i1 + offset]),
                                                      holders[j1 + offset].located(theirs[j1 + offset]), where, i1 + offset))
            for position in range(i1 + paired, i2):
                yield from findings(group, Divergence(version, "extra", version.located(mine[position]), None, where, position))
            if j1 + paired < j2:
                missing = [holders[j].located(theirs[j]) for j in range(j1 + paired, j2)]
                holder_summary = holders[j1 + paired].summary
                near = _missing_at(version.summary, holder_summary, missing[0][2].start) or _near(mine, i2, version.summary)
                yield from findings(group, Divergence(version, "missing", version.location(*near), missing, where, i2))


def _consensus_at(group: Group, sequences: list, full: list[int], base: int, position: int) -> tuple[Any, int, int]:
    """The value at ``position`` of most versions of the agreed length, who holds it, how many others."""
    values = [sequences[i][position][0] for i in full]
    if values.count(values[0]) == len(values):  # the usual case, and the answer of the general one
        return values[0], base, len(full) - 1
    original = group.original
    value = group.reference(values, full.index(original) if original is not None and original in full else None)
    if value is None:
        value = sequences[base][position][0]
    holders = [i for i in full if sequences[i][position][0] == value]
    holder = base if base in holders else holders[0]
    return value, holder, len(holders) - 1


def compare_values(group: Group, kind: str, code: str, label: str) -> Iterator[Diagnostic]:
    """Values in no other version, in a version that lacks a value the others agree on.

    Numbers and inline code are compared as sets: translations reorder sentences and spell
    small numbers out, so only a value that was replaced (one of its own, none of theirs)
    is a divergence worth a finding.
    """
    versions, original, declared = group.versions, group.original, group.declared
    present = [{item[0] for item in version.summary.get(kind, ())} for version in versions]
    support = Counter(value for values in present for value in values)
    number = len(versions)

    def agreed(value: Any) -> bool:
        if original is not None and declared:
            return value in present[original]
        held = support[value]
        if held * 2 == number and original is not None:
            return value in present[original]
        return held * 2 > number

    for index, version in enumerate(versions):
        items = version.summary.get(kind, ())
        own = [item for item in items if support[item[0]] == 1]
        if not own:
            continue
        missing = [value for value in support if agreed(value) and value not in present[index]
                   and not (kind == "inline_code" and group.linter.is_interface_label(value))]
        if not missing:
            continue
        sources: dict[Any, tuple[int, Item]] = {}
        for other_index in ([original] if original is not None else []) + list(range(number)):
            if other_index == index:
                continue
            for item in versions[other_index].summary.get(kind, ()):
                sources.setdefault(item[0], (other_index, item))
        missing.sort(key=lambda value: sources[value][1][2])
        first_item: dict[Any, Item] = {}
        for item in own:
            first_item.setdefault(item[0], item)
        for item, wanted in pair_by_position([(item, version.place(item[2])) for item in list(first_item.values())[:MAX_PAIRED]],
                                             [(value, versions[sources[value][0]].place(sources[value][1][2]))
                                              for value in missing[:MAX_PAIRED]]):
            holder, other = sources[wanted]
            where = f"{versions[holder].path}{and_others(support[wanted] - 1)}"
            yield group.report(version.path, code, version.location(item[2], item[3]),
                               f"{label} {quote(item[1], kind)} here but {quote(other[1], kind)} in {where}")


def compare_front_matter(group: Group) -> Iterator[Diagnostic]:
    versions, original = group.versions, group.original
    keys = {key for version in versions for key in version.summary.get("front", {})}
    for key in sorted(keys):
        holding = [i for i, version in enumerate(versions) if key in version.summary.get("front", {})]
        if len(holding) < 2:
            continue
        values = [versions[i].summary["front"][key][0] for i in holding]
        original_here = holding.index(original) if original in holding else None
        reference = group.reference(values, original_here)
        if reference is None:
            continue
        for position, index in enumerate(holding):
            if values[position] == reference:
                continue
            holder, others = _holder(values, reference, original_here, position)
            where = f"{versions[holding[holder]].path}{and_others(others)}"
            yield group.report(versions[index].path, "TRN009", versions[index].location(*versions[index].summary["front"][key][1:]),
                               f"front matter '{key}' is {values[position]} here but {reference} in {where}")


def at_most(findings: Iterable[Diagnostic], limit: int) -> Iterator[Diagnostic]:
    """The first ``limit`` findings of each rule in each version; the last says how many more.

    Two versions that have nothing in common would otherwise get a finding per link.
    """
    counts: Counter = Counter()
    held = {}  # the limit-th finding of a (path, code), given last with the count beyond it
    for diagnostic in findings:
        key = (diagnostic.path, diagnostic.code)
        counts[key] += 1
        if counts[key] < limit:
            yield diagnostic
        elif counts[key] == limit:
            held[key] = diagnostic
    for key, diagnostic in held.items():
        more = counts[key] - limit
        yield diagnostic.with_message(f"{diagnostic.message} (and {more} more like this here)") if more else diagnostic


def pair_by_position(own: list, wanted: list) -> Iterator[tuple[Any, Any]]:
    """Pair each value of one version with a missing value at about the same place in the post.

    ``own`` holds ``(item, place)``, ``wanted`` holds ``(value, place)``. Versions of one post
    keep its order, so a changed number sits where the original one stood; a value with
    nothing missing near it was rephrased, not replaced.
    """
    free = list(wanted)
    for item, place in own:
        best = None
        for candidate in free:
            distance = abs(candidate[1] - place)
            if distance <= PAIRING_DISTANCE and (best is None or distance < best[0]):
                best = (distance, candidate)
        if best is not None:
            free.remove(best[1])
            yield item, best[1][0]


def _missing_at(summary: Summary, holder: Summary, offset: int) -> tuple[int, int] | None:
    """The block of this version where an item of the holder's would be: same block structure, same place."""
    (starts, ends), theirs = summary.get("blocks", ((), ())), holder.get("blocks", ((), ()))[0]
    if not theirs or len(starts) != len(theirs):
        return None
    index = bisect_right(theirs, offset) - 1
    return (starts[index], ends[index]) if index >= 0 else None


def _near(items: list, index: int, summary: Summary) -> tuple[int, int]:
    """Where something missing before ``items[index]`` is reported: at that item, else at the last block."""
    if index < len(items):
        return items[index][2], items[index][3]
    starts, ends = summary.get("blocks", ((), ()))
    return (starts[-1], ends[-1]) if starts else summary["body"]
