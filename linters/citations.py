"""The citations linter (CIT): what stripped links and chat exports leave in a post.

Empty citation parentheses, links with no text or no target, chat-export markers, chat
tracking parameters, dangling separators in source parentheses, and broken footnotes and
reference links. Patterns live in ``rules/citations.yaml``.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .diagnostics import Edit, Fix
from .packs.sections import Section
from .patterns.alternation import compile_alternation
from .patterns.deferred import deferred
from .patterns.search import compile_pattern
from .patterns.sections import PATTERN, PATTERNS
from .registry import Linter, Option

PACK = "rules/citations.yaml"
# Deferred: footnotes, full references and links to escape are in few posts
_FOOTNOTE_REFERENCE = deferred(r"\[\^([^\]\s]{1,64})\](?!:)")
_FOOTNOTE_DEFINITION = deferred(r"^[ \t]{0,3}\[\^([^\]\s]{1,64})\]:", re.M)
_FULL_REFERENCE = deferred(r"(?<![\]\\!])\[([^\[\]\n]{1,200})\]\[([^\[\]\n]{1,200})\]")
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|avif|bmp|ico)(?:[?#]|$)", re.I)
_CITATION_SPACE = " \t\u00a0\u3000"
_LINK_TEXT_SPECIAL = deferred(r"[\\\[\]`*_<>]")  # escaped when a destination becomes a link's text


def _no_space_before(char: str) -> bool:
    """After a space, a bracket or a character of a script written without spaces between words
    (CJK): no space is added before a link there. A test, not a pattern: compiling the class of
    those ranges cost every run a few milliseconds."""
    return char.isspace() or char in "([" or "\u3000" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" \
        or "\uff00" <= char <= "\uffef"


class CitationsLinter(Linter):
    name = "citations"
    pack = "citations"
    options = {"empty-link-fix": Option(str, "host", "what --fix makes of an empty-text link",
                                        choices=("host", "remove"))}
    sections = (Section("empty-citation", PATTERNS, required=True), Section("chat-debris", PATTERNS, required=True),
                Section("tracking-parameters", PATTERNS, required=True),
                Section("dangling-separator", PATTERN, required=True))

    def setup(self) -> None:
        self.empty_citation = compile_alternation(self.data.get("empty-citation"), f"{PACK}: empty-citation")
        self.dangling = self._compile("dangling-separator")
        self.debris = compile_alternation(self.data.get("chat-debris"), f"{PACK}: chat-debris")
        self.tracking = compile_alternation(self.data.get("tracking-parameters"), f"{PACK}: tracking-parameters")

    def _compile(self, key: str):
        return compile_pattern(self.data.get(key), f"{PACK}: {key}")

    def check(self, document):
        prose = document.prose
        if "(" in prose or "（" in prose:
            yield from self._empty_citations(document, prose)
            yield from self._dangling_separators(document, prose)
        yield from self._links(document)
        yield from self._debris(document, prose)
        yield from self._tracking(document)
        if "^" in prose and "[^" in prose:  # one character is looked for at memory speed, two read every one
            yield from self._footnotes(document, prose)
        if "][" in prose:
            yield from self._undefined_references(document, prose)

    # -- CIT001 ------------------------------------------------------------------------------

    def _empty_citations(self, document, prose: str):
        text, previous_end = document.text, 0
        for match in self.finditer(self.empty_citation, prose, "CIT001"):
            mark_start, end = match.span()
            start = mark_start
            while start > previous_end and prose[start - 1] in _CITATION_SPACE:
                start -= 1  # the spaces before the parentheses go with them
            previous_end = end
            if text[start:end] != prose[start:end]:
                continue  # the parentheses hold code or a URL that the prose mask blanked
            marks = match.group()
            glued = mark_start == start and start > 0 and not _no_space_before(prose[start - 1])
            if glued and marks[0] == "(":
                continue  # `f()` or `](`: glued to a word or a link, not a citation
            if mark_start == start and not glued and end < len(prose) and prose[end] in " \t":
                end += 1  # at the start of a line or after a bracket: take the space after instead
            yield self.diagnostic(document, "CIT001", mark_start, match.end(),
                                  f"empty citation {marks!r}: the link it held was stripped",
                                  Fix.delete(start, end))

    # -- CIT002, CIT003 --------------------------------------------------------------------------

    def _links(self, document):
        text = document.text
        for link in document.links:
            if link.kind != "inline":
                continue
            if link.image:
                if link.text_is_empty and _exclamation_before_link(text, link):
                    # `savoir![](url)`: the `!` ends the sentence; CommonMark reads an image.
                    yield self.diagnostic(document, "CIT002", link.start + 1, link.end,
                                          f"link with no text to {_short(link.dest)}: the reader cannot see it",
                                          self._empty_link_fix(text, link, link.start + 1))
                continue
            if link.text_is_empty:
                yield self.diagnostic(document, "CIT002", link.start, link.end,
                                      f"link with no text to {_short(link.dest)}: the reader cannot see it",
                                      self._empty_link_fix(text, link, link.start))
            elif not link.dest.strip():
                label = text[link.text_start:link.text_end]
                yield self.diagnostic(document, "CIT003", link.start, link.end,
                                      f"link {label[:60]!r} has an empty target")

    def _empty_link_fix(self, text: str, link, start: int) -> Fix:
        if self.settings["empty-link-fix"] == "remove":
            return Fix.delete(start, link.end)
        label = _host(link.dest) or _LINK_TEXT_SPECIAL.sub(r"\\\g<0>", link.dest)  # `[a\[b](<a[b>)`, not `[a[b](…)`
        space = "" if start == 0 or _no_space_before(text[start - 1]) else " "
        edits = (Edit(start, start, space),) if space else ()
        return Fix(edits + (Edit(link.text_start, link.text_end, label),))

    # -- CIT004, CIT005, CIT006 ---------------------------------------------------------------------

    def _debris(self, document, prose: str):
        for match in self.finditer(self.debris, prose, "CIT004"):
            start = match.start()
            while start > 0 and prose[start - 1] in " \t":
                start -= 1
            yield self.diagnostic(document, "CIT004", match.start(), match.end(),
                                  f"chat-export citation marker {match.group()[:40]!r}",
                                  Fix.delete(start, match.end()))

    def _tracking(self, document):
        for url in document.urls:
            if "=" not in url.url:
                continue
            for match in self.finditer(self.tracking, url.url, "CIT005"):
                start, end = match.span()
                if start == 0 or url.url[start - 1] not in "?&":
                    continue
                separator = url.url[start - 1]
                if end < len(url.url) and url.url[end] == "&":
                    cut = (start, end + 1)  # keep the separator before, drop the one after
                else:
                    cut = (start - 1, end)  # the last parameter: drop it with its separator
                if separator == "?" and cut[0] == start - 1 and end < len(url.url) and url.url[end] == "#":
                    cut = (start - 1, end)
                yield self.diagnostic(document, "CIT005", url.start + start, url.start + end,
                                      f"chat tracking parameter {match.group()!r} on a link",
                                      Fix.delete(url.start + cut[0], url.start + cut[1]))

    def _dangling_separators(self, document, prose: str):
        text = document.text
        for match in self.finditer(self.dangling, prose, "CIT006"):
            if text[match.start():match.end()] != match.group():
                continue  # code or a URL inside: `(e.g., `ls`)` is not a dangling separator
            separator_start = match.end(1)
            yield self.diagnostic(document, "CIT006", match.start(), match.end(),
                                  f"source parentheses end with a dangling separator: {match.group()[-20:]!r}",
                                  Fix.delete(separator_start, match.end() - 1))

    # -- CIT007, CIT008, CIT009 ---------------------------------------------------------------------

    def _footnotes(self, document, prose: str):
        definitions = {m.group(1): m for m in _FOOTNOTE_DEFINITION.finditer(prose)}
        referenced = set()
        for match in _FOOTNOTE_REFERENCE.finditer(prose):
            label = match.group(1)
            referenced.add(label)
            if label not in definitions:
                yield self.diagnostic(document, "CIT007", match.start(), match.end(),
                                      f"footnote [^{label}] has no definition")
        for label, match in definitions.items():
            if label not in referenced:
                yield self.diagnostic(document, "CIT008", match.start(), match.end(),
                                      f"footnote [^{label}] is defined but never referenced")

    def _undefined_references(self, document, prose: str):
        for match in _FULL_REFERENCE.finditer(prose):
            label = match.group(2) or match.group(1)
            if " ".join(label.split()).casefold() not in document.references:
                yield self.diagnostic(document, "CIT009", match.start(), match.end(),
                                      f"reference link [{label}] has no definition")


def _exclamation_before_link(text: str, link) -> bool:
    """``word![](https://…)``: an exclamation mark glued to a word, before a link to a page."""
    glued = link.start > 0 and not text[link.start - 1].isspace()
    return glued and not _IMAGE_FILE.search(link.dest)


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _short(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "…"


LINTER = CitationsLinter
