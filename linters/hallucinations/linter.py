"""The hallucinations linter: reads its pack once per run into its rule groups, and checks each
post by building its ``Post`` context and running every group on it."""
from __future__ import annotations

import regex

from .. import languages
from ..packs.sections import ListOf, MappingOf, Section, Text, every_language
from ..patterns.deferred import deferred
from ..patterns.literals import LiteralGate
from ..patterns.phrases import literals_of
from ..patterns.sections import PATTERN
from ..registry import Linter
from .chrome import PageChrome
from .group import lazy
from .leftovers import Leftovers
from .links import Links
from .machinery import Machinery
from .online import OnlineCitations
from .post import Post, post_date
from .translation import Translation

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic
    from ..document import Document
    from .group import RuleGroup

_SPEAKER_MARKUP = " \t*_"  # what may surround a speaker's name in a transcript (`**ChatGPT:**`)
# A chat copied from its web page names the person who asked by their account's e-mail address, on
# a line of its own before each question
_EMAIL_LINE = deferred(r"^[ \t]*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)[ \t]*$", regex.M, compile=regex.compile)
# A heading that is only a name, with marks or emoji around it (`## 🤖 Assistant`)
# An ATX heading's opening, and its name (group 1): the text from its first letter or digit to
# its last (a lazy group before `$` would retry the rest of the line at each of its characters)
_HEADING = regex.compile(r"[ \t]{0,3}#{1,6}[ \t]+[^\p{L}\p{N}\n]*([\p{L}\p{N}](?:[^\n]*[\p{L}\p{N}])?)?")
GROUPS: tuple[type[RuleGroup], ...] = (Links, Leftovers, PageChrome, Machinery, Translation, OnlineCitations)


class HallucinationsLinter(Linter):
    name = "hallucinations"
    pack = "hallucinations"
    online_rules = OnlineCitations.codes  # reported by ``linters.online`` (``check --online``)
    # the post's context reads the first three; each rule group declares its own
    sections = (Section("language-scripts", MappingOf(PATTERN)), Section("date-keys", ListOf(Text())),
                Section("transcript-speakers", ListOf(Text()), per_language=True),
                Section("transcript-turn-markers", ListOf(Text())), Section("transcript-askers", ListOf(Text())),
                *(section for group in GROUPS for section in group.sections))

    def setup(self) -> None:
        data = self.data
        self.groups = [group(self, data) for group in GROUPS]
        # the literals of the post's languages, found in one pass of each long text (see LiteralGate)
        self.gate = LiteralGate(lambda wanted: literals_of(
            [phrases for group in self.groups for phrases in group.gated()], wanted))
        self.date_keys = data["date-keys"]
        plain = data["chatbot-leftovers"]
        self.phrase_languages = set(data["assistant-voice"]) | (set(plain) if isinstance(plain, dict) else set())
        scripts = data["language-scripts"]
        self.language_scripts = {language: lazy(script, f"language-scripts.{language}")
                                 for language, script in scripts.items()}
        self.any_script = lazy("|".join(f"(?:{script})" for script in scripts.values()) or "(?!)",
                               "language-scripts", trusted=True)  # each script was checked above
        speakers = every_language(data["transcript-speakers"])
        self.speaker_starts = tuple(speaker.lstrip(_SPEAKER_MARKUP) for speaker in speakers)
        self.turn_markers = tuple(data["transcript-turn-markers"])
        self.turn_names = ({speaker.strip(_SPEAKER_MARKUP).casefold() for speaker in speakers},
                           {asker.casefold() for asker in data["transcript-askers"]})
        self.transcript = lazy(rf"^[{_SPEAKER_MARKUP}]*(?:{'|'.join(map(regex.escape, speakers))})[{_SPEAKER_MARKUP}]*[:：]",
                               "transcript-speakers", regex.M, trusted=True)  # escaped names always compile

    def check(self, document: Document) -> Iterator[Diagnostic]:
        wanted = self._languages(document)
        post = Post(document, wanted, self.gate, post_date(document, self.date_keys), self._is_transcript)
        for group in self.groups:
            yield from group.check(post)

    def _languages(self, document: Document) -> frozenset[str]:
        """The phrase-list languages to search (see ``languages.for_phrase_lists``)."""
        prose = document.prose

        def shows(language: str | None) -> bool:  # a letter of the language's script (None: any)
            script = self.any_script if language is None else self.language_scripts[language]
            return next(self.finditer(script.compiled, prose, rule="HAL201"), None) is not None

        return languages.for_phrase_lists(document, self.phrase_languages, self.language_scripts, shows)

    def _is_transcript(self, prose: str) -> bool:
        """A published chat: lines that start with an assistant's name and a colon, or turns
        marked as a chat's copy marks them."""
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
                    if next(self.finditer(self.transcript.compiled, line, rule="HAL201"), None):
                        return True
                position = prose.find(colon, position + 1)
        return (("@" in prose and _asks_by_email(prose)) or _marks_turns(prose, self.turn_markers)
                or _heads_turns(prose, self.turn_names))


def _marks_turns(prose: str, markers: tuple[str, ...]) -> bool:
    """Whether one of ``markers`` starts two lines or more: the turns of a copied chat."""
    for marker in markers:
        # a search for one character runs at memory speed, one for more reads every character
        # (thirty times slower): most posts lack the marker's first character
        if marker[:1] in prose and prose.count(marker) > 1:
            starts = (line.lstrip() for line in prose.split("\n") if marker in line)
            if sum(line.startswith(marker) for line in starts) > 1:
                return True
    return False


def _heads_turns(prose: str, names: tuple[set[str], set[str]]) -> bool:
    """Whether headings name both sides of a chat: one only an assistant's name, another only
    the asker's (`## 🧑 User`, `## 🤖 Assistant`)."""
    speakers, askers = names
    found = [False, False]
    position = prose.find("#")
    while position >= 0:
        line_start = prose.rfind("\n", 0, position) + 1
        line_end = prose.find("\n", position)
        line_end = len(prose) if line_end < 0 else line_end
        if not prose[line_start:position].strip(" \t"):
            heading = _HEADING.match(prose, line_start, line_end)
            name = (heading.group(1) or "").casefold() if heading else ""
            found[0] |= name in speakers
            found[1] |= name in askers
            if all(found):
                return True
        position = prose.find("#", line_end)
    return False


def _asks_by_email(prose: str) -> bool:
    """Whether one e-mail address stands alone on two lines or more: the speaker's name of a
    chat copied from its web page."""
    seen: set[str] = set()
    for match in _EMAIL_LINE.finditer(prose):
        if match.group(1) in seen:
            return True
        seen.add(match.group(1))
    return False
