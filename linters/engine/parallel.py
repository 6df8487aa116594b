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

PARALLEL_THRESHOLD = 32  # below this many files, worker start-up costs more than it saves

_worker_engine = None
_worker_alone: dict = {}
worker_cache = None  # set by the run before the pool starts: forked workers inherit it


def default_jobs() -> int:
    return os.cpu_count() or 1


def _worker_init(config: Config, alone: dict) -> None:
    global _worker_engine, _worker_alone
    _worker_engine = engine_for(config)  # a forked worker finds the parent's, rules compiled
    _worker_alone = alone


def _worker_lint(job) -> bytes:
    """One file's result, pickled here: the parent keeps these very bytes in the cache."""
    path, options = job
    return filejob.cache_module().dumps(
        packed(filejob.lint_path(_worker_engine, path, options, worker_cache, _worker_alone)))


def run_parallel(files, config, options, jobs, progress, keep_pickled: bool,
                 alone: dict, on_file=None) -> list[tuple[FileResult, bytes | None]]:
    """Results, with the bytes they came in when the cache is to keep them (see ``_worker_lint``);
    ``on_file`` is given each result as it comes."""
    import multiprocessing
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    results = []
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init, initargs=(config, alone)) as pool:
        for index, pickled in enumerate(pool.map(_worker_lint, [(path, options) for path in files], chunksize=chunk)):
            results.append((pickle.loads(pickled), pickled if keep_pickled else None))
            if on_file:
                on_file(results[-1][0])
            if progress:
                progress(index + 1, len(files))
    return results
