"""Chat leftovers (HAL201, HAL202): a chat assistant's words to its user, left in the post, and
lines that open like its reply. A published transcript, a quotation, a mention in emphasis and a
human author's sign-off are not leftovers."""
from __future__ import annotations

import regex

from ..packs.sections import ListOf, PerLanguage, Section, Text, every_language
from ..patterns.sections import PATTERNS
from .group import RuleGroup, lazy, phrases
from .post import quoted, sentence

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from collections.abc import Iterator
    from typing import Any

    from ..diagnostics import Diagnostic
    from .post import Post

_EMPHASIS = regex.compile(r"(?<![\w*_])(\*{1,2}|_{1,2})(?=\S)(?:.+?)(?<=\S)\1(?![\w*_])")
_LETTER = regex.compile(r"\p{L}")
_LINE_MARKUP = " \t>*_-+0123456789.)"  # quote, emphasis and list markers before a line's text
_SPEAKER_MARKUP = " \t*_"  # what may surround a speaker's name in a transcript (`**ChatGPT:**`)


class Leftovers(RuleGroup):
    sections = (
        Section("chatbot-leftovers", PerLanguage(PATTERNS)), Section("human-sign-off-markers", PerLanguage(PATTERNS)),
        Section("transcript-speakers", ListOf(Text()), per_language=True),
        Section("chatbot-openings", PerLanguage(PATTERNS)),
    )
    ungated = ("sign_off",)  # asked of single sentences, and full of short common words

    def setup(self, data: dict) -> None:
        self.leftover = phrases(data["chatbot-leftovers"], "chatbot-leftovers", regex.I)
        self.sign_off = phrases(data["human-sign-off-markers"], "human-sign-off-markers", regex.I)
        speakers = every_language(data["transcript-speakers"])
        self.speaker_starts = tuple(speaker.lstrip(_SPEAKER_MARKUP) for speaker in speakers)
        self.transcript = lazy(rf"^[{_SPEAKER_MARKUP}]*(?:{'|'.join(map(regex.escape, speakers))})[{_SPEAKER_MARKUP}]*[:：]",
                               "transcript-speakers", regex.M, trusted=True)  # escaped names always compile
        self.opening = phrases(data["chatbot-openings"], "chatbot-openings", regex.I)

    def check(self, post: Post) -> Iterator[Diagnostic]:
        if self._is_transcript(post.prose):
            return
        yield from self._check_leftovers(post)
        yield from self._check_openings(post)

    def _is_transcript(self, prose: str) -> bool:
        """A published chat: lines that start with an assistant's name and a colon."""
        # Only a line with a colon after a speaker's name, and nothing but markup before the
        # name, can match: searching the whole prose for a pattern that starts with `^` tries
        # every position of a long post, and a post has fewer colons than names to look for.
        for colon in ":：":
            position = prose.find(colon)
            while position >= 0:
                line_start = prose.rfind("\n", 0, position) + 1
                if prose[line_start:position].lstrip(_SPEAKER_MARKUP).startswith(self.speaker_starts):
                    line_end = prose.find("\n", position)
                    line = prose[line_start:len(prose) if line_end < 0 else line_end]
                    if next(self.search(self.transcript.compiled, line, "HAL201"), None):
                        return True
                position = prose.find(colon, position + 1)
        return False

    def _check_leftovers(self, post: Post) -> Iterator[Diagnostic]:
        """Searched in ``post.spoken``, where ``_emphasis_`` underscores do not hide a ``\\b``."""
        document, prose, spoken, wanted = post.document, post.prose, post.spoken, post.wanted
        reported = set()
        for match in self.scan(self.leftover, spoken, "HAL201", wanted):
            start, end = sentence(spoken, match.start(), match.end())
            if (start in reported or quoted(document, prose[start:match.start()], match.start())
                    or _emphasized_mention(prose, start, end, match)
                    or self.first(self.sign_off, prose[start:end], "HAL201", wanted)):
                continue
            reported.add(start)
            yield self.diagnostic(document, "HAL201", start, end,
                                  f"chatbot leftover addressed to its user: {match.group()!r}")

    def _check_openings(self, post: Post) -> Iterator[Diagnostic]:
        prose = post.spoken
        for match in self.scan(self.opening, prose, "HAL202", post.wanted):
            line_start = prose.rfind("\n", 0, match.start()) + 1
            if prose[line_start:match.start()].strip(_LINE_MARKUP) or quoted(post.document, "", match.start()):
                continue  # not at the start of a line, or quoted
            yield self.diagnostic(post.document, "HAL202", match.start(), match.end(),
                                  f"line opens like a chatbot's reply: {match.group()!r}")


def _emphasized_mention(prose: str, start: int, end: int, match: Any) -> bool:
    """Whether the match is set in emphasis within a sentence (``prose[start:end]``) that goes on
    outside it (`the closing line, *Let me know if you'd like more*, gives it away`): a phrase
    talked about, not said. A sentence emphasized whole is still the assistant's."""
    for emphasis in _EMPHASIS.finditer(prose, start, end):
        if emphasis.start() <= match.start() and match.end() <= emphasis.end():
            return bool(_LETTER.search(prose[start:emphasis.start()]) or _LETTER.search(prose[emphasis.end():end]))
    return False
