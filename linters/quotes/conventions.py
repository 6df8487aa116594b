"""Conventions: the quote style of the post's language, judged on what the reader sees (QUO002),
straight quotes a renderer turns the wrong way round (QUO007), French guillemet spacing (QUO003,
QUO004), and one style throughout (QUO006). Each wrong quotation is its own finding.

Each language's conventions are data in ``rules/quotes.yaml``; a quotation in another script
than the language's (English inside a Japanese post) is foreign text and keeps its marks.
"""
from __future__ import annotations

from collections import Counter

from ..diagnostics import Edit, Fix
from ..packs.sections import ListOf, Maybe, Record, Text
from ..patterns.phrases import lazy_pattern
from ..patterns.sections import PATTERN
from .pairing import char_at
from .records import STRAIGHT, Convention, Post, Quotation, show
from .rendering import CURLY, FAMILIES, Renderer, seen_style

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic

PACK = "rules/quotes.yaml"
_SINGLES = frozenset(("‘’", "‚‘", "›‹", "‹›", "’’"))
_CURLY_RENDERERS = tuple(Renderer(family, CURLY) for family in FAMILIES)  # one of each family, as most sites
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
                      script=lazy_pattern(script, f"{PACK}: languages.{code}.script") if script is not None else None)


def check(post: Post) -> Iterator[Diagnostic]:
    """QUO002, QUO003, QUO004, QUO006 and QUO007 on the quotations the scan found."""
    convention = post.convention
    seen = _seen_styles(post)
    if convention is not None:
        own = _in_own_script(post, convention)
        foreign: dict[int, bool] = {}  # by paragraph: one of many quotations is read once
        for quotation in post.quotations:
            style = seen[quotation]
            if convention.accepts(style, quotation.depth):
                continue
            # read once: whether some renderer makes them right, and, if not, the finding's message
            made = _renderings(post, quotation) if post.unsure and quotation.style == STRAIGHT else None
            if made is not None and _may_be_right(made, quotation, convention):
                continue
            if _glued(post, quotation, style):
                yield _glued_quote(post, quotation, style, convention)
            elif quotation in own and not _in_foreign_paragraph(post, quotation, convention, foreign):
                yield _wrong_style(post, quotation, style, convention, made)
        mixed_candidates = [q for q in post.quotations if q in own and q.depth == 0 and seen[q] in convention.primary]
        if convention.space is not None:
            yield from _guillemet_spaces(post, convention)
    else:
        mixed_candidates = [q for q in post.quotations if q.depth == 0]
    # Single quotes mark a word or a quotation inside another, not a second style of quoting; straight
    # quotes that may be made curly are no style of their own.
    yield from _mixed_styles(post, [q for q in mixed_candidates if seen[q] not in _SINGLES
                                    and not (post.unsure and q.style == STRAIGHT)], seen)


def _may_be_right(made: dict[str, None], quotation: Quotation, convention: Convention) -> bool:
    """Whether straight quotes are right as some renderer makes them (``made``: their
    ``_renderings``), where nothing says whether the renderer makes them curly (no setting, no
    known generator): then they are not reported. No renderer makes “…” of a quote glued to the
    text before it (的"机器人")."""
    return any(convention.accepts(style, quotation.depth) for style in made)


def _renderings(post: Post, quotation: Quotation) -> dict[str, None]:
    """What each family of renderers makes of a straight quotation, in order, once each."""
    text = post.text
    return dict.fromkeys([renderer.seen(text, quotation) for renderer in _CURLY_RENDERERS])


def _seen_styles(post: Post) -> dict[Quotation, str]:
    """The style the reader sees of each quotation."""
    renderer, text = post.renderer, post.text
    if renderer is None:
        return {quotation: quotation.style for quotation in post.quotations}
    return {quotation: seen_style(text, quotation, renderer) for quotation in post.quotations}


def _in_own_script(post: Post, convention: Convention) -> set[Quotation]:
    """The quotations with a letter of the language's script: the others quote foreign text."""
    if convention.script is None:
        return set(post.quotations)
    # Searched in each quotation: a post in its own script has thousands of letters.
    search, prose = convention.script.compiled.search, post.prose
    return {quotation for quotation in post.quotations if search(prose, quotation.open, quotation.close)}


