"""The hallucinations linter (HAL): what a model invents or leaves behind in a post.

Identifiers and URLs that cannot exist (shapes checked in ``linters.identifiers``), placeholder
links, a chat assistant's words to its user, page chrome copied with a scraped article, and the
model's own machinery (reasoning, the moment of generation, its citation lists, translation
prompts). Phrases, hosts and patterns are data in ``rules/hallucinations.yaml``.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from itertools import accumulate, count
from operator import add
from pathlib import PurePath
from urllib.parse import parse_qs, unquote

import regex

from . import identifiers, languages
from .diagnostics import Fix
from .packs.sections import ListOf, MappingOf, PerLanguage, Record, Section, Text, every_language
from .patterns.literals import LiteralGate
from .patterns.phrases import PhraseList, first_match, lazy_pattern, literals_of, scan
from .patterns.sections import PATTERN, PATTERNS
from .registry import Linter

PACK = "rules/hallucinations.yaml"
_TEXTS = ListOf(Text())
_PHRASES = PerLanguage(PATTERNS)
# A sentence ends at . ! ? before a space and anything but a small letter (not after a one-letter
# abbreviation such as "z. B." or "e.g."), or at a CJK, Devanagari or Arabic full stop.
_SENTENCE_END = regex.compile(r"(?<!\b\p{L})[.!?]+(?=\s+[^\p{Ll}\s]|\s*\[|\s*$)|[。！？।؟]")
_EMPHASIS = regex.compile(r"(?<![\w*_])(\*{1,2}|_{1,2})(?=\S)(?:.+?)(?<=\S)\1(?![\w*_])")
_LETTER = regex.compile(r"\p{L}")
_UNDERSCORE_EMPHASIS = regex.compile(r"(?<!\w)_+(?=\w)|(?<=\w)_+(?!\w)")
_FILE_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})-")
_ISO_DATE = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}")
_SHORT_LINE_LENGTH = 80  # longest line that can be a navigation label or a heading of its own
_LINE_MARKUP = " \t>*_-+0123456789.)"  # quote, emphasis and list markers before a line's text
_SPEAKER_MARKUP = " \t*_"  # what may surround a speaker's name in a transcript (`**ChatGPT:**`)
# scheme (optional), user info, host, port, path, query: urlsplit is four times slower, and
# changelogs hold thousands of links
_URL_PARTS = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//(?:[^/?#@]*@)?(?P<host>\[[^\]]*\]|[^/?#:]*)(?::\d*)?"
                        r"(?P<path>[^?#]*)(?:\?(?P<query>[^#]*))?")
_YOUTUBE_ID_PATHS = ("shorts", "embed", "live", "v", "e")
_NOT_VIDEO_IDS = {"videoseries"}  # /embed/videoseries?list=… embeds a playlist
_REMEMBERED_URLS = 10_000  # problems of this many URLs are kept at most (a changelog has thousands)


class HallucinationsLinter(Linter):
    name = "hallucinations"
    pack = "hallucinations"
    sections = (
        Section("identifier-mentions", MappingOf(PATTERN)),
        Section("path-shapes", ListOf(Record({"name": Text(), "hosts": _TEXTS, "impossible": PATTERN, "reason": Text()},
                                             required=("name", "hosts", "impossible", "reason")))),
        Section("placeholder-hosts", _TEXTS), Section("placeholder-destinations", _PHRASES),
        Section("placeholder-text", _PHRASES), Section("language-scripts", MappingOf(PATTERN)),
        Section("chatbot-leftovers", _PHRASES), Section("human-sign-off-markers", _PHRASES),
        Section("transcript-speakers", _TEXTS, per_language=True), Section("chatbot-openings", _PHRASES),
        Section("navigation-lines", _TEXTS, per_language=True), Section("doubled-brand", PATTERN, required=True),
        Section("title-footer-separator", Text(test=str.strip), required=True),
        Section("relative-dates", Record({"timestamp": _PHRASES, "relative": _PHRASES})),
        Section("diary-values", _TEXTS, per_language=True),
        Section("reasoning", Record({"blocks": _PHRASES, "lines": _PHRASES})),
        Section("date-keys", _TEXTS), Section("update-markers", _PHRASES),
        Section("generation-moment", Record({"stated": _PHRASES, "as-of": _PHRASES})),
        Section("unchecked-citation-headings", _TEXTS, per_language=True), Section("translation-prompts", _PHRASES),
    )

    # -- data --------------------------------------------------------------------------------

    def setup(self) -> None:
        data = self.data
        # the literals of the post's languages, found in one pass (see LiteralGate)
        self._gate = LiteralGate(lambda wanted: literals_of(
            [section for name, section in vars(self).items()
             if isinstance(section, PhraseList) and name not in _SHORT_TEXT_SECTIONS], wanted))
        self.hosts = identifiers.hosts()
        self.mentions = {kind: PhraseList([source], _place(f"identifier-mentions.{kind}"), regex.I)
                         for kind, source in data["identifier-mentions"].items()}
        self.path_shapes = [(entry["name"], _host_set(entry["hosts"]),
                             _lazy(entry["impossible"], f"path-shapes[{index}].impossible"), entry["reason"])
                            for index, entry in enumerate(data["path-shapes"])]
        self.placeholder_hosts = _host_set(data["placeholder-hosts"])
        self._rules_by_host: dict[str, tuple[bool, list]] = {}
        self._problem_by_url: dict[str, tuple[str, str] | None] = {}
        self.placeholder_destination = _phrases(data["placeholder-destinations"],
                                                 "placeholder-destinations", regex.I, joined=True)
        self.placeholder_text = _phrases(data["placeholder-text"], "placeholder-text", regex.I)
        self.leftover = _phrases(data["chatbot-leftovers"], "chatbot-leftovers", regex.I)
        self.sign_off = _phrases(data["human-sign-off-markers"], "human-sign-off-markers", regex.I)
        speakers = every_language(data["transcript-speakers"])
        self.speaker_starts = tuple(speaker.lstrip(_SPEAKER_MARKUP) for speaker in speakers)
        self.transcript = _lazy(rf"^[{_SPEAKER_MARKUP}]*(?:{'|'.join(map(regex.escape, speakers))})[{_SPEAKER_MARKUP}]*[:：]",
                                "transcript-speakers", regex.M, trusted=True)  # escaped names always compile
        self.opening = _phrases(data["chatbot-openings"], "chatbot-openings", regex.I)
        self.navigation = _phrase_set(data["navigation-lines"])
        self.navigation_length = max(map(len, self.navigation), default=0) + 1
        self.doubled_brand = _lazy(data["doubled-brand"], "doubled-brand")
        self.title_separator = data["title-footer-separator"]
        dates = data["relative-dates"]
        self.timestamp_line = _phrases(dates.get("timestamp"), "relative-dates.timestamp", regex.I)
        self.relative_date = _phrases(dates.get("relative"), "relative-dates.relative", regex.I)
        self.diary_values = {value.casefold() for value in every_language(data["diary-values"])}
        reasoning = data["reasoning"]
        self.reasoning_block = _phrases(reasoning.get("blocks"), "reasoning.blocks", regex.I)
        self.reasoning_line = _phrases(reasoning.get("lines"), "reasoning.lines", regex.I | regex.M)
        moment = data["generation-moment"]
        self.moment_stated = _phrases(moment.get("stated"), "generation-moment.stated", regex.I)
        self.as_of = _phrases(moment.get("as-of"), "generation-moment.as-of", regex.I)
        self.date_keys = data["date-keys"]
        self.update_marker = _phrases(data["update-markers"], "update-markers", regex.I)
        self.citation_headings = _phrase_set(data["unchecked-citation-headings"])
        self.citation_heading_length = max(map(len, self.citation_headings), default=0) + 12  # room for ### **…**:
        self.translation_prompt = _phrases(data["translation-prompts"], "translation-prompts",
                                            regex.I | regex.M)
        self.phrase_languages = set(self.leftover.by_language) - {None}
        scripts = data["language-scripts"]
        self.language_scripts = {language: _lazy(script, f"language-scripts.{language}")
                                 for language, script in scripts.items()}
        self.any_script = _lazy("|".join(f"(?:{script})" for script in scripts.values()) or "(?!)",
                                "language-scripts", trusted=True)  # each script was checked above

    # -- the check ---------------------------------------------------------------------------

    def check(self, document):
        prose = document.prose
        wanted = self._languages(document)
        short_lines = _short_lines(prose)
        posted = _post_date(document, self.date_keys)
        yield from self._check_urls(document)
        yield from self._check_identifier_mentions(document, prose)
        yield from self._check_placeholder_text(document)
        if not self._is_transcript(prose):
            spoken = _without_underscore_emphasis(prose)
            yield from self._check_leftovers(document, prose, spoken, wanted)
            yield from self._check_openings(document, spoken, wanted)
        yield from self._check_chrome(document, prose, short_lines)
        yield from self._check_relative_dates(document, prose, wanted, posted)
        yield from self._check_reasoning(document)
        yield from self._check_generation_moment(document, prose, wanted, posted)
        yield from self._check_citation_headings(document, short_lines)
        yield from self._check_translation_prompts(document, prose, wanted)

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
                    if next(self.finditer(self.transcript.compiled, line, rule="HAL201"), None):
                        return True
                position = prose.find(colon, position + 1)
        return False

    def _languages(self, document) -> frozenset[str]:
        """The phrase-list languages to search (see ``languages.for_phrase_lists``)."""
        prose = document.prose

        def shows(language: str | None) -> bool:  # a letter of the language's script (None: any)
            script = self.any_script if language is None else self.language_scripts[language]
            return next(self.finditer(script.compiled, prose, rule="HAL201"), None) is not None

        return languages.for_phrase_lists(document, self.phrase_languages, self.language_scripts, shows)

    def _scan(self, patterns: PhraseList, text: str, rule: str, wanted=None) -> list:
        """The matches of every selected pattern, in order of position."""
        return scan(patterns, text, lambda pattern, text: self.finditer(pattern, text, rule=rule), self._gate, wanted)

    def _any(self, patterns: PhraseList, text: str, rule: str, wanted=None):
        return first_match(patterns, text, lambda pattern, text: self.finditer(pattern, text, rule=rule),
                           self._gate, wanted)

    # HAL001-HAL006, HAL101: URLs and link destinations -------------------------------------

    def _check_urls(self, document):
        seen = set()
        targets = [(url.start, url.end, url.url) for url in document.urls]
        targets += [(link.dest_start, link.dest_end, link.dest) for link in document.links
                    if link.dest and not link.image and link.kind == "inline"]
        for start, end, url in sorted(targets):
            if start in seen:
                continue
            seen.add(start)
            problem = self._url_problem(url)
            if problem:
                code, message = problem
                yield self.diagnostic(document, code, start, end, message)

    def _url_problem(self, url: str) -> tuple[str, str] | None:
        """The first reason the URL cannot be real, remembered: a site links to the same pages
        from many posts (the shared corpus has each URL about ten times)."""
        cache = self._problem_by_url
        if url not in cache:
            if len(cache) >= _REMEMBERED_URLS:
                cache.clear()
            cache[url] = next(self._url_problems(url), None)
        return cache[url]

    def _url_problems(self, url: str):
        """(code, message) for each reason the URL cannot be real; the first one is reported."""
        if self._any(self.placeholder_destination, url, "HAL101"):
            yield "HAL101", f"placeholder link destination {url!r}"
            return
        parts = _URL_PARTS.match(url if "//" in url else "//" + url)  # www.example.com/… has no scheme
        host = parts.group("host").lower().rstrip(".") if parts else ""
        if not host:
            return
        placeholder, shapes = self._host_rules(host)
        if placeholder:
            yield "HAL101", f"placeholder link to {host}: replace it with the real source"
            return
        path = unquote(parts.group("path"))
        problem = self._identifier_problem(host, path, parts.group("query") or "")
        if problem:
            yield problem
        for name, impossible, reason in shapes:
            if next(self.finditer(impossible.compiled, path, rule="HAL006"), None):
                yield "HAL006", f"{name} has no page {path!r}: {reason}"
        isbn_url = self.mentions.get("isbn-url")
        isbn = self._any(isbn_url, url, "HAL005") if isbn_url else None
        if isbn:
            problem = identifiers.isbn_problem(isbn.group("id"))
            if problem:
                yield "HAL005", problem

    def _host_rules(self, host: str) -> tuple[bool, list]:
        """Whether a host is a placeholder, and the path shapes that apply to it (remembered:
        a post links to few hosts, many times)."""
        rules = self._rules_by_host.get(host)
        if rules is None:
            shapes = [(name, impossible, reason) for name, hosts, impossible, reason in self.path_shapes
                      if _on_host(host, hosts)]
            rules = self._rules_by_host[host] = (_on_host(host, self.placeholder_hosts), shapes)
        return rules

    def _identifier_problem(self, host: str, path: str, query: str):
        segments = [segment for segment in path.split("/") if segment]
        if host in self.hosts.get("youtube", ()):
            video = _youtube_video(segments, query)
            problem = video is not None and video not in _NOT_VIDEO_IDS and identifiers.youtube_id_problem(video)
            return ("HAL001", problem) if problem else None
        if host in self.hosts.get("youtube-short", ()) and segments:
            problem = identifiers.youtube_id_problem(segments[0])
            return ("HAL001", problem) if problem else None
        if host in self.hosts.get("arxiv", ()) and len(segments) >= 2 and segments[0] in ("abs", "pdf", "html"):
            arxiv_id = "/".join(segments[1:]).removesuffix(".pdf")
            problem = identifiers.arxiv_id_problem(arxiv_id)
            return ("HAL002", problem) if problem else None
        if host in self.hosts.get("status", ()):
            for index, segment in enumerate(segments[:-1]):
                if segment in ("status", "statuses"):
                    problem = identifiers.status_id_problem(segments[index + 1])
                    return ("HAL003", problem) if problem else None
        if host in self.hosts.get("doi", ()) and segments:
            problem = identifiers.doi_problem(path.lstrip("/"))
            return ("HAL004", problem) if problem else None
        return None

    # HAL002, HAL004, HAL005: identifiers written in prose -----------------------------------

    def _check_identifier_mentions(self, document, prose: str):
        checks = (("arxiv", "HAL002", identifiers.arxiv_id_problem),
                  ("doi", "HAL004", identifiers.doi_problem),
                  ("isbn", "HAL005", identifiers.isbn_problem))
        for kind, code, problem_of in checks:
            pattern = self.mentions.get(kind)
            if pattern is None:
                continue
            for match in self._scan(pattern, prose, code):
                problem = problem_of(match.group("id"))
                if problem:
                    yield self.diagnostic(document, code, match.start(), match.end(), problem)

    # HAL101: placeholder text ------------------------------------------------------------------

    def _check_placeholder_text(self, document):
        # `<url>` is an HTML tag to the Markdown parser, so it is looked for outside code, not in prose.
        text = document.text
        link_starts = {link.start for link in document.links}
        for match in self._scan(self.placeholder_text, text, "HAL101"):
            start = match.start()
            if start < document.body_start or _hidden(document, start):
                continue
            if match.group().startswith("[") and not document.is_prose(start):
                continue
            if start in link_starts:  # `[link]` with a reference definition is a real link
                continue
            yield self.diagnostic(document, "HAL101", start, match.end(),
                                  f"placeholder {match.group()!r} where a link should be")

    # HAL201, HAL202: the assistant speaking to its user ----------------------------------------

    def _check_leftovers(self, document, prose: str, spoken: str, wanted):
        """``spoken``: the prose with its emphasis underscores blanked (see below)."""
        reported = set()
        for match in self._scan(self.leftover, spoken, "HAL201", wanted):
            start, end = _sentence(spoken, match.start(), match.end())
            if (start in reported or _quoted(document, prose[start:match.start()], match.start())
                    or _emphasized_mention(prose, start, end, match)
                    or self._any(self.sign_off, prose[start:end], "HAL201", wanted)):
                continue
            reported.add(start)
            yield self.diagnostic(document, "HAL201", start, end,
                                  f"chatbot leftover addressed to its user: {match.group()!r}")

    def _check_openings(self, document, prose: str, wanted):
        for match in self._scan(self.opening, prose, "HAL202", wanted):
            line_start = prose.rfind("\n", 0, match.start()) + 1
            if prose[line_start:match.start()].strip(_LINE_MARKUP) or _quoted(document, "", match.start()):
                continue  # not at the start of a line, or quoted
            yield self.diagnostic(document, "HAL202", match.start(), match.end(),
                                  f"line opens like a chatbot's reply: {match.group()!r}")

    # HAL301-HAL303: page chrome ----------------------------------------------------------------

    def _check_chrome(self, document, prose: str, short_lines):
        found = []  # (line number, code, message)
        for start, line in short_lines:
            if len(line) <= self.navigation_length and line.rstrip(":").rstrip().casefold() in self.navigation:
                found.append((document.position(start)[0], "HAL301", f"navigation line from a scraped page: {line!r}"))
            half = len(line) // 2
            if (len(line) % 2 == 0 and line[:half] == line[half:]
                    and next(self.finditer(self.doubled_brand.compiled, line, rule="HAL302"), None)):
                found.append((document.position(start)[0], "HAL302", f"brand name doubled, from a scraped page: {line!r}"))
        footer = self._title_footer(document, prose)
        if footer is not None:
            found.append((document.position(footer)[0], "HAL303",
                          "last line repeats the title with the page's section and site names"))
        chrome_lines = {number for number, _, _ in found}
        for number, code, message in found:
            start, end = _content_span(document, number)
            yield self.diagnostic(document, code, start, end, message,
                                  fix=Fix.delete(*_line_deletion(document, number, chrome_lines)))

    def _title_footer(self, document, prose: str):
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

    def _check_relative_dates(self, document, prose: str, wanted, posted: date | None):
        if self._is_diary(document):
            return
        reported = set()
        for match in self._scan(self.timestamp_line, prose, "HAL304", wanted):
            line_start, line_end = _line_bounds(prose, match.start(), match.end())
            if prose[line_start:match.start()].strip() or prose[match.end():line_end].strip():
                continue  # not a line of its own
            reported.add(line_start)
            yield self.diagnostic(document, "HAL304", match.start(), match.end(),
                                  f"scraped timestamp {match.group()!r}: relative to a day nobody knows")
        if posted is not None:
            return
        for match in self._scan(self.relative_date, prose, "HAL304", wanted):
            line_start = prose.rfind("\n", 0, match.start()) + 1
            if line_start in reported:  # already reported as a timestamp line
                continue
            yield self.diagnostic(document, "HAL304", match.start(), match.end(),
                                  f"relative date {match.group()!r} in a post with no date")

    def _is_diary(self, document) -> bool:
        metadata = document.metadata
        for key in ("type", "layout", "category", "categories", "tags"):
            values = metadata.get(key)
            values = values if isinstance(values, list) else [values]
            if any(isinstance(value, str) and value.casefold() in self.diary_values for value in values):
                return True
        return False

    # HAL401-HAL404: the model's machinery ------------------------------------------------------

    def _check_reasoning(self, document):
        # HTML blocks are not prose, so the reasoning is looked for in the text, outside code.
        text, blocks = document.text, []
        for match in self._scan(self.reasoning_block, text, "HAL401"):
            if _hidden(document, match.start()) or match.start() < document.body_start:
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            close = text.find("</details>", match.end())
            if close < 0:
                blocks.append((line_start, match.end()))
                yield self.diagnostic(document, "HAL401", match.start(), match.end(),
                                      "reasoning block exported from a chat (no closing </details>)")
                continue
            close += len("</details>")
            line_end = text.find("\n", close)
            line_end = len(text) if line_end < 0 else line_end
            # whole lines when the block has them to itself, else only the block
            delete_from = line_start if not text[line_start:match.start()].strip() else match.start()
            delete_to = min(line_end + 1, len(text)) if not text[close:line_end].strip() else close
            blocks.append((line_start, delete_to))
            yield self.diagnostic(document, "HAL401", match.start(), close,
                                  "the model's reasoning, exported from a chat, is part of the post",
                                  fix=Fix.delete(delete_from, delete_to))
        for match in self._scan(self.reasoning_line, text, "HAL401"):
            start = match.start()
            if (start < document.body_start or _hidden(document, start)
                    or any(low <= start < high for low, high in blocks)):
                continue
            blocks.append((start, start + 1))
            yield self.diagnostic(document, "HAL401", start, match.end(),
                                  f"the model's reasoning is part of the post: {match.group().strip()!r}")

    def _check_generation_moment(self, document, prose: str, wanted, posted: date | None):
        for match in self._scan(self.moment_stated, prose, "HAL402", wanted):
            start, end = _sentence(prose, match.start(), match.end())
            yield self.diagnostic(document, "HAL402", start, end,
                                  "states the moment the text was generated as if it were the reader's")
        if posted is None:
            return
        for match in self._scan(self.as_of, prose, "HAL402", wanted):
            year = int(match.group("year"))
            line_start, line_end = _line_bounds(prose, match.start(), match.end())
            if year > posted.year and not self._any(self.update_marker, prose[line_start:line_end], "HAL402"):
                yield self.diagnostic(document, "HAL402", match.start(), match.end(),
                                      f"{match.group()!r} in a post dated {posted.isoformat()}: "
                                      "the model's date, not the post's")

    def _check_citation_headings(self, document, short_lines):
        for start, line in short_lines:
            if len(line) > self.citation_heading_length:
                continue
            heading = line.lstrip("#").strip(" \t*_:#")
            if heading.casefold() in self.citation_headings:
                yield self.diagnostic(document, "HAL403", start, start + len(line),
                                      f"generated source list {heading!r}: check every source")

    def _check_translation_prompts(self, document, prose: str, wanted):
        title = _title_value(document)
        if title is not None:
            start, value = title
            for match in self._scan(self.translation_prompt, value, "HAL404", wanted):
                yield self.diagnostic(document, "HAL404", start + match.start(), start + match.end(),
                                      f"translation prompt in the title: {match.group().strip()!r}")
        for match in self._scan(self.translation_prompt, prose, "HAL404", wanted):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            yield self.diagnostic(document, "HAL404", start, match.end(),
                                  f"translation prompt left in the post: {match.group().strip()!r}")


LINTER = HallucinationsLinter


# -- helpers ----------------------------------------------------------------------------------

_SHORT_TEXT_SECTIONS = ("sign_off",)  # asked of single sentences, and full of short common words


def _place(section: str) -> str:
    """Where a built-in pattern is, as a compile error names it (``relative-dates.timestamp``)."""
    name, _, entry = section.partition(".")
    return f"rule pack {PACK}: section {name!r}" + (f", entry {entry!r}" if entry else "")


def _phrases(value, section: str, flags: int = 0, joined: bool = False) -> PhraseList:
    return PhraseList(value, _place(section), flags, joined)


def _lazy(source: str, section: str, flags: int = 0, trusted: bool = False):
    return lazy_pattern(source, _place(section), flags, trusted)


def _phrase_set(value) -> frozenset[str]:
    """Whole-line phrases of all languages, compared case-insensitively."""
    return frozenset(phrase.strip().casefold() for phrase in every_language(value))


def _host_set(hosts: list[str]) -> frozenset[str]:
    return frozenset(host.lower().rstrip(".") for host in hosts)


def _on_host(host: str, hosts: frozenset[str]) -> bool:
    """``host`` is one of ``hosts``, a subdomain of a placeholder host, or matches ``*.domain``."""
    if host in hosts:
        return True
    parts = host.split(".")
    return any(".".join(parts[index:]) in hosts or "*." + ".".join(parts[index:]) in hosts
               for index in range(1, len(parts) - 1))


def _youtube_video(segments: list[str], query: str) -> str | None:
    if segments == ["watch"]:
        return (parse_qs(query, keep_blank_values=True).get("v") or [None])[0]  # watch?list=… has no v
    if len(segments) >= 2 and segments[0] in _YOUTUBE_ID_PATHS:
        return segments[1]
    return None


def _short_lines(prose: str) -> list[tuple[int, str]]:
    """(offset, stripped text) of each non-blank line short enough to be a label or a heading."""
    lines = prose.split("\n")
    starts = map(add, accumulate(map(len, lines), initial=0), count())  # each newline adds one
    return [(start + len(line) - len(line.lstrip()), line.strip())
            for start, line in zip(starts, lines) if line and len(line) <= _SHORT_LINE_LENGTH and not line.isspace()]


_OPENING_QUOTES, _CLOSING_QUOTES = "“«„「『", "”»」』"  # ‘ ’ are apostrophes too often


def _quoted(document, before: str, offset: int) -> bool:
    """Whether the text at ``offset`` is a quotation: in a blockquote, or after an opening quote
    mark that ``before`` (its sentence up to there) does not close. Quoting a chatbot is not
    leaving its words in the post."""
    block = document.block_at(offset)
    if block is not None and block.kind == "blockquote":
        return True
    opened = sum(map(before.count, _OPENING_QUOTES)) - sum(map(before.count, _CLOSING_QUOTES))
    opened -= 2 * min(before.count("„"), before.count("“"))  # German „…“ closes with “
    return opened > 0 or before.count('"') % 2 == 1


def _without_underscore_emphasis(prose: str) -> str:
    """The prose with the underscores of `_emphasis_` blanked (same length): a phrase's ``\\b``
    does not match after ``_``, a word character. Underscores inside a word (`snake_case`) stay."""
    return _UNDERSCORE_EMPHASIS.sub(lambda found: " " * len(found.group()), prose) if "_" in prose else prose


def _emphasized_mention(prose: str, start: int, end: int, match) -> bool:
    """Whether the match is set in emphasis within a sentence (``prose[start:end]``) that goes on
    outside it (`the closing line, *Let me know if you'd like more*, gives it away`): a phrase
    talked about, not said. A sentence emphasized whole is still the assistant's."""
    for emphasis in _EMPHASIS.finditer(prose, start, end):
        if emphasis.start() <= match.start() and match.end() <= emphasis.end():
            return bool(_LETTER.search(prose[start:emphasis.start()]) or _LETTER.search(prose[emphasis.end():end]))
    return False


