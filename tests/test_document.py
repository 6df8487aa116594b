"""The Document model: front matter, the prose mask, links, URLs and positions."""
from __future__ import annotations

import pytest

from conftest import copydesk, write
from linters.document import Document


def prose_of(text: str) -> str:
    return Document(text).prose


def blanked(document: Document, fragment: str) -> bool:
    """Whether every non-space character of ``fragment`` is blanked in the prose mask."""
    start = document.text.index(fragment)
    return document.prose[start:start + len(fragment)].strip() == ""


class TestFrontMatter:
    def test_closed_by_dashes(self):
        document = Document("---\ntitle: Hi\nlang: fr\n---\nBody\n")
        front = document.front_matter
        assert front.closed and front.source == "title: Hi\nlang: fr\n"
        assert document.metadata == {"title": "Hi", "lang": "fr"}
        assert document.text[document.body_start:] == "Body\n"

    def test_closed_by_dots(self):
        document = Document("---\ntitle: Hi\n...\nBody\n")
        assert document.front_matter.closed
        assert document.text[document.body_start:] == "Body\n"

    def test_only_on_the_first_line(self):
        assert Document("\n---\ntitle: Hi\n---\nBody\n").front_matter is None
        assert Document("Intro\n---\ntitle: Hi\n---\n").front_matter is None

    def test_unterminated_runs_to_the_first_blank_line(self):
        document = Document("---\ntitle: Hi\nlang: fr\n\nThe body starts here.\n")
        front = document.front_matter
        assert not front.closed
        assert front.source == "title: Hi\nlang: fr\n"
        assert "The body starts here." in document.prose

    def test_crlf(self):
        document = Document("---\r\ntitle: Hi\r\n---\r\nBody\r\n")
        assert document.front_matter.closed
        assert document.metadata == {"title": "Hi"}
        assert document.newline == "\r\n"

    def test_front_matter_is_not_prose(self):
        document = Document("---\ntitle: Hi ()\n---\nBody\n")
        assert "()" not in document.prose

    def test_invalid_yaml_gives_empty_metadata(self):
        assert Document("---\ntitle: [unclosed\n---\n").metadata == {}

    def test_python_tags_are_never_constructed(self):
        document = Document("---\nx: !!python/object/apply:os.system ['echo pwned']\n---\n")
        assert document.metadata == {}


