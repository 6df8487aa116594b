"""Chat leftovers (HAL201, HAL202): a chat assistant's words to its user, left in the post, and
lines that open like its reply, recognised as the constructions of its speech acts (see
``voice``). A published transcript, a quotation, an exhibit of an assistant's output, a mention
in emphasis and a human author's sign-off are not leftovers."""
from __future__ import annotations

from bisect import bisect_right

import regex

from ..packs.sections import PerLanguage, Section
from ..patterns.deferred import deferred
from ..patterns.phrases import PhraseList
from ..patterns.sections import PATTERNS
from .group import RuleGroup, phrases, place
from .post import quoted, sentence
from .voice import OPENING_ACTS, REPLY_ACTS, SENTENCE_ACTS, TRANSLATION_ACTS, VOICE, phrase_list

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from collections.abc import Iterator
    from typing import Any

    from ..diagnostics import Diagnostic
    from .post import Post

_EMPHASIS = regex.compile(r"(?<![\w*_])(\*{1,2}|_{1,2})(?=\S)(?:.+?)(?<=\S)\1(?![\w*_])")
_LETTER = deferred(r"\p{L}", compile=regex.compile)
_LINE_MARKUP = " \t>*_-+0123456789.)¡¿"  # quote, emphasis and list markers before a line's text
_COLONS = ":："


class Leftovers(RuleGroup):
    sections = (
        Section("assistant-voice", VOICE),
        Section("chatbot-leftovers", PerLanguage(PATTERNS)), Section("human-sign-off-markers", PerLanguage(PATTERNS)),
        Section("exhibit-introductions", PATTERNS),
        Section("chatbot-openings", PerLanguage(PATTERNS)),
    )
    ungated = ("sign_off", "exhibit", "translation")  # asked of single sentences and lines

    def setup(self, data: dict) -> None:
        voice = data["assistant-voice"]
        self.leftover = phrase_list(voice, SENTENCE_ACTS, data["chatbot-leftovers"])
        self.invitation = phrase_list(voice, ("invite-questions",))
        self.hope = phrase_list(voice, ("hope-helped",))
        self.hand_over = phrase_list(voice, ("hand-over",))
        self.opening = phrase_list(voice, OPENING_ACTS, data["chatbot-openings"])
        self.reply = phrase_list(voice, REPLY_ACTS)
        self.translation = phrase_list(voice, TRANSLATION_ACTS)  # a preamble is HAL405's, not an opening
        self.sign_off = phrases(data["human-sign-off-markers"], "human-sign-off-markers", regex.I)
        self.exhibit = PhraseList(data["exhibit-introductions"], place("exhibit-introductions"), regex.I)

    def check(self, post: Post) -> Iterator[Diagnostic]:
        if post.transcript:
            return
        said = [*self._sentences(post, self.leftover, "HAL201"), *self._openings(post), *self._reply(post)]
        # human authors hope it helped, invite questions and say the code is theirs to adapt
        # too: alone, these need the assistant heard otherwise in the post, or two of them said
        # in one paragraph
        weak_acts = [list(self._sentences(post, self.hope, "HAL201"))]
        if said or weak_acts[0]:
            weak_acts += [list(self._sentences(post, patterns, "HAL201")) for patterns in (self.invitation, self.hand_over)]
        weak = [found for act in weak_acts for found in act] if said else _paired(post.document, weak_acts)
        reported = set()
        for code, start, end, message in sorted(said + weak, key=lambda found: found[1]):
            if (code, start) not in reported:
                reported.add((code, start))
                yield self.diagnostic(post.document, code, start, end, message)

    def _sentences(self, post: Post, patterns: PhraseList, code: str) -> Iterator[tuple[str, int, int, str]]:
        """(code, start, end, message) of each sentence holding a construction of ``patterns``
        that the assistant said: not quoted, not an exhibit, not a mention, not a sign-off."""
        document, prose, spoken, wanted = post.document, post.prose, post.spoken, post.wanted
        for match in self.scan(patterns, spoken, code, post):
            start, end = sentence(spoken, match.start(), match.end())
            # a quotation may hold sentences before it: it is read from its line's (or table cell's) start
            cell_start = max(spoken.rfind("\n", 0, match.start()), spoken.rfind("|", 0, match.start())) + 1
            if (quoted(document, spoken[cell_start:match.start()], match.start())
                    or _emphasized_mention(prose, start, end, match)
                    or self.first(self.sign_off, spoken[start:end], code, wanted)
                    or self._in_exhibit(spoken, start)):
                continue
            yield code, start, end, f"chatbot leftover addressed to its user: {match.group()!r}"

    def _openings(self, post: Post) -> Iterator[tuple[str, int, int, str]]:
        spoken = post.spoken
        for match in self.scan(self.opening, spoken, "HAL202", post):
            line_start = spoken.rfind("\n", 0, match.start()) + 1
            line_end = spoken.find("\n", match.end())
            if (spoken[line_start:match.start()].strip(_LINE_MARKUP) or quoted(post.document, "", match.start())
                    or self._in_exhibit(spoken, match.start())
                    or self.first(self.translation, spoken[line_start:len(spoken) if line_end < 0 else line_end], "HAL202")):
                continue  # not at the start of a line, quoted, shown as an assistant's output, or a translator's
            yield "HAL202", match.start(), match.end(), f"line opens like a chatbot's reply: {match.group()!r}"

    def _reply(self, post: Post) -> Iterator[tuple[str, int, int, str]]:
        """Constructions that answer a person who asked, in the post's first paragraph."""
        first = next((block for block in post.document.blocks if block.kind != "heading"), None)
        if first is None or first.kind not in ("paragraph", "list_item"):
            return
        spoken = post.spoken
        for match in self.scan(self.reply, spoken, "HAL202", post, end=first.end):
            if match.start() >= first.start and not quoted(post.document, spoken[first.start:match.start()], match.start()):
                start, end = sentence(spoken, match.start(), match.end())
                yield "HAL202", start, end, f"the post opens by answering a person who asked: {match.group()!r}"

    def _in_exhibit(self, spoken: str, offset: int) -> bool:
        """Whether a line above ``offset``, with no heading between, introduces an assistant's
        output ("ChatGPT answered:"): what follows is shown as an exhibit, not left over."""
        heading = spoken.rfind("\n#", 0, offset)
        section = spoken[heading + 1 if heading >= 0 else 0:spoken.rfind("\n", 0, offset) + 1]
        return any(self.first(self.exhibit, line, "HAL201") for line in _introductions(section))


