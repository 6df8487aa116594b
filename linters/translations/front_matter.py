"""Front matter values that must be the same in every version (TRN009): keys listed under
``matching-front-matter``, which describe the post, not its language. A key absent from a
version is not compared; the version that disagrees is found by majority."""
from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from .comparison import Group


def compare(group: Group) -> Iterator[Diagnostic]:
    versions = group.versions
    keys = sorted({key for version in versions for key in version.summary.get("front", {})})
    for key in keys:
        values = {v: version.summary["front"][key] for v, version in enumerate(versions) if key in version.summary.get("front", {})}
        present = list(values)
        if len(present) < 2 or len({value[0] for value in values.values()}) < 2:
            continue
        for version, other, agreeing in group.odd_ones(present, lambda v, w: values[v][0] == values[w][0]):
            value, start, end = values[version]
            where = group.elsewhere(version, other, agreeing, present, values[other][1])
            yield group.report(version, "TRN009", versions[version].location(start, end),
                               f"front matter '{key}' is {value} here but {values[other][0]} in {where}{where.note}")
