"""Cross-file checks: the groups a run's files form (translations of one post), the siblings of
each group found on disk, and the group checks on the members' summaries."""
from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic
from ..registry import CrossFileLinter
from . import sources
from .discovery import display_path
from .results import FileResult

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from .linting import Engine


def plan_groups(engine: Engine, files: list[str], shown_paths: list[str] | None = None) -> dict[str, dict]:
    """For each cross-file linter, its groups in this run: key -> (members of the run, shown path ->
    path; siblings found on disk, the same). Made before the files are linted, so that a file
    alone in its group is not summarized (see ``Engine.lint_document``). ``shown_paths``: the
    files' ``display_path``, when the caller has them."""
    plan: dict[str, dict] = {}
    if shown_paths is None:
        shown_paths = [display_path(path) for path in files] if engine.cross_file_linters else []
    for linter in engine.cross_file_linters:
        linter.start_run()
        groups: dict = {}
        for path, shown in zip(files, shown_paths):
            key = linter.group_key(shown)
            if key is not None:
                groups.setdefault(key, {})[shown] = path
        plan[linter.name] = {key: (members, _siblings(linter, key, members)) for key, members in groups.items()}
    return plan


def _siblings(linter: CrossFileLinter, key, members: dict[str, str]) -> dict[str, str | Path]:
    """The group's other files on disk. The same file may be named two ways (``a.md``,
    ``../x/a.md``): absolute paths are compared (without a system call per file, unlike ``realpath``)."""
    siblings: dict[str, str | Path] = {}
    known = None
    for sibling in linter.sibling_paths(members[min(members)]):
        if known is None:
            known = {os.path.abspath(path) for path in members}
        absolute = os.path.abspath(sibling)
        shown = display_path(sibling)
        if absolute in known or shown in members or linter.group_key(shown) != key:
            continue
        siblings[shown] = sibling
        known.add(absolute)
    return siblings


def alone(plan: dict[str, dict]) -> dict[str, frozenset[str]]:
    """For each cross-file linter, the files of the run with no other member in their group."""
    return {name: frozenset(shown for members, siblings in groups.values() if len(members) == 1 and not siblings
                            for shown in members)
            for name, groups in plan.items()}


def cross_file(engine: Engine, results: list[FileResult], plan: dict[str, dict],
               only: set[str] | None = None) -> dict[tuple[str, object], list[Diagnostic]]:
    """Run the cross-file linters on the groups of the plan (with ``only``, on the groups holding
    one of those shown paths), reading the siblings on disk; their findings by (linter, group).

    A group in which some version could not be summarized (unreadable, or the linter failed on
    it) is still checked on the others, but its members' ``incomplete`` names the linter: their
    suppressions of its rules are not judged (see ``Engine.unused_suppressions``).
    """
    found: dict[tuple[str, object], list[Diagnostic]] = {}
    by_path = {result.path: result for result in results}
    for linter in engine.cross_file_linters:
        for key, (members, siblings) in plan[linter.name].items():
            if len(members) + len(siblings) < 2 or (only is not None and only.isdisjoint(members)):
                continue
            summaries, complete = _summaries(engine, linter, members, siblings, by_path)
            group_found: list[Diagnostic] = []
            if len(summaries) >= 2:
                try:
                    group_found = _check_group(engine, linter, summaries, members)
                except Exception as error:
                    first = min(p for p in summaries if p in by_path)
                    by_path[first].internal_error = True
                    complete = False
                    group_found = [engine.core_diagnostic(
                        first, "CD006", f"internal error in linter {linter.name!r}: {type(error).__name__}: {error}")]
            if not complete:
                for shown in members:
                    if shown in by_path:
                        by_path[shown].incomplete.add(linter.name)
            kept = found[linter.name, key] = []
            for diagnostic in group_found:
                result = by_path.get(diagnostic.path)
                if result is not None:
                    kept.extend(engine.filter([diagnostic], result.suppressions, diagnostic.path))
    return found


def _check_group(engine: Engine, linter: CrossFileLinter, summaries: dict, members: dict[str, str]) -> list[Diagnostic]:
    """The linter's findings on a group; a summary that came from the cache and that the linter
    cannot read (a cache file forged with a valid checksum) is made again from the post."""
    try:
        return list(linter.check_group([(path, unpack_summary(summary)) for path, summary in sorted(summaries.items())]))
    except Exception:
        stored = [shown for shown, summary in summaries.items() if isinstance(summary, StoredSummary)]
        if not stored:
            raise
    for shown in stored:
        summaries[shown] = _summarize_sibling(engine, linter, members[shown], shown)
    return list(linter.check_group([(path, unpack_summary(summary)) for path, summary in sorted(summaries.items())
                                    if summary is not None]))


def _summaries(engine: Engine, linter: CrossFileLinter, members: dict[str, str], siblings: dict[str, str | Path],
               by_path: dict[str, FileResult]) -> tuple[dict, bool]:
    """The summaries of a group's versions, and whether every version has one."""
    summaries = {}
    complete = True
    for shown, path in members.items():
        result = by_path.get(shown)
        if result is None or linter.name not in result.summaries:
            complete = False  # not read, or the linter failed on it
            continue
        summary = result.summaries[linter.name]
        if summary is None:  # alone in its group when it was linted (a cached result)
            summary = _summarize_sibling(engine, linter, path, shown)
        if summary is None:
            complete = False
        else:
            summaries[shown] = summary
    for shown, sibling in siblings.items():
        summary = _summarize_sibling(engine, linter, sibling, shown)
        if summary is None:
            complete = False
        else:
            summaries[shown] = summary
    return summaries, complete


def _summarize_sibling(engine: Engine, linter: CrossFileLinter, path: str | Path, shown: str):
    try:
        source = sources.read(path, engine.config.max_file_size)
        return linter.summarize(engine.document(source.text, shown))
    except Exception:  # a sibling we cannot read is simply not compared
        return None


class PackedSummary(bytes):
    """A cross-file summary pickled and compressed: what a large run keeps of every file until its
    group is checked, a few hundred bytes instead of tens of kilobytes of small objects. A run of
    a few files (the pre-commit case) keeps summaries as they are and never imports pickle."""


def pack_summary(summary) -> PackedSummary:
    import pickle
    import zlib

    return PackedSummary(zlib.compress(pickle.dumps(summary, pickle.HIGHEST_PROTOCOL), 1))


class StoredSummary(str):
    """A summary as the cache keeps it: JSON, a tuple written ``{TUPLE_TAG: [...]}``; read back
    only when its group is checked."""


TUPLE_TAG = "\x00tuple"


def unpack_summary(summary):
    if isinstance(summary, StoredSummary):
        import json

        unpacked = json.loads(summary, object_hook=_tuple_or_mapping)
        if unpacked is None:
            raise ValueError("a stored summary of nothing")  # never written so: made again from the post
        return unpacked
    if not isinstance(summary, PackedSummary):
        return summary
    import pickle
    import zlib

    return pickle.loads(zlib.decompress(summary))


def _tuple_or_mapping(mapping: dict):
    return tuple(mapping[TUPLE_TAG]) if TUPLE_TAG in mapping else mapping


def packed(result: FileResult) -> FileResult:
    """The result with its summaries packed (see ``PackedSummary``)."""
    result.summaries = {name: summary if summary is None or isinstance(summary, PackedSummary) else pack_summary(summary)
                        for name, summary in result.summaries.items()}
    return result
