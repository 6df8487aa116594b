"""A whole run: discover the files, take what the cache holds, lint (and fix) the others, in
worker processes when there are many, run the cross-file checks, and put the report in order."""
from __future__ import annotations

import gc
from collections import namedtuple
from operator import attrgetter
from pathlib import Path

from .. import config as config_module
from ..config import Config
from ..diagnostics import Diagnostic
from ..packs import remembered
from . import fixing, groups, parallel, sources
from .discovery import discover, display_path
from .filejob import cache_module, lint_path, reusable
from .linting import Engine, engine_for
from .results import FileResult, RunResult

RunOptions = namedtuple("RunOptions", "fix diff", defaults=(False, False))


def run(paths: list[str], config: Config, options: RunOptions = RunOptions(), jobs: int | None = None,
        progress=None, on_file=None) -> RunResult:
    """Lint (and with ``options.fix`` fix) the files under ``paths``. ``on_file``, if given, is
    given each file's ``FileResult`` as soon as it is known (from the cache, or linted), for
    reports written as files finish; the cross-file findings come only with the run's result."""
    # The results of a large tree are millions of small objects that all live to the end of the
    # run and form no cycles: the cyclic collector would walk them again and again (half the
    # time of a run served from the cache). Workers forked during the run inherit the setting.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(paths, config, options, jobs, progress, on_file)
    finally:
        if collecting:
            gc.enable()


def _run(paths: list[str], config: Config, options: RunOptions, jobs: int | None, progress,
         on_file=None) -> RunResult:
    engine = engine_for(config)
    unreadable: list[tuple[str, OSError]] = []
    files = discover(paths, config, unreadable)
    jobs = jobs or config.jobs or parallel.default_jobs()
    if not options.fix:
        result = _checked(engine, files, options, jobs, progress, on_file)
    else:
        from . import writing

        with writing.tree_lock(config.root):  # from the first read to the last rename: see ``writing``
            result = _checked(engine, files, options, jobs, progress, on_file)
    if unreadable and "CD001" in engine.enabled:
        result.diagnostics = sorted([*result.diagnostics, *_unreadable_folders(engine, unreadable)],
                                    key=Diagnostic.sort_key)
    return result


def _unreadable_folders(engine: Engine, unreadable: list[tuple[str, OSError]]) -> list[Diagnostic]:
    """CD001 on each folder that could not be listed: its posts were not checked."""
    return [engine.core_diagnostic(display_path(folder), "CD001",
                                   f"cannot read folder: {error.strerror or error}; the posts in it were not checked")
            for folder, error in unreadable]


def _checked(engine: Engine, files: list[str], options: RunOptions, jobs: int, progress,
             on_file=None) -> RunResult:
    """Lint (and fix) the files, each read once; run the cross-file checks on what the posts now
    say; delete the suppressions that turned out stale; write each fixed post once; report."""
    config = engine.config
    cache = _open_cache(engine) if config.cache else None
    results: list[FileResult] = [None] * len(files)  # type: ignore[list-item]
    shown_paths = [display_path(path) for path in files]
    pending = list(range(len(files))) if cache is None else _from_cache(engine, cache, files, shown_paths, results,
                                                                         options)
    if on_file:
        for result in results:
            if result is not None:
                on_file(result)
    plan = groups.plan_groups(engine, files, shown_paths)
    alone = groups.alone(plan)
    key_of = cache_module().key_of if cache is not None else None
    for index, result in zip(pending, _lint(engine, [files[i] for i in pending], options, jobs, progress, cache,
                                            alone, on_file)):
        results[index] = result
        # A fixed post's (or, with --diff, the would-be-fixed post's) findings are not those of its bytes.
        if cache is not None and key_of is not None and result.digest and result.rewrite is None and not result.fixed:
            cache.put(key_of(engine, result.path), result.signature, result.digest, result)
    if cache is not None:
        cache.save()
    remembered.save_all()
    checks = groups.cross_file(engine, results, plan)
    unwritten: set[str] = set()
    diffs: list[str] = []
    if (options.fix or options.diff) and "CD100" in engine.fixable:
        _delete_stale_suppressions(engine, results, plan, checks, alone)
    online = None
    if config.online:  # the network: only a run that asks for it imports the module that uses it
        from .online import verify

        online = verify(engine, files, results, options, progress is not None)
        checks["online", None] = online.findings
    if options.fix:
        unwritten = _write(engine, results)
    elif options.diff:
        diffs = [fixing.unified_diff(result.path, rewrite.original, rewrite.text) for result in results
                 if (rewrite := result.rewrite) is not None and rewrite.original is not None and result.fixed]
    added = [d for found in checks.values() for d in found if d.path not in unwritten]
    added.extend(d for result in results if result.path not in unwritten for d in engine.unused_suppressions(result))
    return RunResult(
        diagnostics=_in_report_order(results, added),
        files=len(files),
        fixed=sum(result.fixed for result in results) if options.fix else 0,
        diffs=[diff for diff in diffs if diff],
        internal_errors=sum(result.internal_error for result in results),
        rules=engine.rules,
        paths=sorted(result.path for result in results),
        online=online,
    )


