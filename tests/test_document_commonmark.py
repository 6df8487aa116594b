"""Code blocks and code spans where CommonMark puts them: copydesk against markdown-it-py.

A property test builds documents line by line from container markers (quotes, bullet and ordered
list items of every width, indentation with spaces and tabs) and block pieces (fences of both
kinds and lengths, indented closers, HTML blocks of the seven kinds, headings, breaks, reference
definitions, code spans), and compares where each side finds code. The corpora are compared too.

What the generator leaves out, on purpose, are places where markdown-it-py and the CommonMark
spec part ways and copydesk follows the spec: tab stops after a nested ``>`` (markdown-it counts
them from the quote's content, the spec from the line's start), and a code span that starts inside
a link destination, ``[a](`b`)`` (copydesk's inline scan finds code spans before links).
Markdown math (``$$``, ``\\(``), which copydesk keeps out of prose and CommonMark does not know,
is left out as well.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from commonmark_reference import ReferenceFailed, compare
from conftest import CORPUS, SHARED

LEADS = ["", "", "", "", "  ", "\t", " \t", "  \t"]
MARKERS = ["> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "10. ", "-   ", "1.     ", "-\t", "  ", "   ", "    "]
PIECES = [
    "text", "more words", "", "", "", " ", "-", "1.", "2.", ">",
    "```", "````", "~~~", "``` python", "```x`y", "~~~ ~", "    ```", "      ```", "code line",
    "<div>", "</div>", "<span>", "<span class=\"x\">", "<!-- c -->", "<!--", "-->", "<pre>", "</pre>",
    "<?php", "?>", "<![CDATA[", "]]>", "<!DOCTYPE html>",
    "# Heading", "---", "***", "___", "===", "- - -", "[ref]: /url", "[ref]", "| a | b |",
    "`code`", "``a ` b``", "text `with code` here", "a ``` b", "\\`not code`", "`` a", "b ``", "a `` b",
    "[`a`](x)", "![`i`](y)", "<a href=\"`\">x`", "<http://a`b>`", "``` `x` ```", "<!-- `a --> b`",
    "`<!--` -->", "*a `b* c`", "`a\\`b`", "<span>`x</span>`",
]


@st.composite
def documents(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 14))):
        prefix = draw(st.sampled_from(LEADS)) + "".join(draw(st.lists(st.sampled_from(MARKERS), max_size=3)))
        if ">" in prefix:  # no tab after a quote marker (see the module's docstring)
            quote = prefix.index(">")
            prefix = prefix[:quote] + prefix[quote:].replace("\t", "  ")
        lines.append(prefix + draw(st.sampled_from(PIECES)))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


def agree(text: str, path: str = "<string>") -> None:
    (reference_blocks, blocks), (reference_inline, inline) = compare(text, path)
    assert blocks == reference_blocks, f"code blocks differ in {path}: {text!r}"
    assert inline == reference_inline, f"code spans differ in {path}: {text!r}"


@settings(max_examples=600, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_code_is_where_commonmark_puts_it(text):
    try:
        agree(text)
    except ReferenceFailed:
        reject()  # markdown-it-py itself raised on this input


@pytest.mark.parametrize("text", [
    # a fence line indented 4+ columns is text in the code, not its end (issue 18, R2 a)
    "```\ncode\n      ```\nEr sagte \"Hallo\" dann.\n```\n",
    # indented code in a list item, in a quote, in a list item in a quote (R2 b, c)
    "- item\n\n        Er sagte \"Hallo\" dann.\n",
    "> Zitat:\n>\n>     Er sagte \"Hallo\" dann.\n",
    "> - item\n>\n>       code\n",
    # fences in list items: indented as the item's text, or closed by the item's end
    "1. Run:\n\n    ```bash\n    rm -rf ()\n    ```\n\n2. Done\n",
    "- a\n  ```\n  code\n- b\n\ntext\n",
    # the continuation of a list item is not code; a line below it indented 4+ columns is
    "- item\n\n    continued text\n",
    "10.  item\n    ```\n    code\n    ```\n",
    # tabs count to the next multiple of four
    ">\t\tfoo\n", "-\t\tcode\n", " \t   > > text\n",
    # HTML blocks: what is inside is not a fence; a lone tag does not interrupt a paragraph
    "<div>\n```\nnot a fence\n</div>\n", "<span>\n```\nz\n```\n", "text\n<span>\n```\ncode\n```\n",
    # lazy continuation lines
    "> quote\ncontinued\n    not code\n", "> ```\ncode?\n```\n",
    # a line of three break characters led by a bullet is a thematic break, not a list item, so
    # the indented line below it is code
    "* **\n\n    Er sagte \"Hallo\" dann.\n", "Text\n- --\n\n    code\n",
])
def test_known_cases(text):
    agree(text)


def corpus_posts() -> list[Path]:
    roots = [CORPUS, SHARED / "corpus" / "sites"]
    return sorted(path for root in roots if root.is_dir()
                  for path in root.rglob("*") if path.suffix in (".md", ".mdx", ".markdown") and path.is_file())


@pytest.mark.slow
def test_every_corpus_post_agrees():
    posts = corpus_posts()
    if not posts:
        pytest.skip("../shared/corpus is not beside this checkout")
    disagreeing = []
    for path in posts:
        text = path.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff")
        # An .mdx file is read as MDX (no indented code, JSX): CommonMark's reading of it is compared.
        (reference_blocks, blocks), (reference_inline, inline) = compare(text, str(path.with_suffix(".md")))
        if blocks != reference_blocks or inline != reference_inline:
            disagreeing.append(str(path))
    assert disagreeing == [], f"{len(disagreeing)} of {len(posts)} posts disagree"
