"""The block scan: a line-based pass that finds code blocks, HTML blocks, reference definitions
and the prose blocks (paragraphs, headings, list items, quotes, tables) the inline scan reads.

Where code starts and ends follows CommonMark, containers included: each line is first matched
against the open block quotes (``>``) and list items (their content's indentation: see
``containers``), and what is left is read for fences, indented code, HTML and paragraphs, as
CommonMark's parsing strategy does. Prose blocks are kept simple (a paragraph, a heading, a list item's first paragraph, a
paragraph in a quote, a table). Block math between ``$$`` lines, which kramdown and MathJax sites
use, is not prose either. The scan never fails, whatever the input, and is linear in its size.
"""
from __future__ import annotations

import re

from ..patterns.deferred import deferred
from .containers import CONTINUATION_LEADS, MAX_NESTING, TEXT_ITEM, TEXT_ITEMS, Container, OpenContainers, ends_lazy_paragraph
from .lines import (ATX_HEADING, BREAK_ENDS, LEAF_STARTS, MATH_END, MATH_FENCE, SETEXT_UNDERLINE, STARTS,
                    THEMATIC_BREAK, after_quote_marker, closes_fence, fence_opening, html_block, indentation, is_text,
                    item_text_start, list_item, simple_ordered_item)
from .records import Block, CodeBlock, Span

TYPE_CHECKING = False  # not typing's: importing typing costs the one-post run
if TYPE_CHECKING:
    from .structure import Structure

# A destination may be a template expression ({{ site.url }}/ru/, {{< ref "a.md" >}}): Jekyll's Liquid
# and Hugo's shortcodes are expanded before Markdown reads the definition.
_REFERENCE_DEFINITION = deferred(
    r" {0,3}\[(?!\^)((?:[^\[\]\\\n]|\\.){1,999})\]:[ \t]*\n?[ \t]*(<[^<>\n]*>|\{\{[^{}\n]*\}\}(?:\{\{[^{}\n]*\}\}|\S)*|\S+)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$",
    re.M,
)

# The open leaf block: what the next line may continue.
PARAGRAPH, FENCE, INDENTED, HTML = 1, 2, 3, 4
# The first characters of a line that may still be paragraph text (``is_text`` tells): emphasis,
# and digits that are no list marker.
_MAYBE_TEXT = frozenset("*_0123456789")
MDX_NO_CODE_INDENT = 1 << 30


def scan_blocks(structure: Structure, body_start: int) -> None:
    """Scan the lines from ``body_start``, filling ``structure`` with blocks, code and HTML."""
    _BlockScanner(structure).scan(body_start)


