"""The model's machinery (HAL401-HAL403, HAL406): its reasoning, the moment of generation, the
source lists it appends, and the code fence its answer came in, left in the post."""
from __future__ import annotations

import regex

from ..diagnostics import Edit, Fix
from ..packs.sections import ListOf, PerLanguage, Record, Section, Text
from ..patterns.sections import PATTERNS
from .group import RuleGroup, phrase_set, phrases
from .post import hidden, line_bounds, quoted, sentence

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic
    from .post import Post

_PHRASES = PerLanguage(PATTERNS)
_CLOSE_DETAILS = "</details>"


class Machinery(RuleGroup):
    sections = (
        Section("reasoning", Record({"blocks": _PHRASES, "lines": _PHRASES})),
        Section("update-markers", _PHRASES),
        Section("generation-moment", Record({"stated": _PHRASES, "as-of": _PHRASES})),
        Section("unchecked-citation-headings", ListOf(Text()), per_language=True),
    )

    def setup(self, data: dict) -> None:
        reasoning = data["reasoning"]
        self.reasoning_block = phrases(reasoning.get("blocks"), "reasoning.blocks", regex.I)
        self.reasoning_line = phrases(reasoning.get("lines"), "reasoning.lines", regex.I | regex.M)
        moment = data["generation-moment"]
        self.moment_stated = phrases(moment.get("stated"), "generation-moment.stated", regex.I)
        self.as_of = phrases(moment.get("as-of"), "generation-moment.as-of", regex.I)
        self.update_marker = phrases(data["update-markers"], "update-markers", regex.I)
        self.citation_headings = phrase_set(data["unchecked-citation-headings"])
        self.citation_heading_length = max(map(len, self.citation_headings), default=0) + 12  # room for ### **…**:

    def check(self, post: Post) -> Iterator[Diagnostic]:
        yield from self._check_reasoning(post)
        yield from self._check_generation_moment(post)
        yield from self._check_citation_headings(post)
        yield from self._check_fenced_page(post)

    def _check_reasoning(self, post: Post) -> Iterator[Diagnostic]:
        # HTML blocks are not prose, so the reasoning is looked for in the text, outside code.
        document = post.document
        text, blocks = document.text, []
        for match in self.scan(self.reasoning_block, text, "HAL401", post, every_language=True):
            if hidden(document, match.start()) or match.start() < document.body_start:
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            close = text.find(_CLOSE_DETAILS, match.end())
            if close < 0:
                blocks.append((line_start, match.end()))
                yield self.diagnostic(document, "HAL401", match.start(), match.end(),
                                      "reasoning block exported from a chat (no closing </details>)")
                continue
            close += len(_CLOSE_DETAILS)
            line_end = text.find("\n", close)
            line_end = len(text) if line_end < 0 else line_end
            # whole lines when the block has them to itself, else only the block
            delete_from = line_start if not text[line_start:match.start()].strip() else match.start()
            delete_to = min(line_end + 1, len(text)) if not text[close:line_end].strip() else close
            blocks.append((line_start, delete_to))
            yield self.diagnostic(document, "HAL401", match.start(), close,
                                  "the model's reasoning, exported from a chat, is part of the post",
                                  fix=Fix.delete(delete_from, delete_to))
        for match in self.scan(self.reasoning_line, text, "HAL401", post, every_language=True):
            start = match.start()
            if (start < document.body_start or hidden(document, start)
                    or any(low <= start < high for low, high in blocks)):
                continue
            blocks.append((start, start + 1))
            yield self.diagnostic(document, "HAL401", start, match.end(),
                                  f"the model's reasoning is part of the post: {match.group().strip()!r}")

    def _check_generation_moment(self, post: Post) -> Iterator[Diagnostic]:
        document, prose, posted = post.document, post.prose, post.posted
        for match in self.scan(self.moment_stated, prose, "HAL402", post):
            start, end = sentence(prose, match.start(), match.end())
            if quoted(document, prose[start:match.start()], match.start()):
                continue  # the phrase shown, in a text about it
            yield self.diagnostic(document, "HAL402", start, end,
                                  "states the moment the text was generated as if it were the reader's")
        if posted is None:
            return
        for match in self.scan(self.as_of, prose, "HAL402", post):
            year = int(match.group("year"))
            line_start, line_end = line_bounds(prose, match.start(), match.end())
            if year > posted.year and not self.first(self.update_marker, prose[line_start:line_end], "HAL402"):
                yield self.diagnostic(document, "HAL402", match.start(), match.end(),
                                      f"{match.group()!r} in a post dated {posted.isoformat()}: "
                                      "the model's date, not the post's")

    def _check_citation_headings(self, post: Post) -> Iterator[Diagnostic]:
        for start, line in post.short_lines:
            if len(line) > self.citation_heading_length:
                continue
            heading = line.lstrip("#").strip(" \t*_:#")
            if heading.casefold() in self.citation_headings:
                yield self.diagnostic(post.document, "HAL403", start, start + len(line),
                                      f"generated source list {heading!r}: check every source")

    def _check_fenced_page(self, post: Post) -> Iterator[Diagnostic]:
        """HAL406: the page is one Markdown code block (the other checks read its content: see
        ``Document.wrapper``). Unwrapping changes how the page renders: an unsafe fix."""
        wrapper = post.document.wrapper
        if wrapper is None:
            return
        text = post.document.text
        closing_end = wrapper.closing_end + (text[wrapper.closing_end:wrapper.closing_end + 1] == "\n")
        front = post.document.front_matter
        fix = Fix((Edit(wrapper.start, wrapper.opening_end, ""), Edit(wrapper.closing_start, closing_end, "")), safe=False,
                  touches_front_matter=front is not None and wrapper.start < front.start)  # the fence comes before it
        yield self.diagnostic(post.document, "HAL406", wrapper.start, wrapper.opening_end - 1,
                              f"the whole page is a code block (```{wrapper.info}): readers see its Markdown source",
                              fix=fix)