class TestProseMask:
    def test_same_length_and_newlines(self):
        text = "A `code` and <!-- note --> and https://x.org/a()\n```\nfenced ()\n```\n"
        document = Document(text)
        assert len(document.prose) == len(text)
        assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(document.prose) if c == "\n"]

    def test_fenced_code(self):
        document = Document("Before\n\n```python\nf()\n```\n\nAfter\n")
        assert blanked(document, "f()")
        assert "Before" in document.prose and "After" in document.prose
        assert document.code_blocks[0].info == "python"

    def test_tilde_fence_and_longer_closer(self):
        document = Document("~~~~\ncode ()\n~~~~~\nprose\n")
        assert blanked(document, "code ()") and "prose" in document.prose

    def test_unterminated_fence_runs_to_the_end(self):
        document = Document("Text\n\n```\ncode ()\nmore\n")
        assert blanked(document, "code ()") and not document.code_blocks[0].closed

    def test_indented_code_after_blank_line(self):
        document = Document("Para\n\n    indented ()\n\nProse again\n")
        assert blanked(document, "indented ()")

    def test_indented_continuation_of_a_list_is_prose(self):
        document = Document("- item\n\n    continued text\n")
        assert "continued text" in document.prose

    def test_fence_inside_a_list_item(self):
        document = Document("1. Run:\n\n    ```bash\n    rm -rf ()\n    ```\n\n2. Done\n")
        assert blanked(document, "rm -rf ()")

    @pytest.mark.parametrize("span", ["`f()`", "``a ` b``", "```x()```"])
    def test_inline_code_of_any_backtick_length(self, span):
        document = Document(f"Call {span} now.\n")
        assert blanked(document, span)
        assert "Call" in document.prose and "now." in document.prose

    def test_unmatched_backtick_is_prose(self):
        assert "a ` b ()" in prose_of("a ` b ()\n")

    def test_html_comment_inline_and_block(self):
        document = Document("Text <!-- hidden () --> end\n\n<!--\nblock ()\n-->\n\nAfter\n")
        assert "hidden" not in document.prose and "block" not in document.prose
        assert [comment.body for comment in document.html_comments] == [" hidden () ", "\nblock ()\n"]

    def test_html_block(self):
        document = Document("<div>\nhtml ()\n</div>\n\nProse\n")
        assert blanked(document, "html ()") and "Prose" in document.prose

    def test_math(self):
        assert blanked(Document("Sum $$f(x) = ()$$ here\n"), "f(x) = ()")
        assert blanked(Document("$$\nf()\n$$\n\nText\n"), "f()")

    def test_urls_and_link_destinations(self):
        document = Document("See [the docs](https://x.org/a_(b)) and https://y.org/path?q=() now.\n")
        assert "x.org" not in document.prose and "y.org" not in document.prose
        assert "the docs" in document.prose and "now." in document.prose
        assert [url.url for url in document.urls] == ["https://x.org/a_(b)", "https://y.org/path?q=()"]

    def test_bare_url_trailing_punctuation_is_prose(self):
        document = Document("Visit https://x.org/page. Then (see https://y.org/z).\n")
        assert [url.url for url in document.urls] == ["https://x.org/page", "https://y.org/z"]

    def test_bare_url_inside_brackets(self):
        document = Document("The feed [https://x.org/feed.xml] and [a](https://y.org/[1]).\n")
        assert [url.url for url in document.urls] == ["https://y.org/[1]", "https://x.org/feed.xml"]

    def test_url_followed_by_cjk_text(self):
        document = Document("詳細はhttps://x.org/aを参照。\n")
        assert [url.url for url in document.urls] == ["https://x.org/a"]
        assert "を参照。" in document.prose

    def test_cjk_text_ends_each_url_and_a_bare_scheme_is_no_url(self):
        document = Document("見てhttps://a.org/x、次はwww.b.org/y，最後http://日本語。\n")
        assert [url.url for url in document.urls] == ["https://a.org/x", "www.b.org/y"]
        glued = Document("先https://a.org/1東https://b.org/2\n")
        assert [url.url for url in glued.urls] == ["https://a.org/1", "https://b.org/2"]


class TestLinks:
    def test_inline_links_images_and_empty_text(self):
        document = Document("Text.[](https://a.org/1)[](https://b.org/2) ![alt](pic.png) [t]()\n")
        kinds = [(link.dest, link.text_is_empty, link.image) for link in document.links]
        assert kinds == [("https://a.org/1", True, False), ("https://b.org/2", True, False),
                         ("pic.png", False, True), ("", False, False)]

    def test_positions_of_link_parts(self):
        text = "x [label](https://a.org \"title\") y\n"
        link = Document(text).links[0]
        assert text[link.start:link.end] == '[label](https://a.org "title")'
        assert text[link.text_start:link.text_end] == "label"
        assert text[link.dest_start:link.dest_end] == "https://a.org"

    def test_reference_links(self):
        document = Document("See [the site][site] and [site].\n\n[site]: https://s.org \"S\"\n")
        assert [(link.kind, link.dest) for link in document.links] == [("reference", "site"), ("reference", "site")]
        assert "s.org" not in document.prose

    def test_footnotes_are_not_links(self):
        assert Document("Claim[^1].\n\n[^1]: Source.\n").links == []

    def test_brackets_in_code_are_not_links(self):
        assert Document("Use `a[0](x)` here.\n").links == []

    def test_autolink(self):
        document = Document("Mail <https://a.org/x> now.\n")
        assert [(link.kind, link.dest) for link in document.links] == [("autolink", "https://a.org/x")]


