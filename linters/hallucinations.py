"""The hallucinations linter (HAL): what a model invents or leaves behind in a post.

Identifiers and URLs that cannot exist (shapes checked in ``linters.identifiers``), placeholder
links, a chat assistant's words to its user, page chrome copied with a scraped article, and the
model's own machinery (reasoning, the moment of generation, its citation lists, translation
prompts). Phrases, hosts and patterns are data in ``rules/hallucinations.yaml``.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import PurePath
from urllib.parse import parse_qs, unquote, urlsplit

import regex

from . import identifiers
from .diagnostics import Fix
from .registry import Linter
from .rulepacks import RulePackError, compile_pattern

PACK = "rules/hallucinations.yaml"
# A sentence ends at . ! ? before a space and a capital (not after a one-letter abbreviation
# such as "z. B." or "e.g."), or at a CJK full stop.
_SENTENCE_END = regex.compile(r"(?<!\b\p{L})[.!?]+(?=\s+[\p{Lu}¡¿\"«“„]|\s*\[|\s*$)|[。！？]")
_FILE_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})-")
_ISO_YEAR = re.compile(r"\s*(\d{4})-\d{1,2}-\d{1,2}")
_YOUTUBE_ID_PATHS = ("shorts", "embed", "live", "v", "e")
_NOT_VIDEO_IDS = {"videoseries"}  # /embed/videoseries?list=… embeds a playlist


class HallucinationsLinter(Linter):
    name = "hallucinations"
    pack = "hallucinations"

    # -- data --------------------------------------------------------------------------------

    def setup(self) -> None:
        data = self.data
        self.hosts = {kind: _host_set(_strings(hosts, f"identifier-hosts.{kind}"))
                      for kind, hosts in _mapping(data.get("identifier-hosts"), "identifier-hosts").items()}
        mentions = _mapping(data.get("identifier-mentions"), "identifier-mentions")
        self.mentions = {kind: _compile(source, f"identifier-mentions.{kind}", regex.I)
                         for kind, source in mentions.items()}
        self.path_shapes = [self._path_shape(entry, index)
                            for index, entry in enumerate(_list(data.get("path-shapes"), "path-shapes"))]
        self.placeholder_hosts = _host_set(_strings(data.get("placeholder-hosts"), "placeholder-hosts"))
        self.placeholder_destination = _alternation(data.get("placeholder-destinations"),
                                                    "placeholder-destinations", regex.I)
        self.placeholder_text = _alternation(data.get("placeholder-text"), "placeholder-text")
        self.leftover = _alternation(data.get("chatbot-leftovers"), "chatbot-leftovers", regex.I)
        self.sign_off = _alternation(data.get("human-sign-off-markers"), "human-sign-off-markers", regex.I)
        speakers = "|".join(map(regex.escape, _strings(data.get("transcript-speakers"), "transcript-speakers")))
        self.transcript = _compile(rf"^[ \t*_]*(?:{speakers})[ \t*_]*[:：]", "transcript-speakers", regex.M)
        self.opening = _alternation(data.get("chatbot-openings"), "chatbot-openings", regex.I | regex.M,
                                    wrap=r"^[ \t>*_]*(?:{})")
        self.navigation = _line_of(data.get("navigation-lines"), "navigation-lines")
        self.doubled_brand = _compile(data.get("doubled-brand"), "doubled-brand", regex.M)
        self.title_separator = data.get("title-footer-separator")
        if not isinstance(self.title_separator, str) or not self.title_separator.strip():
            raise RulePackError(f"{PACK}: 'title-footer-separator' must be a non-empty string")
        dates = _mapping(data.get("relative-dates"), "relative-dates")
        self.timestamp_line = _alternation(dates.get("timestamp"), "relative-dates.timestamp",
                                           regex.I | regex.M, wrap=r"^[ \t]*(?:{})[ \t]*$")
        self.relative_date = _alternation(dates.get("relative"), "relative-dates.relative", regex.I)
        self.diary_values = {value.casefold() for value in _strings(data.get("diary-values"), "diary-values")}
        reasoning = _mapping(data.get("reasoning"), "reasoning")
        self.reasoning_block = _alternation(reasoning.get("blocks"), "reasoning.blocks", regex.I)
        self.reasoning_line = _alternation(reasoning.get("lines"), "reasoning.lines", regex.I | regex.M)
        moment = _mapping(data.get("generation-moment"), "generation-moment")
        self.moment_stated = _alternation(moment.get("stated"), "generation-moment.stated", regex.I)
        self.as_of = _alternation(moment.get("as-of"), "generation-moment.as-of", regex.I)
        self.citation_heading = _alternation(
            _escaped(data.get("unchecked-citation-headings"), "unchecked-citation-headings"),
            "unchecked-citation-headings", regex.I | regex.M,
            wrap=r"^[ \t]*(?:#{{1,6}}[ \t]+)?(?:\*\*|__)?(?:{})(?:\*\*|__)?[ \t]*:?[ \t]*#*[ \t]*$")
        self.translation_prompt = _alternation(data.get("translation-prompts"), "translation-prompts",
                                               regex.I | regex.M)

    def _path_shape(self, entry, index: int):
        where = f"path-shapes[{index}]"
        if not isinstance(entry, dict):
            raise RulePackError(f"{PACK}: {where} must be a mapping with name, hosts, impossible, reason")
        for key in ("name", "reason"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise RulePackError(f"{PACK}: {where}.{key} must be a non-empty string")
        hosts = _strings(entry.get("hosts"), f"{where}.hosts")
        return (entry["name"], _host_set(hosts), _compile(entry.get("impossible"), f"{where}.impossible"),
                entry["reason"])

    # -- the check ---------------------------------------------------------------------------

    def check(self, document):
        prose = document.prose
        yield from self._check_urls(document)
        yield from self._check_identifier_mentions(document, prose)
        yield from self._check_placeholder_text(document, prose)
        if not self._first(self.transcript, prose, "HAL201"):
            yield from self._check_leftovers(document, prose)
            yield from self._check_openings(document, prose)
        yield from self._check_chrome(document, prose)
        yield from self._check_relative_dates(document, prose)
        yield from self._check_reasoning(document)
        yield from self._check_generation_moment(document, prose)
        yield from self._check_citation_headings(document, prose)
        yield from self._check_translation_prompts(document, prose)

    def _first(self, pattern, text: str, rule: str):
        return next(self.finditer(pattern, text, rule=rule), None)

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
            for code, message in self._url_problems(url):
                yield self.diagnostic(document, code, start, end, message)
                break

    def _url_problems(self, url: str):
        """(code, message) for each reason the URL cannot be real; the first one is reported."""
        if self._first(self.placeholder_destination, url, "HAL101"):
            yield "HAL101", f"placeholder link destination {url!r}"
            return
        try:
            parts = urlsplit(url if "//" in url else "//" + url)
            host = (parts.hostname or "").lower().rstrip(".")
        except ValueError:
            return
        if not host:
            return
        if _on_host(host, self.placeholder_hosts):
            yield "HAL101", f"placeholder link to {host}: replace it with the real source"
            return
        path = unquote(parts.path)
        problem = self._identifier_problem(host, path, parts.query)
        if problem:
            yield problem
        for name, hosts, impossible, reason in self.path_shapes:
            if _on_host(host, hosts) and self._first(impossible, path, "HAL006"):
                yield "HAL006", f"{name} has no page {path!r}: {reason}"
        isbn = self._first(self.mentions["isbn-url"], url, "HAL005") if "isbn-url" in self.mentions else None
        if isbn:
            problem = identifiers.isbn_problem(isbn.group("id"))
            if problem:
                yield "HAL005", problem

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
            for match in self.finditer(pattern, prose, rule=code):
                problem = problem_of(match.group("id"))
                if problem:
                    yield self.diagnostic(document, code, match.start(), match.end(), problem)

    # HAL101: placeholder text ------------------------------------------------------------------

    def _check_placeholder_text(self, document, prose: str):
        # `<url>` is an HTML tag to the Markdown parser, so it is looked for outside code, not in prose.
        text = document.text
        link_starts = {link.start for link in document.links}
        for match in self.finditer(self.placeholder_text, text, rule="HAL101"):
            start = match.start()
            if start < document.body_start or document.in_code(start):
                continue
            if match.group().startswith("[") and not document.is_prose(start):
                continue
            if start in link_starts:  # `[link]` with a reference definition is a real link
                continue
            yield self.diagnostic(document, "HAL101", start, match.end(),
                                  f"placeholder {match.group()!r} where a link should be")

    # HAL201, HAL202: the assistant speaking to its user ----------------------------------------

    def _check_leftovers(self, document, prose: str):
        reported = set()
        for match in self.finditer(self.leftover, prose, rule="HAL201"):
            start, end = _sentence(prose, match.start(), match.end())
            if start in reported or self._first(self.sign_off, prose[start:end], "HAL201"):
                continue
            reported.add(start)
            yield self.diagnostic(document, "HAL201", start, end,
                                  f"chatbot leftover addressed to its user: {match.group()!r}")

    def _check_openings(self, document, prose: str):
        for match in self.finditer(self.opening, prose, rule="HAL202"):
            start = match.start() + len(match.group()) - len(match.group().lstrip(" \t>*_"))
            yield self.diagnostic(document, "HAL202", start, match.end(),
                                  f"paragraph opens like a chatbot's reply: {prose[start:match.end()]!r}")

    # HAL301-HAL303: page chrome ----------------------------------------------------------------

    def _check_chrome(self, document, prose: str):
        for code, pattern, what in (("HAL301", self.navigation, "navigation line"),
                                    ("HAL302", self.doubled_brand, "brand name doubled")):
            for match in self.finditer(pattern, prose, rule=code):
                yield self._line_finding(document, code, match.start(),
                                         f"{what} from a scraped page: {match.group().strip()!r}")
        footer = self._title_footer(document, prose)
        if footer is not None:
            yield self._line_finding(document, "HAL303", footer,
                                     "last line repeats the title with the page's section and site names")

    def _line_finding(self, document, code: str, offset: int, message: str):
        line, _ = document.position(offset)
        start = document.line_starts[line - 1]
        text = document.line_text(line)
        content_start = start + len(text) - len(text.lstrip())
        end_of_line = start + len(text)
        delete_to = min(end_of_line + 1, len(document.text))
        return self.diagnostic(document, code, content_start, end_of_line, message,
                               fix=Fix.delete(start, delete_to))

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

    def _check_relative_dates(self, document, prose: str):
        if self._is_diary(document):
            return
        reported = set()
        for match in self.finditer(self.timestamp_line, prose, rule="HAL304"):
            reported.add(match.start())
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            yield self.diagnostic(document, "HAL304", start, match.start() + len(match.group().rstrip()),
                                  f"scraped timestamp {match.group().strip()!r}: relative to a day nobody knows")
        if _post_date(document) is not None:
            return
        for match in self.finditer(self.relative_date, prose, rule="HAL304"):
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
        for match in self.finditer(self.reasoning_block, text, rule="HAL401"):
            if document.in_code(match.start()) or match.start() < document.body_start:
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
            delete_to = len(text) if line_end < 0 else line_end + 1
            blocks.append((line_start, delete_to))
            yield self.diagnostic(document, "HAL401", match.start(), close,
                                  "the model's reasoning, exported from a chat, is part of the post",
                                  fix=Fix.delete(line_start, delete_to))
        for match in self.finditer(self.reasoning_line, text, rule="HAL401"):
            start = match.start()
            if (start < document.body_start or document.in_code(start)
                    or any(low <= start < high for low, high in blocks)):
                continue
            blocks.append((start, start + 1))
            yield self.diagnostic(document, "HAL401", start, match.end(),
                                  f"the model's reasoning is part of the post: {match.group().strip()!r}")

    def _check_generation_moment(self, document, prose: str):
        for match in self.finditer(self.moment_stated, prose, rule="HAL402"):
            start, end = _sentence(prose, match.start(), match.end())
            yield self.diagnostic(document, "HAL402", start, end,
                                  "states the moment the text was generated as if it were the reader's")
        posted = _post_date(document)
        if posted is None:
            return
        for match in self.finditer(self.as_of, prose, rule="HAL402"):
            year = int(match.group("year"))
            if year > posted.year:
                yield self.diagnostic(document, "HAL402", match.start(), match.end(),
                                      f"{match.group()!r} in a post dated {posted.isoformat()}: "
                                      "the model's date, not the post's")

    def _check_citation_headings(self, document, prose: str):
        for match in self.finditer(self.citation_heading, prose, rule="HAL403"):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            yield self.diagnostic(document, "HAL403", start, match.end(),
                                  f"generated source list {match.group().strip(' #*_:')!r}: check every source")

    def _check_translation_prompts(self, document, prose: str):
        title = _title_value(document)
        if title is not None:
            start, value = title
            for match in self.finditer(self.translation_prompt, value, rule="HAL404"):
                yield self.diagnostic(document, "HAL404", start + match.start(), start + match.end(),
                                      f"translation prompt in the title: {match.group().strip()!r}")
        for match in self.finditer(self.translation_prompt, prose, rule="HAL404"):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            yield self.diagnostic(document, "HAL404", start, match.end(),
                                  f"translation prompt left in the post: {match.group().strip()!r}")


LINTER = HallucinationsLinter


# -- helpers ----------------------------------------------------------------------------------

def _mapping(value, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RulePackError(f"{PACK}: '{where}' must be a mapping")
    return value


def _list(value, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RulePackError(f"{PACK}: '{where}' must be a list")
    return value


def _strings(value, where: str) -> list[str]:
    """A list of strings, or a mapping of languages to lists of strings, flattened."""
    if isinstance(value, dict):
        return [item for language, items in value.items() for item in _strings(items, f"{where}.{language}")]
    items = _list(value, where)
    for item in items:
        if not isinstance(item, str) or not item:
            raise RulePackError(f"{PACK}: '{where}' must hold non-empty strings, not {item!r}")
    return items


def _escaped(value, where: str) -> list[str]:
    return [regex.escape(phrase) for phrase in _strings(value, where)]


def _compile(source, where: str, flags: int = 0):
    return compile_pattern(source, f"{PACK}: {where}", flags)


def _alternation(value, where: str, flags: int = 0, wrap: str = "{}"):
    """One pattern matching any of a section's patterns; each is checked on its own first."""
    sources = value if isinstance(value, list) and all(isinstance(v, str) for v in value) else _strings(value, where)
    if not sources:
        return _compile(r"(?!)", where)  # the section was emptied by the user: matches nothing
    for source in sources:
        _compile(source, where, flags)
    return _compile(wrap.format("|".join(f"(?:{source})" for source in sources)), where, flags)


