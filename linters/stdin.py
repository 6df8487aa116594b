"""``copydesk check -``: a post read from standard input, linted as the file it would be.

``--stdin-filename PATH`` names that file: its configuration (found from its folder), its
language and its translations on disk are the file's; the file need not exist. ``--fix``
writes the fixed post to standard output (the report goes to standard error), as ruff and
markdownlint-cli2 do, so an editor or a pipeline can replace its text with it; ``--diff``
prints what ``--fix`` would change. Without ``--stdin-filename`` the post is ``<stdin>``.

Standard input is read up to ``max-file-size``: a longer stream (``/dev/zero``) is a CD004, not
a run that never ends; with ``--fix`` it goes to standard output unchanged, as it came.
"""
from __future__ import annotations

import sys
from pathlib import Path

NAME = "<stdin>"


def wanted(args) -> bool:
    return "-" in args.paths or args.stdin_filename is not None


def usage_error(args) -> str | None:
    """Why the command line cannot read standard input, or None."""
    if sys.stdin is None:
        return "standard input is closed: nothing to read for '-'"
    if args.paths.count("-") > 1:
        return "standard input ('-') can be read only once"
    if "-" in args.paths and len(args.paths) > 1:
        return "standard input ('-') cannot be checked together with other paths"
    if args.paths and "-" not in args.paths:
        return "--stdin-filename names the post read from standard input ('-'), not other paths"
    return None


def config_folder(args) -> Path | None:
    """Where the configuration is searched from: the named file's folder."""
    return Path(args.stdin_filename).absolute().parent if args.stdin_filename else None


def run(args, config, options):
    """The run's result, and with --fix the pieces of bytes to write to standard output (the
    fixed post; a post that cannot be read goes out as it came: --fix never loses text)."""
    from .engine import RunResult, engine_for
    from .engine.discovery import display_path
    from .engine.fixing import unified_diff
    from .engine.run import lint_as_file

    engine = engine_for(config)
    shown = display_path(args.stdin_filename or NAME)
    limit = engine.config.max_file_size
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:  # read no further: the stream may never end
        message = f"standard input is larger than max-file-size ({limit:,} bytes); skipped"
        result = RunResult([engine.core_diagnostic(shown, "CD004", message)], files=1, fixed=0, diffs=[],
                           internal_errors=0, rules=engine.rules, paths=[shown])
        return result, _as_it_came(data) if options.fix else None
    linted = lint_as_file(engine, data, args.stdin_filename or NAME, fix=options.fix or options.diff)
    changed = linted.source is not None and linted.fixed is not None and linted.fixed != linted.source.text
    diffs = [unified_diff(shown, linted.source.text, linted.fixed)] if options.diff and changed else []
    output = None
    if options.fix:
        output = [linted.source.encode(linted.fixed) if changed else data]
    # the text the findings are on (the fixed one with --fix or --diff): what --show-source
    # quotes, --baseline and the GitLab fingerprints hash, not the file on disk
    text = linted.fixed if linted.fixed is not None else linted.source.text if linted.source is not None else None
    result = RunResult(linted.diagnostics, files=1, fixed=linted.applied if options.fix else 0, diffs=diffs,
                       internal_errors=int(any(d.code == "CD006" for d in linted.diagnostics)), rules=engine.rules,
                       paths=[shown], texts={shown: text} if text is not None else None)
    return result, output


def _as_it_came(start: bytes):
    """``start``, then the rest of standard input, a piece at a time."""
    yield start
    while piece := sys.stdin.buffer.read(1 << 20):
        yield piece