def _in_foreign_paragraph(post: Post, quotation: Quotation, convention: Convention, known: dict[int, bool]) -> bool:
    """Whether the quotation is in a paragraph written in another language, one the function
    words of the Latin script tell (an English prompt quoted in a Czech post, an English paragraph
    of a post guessed to be Chinese, keep their English quotes); ``known``: the answers so far, by
    paragraph."""
    start, end = quotation.paragraph
    if start not in known:
        sample = post.prose[start:end]
        if convention.script is None:
            language = post.linter.function_words.language_of(sample)
            known[start] = language is not None and language != convention.code.split("-")[0]
        else:  # a paragraph of Latin text in a post of another script: any Latin language will do
            letters = sum(map(str.isalpha, sample[:300]))
            own = len(convention.script.compiled.findall(sample[:300]))
            known[start] = own < 0.3 * letters and post.linter.function_words.language_of(sample, 1) is not None
    return known[start]


def _named(post: Post, style: str) -> str:
    """A style as the reader sees it, named: “…” (English quotes)."""
    name = post.linter.style_names.get(style)
    return f"{show(style)} ({name})" if name else show(style)


def _expected(convention: Convention, depth: int) -> str:
    shown = [("« … »" if style == "«»" and convention.space else show(style)) for style in convention.expected(depth)]
    where = "" if depth == 0 else " inside a quotation"
    return f"{convention.name} uses {' or '.join(shown)}{where}"


def _fix(post: Post, quotation: Quotation, convention: Convention) -> Fix | None:
    if not quotation.fixable:
        return None
    return Fix(tuple(_restyle(post.text, quotation, convention.preferred_for(quotation.depth), convention)))


# -- QUO002 ----------------------------------------------------------------------------------


def _wrong_style(post: Post, quotation: Quotation, style: str, convention: Convention,
                 renderings: dict[str, None] | None) -> Diagnostic:
    """``renderings``: what the renderers make of straight quotes, when unsure whether they do."""
    seen = _named(post, style)
    if post.renderer is not None and quotation.style == STRAIGHT and style == STRAIGHT:
        seen += ": the renderer leaves a quote glued to the text on both sides as it is"
    elif renderings is not None:
        curly = " or ".join(_named(post, made) if made == CURLY else show(made)
                            for made in renderings if made != STRAIGHT)
        if curly:
            seen += f", or {curly} if the site's renderer makes them curly"
    message = (f"the reader sees {seen}; {_expected(convention, quotation.depth)} "
               f"(language {convention.code}, {post.source})")
    return post.diagnostic("QUO002", quotation.open, post.end_on_line(quotation), message,
                           _fix(post, quotation, convention))


# -- QUO007 ----------------------------------------------------------------------------------


def _glued(post: Post, quotation: Quotation, style: str) -> bool:
    """Whether the renderer turned the opening straight quote of a quotation into a closing mark
    (a SmartyPants renderer does so to a quote glued to the character before it)."""
    renderer = post.renderer
    return (renderer is not None and quotation.style == STRAIGHT and renderer.pair[0] != renderer.pair[1]
            and style[0] == renderer.pair[1])


def _glued_quote(post: Post, quotation: Quotation, style: str, convention: Convention) -> Diagnostic:
    before = char_at(post.text, quotation.open - 1)
    message = (f'this opening " is glued to {before}: the renderer makes it a closing {style[0]}, so the reader '
               f"sees {show(style)}; {_expected(convention, quotation.depth)}")
    return post.diagnostic("QUO007", quotation.open, post.end_on_line(quotation), message,
                           _fix(post, quotation, convention))


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
    space = _space_name(convention.space)
    glued = f"no space inside « » ({convention.name} puts {space} after « and before »)"
    breaking = (f"a normal space inside « »; {convention.name} uses {space} so that a line never "
                f"breaks there")
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
        spaces = [at for at in dict.fromkeys((after_open, before_close))
                  if text[at] not in convention.spaces and text[at] in " \t\u2009\u2002\u2003"]
        if spaces:
            fix = Fix(tuple(Edit(at, at + 1, convention.space) for at in spaces))
            yield post.diagnostic("QUO004", spaces[0], spaces[0] + 1, breaking, fix)


def _space_name(space: str) -> str:
    return {"\u00a0": "a non-breaking space (U+00A0)", "\u202f": "a narrow non-breaking space (U+202F)"}.get(
        space, f"U+{ord(space):04X}")


# -- QUO006 ----------------------------------------------------------------------------------


def _mixed_styles(post: Post, quotations: list[Quotation], seen: dict[Quotation, str]) -> Iterator[Diagnostic]:
    styles = Counter(seen[q] for q in quotations)
    if len(styles) < 2:
        return
    main, main_count = styles.most_common(1)[0]
    for quotation in quotations:
        style = seen[quotation]
        if style != main:
            yield post.diagnostic(
                "QUO006", quotation.open, quotation.open + 1,
                f"this quotation reads {show(style)} where the post quotes with {show(main)} ×{main_count} "
                f"({show(style)} ×{styles[style]}); use one style throughout")
