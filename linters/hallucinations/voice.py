"""The assistant's voice: the ``assistant-voice`` section (per language, the constructions of a
chat assistant's speech acts, whose ``{slots}`` name word lists) composed into phrase lists, one
for each set of acts a rule group searches the same way."""
from __future__ import annotations

import regex

from ..packs.sections import ListOf, MappingOf, Record, Scalar, Text
from ..patterns.phrases import PhraseList, compose
from ..patterns.search import compile_pattern, is_trusted, trust_composed
from ..patterns.syntax import UnsureSource, group_end, top_level_alternatives
from .group import place

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from typing import Any

# The speech acts, as the pack names them (see the comment above `assistant-voice`)
SENTENCE_ACTS = ("offer-help", "speak-as-ai", "acknowledge-request")  # HAL201 wherever they are said
WEAK_ACTS = ("invite-questions", "hope-helped")  # HAL201 when the assistant is heard otherwise too
OPENING_ACTS = ("open-answer",)  # HAL202 at the start of a line
REPLY_ACTS = ("answer-a-person",)  # HAL202 in the post's first paragraph
TRANSLATION_ACTS = ("introduce-translation",)  # HAL405
ACTS = SENTENCE_ACTS + WEAK_ACTS + OPENING_ACTS + REPLY_ACTS + TRANSLATION_ACTS
_MAX_CHOICES = 24  # a leading group of more alternatives is searched whole

_CONSTRUCTIONS = ListOf(Text("a non-empty pattern"))
LANGUAGE = Record({"words": MappingOf(ListOf(Text(), minimum=1)), "unspaced": Scalar((bool,), "true or false"),
                   **{act: _CONSTRUCTIONS for act in ACTS}})
VOICE = MappingOf(LANGUAGE, wanted="a mapping of language codes to speech acts")


def phrase_list(voice: dict, acts: tuple[str, ...], plain: Any = None, flags: int = regex.I | regex.M) -> PhraseList:
    """The constructions of ``acts`` in every language of ``voice``, composed (and, when a user's
    pack added to them, compiled now, so that a mistake is reported at once, naming its place),
    with the ``plain`` patterns of a section of plain per-language patterns added."""
    by_language: dict[str | None, list[str]] = {}
    for language, entry in voice.items():
        words, unspaced = entry.get("words") or {}, entry.get("unspaced", False)
        for act in acts:
            where = place(f"assistant-voice.{language}") + f".{act}"
            for index, phrase in enumerate(entry.get(act) or ()):
                source = compose(phrase, words, f"{where}[{index}]", unspaced)
                patterns = leading_choices(source)
                if is_trusted(source):
                    for pattern in patterns:
                        trust_composed(pattern)
                else:
                    compile_pattern(source, f"{where}[{index}]", flags)
                by_language.setdefault(language, []).extend(patterns)
    if isinstance(plain, dict):
        for language, sources in plain.items():
            by_language.setdefault(language, []).extend(sources)
    elif plain:
        by_language.setdefault(None, []).extend(plain)
    return PhraseList(by_language, place("assistant-voice"), flags)


def leading_choices(source: str) -> list[str]:
    """``source`` as one pattern per alternative of the group it starts with (after a lookbehind
    and ``\\b``): `regex` finds a pattern that starts with a literal by skipping ahead to it,
    but tries one that starts with an alternation at every position of the post, some ten
    times slower. The patterns match what the one did, in the same sentences. A source that
    this reading is not sure of, or whose choices would be many, stays whole."""
    if not source.startswith(("(?:", "\\b(?:", "(?<=")):
        return [source]  # the usual case, read without parsing
    try:
        prefix_end = group_end(source, 0) if source.startswith("(?<=") else 0
        prefix_end += source.startswith("\\b", prefix_end) * 2
        if not source.startswith("(?:", prefix_end):
            return [source]
        end = group_end(source, prefix_end)
        choices = top_level_alternatives(source[prefix_end + 3:end - 1])
        optional = source.startswith("?", end) and not source.startswith("??", end)
        if optional:
            choices.append("")
            end += 1
        elif source[end:end + 1] in ("*", "+", "{", "?"):
            return [source]
    except UnsureSource:
        return [source]
    if len(choices) > _MAX_CHOICES:
        return [source]
    prefix, rest = source[:prefix_end], source[end:]
    return [expanded for choice in choices for expanded in leading_choices(prefix + choice + rest)]
