"""The ``copydesk`` command: ``check``, ``rules``, ``explain`` and ``site``.

Exit status: 0 when nothing at or above the failing severity was found, 1 when something was,
2 for a usage, configuration or internal error (always with a message, never a traceback).
"""
from __future__ import annotations

import argparse
import gc
import os
import sys

from . import output
from ._version import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs every run milliseconds
    from types import ModuleType

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


class _CodesAction(argparse.Action):
    """``--select CIT,FM0 --select HAL``: comma-separated and repeatable."""

    def __call__(self, parser, namespace, values, option_string=None):
        current = getattr(namespace, self.dest) or []
        setattr(namespace, self.dest, current + _codes(values))


COMMANDS = ("check", "rules", "explain", "server", "site")


class _BuildingFormatter(argparse.HelpFormatter):
    """The help formatter of a parser being built: argparse makes one for each argument added,
    only to check its metavar, and its own asks the terminal for its width, importing shutil
    (with its compression modules: 2 % of a one-post run) for a help seldom shown. Once the
    parser is built, its help is argparse's."""

    def __init__(self, prog: str):
        super().__init__(prog, width=80)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: with every command (for ``--help``), or only ``command``'s, the
    one a run parses (building the others cost a one-post run 1 %)."""
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="An editorial linter for Markdown posts: citation debris, front matter, "
                    "hallucination-prone patterns, quotes and translations.", formatter_class=_BuildingFormatter)
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if command is None else (command,):
        _COMMAND_PARSERS[name](commands)
    for built in (parser, *commands.choices.values()):
        built.formatter_class = argparse.HelpFormatter
    return parser


def _check_parser(commands) -> None:
    check = commands.add_parser("check", help="lint files and folders (the default command)",
                                description="Lint Markdown posts; folders are searched for *.md, *.markdown and *.mdx.",
                                formatter_class=_BuildingFormatter)
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="files and folders (default: the current folder); - reads a post from standard input")
    check.add_argument("--stdin-filename", metavar="PATH",
                       help="the file the post on standard input is (its configuration, language, translations)")
    check.add_argument("--format", default="text", help="text, json, jsonl, github, gitlab, junit, sarif (default: text)")
    check.add_argument("--select", action=_CodesAction, metavar="CODES",
                       help="only these rule codes or prefixes, comma-separated (replaces the configuration's)")
    check.add_argument("--extend-select", action=_CodesAction, metavar="CODES",
                       help="also these codes, e.g. rules that are off by default")
    check.add_argument("--ignore", action=_CodesAction, metavar="CODES", help="skip these codes or prefixes")
    check.add_argument("--config", metavar="FILE", help="a .copydesk.yaml or pyproject.toml (default: discovered)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument("--unsafe-fixes", action="store_true", default=None, help="also apply fixes marked unsafe")
    check.add_argument("--diff", action="store_true", help="show what --fix would change, as a diff; change nothing")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    check.add_argument("--fail-on", choices=("error", "warning", "info"),
                       help="the lowest severity that makes the exit status 1 (default: warning)")
    check.add_argument("--statistics", action=argparse.BooleanOptionalAction, default=None,
                       help="count the findings of each rule after the findings (default: on, but with --quiet)")
    check.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    check.add_argument("--show-source", action=argparse.BooleanOptionalAction, default=None,
                       help="show each finding's line with carets (default: on a terminal)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour the text output (default auto: on a terminal, unless NO_COLOR is set)")
    check.add_argument("--language", metavar="CODE", help="language of posts that do not say theirs")
    check.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: all cores)")
    check.add_argument("--no-cache", action="store_true",
                       help="do not read or write the result cache (.copydesk_cache/)")
    check.add_argument("--online", action=argparse.BooleanOptionalAction, default=None,
                       help="also ask the network whether links, videos, papers and DOIs exist (HAL501-HAL504; "
                            "needs: pip install 'copydesk[online]'); --no-online overrides 'online: true'")
    check.add_argument("--remap", action="append", metavar="'REGEX REPLACEMENT'",
                       help="with --online, rewrite every URL asked (re.sub), e.g. for a mirror; repeatable")
    check.add_argument("-v", "--verbose", action="store_true",
                       help="with --online, list the links and identifiers whose existence stayed unknown, "
                            "and the links that redirect")
    check.add_argument("--output-file", "-o", metavar="FILE", help="write the report to a file")
    check.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    check.add_argument("--write-baseline", metavar="FILE",
                       help="record the current findings in a baseline file and exit 0")


def _rules_parser(commands) -> None:
    rules = commands.add_parser("rules", help="list every rule", description="List every rule of every linter.",
                                formatter_class=_BuildingFormatter)
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                       help="markdown: the rule table of the README")
    rules.add_argument("--config", metavar="FILE")


def _explain_parser(commands) -> None:
    explain = commands.add_parser("explain", help="document one rule",
                                  description="Explain a rule: what, why, example, fix.", formatter_class=_BuildingFormatter)
    explain.add_argument("code", metavar="CODE", help="a rule code (CIT001) or name (empty-citation)")
    explain.add_argument("--config", metavar="FILE")


def _server_parser(commands) -> None:
    commands.add_parser("server", help="run the language server (LSP on stdio) for editors",
                        description="Serve copydesk's findings, fixes and rule docs to an editor over the Language "
                                    "Server Protocol on stdio. Needs: pip install 'copydesk[lsp]'.",
                        formatter_class=_BuildingFormatter)


def _site_parser(commands) -> None:
    site = commands.add_parser("site", help="show the site detected: generator, languages, translations",
                               description="Show what copydesk detected of the site PATH is in, and why.",
                               formatter_class=_BuildingFormatter)
    site.add_argument("path", nargs="?", metavar="PATH", help="a folder of the site (default: the current folder)")
    site.add_argument("--format", choices=("text", "json"), default="text")
    site.add_argument("--groups", action="store_true",
                      help="also list the translation groups of the Markdown files under PATH")
    site.add_argument("--config", metavar="FILE")


_COMMAND_PARSERS = {"check": _check_parser, "rules": _rules_parser, "explain": _explain_parser,
                    "server": _server_parser, "site": _site_parser}


def console_main() -> int:
    """The ``copydesk`` command. A check's results live until the process ends and form no
    cycles, so the cyclic garbage collector stays off to the end (it would walk them all once
    more), and they are never freed one by one (``_kept``; a tenth of a second after 10,000
    posts): once the output is out, the process ends at once, as mypy's does. Everything the
    run writes (fixed posts, the cache) is written and closed by then."""
    gc.disable()
    global _kept
    _kept = []
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (``| head``): not an error of ours
        pass
    except (OSError, ValueError) as error:  # a full disk, say: the report is not all there
        status = output.output_error("standard output", error)
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(status)


_kept: list | None = None  # the command's results (see ``console_main``); a caller of ``main`` frees them


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if sys.stderr is None:
        sys.stderr = output.Closed("standard error", quiet=True)
    if sys.stdout is None:
        sys.stdout = output.Closed("standard output")
    elif hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")  # never a traceback for a character
    try:
        os.getcwd()
    except OSError:
        print("copydesk: error: the current folder no longer exists (deleted or moved); cd to another one",
              file=sys.stderr)
        return EXIT_ERROR
    if argv[:1] == ["--version"] and isinstance(sys.stdout, output.Closed):
        return output.output_error("standard output", OSError(9, "standard output is closed"))
    if not argv or argv[0] not in (*COMMANDS, "-h", "--help", "--version"):
        argv = ["check", *argv]
    parser = build_parser(argv[0] if argv[0] in COMMANDS else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:
        return EXIT_ERROR if exit.code else EXIT_CLEAN
    try:
        if args.command == "rules":
            return _rules(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "server":
            from .server import main as serve

            return serve()
        if args.command == "site":
            return _site(args)
        return _check(args)
    except KeyboardInterrupt:
        print("copydesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLEAN
    except output.OutputError as error:
        return output.output_error(error.where, error.error)
    except Exception as error:
        return _report_error(error)


def _report_error(error: Exception) -> int:
    from .config import ConfigError
    from .registry import LinterError
    from .baseline import BaselineError
    from .packs.loading import RulePackError

    if isinstance(error, (ConfigError, LinterError, RulePackError, BaselineError)):
        print(f"copydesk: error: {error}", file=sys.stderr)
    elif isinstance(error, FileNotFoundError) and error.args and isinstance(error.args[0], str):
        print(f"copydesk: error: {output.printable(error.args[0]) or repr('')}: no such file or folder", file=sys.stderr)
    elif isinstance(error, OSError):  # the system refused something: say what, it is not a bug
        where = f"{output.printable(os.fsdecode(error.filename))}: " if error.filename is not None else ""
        print(f"copydesk: error: {where}{error.strerror or error}", file=sys.stderr)
    else:
        if os.environ.get("COPYDESK_DEBUG"):
            raise error
        print(f"copydesk: internal error: {type(error).__name__}: {error} "
              "(set COPYDESK_DEBUG=1 for a traceback, and please report it)", file=sys.stderr)
    return EXIT_ERROR


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def _load_config(args, discover_from=None):
    from . import config

    return config.load(args.config) if args.config else config.load(discover_from=discover_from)


def _site(args) -> int:
    """``copydesk site``: the site detected from PATH (and, with ``--groups``, the Markdown files
    under it as ``check`` finds them), shown by ``linters.site.command``."""
    from pathlib import Path

    from .site import attach, command

    path = os.path.abspath(args.path or ".")
    if not os.path.exists(path):
        print(f"copydesk: error: {args.path}: no such file or folder", file=sys.stderr)
        return EXIT_ERROR
    start = path if os.path.isdir(path) else os.path.dirname(path)
    config = _load_config(args, Path(start))
    if config.site_settings is False:
        print("copydesk: site detection is off (site: false in the configuration)", file=sys.stderr)
        return EXIT_CLEAN
    config = attach(config, start)
    files = None
    if args.groups:
        from .engine.discovery import discover, display_path

        pages = config._replace(include=tuple(dict.fromkeys(config.include + ("*.mdx",))))  # MDX pages too
        files = [display_path(file) for file in discover([path], pages)]
    return command.show(args, config, files)


def _check(args) -> int:
    from . import engine, reporters

    try:
        reporter = reporters.get(args.format)
    except ValueError as error:
        print(f"copydesk: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    stdin: ModuleType | None = None  # the module that reads it, when the post comes from standard input
    if "-" in args.paths or args.stdin_filename is not None:
        from . import stdin as reading

        problem = reading.usage_error(args)
        if problem:
            print(f"copydesk: error: {problem}", file=sys.stderr)
            return EXIT_ERROR
        stdin = reading
    from .site import attach

    folder = stdin.config_folder(args) if stdin else None
    config = attach(_load_config(args, folder), str(folder) if folder else None)
    ignore = config.ignore + tuple(args.ignore or ())
    extend_select = config.extend_select + tuple(args.extend_select or ())
    config = config.with_overrides(
        select=tuple(args.select) if args.select else None, ignore=ignore, extend_select=extend_select,
        fail_on=_severity(args.fail_on), language=args.language, unsafe_fixes=args.unsafe_fixes,
        cache=False if args.no_cache else None)
    if args.online is not None or args.remap or config.online:
        problem, config = _online(args, config, stdin)
        if problem:
            print(f"copydesk: error: {problem}", file=sys.stderr)
            return EXIT_ERROR
    if args.language:
        from .languages import normalize

        if normalize(args.language) is None:
            print(f"copydesk: error: --language: {args.language!r} is not a language code", file=sys.stderr)
            return EXIT_ERROR
    from .config import MAX_JOBS

    if args.jobs is not None and not 1 <= args.jobs <= MAX_JOBS:
        print(f"copydesk: error: --jobs must be at least 1 and at most {MAX_JOBS}", file=sys.stderr)
        return EXIT_ERROR
    unwritable = output.unwritable(args)
    if unwritable:
        print(f"copydesk: error: {unwritable}", file=sys.stderr)
        return EXIT_ERROR
    options = engine.RunOptions(fix=args.fix and not args.diff, diff=args.diff)
    progress = output.Progress() if sys.stderr.isatty() and not args.quiet and not stdin else None
    fixed_post = None
    # A report that can be written as files finish is, unless the findings must be seen whole first.
    streaming = getattr(reporter, "Streaming", None)
    where = args.output_file or "standard output"
    if streaming and not (stdin or args.baseline or args.write_baseline or args.fix or args.diff):
        streaming = streaming(output.writing_to(where, output.open_output)(args.output_file) if args.output_file
                              else sys.stdout)
    else:
        streaming = None
    try:
        if stdin:
            result, fixed_post = stdin.run(args, config, options)
        else:
            result = engine.run(args.paths or ["."], config, options, jobs=args.jobs, progress=progress,
                                on_file=output.writing_to(where, streaming.file_done) if streaming else None)
    finally:
        if progress:
            progress.clear()
    if _kept is not None:
        _kept.append(result)
    if streaming:
        output.writing_to(where, streaming.finish)(result)
        if args.output_file:
            output.writing_to(where, streaming.stream.close)()
        _online_summary(args, result, on_stderr=True)
        return _status(args, result, config)
    if fixed_post is not None:  # the fixed post is the output; the report goes to stderr
        for piece in fixed_post:
            sys.stdout.buffer.write(piece)
        sys.stdout.flush()
    if args.write_baseline:
        from . import baseline

        count = baseline.write(args.write_baseline, result.diagnostics, result.texts)
        name = output.printable(args.write_baseline)
        print(f"Recorded {count} finding(s) in {name}; check with --baseline {name}.")
        return EXIT_CLEAN
    if args.baseline:
        from . import baseline

        result.diagnostics = baseline.new_findings(args.baseline, result.diagnostics, result.texts)
    if fixed_post is not None:
        where = args.output_file or "standard error"
    stream = output.writing_to(where, output.open_output)(args.output_file) if args.output_file else \
        sys.stderr if fixed_post is not None else sys.stdout
    terminal = stream.isatty()
    report_options = reporters.ReportOptions(
        statistics=not args.quiet if args.statistics is None else args.statistics, quiet=args.quiet,
        fix=options.fix, color=output.use_color(args.color, terminal),
        show_source=terminal if args.show_source is None else args.show_source)
    try:
        try:
            if args.diff:
                output.write_patch(stream, result.diffs)
                if not result.diffs and not args.quiet:
                    print("No fixes to apply.", file=sys.stderr)
            else:
                reporter.report(result, stream, report_options)
        finally:
            if args.output_file:
                stream.close()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise output.OutputError(where, error) from None
    _online_summary(args, result, on_stderr=args.format != "text")
    return _status(args, result, config)


def _online(args, config, stdin):
    """Why the command line cannot go online (or None), and the configuration with its online
    settings: ``--online``/``--no-online`` over ``online: true``, ``--remap`` after the
    configuration's rules. Standard input and a missing extra are errors only with --online."""
    from .online.settings import DEFAULT, parse_remap

    settings = config.online_settings or DEFAULT
    try:
        remap = tuple(parse_remap(argument) for argument in args.remap or ())
    except ValueError as error:
        return str(error), config
    online = config.online if args.online is None else args.online
    if stdin:
        return ("--online checks files, not standard input" if args.online else None), config._replace(online=False)
    if online:
        from .online import client_problem

        problem = client_problem()
        if problem:
            return problem, config
    return None, config._replace(online=online, online_settings=settings._replace(remap=settings.remap + remap))


