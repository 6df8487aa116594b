"""Links and identifiers (HAL001-HAL006, HAL101): URLs and identifiers that cannot exist (their
shapes are checked in ``linters.identifiers``), and placeholders where a link should be."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote

import regex

from .. import identifiers
from ..packs.sections import ListOf, MappingOf, PerLanguage, Record, Section, Text
from ..patterns.alternation import openings
from ..patterns.deferred import deferred
from ..patterns.phrases import PhraseList
from ..patterns.sections import PATTERN, PATTERNS
from ..patterns.search import is_trusted, trust_composed
from .group import RuleGroup, lazy, phrases, place
from .post import hidden
from .voice import leading_choices

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic
    from ..patterns.phrases import Phrase
    from .post import Post

_TEXTS = ListOf(Text())
# scheme (optional), user info, host, port, path, query: urlsplit is four times slower, and
# changelogs hold thousands of links
_URL_PARTS = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//(?:[^/?#@]*@)?(?P<host>\[[^\]]*\]|[^/?#:]*)(?::\d*)?"
                        r"(?P<path>[^?#]*)(?:\?(?P<query>[^#]*))?")
_YOUTUBE_ID_PATHS = ("shorts", "embed", "live", "v", "e")
_NOT_VIDEO_IDS = {"videoseries"}  # /embed/videoseries?list=… embeds a playlist
_REMEMBERED_URLS = 10_000  # problems of this many URLs are kept at most (a changelog has thousands)
_MENTIONS = (("arxiv", "HAL002", identifiers.arxiv_id_problem), ("doi", "HAL004", identifiers.doi_problem),
             ("isbn", "HAL005", identifiers.isbn_problem))
# identifiers read off a URL (the `identifier-mentions` of these kinds)
_IN_URLS = (("isbn-url", "HAL005", identifiers.isbn_problem), ("isbn-amazon", "HAL005", identifiers.isbn_problem),
            ("gtin-url", "HAL102", identifiers.gtin_problem))
_DIGITS = deferred(r"\D")
_HEX_RUN = re.compile(r"[0-9A-Fa-f]{16,}")
_COUNTING = "01234567890"
_HEX_COUNTING = "0123456789abcdef0123456"
_PLACEHOLDER_RUN = 6  # digits counting up or down, or one digit repeated, that no real number holds

Problem = tuple[str, str]  # (code, message)
Shape = tuple[str, "Phrase", str]  # (site name, impossible path pattern, reason)


class Links(RuleGroup):
    sections = (
        Section("identifier-mentions", MappingOf(PATTERN)),
        Section("path-shapes", ListOf(Record({"name": Text(), "hosts": _TEXTS, "impossible": PATTERN, "reason": Text()},
                                             required=("name", "hosts", "impossible", "reason")))),
        Section("placeholder-hosts", _TEXTS), Section("placeholder-destinations", PerLanguage(PATTERNS)),
        Section("placeholder-text", PerLanguage(PATTERNS)), Section("number-links", PATTERNS),
    )

    def setup(self, data: dict) -> None:
        self.hosts = identifiers.hosts()
        self.mentions = {kind: PhraseList(_choices(source), place(f"identifier-mentions.{kind}"), regex.I)
                         for kind, source in data["identifier-mentions"].items()}
        self.path_shapes = [(entry["name"], _host_set(entry["hosts"]),
                             lazy(entry["impossible"], f"path-shapes[{index}].impossible"), entry["reason"])
                            for index, entry in enumerate(data["path-shapes"])]
        self.placeholder_hosts = _host_set(data["placeholder-hosts"])
        self._rules_by_host: dict[str, tuple[bool, list[Shape]]] = {}
        self._problem_by_url: dict[str, Problem | None] = {}
        self.placeholder_destination = phrases(data["placeholder-destinations"], "placeholder-destinations",
                                               regex.I, joined=True)
        self.placeholder_text = phrases(data["placeholder-text"], "placeholder-text", regex.I)
        self.number_links = phrases(data["number-links"], "number-links", regex.I)  # each with its literals: few URLs are phones
        self._openings: dict[str, tuple[str, ...] | None] = {}  # placeholder-text's, as first searched

    def gated(self) -> list[PhraseList]:
        """The lists of identifiers mentioned in prose too: searched in each post's prose."""
        return [*super().gated(), *(self.mentions[kind] for kind, _, _ in _MENTIONS if kind in self.mentions)]

    def check(self, post: Post) -> Iterator[Diagnostic]:
        yield from self._check_urls(post)
        yield from self._check_identifier_mentions(post)
        yield from self._check_placeholder_text(post)

    # HAL001-HAL006, HAL101: URLs and link destinations -------------------------------------

    def _check_urls(self, post: Post) -> Iterator[Diagnostic]:
        document, seen = post.document, set()
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

    def _url_problem(self, url: str) -> Problem | None:
        """The first reason the URL cannot be real, remembered: a site links to the same pages
        from many posts (the shared corpus has each URL about ten times)."""
        cache = self._problem_by_url
        if url not in cache:
            if len(cache) >= _REMEMBERED_URLS:
                cache.clear()
            cache[url] = next(self._url_problems(url), None)
        return cache[url]

    def _url_problems(self, url: str) -> Iterator[Problem]:
        """(code, message) for each reason the URL cannot be real; the first one is reported."""
        if self.first(self.placeholder_destination, url, "HAL101"):
            yield "HAL101", f"placeholder link destination {url!r}"
            return
        number = self.first(self.number_links, url, "HAL102")
        if number and _counting_or_repeated(_DIGITS.sub("", number.group("number"))):
            yield "HAL102", f"placeholder number {number.group('number')!r} in a phone or chat link"
            return
        parts = _URL_PARTS.match(url if "//" in url else "//" + url)  # www.example.com/… has no scheme
        host = parts.group("host").lower().rstrip(".") if parts else ""
        if not parts or not host:
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
            if next(self.search(impossible.compiled, path, "HAL006"), None):
                yield "HAL006", f"{name} has no page {path!r}: {reason}"
        for kind, code, problem_of in _IN_URLS:
            pattern = self.mentions.get(kind)
            found = self.first(pattern, url, code) if pattern else None
            id_problem = problem_of(found.group("id")) if found else None
            if id_problem:
                yield code, id_problem
        hex_id = _placeholder_hex(path, parts.group("query") or "")
        if hex_id:
            yield "HAL102", f"placeholder identifier {hex_id!r}: a block of digits repeated or counted"

    def _host_rules(self, host: str) -> tuple[bool, list[Shape]]:
        """Whether a host is a placeholder, and the path shapes that apply to it (remembered:
        a post links to few hosts, many times)."""
        rules = self._rules_by_host.get(host)
        if rules is None:
            shapes = [(name, impossible, reason) for name, hosts, impossible, reason in self.path_shapes
                      if _on_host(host, hosts)]
            rules = self._rules_by_host[host] = (_on_host(host, self.placeholder_hosts), shapes)
        return rules

    def _identifier_problem(self, host: str, path: str, query: str) -> Problem | None:
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

    def _check_identifier_mentions(self, post: Post) -> Iterator[Diagnostic]:
        for kind, code, problem_of in _MENTIONS:
            pattern = self.mentions.get(kind)
            if pattern is None:
                continue
            for match in self.scan(pattern, post.prose, code, post):
                problem = problem_of(match.group("id"))
                if problem:
                    yield self.diagnostic(post.document, code, match.start(), match.end(), problem)

    # HAL101: placeholder text ------------------------------------------------------------------

    def _check_placeholder_text(self, post: Post) -> Iterator[Diagnostic]:
        # `<url>` is an HTML tag to the Markdown parser, so it is looked for outside code, not in prose.
        document = post.document
        link_starts = {link.start for link in document.links}
        # searched without the literal prefilter: the text (not the prose) would be one more
        # haystack to build, and `[` ends the few texts these patterns match
        text = document.text
        matches = [match for entry in self.placeholder_text.select(None) if self._may_start(entry.source, text)
                   for match in self.search(entry.compiled, text, "HAL101")]
        for match in sorted(matches, key=lambda match: match.start()):
            start = match.start()
            if start < document.body_start or hidden(document, start):
                continue
            if match.group().startswith("[") and not document.is_prose(start):
                continue
            if start in link_starts:  # `[link]` with a reference definition is a real link
                continue
            yield self.diagnostic(document, "HAL101", start, match.end(),
                                  f"placeholder {match.group()!r} where a link should be")

    def _may_start(self, source: str, text: str) -> bool:
        """Whether ``text`` holds one of the characters that every match of ``source`` starts
        with (a post without `<` has no `<url>`): looked for at memory speed, where a search
        reads every character. The openings of a case-insensitive pattern count only when they
        have no other case."""
        if source not in self._openings:
            found = openings(source, single=True)
            self._openings[source] = found if found and all(
                character.lower() == character == character.upper() for opening in found for character in opening) else None
        found = self._openings[source]
        return found is None or any(opening in text for opening in found)


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
        videos = parse_qs(query, keep_blank_values=True).get("v")
        return videos[0] if videos else None  # watch?list=… has no v
    if len(segments) >= 2 and segments[0] in _YOUTUBE_ID_PATHS:
        return segments[1]
    return None


