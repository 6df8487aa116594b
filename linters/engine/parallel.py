"""Worker processes: a large run lints its files in a pool, forked where the system allows it so
that each worker finds the parent's engine with its rules already compiled."""
from __future__ import annotations

import os
import sys

from ..config import Config
from . import filejob
from .groups import packed
from .linting import engine_for
from .results import FileResult

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from .linting import Engine

PARALLEL_THRESHOLD = 32  # below this many files, worker start-up costs more than it saves

_worker_engine: Engine  # set in each worker by ``_worker_init``, before its first job
_worker_alone: dict = {}
worker_cache = None  # set by the run before the pool starts: forked workers inherit it


def default_jobs() -> int:
    return os.cpu_count() or 1


def _worker_init(config: Config, alone: dict) -> None:
    global _worker_engine, _worker_alone
    _worker_engine = engine_for(config)  # a forked worker finds the parent's, rules compiled
    _worker_alone = alone


def _worker_lint(job) -> FileResult:
    """One file's result, its summaries packed (see ``groups.PackedSummary``)."""
    path, options = job
    return packed(filejob.lint_path(_worker_engine, path, options, worker_cache, _worker_alone))


def run_parallel(files, config, options, jobs, progress, alone: dict, on_file=None) -> list[FileResult]:
    """The files' results, linted in ``jobs`` worker processes; ``on_file`` is given each result as it comes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    results = []
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init, initargs=(config, alone)) as pool:
        for index, result in enumerate(pool.map(_worker_lint, [(path, options) for path in files], chunksize=chunk)):
            results.append(result)
            if on_file:
                on_file(result)
            if progress:
                progress(index + 1, len(files))
    return results