class _BlockScanner:
    """One pass over the lines. Columns count tabs to the next multiple of four, as CommonMark."""

    def __init__(self, structure: Structure):
        self.structure = structure
        self.text = structure.text
        # Columns of indentation that make code, and that no other block start may have. MDX
        # has no indented code, and so no such limit: its JSX children are indented freely.
        self.code_indent = MDX_NO_CODE_INDENT if structure.mdx else 4
        self.containers = OpenContainers()
        self.leaf = 0  # PARAGRAPH, FENCE, INDENTED, HTML or 0
        self.paragraph: list = []  # [kind, start, end, level]
        self.fence: tuple = ()  # (char, length, start, content_start, info)
        self.fence_ends: tuple = ()
        self.code: list[int] = []  # [start, end] of indented code, up to its last non-blank line
        self.html: tuple = ()  # (start, the pattern of its last line, or None: a blank line ends it)

    def scan(self, body_start: int) -> None:
        text, containers, blocks = self.text, self.containers, self.structure.blocks
        position = body_start
        for line in text[body_start:].split("\n"):
            start = position
            end = position = start + len(line)
            position += 1
            if not line and not containers and self.leaf <= PARAGRAPH:  # a blank line between blocks
                if self.leaf:  # the paragraph ends
                    blocks.append(tuple.__new__(Block, self.paragraph))
                    self.leaf = 0
                continue
            first = line[:1]
            if containers and first in CONTINUATION_LEADS:  # any other line continues none of them
                matched, offset, column = containers.match(line)
                first = line[offset:offset + 1]
            else:
                matched = offset = column = 0
            if self.leaf > PARAGRAPH and matched == len(containers):
                if self.leaf == FENCE and first not in self.fence_ends:
                    continue  # a line of code that cannot close the fence
                if self._continue(line, offset, column, start, end):
                    continue
            if first not in STARTS or first in _MAYBE_TEXT and is_text(line, offset):  # most lines: paragraph text
                if self.leaf == PARAGRAPH:  # a continuation line, maybe a lazy one
                    self.paragraph[2] = end
                    continue
                if matched < len(containers) or self.leaf:
                    self._close(matched, start - 1)
                kind = "blockquote" if containers and containers.in_quote() else "paragraph"
                self.paragraph = [kind, start, end, 0]
                self.leaf = PARAGRAPH
            elif not first:  # a blank line, or one the containers took whole
                if matched < len(containers):
                    self._close(matched, start - 1)
                elif self.leaf == PARAGRAPH:  # the paragraph ends
                    blocks.append(tuple.__new__(Block, self.paragraph))
                    self.leaf = 0
            elif first in "-*+" and line[offset + 1:offset + 2] == " " \
                    and (line[offset + 2:offset + 3] not in STARTS or is_text(line, offset + 2)) \
                    and len(containers) < MAX_NESTING and not (line[-1] in BREAK_ENDS and THEMATIC_BREAK.fullmatch(
                        line, offset)):  # a list item, `- text`: most of them (`* **` is a thematic break)
                if self.leaf or matched < len(containers):
                    self._close(matched, start - 1)
                containers.append(TEXT_ITEM)
                self.paragraph = ["list_item", start, end, 0]
                self.leaf = PARAGRAPH
            elif "0" <= first <= "9" and (item := simple_ordered_item(line, offset)) and len(containers) < MAX_NESTING \
                    and (item[1] == "1" or self.leaf != PARAGRAPH or matched < len(containers)):  # `1. text`
                if self.leaf or matched < len(containers):
                    self._close(matched, start - 1)
                containers.append(Container(item[0]))
                self.paragraph = ["list_item", start, end, 0]
                self.leaf = PARAGRAPH
            elif first == "#" and (heading := ATX_HEADING.match(line, offset)):
                if self.leaf or matched < len(containers):
                    self._close(matched, start - 1)
                blocks.append(tuple.__new__(Block, ("heading", start, end, len(heading.group(1)))))
            elif first in "-*+" and (content := item_text_start(line, offset + 1)) >= 0 \
                    and len(containers) < MAX_NESTING and not (line[-1] in BREAK_ENDS and THEMATIC_BREAK.fullmatch(
                        line, offset)):  # a list item, `*   text` (`*  **` is a thematic break)
                if self.leaf or matched < len(containers):
                    self._close(matched, start - 1)
                containers.append(TEXT_ITEMS[content - offset])
                self.paragraph = ["list_item", start, end, 0]
                self.leaf = PARAGRAPH
            else:
                self._line(line, start, end, matched, offset, column)
        self._close(0, len(text))

    def _close(self, depth: int, at: int) -> None:
        """Close the open leaf block and the containers deeper than ``depth``; ``at``: where."""
        leaf = self.leaf
        if leaf == PARAGRAPH:
            self.structure.blocks.append(tuple.__new__(Block, self.paragraph))
        elif leaf == FENCE:
            _, _, start, content_start, info = self.fence
            at = max(at, start)
            self.structure.add_code(CodeBlock(start, at, min(content_start, at), at, info, True, closed=False))
        elif leaf == INDENTED:
            self.structure.add_code(CodeBlock(self.code[0], self.code[1], self.code[0], self.code[1], "", False))
        elif leaf == HTML:
            self.structure.add_html(self.html[0], max(at, self.html[0]))
        self.leaf = 0
        if len(self.containers) > depth:
            del self.containers[depth:]

    # -- the leaf blocks that take every line -------------------------------------------------

    def _continue(self, line: str, offset: int, column: int, start: int, end: int) -> bool:
        """Give the line to the open code or HTML block; False when that block ends before it."""
        leaf = self.leaf
        if leaf == FENCE:
            indent, nonspace, _ = indentation(line, offset, column)
            if indent < self.code_indent and closes_fence(line, nonspace, self.fence[0], self.fence[1]):
                _, _, fence_start, content_start, info = self.fence
                self.structure.add_code(CodeBlock(fence_start, end, content_start, start, info, True))
                self.leaf = 0
            return True
        if leaf == INDENTED:
            indent, nonspace, _ = indentation(line, offset, column)
            if nonspace == len(line):
                return True  # a blank line: the code goes on if an indented line follows
            if indent >= 4:
                self.code[1] = end
                return True
            self._close(len(self.containers), start - 1)
            return False
        html_start, end_pattern = self.html
        if end_pattern is None:
            if not line[offset:].strip(" \t"):
                self.structure.add_html(html_start, start)
                self.leaf = 0
        elif end_pattern.search(line, offset):
            self.structure.add_html(html_start, end)
            self.leaf = 0
        return True

    # -- a line that may open blocks -------------------------------------------------------------

    def _line(self, line: str, start: int, end: int, matched: int, offset: int, column: int) -> None:
        """A line that is not a plain continuation: open the blocks it starts, or continue prose."""
        containers = self.containers
        lazy = matched < len(containers) and self.leaf == PARAGRAPH  # closed unless no block starts
        if matched < len(containers) and not lazy:
            self._close(matched, start - 1)
        opened_item = False
        while True:
            indent, nonspace, next_column = indentation(line, offset, column)
            if nonspace == len(line):
                if lazy:
                    self._close(matched, start - 1)
                elif self.leaf == PARAGRAPH:
                    self._close(len(containers), start - 1)
                return
            char = line[nonspace]
            in_paragraph = self.leaf == PARAGRAPH  # it may be interrupted, not by everything
            if indent >= self.code_indent:
                if in_paragraph and not (lazy and ends_lazy_paragraph(containers[matched:], line, nonspace, char)):
                    break  # indented code cannot interrupt a paragraph
                self._close(matched, start - 1)
                self.leaf, self.code = INDENTED, [start, end]
                return
            if char not in STARTS:
                break  # paragraph text after the markers
            if len(containers) >= MAX_NESTING:
                break  # deeper markers are text: a bound on the work per line
            if char == ">":
                self._close(matched, start - 1)
                containers.append(Container(None))
                lazy, matched = False, len(containers)
                offset, column = after_quote_marker(line, nonspace + 1, next_column + 1)
                continue
            if char in "-*_" and line[-1] in BREAK_ENDS and THEMATIC_BREAK.fullmatch(line, nonspace):
                if char == "-" and in_paragraph and not lazy and SETEXT_UNDERLINE.fullmatch(line, nonspace):
                    self._underline(end, 2)
                else:
                    self._close(matched, start - 1)
                return
            if char in "-+*" or "0" <= char <= "9":
                item = list_item(line, nonspace, next_column, indent, in_paragraph and not lazy)
                if item is not None:
                    width, empty, offset, column = item
                    self._close(matched, start - 1)
                    containers.append(Container(width, empty))
                    lazy, matched, opened_item = False, len(containers), True
                    continue
            if char in LEAF_STARTS and self._leaf_start(line, start, end, nonspace, char, lazy, matched):
                return
            break
        if lazy or self.leaf == PARAGRAPH:
            self.paragraph[2] = end  # a continuation line
        elif char != "[" or not self._definition(line, nonspace, start, end):
            self.leaf = PARAGRAPH
            self.paragraph = [_paragraph_kind(containers, line, nonspace, opened_item), start, end, 0]

    def _leaf_start(self, line, start, end, nonspace, char, lazy, matched) -> bool:
        """Open the heading, fence, math, HTML or setext heading the line starts, if any; the
        containers it does not continue (``matched`` and on, a lazy line's) close."""
        if char == "#":
            heading = ATX_HEADING.match(line, nonspace)
            if heading is None:
                return False
            self._close(matched, start - 1)
            self.structure.blocks.append(Block("heading", start, end, len(heading.group(1))))
        elif char in "`~":
            fence = fence_opening(line, nonspace)
            if fence is None:
                return False
            self._close(matched, start - 1)
            self.leaf, self.fence = FENCE, (fence[0], fence[1], start, end + 1, fence[2])
            self.fence_ends = (fence[0], " ", "\t")  # what a line that may close it begins with
        elif char == "$":
            if not MATH_FENCE.fullmatch(line, nonspace):
                return False
            self._close(matched, start - 1)
            self.leaf, self.html = HTML, (start, MATH_END)
        elif char == "<":
            block = html_block(line, nonspace)
            if block is None or not block[1] and self.leaf == PARAGRAPH:
                return False
            self._close(matched, start - 1)
            if block[0] is not None and block[0].search(line, nonspace):
                self.structure.add_html(start, end)
            else:
                self.leaf, self.html = HTML, (start, block[0])
        elif self.leaf == PARAGRAPH and not lazy and SETEXT_UNDERLINE.fullmatch(line, nonspace):
            self._underline(end, 1 if char == "=" else 2)
        else:
            return False
        return True

    def _underline(self, end: int, level: int) -> None:
        """A setext underline: the paragraph above is a heading (a list item or quote stays one)."""
        paragraph = self.paragraph
        if paragraph[0] == "paragraph":
            paragraph[0], paragraph[3] = "heading", level
        paragraph[2] = end
        self._close(len(self.containers), end)

    # -- prose -----------------------------------------------------------------------------------

    def _definition(self, line: str, nonspace: int, start: int, end: int) -> bool:
        """Record a reference definition ``[label]: destination`` on this line, if it is one."""
        definition = _REFERENCE_DEFINITION.match(self.text, start + nonspace, end)
        if not definition:
            return False
        self.structure.references.setdefault(normalize_label(definition.group(1)), Span(start, end))
        self.structure.non_prose.append(Span(definition.start(2), end))
        return True


def _paragraph_kind(containers: OpenContainers, line: str, nonspace: int, opened_item: bool) -> str:
    if opened_item:
        return "list_item"
    if containers and containers.in_quote():
        return "blockquote"
    return "table" if line.startswith("|", nonspace) else "paragraph"


def normalize_label(label: str) -> str:
    return " ".join(label.split()).casefold()