class TestPositions:
    def test_columns_count_characters(self):
        document = Document("---\nlang: ja\n---\n日本語のテキスト（）です。\n")
        offset = document.text.index("（）")
        assert document.position(offset) == (4, 9)
        assert document.offset(4, 9) == offset

    def test_astral_characters_count_once(self):
        document = Document("😀😀 ()\n")
        assert document.position(document.text.index("()")) == (1, 4)

    @pytest.mark.parametrize("raw", ["a\r\nb\r\nc", "a\rb\rc", "a\nb\r\nc"])
    def test_line_endings(self, raw):
        document = Document(raw)
        assert document.text == "a\nb\nc"
        assert document.position(document.text.index("c")) == (3, 1)
        offset = document.text.index("c")
        assert document.raw[document.raw_offset(offset)] == "c"

    def test_line_text(self):
        document = Document("one\ntwo\n")
        assert [document.line_text(n) for n in (1, 2, 3)] == ["one", "two", ""]


class TestLanguage:
    @pytest.mark.parametrize("path, text, expected", [
        ("post.md", "---\nlang: fr\n---\n", ("fr", "front matter")),
        ("_posts/2025-01-01-hello-de.md", "Text", ("de", "file name")),
        ("_posts/ja/2025-01-01-hello.md", "Text", ("ja", "folder")),
        ("_posts/hant/2025-01-01-x-hant.md", "Text", ("zh-Hant", "file name")),
        ("_posts/2025-01-01-my-blog-fr.md", "Text", ("fr", "file name")),
        ("_posts/2025-01-01-rio-pt-BR.md", "Text", ("pt-BR", "file name")),
        ("_posts/2025-01-01-taipei-zh_TW.md", "Text", ("zh-Hant", "file name")),
        ("post.md", "Text", (None, "unknown")),
        # a code that is also an English word names the language only when the prose shows it
        ("_posts/2025-01-01-is-it-worth-it.md", "It is, and it was.", (None, "unknown")),
        ("_posts/2025-01-01-let-it-be.md", "Let it be.", (None, "unknown")),
        ("_posts/2025-01-01-say-hi.md", "Say hi.", (None, "unknown")),
        ("_posts/2025-01-01-intro-to-ml.md", "Machine learning.", (None, "unknown")),
        ("_posts/2025-01-01-how-to.md", "Step one.", (None, "unknown")),
        ("_posts/2025-01-01-gatto-it.md", "Il gatto è sul tavolo, e questo è tutto.", ("it", "file name")),
        ("_posts/2025-01-01-namaste-hi.md", "नमस्ते दुनिया", ("hi", "file name")),
        ("_posts/it/2025-01-01-worth-it.md", "It is.", ("it", "folder")),
        ("_posts/2025-01-01-worth-it.md", "`il che della` is code, not prose.", (None, "unknown")),
    ])
    def test_sources(self, path, text, expected):
        assert Document(text, path).language_and_source == expected

    def test_configured_default(self):
        assert Document("Text", "post.md", default_language="es").language_and_source == ("es", "configuration")


class TestBlocks:
    def test_kinds(self):
        text = "# Title\n\nA paragraph\nwith two lines.\n\n- item one\n- item two\n\n> quoted\n\n| a | b |\n"
        kinds = [(block.kind, text[block.start:block.end]) for block in Document(text).blocks]
        assert kinds == [("heading", "# Title"), ("paragraph", "A paragraph\nwith two lines."),
                         ("list_item", "- item one"), ("list_item", "- item two"),
                         ("blockquote", "> quoted"), ("table", "| a | b |")]

    def test_setext_heading(self):
        blocks = Document("Title\n=====\n\nText\n").blocks
        assert [(block.kind, block.level) for block in blocks] == [("heading", 1), ("paragraph", 0)]

    def test_thematic_break_separates(self):
        assert [block.kind for block in Document("One\n\n---\n\nTwo\n").blocks] == ["paragraph", "paragraph"]