def _content_span(document, number: int) -> tuple[int, int]:
    """The span of a line's text without its indent."""
    text = document.line_text(number)
    start = document.line_starts[number - 1]
    return start + len(text) - len(text.lstrip()), start + len(text)


def _line_deletion(document, number: int, chrome_lines: set[int]) -> tuple[int, int]:
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


def _hidden(document, offset: int) -> bool:
    """In code or in an HTML comment: not shown to readers as text."""
    return document.in_code(offset) or any(comment.start <= offset < comment.end for comment in document.html_comments)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end (before the newline) of the line(s) holding ``text[start:end]``."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _sentence(prose: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around ``prose[start:end]``, within its line."""
    line_start, line_end = _line_bounds(prose, start, end)
    sentence_start = line_start
    for boundary in _SENTENCE_END.finditer(prose, line_start, start):
        sentence_start = boundary.end()
    following = _SENTENCE_END.search(prose, max(start, end - 1), line_end)  # the match may end the sentence
    sentence_end = following.end() if following else line_end
    while sentence_start < start and prose[sentence_start].isspace():
        sentence_start += 1
    while sentence_end > end and prose[sentence_end - 1].isspace():
        sentence_end -= 1
    return sentence_start, sentence_end


def _post_date(document, keys: list[str]) -> date | None:
    """The post's date: the latest of the front matter ``keys`` (a date and its updates), else
    the ``YYYY-MM-DD-`` of its file name."""
    dates = [found for found in map(_date_value, (document.metadata.get(key) for key in keys)) if found]
    if dates:
        return max(dates)
    match = _FILE_DATE.match(PurePath(document.path).name)
    return _date(*match.groups()) if match else None


def _date_value(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return _date(*re.findall(r"\d+", value)[:3])
    return None


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _title_value(document) -> tuple[int, str] | None:
    """(offset, text) of the front matter ``title`` value, without its quotes."""
    front = document.front_matter
    if front is None:
        return None
    match = re.search(r"^title:[ \t]*(['\"]?)(.*?)\1[ \t]*$", front.source, re.M)
    if not match or not match.group(2):
        return None
    return front.content_start + match.start(2), match.group(2)
