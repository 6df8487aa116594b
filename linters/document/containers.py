"""The containers of the block scan: the block quotes (``>``) and list items open at a line, and
how much of each line they take (CommonMark's first step for every line), in columns that count
tabs to the next multiple of four.

``OpenContainers`` is the stack ``linters.document.blocks`` pushes a quote or an item on when a
line opens one, and cuts when a line does not continue it; the leaf blocks (paragraphs, code,
HTML) are the scanner's.
"""
from __future__ import annotations

from .lines import after_quote_marker, indentation, skip_columns, starts_block

MAX_NESTING = 100  # block quotes and list items, one inside the other
_CONTAINER_LEADS = frozenset(" \t>")
# The first character of a line that may continue an open container ("": a blank line); a line
# that begins with any other is matched by none, without a call to ``match``.
CONTINUATION_LEADS = _CONTAINER_LEADS | {""}


class Container:
    """An open block quote (``width`` None) or list item (``width``: its content's indentation,
    in columns from where its parent's content starts; ``empty`` until it holds a line)."""

    __slots__ = ("width", "empty")

    def __init__(self, width: int | None, empty: bool = False):
        self.width, self.empty = width, empty


# A list item `- text`: it holds a line from the start, and a container that is not ``empty``
# never changes (only ``empty`` is ever set), so one instance serves every such item; and one
# for each width of a bullet item with more spaces (`*   text`), by width.
TEXT_ITEM = Container(2)
TEXT_ITEMS = {width: Container(width) for width in range(2, 6)}


class OpenContainers(list):
    """The open containers, outermost first (a list: the scanner appends and cuts it)."""

    __slots__ = ()

    def match(self, line: str) -> tuple[int, int, int]:
        """How many open containers the line continues, and where (offset, column) the rest starts."""
        if not line:
            return self._match_blank()
        if line[0] not in _CONTAINER_LEADS:
            return 0, 0, 0  # no indentation, no quote marker: a lazy line, or one that closes them all
        if line[:1] == " " and not self.in_quote():
            return self._match_items(line)
        return self._match_any(line)

    def in_quote(self) -> bool:
        """Whether a block quote is open (else only list items are)."""
        for container in self:
            if container.width is None:
                return True
        return False

    def _match_blank(self) -> tuple[int, int, int]:
        """``match`` for a blank line: it continues the list items that hold something, up to the
        first quote or empty item."""
        for index, container in enumerate(self):
            if container.width is None or container.empty:
                return index, 0, 0
        return len(self), 0, 0

    def _match_any(self, line: str) -> tuple[int, int, int]:
        offset = column = 0
        for index, container in enumerate(self):
            indent, nonspace, next_column = indentation(line, offset, column)
            if container.width is None:
                # Indented 4+ columns, a `>` still continues a quote: markdown-it's reading (the
                # spec's makes the line lazy text or code); the text inside is the same.
                if nonspace == len(line) or line[nonspace] != ">":
                    return index, offset, column
                offset, column = after_quote_marker(line, nonspace + 1, next_column + 1)
            elif nonspace == len(line):  # a blank line continues a list item that holds something
                if container.empty:
                    return index, offset, column
                offset, column = nonspace, next_column
            elif indent >= container.width:
                offset, column = skip_columns(line, offset, column, container.width)
                container.empty = False
            else:
                return index, offset, column
        return len(self), offset, column

    def _match_items(self, line: str) -> tuple[int, int, int]:
        """``match`` for list items only and a line indented with spaces: columns are offsets."""
        spaces = len(line) - len(line.lstrip(" "))
        blank, offset = spaces == len(line), 0
        if not blank and line[spaces] == "\t":
            return self._match_any(line)
        for index, container in enumerate(self):
            width = container.width or 0
            if blank:
                if container.empty:
                    return index, offset, offset
                offset = spaces  # the rest of the line is blank
            elif spaces - offset >= width:
                offset += width
                container.empty = False
            else:
                return index, offset, offset
        return len(self), offset, offset


def ends_lazy_paragraph(unmatched: list[Container], line: str, nonspace: int, char: str) -> bool:
    """Whether a block start ends a lazy paragraph although the line is indented 4+ columns
    where the containers it continues end (``unmatched``: those it does not); the line is then
    read there (as indented code).

    This is markdown-it's reading. Below a list item the indentation counts from the item's
    content (a negative one: no code); a quote that takes the line lazily forgets it, and
    a quote inside looks at the line whatever its indentation. A list marker counts below
    two list items or inside such a quote: a single item's lazy lines take it as text.
    """
    measured, items = True, 0  # whether the indentation still counts; list items passed
    for index, container in enumerate(unmatched):
        if container.width is not None:
            items += 1
        elif index and starts_block(line, nonspace, char, not measured or items > 1):
            return True
        else:
            measured = False
    return measured and starts_block(line, nonspace, char, items > 1)