def _online_summary(args, result, on_stderr: bool) -> None:
    """What the network said, counted (the text report says it itself), and with --verbose what
    it did not settle, on standard error."""
    online = getattr(result, "online", None)
    if online is None or not online.targets:
        return
    if on_stderr and not args.quiet:
        print(online.summary(), file=sys.stderr)
    if args.verbose:
        for unknown in online.unknowns:
            print(f"copydesk: unknown: {unknown.question}: {unknown.detail} (cited at {unknown.where})",
                  file=sys.stderr)
        for moved in online.redirects:
            print(f"copydesk: redirected: {moved.question} -> {moved.detail} (cited at {moved.where})", file=sys.stderr)


def _status(args, result, config) -> int:
    from . import engine

    if result.internal_errors:
        print(f"copydesk: {result.internal_errors} file(s) hit an internal error; see CD006 above", file=sys.stderr)
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    if args.diff:
        return EXIT_FINDINGS if result.diffs else EXIT_CLEAN
    return engine.exit_status(result, config)


def _severity(name):
    from .diagnostics import Severity

    return Severity.parse(name) if name else None


def _rules(args) -> int:
    from .engine import engine_for

    engine = engine_for(_load_config(args))
    rules = sorted(engine.rules.values(), key=lambda rule: (rule.linter, rule.code))
    if args.format == "json":
        import json

        json.dump([{"code": r.code, "name": r.name, "linter": r.linter, "severity": str(r.severity),
                    "fixable": r.fixable, "enabled": r.code in engine.enabled, "summary": r.summary}
                   for r in rules], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_CLEAN
    if args.format == "markdown":
        print("| code | name | linter | severity | fixable | summary |\n|---|---|---|---|---|---|")
        for r in rules:
            state = _off(engine, r.code) if r.code not in engine.enabled else ""
            summary = r.summary.replace("|", "\\|")
            print(f"| {r.code} | {r.name} | {r.linter} | {r.severity} | {'yes' if r.fixable else ''} | {summary}{state} |")
        return EXIT_CLEAN
    for rule in rules:
        mark = "[*]" if rule.fixable else "   "
        state = "" if rule.code in engine.enabled else _off(engine, rule.code)
        print(f"{rule.code:<7} {mark} {rule.linter:<15} {rule.severity!s:<8} {rule.name}: {rule.summary}{state}")
    return EXIT_CLEAN


def _off(engine, code: str) -> str:
    return " (with --online)" if code in engine.online_rules else " (off by default)"


def _explain(args) -> int:
    from .engine import engine_for

    engine = engine_for(_load_config(args))
    wanted = args.code.strip()
    rule = engine.rules.get(wanted.upper()) or next(
        (r for r in engine.rules.values() if r.name == wanted.lower()), None)
    if rule is None:
        print(f"copydesk: error: no rule {wanted!r}; `copydesk rules` lists them", file=sys.stderr)
        return EXIT_ERROR
    print(rule.explanation(rule.code in engine.enabled), end="")
    return EXIT_CLEAN

