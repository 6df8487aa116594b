"""One file's job, in a worker or in the run's own process: read it, take its result from the
cache or lint it, and fix it in memory (the run writes it, once its cross-file checks are done)."""
from __future__ import annotations

from ..diagnostics import Diagnostic
from ..document import Document
from ..packs.loading import RulePackError
from . import sources
from .discovery import display_path
from .fixing import fix_document
from .results import FileResult, Rewrite

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
    fixing = options.fix or options.diff
    digest = sources.digest(source.data) if cache is not None or fixing else ""
    signature = None
    if cache is not None:
        signature = cache_module().signature_after_read(source.status)
        cached = reusable(cache.by_content(cache_module().key_of(engine, shown), digest), options, engine)
        if cached is not None:
            cached.signature = signature  # the file was touched: the entry gets its new signature
            return cached
    unsummarized = frozenset(name for name, paths in alone.items() if shown in paths)
    document = engine.document(source.text, shown)
    if not fixing:
        result = engine.lint_document(document, unsummarized=unsummarized)
    elif options.fix and writing().is_read_only(path, source.status):
        result = engine.lint_document(document, unsummarized=unsummarized)
        result.diagnostics.append(engine.core_diagnostic(shown, "CD001", "read-only file: fixes not written"))
        return result  # no digest: a finding of --fix only, not for the cache
    else:
        result = _fixed(engine, path, source, document, options, digest, unsummarized)
    result.digest, result.signature = digest, signature
    return result


def reusable(result: FileResult | None, options: RunOptions, engine: Engine) -> FileResult | None:
    """A cached result, unless the run fixes files and this one has something to fix (a fix, or
    a suppression that may turn out stale once the cross-file checks ran)."""
    if result is None:
        return None
    if (options.fix or options.diff) and (any(d.fix is not None for d in result.diagnostics)
                                          or result.suppressions and "CD100" in engine.fixable):
        return None
    return result


def _fixed(engine: Engine, path: str, source: sources.Source, document: Document, options: RunOptions,
           digest: str, unsummarized: frozenset[str]) -> FileResult:
    """The result of the fixed text, with the text in ``rewrite`` when there is something the run
    may write: fixes, or suppressions it may find stale (the run judges them, then writes)."""
    first, result, fixed_raw, applied = fix_document(engine, document, unsummarized)
    if applied or (result.suppressions and "CD100" in engine.fixable):
        first.diagnostics.sort(key=Diagnostic.sort_key)
        result.rewrite = Rewrite(path, fixed_raw, source.text if options.diff else None, source.encoding, source.bom,
                                 digest, first.diagnostics)
    return result


def writing():
    """The writing module, imported only by runs that fix."""
    from . import writing as module

    return module


def cache_module():
    """The cache module, imported only by runs that use it: hashing and JSON cost start-up."""
    global _cache
    if _cache is None:
        from . import cache as _cache
    return _cache


_cache = None
