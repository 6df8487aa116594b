"""One parsed post: front matter, Markdown structure, the prose mask and a line index.

A post is parsed once; every linter reads the ``Document``, never the raw file. Everything is
computed lazily, so a linter that needs only the line index does not pay for the Markdown scan.

Offsets are indices into ``Document.text``, the text with every line ending (CRLF, lone CR)
normalised to ``\\n``; ``Document.raw`` keeps the original line endings so that fixes can be
written back byte for byte outside the edited spans.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import namedtuple
from functools import cached_property

from . import languages

# --- small value types ------------------------------------------------------------------
# Named tuples, not dataclasses: a post makes hundreds of them, and a tuple is built several times
# faster than a frozen dataclass. They are immutable all the same.


class Span(namedtuple("Span", "start end")):
    __slots__ = ()


class FrontMatter(namedtuple("FrontMatter", "start end content_start content_end closed source")):
    """The YAML block at the top of a post.

    ``start``/``end`` cover the whole block including the fence lines and the newline after
    the closing fence; ``content_start``/``content_end`` cover the YAML text only. An
    unterminated block (``closed`` false) runs to the first blank line.
    """

    __slots__ = ()


class CodeBlock(namedtuple("CodeBlock", "start end content_start content_end info fenced closed", defaults=(True,))):
    """A fenced or indented code block; ``start``/``end`` include the fence lines."""

    __slots__ = ()


class Block(namedtuple("Block", "kind start end level", defaults=(0,))):
    """A block of prose: paragraph, heading, list_item, blockquote or table (``level``: a
    heading's level, 0 for other kinds)."""

    __slots__ = ()


class Link(namedtuple("Link", "start end text_start text_end dest dest_start dest_end image kind",
                      defaults=(False, "inline"))):
    """An inline or reference link, an image, or an autolink (``kind``: inline, reference, autolink).

    ``text_start``/``text_end`` span the link text (between the brackets); ``dest_start``/
    ``dest_end`` span the destination as written (without angle brackets).
    """

    __slots__ = ()

    @property
    def text_is_empty(self) -> bool:
        return self.text_start == self.text_end


class Url(namedtuple("Url", "start end url")):
    __slots__ = ()


class Comment(namedtuple("Comment", "start end body")):
    """An HTML comment; ``body`` is the text between ``<!--`` and ``-->``."""

    __slots__ = ()


# --- patterns -----------------------------------------------------------------------------

_NEWLINES = re.compile(r"\r\n?")
_NOT_NEWLINE = re.compile(r"[^\n]")
_FRONT_MATTER_FENCE = re.compile(r"---[ \t]*")
_FRONT_MATTER_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_BLANK = re.compile(r"[ \t]*")
_FENCE_OPEN = re.compile(r"([ \t]*)(`{3,}|~{3,})(.*)")
_ATX_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_THEMATIC_BREAK = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
_LIST_ITEM = re.compile(r"[ \t]{0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
_BLOCKQUOTE = re.compile(r" {0,3}>")
_TABLE_ROW = re.compile(r" {0,3}\|")
_MATH_FENCE = re.compile(r"[ \t]*\$\$[ \t]*")
_REFERENCE_DEFINITION = re.compile(
    r" {0,3}\[(?!\^)((?:[^\[\]\\\n]|\\.){1,999})\]:[ \t]*\n?[ \t]*(<[^<>\n]*>|\S+)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$",
    re.M,
)
_HTML_BLOCK_STARTS = (
    (re.compile(r" {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)", re.I),
     re.compile(r"</(?:script|pre|style|textarea)>", re.I)),
    (re.compile(r" {0,3}<!--"), re.compile(r"-->")),
    (re.compile(r" {0,3}<\?"), re.compile(r"\?>")),
    (re.compile(r" {0,3}<![A-Za-z]"), re.compile(r">")),
    (re.compile(r" {0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
    (re.compile(
        r" {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col"
        r"|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame"
        r"|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav"
        r"|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th"
        r"|thead|title|tr|track|ul)(?:\s|/?>|$)", re.I), None),
)
# Inline constructs that are not prose, found leftmost-first inside a prose block. Comments and
# math are matched by their openers only; their closers are found with ``_Finder`` so that many
# unclosed openers cost linear time, not quadratic.
_INLINE = re.compile(
    r"(?P<code>`+)"
    r"|(?P<comment><!--)"
    r"|(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+)>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*"
    r"(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>)"
    r"|(?P<math>\$\$|\\\()"
    r"|(?P<escape>\\[!-/:-@\[-`{-~])",
)
_MATH_CLOSERS = {"$$": "$$", "\\(": "\\)"}
_BRACKET = re.compile(r"[\[\]]")
# Bare URLs stop at white space, angle brackets and quotes, and, in CJK prose, where the CJK text
# resumes: that end is found by `_cjk_start`, for a class of those ranges costs every run a
# millisecond to compile (so does re.I here).
_BARE_URL = re.compile(r"(?<![A-Za-z0-9_/@.])([Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)[^\s<>\"`]+")
_URL_TRAILING_PUNCTUATION = "?!.,:;*_~'"
_SPACES = " \t"
_QUOTE_LEADS = (" ", ">")


_BACKTICK_RUN = re.compile(r"`+")


def _bare_urls(work: str):
    """(offset, text) of each bare URL in ``work``, before trailing punctuation is trimmed."""
    position = 0
    while (match := _BARE_URL.search(work, position)) is not None:
        url = match.group()
        if not url.isascii():
            url = url[:_cjk_start(url)]
            if len(url) <= match.end(1) - match.start():  # nothing after `http://` but CJK text
                position = match.start() + 1
                continue
        yield match.start(), url
        position = match.start() + len(url)


def _cjk_start(text: str) -> int:
    """The offset of the first kana, Han, hangul or full-width character (or CJK punctuation)."""
    for offset, char in enumerate(text):
        if ("\u3000" <= char <= "\u30ff" or "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff"
                or "\uac00" <= char <= "\ud7af" or "\uff00" <= char <= "\uffef"):
            return offset
    return len(text)


def _nested_destination(depth: int) -> str:
    """A link destination without spaces whose parentheses balance, nested ``depth`` deep."""
    escape, plain = r"\\[\s\S]|\\\Z", r"[^\s()\\]"
    inner = f"(?:{escape}|{plain})"
    for _ in range(depth):
        inner = f"(?:{escape}|{plain}|\\({inner}*\\))"
    return inner + "*"


# Alternatives that begin with different characters: no backtracking blow-up, linear time.
_DESTINATION = re.compile(_nested_destination(3))
# Most destinations hold no parenthesis or backslash: this run ends where ``_DESTINATION`` does
# (white space, ``)`` or the end), five times faster; at ``(`` or ``\`` the full pattern decides.
_PLAIN_DESTINATION = re.compile(r"[^\s()\\]*")


class _Finder:
    """``str.find`` for (mostly) ascending starts, remembering the last answer per needle.

    A block with thousands of unclosed openers (``<!--``, ``\\(``, a link title) would otherwise
    scan to its end once per opener: quadratic time on hostile input.
    """

    def __init__(self, text: str):
        self.text = text
        self.memo: dict[str, tuple[int, int]] = {}

    def find(self, needle: str, start: int) -> int:
        last = self.memo.get(needle)
        if last is not None and last[0] <= start and (last[1] < 0 or start <= last[1]):
            return last[1]
        found = self.text.find(needle, start)
        self.memo[needle] = (start, found)
        return found


class _BacktickRuns:
    """The maximal backtick runs of a block by length, to find a code span's closer by bisection."""

    def __init__(self, text: str):
        self.starts: dict[int, list[int]] = {}
        for match in _BACKTICK_RUN.finditer(text):
            self.starts.setdefault(match.end() - match.start(), []).append(match.start())

    def closer(self, length: int, after: int) -> int:
        starts = self.starts.get(length, ())
        index = bisect_right(starts, after - 1)
        return starts[index] if index < len(starts) else -1


# --- the document ---------------------------------------------------------------------------


class Document:
    """A post parsed for linting. Construct with decoded text (no BOM) and a display path."""

    def __init__(self, text: str, path: str = "<string>", *, default_language: str | None = None):
        self.path = path
        self.raw = text
        self.text = _NEWLINES.sub("\n", text) if "\r" in text else text
        self.default_language = default_language

    def revised(self, text: str) -> "Document":
        """The same post with new text (after fixes): same path, same default language."""
        return Document(text, self.path, default_language=self.default_language)

    # -- line endings and positions ---------------------------------------------------------

    @cached_property
    def newline(self) -> str:
        """The dominant line ending of the original text, used for inserted newlines."""
        crlf = self.raw.count("\r\n")
        cr = self.raw.count("\r") - crlf
        lf = self.raw.count("\n") - crlf
        return max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"))[1] if (crlf or cr) else "\n"

    @cached_property
    def _crlf_offsets(self) -> list[int]:
        """Offsets in ``text`` of the newlines that were two characters (CRLF) in ``raw``."""
        offsets, shift = [], 0
        for match in re.finditer("\r\n", self.raw):
            offsets.append(match.start() - shift)
            shift += 1
        return offsets

    def raw_offset(self, offset: int) -> int:
        """Map an offset in ``text`` to the same place in ``raw``."""
        if "\r" not in self.raw:
            return offset
        return offset + bisect_right(self._crlf_offsets, offset - 1)

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find, position = self.text.find, 0
        while True:
            position = find("\n", position) + 1
            if not position:
                return starts
            starts.append(position)

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Offset of a 1-based (line, column); the inverse of ``position``."""
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    # -- front matter -----------------------------------------------------------------------

    @cached_property
    def front_matter(self) -> FrontMatter | None:
        """The front matter block, detected only when ``---`` is the very first line."""
        text = self.text
        first_end = text.find("\n")
        if first_end < 0 or not _FRONT_MATTER_FENCE.fullmatch(text, 0, first_end):
            return None
        content_start = position = first_end + 1
        while position <= len(text):
            line_end = text.find("\n", position)
            if line_end < 0:
                line_end = len(text)
            if _FRONT_MATTER_CLOSE.fullmatch(text, position, line_end):
                end = min(line_end + 1, len(text))
                return FrontMatter(0, end, content_start, position, True, text[content_start:position])
            position = line_end + 1
        # Unterminated: the block is taken to run to the first blank line.
        blank = re.compile(r"^[ \t]*$", re.M).search(text, content_start)
        content_end = blank.start() if blank else len(text)
        return FrontMatter(0, content_end, content_start, content_end, False, text[content_start:content_end])

    @property
    def body_start(self) -> int:
        return self.front_matter.end if self.front_matter else 0

    @cached_property
    def metadata(self) -> dict:
        """Front matter parsed safely as YAML; ``{}`` when absent or not a valid mapping."""
        front = self.front_matter
        if front is None or not front.source.strip():
            return {}
        from .yamlsafe import load_mapping

        return load_mapping(front.source)

    # -- language ---------------------------------------------------------------------------

    @cached_property
    def language_and_source(self) -> tuple[str | None, str]:
        """The post's language and where it was read from.

        In order: front matter ``lang``, the file name (``…-fr.md``; a code that is also an
        English word, ``…-it.md``, only when the prose shows that language), a folder named after
        a language (``_posts/fr/``), the configured default; else ``(None, "unknown")``.
        Linters that need more may call ``languages.guess_from_script``.
        """
        value = self.metadata.get("lang")
        if isinstance(value, str) and languages.normalize(value):
            return languages.normalize(value), "front matter"
        if self.language_from_path:
            return self.language_from_path
        if self.default_language:
            return languages.normalize(self.default_language) or self.default_language, "configuration"
        return None, "unknown"

    @cached_property
    def language_from_path(self) -> tuple[str, str] | None:
        """``(code, "file name"|"folder")`` read off the path, or None (``languages.from_path``)."""
        return languages.from_path(self.path, lambda: self.prose)

    @property
    def language(self) -> str | None:
        return self.language_and_source[0]

    # -- Markdown structure -------------------------------------------------------------------

    @cached_property
    def _structure(self) -> "_Structure":
        return _Structure(self)

    @property
    def code_blocks(self) -> list[CodeBlock]:
        return self._structure.code_blocks

    @property
    def blocks(self) -> list[Block]:
        """Prose blocks in document order: paragraphs, headings, list items, quotes, tables."""
        return self._structure.blocks

    @property
    def inline_code(self) -> list[Span]:
        return self._structure.inline_code

    @property
    def html_comments(self) -> list[Comment]:
        return self._structure.comments

    @property
    def links(self) -> list[Link]:
        return self._structure.links

    @property
    def urls(self) -> list[Url]:
        """Every URL outside code: link destinations, autolinks and bare URLs."""
        return self._structure.urls

    @property
    def references(self) -> dict[str, Span]:
        """Reference definitions by normalised label, with the span of the definition line."""
        return self._structure.references

    @cached_property
    def code_spans(self) -> list[Span]:
        """Code blocks and inline code, sorted; text no fix may change."""
        spans = [Span(block.start, block.end) for block in self.code_blocks] + self.inline_code
        spans.sort(key=lambda span: span.start)
        return spans

    def in_code(self, offset: int) -> bool:
        return _inside(self._code_starts, self.code_spans, offset)

    @cached_property
    def _code_starts(self) -> list[int]:
        return [span.start for span in self.code_spans]

    @cached_property
    def non_prose(self) -> list[Span]:
        """Sorted, merged spans that are not prose: front matter, code, HTML, math, URLs."""
        return _merge(self._structure.non_prose)

    @cached_property
    def prose(self) -> str:
        """``text`` with everything that is not prose blanked to spaces (newlines kept).

        It has the same length as ``text``, so a match in ``prose`` is at the same offsets
        in ``text``: linters search ``prose`` and report positions directly.
        """
        pieces, position, text = [], 0, self.text
        for span in self.non_prose:
            pieces.append(text[position:span.start])
            hidden = text[span.start:span.end]
            pieces.append(_NOT_NEWLINE.sub(" ", hidden) if "\n" in hidden else " " * len(hidden))
            position = span.end
        pieces.append(text[position:])
        return "".join(pieces)

    @cached_property
    def _non_prose_starts(self) -> list[int]:
        return [span.start for span in self.non_prose]

    def is_prose(self, offset: int) -> bool:
        return not _inside(self._non_prose_starts, self.non_prose, offset)

    def block_at(self, offset: int) -> Block | None:
        """The prose block containing an offset, if any."""
        blocks = self.blocks
        index = bisect_right([block.start for block in blocks], offset) - 1
        if index >= 0 and offset < blocks[index].end:
            return blocks[index]
        return None


def _inside(starts: list[int], spans: list[Span], offset: int) -> bool:
    index = bisect_right(starts, offset) - 1
    return index >= 0 and offset < spans[index].end


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda span: span.start):
        if span.end <= span.start:
            continue
        if merged and span.start <= merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged


def _normalize_label(label: str) -> str:
    return " ".join(label.split()).casefold()


# --- the Markdown scan -----------------------------------------------------------------------


class _Structure:
    """A line-based block scan, then an inline scan of each prose block.

    It follows CommonMark where it matters for linting (what is code, HTML, a link, a URL)
    and stays simple elsewhere; it never fails, whatever the input.
    """

    def __init__(self, document: Document):
        self.text = document.text
        self.code_blocks: list[CodeBlock] = []
        self.blocks: list[Block] = []
        self.inline_code: list[Span] = []
        self.comments: list[Comment] = []
        self.links: list[Link] = []
        self.urls: list[Url] = []
        self.references: dict[str, Span] = {}
        self.non_prose: list[Span] = []
        front = document.front_matter
        if front is not None:
            self.non_prose.append(Span(front.start, front.end))
        self._scan_blocks(document.body_start)
        for block in self.blocks:
            self._scan_inline(block)
        self.comments.sort(key=lambda comment: comment.start)

    # -- blocks ----------------------------------------------------------------------------------

    def _scan_blocks(self, body_start: int) -> None:
        text = self.text
        lines = text[body_start:].split("\n")
        position = body_start
        fence = None  # (char, length, start, content_start, info)
        html_end = None  # the end pattern of an open HTML block; False: ends at a blank line
        html_start = 0
        indented_start = indented_end = None
        paragraph: list = []  # [kind, start, end, level] of the open prose block
        in_list = False
        previous_blank = True

        def close_paragraph():
            if paragraph:
                self.blocks.append(Block(paragraph[0], paragraph[1], paragraph[2], paragraph[3]))
                paragraph.clear()

        for line in lines:
            start, end = position, position + len(line)
            position = end + 1
            body = line
            quote = _BLOCKQUOTE.match(line) if line[:1] in _QUOTE_LEADS else None
            if quote and fence is None and html_end is None:
                # Strip blockquote markers so that code inside quotes is still recognised.
                body = re.sub(r"^(?: {0,3}> ?)+", "", line)

            if fence is not None:
                char, length, fence_start, content_start, info = fence
                stripped = body.strip()
                if stripped and stripped[0] == char and len(stripped) >= length and stripped == char * len(stripped):
                    self._add_code(CodeBlock(fence_start, end, content_start, start, info, True))
                    fence = None
                continue
            if html_end is not None:
                if html_end is False:
                    if not line.strip():
                        self.non_prose.append(Span(html_start, start))
                        html_end = None
                        previous_blank = True
                    continue
                if html_end.search(line):
                    self.non_prose.append(Span(html_start, end))
                    self._collect_comments(html_start, end)
                    html_end = None
                continue
            if indented_start is not None:
                if not line.strip() or line.startswith(("    ", "\t")):
                    if line.strip():
                        indented_end = end
                    continue
                self._add_code(CodeBlock(indented_start, indented_end, indented_start, indented_end, "", False))
                indented_start = None

            if line[:1].isalpha():  # most lines: no block construct starts with a letter
                if previous_blank:
                    in_list = False
                if paragraph:
                    paragraph[2] = end  # a continuation line
                else:
                    paragraph[:] = ["paragraph", start, end, 0]
                previous_blank = False
                continue
            if not body.strip():
                close_paragraph()
                previous_blank = True
                continue

            # The character a construct must start with (after indentation) spares trying the
            # patterns of the others: most lines are paragraph text or list items.
            lead = body.lstrip(_SPACES)[0]
            opened = _FENCE_OPEN.fullmatch(body) if lead in "`~" else None
            if opened and (len(opened.group(1).expandtabs(4)) <= 3 or in_list) and not (
                opened.group(2)[0] == "`" and "`" in opened.group(3)
            ):
                close_paragraph()
                fence = (opened.group(2)[0], len(opened.group(2)), start, position, opened.group(3).strip())
                previous_blank = False
                continue
            if lead == "$" and _MATH_FENCE.fullmatch(body):
                close_paragraph()
                html_start, html_end = start, re.compile(r"\$\$")
                continue
            kind = _html_block_end(body) if lead == "<" else None
            if kind is not None:
                close_paragraph()
                html_start, html_end = start, kind
                if kind is not False and kind.search(body, 4):
                    self.non_prose.append(Span(start, end))
                    self._collect_comments(start, end)
                    html_end = None
                continue
            if previous_blank and not in_list and not paragraph and line.startswith(("    ", "\t")):
                indented_start, indented_end = start, end
                continue
            list_item = _LIST_ITEM.match(body) if lead in "-+*" or lead.isdigit() else None
            if previous_blank and not line.startswith((" ", "\t")) and not list_item:
                in_list = False
            definition = _REFERENCE_DEFINITION.match(text, start, end) if not paragraph and line.lstrip(" ")[:1] == "[" else None
            if definition:
                label = _normalize_label(definition.group(1))
                self.references.setdefault(label, Span(start, end))
                self.non_prose.append(Span(definition.start(2), end))
                previous_blank = False
                continue

            heading = _ATX_HEADING.match(body) if lead == "#" else None
            if heading:
                close_paragraph()
                self.blocks.append(Block("heading", start, end, len(heading.group(1))))
            elif paragraph and paragraph[0] == "paragraph" and lead in "=-" and _SETEXT_UNDERLINE.fullmatch(body):
                paragraph[0], paragraph[3] = "heading", 1 if "=" in body else 2
                paragraph[2] = end
                close_paragraph()
            elif lead in "*-_" and _THEMATIC_BREAK.fullmatch(body):
                close_paragraph()
            elif list_item:
                close_paragraph()
                in_list = True
                paragraph[:] = ["list_item", start, end, 0]
            elif paragraph and (not quote or paragraph[0] == "blockquote"):
                paragraph[2] = end  # a continuation line
            else:
                close_paragraph()
                kind = "blockquote" if quote else "table" if lead == "|" and _TABLE_ROW.match(body) else "paragraph"
                paragraph[:] = [kind, start, end, 0]
            previous_blank = False

        close_paragraph()
        if fence is not None:
            char, length, fence_start, content_start, info = fence
            self._add_code(CodeBlock(fence_start, len(text), min(content_start, len(text)), len(text), info, True, closed=False))
        elif indented_start is not None:
            self._add_code(CodeBlock(indented_start, indented_end, indented_start, indented_end, "", False))
        elif html_end is not None:
            self.non_prose.append(Span(html_start, len(text)))
            self._collect_comments(html_start, len(text))

    def _add_code(self, block: CodeBlock) -> None:
        self.code_blocks.append(block)
        self.non_prose.append(Span(block.start, block.end))

    def _collect_comments(self, start: int, end: int) -> None:
        text, position = self.text, start
        while True:
            opener = text.find("<!--", position, end)
            if opener < 0:
                return
            closer = text.find("-->", opener + 4, end)
            if closer < 0:
                return  # no later comment can be closed either
            self.comments.append(Comment(opener, closer + 3, text[opener + 4:closer]))
            position = closer + 3

    # -- inline ----------------------------------------------------------------------------------

    def _scan_inline(self, block: Block) -> None:
        """Find code spans, comments, HTML, math, links and URLs inside a prose block."""
        base, text = block.start, self.text[block.start:block.end]
        # ``work`` is the block with non-prose blanked, so brackets inside code are not links.
        work = text
        if "`" in text or "<" in text or "\\" in text or "$" in text:
            blanks: list[tuple[int, int]] = []
            position, finder, backticks = 0, _Finder(text), None
            while True:
                match = _INLINE.search(text, position)
                if match is None:
                    break
                kind = match.lastgroup
                start, end = match.start(), match.end()
                if kind == "code":
                    backticks = backticks or _BacktickRuns(text)
                    closer = backticks.closer(end - start, end)
                    if closer < 0:
                        position = end
                        continue
                    end = closer + end - start
                    self.inline_code.append(Span(base + start, base + end))
                elif kind == "comment":
                    closer = finder.find("-->", end)
                    if closer < 0:
                        position = start + 1
                        continue
                    end = closer + 3
                    self.comments.append(Comment(base + start, base + end, text[start + 4:closer]))
                elif kind == "math":
                    closer = finder.find(_MATH_CLOSERS[match.group()], start + 3)
                    if closer >= 0:
                        end = closer + 2
                    elif match.group() == "$$":
                        position = start + 1
                        continue
                    else:
                        kind = "escape"  # an unclosed ``\(`` is an escaped parenthesis
                elif kind == "autolink":
                    inner = match.group("autolink")[1:-1]
                    self.links.append(Link(base + start, base + end, base + start + 1, base + end - 1,
                                           inner, base + start + 1, base + end - 1, kind="autolink"))
                    self.urls.append(Url(base + start + 1, base + end - 1, inner))
                if kind != "escape":
                    self.non_prose.append(Span(base + start, base + end))
                blanks.append((start, end))
                position = end
            work = _blanked(text, blanks)
        if "[" in work:
            work = self._scan_links(work, base)
        if "://" in work or "www." in work:
            for start, url in _bare_urls(work):
                url = _trim_url(url)
                start += base
                self.urls.append(Url(start, start + len(url), url))
                self.non_prose.append(Span(start, start + len(url)))

    def _scan_links(self, work: str, base: int) -> str:
        """Parse ``[text](dest)``, ``![alt](src)`` and reference links; blank their destinations."""
        openers: list[int] = []
        position = 0
        blanks: list[tuple[int, int]] = []  # link destinations, in order
        finder = _Finder(work)
        while True:
            match = _BRACKET.search(work, position)
            if match is None:
                break
            position = match.end()
            if match.group() == "[":
                openers.append(match.start())
                continue
            if not openers:
                continue
            opener, close = openers.pop(), match.start()
            if work.startswith("^", opener + 1):
                continue  # a footnote reference, not a link
            image = opener > 0 and work[opener - 1] == "!"
            start = opener - 1 if image else opener
            if work.startswith("(", close + 1):
                parsed = _parse_destination(work, close + 2, finder)
                if parsed is None:
                    continue
                dest_start, dest_end, end = parsed
                dest = work[dest_start:dest_end]
                if dest.startswith("<") and dest.endswith(">"):
                    dest, dest_start, dest_end = dest[1:-1], dest_start + 1, dest_end - 1
                self.links.append(Link(base + start, base + end, base + opener + 1, base + close,
                                       dest, base + dest_start, base + dest_end, image, "inline"))
                if dest:
                    self.urls.append(Url(base + dest_start, base + dest_end, dest))
                self.non_prose.append(Span(base + close + 2, base + end - 1))
                blanks.append((close + 1, end))
                position = end
                if not image:
                    openers.clear()  # links cannot contain links
                continue
            label_end = close
            if work.startswith("[", close + 1):
                label_close = work.find("]", close + 2)
                if label_close < 0:
                    continue
                label = work[close + 2:label_close] or work[opener + 1:close]
                label_end = label_close
            else:
                label = work[opener + 1:close]
            definition = self.references.get(_normalize_label(label))
            if definition is not None:
                self.links.append(Link(base + start, base + label_end + 1, base + opener + 1, base + close,
                                       label, base + opener + 1, base + close, image, "reference"))
                position = label_end + 1
        return _blanked(work, blanks)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of the sorted, disjoint ``spans`` replaced by as many spaces."""
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _html_block_end(body: str):
    """The end pattern of an HTML block opening on this line (False: a blank line), or None."""
    if "<" not in body[:4]:
        return None
    for start_pattern, end_pattern in _HTML_BLOCK_STARTS:
        if start_pattern.match(body):
            return end_pattern if end_pattern is not None else False
    return None


def _parse_destination(work: str, index: int, finder: _Finder):
    """Parse a link destination and optional title starting at ``index`` (after ``(``).

    Returns ``(dest_start, dest_end, end)`` with ``end`` just past the closing ``)``, or None.
    """
    length = len(work)
    while index < length and work[index] in _SPACES:
        index += 1
    if index < length and work[index] == "\n":
        index += 1
        while index < length and work[index] in _SPACES:
            index += 1
    dest_start = index
    if index < length and work[index] == "<":
        close = finder.find(">", index)
        if close < 0 or 0 <= finder.find("\n", index) < close:
            return None
        index = close + 1
    else:
        plain_end = _PLAIN_DESTINATION.match(work, index).end()
        nested = plain_end < length and work[plain_end] in "(\\"
        index = _DESTINATION.match(work, index).end() if nested else plain_end
    dest_end = index
    while index < length and work[index] in " \t\n":
        index += 1
    if index < length and work[index] in "\"'(" and index > dest_end:
        closer = ")" if work[index] == "(" else work[index]
        close = finder.find(closer, index + 1)
        if close < 0:
            return None
        index = close + 1
        while index < length and work[index] in " \t\n":
            index += 1
    if index < length and work[index] == ")":
        return dest_start, dest_end, index + 1
    return None


def _trim_url(url: str) -> str:
    """Drop trailing punctuation and an unbalanced closing ``)`` or ``]``, as GFM autolinks do."""
    end = len(url)
    surplus = {")": url.count(")") - url.count("("), "]": url.count("]") - url.count("[")}
    while end:
        last = url[end - 1]
        if last in _URL_TRAILING_PUNCTUATION:
            end -= 1
        elif surplus.get(last, 0) > 0:
            end -= 1
            surplus[last] -= 1
        else:
            break
    return url[:end]
