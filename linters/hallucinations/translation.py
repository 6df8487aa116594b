"""A translation request's leftovers (HAL404, HAL405): the prompt given to the translator (its
instructions, or its framing of the title), and the translator's preamble before its answer
("Sure! Here's the German version:", "以下是翻译内容：") or its question back. A preamble is
chatter with nothing of the post in it: ``--fix`` deletes it, and its line when it had one of
its own; a prompt is reported, for a person to decide what of it was meant."""
from __future__ import annotations

import regex

from ..diagnostics import Fix
from ..packs.sections import PerLanguage, Section
from ..patterns.deferred import deferred
from ..patterns.sections import PATTERNS
from .group import RuleGroup, phrases
from .post import front_matter_values, line_bounds, quoted
from .voice import TRANSLATION_ACTS, phrase_list

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic
    from ..document import Document
    from .post import Post

# Where a preamble that shares its line starts: after a sentence's end, a label's colon or the
# bar that opens a table cell
_CLAUSE_END = deferred(r"[.!?。！？:：|]\s*", compile=regex.compile)
_FRONT_MATTER_KEYS = ("title", "description")


class Translation(RuleGroup):
    sections = (Section("translation-prompts", PerLanguage(PATTERNS)),)

    def setup(self, data: dict) -> None:
        self.preamble = phrase_list(data["assistant-voice"], TRANSLATION_ACTS)
        self.prompt = phrases(data["translation-prompts"], "translation-prompts", regex.I | regex.M)

    def check(self, post: Post) -> Iterator[Diagnostic]:
        yield from self._check_front_matter(post)
        yield from self._check_prompts(post)
        if not post.transcript:  # a published chat shows the translator's words
            yield from self._check_preambles(post)

    def _check_front_matter(self, post: Post) -> Iterator[Diagnostic]:
        """The title and the description, searched as one text (one pass of each list)."""
        values = list(front_matter_values(post.document, _FRONT_MATTER_KEYS))
        if not values:
            return
        joined = "\n".join(value for _, _, value in values)
        for code, patterns, what in (("HAL404", self.prompt, "translation prompt"),
                                     ("HAL405", self.preamble, "translator's preamble")):
            for match in self.scan(patterns, joined, code, post):
                key, start = _value_at(values, match.start())
                yield self.diagnostic(post.document, code, start, start + len(match.group()),
                                      f"{what} in the {key}: {match.group().strip()!r}")

    def _check_prompts(self, post: Post) -> Iterator[Diagnostic]:
        """One finding per paragraph of the prompt, from its first instruction to its last."""
        document, prose = post.document, post.prose
        block_of: dict[int, list[int]] = {}
        for match in self.scan(self.prompt, prose, "HAL404", post):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            block = document.block_at(start)
            key = block.start if block is not None else start
            if key in block_of:
                block_of[key][1] = max(block_of[key][1], match.end())
                continue
            block_of[key] = [start, match.end()]
            yield self.diagnostic(document, "HAL404", start, match.end(),
                                  f"translation prompt left in the post: {match.group().strip()!r}")

    def _check_preambles(self, post: Post) -> Iterator[Diagnostic]:
        document, prose = post.document, post.prose
        lines: dict[int, list[int]] = {}  # line start -> [preamble start, preamble end]
        for match in self.scan(self.preamble, prose, "HAL405", post):
            line_start, _ = line_bounds(prose, match.start(), match.end())
            start = _clause_start(prose, line_start, match.start())
            if quoted(document, prose[start:match.start()], match.start()):
                continue  # a preamble shown, in an article about translation
            span = lines.setdefault(line_start, [start, match.end()])
            span[0], span[1] = min(span[0], start), max(span[1], match.end())
        for line_start, (start, end) in lines.items():
            text = prose[start:end].strip()
            yield self.diagnostic(document, "HAL405", start, end, f"the translator's words, not the post's: {text!r}",
                                  fix=Fix.delete(*_preamble_deletion(document, prose, line_start, start, end)))


def _clause_start(prose: str, line_start: int, start: int) -> int:
    """Where the clause holding ``start`` begins in its line: after the last sentence end or
    label colon or cell bar before it (`**Abstract (ZH)**: 以下是翻译内容：` keeps its label, a
    table row its other cells), else at the line's text (after its list or quote markers)."""
    clause = line_start
    for boundary in _CLAUSE_END.finditer(prose, line_start, start):
        clause = boundary.end()
    while clause < start and (prose[clause].isspace() or prose[clause] in ">*_-+"):
        clause += 1
    return clause


def _preamble_deletion(document: Document, prose: str, line_start: int, start: int, end: int) -> tuple[int, int]:
    """What to delete: the preamble and the white space after it; its whole line (and a blank
    line after it) when nothing else is on the line."""
    text = document.text
    _, line_end = line_bounds(text, start, end)
    while end < line_end and text[end] in " \t":
        end += 1
    if prose[line_start:start].strip() or text[end:line_end].strip():
        return start, end
    after = min(line_end + 1, len(text))
    next_end = text.find("\n", after)
    if next_end >= 0 and not text[after:next_end].strip():
        after = next_end + 1
    return line_start, after


def _value_at(values: list[tuple[str, int, str]], offset: int) -> tuple[str, int]:
    """The key of the value at ``offset`` of the values joined by newlines, and where the text
    at ``offset`` is in the document."""
    for key, start, value in values:
        if offset <= len(value):
            return key, start + offset
        offset -= len(value) + 1
    raise ValueError(offset)