class TestCodeBlocksFollowCommonMark:
    """Where code starts and ends, containers included (issue 18, R2); markdown-it-py agrees on
    every case here and on generated documents (test_document_commonmark.py)."""

    @staticmethod
    def code_text(text: str) -> list[str]:
        document = Document(text)
        return [document.text[block.start:block.end] for block in document.code_blocks]

    def test_a_fence_indented_four_columns_does_not_close(self):
        text = "```\ncode\n      ```\nEr sagte \"Hallo\" dann.\n```\nAfter\n"
        assert self.code_text(text) == ["```\ncode\n      ```\nEr sagte \"Hallo\" dann.\n```"]
        assert blanked(Document(text), "Hallo") and "After" in Document(text).prose

    def test_indented_code_in_a_list_item_after_its_content_indentation(self):
        assert self.code_text("- item\n\n        code ()\n") == ["        code ()"]
        assert self.code_text("1. item\n\n       code ()\n") == ["       code ()"]
        assert self.code_text("- item\n\n    text ()\n") == []  # 2 columns past the item's content

    def test_indented_code_in_a_quote_after_its_markers(self):
        assert self.code_text("> Zitat:\n>\n>     code ()\n") == [">     code ()"]
        assert self.code_text("> > x\n> >\n> >     code\n") == ["> >     code"]

    def test_a_fence_in_a_list_item_ends_with_the_item(self):
        document = Document("- a\n  ```\n  code\n- b ()\n")
        assert [block.closed for block in document.code_blocks] == [False]
        assert "b ()" in document.prose and blanked(document, "code")

    def test_a_fence_closed_at_the_items_indentation(self):
        text = "1. Run:\n\n   ```bash\n   rm -rf ()\n   ```\n\n   Then (). \n"
        assert self.code_text(text) == ["   ```bash\n   rm -rf ()\n   ```"]
        assert "Then ()" in Document(text).prose

    def test_tabs_count_to_the_next_multiple_of_four(self):
        assert self.code_text(">\t\tfoo\n") == [">\t\tfoo"]
        assert self.code_text(" \tcode\n") == [" \tcode"]
        assert self.code_text(">\t  text\n") == [">\t  text"]  # the tab's first column is the marker's
        assert self.code_text("-\tx\n\n\tnot code\n") == []  # the item's content starts at column 4

    def test_a_lone_tag_is_an_html_block_but_does_not_interrupt_a_paragraph(self):
        assert self.code_text("<span>\n```\nz\n```\n") == []
        assert self.code_text("text\n<span>\n```\nz\n```\n") == ["```\nz\n```"]

    def test_indented_code_may_follow_a_heading_without_a_blank_line(self):
        assert self.code_text("# Title\n    code ()\n") == ["    code ()"]

    def test_a_lazy_line_is_prose(self):
        document = Document("> quote\ncontinued\n    still prose ()\n")
        assert document.code_blocks == [] and "still prose ()" in document.prose
        assert [block.kind for block in document.blocks] == ["blockquote"]

    def test_list_items_at_any_depth(self):
        text = "- a\n  - b\n    - c\n      - d\n"
        assert [(block.kind, text[block.start:block.end]) for block in Document(text).blocks] == [
            ("list_item", "- a"), ("list_item", "  - b"), ("list_item", "    - c"), ("list_item", "      - d")]

    def test_deep_nesting_stays_linear(self):
        import time

        text = "> " * 20_000 + "x\n" + ("- " * 5_000 + "y\n") * 20 + " " * 100_000 + "\n"
        started = time.perf_counter()
        Document(text).prose
        assert time.perf_counter() - started < 5


