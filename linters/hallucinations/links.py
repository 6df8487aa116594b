"""Links and identifiers (HAL001-HAL006, HAL101): URLs and identifiers that cannot exist (their
shapes are checked in ``linters.identifiers``), and placeholders where a link should be."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote

import regex

from .. import identifiers
from ..packs.sections import ListOf, MappingOf, PerLanguage, Record, Section, Text
from ..patterns.phrases import PhraseList
from ..patterns.sections import PATTERN, PATTERNS
from .group import RuleGroup, lazy, phrases, place
from .post import hidden

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

Problem = tuple[str, str]  # (code, message)
Shape = tuple[str, "Phrase", str]  # (site name, impossible path pattern, reason)


class Links(RuleGroup):
    sections = (
        Section("identifier-mentions", MappingOf(PATTERN)),
        Section("path-shapes", ListOf(Record({"name": Text(), "hosts": _TEXTS, "impossible": PATTERN, "reason": Text()},
                                             required=("name", "hosts", "impossible", "reason")))),
        Section("placeholder-hosts", _TEXTS), Section("placeholder-destinations", PerLanguage(PATTERNS)),
        Section("placeholder-text", PerLanguage(PATTERNS)),
    )

    def setup(self, data: dict) -> None:
        self.hosts = identifiers.hosts()
        self.mentions = {kind: PhraseList([source], place(f"identifier-mentions.{kind}"), regex.I)
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
        isbn_url = self.mentions.get("isbn-url")
        isbn = self.first(isbn_url, url, "HAL005") if isbn_url else None
        if isbn:
            isbn_problem = identifiers.isbn_problem(isbn.group("id"))
            if isbn_problem:
                yield "HAL005", isbn_problem

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
            for match in self.scan(pattern, post.prose, code):
                problem = problem_of(match.group("id"))
                if problem:
                    yield self.diagnostic(post.document, code, match.start(), match.end(), problem)

    # HAL101: placeholder text ------------------------------------------------------------------

    def _check_placeholder_text(self, post: Post) -> Iterator[Diagnostic]:
        # `<url>` is an HTML tag to the Markdown parser, so it is looked for outside code, not in prose.
        document = post.document
        link_starts = {link.start for link in document.links}
        for match in self.scan(self.placeholder_text, document.text, "HAL101"):
            start = match.start()
            if start < document.body_start or hidden(document, start):
                continue
            if match.group().startswith("[") and not document.is_prose(start):
                continue
            if start in link_starts:  # `[link]` with a reference definition is a real link
                continue
            yield self.diagnostic(document, "HAL101", start, match.end(),
                                  f"placeholder {match.group()!r} where a link should be")


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
