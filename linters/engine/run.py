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
from ..document import Document
from . import fixing, groups, parallel
from .discovery import discover, display_path
from .filejob import cache_module, lint_path, reusable
from .linting import Engine, engine_for
from .results import FileResult, RunResult

RunOptions = namedtuple("RunOptions", "fix diff", defaults=(False, False))


def run(paths: list[str], config: Config, options: RunOptions = RunOptions(), jobs: int | None = None,
        progress=None) -> RunResult:
    """Lint (and with ``options.fix`` fix) the files under ``paths``."""
    # The results of a large tree are millions of small objects that all live to the end of the
    # run and form no cycles: the cyclic collector would walk them again and again (half the
    # time of a run served from the cache). Workers forked during the run inherit the setting.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(paths, config, options, jobs, progress)
    finally:
        if collecting:
            gc.enable()


def _run(paths: list[str], config: Config, options: RunOptions, jobs: int | None, progress) -> RunResult:
    engine = engine_for(config)
    files = discover(paths, config)
    jobs = jobs or config.jobs or parallel.default_jobs()
    cache = _open_cache(engine) if config.cache else None
    results: list[FileResult | None] = [None] * len(files)
    signatures: list = [None] * len(files)
    pending = list(range(len(files))) if cache is None else _from_cache(cache, files, signatures, results, options)
    plan = groups.plan_groups(engine, files)
    alone = groups.alone(plan)
    if jobs > 1 and len(pending) >= parallel.PARALLEL_THRESHOLD:
        parallel.worker_cache = cache
        try:
            linted = parallel.run_parallel([files[i] for i in pending], config, options, jobs, progress,
                                           cache is not None, alone)
        finally:
            parallel.worker_cache = None
    else:
        linted = []
        for count, index in enumerate(pending):
            result = lint_path(engine, files[index], options, cache, alone)
            linted.append((groups.packed(result) if len(pending) >= parallel.PARALLEL_THRESHOLD else result, None))
            if progress:
                progress(count + 1, len(pending))
    for index, (result, pickled) in zip(pending, linted):
        results[index] = result
        # A fixed post's (or, with --diff, the would-be-fixed post's) findings are not those of its bytes.
        if cache is not None and result.digest and not result.fixed and not result.diff:
            cache.put(result.path, signatures[index], result.digest, pickled or cache_module().dumps(result))
    if cache is not None:
        cache.save()
    across = list(groups.cross_file(engine, results, plan))
    stale = [engine.unused_suppressions(result) for result in results]
    if (options.fix or options.diff) and "CD100" in engine.fixable:
        removed = sum(fixing.remove_stale_suppressions(engine, path, result, found, options.diff)
                      for path, result, found in zip(files, results, stale) if found)
        if removed and options.fix:  # lines moved: report what is left as a plain run sees it
            final = run(paths, config, RunOptions(), jobs=jobs)
            final.fixed = sum(result.fixed for result in results)
            return final
    across.extend(d for found in stale for d in found)
    diagnostics = _in_report_order(results, across)
    return RunResult(
        diagnostics=diagnostics,
        files=len(files),
        fixed=sum(result.fixed for result in results),
        diffs=[result.diff for result in results if result.diff],
        internal_errors=sum(result.internal_error for result in results),
        rules=engine.rules,
    )


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


def _from_cache(cache, files: list[str], signatures: list, results: list, options: RunOptions) -> list[int]:
    """Fill ``results`` with what the cache holds for files untouched since; return the indices
    of the others. Shards are visited one at a time and let go when nothing of theirs is to be
    linted again, so a large tree's results are not held twice, as results and as cached bytes."""
    stat_signature = cache_module().stat_signature
    pending: list[int] = []
    for shard, indices in cache.by_shard([display_path(path) for path in files]):
        changed = False
        for index, shown in indices:
            signatures[index] = stat_signature(files[index])
            results[index] = reusable(cache.by_stat(shown, signatures[index]), options)
            if results[index] is None:
                pending.append(index)
                changed = True
        if not changed:
            cache.release(shard)
    pending.sort()
    return pending


def _open_cache(engine: Engine):
    cache = cache_module()
    return cache.Cache(Path(engine.config.cache_dir), cache.fingerprint(engine.config, engine.linters))


# --- the Python API ---------------------------------------------------------------------------


def lint_text(text: str, path: str = "<string>", config: Config | None = None) -> list[Diagnostic]:
    """Lint a post held in memory; no file is read or written (but the rule packs)."""
    engine = engine_for(config or Config())
    if text.startswith("\ufeff"):
        text = text[1:]
    result = engine.lint_document(Document(text, path, default_language=engine.config.language))
    diagnostics = result.diagnostics + engine.unused_suppressions(result)
    return sorted(diagnostics, key=Diagnostic.sort_key)


def lint_paths(paths, config: Config | None = None, *, fix: bool = False) -> RunResult:
    """Lint files and folders, as ``copydesk check`` does; with ``fix``, fix them."""
    return run([str(p) for p in paths], config or config_module.load(), RunOptions(fix=fix))
