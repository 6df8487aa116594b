"""What is not translated, compared block by block: URLs (TRN001) and the identifiers in them
(TRN002), numbers of every size (TRN003), timestamps (TRN004).

In aligned blocks, a URL that is missing is reported at the block where it should be, and a
URL damaged by translation (full-width punctuation, a space inside) is named as such. Numbers
and timestamps are reported when one was replaced by another: a translation spells small
numbers out, or writes ``two weeks`` as ``14 days``, without a value of its own replacing one.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from .comparison import Group, items
from .messages import count, kind_name, listing, quote, short
from .summaries import url_text
from .urls import split_identifier
from .values import components


def compare(group: Group) -> Iterator[Diagnostic]:
    hosts: dict[str, set[int]] | None = None
    for column in range(len(group.columns)):
        present = group.present(column)
        if len(present) < 2 or group.agreeing(column, present):
            continue
        if hosts is None:
            hosts = _hosts(group)
        yield from _urls(group, column, present, hosts)
        yield from _values(group, column, present, "numbers", "TRN003", "number")
        yield from _values(group, column, present, "times", "TRN004", "timestamp")


# -- URLs ------------------------------------------------------------------------------------------

_DEBRIS = ("&gt;", "&lt;", "][")  # markup left in a URL: a broken link, whatever it links


def _hosts(group: Group) -> dict[str, set[int]]:
    """The other sites (domains) the versions link, each with the versions that link it."""
    hosts: dict[str, set[int]] = {}
    for v, version in enumerate(group.versions):
        for unit in version.units:
            for item in unit.urls:
                host = _host(item[0][0])
                if host:
                    hosts.setdefault(host, set()).add(v)
    return hosts


def _host(key: str) -> str:
    """The site of a URL's key, as its domain (``cache.ruby-lang.org`` is ``ruby-lang.org``,
    ``sozluk.gov.tr`` itself); empty for a page of the site itself or an identifier."""
    host = key.partition("/")[0]
    if "." not in host or ":" in host:
        return ""
    labels = host.split(".")
    kept = 3 if len(labels) > 2 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2  # gov.tr, co.uk
    return ".".join(labels[-kept:])


def _urls(group: Group, column: int, present: list[int], hosts: dict[str, set[int]]) -> Iterator[Diagnostic]:
    links = {v: _unique(items(group.units(column, v), "urls")) for v in present}
    exact = {v: frozenset(item[0][0] for item in found) for v, found in links.items()}
    if len(set(exact.values())) < 2:
        return
    keys = {v: (exact[v] | frozenset(item[0][2] for item in found), frozenset(item[0][1] for item in found))
            for v, found in links.items()}

    def unmatched(v: int, w: int) -> list[tuple]:
        theirs_paths, theirs_local = keys[w]
        return [item for item in links[v] if item[0][0] not in theirs_paths and item[0][1] not in theirs_local
                and item[0][2] not in theirs_paths and not _same_page(item[0][0], theirs_paths)]

    for version, other, agreeing in group.odd_ones(present, lambda v, w: not unmatched(v, w) and not unmatched(w, v)):
        extra, missing = _localised(unmatched(version, other), unmatched(other, version), hosts, version)
        if extra or missing:
            yield from _url_findings(group, column, version, other, agreeing, present, extra, missing)


def _localised(extra: list[tuple], missing: list[tuple], hosts: dict[str, set[int]], version: int) -> tuple[list, list]:
    """``extra`` and ``missing`` without the links a version chose for its readers: a page of
    another site that only this version links anywhere (a grammar, a shop, a user group in its
    language), in place of a link to another site, or added."""
    def own(item: tuple) -> bool:
        host = _host(item[0][0])
        return bool(host) and hosts.get(host) == {version} and not any(debris in item[1] for debris in _DEBRIS)

    kept_extra, kept_missing = [], list(missing)
    for index, item in enumerate(extra):
        replaced = missing[index] if index < len(missing) else None
        if not own(item) or replaced is not None and not _host(replaced[0][0]):
            kept_extra.append(item)  # not its own, or in place of a page of the site
        elif replaced is not None:
            kept_missing.remove(replaced)  # an outside resource replaced by one in this version's language
    return kept_extra, kept_missing


def _same_page(key: str, theirs: frozenset) -> bool:
    """Whether a page of the site is one of ``theirs`` named from another folder or site: a link
    relative to the version (``./helm.md`` in ``i18n/el/…/version-3/helm/``) and one from the
    site's root (``/helm/helm.md``), or a page of this site and the same page of the original's
    (``/techniques/validation`` on a translation's own site, ``docs.nestjs.com/techniques/validation``),
    end alike, over two folders or more."""
    for other in theirs:
        if other != key and (key.startswith("/") or other.startswith("/")):
            shorter, longer = sorted((key, other), key=len)
            if shorter.startswith("/") and shorter.count("/") >= 2 and longer.endswith(shorter):
                return True
    return False


def _unique(found: list[tuple]) -> list[tuple]:
    """A block's URLs, each once: a link whose text is its URL is one link."""
    seen, unique = set(), []
    for item in found:
        if item[0][0] not in seen:
            seen.add(item[0][0])
            unique.append(item)
    return unique


def _url_findings(group: Group, column: int, version: int, reference: int, agreeing: list[int], present: list[int],
                  extra: list[tuple], missing: list[tuple]) -> Iterator[Diagnostic]:
    mine = group.versions[version]
    units = group.units(column, version)
    block = units[0]
    where = group.elsewhere(version, reference, agreeing, present, missing[0][2] if missing else group.units(column, reference)[0].start)
    damaged = [found for unit in units for found in (unit.damaged or ())]
    damaged += [(url_text(item[1]), item[1], item[2], item[3]) for item in extra if not item[1].isascii()]
    for wanted in list(missing):
        text = url_text(wanted[1])
        copy = next((found for found in damaged if found[0] == text or found[0].startswith(text)), None)
        if copy is None:
            continue
        missing.remove(wanted)
        extra = [item for item in extra if not copy[2] <= item[2] < copy[3]]
        damaged.remove(copy)
        yield group.report(version, "TRN001", mine.location(copy[2], copy[3]),
                           f"URL damaged by translation: {quote(copy[1])} here is {short(wanted[1])} in {where}{where.note}")
    for item, wanted in zip(list(extra), list(missing)):
        extra.remove(item)
        missing.remove(wanted)
        ours, theirs = split_identifier(item[0][0]), split_identifier(wanted[0][0])
        if ours and theirs and ours[0] == theirs[0]:
            yield group.report(version, "TRN002", mine.location(item[2], item[3]), f"{ours[0]} {ours[1]} here but {theirs[1]} in {where}{where.note}")
        else:
            yield group.report(version, "TRN001", mine.location(item[2], item[3]),
                               f"URL {short(item[1])} here but {short(wanted[1])} in {where}{where.note}")
    if missing:
        yield group.report(version, "TRN001", mine.at(block),
                           f"{count(len(missing), 'URL')} of {where} missing in this {kind_name(block.kind)}: "
                           f"{listing([item[1] for item in missing])}{where.note}")
    if extra:
        yield group.report(version, "TRN001", mine.location(extra[0][2], extra[0][3]),
                           f"{count(len(extra), 'URL')} here not in {where}: {listing([item[1] for item in extra])}{where.note}")


# -- numbers and timestamps ------------------------------------------------------------------------

def _values(group: Group, column: int, present: list[int], field: str, code: str, label: str) -> Iterator[Diagnostic]:
    found = {v: items(group.units(column, v), field) for v in present}
    values = {v: Counter(item[0] for item in found[v]) for v in present}
    first = values[present[0]]
    if all(values[v] == first for v in present[1:]):
        return
    places = {v: _places(group.units(column, v)) for v in present}
    replacements: dict[tuple[int, int], list[tuple[tuple, tuple]]] = {}

    def replaced(v: int, w: int) -> list[tuple[tuple, tuple]]:
        if (v, w) not in replacements:
            replacements[v, w] = _replaced(found[v], found[w], values[v], values[w], places[v], places[w])
        return replacements[v, w]

    for version, other, agreeing in group.odd_ones(present, lambda v, w: not replaced(v, w) and not replaced(w, v)):
        pairs = replaced(version, other)
        if not pairs:
            continue
        ours = list(dict.fromkeys(mine[1] for mine, _ in pairs))
        theirs = list(dict.fromkeys(wanted[1] for _, wanted in pairs))
        where = group.elsewhere(version, other, agreeing, present, pairs[0][1][2])
        plural = "s" if len(ours) > 1 else ""
        yield group.report(version, code, group.versions[version].location(pairs[0][0][2], pairs[0][0][3]),
                           f"{label}{plural} {listing(ours)} here but {listing(theirs)} in {where}{where.note}")


def _places(units: list) -> tuple[int, int]:
    """Where a version's blocks of a column start, and how long they are: an item's place in them."""
    return units[0].start, max(units[-1].end - units[0].start, 1)


def _replaced(mine: list[tuple], theirs: list[tuple], my_values: Counter, their_values: Counter,
              my_place: tuple[int, int], their_place: tuple[int, int]) -> list[tuple[tuple, tuple]]:
    """Values of ``mine`` that replaced values of ``theirs``: left over on both sides (a number
    before a multiplier read as its digits too), and paired with one of about the same size at
    about the same place in the block. A value left over on one side only was spelled out."""
    ours = _taken(mine, my_values - their_values)
    rest = _taken(theirs, their_values - my_values)
    if not ours or not rest:
        return []
    ours, rest = _without_parts(ours, rest), _without_parts(rest, ours)
    # A date's month left over (``12024.10.31``): the other version names the month (``October``).
    ours, rest = [item for item in ours if not _in_date(item)], [item for item in rest if not _in_date(item)]
    pairs = []
    for item in ours:
        place = (item[2] - my_place[0]) / my_place[1]
        best = None
        for candidate in rest:
            distance = abs((candidate[2] - their_place[0]) / their_place[1] - place)
            if distance <= PLACE and _comparable(item[0], candidate[0]) and (best is None or distance < best[0]):
                best = (distance, candidate)
        if best is not None:
            rest.remove(best[1])
            pairs.append((item, best[1]))
    return pairs


def _in_date(item: tuple) -> bool:
    """A number that is one of three or more groups of digits written as one (``31.10.12024``)."""
    return len(item) > 4 and item[4] is None and len(components(item[1])) >= 3


PLACE = 0.35  # how far apart, as a share of the block, a value and the one it replaced may be


def _without_parts(items_: list[tuple], others: list[tuple]) -> list[tuple]:
    """``items_`` without the multiplied numbers whose digits ``others`` has as numbers of their own."""
    plain = Counter(item[0] for item in others)
    kept = []
    for item in items_:
        parts = item[4] if len(item) > 4 else None
        if parts and not Counter(parts) - plain:
            continue
        kept.append(item)
    return kept


def _comparable(value, other) -> bool:
    """Whether ``other`` may be what ``value`` replaced: numbers of about as many digits (not
    ``2018`` and ``18年``, nor ``10,000`` and a ``nine`` written as ``9`` elsewhere); any two
    timestamps."""
    return not isinstance(value, str) or abs(len(value) - len(other)) <= 1


def _taken(found: list[tuple], wanted: Counter) -> list[tuple]:
    """The items of ``found`` whose values ``wanted`` counts, in order, each as often as counted."""
    left, taken = Counter(wanted), []
    for item in found:
        if left[item[0]] > 0:
            left[item[0]] -= 1
            taken.append(item)
    return taken
