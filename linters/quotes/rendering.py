"""What the reader sees: whether and how a site's renderer turns straight double quotes into
curly ones, and so the marks a straight quotation reaches the reader with.

Two families of renderers place the curly marks differently (``renderers`` in the pack says which
generator uses which): ``smartypants`` (kramdown in Jekyll, Python-Markdown's smarty,
retext-smartypants) closes a quote glued to the character before it, so ``的"机器人"`` is read
``的”机器人”``; ``flanking`` (Goldmark's typographer in Hugo, markdown-it's) decides as CommonMark
decides for emphasis, and leaves a quote glued on both sides straight.
"""
from __future__ import annotations

from collections import namedtuple

from ..packs.sections import MappingOf, Text, Where
from .records import STRAIGHT, Quotation

SMARTYPANTS, FLANKING = "smartypants", "flanking"
FAMILIES = (SMARTYPANTS, FLANKING)
CURLY = "“”"
# Before a straight quote, what is not read with it by a SmartyPants renderer: the start of the
# text, an escaping backslash, and Markdown delimiters, which end or start another span.
_RUN_STARTS = frozenset("\\*_`>|~") | {""}
_ASCII_PUNCTUATION = frozenset('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')


RENDERERS = MappingOf(Text("smartypants or flanking", lambda value: value in FAMILIES), wanted="a mapping of generators")


class Renderer(namedtuple("Renderer", "family pair")):
    """A renderer that makes straight double quotes curly: its ``family`` and the ``pair`` of
    marks it writes (“” unless the configuration names another, as Hugo's typographer allows)."""

    __slots__ = ()

    def seen(self, text: str, quotation: Quotation) -> str:
        """The marks a straight quotation reaches the reader with: two characters, a straight
        one where the renderer leaves the mark alone."""
        opening, closing = self.pair[0], self.pair[1]
        if self.family == SMARTYPANTS:
            return ((opening if _smartypants(text, quotation.open) else closing)
                    + (opening if _smartypants(text, quotation.close) else closing))
        # Goldmark and markdown-it close only a quotation they opened.
        if _flanking(text, quotation.open) is not True:
            return '""'
        role = _flanking(text, quotation.close)
        if _closes_flanking(text, quotation.close, role):
            return opening + closing
        return opening + (opening if role is True else '"')


def check_setting(value, label: str) -> None:
    """Raise a clear error for a malformed ``smart-quotes`` setting."""
    problem = _setting_problem(value)
    if problem is not None:
        raise Where.labelled(label).error(problem)


def _setting_problem(value) -> str | None:
    if isinstance(value, dict):
        for language, item in value.items():
            if not isinstance(language, str) or isinstance(item, dict) or _setting_problem(item):
                return f"entry {language!r} must be true, false or a two-character style, not {item!r}"
        return None
    if isinstance(value, bool) or (isinstance(value, str) and len(value) == 2 and '"' not in value):
        return None
    return f"must be true, false, a two-character style or a mapping of language codes to those, not {value!r}"


def renderer_for(setting, language: str | None, primary: str | None, family: str) -> Renderer | None:
    """The renderer of a post in ``language`` under a ``smart-quotes`` setting (None: the reader
    sees straight quotes)."""
    if isinstance(setting, dict):
        for key in (language, primary, "default"):
            if key is not None and key in setting:
                setting = setting[key]
                break
        else:
            return None
    if setting is True:
        return Renderer(family, CURLY)
    if isinstance(setting, str):
        return Renderer(family, setting)
    return None


def seen_style(text: str, quotation: Quotation, renderer: Renderer | None) -> str:
    """The style the reader sees: the quotation's own, or what the renderer makes of straight
    marks (both, or one beside a curly one)."""
    if '"' not in quotation.style or renderer is None:
        return quotation.style
    if quotation.style == STRAIGHT:
        return renderer.seen(text, quotation)
    rendered = renderer.seen(text, quotation)  # as if both were straight: keep the curly one as typed
    return "".join(typed if typed != '"' else made for typed, made in zip(quotation.style, rendered))


# -- the two families ------------------------------------------------------------------------


def _char(text: str, offset: int) -> str:
    return text[offset] if 0 <= offset < len(text) else ""


def _smartypants(text: str, offset: int) -> bool:
    """Whether a SmartyPants renderer makes the straight quote at ``offset`` an opening mark.

    kramdown's rules: a quote is read with the character before it when that character is in the
    same run of text; then it opens after a space or one of [ { ( -, and closes after anything
    else. A quote that starts a run (a paragraph, emphasis, a table cell) opens unless emphasis
    does not follow it and punctuation or a space does.
    """
    before = _char(text, offset - 1)
    if before not in _RUN_STARTS:
        return before.isspace() or before in "[{(-"
    after = _char(text, offset + 1)
    if after in ("*", "_") and not _char(text, offset + 2 + (_char(text, offset + 2) == after)).isspace():
        return True  # before emphasis: "**word**"
    if after in _ASCII_PUNCTUATION and text[offset + 2:offset + 4] != ".." and not _is_word(_char(text, offset + 2)):
        return False
    return not (after == "" or after.isspace())


def _flanking(text: str, offset: int) -> bool | None:
    """Whether the quote at ``offset`` can only open (True), only close (False), or both or
    neither (None), as CommonMark's flanking delimiter runs say."""
    before, after = _char(text, offset - 1), _char(text, offset + 1)
    before_blank, after_blank = before == "" or before.isspace(), after == "" or after.isspace()
    before_punct, after_punct = _is_punctuation(before), _is_punctuation(after)
    can_open = not after_blank and (not after_punct or before_blank or before_punct)
    can_close = not before_blank and (not before_punct or after_blank or after_punct)
    if can_open == can_close:
        return None
    return can_open


def _closes_flanking(text: str, offset: int, role: bool | None) -> bool:
    """Whether Goldmark's typographer makes the quote at ``offset`` (its ``_flanking`` role)
    close an open quotation: it can only close, or it can do both and punctuation follows it,
    then punctuation or a space."""
    if role is False:
        return True
    if role is True or not _is_punctuation(_char(text, offset + 1)):
        return False
    following = _char(text, offset + 2)
    return following == "" or following.isspace() or _is_punctuation(following)


def _is_word(char: str) -> bool:
    return char != "" and (char.isalnum() or char == "_")


def _is_punctuation(char: str) -> bool:
    return char != "" and not char.isalnum() and not char.isspace()

