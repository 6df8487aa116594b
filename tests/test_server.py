"""``copydesk server``: the language server, driven end to end by a real LSP client over stdio
(pygls's), and the pieces it is made of (positions, suppression comments).

The end-to-end tests need the ``lsp`` extra; without it they skip, unless COPYDESK_REQUIRE_LSP
is set (CI sets it after installing the extra, so a missing pygls fails there instead of
passing as skipped).
"""
from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

import pytest

from conftest import PLUGIN_SLOW, copydesk, with_pythonpath, write

try:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient
except ImportError:
    if os.environ.get("COPYDESK_REQUIRE_LSP"):
        raise  # CI installed the lsp extra: its absence is a failure, not a skip
    types = LanguageClient = None

needs_lsp = pytest.mark.skipif(types is None, reason="the lsp extra is not installed (pip install '.[lsp]')")

POST = ("---\ntitle: Coffee\nlang: en\n---\n\n"
        "Emoji 😀😀 and 日本語 then ().\n\n"
        "See [](https://coffee.org/beans) here.\n")


# --- without the extra -------------------------------------------------------------------------


def test_without_pygls_the_server_says_how_to_install_it(tmp_path):
    blocker = tmp_path / "no-pygls"
    write(blocker / "pygls.py", "raise ImportError('No module named pygls')\n")
    existing = os.environ.get("PYTHONPATH", "")
    run = copydesk("server", env={"PYTHONPATH": os.pathsep.join(filter(None, [str(blocker), existing]))},
                   input="")
    assert run.code == 2
    assert run.err == "copydesk: error: the language server needs pygls: pip install 'copydesk[lsp]'\n"
    assert run.out == ""


# --- the client ----------------------------------------------------------------------------------