class TestFixLeavesCodeAloneThroughTheCLI:
    """Issue 18, R2: ``--fix`` rewrote quotes inside code blocks, and CD100 deleted their lines."""

    FRONT = "---\ntitle: T\nlang: de\n---\n\n"

    @pytest.mark.parametrize("body", [
        "```\ncode\n      ```\nEr sagte \"Hallo\" dann.\n```\n",
        "- item\n\n        Er sagte \"Hallo\" dann.\n",
        "> Zitat:\n>\n>     Er sagte \"Hallo\" dann.\n",
    ], ids=["indented-closing-fence", "code-in-a-list-item", "code-in-a-quote"])
    def test_quotes_in_code_are_not_rewritten(self, tmp_path, body):
        post = write(tmp_path / "2025-01-01-a-de.md", self.FRONT + body)
        run = copydesk("check", "--fix", "--no-cache", post.name, cwd=tmp_path)
        assert run.code == 0, run
        assert "QUO" not in run.out
        assert post.read_text(encoding="utf-8") == self.FRONT + body

    def test_cd100_deletes_no_line_of_a_code_block(self, tmp_path):
        text = "---\ntitle: T\nlang: en\n---\n\n- item\n\n        <!-- copydesk-disable-next-line HAL -->\n"
        post = write(tmp_path / "2025-01-01-d-en.md", text)
        run = copydesk("check", "--fix", "--no-cache", "--extend-select", "CD100", post.name, cwd=tmp_path)
        assert run.code == 0, run
        assert post.read_text(encoding="utf-8") == text


class TestInlineHtmlCode:
    @pytest.mark.parametrize("element", ["<code>f ()</code>", "<kbd>Ctrl</kbd>", "<samp>out ()</samp>",
                                         "<pre>x ()</pre>", "<CODE class=\"py\">[a](b)</CODE>"])
    def test_code_and_keys_in_html_are_not_prose(self, element):
        document = Document(f"Press {element} then.\n")
        assert blanked(document, element) and "Press" in document.prose and "then." in document.prose
        assert document.links == []

    def test_an_unclosed_element_leaves_the_rest_prose(self):
        assert "rest ()" in prose_of("A <code>rest ()\n")


class TestMdx:
    """MDX (Docusaurus, Starlight): JSX tags, expressions and ESM are not prose; children are."""

    POST = (
        "---\ntitle: T\n---\n\n"
        "import { Card } from '@astrojs/starlight/components';\n"
        "export const meta = { note: \"Let me know (citation)\" };\n\n"
        "<Card title=\"Let me know ()\" icon=\"rocket\">\n"
        "\tChildren are prose ().\n"
        "\t```sh\n\tnpm create astro ()\n\t```\n"
        "</Card>\n\n"
        "<Testimonial\n  name=\"Rachel ()\"\n  cite={links.rachel}\n>\n"
        "  Indented text is not code ().\n"
        "</Testimonial>\n\n"
        "Inline <Badge text=\"new ()\" variant={\"tip\"} /> and {frontmatter.title} and `<Foo>` here.\n"
        "{/* a comment () */}\n"
        "<>fragment ()</>\n"
    )

    def document(self) -> Document:
        return Document(self.POST, "docs/page.mdx")

    @pytest.mark.parametrize("fragment", [
        "import { Card } from '@astrojs/starlight/components';", "export const meta", "Let me know (citation)",
        "<Card title=\"Let me know ()\" icon=\"rocket\">", "</Card>", "name=\"Rachel ()\"", "cite={links.rachel}",
        "<Badge text=\"new ()\" variant={\"tip\"} />", "{frontmatter.title}", "{/* a comment () */}", "<>", "</>",
    ])
    def test_jsx_expressions_and_esm_are_not_prose(self, fragment):
        assert blanked(self.document(), fragment)

    @pytest.mark.parametrize("fragment", ["Children are prose ().", "Indented text is not code ().",
                                          "Inline", "here.", "fragment ()"])
    def test_children_and_text_are_prose(self, fragment):
        document = self.document()
        assert fragment in document.prose

    def test_an_indented_fence_is_code_and_indented_text_is_not(self):
        document = self.document()
        assert [document.text[block.start:block.end].strip() for block in document.code_blocks] == [
            "```sh\n\tnpm create astro ()\n\t```"]
        assert [document.text[span.start:span.end] for span in document.inline_code] == ["`<Foo>`"]

    def test_a_markdown_file_is_read_as_commonmark(self):
        document = Document(self.POST, "docs/page.md")
        assert "Let me know ()" not in document.prose  # an HTML block there
        assert "{frontmatter.title}" in document.prose  # no expressions in CommonMark

    def test_hostile_mdx_is_linear(self):
        import time

        for text in ["<a b=\"" * 50_000, "{" * 200_000, "<A " * 100_000 + "\n", "<a\n" * 100_000]:
            started = time.perf_counter()
            Document(text, "hostile.mdx").prose
            # about 1 s each on an idle 2-core machine, 5 s under a load of 10; a quadratic scan of
            # these 300,000 characters would take hours
            assert time.perf_counter() - started < 20, text[:20]

    def test_mdx_files_are_linted_by_default_and_attributes_raise_nothing(self, tmp_path):
        write(tmp_path / "docs" / "page.mdx", self.POST.replace("---\ntitle: T\n---", "---\ntitle: T\nlang: en\n---"))
        run = copydesk("check", "--no-cache", "--format", "json", ".", cwd=tmp_path)
        findings = [(finding["line"], finding["code"]) for finding in run.json()]
        lines = self.POST.split("\n")
        assert findings == [(lines.index("\tChildren are prose ().") + 2, "CIT001"),
                            (lines.index("  Indented text is not code ().") + 2, "CIT001"),
                            (lines.index("<>fragment ()</>") + 2, "CIT001")], run


