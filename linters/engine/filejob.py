"""One file's job, in a worker or in the run's own process: read it, take its result from the
cache or lint it, fix it, and write it back."""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from ..document import Document
from ..packs.loading import RulePackError
from . import sources
from .discovery import display_path
from .fixing import unified_diff
from .results import FileResult

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from .linting import Engine
    from .run import RunOptions


def lint_path(engine: Engine, path: str, options: RunOptions, cache=None, alone=None) -> FileResult:
    """Lint (and fix) one file; an unexpected error is reported on the file, and the run goes on.
    ``alone``: for each cross-file linter, the files alone in their group (see ``groups.plan_groups``)."""
    try:
        result = _lint_one(engine, path, options, cache, alone or {})
        result.diagnostics.sort(key=Diagnostic.sort_key)  # in the worker: the run only orders files
        return result
    except RulePackError:
        raise
    except Exception as error:  # a bug here must cost one file, not the run
        shown = display_path(path)
        result = FileResult(shown, internal_error=True)
        result.diagnostics.append(engine.core_diagnostic(
            shown, "CD006", f"internal error while checking this file: {type(error).__name__}: {error}"))
        return result


def _lint_one(engine: Engine, path: str, options: RunOptions, cache, alone: dict) -> FileResult:
    shown = display_path(path)
    try:
        source = sources.read(path, engine.config.max_file_size)
    except sources.SourceError as error:
        if error.code not in engine.enabled:
            return FileResult(shown)
        return FileResult(shown, [engine.core_diagnostic(shown, error.code, error.message,
                                                         line=error.line, column=error.column)])
    digest = cache_module().content_hash(source.data) if cache is not None else ""
    if cache is not None:
        cached = reusable(cache.by_content(shown, digest), options)
        if cached is not None:
            return cached
    unsummarized = frozenset(name for name, paths in alone.items() if shown in paths)
    result = _lint_source(engine, path, shown, source, options, unsummarized)
    result.digest = digest
    return result


def reusable(cached: bytes | None, options: RunOptions) -> FileResult | None:
    """A cached result, unless the run fixes files and this one has something to fix."""
    if cached is None:
        return None
    import pickle

    result = pickle.loads(cached)
    if (options.fix or options.diff) and any(d.fix is not None for d in result.diagnostics):
        return None
    return result


def _lint_source(engine: Engine, path: str, shown: str, source: sources.Source, options: RunOptions,
                 unsummarized: frozenset[str]) -> FileResult:
    document = Document(source.text, shown, default_language=engine.config.language)
    if not (options.fix or options.diff):
        return engine.lint_document(document, unsummarized=unsummarized)
    result, fixed_raw, applied = engine.lint_and_fix(document, unsummarized)
    if not applied:
        return result
    if options.diff:
        result.diff = unified_diff(shown, source.text, fixed_raw)
        result.fixed = 0
        return result
    try:
        current = Path(path).read_bytes()
        if current != source.data:
            return _unwritten(engine, document, "CD007", "file changed on disk while it was being fixed; not written",
                              unsummarized)
        sources.write_atomic(path, source.encode(fixed_raw))
    except OSError as error:
        return _unwritten(engine, document, "CD001", f"cannot write fixed file: {error}", unsummarized)
    return result


def _unwritten(engine: Engine, document: Document, code: str, message: str, unsummarized: frozenset[str]) -> FileResult:
    """The findings of the file as it still is on disk, and why the fixes were not written."""
    result = engine.lint_document(document, unsummarized=unsummarized)
    result.diagnostics.append(engine.core_diagnostic(document.path, code, message))
    return result


def cache_module():
    """The cache module, imported only by runs that use it: hashing and pickling cost start-up."""
    global _cache
    if _cache is None:
        from . import cache as _cache
    return _cache


_cache = None