def _line_of(value, where: str):
    """A pattern for a line made only of one of the phrases (and optional trailing colon)."""
    return _alternation(_escaped(value, where), where, regex.I | regex.M, wrap=r"^[ \t]*(?:{})[ \t]*:?[ \t]*$")


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
        return (parse_qs(query).get("v") or [""])[0]
    if len(segments) >= 2 and segments[0] in _YOUTUBE_ID_PATHS:
        return segments[1]
    return None


def _sentence(prose: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence around ``prose[start:end]``, within its line."""
    line_start = prose.rfind("\n", 0, start) + 1
    line_end = prose.find("\n", end)
    line_end = len(prose) if line_end < 0 else line_end
    sentence_start = line_start
    for boundary in _SENTENCE_END.finditer(prose, line_start, start):
        sentence_start = boundary.end()
    following = _SENTENCE_END.search(prose, end, line_end)
    sentence_end = following.end() if following else line_end
    while sentence_start < start and prose[sentence_start].isspace():
        sentence_start += 1
    while sentence_end > end and prose[sentence_end - 1].isspace():
        sentence_end -= 1
    return sentence_start, sentence_end


def _post_date(document) -> date | None:
    """The post's date: front matter ``date``, else the ``YYYY-MM-DD-`` of its file name."""
    value = document.metadata.get("date")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        match = _ISO_YEAR.match(value)
        if match:
            return _date(*re.findall(r"\d+", value)[:3])
    match = _FILE_DATE.match(PurePath(document.path).name)
    return _date(*match.groups()) if match else None


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