class Client:
    """A language client on the server's stdio that remembers what the server sent."""

    def __init__(self, folder: Path, encodings: list[str] | None = None, resolve: bool = False,
                 env: dict | None = None):
        self.folder = folder
        self.env = env or {}
        self.encodings = encodings
        self.resolve = resolve
        self.published: list = []
        self.messages: list = []
        self.registrations: list = []
        self.stderr = bytearray()
        self.lsp = LanguageClient("copydesk-tests", "1")
        for method, received in ((types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, self.published),
                                 (types.WINDOW_SHOW_MESSAGE, self.messages),
                                 (types.CLIENT_REGISTER_CAPABILITY, self.registrations)):
            self.lsp.feature(method)(lambda params, received=received: received.append(params))
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

    async def __aenter__(self) -> "Client":
        environment = {**os.environ, **self.env}
        if environment.get("PYTHONPATH"):
            environment["PYTHONPATH"] = os.pathsep.join(
                os.path.abspath(entry) for entry in environment["PYTHONPATH"].split(os.pathsep) if entry)
        await self.lsp.start_io(sys.executable, "-m", "linters", "server", cwd=str(self.folder), env=environment)
        self._drain = asyncio.ensure_future(self._read_stderr())
        general = types.GeneralClientCapabilities(position_encodings=self.encodings) if self.encodings else None
        resolve = types.ClientCodeActionResolveOptions(properties=["edit"]) if self.resolve else None
        capabilities = types.ClientCapabilities(
            general=general,
            workspace=types.WorkspaceClientCapabilities(
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)),
            text_document=types.TextDocumentClientCapabilities(
                code_action=types.CodeActionClientCapabilities(resolve_support=resolve)))
        self.initialize = await self.lsp.initialize_async(types.InitializeParams(
            capabilities=capabilities, root_uri=self.folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(self.folder.as_uri(), "project")]))
        self.lsp.initialized(types.InitializedParams())
        return self

    async def _read_stderr(self) -> None:
        while True:
            chunk = await self.lsp._server.stderr.read(4096)
            if not chunk:
                return
            self.stderr.extend(chunk)

    async def __aexit__(self, *exc) -> None:
        server = self.lsp._server
        if server is not None and server.returncode is None:
            server.kill()  # a test that failed: no shutdown was sent
        await asyncio.wait_for(self.lsp.stop(), 30)
        self._drain.cancel()

    async def shutdown(self) -> int:
        await self.lsp.shutdown_async(None)
        self.lsp.exit(None)
        return await asyncio.wait_for(self.lsp._server.wait(), 30)

    # -- documents --

    def open(self, path: Path, text: str | None = None, language: str = "markdown") -> str:
        uri = path.as_uri()
        self.versions[uri] = 1
        self.texts[uri] = path.read_text(encoding="utf-8") if text is None else text
        self.lsp.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri, language, 1, self.texts[uri])))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.texts[uri] = text
        self.lsp.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(self.versions[uri], uri),
            [types.TextDocumentContentChangeWholeDocument(text)]))
        return self.versions[uri]

    def save(self, uri: str) -> None:
        Path(_path(uri)).write_text(self.texts[uri], encoding="utf-8")
        self.lsp.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))

    async def diagnostics(self, uri: str, version: int | None = None, after: int = 0, timeout: float = 60):
        """The first diagnostics published for ``uri`` (at ``version``) after the ``after``-th publication."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for published in self.published[after:]:
                if published.uri == uri and (version is None or published.version == version):
                    return list(published.diagnostics)
            await asyncio.sleep(0.02)
        raise AssertionError(f"no diagnostics for {uri} v{version}; stderr: {self.stderr.decode()[-2000:]}")

    async def actions(self, uri: str, where: "types.Range", only: list[str] | None = None):
        return await self.lsp.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), where, types.CodeActionContext(diagnostics=[], only=only)))

    async def hover(self, uri: str, position: "types.Position"):
        return await self.lsp.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), position))


def _path(uri: str) -> str:
    from urllib.parse import unquote, urlparse

    return unquote(urlparse(uri).path)


def apply(text: str, edits) -> str:
    """Apply LSP text edits (UTF-16 positions) as an editor does."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(position) -> int:
        before = sum(len(line) for line in lines[:position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units, index = 0, 0
        while units < position.character and index < len(line):
            units += 2 if ord(line[index]) > 0xFFFF else 1
            index += 1
        return before + index

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
        lines = text.splitlines(keepends=True)
    return text


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 180))


# --- end to end ------------------------------------------------------------------------------------


