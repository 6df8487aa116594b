"""A group's versions aligned block by block (``Group``), as each rule group compares them
(``checks`` runs the rule groups).

The version that disagrees is found by majority, block by block: the odd one out is reported,
even when it is the original (the message says so). With two versions, or no majority, the
original (``translated: false``, else the version in ``original-language``) is the reference,
and the message names both sides.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..diagnostics import Diagnostic
from ..registry import Location
from .alignment import Columns, scale
from .summaries import Unit

MIN_COVERAGE = 0.5  # of blocks aligned: below, two versions are not compared block by block
MIN_BLOCKS = 6  # a post this short is always compared

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from typing import Any

    from .linter import TranslationsLinter


class Version:
    """A version's path and summary, and the line and column of an offset in it."""

    __slots__ = ("path", "summary", "units", "line_starts", "full_language", "language")

    def __init__(self, path: str, summary: dict, language: str | None = None):
        """``language``: the one the version's place in the site gives, when the post says none."""
        self.path, self.summary = path, summary
        self.units: Sequence[Unit] = summary.get("units", ())
        self.line_starts = summary.get("line_starts", (0,))
        self.full_language = summary.get("language") or language
        self.language = self.full_language.split("-")[0] if self.full_language else None

    def line(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def location(self, start: int, end: int) -> Location:
        """The ``Location`` of offsets of the summary, as ``CrossFileLinter.location`` gives it."""
        end = max(end, start)
        line, end_line = self.line(start), self.line(end)
        return Location(line, start - self.line_starts[line - 1] + 1,
                        end_line, end - self.line_starts[end_line - 1] + 1, start, end)

    def at(self, unit: Unit) -> Location:
        """A block's first line."""
        return self.location(unit.start, unit.line_end)


class Group:
    """One group's versions, its original, its columns of aligned blocks, and what the rule
    groups share: the pairs (column, version) a finding already covers, the string literals a
    version translated (by version and reference), the linter that words the findings."""

    __slots__ = ("versions", "linter", "original", "declared", "pivot", "columns", "blocks", "explained", "literals", "scales",
                 "apart", "_agreeing")

    def __init__(self, versions: list[Version], linter: TranslationsLinter):
        self.versions, self.linter = versions, linter
        self.original, self.declared = _original(versions, linter.original_language)
        self.pivot = pivot = self.original if self.original is not None else 0
        self.columns = Columns([version.units for version in versions], pivot).members
        self.blocks = [[[versions[v].units[i] for i in blocks] for v, blocks in enumerate(members)] for members in self.columns]
        self.explained: set[tuple[int, int]] = set()
        self._agreeing: dict[int, bool] = {}
        self.literals: dict[tuple[int, int], dict[str, str]] = {}
        self.scales = [self._scale(v) for v in range(len(versions))]
        self.apart: set[int] = set()  # versions too unlike the pivot to compare block by block: see ``find_apart``

    def report(self, version: int, code: str, location: Location, message: str) -> Diagnostic:
        return self.linter.diagnostic_at(self.versions[version].path, code, location, message)

    def _scale(self, version: int) -> float:
        """How much longer this version's prose is than the pivot's, over the blocks both have."""
        mine = theirs = 0
        for blocks in self.blocks:
            if blocks[version] and blocks[self.pivot]:
                mine += sum(unit.size for unit in blocks[version] if unit.kind != "code")
                theirs += sum(unit.size for unit in blocks[self.pivot] if unit.kind != "code")
        return scale(theirs, mine)

    def find_apart(self) -> set[int]:
        """The versions that align with the pivot over less than half of their blocks or of its
        (a short post is always compared; blocks a lost fence explains do not count)."""
        apart = set()
        for version in range(len(self.versions)):
            columns = [members for c, members in enumerate(self.columns) if (c, version) not in self.explained]
            mine = sum(1 for members in columns if members[version])
            theirs = sum(1 for members in columns if members[self.pivot])
            shared = sum(1 for members in columns if members[version] and members[self.pivot])
            if version != self.pivot and max(mine, theirs) >= MIN_BLOCKS and shared < MIN_COVERAGE * max(mine, theirs):
                apart.add(version)
        return apart

    def size(self, column: int, version: int) -> float:
        """The size of a version's blocks in a column, in the pivot's measure (languages differ in length)."""
        return sum(unit.size for unit in self.units(column, version)) / self.scales[version]

    def units(self, column: int, version: int) -> list[Unit]:
        return self.blocks[column][version]

    def agreeing(self, column: int, present: list[int]) -> bool:
        """Whether the versions' blocks of a column hold the same URLs, numbers, timestamps, inline
        code and code, as written: nothing to compare there (most columns)."""
        agreeing = self._agreeing.get(column)
        if agreeing is None:
            first = _values(self.blocks[column][present[0]])
            agreeing = self._agreeing[column] = all(_values(self.blocks[column][v]) == first for v in present[1:])
        return agreeing

    def present(self, column: int) -> list[int]:
        """The versions with blocks in a column (a version apart from the pivot is not compared)."""
        return [v for v, blocks in enumerate(self.columns[column]) if blocks and v not in self.apart]

    def belongs(self, column: int) -> bool:
        """Whether a column's blocks belong in every version: the declared original has them (a
        translation cannot add what its original lacks; what the original lacks and every
        translation has, the original lost), else what the original has, alone or with some
        translations (the others were not updated with them), else most versions have them, else, with no
        majority, the original has them (or, with no original, any version)."""
        present = self.present(column)
        count = len(self.versions)
        if self.declared:
            return self.original in present or len(present) * 2 > count
        if self.original is not None and self.original in present and len(present) < count - 1:
            return True  # the original has them, alone or with a translation: the others lag behind it
        if self.original is not None and 1 < len(present) < count - 1:
            return False  # translations agree on what the original lacks: they lag behind its update
        if len(present) * 2 != count:
            return len(present) * 2 > count
        return self.original in present if self.original is not None else True

    def reference(self, present: list[int], agree: Callable[[int, int], bool]) -> tuple[int | None, list[int]]:
        """The version the others of ``present`` are compared with, and the versions that agree
        with it. A declared original is the reference unless it is the odd one out (the
        translations, two or more, agree with each other and not with it); else the version most
        agree with, if a majority does, but the original if a translation agrees with it; else the
        original; else, between two versions, the first. None: no reference."""
        original = self.original
        if self.declared and original in present:
            translations = [v for v in present if v != original]
            if len(translations) > 1 and not agree(original, translations[0]) \
                    and all(agree(translations[0], v) for v in translations[1:]):
                return translations[0], translations
            return original, [v for v in present if v == original or agree(original, v)]
        agreeing = {v: [w for w in present if w == v or agree(v, w)] for v in present}
        if original in present and len(agreeing[original]) > 1:
            # The original and a translation agree: the others lag behind a change of the
            # original, however many they are (a site's translations are updated one by one).
            return original, agreeing[original]
        best = max(present, key=lambda v: (len(agreeing[v]), v == original, -v))
        if len(agreeing[best]) * 2 > len(present):
            return best, agreeing[best]
        if original in present:
            return original, agreeing[original]
        if len(present) == 2:
            return present[0], agreeing[present[0]]
        return None, []

    def odd_ones(self, present: list[int], agree: Callable[[int, int], bool]) -> Iterator[tuple[int, int, list[int]]]:
        """Each version to report among ``present`` (see ``reference`` and ``culprits``), with the
        version it is compared with and the versions that agree with the reference."""
        reference, agreeing = self.reference(present, agree)
        if reference is None:
            return
        for version in self.culprits(present, agreeing, reference):
            yield version, counterpart(version, reference, present), agreeing

    def culprits(self, present: list[int], agreeing: list[int], reference: int) -> list[int]:
        """Who is reported for a disagreement in a column: the odd ones out; with two versions and
        no majority, the translation (or, with no original, both)."""
        odd = [v for v in present if v not in agreeing and v not in self.apart]
        if len(present) == 2 and odd and self.original not in present:
            return present  # no majority, no original: both are named, neither blamed
        return odd

    def elsewhere(self, version: int, reference: int, agreeing: list[int], present: list[int], offset: int) -> Elsewhere:
        """Where the reference says otherwise: its path and line and how many agree; its ``note``
        (for the end of the message) says whether the version that disagrees is the declared
        original, or one of two with no majority."""
        others = len([v for v in agreeing if v != reference and v != version])
        text = f"{self.versions[reference].path} line {self.versions[reference].line(offset)}"
        if others:
            text += f" (and {others} other version{'s' if others > 1 else ''})"
        note = ""
        if version == self.original and self.declared and len(agreeing) > 1:
            note = ": this is the declared original (translated: false), and its translations agree with each other"
        elif len(present) == 2 and not (self.declared and self.original in present):
            note = ": the two versions disagree"
        return Elsewhere(text, note)


class Elsewhere(str):
    """The other versions a finding names, as text; ``note``, what the message ends with."""

    note: str

    def __new__(cls, text: str, note: str) -> Elsewhere:
        where = super().__new__(cls, text)
        where.note = note
        return where


def _values(units: list[Unit]) -> tuple:
    if len(units) == 1:
        unit = units[0]
        code = tuple(line for line, _, _ in unit.lines[1]) if unit.kind == "code" else ()
        return tuple(item[0][0] for item in unit.urls), tuple(item[0] for item in unit.numbers), \
            tuple(item[0] for item in unit.times), tuple(item[0] for item in unit.code), code
    return tuple(_values([unit]) for unit in units)


def _original(versions: list[Version], original_language: str) -> tuple[int | None, bool]:
    """The version the others were translated from, and whether its front matter says so.

    The one with ``translated: false``; else the one in ``original-language``.
    """
    declared = [i for i, version in enumerate(versions) if version.summary.get("translated") is False]
    if len(declared) == 1:
        return declared[0], True
    by_language = [i for i, version in enumerate(versions) if version.full_language == original_language]
    if not by_language:  # en-US for en
        by_language = [i for i, version in enumerate(versions) if version.language == original_language.split("-")[0]]
    return (by_language[0] if len(by_language) == 1 else None), False


def counterpart(version: int, reference: int, present: list[int]) -> int:
    """What a version is compared with: the reference, or, for the reference itself (one of two
    versions with no majority and no original), the other version."""
    return reference if version != reference else next(v for v in present if v != version)


def items(units: Iterable[Unit], field: str) -> list[tuple[Any, ...]]:
    """The items of one kind (``urls``, ``numbers``, ``times``, ``code``) of a version's blocks in a column."""
    found: list = []
    for unit in units:
        found.extend(getattr(unit, field))
    return found
