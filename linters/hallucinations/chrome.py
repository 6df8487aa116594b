"""Page chrome (HAL301-HAL304): what a scraped page brings along with its article: navigation
lines, a logo's doubled name, the window title as the last line, and timestamps relative to the
day of the scrape."""
from __future__ import annotations

import regex

from ..diagnostics import Fix
from ..packs.sections import ListOf, PerLanguage, Record, Section, Text, every_language
from ..patterns.sections import PATTERN, PATTERNS
from .group import RuleGroup, lazy, phrase_set, phrases
from .post import line_bounds

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic
    from ..document import Document
    from .post import Post

_PHRASES = PerLanguage(PATTERNS)
_DIARY_KEYS = ("type", "layout", "category", "categories", "tags")


class PageChrome(RuleGroup):
    sections = (
        Section("navigation-lines", ListOf(Text()), per_language=True), Section("doubled-brand", PATTERN, required=True),
        Section("title-footer-separator", Text(test=lambda separator: bool(separator.strip())), required=True),
        Section("relative-dates", Record({"timestamp": _PHRASES, "relative": _PHRASES})),
        Section("diary-values", ListOf(Text()), per_language=True),
    )

    def setup(self, data: dict) -> None:
        self.navigation = phrase_set(data["navigation-lines"])
        self.navigation_length = max(map(len, self.navigation), default=0) + 1
        self.doubled_brand = lazy(data["doubled-brand"], "doubled-brand")
        self.title_separator = data["title-footer-separator"]
        dates = data["relative-dates"]
        self.timestamp_line = phrases(dates.get("timestamp"), "relative-dates.timestamp", regex.I)
        self.relative_date = phrases(dates.get("relative"), "relative-dates.relative", regex.I)
        self.diary_values = frozenset(value.casefold() for value in every_language(data["diary-values"]))

    def check(self, post: Post) -> Iterator[Diagnostic]:
        yield from self._check_chrome(post)
        yield from self._check_relative_dates(post)

    # HAL301-HAL303: page chrome ----------------------------------------------------------------

    def _check_chrome(self, post: Post) -> Iterator[Diagnostic]:
        document = post.document
        found = []  # (line number, code, message)
        for start, line in post.short_lines:
            if len(line) <= self.navigation_length and line.rstrip(":").rstrip().casefold() in self.navigation:
                found.append((document.position(start)[0], "HAL301", f"navigation line from a scraped page: {line!r}"))
            half = len(line) // 2
            if (len(line) % 2 == 0 and line[:half] == line[half:]
                    and next(self.search(self.doubled_brand.compiled, line, "HAL302"), None)):
                found.append((document.position(start)[0], "HAL302", f"brand name doubled, from a scraped page: {line!r}"))
        footer = self._title_footer(document, post.prose)
        if footer is not None:
            found.append((document.position(footer)[0], "HAL303",
                          "last line repeats the title with the page's section and site names"))
        chrome_lines = {number for number, _, _ in found}
        for number, code, message in found:
            start, end = _content_span(document, number)
            yield self.diagnostic(document, code, start, end, message,
                                  fix=Fix.delete(*_line_deletion(document, number, chrome_lines)))

    def _title_footer(self, document: Document, prose: str) -> int | None:
        body = prose[document.body_start:].rstrip()
        if not body:
            return None
        last_start = document.body_start + body.rfind("\n") + 1
        last_line = prose[last_start:document.body_start + len(body)].strip()
        if last_line.startswith("|") or self.title_separator not in last_line:
            return None
        head = last_line.split(self.title_separator)[0].strip()
        if not head:
            return None
        title = document.metadata.get("title")
        earlier_lines = {line.strip() for line in prose[document.body_start:last_start].split("\n")}
        if head == title or head in earlier_lines:
            return last_start + prose[last_start:].find(head[0])
        return None

    # HAL304: relative dates --------------------------------------------------------------------

    def _check_relative_dates(self, post: Post) -> Iterator[Diagnostic]:
        document, prose = post.document, post.prose
        if self._is_diary(document):
            return
        reported = set()
        for match in self.scan(self.timestamp_line, prose, "HAL304", post):
            line_start, line_end = line_bounds(prose, match.start(), match.end())
            if prose[line_start:match.start()].strip() or prose[match.end():line_end].strip():
                continue  # not a line of its own
            reported.add(line_start)
            yield self.diagnostic(document, "HAL304", match.start(), match.end(),
                                  f"scraped timestamp {match.group()!r}: relative to a day nobody knows")
        if post.posted is not None:
            return
        for match in self.scan(self.relative_date, prose, "HAL304", post):
            line_start = prose.rfind("\n", 0, match.start()) + 1
            if line_start in reported:  # already reported as a timestamp line
                continue
            yield self.diagnostic(document, "HAL304", match.start(), match.end(),
                                  f"relative date {match.group()!r} in a post with no date")

    def _is_diary(self, document: Document) -> bool:
        metadata = document.metadata
        for key in _DIARY_KEYS:
            values = metadata.get(key)
            values = values if isinstance(values, list) else [values]
            if any(isinstance(value, str) and value.casefold() in self.diary_values for value in values):
                return True
        return False


def _content_span(document: Document, number: int) -> tuple[int, int]:
    """The span of a line's text without its indent."""
    text = document.line_text(number)
    start = document.line_starts[number - 1]
    return start + len(text) - len(text.lstrip()), start + len(text)


def _line_deletion(document: Document, number: int, chrome_lines: set[int]) -> tuple[int, int]:
    """What to delete to remove a scraped line so that no blank line is left over: the line; and
    the blank line after it when it stood alone between blank lines (or other scraped lines);
    or, for the last line, the blank lines before it."""
    starts, text = document.line_starts, document.text
    start = starts[number - 1]
    end = starts[number] if number < len(starts) else len(text)
    if not text[end:].strip():  # the last line: keep the text before it ending in one newline
        while start > document.body_start and not text[text.rfind("\n", 0, start - 1) + 1:start].strip():
            start = text.rfind("\n", 0, start - 1) + 1
        return start, len(text)
    previous = number - 1
    while previous in chrome_lines:
        previous -= 1
    stands_alone = previous < 1 or starts[previous - 1] < document.body_start or not document.line_text(previous).strip()
    if stands_alone and number < len(starts) and not document.line_text(number + 1).strip():
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
    return start, end
