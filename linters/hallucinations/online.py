"""Online citations (HAL501-HAL504): what a post cites that only the network can judge.

Offline this group finds nothing. ``copydesk check --online`` (``linters.online``) asks it what
each post cites (``targets``: every http(s) URL of the prose, and every YouTube video, arXiv
paper and DOI, linked or written as ``arXiv:…``/``doi:…``), asks the network once per distinct
target, and reports through it. What is not checked: URLs inside code (the document's links and
URLs are prose only), URLs and identifiers the offline rules already prove impossible (HAL001-
HAL006, HAL101), and hosts that name no public site (``unchecked-hosts``: ``localhost``,
private addresses, reserved names).
"""
from __future__ import annotations

import re
from collections import namedtuple
from urllib.parse import quote, unquote, urlsplit

from .. import identifiers
from ..document.blocks import normalize_label
from ..packs.sections import ListOf, Section, Text
from ..patterns.deferred import deferred
from .group import RuleGroup, phrase_set
from .links import Links

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic
    from ..document import Document
    from .post import Post

ONLINE_RULES = frozenset(("HAL501", "HAL502", "HAL503", "HAL504"))
_DEFINITION_DESTINATION = deferred(r"[ \t]{0,3}\[[^\]]*\]:[ \t]*\n?[ \t]*(<[^<>\n]*>|\S+)")
_LETTERS = deferred(r"[^\W\d_]+")
_IDENTIFIER_TEXT = deferred(r"(?i)(?:arxiv:?\s*|doi:?\s*)?[\w./:-]*\d[\w./:-]*")
_MIN_TITLE_WORDS = 2


class Target(namedtuple("Target", "kind key url start end text image")):
    """One thing a post cites: ``kind`` ``page`` (any other URL), ``youtube``, ``arxiv`` or
    ``doi``; ``key``, what is asked (the URL without its fragment, or the identifier: a
    video id, an arXiv id as written, a DOI in lower case); ``url``, the URL as written (None
    for an identifier written in prose); ``start``/``end``, its span in the post (what a fix
    replaces); ``text``, the link's text, when there is one; ``image``: an image's source."""

    __slots__ = ()


class OnlineCitations(RuleGroup):
    sections = (Section("untitled-link-texts", ListOf(Text()), per_language=True),
                Section("untitled-link-words", ListOf(Text()), per_language=True),
                Section("translated-title-words", ListOf(Text()), per_language=True),
                Section("unchecked-hosts", ListOf(Text())))
    codes = ONLINE_RULES

    def setup(self, data: dict) -> None:
        self.untitled = phrase_set(data["untitled-link-texts"])
        self.untitled_words = phrase_set(data["untitled-link-words"])
        translated = data["translated-title-words"]
        self.translated_words = {language: frozenset(word.casefold() for word in words)
                                 for language, words in (translated.items() if isinstance(translated, dict) else ())}
        self.unchecked_hosts = frozenset(host.lower().lstrip("*.").rstrip(".") for host in data["unchecked-hosts"])
        self.placeholder_hosts = frozenset(host.lower().rstrip(".") for host in data["placeholder-hosts"])

    def check(self, post: Post) -> Iterator[Diagnostic]:
        return iter(())  # only ``linters.online`` reports these rules

    # -- what a post cites ------------------------------------------------------------------

    def targets(self, document: Document) -> list[Target]:
        """Every URL and identifier of the post's prose worth asking the network about, in
        order of position, each once (a URL written twice in the post is two targets)."""
        found: dict[int, Target] = {}
        texts = {link.dest_start: (document.text[link.text_start:link.text_end], link.image)
                 for link in document.links if link.kind in ("inline", "autolink")}
        for url in document.urls:
            text, image = texts.get(url.start, (None, False))
            self._add(found, url.url, url.start, url.end, text if text != url.url else None, image)
        for start, end, url, text, image in _definitions(document):
            self._add(found, url, start, end, text, image)
        links = self._links()  # the offline rules' patterns of identifiers
        prose = document.prose
        for kind in ("arxiv", "doi"):
            mention = links.mentions.get(kind)
            for phrase in mention.select(None) if mention else ():
                for match in self.linter.finditer(phrase.compiled, prose, "HAL502"):
                    target = self._mention(kind, match.group("id"), match.start(), match.end())
                    if target is not None and not _inside_link(document, match.start()):
                        found.setdefault(match.start(), target)
        return [found[start] for start in sorted(found)]

    def _add(self, found: dict, url: str, start: int, end: int, text: str | None, image: bool) -> None:
        target = self._url_target(url, start, end, None if image else text, image)
        if target is not None:
            found.setdefault(start, target)

    def _url_target(self, url: str, start: int, end: int, text: str | None, image: bool) -> Target | None:
        written = url
        if url[:4].lower() == "www.":
            url = "http://" + url  # as CommonMark's autolink extension reads it
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").rstrip(".")
            parts.port  # a port that is not a number raises here
        except ValueError:
            return None
        if parts.scheme.lower() not in ("http", "https") or not host or not self._public(host):
            return None
        if self._links()._url_problem(written):  # HAL001-HAL006, HAL101 report it offline
            return None
        identified = identifiers.in_url(host, unquote(parts.path) if _is_doi_host(host) else parts.path,
                                        parts.query)
        if identified is not None and not image:
            label, key = identified
            kind = _KIND_OF_LABEL.get(label)
            if kind is not None and _possible(kind, key):
                return Target(kind, key, written, start, end, text, False)
        return Target("page", url.split("#", 1)[0], written, start, end, text, image)

    def _links(self) -> Links:
        return next(group for group in self.linter.groups if isinstance(group, Links))

    def _mention(self, kind: str, identifier: str, start: int, end: int) -> Target | None:
        identifier = identifier.rstrip(".")
        key = identifier.lower() if kind == "doi" else re.sub(r"v\d+$", "", identifier)
        return Target(kind, key, None, start, end, None, False) if _possible(kind, key) else None

    def _public(self, host: str) -> bool:
        """Whether a host names a public site: not a placeholder (HAL101), not a name or an
        address of a private network (``unchecked-hosts``, loopback, private ranges)."""
        import ipaddress  # only online runs ask (an import costs every run start-up)

        host = host.lower()
        try:
            address = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            labels = host.split(".")
            suffixes = {".".join(labels[index:]) for index in range(len(labels))}
            return "." in host and not suffixes & (self.unchecked_hosts | self.placeholder_hosts)
        return address.is_global

    # -- the link's text ----------------------------------------------------------------------

    def title_of(self, target: Target, language: str | None) -> str | None:
        """The link's text when it reads as the title of a work (in a post in ``language``):
        two words or more, quoted or in title case; not the address or the identifier, not a
        label (``untitled-link-texts``: `here`, `this paper`), not a description
        (``untitled-link-words``: `paper`, `video`; a possessive), not a citation of authors
        (`Vaswani et al. (2017)`), not a title translated into the post's language
        (``translated-title-words``: a word of that language)."""
        text = target.text
        if not text:
            return None
        bare = re.sub(r"[*_`]+", "", text).strip()
        quoted = len(bare) > 2 and bare[0] in "\"“«„「『《'‘" and bare[-1] in "\"”»“」』》'’"
        bare = bare.strip("\"“”«»„「」『』《》'‘’ ")
        words = [word.casefold() for word in _LETTERS.findall(bare)]
        if len(words) < _MIN_TITLE_WORDS or bare.casefold().rstrip(" .:!?") in self.untitled:
            return None
        if "://" in bare or bare.lower().startswith("www.") or _IDENTIFIER_TEXT.fullmatch(bare):
            return None
        if re.search(r"\bet al\b|\(\d{4}\)|['’]s\b", bare) or self.untitled_words.intersection(words):
            return None
        translated = self.translated_words.get(language or "")
        if translated and translated.intersection(words):
            return None
        return bare if quoted or _title_case(bare) else None


