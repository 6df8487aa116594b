"""The assistant's voice: the ``assistant-voice`` section (per language, the constructions of a
chat assistant's speech acts, whose ``{slots}`` name word lists) composed into phrase lists, one
for each set of acts a rule group searches the same way."""
from __future__ import annotations

import regex

from ..packs.sections import ListOf, MappingOf, Record, Scalar, Text
from ..patterns.phrases import Phrase, PhraseList, compose
from ..patterns.search import compile_pattern, is_trusted, trust_composed
from ..patterns.syntax import UnsureSource, group_end, top_level_alternatives
from .group import place

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from typing import Any

# The speech acts, as the pack names them (see the comment above `assistant-voice`)
SENTENCE_ACTS = ("offer-help", "speak-as-ai", "acknowledge-request")  # HAL201 wherever they are said
WEAK_ACTS = ("invite-questions", "hope-helped", "hand-over")  # HAL201 when the assistant is heard otherwise too
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
    with the ``plain`` patterns of a section of plain per-language patterns added. A language of
    built-in constructions only is composed when a post of it is first searched."""
    by_language: dict[str | None, list[str]] = {}
    deferred: dict[str, dict] = {}
    for language, entry in voice.items():
        if _built_in(entry, acts):
            deferred[language], by_language[language] = entry, []
        else:
            by_language[language] = _constructions(language, entry, acts, flags)
    if isinstance(plain, dict):
        for language, sources in plain.items():
            by_language.setdefault(language, []).extend(sources)
    elif plain:
        by_language.setdefault(None, []).extend(plain)
    return VoicePhrases(by_language, place("assistant-voice"), flags, deferred, acts)


class VoicePhrases(PhraseList):
    """A phrase list whose built-in languages are composed when first selected: a one-post run
    (the pre-commit case) pays for its own languages, not for 22."""

    def __init__(self, by_language: dict, place: str, flags: int, deferred: dict[str, dict], acts: tuple[str, ...]):
        super().__init__(by_language, place, flags)
        self._deferred, self._acts = deferred, acts

    def entries(self, language: str | None) -> list[Phrase]:
        entry = self._deferred.pop(language, None) if language is not None else None
        if language is not None and entry is not None:
            where, plain = self.sources[language]
            self.sources[language] = (where, _constructions(language, entry, self._acts, self.flags) + plain)
        return super().entries(language)


def _built_in(entry: dict, acts: tuple[str, ...]) -> bool:
    """Whether a language's constructions of ``acts`` and its words are all the built-in pack's."""
    words = [word for choices in (entry.get("words") or {}).values() for word in choices]
    return all(map(is_trusted, [phrase for act in acts for phrase in entry.get(act) or ()] + words))


def _constructions(language: str, entry: dict, acts: tuple[str, ...], flags: int) -> list[str]:
    """A language's constructions of ``acts``, composed: the patterns to search."""
    words, unspaced = entry.get("words") or {}, entry.get("unspaced", False)
    patterns: list[str] = []
    for act in acts:
        where = place(f"assistant-voice.{language}") + f".{act}"
        for index, phrase in enumerate(entry.get(act) or ()):
            source = compose(phrase, words, f"{where}[{index}]", unspaced)
            choices = leading_choices(source)
            if is_trusted(source):
                for pattern in choices:
                    trust_composed(pattern)
            else:
                compile_pattern(source, f"{where}[{index}]", flags)
            patterns.extend(choices)
    return patterns


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
