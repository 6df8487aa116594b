"""The language server: pygls on stdio, the linting in a worker process.

The event loop only keeps documents and answers requests; every lint runs in one worker
process (``linting``), so a slow post never delays typing, hovers or code actions. A document
is linted when it is opened or saved, and ``DEBOUNCE`` seconds after the last change; while a
lint runs, newer changes wait for it to end and then the newest text is linted; findings are
published only for the version they were computed on. Hovers and quick fixes are answered from
the last findings, without linting; "fix all" asks the worker. Online checks are never run.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .._version import __version__
from . import linting

DEBOUNCE = 0.3  # seconds without a change before a document is linted
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.copydesk"
MARKDOWN_LANGUAGES = ("markdown", "mdx")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
CONFIG_GLOBS = ("**/.copydesk.yaml", "**/.copydesk.yml", "**/pyproject.toml")
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}
logger = logging.getLogger("copydesk.server")


class _Document:
    """What the server keeps of an open document: the last report and the version it is of,
    the LSP diagnostics published from it, and the lint in progress (``running``; ``again``:
    the text changed since it started)."""

    __slots__ = ("report", "version", "diagnostics", "timer", "running", "again")

    def __init__(self) -> None:
        self.report: linting.Report | None = None
        self.version: int | None = None
        self.diagnostics: list[types.Diagnostic] = []
        self.timer: asyncio.TimerHandle | None = None
        self.running = False
        self.again = False


class CopydeskServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("copydesk", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.documents: dict[str, _Document] = {}
        self.shown_errors: set[str] = set()
        self._pool: ProcessPoolExecutor | None = None

    # -- the worker ------------------------------------------------------------------------

    async def in_worker(self, function, *args):
        """Run ``function(*args)`` in the worker process (started on first use, again if it died)."""
        for attempt in (1, 2):
            if self._pool is None:
                self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_worker_init, initargs=(os.getpid(),))
            try:
                return await asyncio.get_running_loop().run_in_executor(self._pool, function, *args)
            except BrokenProcessPool:
                self._pool = None
                if attempt == 2:
                    raise

    def stop_worker(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if any(state.running for state in self.documents.values()):
            # A lint is running: the worker is ended, not waited for (``_processes``: Python
            # before 3.14 has no ``kill_workers``).
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
        pool.shutdown(wait=True, cancel_futures=True)

    # -- requests to lint --------------------------------------------------------------------

    def request(self, uri: str) -> linting.Request:
        document = self.workspace.get_text_document(uri)
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return linting.Request(document.source, path, self._folder_of(path), _encoding(self.workspace))

    def _folder_of(self, path: str | None) -> str | None:
        folders = [to_fs_path(folder.uri) for folder in self.workspace.folders.values()]
        if path is not None:
            inside = [folder for folder in folders if folder and linting._inside(path, folder)]
            if inside:
                return max(inside, key=len)
        return self.workspace.root_path or (folders[0] if folders else None)

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        state = self.documents.get(uri)
        if state is None:
            return
        if state.timer is not None:
            state.timer.cancel()
        state.timer = asyncio.get_running_loop().call_later(delay, self._start, uri)

    def _start(self, uri: str) -> None:
        state = self.documents.get(uri)
        if state is None:
            return
        state.timer = None
        if state.running:
            state.again = True
            return
        state.running = True
        asyncio.ensure_future(self._lint(uri, state))

    async def _lint(self, uri: str, state: _Document) -> None:
        version = self.workspace.get_text_document(uri).version
        try:
            report = await self.in_worker(linting.lint, self.request(uri))
        except Exception as error:  # the worker died twice: say so, keep serving
            report = linting.Report([], {}, f"copydesk: internal error: {type(error).__name__}: {error}")
        finally:
            state.running = False
        if self.documents.get(uri) is not state:
            return  # closed meanwhile
        if state.again:
            state.again = False
            self._start(uri)
        if self.workspace.get_text_document(uri).version != version:
            return  # only the newest text's findings are published
        self._publish(uri, version, state, report)

    def _publish(self, uri: str, version: int | None, state: _Document, report: linting.Report) -> None:
        if report.error and report.error not in self.shown_errors:
            self.shown_errors.add(report.error)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, report.error))
        state.report, state.version = report, version
        state.diagnostics = [_diagnostic(finding) for finding in report.findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=state.diagnostics, version=version))

    def current(self, uri: str) -> tuple[_Document, linting.Report] | None:
        """The document's state and findings, when they are those of its current text."""
        state = self.documents.get(uri)
        if state is None or state.report is None or state.version != self.workspace.get_text_document(uri).version:
            return None
        return state, state.report


