"""A group's findings: each rule group compares the versions of one ``Group`` in turn, and a
rule says at most ``MAX_FINDINGS`` things of one version (the rule groups import ``comparison``;
this module imports them)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from ..diagnostics import Diagnostic
from . import anchors, code_changes, front_matter, passages, untranslated
from .comparison import Group

MAX_FINDINGS = 10  # per rule and version: beyond that, a count


def check_group(group: Group) -> Iterator[Diagnostic]:
    fences = list(passages.lost_fences(group))  # before anything else: what they explain is not compared
    group.apart = group.find_apart()
    comparisons: tuple[Iterable[Diagnostic], ...] = (
        front_matter.compare(group),
        fences,
        passages.compare(group),
        anchors.compare(group),
        code_changes.compare(group),
        untranslated.compare(group),
    )
    for findings in comparisons:
        yield from at_most(findings, MAX_FINDINGS)


def at_most(findings: Iterable[Diagnostic], limit: int) -> Iterator[Diagnostic]:
    """The first ``limit`` findings of each rule in each version; the last says how many more.

    Two versions that have nothing in common would otherwise get a finding per block.
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