def _lint(engine: Engine, files: list[str], options: RunOptions, jobs: int, progress, cache,
          alone: dict, on_file=None) -> list[FileResult]:
    """Each file's result, from worker processes when there are many; each is given to
    ``on_file`` as it comes."""
    if jobs > 1 and len(files) >= parallel.PARALLEL_THRESHOLD:
        parallel.worker_cache = cache
        try:
            return parallel.run_parallel(files, engine.config, options, jobs, progress, alone, on_file)
        finally:
            parallel.worker_cache = None
    linted = []
    for count, path in enumerate(files):
        result = lint_path(engine, path, options, cache, alone)
        if on_file:
            on_file(result)
        linted.append(groups.packed(result) if len(files) >= parallel.PARALLEL_THRESHOLD else result)
        if progress:
            progress(count + 1, len(files))
    return linted


def _delete_stale_suppressions(engine: Engine, results: list[FileResult], plan: dict, checks: dict,
                               alone: dict) -> None:
    """Delete, in the fixed text of each post, the suppressions found stale once the cross-file
    checks ran (only those whose every rule ran completely: see ``Engine.unused_suppressions``);
    fix that text again, and check its groups again (its lines moved)."""
    changed: set[str] = set()
    for index, result in enumerate(results):
        if result.rewrite is None or not result.suppressions:
            continue
        stale = engine.unused_suppressions(result)
        if stale:
            unsummarized = frozenset(name for name, paths in alone.items() if result.path in paths)
            results[index] = fixing.delete_stale_suppressions(engine, result, stale, unsummarized)
            changed.add(result.path)
    if changed:
        checks.update(groups.cross_file(engine, results, plan, only=changed))


def _write(engine: Engine, results: list[FileResult]) -> set[str]:
    """Write every fixed post, once; the paths of those that could not be written. Such a post
    is reported as it is on disk: its findings as read, and why (CD001, CD007); its cross-file
    findings and stale suppressions, judged on a text it does not hold, are left out."""
    from . import writing

    fixed = [(result, rewrite) for result in results if (rewrite := result.rewrite) is not None and result.fixed]
    refusals = writing.replace_posts([(rewrite.path, rewrite.encoded(), rewrite.digest) for _, rewrite in fixed],
                                     engine.config.max_file_size)
    unwritten = set()
    for (result, rewrite), refusal in zip(fixed, refusals):
        if refusal is not None:
            result.diagnostics = [*rewrite.unfixed,
                                  engine.core_diagnostic(result.path, refusal.code, refusal.message)]
            result.diagnostics.sort(key=Diagnostic.sort_key)
            result.fixed = 0
            unwritten.add(result.path)
    return unwritten


def _in_report_order(results: list[FileResult], added: list[Diagnostic]) -> list[Diagnostic]:
    """Every finding, in the order of ``Diagnostic.sort_key``. Each file's own findings were
    sorted when it was linted (in the worker; the cache keeps them so), so only the files are
    ordered here, and the few findings ``added`` since (cross-file, unused suppressions) sorted
    into their file's: a warm run of a large tree would spend more making sort keys than reading."""
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in added:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    ordered: list[Diagnostic] = []
    for result in sorted(results, key=attrgetter("path")):  # one result per path: see ``discover``
        more = by_path.pop(result.path, None)
        ordered.extend(sorted([*result.diagnostics, *more], key=Diagnostic.sort_key) if more else result.diagnostics)
    if by_path:  # findings on a file the run did not lint
        ordered = sorted([*ordered, *(d for found in by_path.values() for d in found)], key=Diagnostic.sort_key)
    return ordered