@needs_lsp
def test_open_change_save_code_actions_hover_and_shutdown(tmp_path):
    write(tmp_path / ".copydesk.yaml", 'docs-url: "https://copydesk.example/rules/{code}"\n')
    post = write(tmp_path / "_posts" / "coffee.md", POST)

    async def session():
        async with Client(tmp_path) as client:
            assert client.initialize.capabilities.position_encoding == types.PositionEncodingKind.Utf16
            uri = client.open(post)
            opened = await client.diagnostics(uri, 1)
            assert [(d.code, d.source, d.severity) for d in opened] == [
                ("CIT001", "copydesk", types.DiagnosticSeverity.Warning),
                ("CIT002", "copydesk", types.DiagnosticSeverity.Warning)]
            citation = opened[0]
            line = "Emoji 😀😀 and 日本語 then ()."
            assert (citation.range.start.line, citation.range.start.character) == (5, utf16(line[:line.index("()")]))
            assert (citation.range.end.line, citation.range.end.character) == (5, utf16(line[:line.index("()") + 2]))
            assert citation.code_description.href == "https://copydesk.example/rules/CIT001"
            assert citation.message == "empty citation '()': the link it held was stripped"

            # typing: several changes in a row; only the last version's findings are published
            count = len(client.published)
            for word in ("a", "ab", "abc"):
                version = client.change(uri, POST.replace("then ()", f"then {word} ()"))
            typed = await client.diagnostics(uri, version, after=count)
            assert typed[0].range.start.character == citation.range.start.character + 4
            await asyncio.sleep(1)
            assert [p.version for p in client.published[count:] if p.uri == uri] == [version]

            # hover on a finding: the rule's explanation, as `copydesk explain` gives it
            hover = await client.hover(uri, typed[0].range.start)
            explain = copydesk("explain", "CIT001", cwd=tmp_path).out
            assert hover.contents.kind == types.MarkupKind.Markdown
            assert hover.contents.value.startswith(explain)
            assert "(https://copydesk.example/rules/CIT001)" in hover.contents.value
            assert await client.hover(uri, types.Position(0, 0)) is None

            # the quick fix of a finding makes the edit --fix makes
            actions = await client.actions(uri, typed[0].range)
            titles = [action.title for action in actions]
            assert titles[:2] == ["Fix CIT001 (empty-citation)", "Disable CIT001 for this line"]
            fixed = apply(client.texts[uri], actions[0].edit.changes[uri])
            assert fixed == POST.replace("then ().", "then abc.")
            disabled = apply(client.texts[uri], actions[1].edit.changes[uri])
            assert "\n<!-- copydesk-disable-next-line CIT001 -->\nEmoji" in disabled
            count = len(client.published)
            version = client.change(uri, disabled)
            assert [d.code for d in await client.diagnostics(uri, version, after=count)] == ["CIT002"]

            # fix all: every safe fix, as `copydesk check --fix` writes the file
            version = client.change(uri, POST)
            await client.diagnostics(uri, version, after=count)
            fix_all = await client.actions(uri, typed[0].range, only=[types.CodeActionKind.SourceFixAll])
            assert [action.kind for action in fix_all] == ["source.fixAll.copydesk"]
            all_fixed = apply(POST, fix_all[0].edit.changes[uri])
            reference = write(tmp_path / "reference" / "coffee.md", POST)
            copydesk("check", "reference", "--fix", "--no-cache", cwd=tmp_path)
            assert all_fixed == reference.read_text(encoding="utf-8") != POST

            # saving lints again, from the saved file's point of view
            client.change(uri, all_fixed)
            count = len(client.published)
            client.save(uri)
            assert await client.diagnostics(uri, after=count) == []

            assert await client.shutdown() == 0
            assert client.messages == []

    run(session())


def _cli_findings(folder: Path, path: Path) -> list[tuple]:
    found = copydesk("check", str(path.relative_to(folder)), "--format", "json", "--no-cache", cwd=folder).json()
    lines = path.read_text(encoding="utf-8").splitlines()
    shown = []
    for f in found:
        text = lines[f["line"] - 1] if f["line"] <= len(lines) else ""
        shown.append((f["code"], f["message"], f["severity"], f["line"] - 1, utf16(text[:f["column"] - 1])))
    return shown


def _lsp_findings(diagnostics) -> list[tuple]:
    names = {types.DiagnosticSeverity.Error: "error", types.DiagnosticSeverity.Warning: "warning",
             types.DiagnosticSeverity.Information: "info"}
    return [(d.code, d.message, names[d.severity], d.range.start.line, d.range.start.character) for d in diagnostics]


@needs_lsp
def test_the_findings_are_those_of_check_on_the_saved_file_translations_included(tmp_path):
    """Per-file findings, a translation compared with its sibling on disk, suppressions."""
    write(tmp_path / ".copydesk.yaml", "extend-select: [CD100]\n")
    english = ("---\ntitle: Coffee\nlang: en\n---\n\nSee https://coffee.org/a and 2025-01-02 12:00.\n\n"
               "“Quoted” text (). <!-- copydesk-disable-line HAL -->\n")
    french = ("---\ntitle: Café\nlang: fr\n---\n\nVoir https://coffee.org/b et 2025-01-03 12:00.\n\n"
              "« Cité » texte ().\n")
    write(tmp_path / "_posts" / "en" / "2025-01-02-coffee-en.md", english)
    post = write(tmp_path / "_posts" / "fr" / "2025-01-02-coffee-fr.md", french)
    expected = _cli_findings(tmp_path, post)
    assert {"TRN", "CIT"} <= {code[:3] for code, *_ in expected}, expected

    async def session():
        async with Client(tmp_path) as client:
            uri = client.open(post)
            assert _lsp_findings(await client.diagnostics(uri, 1)) == expected
            english_uri = client.open(tmp_path / "_posts" / "en" / "2025-01-02-coffee-en.md")
            assert _lsp_findings(await client.diagnostics(english_uri, 1)) == _cli_findings(
                tmp_path, tmp_path / "_posts" / "en" / "2025-01-02-coffee-en.md")
            await client.shutdown()

    run(session())