def _counting_or_repeated(digits: str) -> bool:
    """A phone number a model made up: a run of six digits counting up or down (`123456`,
    `987654`) or one digit repeated (`000000`), or a US number of the 555-01XX range kept
    for fiction."""
    if len(digits) < 7:
        return False
    for start in range(len(digits) - _PLACEHOLDER_RUN + 1):
        run = digits[start:start + _PLACEHOLDER_RUN]
        if run in _COUNTING or run[::-1] in _COUNTING or run == run[0] * _PLACEHOLDER_RUN:
            return True
    return len(digits) in (10, 11) and digits[-7:-2] == "55501" and (len(digits) == 10 or digits[0] == "1")


def _placeholder_hex(path: str, query: str) -> str | None:
    """A long hex identifier in a URL (16 digits or more, a UUID's dashes aside) that is one
    block repeated (`abcd1234abcd1234…`, `0000…`) or holds eight digits counting up or down
    (`12345678-1234-…`): what a model writes for an id it does not have."""
    for found in _HEX_RUN.finditer((path + "?" + query).replace("-", "")):
        text = found.group().lower()
        for period in range(1, len(text) // 2 + 1):
            if len(text) % period == 0 and text == text[:period] * (len(text) // period):
                return found.group()
        for start in range(len(text) - 7):
            window = text[start:start + 8]
            if window in _HEX_COUNTING or window[::-1] in _HEX_COUNTING:
                return found.group()
    return None


def _choices(source: str) -> list[str]:
    """A mention pattern as one pattern per alternative it starts with (`EAN|UPC|GTIN`), each
    found by skipping ahead to its literal, trusted as the built-in source is."""
    patterns = leading_choices(source)
    if len(patterns) > 1 and is_trusted(source):
        for pattern in patterns:
            trust_composed(pattern)
    return patterns