def _from_cache(engine: Engine, cache, files: list[str], shown_paths: list[str], results: list,
                options: RunOptions) -> list[int]:
    """Fill ``results`` with what the cache holds for files untouched since; return the indices
    of the others. Shards are visited one at a time and let go when nothing of theirs is to be
    linted again, so a large tree's results are not held twice, as results and as cached bytes."""
    stat_signature, key_of = cache_module().stat_signature, cache_module().key_of
    pending: list[int] = []
    for shard, indices in cache.by_shard([key_of(engine, shown) for shown in shown_paths]):
        changed = False
        for index, key in indices:
            results[index] = reusable(cache.by_stat(key, stat_signature(files[index])), options, engine)
            if results[index] is None:
                pending.append(index)
                changed = True
        if not changed:
            cache.release(shard)
    pending.sort()
    return pending


def _open_cache(engine: Engine):
    cache = cache_module()
    return cache.Cache(Path(engine.config.cache_dir), cache.fingerprint(engine.config, engine.linters),
                       engine.rules)


# --- the Python API ---------------------------------------------------------------------------


def lint_text(text: str, path: str = "<string>", config: Config | None = None) -> list[Diagnostic]:
    """Lint a post held in memory; no file is read or written (but the rule packs)."""
    if not isinstance(text, str):
        hint = " (decode it first, e.g. data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""
        raise TypeError(f"lint_text() takes the post as a str, not {type(text).__name__}{hint}")
    if not isinstance(path, str):
        raise TypeError(f"lint_text(): path must be a str, not {type(path).__name__}")
    engine = engine_for(config or Config())
    if text.startswith("\ufeff"):
        text = text[1:]
    result = engine.lint_document(engine.document(text, path))
    diagnostics = result.diagnostics + engine.unused_suppressions(result)
    return sorted(diagnostics, key=Diagnostic.sort_key)


class AsFile(namedtuple("AsFile", "diagnostics source document fixed applied", defaults=(0,))):
    """What ``lint_as_file`` gives: the findings; the decoded ``source`` and its ``document``
    (None when the bytes cannot be decoded: a finding says why); with ``fix``, the ``fixed``
    text and how many fixes it took (``applied``). A named tuple: ``typing`` costs start-up."""

    __slots__ = ()


def lint_as_file(engine: Engine, data: bytes, path: str, *, fix: bool = False) -> AsFile:
    """What ``copydesk check PATH`` (with ``fix``, ``--fix``) would report were the file at
    ``path`` to hold ``data``, bytes that come from elsewhere (standard input, an editor): the
    file need not exist; its translations are read from disk."""
    shown = display_path(path)
    try:
        source = sources.from_bytes(path, data, engine.config.max_file_size)
    except sources.SourceError as error:
        found = [engine.core_diagnostic(shown, error.code, error.message, line=error.line, column=error.column)]
        return AsFile(found if error.code in engine.enabled else [], None, None, None)
    document = engine.document(source.text, shown)
    plan = groups.plan_groups(engine, [path])
    unsummarized = frozenset(name for name, alone in groups.alone(plan).items() if shown in alone)
    if fix:
        result, fixed, applied = engine.lint_and_fix(document, unsummarized)
    else:
        result, fixed, applied = engine.lint_document(document, unsummarized=unsummarized), None, 0
    across = [d for found in groups.cross_file(engine, [result], plan).values() for d in found]
    stale = engine.unused_suppressions(result)
    if fixed is not None and stale and "CD100" in engine.fixable:  # last, as ``check --fix`` deletes them from a file
        result, fixed, more = fixing.without_suppressions(engine, fixed, shown, stale, unsummarized)
        applied += len(stale) + more
        across = [d for found in groups.cross_file(engine, [result], plan).values() for d in found]
        stale = engine.unused_suppressions(result)
    found = result.diagnostics + across + stale
    return AsFile(sorted(found, key=Diagnostic.sort_key), source, document, fixed, applied)


def lint_paths(paths, config: Config | None = None, *, fix: bool = False) -> RunResult:
    """Lint files and folders, as ``copydesk check`` does; with ``fix``, fix them. ``paths``: a list
    of paths (str, bytes or ``os.PathLike``), or one path."""
    import os

    from ..site import attach

    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    return run([os.fsdecode(path) for path in paths], attach(config or config_module.load()), RunOptions(fix=fix))
