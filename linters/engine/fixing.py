"""Fixing: which fixes to apply, applying their edits, the fix loop, diffs of what changed."""
from __future__ import annotations

from bisect import bisect_left

from ..diagnostics import Diagnostic, Edit
from ..document import Document

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs every run milliseconds
    from .linting import Engine
    from .results import FileResult

MAX_FIX_PASSES = 10


def fixes_to_apply(document: Document, diagnostics: list[Diagnostic], fixable: set[str],
                   unsafe_fixes: bool) -> list[Diagnostic]:
    """Fixable findings whose edits do not overlap each other, code, or the front matter."""
    candidates = sorted(
        ((d, fix) for d in diagnostics if (fix := d.fix) is not None and d.code in fixable and (fix.safe or unsafe_fixes)),
        key=lambda candidate: (candidate[1].start, candidate[1].end))
    chosen: list[Diagnostic] = []
    last_end = -1
    front = document.front_matter
    touches_code = _code_guard(document)
    for diagnostic, fix in candidates:
        if fix.start < last_end:
            continue  # overlaps a fix already chosen: the next pass takes it
        if any(touches_code(edit) for edit in fix.edits):
            continue
        if front is not None and not fix.touches_front_matter and any(
                edit.start < front.end for edit in fix.edits):
            continue
        chosen.append(diagnostic)
        last_end = max(fix.end, last_end)
    return chosen


def fix_document(engine: Engine, document: Document,
                 unsummarized: frozenset[str] = frozenset()) -> tuple[FileResult, FileResult, str, int]:
    """Lint, apply fixes, re-lint until nothing more is fixed. Returns the result of the text as
    it was, the result of the fixed text, the fixed raw text, and how many fixes were applied."""
    applied_total = 0
    first = result = engine.lint_document(document, unsummarized=unsummarized)
    for _ in range(MAX_FIX_PASSES):
        chosen = engine.fixes_to_apply(document, result.diagnostics)
        if not chosen:
            break
        raw = apply_edits(document, fix_edits(chosen))
        applied_total += len(chosen)
        document = document.revised(raw)
        result = engine.lint_document(document, unsummarized=unsummarized)
    result.fixed = applied_total
    return first, result, document.raw, applied_total


def lint_and_fix(engine: Engine, document: Document,
                 unsummarized: frozenset[str] = frozenset()) -> tuple[FileResult, str, int]:
    """Lint, apply fixes, re-lint until nothing more is fixed; return the final raw text."""
    _, result, raw, applied = fix_document(engine, document, unsummarized)
    return result, raw, applied


def fix_edits(diagnostics: list[Diagnostic]) -> list[Edit]:
    """The edits of the fixes of some findings, in their order."""
    return [edit for d in diagnostics if (fix := d.fix) is not None for edit in fix.edits]


def _code_guard(document: Document):
    """A test of whether an edit touches code: overlaps a code block or span, or inserts inside
    one. A binary search over the spans (overlapping ones joined): a post with thousands of
    fixes and code spans costs their sum, not their product."""
    spans: list[list[int]] = []
    for span in document.code_spans:  # sorted by start
        if spans and span.start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], span.end)
        else:
            spans.append([span.start, span.end])
    starts = [start for start, _ in spans]

    def touches_code(edit: Edit) -> bool:
        index = bisect_left(starts, max(edit.end, edit.start + 1)) - 1  # the last span starting before it ends
        if index < 0:
            return False
        start, end = spans[index]
        return edit.start < end and start < max(edit.end, edit.start + 1) and (edit.start != edit.end or start < edit.start)

    return touches_code


def apply_edits(document: Document, edits: list[Edit]) -> str:
    """Apply non-overlapping edits to the raw text, keeping its line endings. The text is built
    once from the pieces between the edits: time linear in its length plus the edits."""
    raw = document.raw
    newline = document.newline
    # ``Document.raw_offset`` looks for a CR in the whole text at each call: ask once.
    raw_offset = document.raw_offset if "\r" in raw else _same_offset
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start = max(raw_offset(edit.start), position)
        pieces.append(raw[position:start])
        pieces.append(edit.replacement.replace("\n", newline) if newline != "\n" else edit.replacement)
        position = max(raw_offset(edit.end), start)
    pieces.append(raw[position:])
    return "".join(pieces)


def _same_offset(offset: int) -> int:
    return offset


def merged_deletions(edits: list[Edit]) -> list[Edit]:
    """Deletions with overlapping ranges joined (two comments on one line share a space)."""
    merged: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if merged and edit.start <= merged[-1].end:
            merged[-1] = Edit(merged[-1].start, max(merged[-1].end, edit.end), "")
        else:
            merged.append(edit)
    return merged


def delete_stale_suppressions(engine: Engine, result: FileResult, stale: list[Diagnostic],
                              unsummarized: frozenset[str]) -> FileResult:
    """The result of a post once its stale suppressions (``stale``: CD100 findings, judged after
    the cross-file checks) are deleted from its fixed text, in memory, and the text fixed again
    (a deletion can leave, say, two spaces that a rule joins); its ``rewrite`` holds the text."""
    rewrite = result.rewrite
    if rewrite is None:  # not a post of a run that fixes: nothing held in memory to delete from
        return result
    final, raw, applied = without_suppressions(engine, rewrite.text, result.path, stale, unsummarized)
    final.fixed = result.fixed + len(stale) + applied
    final.digest, final.signature, final.rewrite = result.digest, result.signature, rewrite
    rewrite.text = raw
    return final


def without_suppressions(engine: Engine, text: str, path: str, stale: list[Diagnostic],
                         unsummarized: frozenset[str]) -> tuple[FileResult, str, int]:
    """``text`` without the suppressions of ``stale`` (CD100 findings on it), fixed again: its
    result, the final text, and how many fixes that took."""
    document = engine.document(text, path)
    raw = apply_edits(document, merged_deletions(fix_edits(stale)))
    final, raw, applied = lint_and_fix(engine, document.revised(raw), unsummarized)
    final.diagnostics.sort(key=Diagnostic.sort_key)
    return final, raw, applied


def unified_diff(shown: str, before: str, after: str) -> str:
    """What ``--diff`` prints for one post: a patch ``patch`` and ``git apply`` take, with the
    "\\ No newline at end of file" marker where a version does not end with one. Lines are split
    at LF only, as those tools split them (a CR stays part of its line)."""
    import difflib

    lines = []
    for line in difflib.unified_diff(_lines(before), _lines(after), fromfile=f"a/{shown}", tofile=f"b/{shown}"):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def _lines(text: str) -> list[str]:
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]