@needs_lsp
def test_the_findings_of_the_seeds_are_those_of_check(tmp_path, seeds):
    posts = []
    for seed in sorted(seeds.iterdir()):
        posts.append(write(tmp_path / "posts" / f"{seed.stem}.md", seed.read_text(encoding="utf-8")))

    async def session():
        async with Client(tmp_path) as client:
            for post in posts:
                uri = client.open(post)
                assert _lsp_findings(await client.diagnostics(uri, 1)) == _cli_findings(tmp_path, post), post.name
            await client.shutdown()

    run(session())


@needs_lsp
def test_utf8_positions_when_the_client_asks_for_them(tmp_path):
    post = write(tmp_path / "coffee.md", POST)

    async def session():
        async with Client(tmp_path, encodings=["utf-8", "utf-16"]) as client:
            assert client.initialize.capabilities.position_encoding == types.PositionEncodingKind.Utf8
            uri = client.open(post)
            citation = (await client.diagnostics(uri, 1))[0]
            line = "Emoji 😀😀 and 日本語 then ()."
            assert citation.range.start.character == len(line[:line.index("()")].encode("utf-8"))
            await client.shutdown()

    run(session())


@needs_lsp
def test_the_configuration_is_read_again_when_it_changes(tmp_path):
    configuration = write(tmp_path / ".copydesk.yaml", "ignore: [CIT002]\n")
    post = write(tmp_path / "coffee.md", POST)

    async def session():
        async with Client(tmp_path) as client:
            uri = client.open(post)
            assert [d.code for d in await client.diagnostics(uri, 1)] == ["CIT001"]
            assert [r.registrations[0].method for r in client.registrations] == ["workspace/didChangeWatchedFiles"]
            count = len(client.published)
            configuration.write_text("ignore: [CIT001]\n", encoding="utf-8")
            client.lsp.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
                [types.FileEvent(configuration.as_uri(), types.FileChangeType.Changed)]))
            assert [d.code for d in await client.diagnostics(uri, after=count)] == ["CIT002"]
            # a client that does not watch files: the next lint sees the change all the same
            configuration.write_text("ignore: [CIT]\nfail-on: error\n", encoding="utf-8")
            count = len(client.published)
            version = client.change(uri, POST + "\n")
            assert await client.diagnostics(uri, version, after=count) == []
            # a broken configuration is said once, not raised
            configuration.write_text("ignore: CIT\n", encoding="utf-8")
            count = len(client.published)
            version = client.change(uri, POST)
            assert await client.diagnostics(uri, version, after=count) == []
            assert len(client.messages) == 1 and "'ignore' must be a list" in client.messages[0].message
            await client.shutdown()

    run(session())


@needs_lsp
def test_fix_all_is_resolved_lazily_when_the_client_can(tmp_path):
    post = write(tmp_path / "coffee.md", POST)

    async def session():
        async with Client(tmp_path, resolve=True) as client:
            uri = client.open(post)
            diagnostics = await client.diagnostics(uri, 1)
            actions = await client.actions(uri, diagnostics[0].range)
            fix_all = [action for action in actions if action.kind == "source.fixAll.copydesk"]
            assert len(fix_all) == 1 and fix_all[0].edit is None
            resolved = await client.lsp.code_action_resolve_async(fix_all[0])
            assert "()" not in apply(POST, resolved.edit.changes[uri])
            await client.shutdown()

    run(session())