def _title_case(text: str) -> bool:
    """Capitalised as a title (`Attention Is All You Need`), not as a sentence: its first
    word and most of its words of four letters or more begin with a capital letter."""
    words = _LETTERS.findall(text)
    if not words or not words[0][0].isupper():
        return False
    long = [word for word in words[1:] if len(word) >= 4]
    return bool(long) and sum(word[0].isupper() for word in long) * 2 > len(long)


_KIND_OF_LABEL = {"YouTube video": "youtube", "arXiv paper": "arxiv", "DOI": "doi"}


def _possible(kind: str, key: str) -> bool:
    """An identifier whose shape can exist (an impossible one is the offline rules' finding)."""
    if kind == "youtube":
        return identifiers.youtube_id_problem(key) is None
    if kind == "arxiv":
        return identifiers.arxiv_id_problem(re.sub(r"v\d+$", "", key)) is None
    return identifiers.doi_problem(key) is None


def _is_doi_host(host: str) -> bool:
    return identifiers.kind_of_host(host.lower()) == "doi"


def _inside_link(document: Document, offset: int) -> bool:
    """Whether a mention is a link's text (its link is a target of its own)."""
    return any(link.text_start <= offset < link.text_end and link.dest for link in document.links)


def _definitions(document: Document):
    """``(start, end, url, text, image)`` of each reference definition that a link uses: the
    URL's span in the definition, and the text of the first link that uses it."""
    used: dict[str, tuple[str, bool]] = {}
    for link in document.links:
        if link.kind == "reference":
            used.setdefault(normalize_label(link.dest), (document.text[link.text_start:link.text_end], link.image))
    for label, span in document.references.items():
        if label not in used:
            continue
        match = _DEFINITION_DESTINATION.match(document.text, span.start, span.end)
        if match is None:
            continue
        url, start = match.group(1), match.start(1)
        if url.startswith("<"):
            url, start = url[1:-1], start + 1
        text, image = used[label]
        yield start, start + len(url), url, text, image


def archived_link(archived: str) -> str:
    """The Wayback Machine's address of a copy, as a post links to it (https, and nothing a
    Markdown destination cannot hold)."""
    if archived.startswith("http://web.archive.org/"):
        archived = "https://" + archived[len("http://"):]
    return quote(archived, safe=":/?#[]@!$&'*+,;=%~")
