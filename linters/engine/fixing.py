"""Fixing: which fixes to apply, applying their edits, the fix loop, diffs of what changed."""
from __future__ import annotations

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
        (d for d in diagnostics if d.fix is not None and d.code in fixable and (d.fix.safe or unsafe_fixes)),
        key=lambda d: (d.fix.start, d.fix.end))
    chosen, last_end = [], -1
    front = document.front_matter
    for diagnostic in candidates:
        fix = diagnostic.fix
        if fix.start < last_end:
            continue  # overlaps a fix already chosen: the next pass takes it
        if any(_touches_code(document, edit) for edit in fix.edits):
            continue
        if front is not None and not fix.touches_front_matter and any(
                edit.start < front.end for edit in fix.edits):
            continue
        chosen.append(diagnostic)
        last_end = max(fix.end, last_end)
    return chosen


def lint_and_fix(engine: Engine, document: Document,
                 unsummarized: frozenset[str] = frozenset()) -> tuple[FileResult, str, int]:
    """Lint, apply fixes, re-lint until nothing more is fixed; return the final raw text."""
    applied_total = 0
    result = engine.lint_document(document, unsummarized=unsummarized)
    for _ in range(MAX_FIX_PASSES):
        chosen = engine.fixes_to_apply(document, result.diagnostics)
        if not chosen:
            break
        raw = apply_edits(document, [edit for d in chosen for edit in d.fix.edits])
        applied_total += len(chosen)
        document = document.revised(raw)
        result = engine.lint_document(document, unsummarized=unsummarized)
    result.fixed = applied_total
    return result, document.raw, applied_total


def _touches_code(document: Document, edit: Edit) -> bool:
    for span in document.code_spans:
        if span.start >= edit.end and span.start > edit.start:
            break
        if edit.start < span.end and span.start < edit.end:
            return True
        if edit.start == edit.end and span.start < edit.start < span.end:
            return True
    return False


def apply_edits(document: Document, edits: list[Edit]) -> str:
    """Apply non-overlapping edits to the raw text, keeping its line endings."""
    raw = document.raw
    newline = document.newline
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        replacement = edit.replacement.replace("\n", newline) if newline != "\n" else edit.replacement
        raw = raw[:document.raw_offset(edit.start)] + replacement + raw[document.raw_offset(edit.end):]
    return raw


def merged_deletions(edits: list[Edit]) -> list[Edit]:
    """Deletions with overlapping ranges joined (two comments on one line share a space)."""
    merged: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if merged and edit.start <= merged[-1].end:
            merged[-1] = Edit(merged[-1].start, max(merged[-1].end, edit.end), "")
        else:
            merged.append(edit)
    return merged


def unified_diff(shown: str, before: str, after: str) -> str:
    """What ``--diff`` prints for one post."""
    import difflib

    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{shown}", tofile=f"b/{shown}"))


def remove_stale_suppressions(engine: Engine, path: str, result: FileResult, stale: list[Diagnostic],
                              diff: bool) -> int:
    """The second pass of ``--fix``/``--diff``: delete the suppressions that suppressed nothing.

    Whether a suppression is used is known only once the cross-file checks ran, after the
    per-file fixes, so the deletion is a pass of its own over the post as those fixes left it.
    Returns how many suppressions it removed.
    """
    from pathlib import Path

    from . import sources

    if any(d.code in ("CD001", "CD007") for d in result.diagnostics):
        return 0  # the per-file fixes were not written: leave the post alone
    try:
        source = sources.read(path, engine.config.max_file_size)
    except sources.SourceError:
        return 0
    original = Document(source.text, result.path, default_language=engine.config.language)
    # With --diff the file is still the original, with --fix it is already fixed (a no-op here).
    fixed, fixed_raw, _ = engine.lint_and_fix(original)
    if [(s.start, s.end) for s in fixed.suppressions] != [(s.start, s.end) for s in result.suppressions]:
        return 0  # not the text the run judged
    edits = merged_deletions([edit for d in stale for edit in d.fix.edits])
    raw = apply_edits(original.revised(fixed_raw), edits)
    _, raw, _ = engine.lint_and_fix(original.revised(raw))
    if diff:
        result.diff = unified_diff(result.path, source.text, raw)
        return len(stale)
    try:
        if Path(path).read_bytes() != source.data:
            return 0
        sources.write_atomic(path, source.encode(raw))
    except OSError:
        return 0
    result.fixed += len(stale)
    return len(stale)