@needs_lsp
def test_a_request_is_answered_while_a_big_post_is_linted(tmp_path):
    """The lint runs in a worker process: while a 1 MB post is being linted (made slow on
    purpose by the test plugin in tests/plugin_slow), hovers and code actions are served at once."""
    paragraph = "A paragraph about coffee (), with [a link](https://coffee.org/x) and “quotes”.\n\n"
    big = write(tmp_path / "project" / "big.md", "---\ntitle: Big\n---\n\nSLOW\n\n" + paragraph * 12_500)
    small = write(tmp_path / "project" / "small.md", POST)
    assert big.stat().st_size > 1_000_000
    async def session():
        async with Client(tmp_path / "project", env=with_pythonpath(PLUGIN_SLOW)) as client:
            small_uri = client.open(small)
            diagnostics = await client.diagnostics(small_uri, 1)
            big_uri = client.open(big)
            await asyncio.sleep(0.5)  # the big lint has started
            started = time.monotonic()
            hover = await client.hover(small_uri, diagnostics[0].range.start)
            actions = await client.actions(small_uri, diagnostics[0].range)
            assert await client.hover(big_uri, types.Position(5, 0)) is None  # no findings yet: no hover
            answered = time.monotonic() - started
            assert hover is not None and actions
            big_published = [(p.version, len(p.diagnostics)) for p in client.published if p.uri == big_uri]
            assert not big_published, (big_published, client.stderr.decode()[-3000:])
            assert answered < 1.0
            big_findings = await client.diagnostics(big_uri, 1)
            assert sum(d.code == "CIT001" for d in big_findings) == 12_500
            await client.shutdown()

    run(session())


# --- the pieces, without the protocol ------------------------------------------------------------

FRONT = "---\ntitle: T\n---\n\n"
CONTEXTS = {
    "paragraph": "Intro ().\n",
    "paragraph continued": "First line of a paragraph\nsecond line () here\nthird line.\n",
    "list item": "- one\n- two ()\n- three\n",
    "first list item": "Text before.\n- one ()\n- two\n",
    "loose ordered list": "1. one\n\n2. two ()\n\n3. three\n",
    "nested list": "- one\n  - inner ()\n  - other\n- two\n",
    "list item continued": "- one\n  goes on () here\n- two\n",
    "quote": "> Quoted.\n>\n> Second paragraph ().\n",
    "quote continued": "> Quoted line\n> goes on () here.\n",
    "table row": "| a | b |\n|---|---|\n| x () | y |\n| z | w |\n",
    "heading": "## Title ()\n\nText.\n",
    "hard break": "Line one ()  \nline two.\n",
    "backslash break": "Line one ()\\\nline two.\n",
    "after a suppression": "<!-- copydesk-disable-next-line HAL -->\nIntro ().\n",
    "beside a suppression": "Intro\nmore () <!-- copydesk-disable-line HAL -->\n",
    "windows line endings": "Intro\r\nmore () here.\r\n",
}


def _rendered(markdown: str) -> str:
    """The HTML a reader sees, without comments, white space normalised."""
    import re

    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(markdown)
    html = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", re.sub(r"\s+", " ", html)).strip()


def _lint(text: str, path: Path):
    """The worker's lint, run here (it works from the project's folder: callers restore theirs)."""
    from linters.server import linting

    return linting.lint(linting.Request(text, str(path), str(path.parent), "utf-16"))


class _Edit:
    def __init__(self, edit):
        (start_line, start_character, end_line, end_character), self.new_text = edit
        self.range = types.Range(types.Position(start_line, start_character), types.Position(end_line, end_character))


needs_lsp_types = pytest.mark.skipif(types is None, reason="lsprotocol is not installed (pip install '.[lsp]')")


