"""The ``Document`` model: one parsed post, its front matter, structure, prose mask and lines.

A post is parsed once; every linter reads the ``Document``, never the raw file. Everything is
computed lazily, so a linter that needs only the line index does not pay for the Markdown scan.

Offsets are indices into ``Document.text``, the text with every line ending (CRLF, lone CR)
normalised to ``\\n``; ``Document.raw`` keeps the original line endings so that fixes can be
written back byte for byte outside the edited spans.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from .. import languages
from ..patterns.deferred import deferred
from . import frontmatter, wrapping
from .records import Block, CodeBlock, Comment, FrontMatter, Link, Span, Url, Wrapper
from .structure import Structure

_NEWLINES = deferred(r"\r\n?")


class Document:
    """A post parsed for linting. Construct with decoded text (no BOM) and a display path."""

    def __init__(self, text: str, path: str = "<string>", *, default_language: str | None = None,
                 default_source: str = "configuration", front_matter_after_blank_lines: bool = False):
        self.path = path
        self.raw = text
        self.text = _NEWLINES.sub("\n", text) if "\r" in text else text
        self.default_language = default_language
        self.default_source = default_source  # where the default language was read: "configuration", "site layout"
        self.front_matter_after_blank_lines = front_matter_after_blank_lines  # as Hugo reads it

    def revised(self, text: str) -> "Document":
        """The same post with new text (after fixes): same path, same default language."""
        return Document(text, self.path, default_language=self.default_language, default_source=self.default_source,
                        front_matter_after_blank_lines=self.front_matter_after_blank_lines)

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

    def span_position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``position`` of both ends of ``text[start:end]`` (``end`` >= ``start``), as (line,
        column, end_line, end_column): one search of the lines when both are on one line, as
        most findings are."""
        starts, length = self.line_starts, len(self.text)
        start, end = max(0, min(start, length)), max(0, min(end, length))
        line = bisect_right(starts, start)
        end_line = line if start <= end and (line == len(starts) or end < starts[line]) else bisect_right(starts, end)
        return line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Offset of a 1-based (line, column); the inverse of ``position``."""
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    # -- front matter -----------------------------------------------------------------------
    @property
    def front_matter(self) -> FrontMatter | None:
        """The front matter block, detected only on the very first line (the first that is not
        blank, where the site's generator reads it there; or the first inside a fence that wraps
        the page: see ``wrapper``)."""
        return self._front_and_wrapper[0]

    @property
    def wrapper(self) -> Wrapper | None:
        """The fence lines of a page wrapped whole in a Markdown code fence by its generator
        (see ``wrapping``), or None. Such a page is scanned as if they were blank lines, so
        its content is linted as the Markdown it is; they are not prose."""
        return self._front_and_wrapper[1]

    @cached_property
    def _front_and_wrapper(self) -> tuple[FrontMatter | None, Wrapper | None]:
        front = frontmatter.locate(self.text, self.front_matter_after_blank_lines)
        wrapper = wrapping.locate(self.text, front)
        if wrapper is not None and front is None:  # the front matter may be inside the fence
            inside = frontmatter.locate(self.text[wrapper.opening_end:wrapper.closing_start])
            if inside is not None:
                shift = wrapper.opening_end
                front = inside._replace(start=inside.start + shift, end=inside.end + shift,
                                        content_start=inside.content_start + shift, content_end=inside.content_end + shift)
        return front, wrapper

    @property
    def body_start(self) -> int:
        return self.front_matter.end if self.front_matter else 0

    @cached_property
    def metadata(self) -> dict:
        """Front matter parsed safely as YAML; ``{}`` when absent or not a valid mapping."""
        return frontmatter.parse(self.front_matter)

    # -- language ---------------------------------------------------------------------------

    @cached_property
    def language_and_source(self) -> tuple[str | None, str]:
        """The post's language and where it was read from (``languages.of_document``)."""
        return languages.of_document(self)

    @cached_property
    def language_from_path(self) -> tuple[str, str] | None:
        """``(code, "file name"|"folder")`` read off the path, or None (``languages.from_path``)."""
        return languages.from_path(self.path, lambda: self.prose)

    @property
    def language(self) -> str | None:
        return self.language_and_source[0]

    # -- Markdown structure -------------------------------------------------------------------

    @cached_property
    def _structure(self) -> Structure:
        wrapper = self.wrapper
        if wrapper is None:
            return Structure(self.text, self.front_matter, self.body_start, mdx=self.is_mdx)
        structure = Structure(wrapping.unwrapped(self.text, wrapper), self.front_matter, self.body_start, mdx=self.is_mdx)
        structure.non_prose += [Span(wrapper.start, wrapper.opening_end), Span(wrapper.closing_start, wrapper.closing_end)]
        return structure

    @property
    def is_mdx(self) -> bool:
        """An ``.mdx`` file (Docusaurus, Starlight): its JSX, expressions and ESM are not prose."""
        return self.path[-4:].lower() == ".mdx"

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
            pieces.append(_spaces_keeping_newlines(hidden) if "\n" in hidden else " " * len(hidden))
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


def _spaces_keeping_newlines(hidden: str) -> str:
    """Each line of ``hidden`` as spaces, line by line: a regex substitution of every character
    (front matter, code blocks) costs a match object a character."""
    return "\n".join([" " * len(line) for line in hidden.split("\n")])


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