def _introductions(section: str) -> Iterator[str]:
    """The lines of ``section`` that end with a colon (and blanks after it). Found from its
    colons: a search for a pattern that starts with ``^`` tries every position of a long
    section, and a section has few colons."""
    for colon in _COLONS:
        position = section.find(colon)
        while position >= 0:
            line_end = section.find("\n", position)
            line_end = len(section) if line_end < 0 else line_end
            if not section[position + 1:line_end].strip(" \t"):
                yield section[section.rfind("\n", 0, position) + 1:line_end]
            position = section.find(colon, position + 1)


def _paired(document: Any, acts: list[list]) -> list:
    """What was said of ``acts`` (one list of findings per act) where another of them is said
    too: in the same paragraph or the one next to it (an answer's closing runs over a few short
    paragraphs)."""
    starts = [block.start for block in document.blocks]

    def paragraph(found: tuple) -> int:  # the index of its block (a position outside blocks: its own)
        index = bisect_right(starts, found[1]) - 1
        return index if index >= 0 and found[1] < document.blocks[index].end else -1 - found[1]

    said_in = [{paragraph(found) for found in said} for said in acts]

    def paired(act: int, index: int) -> bool:
        near = {index} if index < 0 else {index - 1, index, index + 1}
        return any(near & paragraphs for other, paragraphs in enumerate(said_in) if other != act)

    return [found for act, said in enumerate(acts) for found in said if paired(act, paragraph(found))]


def _emphasized_mention(prose: str, start: int, end: int, match: Any) -> bool:
    """Whether the match is set in emphasis within a sentence (``prose[start:end]``) that goes on
    outside it (`the closing line, *Let me know if you'd like more*, gives it away`): a phrase
    talked about, not said. A sentence emphasized whole is still the assistant's."""
    for emphasis in _EMPHASIS.finditer(prose, start, end):
        if emphasis.start() <= match.start() and match.end() <= emphasis.end():
            return bool(_LETTER.search(prose[start:emphasis.start()]) or _LETTER.search(prose[emphasis.end():end]))
    return False
