"""Words of the findings: counts, kinds of blocks, lines, values quoted."""
from __future__ import annotations

SHOWN = 80  # characters of a value quoted in a message
LISTED = 3  # values named in a message; the rest are counted

_KIND_NAMES = {"p": "paragraph", "li": "list item", "quote": "quotation", "table": "table", "code": "code block"}

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from .comparison import Version


def kind_name(kind: str, article: bool = False) -> str:
    name = f"level-{kind[1]} heading" if kind[0] == "h" else _KIND_NAMES.get(kind, kind)
    return (("an " if name[0] in "aeiou" else "a ") + name) if article else name


def count(number: int, noun: str) -> str:
    return f"{number} {noun}s" if number > 1 else f"an {noun}" if noun[0] in "aeio" else f"a {noun}"


def lines_of(version: Version, start: int, end: int) -> str:
    first, last = version.line(start), version.line(max(start, end - 1))
    return f"line {first}" if first == last else f"lines {first}-{last}"


def listing(values: list[str], quoted: bool = False) -> str:
    shown = ", ".join(quote(value) if quoted else short(value) for value in values[:LISTED])
    return shown + (f" and {len(values) - LISTED} more" if len(values) > LISTED else "")


def pairs(mine: list[str], theirs: list[str], quoted: bool = False) -> tuple[str, str]:
    """Two lists of values as a message shows them side by side."""
    return listing(mine, quoted), listing(theirs, quoted)


def quote(value: str) -> str:
    return f"`{short(value)}`"


def short(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"
