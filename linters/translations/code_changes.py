"""Code compared as code, block by block: code blocks (TRN007) and inline code (TRN005).

What a translation may change (comments, string literals, placeholders, sentences) is decided
by ``code.CodeRules``; code blocks are compared first, so that the string literals a version
translated are known when the output they print is compared, in a block or in inline code.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from .. import languages
from ..diagnostics import Diagnostic
from .code import compare_lines
from .comparison import Group, counterpart, items
from .messages import quote

# A language before a file's extension: ``_index.fa.md``, ``setup-pt_BR.png``.
_FILE_LANGUAGE = re.compile(r"(?<=[._-])[A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?(?=\.[A-Za-z0-9]{1,5}\b)")


def compare(group: Group) -> Iterator[Diagnostic]:
    code_columns, prose_columns = [], []
    for column in range(len(group.columns)):
        present = group.present(column)
        if len(present) < 2 or group.agreeing(column, present):
            continue
        kinds = {group.units(column, v)[0].kind for v in present}
        if kinds == {"code"}:
            code_columns.append((column, present))
        prose_columns.append((column, present))
    for column, present in code_columns:
        yield from _code_block(group, column, present)
    for column, present in prose_columns:
        yield from _inline_code(group, column, present)


def _code_block(group: Group, column: int, present: list[int]) -> Iterator[Diagnostic]:
    rules = group.linter.code_rules
    blocks = {v: group.units(column, v)[0] for v in present}
    info = blocks[group.original if group.original in present else present[0]].lines[0]
    texts = {v: tuple(line for line, _, _ in blocks[v].lines[1]) for v in present}
    if len(set(texts.values())) < 2:
        return
    differences: dict[tuple[int, int], tuple | None] = {}

    def difference(v: int, w: int):
        if (v, w) not in differences:
            same = texts[v] == texts[w]
            differences[v, w] = None if same else compare_lines(rules, blocks[v].lines[1], blocks[w].lines[1], info,
                                                                group.literals.setdefault((v, w), {}))
        return differences[v, w]

    reference, agreeing = group.reference(present, lambda v, w: difference(v, w) is None or difference(w, v) is None)
    if reference is None:
        return
    for version in present:
        if version != reference:
            difference(version, reference)  # the literals it translated, for the output compared next
    for version in group.culprits(present, agreeing, reference):
        other = counterpart(version, reference, present)
        found = difference(version, other)
        if found is None:
            continue
        mine, detail, theirs = found
        here = group.versions[version]
        where = group.elsewhere(version, other, agreeing, present, theirs[1] if theirs else blocks[other].start)
        if mine is None:
            location, what = here.at(blocks[version]), f"{quote(theirs[0])} of {where} is missing here"
        elif theirs is None:
            location, what = here.location(mine[1], mine[2]), f"{quote(mine[0])} here is not in {where}"
        elif detail == "code there is a comment here":
            location, what = here.location(mine[1], mine[2]), f"{quote(mine[0])} here is a comment, code in {where}"
        elif detail == "a comment there is code here":
            location, what = here.location(mine[1], mine[2]), f"{quote(mine[0])} here is code, a comment in {where}"
        else:
            location, what = here.location(mine[1], mine[2]), f"{quote(mine[0])} here but {quote(theirs[0])} in {where}"
        yield group.report(version, "TRN007", location, f"code block changed: {what}{where.note}")


def _inline_code(group: Group, column: int, present: list[int]) -> Iterator[Diagnostic]:
    found = {v: items(group.units(column, v), "code") for v in present}
    values = {v: Counter(item[0] for item in found[v]) for v in present}
    first = values[present[0]]
    if all(values[v] == first for v in present[1:]):
        return
    rules, linter = group.linter.code_rules, group.linter
    changes: dict[tuple[int, int], list[tuple[tuple, tuple]]] = {}

    def changed(v: int, w: int) -> list[tuple[tuple, tuple]]:
        """Inline code of ``v`` that replaced code of ``w`` in a way a translation may not."""
        if (v, w) not in changes:
            ours = [item for item in found[v] if (values[v] - values[w])[item[0]] > 0]
            theirs = [item for item in found[w] if (values[w] - values[v])[item[0]] > 0]
            literals = group.literals.get((v, w), {})
            changes[v, w] = [(mine, other) for mine, other in zip(ours, theirs)
                             if not linter.is_interface_label(other[1]) and not _own_file(mine[0], other[0])
                             and rules.difference(mine[0], other[0], "", dict(literals), inline=True) is not None]
        return changes[v, w]

    for version, other, agreeing in group.odd_ones(present, lambda v, w: not changed(v, w) or not changed(w, v)):
        pairs = changed(version, other)
        if not pairs:
            continue
        mine, theirs = pairs[0]
        where = group.elsewhere(version, other, agreeing, present, theirs[2])
        more = f" (and {len(pairs) - 1} more in this block)" if len(pairs) > 1 else ""
        yield group.report(version, "TRN005", group.versions[version].location(mine[2], mine[3]),
                           f"inline code {quote(mine[1])} here but {quote(theirs[1])} in {where}{more}{where.note}")


def _own_file(mine: str, theirs: str) -> bool:
    """The same file of each version's language: ``_index.fa.md`` here, ``_index.en.md`` there
    (a site whose pages are named by language names its own in each version)."""
    return _FILE_LANGUAGE.search(mine) is not None and _file_of_any_language(mine) == _file_of_any_language(theirs)


def _file_of_any_language(code: str) -> str:
    return _FILE_LANGUAGE.sub(lambda match: "<language>" if languages.of_url_part(match.group()) else match.group(), code)
