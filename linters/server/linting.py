"""What the language server asks of copydesk: lint an editor's text as the file it will be
saved as, and fix all of it. Runs in the server's worker process (see ``app``), so it takes
and returns plain data, positions already in the client's code units; it imports no LSP library.

A document is linted as ``copydesk check`` run from its project folder would lint the saved
file: the configuration is found from the document's folder upwards (and read again when the
file, or a rule pack it names, changes); the project folder is the configuration's folder (else
the workspace folder holding the document, else the document's own), and the worker works from
there, so that paths, per-file ignores and translation groups are those of the command line;
the document's translations are read from disk.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from .. import config as config_module
from ..engine.linting import Engine
from ..diagnostics import Diagnostic, Edit
from ..document import Document
from .positions import Lines
from .suppress import disable_edit

Range = tuple  # (start line, start character, end line, end character), 0-based
TextEdit = tuple  # (Range, new text)


class Request(NamedTuple):
    """A document to lint: its ``text``, its file's absolute ``path`` (None when it has none,
    e.g. an untitled buffer), the workspace ``folder`` it belongs to, and the position
    ``encoding`` agreed with the client."""

    text: str
    path: str | None
    folder: str | None
    encoding: str


class Finding(NamedTuple):
    range: Range
    severity: str
    code: str
    message: str
    docs_url: str | None
    fix: tuple[str, tuple[TextEdit, ...]] | None  # (title, edits): the edits --fix makes
    disable: tuple[str, TextEdit]  # (title, edit): the suppression comment


class Report(NamedTuple):
    findings: list[Finding]
    explanations: dict[str, str]  # code -> ``copydesk explain CODE`` (Markdown)
    error: str | None  # a configuration error, said once to the user instead of findings


class _Project(NamedTuple):
    engine: Engine
    root: Path
    path: str  # the document's file (a made-up one for a buffer that has none)


def lint(request: Request) -> Report:
    from ..engine.run import lint_as_file

    try:
        project = _project(request)
    except Exception as error:  # a configuration, rule pack or plugin error: said, not raised
        return Report([], {}, _error_message(error))
    engine = project.engine
    linted = lint_as_file(engine, _encoded(request.text), project.path)
    lines = Lines(request.text, request.encoding)
    bom = 1 if request.text.startswith("\ufeff") else 0
    # A text that cannot be linted (too large, binary) has one finding, placed on the text as is.
    document = linted.document or Document(request.text[bom:], project.path)
    findings = [_finding(engine, document, lines, bom, d) for d in linted.diagnostics]
    explanations = {d.code: _explanation(engine, d.code)
                    for d in linted.diagnostics if d.code in engine.rules}
    return Report(findings, explanations, None)


def fix_all(request: Request) -> tuple[TextEdit, ...]:
    """The safe fixes of the whole document as one edit (none when nothing is to fix), as
    ``copydesk check --fix`` would write the file."""
    from ..engine.run import lint_as_file

    project = _project(request)
    fixed = lint_as_file(project.engine, _encoded(request.text), project.path, fix=True).fixed
    bom = "\ufeff" if request.text.startswith("\ufeff") else ""
    if fixed is None or bom + fixed == request.text:
        return ()
    return (_replacement(request.text, bom + fixed, request.encoding),)


def _encoded(text: str) -> bytes:
    """The buffer as the file it will be saved as (the bytes ``copydesk check`` would read)."""
    return text.encode("utf-8", "surrogatepass")


# --- the project of a document -------------------------------------------------------------

_engines: dict = {}  # configuration file -> (its stamp, rule packs' stamps, engine)


def _project(request: Request) -> _Project:
    folder = Path(request.path).parent if request.path else Path(request.folder or os.getcwd())
    found = config_module.discover(folder)
    if found is not None:
        root = found.resolve().parent
    elif request.folder and request.path and _inside(request.path, request.folder):
        root = Path(request.folder)
    else:
        root = folder
    os.chdir(root)  # this process is the server's worker: it lints one document at a time
    stamp = _stamp(found)
    cached = _engines.get(found)
    if cached is None or cached[0] != stamp or cached[1] != _pack_stamps(cached[2].config):
        configuration = config_module.load(found) if found is not None else config_module.Config(root=root)
        configuration = configuration.with_overrides(online=False)  # never the network from the editor (check --online)
        engine = Engine(configuration)
        _engines[found] = cached = (stamp, _pack_stamps(configuration), engine)
    return _Project(cached[2], root, request.path or str(root / "untitled.md"))


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([os.path.abspath(path), os.path.abspath(folder)]) == os.path.abspath(folder)
    except ValueError:  # different drives
        return False


def _stamp(path: Path | None):
    if path is None:
        return None
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def _pack_stamps(configuration) -> tuple:
    return tuple(_stamp(Path(pack)) for pack in configuration.rule_packs)


def _error_message(error: Exception) -> str:
    if isinstance(error, FileNotFoundError):
        return f"copydesk: error: {error}"
    from ..config import ConfigError
    from ..registry import LinterError
    from ..packs.loading import RulePackError

    if isinstance(error, (ConfigError, LinterError, RulePackError)):
        return f"copydesk: error: {error}"
    return f"copydesk: internal error: {type(error).__name__}: {error}"


# --- findings as LSP says them --------------------------------------------------------------


def _finding(engine, document: Document, lines: Lines, bom: int, d: Diagnostic) -> Finding:
    start = _position(lines, bom, d.line, d.column)
    end = _position(lines, bom, d.end_line, d.end_column)
    if end < start:
        end = start
    fix = None
    if d.fix is not None and engine.fixes_to_apply(document, [d]):
        edits = tuple(_text_edit(document, lines, bom, edit) for edit in d.fix.edits)
        fix = (f"Fix {d.code} ({d.name})", edits)
    title, edit = disable_edit(document, d.line, d.code)
    return Finding((*start, *end), str(d.severity), d.code, d.message, _docs_url(engine, d.code), fix,
                   (title, _text_edit(document, lines, bom, edit)))


def _position(lines: Lines, bom: int, line: int, column: int) -> tuple[int, int]:
    """The LSP position of a copydesk line and column (the byte-order mark is a character of
    the editor's first line, not of copydesk's)."""
    return lines.line_position(line, column + bom if line == 1 else column)


def _text_edit(document: Document, lines: Lines, bom: int, edit: Edit) -> TextEdit:
    """An edit as LSP says it; copydesk's lines are the editor's, whatever their endings."""
    start = _position(lines, bom, *document.position(edit.start))
    end = _position(lines, bom, *document.position(edit.end))
    replacement = edit.replacement.replace("\n", document.newline) if document.newline != "\n" else edit.replacement
    return (*start, *end), replacement


def _replacement(before: str, after: str, encoding: str) -> TextEdit:
    """One edit turning ``before`` into ``after``: the span between their common ends."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    lines = Lines(before, encoding)
    start, end = lines.position(prefix), lines.position(len(before) - suffix)
    return (*start, *end), after[prefix:len(after) - suffix]


def _docs_url(engine, code: str) -> str | None:
    template = engine.config.docs_url
    rule = engine.rules.get(code)
    if not template or rule is None:
        return None
    return template.replace("{code}", rule.code).replace("{name}", rule.name)


def _explanation(engine, code: str) -> str:
    text = engine.rules[code].explanation(code in engine.enabled)
    url = _docs_url(engine, code)
    return f"{text}[{code} in the documentation]({url})\n" if url else text
