"""The block scan: a line-based pass that finds code blocks, HTML blocks, reference definitions
and the prose blocks (paragraphs, headings, list items, quotes, tables) the inline scan reads.

It follows CommonMark where it matters for linting (what is code, HTML, a link definition) and
stays simple elsewhere; it never fails, whatever the input.
"""
from __future__ import annotations

import re

from .records import Block, CodeBlock, Comment, Span

TYPE_CHECKING = False  # not typing's: importing typing costs the one-post run
if TYPE_CHECKING:
    from .structure import Structure

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
_SPACES = " \t"
_QUOTE_LEADS = (" ", ">")


def scan_blocks(structure: Structure, body_start: int) -> None:
    """Scan the lines from ``body_start``, filling ``structure`` with blocks, code and HTML."""
    text = structure.text
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
            structure.blocks.append(Block(paragraph[0], paragraph[1], paragraph[2], paragraph[3]))
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
                _add_code(structure, CodeBlock(fence_start, end, content_start, start, info, True))
                fence = None
            continue
        if html_end is not None:
            if html_end is False:
                if not line.strip():
                    structure.non_prose.append(Span(html_start, start))
                    html_end = None
                    previous_blank = True
                continue
            if html_end.search(line):
                structure.non_prose.append(Span(html_start, end))
                _collect_comments(structure, html_start, end)
                html_end = None
            continue
        if indented_start is not None:
            if not line.strip() or line.startswith(("    ", "\t")):
                if line.strip():
                    indented_end = end
                continue
            _add_code(structure, CodeBlock(indented_start, indented_end, indented_start, indented_end, "", False))
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
                structure.non_prose.append(Span(start, end))
                _collect_comments(structure, start, end)
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
            label = normalize_label(definition.group(1))
            structure.references.setdefault(label, Span(start, end))
            structure.non_prose.append(Span(definition.start(2), end))
            previous_blank = False
            continue

        heading = _ATX_HEADING.match(body) if lead == "#" else None
        if heading:
            close_paragraph()
            structure.blocks.append(Block("heading", start, end, len(heading.group(1))))
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
        _add_code(structure, CodeBlock(fence_start, len(text), min(content_start, len(text)), len(text), info, True, closed=False))
    elif indented_start is not None:
        _add_code(structure, CodeBlock(indented_start, indented_end, indented_start, indented_end, "", False))
    elif html_end is not None:
        structure.non_prose.append(Span(html_start, len(text)))
        _collect_comments(structure, html_start, len(text))


def _add_code(structure: Structure, block: CodeBlock) -> None:
    structure.code_blocks.append(block)
    structure.non_prose.append(Span(block.start, block.end))


def _collect_comments(structure: Structure, start: int, end: int) -> None:
    text, position = structure.text, start
    while True:
        opener = text.find("<!--", position, end)
        if opener < 0:
            return
        closer = text.find("-->", opener + 4, end)
        if closer < 0:
            return  # no later comment can be closed either
        structure.comments.append(Comment(opener, closer + 3, text[opener + 4:closer]))
        position = closer + 3


def _html_block_end(body: str):
    """The end pattern of an HTML block opening on this line (False: a blank line), or None."""
    if "<" not in body[:4]:
        return None
    for start_pattern, end_pattern in _HTML_BLOCK_STARTS:
        if start_pattern.match(body):
            return end_pattern if end_pattern is not None else False
    return None


def normalize_label(label: str) -> str:
    return " ".join(label.split()).casefold()