@needs_lsp_types
@pytest.mark.parametrize("context", CONTEXTS)
def test_disabling_a_finding_changes_nothing_a_reader_sees(context, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pytest.importorskip("markdown_it", reason="markdown-it-py is not installed (pip install '.[test]')")
    text = FRONT + CONTEXTS[context]
    path = write(tmp_path / "post.md", text)
    before = _lint(text, path).findings
    (citation,) = [finding for finding in before if finding.code == "CIT001"]
    title, edit = citation.disable
    assert title == "Disable CIT001 for this line"
    disabled = apply(text, [_Edit(edit)])
    after = _lint(disabled, path).findings
    assert [(f.code, f.message) for f in after] == [(f.code, f.message) for f in before if f is not citation]
    assert _rendered(disabled) == _rendered(text), disabled


@needs_lsp_types
def test_a_finding_in_the_front_matter_is_disabled_for_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "---\ntittle: T\n---\n\nText.\n"
    path = write(tmp_path / "post.md", text)
    misspelled = next(f for f in _lint(text, path).findings if f.code == "FM008")
    title, edit = misspelled.disable
    assert title == "Disable FM008 for this file"
    disabled = apply(text, [_Edit(edit)])
    assert disabled == "---\ntittle: T\n---\n<!-- copydesk-disable-file FM008 -->\n\nText.\n"
    assert [f.code for f in _lint(disabled, path).findings] == ["FM006"]



@needs_lsp_types
def test_fix_all_deletes_stale_suppressions_as_check_fix_does(tmp_path, monkeypatch):
    """CD100 selected: "Fix all" is the text ``copydesk check --fix`` writes, stale suppressions
    deleted."""
    from linters.server import linting

    write(tmp_path / ".copydesk.yaml", "extend-select: [CD100]\n")
    text = "---\ntitle: A\n---\n\n<!-- copydesk-disable-next-line CIT001 -->\nA clean line.\n\nDebris ().\n"
    fixed = write(tmp_path / "fixed.md", text)
    assert copydesk("check", "--fix", "--no-cache", "fixed.md", cwd=tmp_path).code == 0
    path = write(tmp_path / "post.md", text)
    monkeypatch.chdir(tmp_path)  # the server's worker works from the project's folder
    (edit,) = linting.fix_all(linting.Request(text, str(path), str(tmp_path), "utf-16"))
    assert apply(text, [_Edit(edit)]) == fixed.read_text(encoding="utf-8") == \
        "---\ntitle: A\n---\n\nA clean line.\n\nDebris.\n"

def test_positions_count_the_agreed_code_units():
    from linters.server.positions import Lines

    text = "a😀b\r\n日本\rc\n"
    assert Lines(text, "utf-16").position(text.index("b")) == (0, 3)
    assert Lines(text, "utf-8").position(text.index("b")) == (0, 5)
    assert Lines(text, "utf-32").position(text.index("b")) == (0, 2)
    assert Lines(text, "utf-16").position(text.index("c")) == (2, 0)
    assert Lines(text, "utf-8").line_position(2, 1) == (1, 0)
    assert Lines(text, "utf-8").line_position(2, 3) == (1, 6)
    assert Lines(text, "utf-16").line_position(2, 99) == (1, 2)  # past the end: the end of the line


@pytest.mark.parametrize("value", ['"ftp://example.org/{code}"', '"https://example.org/{nope}"', "3",
                                   '"https://example.org/a b/{code}"'])
def test_docs_url_is_validated_like_every_key(tmp_path, value):
    write(tmp_path / ".copydesk.yaml", f"docs-url: {value}\n")
    write(tmp_path / "a.md", "---\ntitle: A\n---\n\nText.\n")
    run = copydesk("check", "a.md", "--no-cache", cwd=tmp_path)
    assert run.code == 2
    assert run.err.startswith(f"copydesk: error: {tmp_path / '.copydesk.yaml'}: 'docs-url' must be an http(s) URL")
