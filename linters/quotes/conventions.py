"""Conventions: the quote style of the post's language (QUO002), French guillemet spacing
(QUO003, QUO004), and one style throughout (QUO006).

Each language's conventions are data in ``rules/quotes.yaml``; a quotation in another script
than the language's (English inside a Japanese post) is foreign text and keeps its marks.
"""
from __future__ import annotations

from collections import Counter

from ..diagnostics import Edit, Fix
from ..packs.sections import ListOf, Maybe, Record, Text
from ..patterns.search import compile_pattern
from ..patterns.sections import PATTERN
from .pairing import char_at
from .records import Convention, Post, Quotation, show

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic

PACK = "rules/quotes.yaml"
STYLES = ListOf(Text("a two-character style (opening and closing mark; straight single quotes are apostrophes, "
                     "not a style)", lambda style: len(style) == 2 and "'" not in style))
CONVENTION = Record(
    {"name": Text(), "primary": ListOf(STYLES.item, minimum=1), "nested": STYLES, "also": STYLES,
     "preferred": Text(), "space": Maybe(Text("one space character", lambda space: len(space) == 1 and space.isspace())),
     "spaces": ListOf(Text("a character")), "script": PATTERN},
    required=("primary",),
    test=lambda spec: (("preferred", "must be one of the primary styles")
                       if spec.get("preferred", spec["primary"][0]) not in spec["primary"] else None))


def convention(code: str, spec: dict) -> Convention:
    """A language's entry of the pack (checked by its declared section) as a ``Convention``."""
    primary = tuple(spec["primary"])
    space = spec.get("space")
    spaces = spec.get("spaces", [space] if space else [])
    script = spec.get("script")
    return Convention(code=code, name=str(spec.get("name", code)), primary=primary, nested=tuple(spec.get("nested", [])),
                      also=tuple(spec.get("also", [])), preferred=spec.get("preferred", primary[0]), space=space,
                      spaces=frozenset(spaces) | ({space} if space else set()),
                      script=compile_pattern(script, f"{PACK}: languages.{code}.script") if script is not None else None)


def check(post: Post) -> Iterator[Diagnostic]:
    """QUO002, QUO003, QUO004 and QUO006 on the quotations the scan found."""
    convention = post.convention
    if convention is not None:
        own = _in_own_script(post, convention)
        wrong = [q for q in own if not convention.accepts(q)]
        if wrong:
            yield _wrong_style(post, wrong, convention)
        mixed_candidates = [q for q in own if q.depth == 0 and q.style in convention.primary]
        if convention.space is not None:
            yield from _guillemet_spaces(post, convention)
    else:
        mixed_candidates = [q for q in post.quotations if q.depth == 0]
    mixed = _mixed_styles(post, mixed_candidates)
    if mixed:
        yield mixed


def _in_own_script(post: Post, convention: Convention) -> list[Quotation]:
    """The quotations with a letter of the language's script: the others quote foreign text."""
    if convention.script is None:
        return post.quotations
    # Searched in each quotation: a post in its own script has thousands of letters.
    search, prose = convention.script.search, post.prose
    return [quotation for quotation in post.quotations if search(prose, quotation.open, quotation.close)]


# -- QUO002 ----------------------------------------------------------------------------------


def _wrong_style(post: Post, wrong: list[Quotation], convention: Convention) -> Diagnostic:
    text = post.text
    edits = []
    for quotation in wrong:
        if quotation.fixable:
            edits.extend(_restyle(text, quotation, convention.preferred_for(quotation.depth), convention))
    first = wrong[0]
    styles = Counter(q.style for q in wrong)
    used = ", ".join(f"{show(style)} ×{count}" for style, count in styles.most_common())
    accepted = " or ".join(show(style) for style in convention.primary)
    lines = sorted({post.line(q.open) for q in wrong})
    where = ", ".join(map(str, lines[:6])) + ("…" if len(lines) > 6 else "")
    message = (f"{convention.name} quotes with {accepted} (language {convention.code}, {post.source}); "
               f"this post uses {used} (lines {where})")
    return post.diagnostic("QUO002", first.open, first.open + 1, message, Fix(tuple(edits)) if edits else None)


def _restyle(text: str, quotation: Quotation, style: str, convention: Convention) -> list[Edit]:
    """Edits that give a quotation the marks of ``style`` (with the spaces inside, in French)."""
    opener, closer = style[0], style[1]
    if style == "«»" and convention.space:
        start, end = quotation.open, quotation.open + 1
        if char_at(text, end).isspace():
            end += 1
        close_start, close_end = quotation.close, quotation.close + 1
        if char_at(text, close_start - 1).isspace() and close_start - 1 >= end:
            close_start -= 1
        return [Edit(start, end, opener + convention.space), Edit(close_start, close_end, convention.space + closer)]
    return [Edit(quotation.open, quotation.open + 1, opener), Edit(quotation.close, quotation.close + 1, closer)]


# -- QUO003, QUO004 --------------------------------------------------------------------------


def _guillemet_spaces(post: Post, convention: Convention) -> Iterator[Diagnostic]:
    text = post.text
    breaking: list[int] = []
    glued = f"no space inside « » ({convention.name} puts {_space_name(convention.space)} after « and before »)"
    for quotation in post.quotations:
        if quotation.style != "«»" or quotation.close - quotation.open < 2:
            continue
        after_open, before_close = quotation.open + 1, quotation.close - 1
        if after_open == before_close and text[after_open].isspace():
            continue  # « »: nothing quoted
        missing = [at for at, inside in ((after_open, after_open), (quotation.close, before_close))
                   if not text[inside].isspace()]
        if missing:
            fix = Fix(tuple(Edit(at, at, convention.space) for at in missing))
            yield post.diagnostic("QUO003", quotation.open, post.end_on_line(quotation), glued, fix)
        breaking.extend(at for at in (after_open, before_close)
                        if text[at] not in convention.spaces and text[at] in " \t\u2009\u2002\u2003")
    if breaking:
        fix = Fix(tuple(Edit(at, at + 1, convention.space) for at in breaking))
        yield post.diagnostic("QUO004", breaking[0], breaking[0] + 1,
                              f"{len(breaking)} normal space(s) inside « » in this post; {convention.name} uses "
                              f"{_space_name(convention.space)} so that a line never breaks there", fix)


def _space_name(space: str) -> str:
    return {"\u00a0": "a non-breaking space (U+00A0)", "\u202f": "a narrow non-breaking space (U+202F)"}.get(
        space, f"U+{ord(space):04X}")


# -- QUO006 ----------------------------------------------------------------------------------


def _mixed_styles(post: Post, quotations: list[Quotation]) -> Diagnostic | None:
    styles = Counter(q.style for q in quotations)
    if len(styles) < 2:
        return None
    (main, main_count), *others = styles.most_common()
    minority = others[-1][0]
    first = next(q for q in quotations if q.style == minority)
    counts = ", ".join(f"{show(style)} ×{count}" for style, count in others)
    return post.diagnostic("QUO006", first.open, first.open + 1,
                           f"this post quotes with {show(main)} ×{main_count} and also {counts}; "
                           f"use one style throughout")