def _worker_init(server: int) -> None:
    """The worker writes nothing on the server's stdout, which is the LSP channel, and ends
    with the server, even one that was killed (an editor may kill its servers)."""
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    threading.Thread(target=_end_with, args=(server,), daemon=True).start()


def _end_with(server: int) -> None:
    while os.getppid() == server:
        time.sleep(1)
    os._exit(0)


def _encoding(workspace) -> str:
    """The position encoding pygls agreed with the client ("utf-16" unless it asked otherwise)."""
    encoding = workspace.position_encoding or types.PositionEncodingKind.Utf16
    return getattr(encoding, "value", encoding)


def _is_markdown(document: types.TextDocumentItem) -> bool:
    return document.language_id in MARKDOWN_LANGUAGES or document.uri.lower().endswith(MARKDOWN_SUFFIXES)


def _range(values) -> types.Range:
    start_line, start_character, end_line, end_character = values
    return types.Range(types.Position(start_line, start_character), types.Position(end_line, end_character))


def _diagnostic(finding: linting.Finding) -> types.Diagnostic:
    description = types.CodeDescription(href=finding.docs_url) if finding.docs_url else None
    return types.Diagnostic(range=_range(finding.range), message=finding.message, severity=_SEVERITY[finding.severity],
                            code=finding.code, code_description=description, source="copydesk")


def _edit(ls: CopydeskServer, uri: str, version: int | None, edits) -> types.WorkspaceEdit:
    """The edits, tied to the document version they were made for when the client can say no to
    edits of an older version (a fix computed while the user typed must not land elsewhere)."""
    text_edits = [types.TextEdit(_range(where), text) for where, text in edits]
    workspace = ls.client_capabilities.workspace
    if workspace and workspace.workspace_edit and workspace.workspace_edit.document_changes:
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), text_edits)])
    return types.WorkspaceEdit(changes={uri: text_edits})


def _wanted(only, kind: str) -> bool:
    return not only or any(kind == asked or kind.startswith(f"{asked}.") for asked in only)


def _overlaps(finding_range, requested: types.Range) -> bool:
    start, end = tuple(finding_range[:2]), tuple(finding_range[2:])
    return start <= (requested.end.line, requested.end.character) and \
        (requested.start.line, requested.start.character) <= end


def _contains(finding_range, position: types.Position) -> bool:
    return tuple(finding_range[:2]) <= (position.line, position.character) <= tuple(finding_range[2:])


