"""The findings of each rule group, worded: what differs, here and in which other version."""
from __future__ import annotations

from collections import Counter, namedtuple
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from .urls import split_identifier

SHOWN = 80  # characters of a value quoted in a message

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from .comparison import Group


class Divergence(namedtuple("Divergence", "version operation item other where index")):
    """One difference of a version from the others: ``operation`` is ``changed`` (``item``, located,
    where the others have ``other``), ``extra`` (``item`` is in no other version) or ``missing``
    (``other``, the located items of the others, missing here at the location ``item``);
    ``where`` names the other versions, ``index`` is the position in this version's sequence."""

    __slots__ = ()


def url_findings(group: Group, found: Divergence) -> Iterator[Diagnostic]:
    version, item, other, where, index = found.version, found.item, found.other, found.where, found.index
    if found.operation == "changed":
        mine, theirs = split_identifier(item[0]), split_identifier(other[0])
        if mine and theirs and mine[0] == theirs[0]:
            yield group.report(version.path, "TRN002", item[2], f"{mine[0]} {mine[1]} here but {theirs[1]} in {where}")
        else:
            yield group.report(version.path, "TRN001", item[2],
                               f"URL {index + 1} is {short(item[1])} here but {short(other[1])} in {where}")
    elif found.operation == "extra":
        yield group.report(version.path, "TRN001", item[2], f"URL {index + 1} ({short(item[1])}) is not in {where}")
    else:
        yield group.report(version.path, "TRN001", item,
                           f"{count(len(other), 'URL')} of {where} missing here: "
                           f"{listing([url for _, url, _ in other])} (line {other[0][2].line} there)")


def timestamp_findings(group: Group, found: Divergence) -> Iterator[Diagnostic]:
    item, other, where = found.item, found.other, found.where
    if found.operation == "changed":
        message = f"timestamp {item[1]} here but {other[1]} in {where}"
    elif found.operation == "extra":
        message = f"timestamp {item[1]} is not in {where}"
    else:
        message = (f"{count(len(other), 'timestamp')} of {where} missing here: "
                   f"{listing([shown for _, shown, _ in other])} (line {other[0][2].line} there)")
        item = (None, None, item)
    yield group.report(found.version.path, "TRN004", item[2], message)


def code_findings(group: Group, found: Divergence) -> Iterator[Diagnostic]:
    version, item, other, where, index = found.version, found.item, found.other, found.where, found.index
    if found.operation == "changed":
        yield from _code_change(group, found)
    elif found.operation == "extra":
        yield group.report(version.path, "TRN006", item[2], f"code block {index + 1} ({item[1]}) is not in {where}")
    else:
        lines = ", ".join(str(block[2].line) for block in other[:5])
        yield group.report(version.path, "TRN006", item,
                           f"{count(len(other), 'code block')} of {where} missing here "
                           f"(line{'s' if len(other) > 1 else ''} {lines}{', …' if len(other) > 5 else ''} there)")


def _code_change(group: Group, found: Divergence) -> Iterator[Diagnostic]:
    version, item = found.version, found.item
    mine, theirs = item[3], found.other[3]
    import difflib  # imported only when versions are compared, not by every run
    matcher = difflib.SequenceMatcher(None, [line[0] for line in mine], [line[0] for line in theirs], autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            continue
        if operation == "replace":
            location, detail = version.location(*mine[i1][1:]), f"`{short(mine[i1][0])}` here, `{short(theirs[j1][0])}` there"
        elif operation == "delete":
            location, detail = version.location(*mine[i1][1:]), f"`{short(mine[i1][0])}` is not there"
        else:
            location = version.location(*(mine[i1] if i1 < len(mine) else mine[-1])[1:]) if mine else item[2]
            detail = f"`{short(theirs[j1][0])}` is missing here"
        yield group.report(version.path, "TRN007", location, f"code block {found.index + 1} differs from {found.where}: {detail}")
        return  # the first difference locates the change; the rest usually follow from it


def structure_findings(group: Group, found: Divergence) -> Iterator[Diagnostic]:
    item, other, where = found.item, found.other, found.where
    if found.operation == "changed":
        message = f"a {item[1]} here where {where} has a {other[1]} (line {other[2].line} there)"
    elif found.operation == "extra":
        message = f"this {item[1]} is not in {where}"
    else:
        kinds = Counter(kind for kind, _, _ in other)
        listed = ", ".join(count(number, kind) for kind, number in kinds.items())
        message = f"{listed} of {where} missing here (from line {other[0][2].line} there)"
        item = (None, None, item)
    yield group.report(found.version.path, "TRN008", item[2], message)


def and_others(number: int) -> str:
    return f" (and {number} other version{'s' if number > 1 else ''})" if number > 0 else ""


def count(number: int, noun: str) -> str:
    return f"{number} {noun}s" if number > 1 else f"an {noun}" if noun[0] in "aeio" else f"a {noun}"


def listing(values: list[str]) -> str:
    shown = ", ".join(short(value) for value in values[:3])
    return shown + (f" and {len(values) - 3} more" if len(values) > 3 else "")


def quote(value: str, kind: str) -> str:
    return f"`{short(value)}`" if kind == "inline_code" else short(value)


def short(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"
