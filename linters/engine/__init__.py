"""The engine: everything between a configuration and a report.

One module per concern, each importing only those below it (and the package's registry,
configuration, diagnostics and document; no linter imports the engine):

- ``discovery``: which files a run lints (folders walked, include/exclude globs);
- ``selection``: which rules are reported and fixed (select/ignore, fixable, per-file-ignores);
- ``sources``: reading posts (encodings, byte-order marks) and writing fixed posts back;
- ``linting``: the ``Engine`` of one configuration and the linting of one document;
- ``fixing``: choosing and applying fixes, the fix loop, diffs, stale suppressions;
- ``groups``: cross-file checks (groups, siblings on disk, summaries);
- ``filejob``: one file's job: read, cache, lint, fix in memory;
- ``writing``: writing fixed posts back, each once, never over another change (locks);
- ``parallel``: worker processes;
- ``cache``: the result cache;
- ``online``: the online step of a run (``--online``), asking through ``linters.online``;
- ``results``: ``FileResult``, ``RunResult`` and the exit status;
- ``run``: a whole run, and the Python API (``lint_text``, ``lint_paths``).
"""
from __future__ import annotations

from .linting import Engine, engine_for
from .results import FileResult, RunResult, exit_status
from .run import RunOptions, lint_paths, lint_text, run

__all__ = ["Engine", "FileResult", "RunOptions", "RunResult", "engine_for", "exit_status", "lint_paths",
           "lint_text", "run"]