def build() -> CopydeskServer:
    server = CopydeskServer()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: CopydeskServer, params: types.InitializedParams):
        watch = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watch and watch.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_GLOBS])
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[
                types.Registration(id="copydesk-configuration", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                   register_options=options)]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CopydeskServer, params: types.DidOpenTextDocumentParams):
        if _is_markdown(params.text_document):
            ls.documents[params.text_document.uri] = _Document()
            ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CopydeskServer, params: types.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: CopydeskServer, params: types.DidSaveTextDocumentParams):
        ls.schedule(params.text_document.uri)
        for uri in ls.documents:  # a saved post may be a translation of another open one
            if uri != params.text_document.uri:
                ls.schedule(uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CopydeskServer, params: types.DidCloseTextDocumentParams):
        state = ls.documents.pop(params.text_document.uri, None)
        if state is not None:
            if state.timer is not None:
                state.timer.cancel()
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(params.text_document.uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: CopydeskServer, params: types.DidChangeWatchedFilesParams):
        ls.shown_errors.clear()
        for uri in ls.documents:
            ls.schedule(uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL],
        resolve_provider=True))
    async def code_action(ls: CopydeskServer, params: types.CodeActionParams):
        uri, only = params.text_document.uri, params.context.only
        if uri not in ls.documents:
            return None
        actions: list[types.CodeAction] = []
        current = ls.current(uri)
        if current is not None and _wanted(only, types.CodeActionKind.QuickFix.value):
            actions.extend(_quick_fixes(ls, uri, *current, params.range))
        if not _wanted(only, FIX_ALL):
            return actions
        action = types.CodeAction(title="copydesk: fix all auto-fixable problems", kind=FIX_ALL, data={"uri": uri})
        if only:  # asked for (a command, or on save): made now
            action = await _resolved(ls, action)
            if action.edit is not None:
                actions.append(action)
        elif current is not None and any(f.fix for f in current[1].findings) and _can_resolve(ls):
            actions.append(action)  # in the menu; made when chosen, so that a menu never waits for a lint
        return actions

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: CopydeskServer, action: types.CodeAction):
        return await _resolved(ls, action)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CopydeskServer, params: types.HoverParams):
        current = ls.current(params.text_document.uri)
        if current is None:
            return None
        report = current[1]
        found = [f for f in report.findings if _contains(f.range, params.position)]
        codes = list(dict.fromkeys(f.code for f in found if f.code in report.explanations))
        if not codes:
            return None
        text = "\n---\n\n".join(report.explanations[code] for code in codes)
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                           range=_range(found[0].range))

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: CopydeskServer, params):
        for state in ls.documents.values():
            if state.timer is not None:
                state.timer.cancel()
        ls.stop_worker()

    return server


def _can_resolve(ls: CopydeskServer) -> bool:
    code_action = ls.client_capabilities.text_document and ls.client_capabilities.text_document.code_action
    support = code_action and code_action.resolve_support
    return bool(support and "edit" in support.properties)


def _quick_fixes(ls: CopydeskServer, uri: str, state: _Document, report: linting.Report,
                 requested: types.Range) -> list[types.CodeAction]:
    actions, seen = [], set()
    for finding, diagnostic in zip(report.findings, state.diagnostics):
        if not _overlaps(finding.range, requested):
            continue
        if finding.fix is not None:
            title, edits = finding.fix
            actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                                            is_preferred=True, edit=_edit(ls, uri, state.version, edits)))
        title, edit = finding.disable
        if (title, edit) not in seen:
            seen.add((title, edit))
            actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                                            edit=_edit(ls, uri, state.version, [edit])))
    return actions


async def _resolved(ls: CopydeskServer, action: types.CodeAction) -> types.CodeAction:
    """The "fix all" action with its edit (none when nothing is to fix)."""
    uri = (action.data or {}).get("uri")
    if action.kind != FIX_ALL or uri not in ls.documents:
        return action
    version = ls.workspace.get_text_document(uri).version
    try:
        edits = await ls.in_worker(linting.fix_all, ls.request(uri))
    except Exception as error:
        logger.error("fix all: %s: %s", type(error).__name__, error)
        edits = ()
    if ls.workspace.get_text_document(uri).version != version:
        edits = ()  # typed meanwhile: the edit is of a text that is gone
    action.edit = _edit(ls, uri, version, edits) if edits else None
    action.data = None
    return action


def serve() -> int:
    """Serve on stdio until the client says exit. Anything printed by mistake (a plugin, a
    warning) goes to stderr: stdout carries the protocol only."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="copydesk server: %(message)s")
    protocol_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    server = build()
    try:
        server.start_io(sys.stdin.buffer, protocol_out)
    finally:
        server.stop_worker()
    return 0
