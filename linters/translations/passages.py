"""Blocks missing or extra (TRN008; TRN006 for code blocks), a code block whose fences a version
lost, headings that changed level or became prose. A run of missing blocks is one finding, not
one per URL, list item or heading inside it; a version that ends early says so."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from .comparison import Group
from .messages import count, kind_name, lines_of, listing
from .summaries import MIN_KEYED_LINE, Unit, line_key

LOST_FENCE_LINES = 3  # lines of a code block found as prose that show its fences were lost
OUT_OF_DATE_RUNS = 4  # passages missing or extra in a version, from which they are one finding
_PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
FIGURE_TEXT = 160  # characters of a picture's description, besides its URL
SMALL_RUN = 2  # paragraphs without anything untranslated: too few to tell from a merge or a split
FRAGMENT = 120  # characters (in the pivot's measure) of such a run that are too few to be a passage


ABSORBED = 1.4  # how far apart the lengths of a block and its counterpart may be, once a run is added to one


def compare(group: Group) -> Iterator[Diagnostic]:
    """Versions apart, headings, missing and extra blocks; after ``lost_fences``. Not where the
    original has no blocks at all (a page its generator fills from a template)."""
    if group.original is not None and not group.versions[group.original].units:
        return
    yield from _apart(group)
    yield from _headings(group)
    for version in range(len(group.versions)):
        if version not in group.apart:
            yield from _out_of_date(list(_runs(group, version)))


def _out_of_date(found: list[Diagnostic]) -> Iterator[Diagnostic]:
    """A version's passages missing or extra, one finding each; but many of them are one defect,
    a version not updated when the others were (a translation behind its original, or an
    original rewritten since): one finding, that names where."""
    if len(found) < OUT_OF_DATE_RUNS:
        yield from found
        return
    lines = listing([str(diagnostic.line) for diagnostic in found])
    first = found[0]
    yield first.with_message(f"this version and the others differ in {len(found)} passages (lines {lines}): one was "
                             f"updated and the other not; the first: {first.message}")


def _apart(group: Group) -> Iterator[Diagnostic]:
    """A version that does not align with the pivot over most of their blocks: one finding, not
    one per block (it was rewritten, or it is not a translation of the other)."""
    pivot = group.versions[group.pivot]
    for version in sorted(group.apart):
        mine = group.versions[version]
        shared = sum(1 for members in group.columns if members[version] and members[group.pivot])
        location = mine.at(mine.units[0]) if mine.units else mine.location(*mine.summary["body"])
        yield group.report(version, "TRN008", location,
                           f"this version and {pivot.path} have little in common: only {shared} of its {len(mine.units)} "
                           f"blocks align with the {len(pivot.units)} there; one was rewritten, or is not a translation "
                           f"of the other (they are not compared block by block)")


def lost_fences(group: Group) -> Iterator[Diagnostic]:
    """A code block of some versions whose lines another version has as prose: that version lost
    the fences, whatever the majority (a translation that loses them all is still wrong). Found
    where the version has prose in the block's column or beside it, where the others have none.
    But where the original and most versions have that prose, the few with a code block are the
    odd ones: a fence of theirs is misplaced or unclosed, and swallowed Markdown."""
    columns = group.columns
    for column, members in enumerate(columns):
        holders = [v for v, blocks in enumerate(members) if blocks and group.units(column, v)[0].kind == "code"]
        if not holders:
            continue
        holder = group.original if group.original in holders else holders[0]
        code = group.units(column, holder)[0]
        wanted = {line_key(line) for line, _, _ in code.lines[1] if len(line) >= MIN_KEYED_LINE}
        losers = []
        for version in range(len(group.versions)):
            if version in holders:
                continue
            first, last = _region(group, column, version, holders)
            units = [unit for c in range(first, last + 1) for unit in group.units(c, version)]
            prose = [unit for unit in units if unit.kind != "code"]
            found = [unit for unit in prose if _holds_lines(unit, wanted)]
            matched = len(wanted & {line for unit in prose for line in unit.lines})
            if not found or matched < min(LOST_FENCE_LINES, len(wanted)) and matched * 2 < len(wanted):
                continue
            for c in range(first, last + 1):
                group.explained.update((c, v) for v in range(len(group.versions)))
            losers.append((version, found[0], max(unit.end for unit in units)))
        if group.original is not None and group.original not in holders and len(holders) * 2 < len(holders) + len(losers) \
                and any(version == group.original for version, _, _ in losers):
            original, unit, _ = next(loser for loser in losers if loser[0] == group.original)
            others = len(losers) - 1
            and_others = f" (and {others} other version{'s' if others > 1 else ''})" if others else ""
            for version in holders:
                mine = group.versions[version]
                block = group.units(column, version)[0]
                yield group.report(version, "TRN006", mine.at(block),
                                   f"the code block here ({lines_of(mine, block.start, block.end)}) holds Markdown of "
                                   f"{group.versions[original].path} line {group.versions[original].line(unit.start)}{and_others}: "
                                   f"a fence here is misplaced or unclosed")
            continue
        for version, unit, end in losers:
            mine = group.versions[version]
            yield group.report(version, "TRN006", mine.location(unit.start, unit.line_end),
                               f"the code block of {group.versions[holder].path} line {group.versions[holder].line(code.start)} "
                               f"has lost its fences here: its code is read as Markdown ({lines_of(mine, unit.start, end)})"
                               f"{_original_note(group, version)}")


def _region(group: Group, column: int, version: int, holders: list[int]) -> tuple[int, int]:
    """The column and those beside it where ``version`` has blocks and the holders of the
    column have none."""
    def alone(c: int) -> bool:
        members = group.columns[c]
        return not any(members[h] for h in holders)

    first = column
    while first > 0 and alone(first - 1):
        first -= 1
    last = column
    while last + 1 < len(group.columns) and alone(last + 1):
        last += 1
    return first, last


def _holds_lines(unit: Unit, wanted: set[int]) -> bool:
    return any(line in wanted for line in unit.lines)


def _original_note(group: Group, version: int) -> str:
    if version == group.original and group.declared:
        return " (this is the declared original, translated: false)"
    return ""


def _headings(group: Group) -> Iterator[Diagnostic]:
    """A heading of another level, or a heading that is prose here (a lost ``#``), by majority."""
    for column in range(len(group.columns)):
        present = group.present(column)
        if len(present) < 2:
            continue
        kinds = {v: group.units(column, v)[0].kind for v in present}
        if len(set(kinds.values())) < 2 or not any(kind[0] == "h" for kind in kinds.values()):
            continue
        reference, agreeing = group.reference(present, lambda v, w: kinds[v] == kinds[w])
        if reference is None or len(group.columns[column][reference]) != 1:
            continue
        wanted = kinds[reference]
        for version in group.culprits(present, agreeing, reference):
            if version == reference or kinds[version] == wanted or (wanted[0] != "h" and kinds[version][0] != "h") \
                    or (column, version) in group.explained:  # a lost or misplaced fence, already reported
                continue
            mine = group.units(column, version)[0]
            where = group.elsewhere(version, reference, agreeing, present, group.units(column, reference)[0].start)
            yield group.report(version, "TRN008", group.versions[version].at(mine),
                               f"{kind_name(mine.kind, article=True)} here but {kind_name(wanted, article=True)} in {where}{where.note}")


def _runs(group: Group, version: int) -> Iterator[Diagnostic]:
    """Consecutive columns that belong where this version lacks them (missing), or that do not
    belong where it has them (extra): one finding each."""
    columns, state = group.columns, None
    run: list[int] = []
    for column, members in enumerate(columns):
        if (column, version) in group.explained:
            here = None
        elif members[version]:
            here = None if group.belongs(column) else "extra"
        else:
            here = "missing" if group.belongs(column) else None
        if here != state and run:
            yield from _run(group, version, state, run)
            run = []
        state = here
        if here is not None:
            run.append(column)
    if run:
        yield from _run(group, version, state, run)


def _run(group: Group, version: int, state: str | None, run: list[int]) -> Iterator[Diagnostic]:
    mine = group.versions[version]
    owner = version if state == "extra" else next((v for v in group.present(run[0])), version)
    if all(_figure(unit) for column in run for unit in group.units(column, owner)):
        return  # pictures: a version may show them in HTML (``<figure markdown>``), which is no block of ours
    if state == "extra":
        units = [unit for column in run for unit in group.units(column, version)]
        absent = [v for v in range(len(group.versions))
                  if v != version and v not in group.apart and not any(group.columns[c][v] for c in run)]
        if not units or not absent:
            return
        reference = group.original if group.original in absent else absent[0]
        if not _notable(units) and (_small(units) and _fragment(group, version, units)
                                    or _absorbed(group, version, run, units, version, reference)):
            return
        code = "TRN006" if all(unit.kind == "code" for unit in units) else "TRN008"
        others = len(absent) - 1
        where = f"{group.versions[reference].path}{f' (and {others} other version' + ('s' if others > 1 else '') + ')' if others else ''}"
        yield group.report(version, code, mine.at(units[0]),
                           f"{_listing(units)} here ({lines_of(mine, units[0].start, units[-1].end)}) "
                           f"{'is' if len(units) == 1 else 'are'} not in {where}{_original_note(group, version)}")
        return
    holders = [v for v in group.present(run[0]) if all(group.columns[c][v] for c in run)] or group.present(run[0])
    holder = group.original if group.original in holders else holders[0]
    theirs = group.versions[holder]
    units = [unit for column in run for unit in group.units(column, holder)]
    following = next((group.units(c, version)[0] for c in range(run[-1] + 1, len(group.columns)) if group.columns[c][version]), None)
    at_end = following is None
    if not units or at_end and len(units) < 3 and not _notable(units):
        return
    if not at_end and _small(units) and all(unit.kind != "li" for unit in units) \
            and (_fragment(group, holder, units) or _absorbed(group, version, run, units, holder, holder)):
        return  # one or two paragraphs merged into the one beside them
    code = "TRN006" if all(unit.kind == "code" for unit in units) else "TRN008"
    others = len(holders) - 1
    where = f"{theirs.path} ({lines_of(theirs, units[0].start, units[-1].end)} there"
    where += f"; and {others} other version{'s' if others > 1 else ''})" if others else ")"
    if at_end:
        last = mine.units[-1] if mine.units else None
        location = mine.at(last) if last is not None else mine.location(*mine.summary["body"])
        message = f"the post ends early: {_listing(units)} of {where} are missing after this"
    else:
        location = mine.at(following)  # type: ignore[arg-type]  # not at the end: a block follows
        message = f"{_listing(units)} of {where} {'is' if len(units) == 1 else 'are'} missing here"
    yield group.report(version, code, location, message + _original_note(group, version))


def _figure(unit: Unit) -> bool:
    """A paragraph of one line that is a picture and its description: ``![Sign-up window](images/b.png)``."""
    return unit.kind == "p" and bool(unit.urls) and unit.line_end >= unit.end and not unit.code and not unit.times \
        and (unit.text is None or unit.text[1] <= FIGURE_TEXT) \
        and all(item[1].lower().rsplit("?", 1)[0].endswith(_PICTURES) for item in unit.urls)


def _small(units: list[Unit]) -> bool:
    """A run of one or two paragraphs with nothing untranslated in them: a translation may have
    merged or split paragraphs there, which alignment cannot tell from one dropped or added."""
    return len(units) <= SMALL_RUN and not _notable(units)


def _fragment(group: Group, version: int, units: list[Unit]) -> bool:
    """A few words of a sentence cut by a formula or an image (``を得る。``): not a passage."""
    return sum(unit.size for unit in units) / group.scales[version] < FRAGMENT


def _notable(units: list[Unit]) -> bool:
    """Whether a run holds what a merge or a split does not explain: a heading, a table, code,
    a link, a timestamp."""
    return any(unit.kind not in ("p", "li", "quote") or unit.urls or unit.times or unit.code for unit in units)


def _absorbed(group: Group, version: int, run: list[int], units: list[Unit], owner: int, other: int) -> bool:
    """Whether a block beside the run, in this version, is as long as its counterpart with the
    run's blocks added to the shorter side: a paragraph split in pieces (a poem's stanzas), or
    paragraphs merged into one. ``owner``: the version whose blocks the run holds; ``other``: the
    version compared with."""
    run_size = sum(unit.size for unit in units) / group.scales[owner]
    beside = [column for column in (run[0] - 1, run[-1] + 1)
              if 0 <= column < len(group.columns) and group.columns[column][version] and group.columns[column][other]]
    for columns in [[column] for column in beside] + ([beside] if len(beside) == 2 else []):
        mine = sum(group.size(column, version) for column in columns)
        theirs = sum(group.size(column, other) for column in columns)
        if owner == version:
            mine += run_size
        else:
            theirs += run_size
        if 1 / ABSORBED <= mine / theirs <= ABSORBED:
            return True
    return False


def _listing(units: list[Unit]) -> str:
    kinds = Counter(kind_name(unit.kind) for unit in units)
    listed = ", ".join(count(number, kind) for kind, number in kinds.items())
    links = len({item[0][0] for unit in units for item in unit.urls})
    return listed + (f" (with {count(links, 'link')})" if links else "")