class TestWrappedPage:
    """A page a generator wrapped whole in a Markdown code fence is read as the Markdown it is."""

    WRAPPED = ("```markdown\n---\ntitle: Hi\n---\n\n# Hi\n\nSee [the docs](https://docs.test/).\n\n"
               "```python\nprint(1)\n```\n\nThe end.\n```\n")

    def test_the_fence_lines_are_found_and_the_content_is_markdown(self):
        document = Document(self.WRAPPED)
        wrapper = document.wrapper
        assert document.text[wrapper.start:wrapper.opening_end] == "```markdown\n"
        assert document.text[wrapper.closing_start:wrapper.closing_end] == "```"
        assert document.metadata == {"title": "Hi"}  # the front matter inside the fence
        assert [link.dest for link in document.links] == ["https://docs.test/"]
        assert [block.info for block in document.code_blocks] == ["python"]  # the inner fences pair
        assert "The end." in document.prose and "```markdown" not in document.prose
        assert blanked(document, "```markdown") and document.prose.rstrip().endswith("The end.")

    def test_the_fence_may_follow_the_front_matter(self):
        document = Document("---\ntitle: Hi\n---\n\n~~~md\n# Hi\n\nText.\n~~~~\n")
        assert document.wrapper is not None and document.metadata == {"title": "Hi"}
        assert document.code_blocks == [] and "Text." in document.prose

    @pytest.mark.parametrize("text", [
        "```python\nprint(1)\n```\n",  # a page that is code, not Markdown
        "# Title\n\n```markdown\n# x\n```\n",  # an example of Markdown inside a page
        "```markdown\n# x\n```\n\nText after the block.\n",
        "```markdown\n# x\n",  # never closed
        "```markdown\n```\n",
        "```markdown\n# x\n```python\n",
    ])
    def test_a_page_that_is_not_wrapped_whole(self, text):
        assert Document(text).wrapper is None

    def test_every_linter_reads_the_content(self, tmp_path):
        post = write(tmp_path / "post.md", "```markdown\n# Hi\n\nA claim (). See [](https://docs.test/).\n```\n")
        run = copydesk("check", "--no-cache", "--select", "CIT", "--format", "json", str(post))
        assert {item["code"] for item in run.json()} >= {"CIT001", "CIT002"}, run
