"""Property tests: whatever the text, linting never raises, positions agree with the text, and
``--fix`` is idempotent and never touches code or front matter it was not asked to fix.

They run every installed linter (after the merge, all five) plus two test plugins: ``demo``
(TODO -> DONE in prose) and ``patterns``, configured here as a deliberately careless fixer that
proposes ``x`` -> ``X`` everywhere, code and front matter included: the engine must refuse those.
Runs are bounded (``max_examples``) so the module takes seconds, not minutes.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, SEEDS
from linters import config as config_module
from linters import lint_text
from linters.document import Document
from linters.engine import engine_for
from reliability_support import FIXTURE_POSTS, plugins_installed

BOUNDED = settings(max_examples=150, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Markdown-ish pieces: the characters and tokens the scanner and the linters react to.
PIECES = [
    "a", "b", "x", " ", "  ", "    ", "\t", "\n", "\n\n", "\r\n", "\r", "TODO", "word", "é", "ß",
    "`", "``", "```", "```\n", "~~~\n", "[", "]", "(", ")", "](", "[^1]", "![", "<", ">", "<!--", "-->",
    "<div>", "</div>", "<a href=\"x\">", "---", "---\n", "...\n", "- ", "* ", "1. ", "> ", "# ", "| ",
    "\"", "'", "“", "”", "„", "«", "»", "「", "」", "（", "）", "$$", "\\(", "\\)", "\\", "*", "_",
    "http://x.org/", "https://www.youtube.com/watch?v=x", "www.", "@", ":", ";", ",", ".", "!", "?",
    "日本語", "한국어", "中文", "\u00a0", "\u202f", "\ufeff", "\u200b", "🙂", "&amp;", "lang: fr\n", "title: x\n",
    "*a", "&a ", "!!python/object:os.system ", "{", "}", "1:38:25", "1,000", "2025-01-01",
]
markdownish = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=60).map("".join)


@pytest.fixture(scope="module", autouse=True)
def test_plugins():
    with plugins_installed():
        yield


@pytest.fixture(scope="module")
def careless_config(tmp_path_factory):
    folder = tmp_path_factory.mktemp("careless")
    (folder / "careless.yaml").write_text(
        "linter: patterns\npatterns:\n  - rule: PAT001\n    pattern: 'x'\n    replacement: 'X'\n", encoding="utf-8")
    # Only the two plugins: the real linters' fixes may delete lines, which would blur the exact
    # checks of this test (they have their own test below).
    return config_module.from_mapping({"rule-packs": ["careless.yaml"], "select": ["PAT001", "DEMO"]}, root=folder)


def real_posts() -> list[str]:
    """Our invented posts, plus the seeds and a sample of the corpus where they exist."""
    posts = list(FIXTURE_POSTS.values())
    for folder, pattern, limit in ((SEEDS, "*", 10), (CORPUS, "**/*.md", 40)):
        if folder.is_dir():
            for path in sorted(folder.glob(pattern))[:limit]:
                if path.is_file():
                    posts.append(path.read_text(encoding="utf-8", errors="replace"))
    return posts


POSTS = real_posts()


@st.composite
def edited_posts(draw):
    """A real post with a few random edits: insertions of Markdown-ish text, deletions, copies."""
    text = draw(st.sampled_from(POSTS))
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if action == "insert":
            text = text[:position] + draw(markdownish) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(0, 200)):]
        else:
            end = min(len(text), position + draw(st.integers(0, 300)))
            text = text[:end] + text[position:end] + text[end:]
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r"])))
    return text


any_text = markdownish | edited_posts()


# --- linting never raises; positions agree with the text ----------------------------------------


def check_positions(text: str, diagnostics) -> None:
    document = Document(text[1:] if text.startswith("\ufeff") else text)
    length = len(document.text)
    for diagnostic in diagnostics:
        assert diagnostic.code != "CD006", diagnostic.message  # no linter crashed
        assert 0 <= diagnostic.start <= diagnostic.end <= length, diagnostic
        assert 1 <= diagnostic.line <= diagnostic.end_line <= document.line_count, diagnostic
        assert (diagnostic.line, diagnostic.column) == document.position(diagnostic.start), diagnostic
        assert (diagnostic.end_line, diagnostic.end_column) == document.position(diagnostic.end), diagnostic
        assert document.offset(diagnostic.line, diagnostic.column) == diagnostic.start


@BOUNDED
@given(any_text)
def test_linting_never_raises_and_positions_agree(text):
    check_positions(text, lint_text(text, path="_posts/2025-01-01-post.md"))


@BOUNDED
@given(any_text, st.sampled_from(["_posts/fr/2025-01-01-post-fr.md", "_posts/2025-01-01-post-ja.md", "post.md"]))
def test_linting_with_every_rule_selected_never_raises(text, path):
    config = config_module.from_mapping({"select": ["ALL"]})
    check_positions(text, lint_text(text, path=path, config=config))


@BOUNDED
@given(any_text, st.data())
def test_document_positions_round_trip_and_spans_lie_inside(text, data):
    document = Document(text)
    length = len(document.text)
    assert "\r" not in document.text
    offset = data.draw(st.integers(0, length))
    line, column = document.position(offset)
    assert document.offset(line, column) == offset
    assert document.line_text(line)[:column - 1] == document.text[offset - column + 1:offset]
    for number, start in enumerate(document.line_starts, 1):
        assert document.position(start) == (number, 1)
    end = data.draw(st.integers(offset, length + 2))  # a finding's span, ends clamped as position's
    assert document.span_position(offset, end) == (*document.position(offset), *document.position(end))
    assert len(document.prose) == length
    assert [i for i, c in enumerate(document.prose) if c == "\n"] == [i for i, c in enumerate(document.text) if c == "\n"]
    spans = [*document.code_blocks, *document.inline_code, *document.html_comments, *document.links,
             *document.urls, *document.blocks, *document.non_prose]
    for span in spans:
        assert 0 <= span.start <= span.end <= length, span
    for url in document.urls:
        assert document.text[url.start:url.end] == url.url
    front = document.front_matter
    if front is not None:
        assert 0 == front.start <= front.content_start <= front.content_end <= front.end <= length
        assert isinstance(document.metadata, dict)
    # raw offsets map every normalised position to the same character in the original text
    raw_offset = document.raw_offset(offset)
    if offset < length and document.text[offset] != "\n":
        assert document.raw[raw_offset] == document.text[offset]


# --- fixes: idempotent, never inside code or front matter, front matter unchanged ---------------


def fix(engine, text: str) -> str:
    document = Document(text, "_posts/2025-01-01-post.md")
    _, fixed, _ = engine.lint_and_fix(document)
    return fixed


def protected_text(text: str) -> list[str]:
    """What no fix here may change: the text of each code block and code span, the front matter."""
    document = Document(text)
    pieces = [document.text[span.start:span.end] for span in document.code_spans]
    if document.front_matter is not None:
        pieces.append(document.front_matter.source)
    return pieces


def line_endings(raw: str) -> list[str]:
    return re.findall(r"\r\n|\r|\n", raw)


@BOUNDED
@given(any_text)
def test_fix_is_idempotent_and_keeps_code_front_matter_and_line_endings(careless_config, text):
    engine = engine_for(careless_config)
    once = fix(engine, text)
    assert fix(engine, once) == once
    assert protected_text(once) == protected_text(text)
    assert Document(once).metadata == Document(text).metadata
    assert line_endings(once) == line_endings(text)
    # the careless fixer's edits outside code and front matter were all applied
    document = Document(once)
    protected = document.code_spans + ([document.front_matter] if document.front_matter else [])
    for match in re.finditer("x", document.text):
        assert any(span.start <= match.start() < span.end for span in protected), (once, match.start())


@BOUNDED
@given(edited_posts())
def test_fix_with_the_installed_linters_is_idempotent(text):
    engine = engine_for(config_module.from_mapping({}))
    once = fix(engine, text)
    assert fix(engine, once) == once
    fixed = Document(once).text
    for piece in protected_text(text):  # code and front matter survive, byte for byte
        assert piece in fixed
    assert Document(once).metadata == Document(text).metadata
    assert set(line_endings(once)) <= set(line_endings(text)) | {"\n"} if not line_endings(text) else \
        set(line_endings(once)) <= set(line_endings(text))
