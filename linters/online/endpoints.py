"""The endpoints asked, and what their answers mean: the cheapest reliable ones.

- A YouTube video exists when its thumbnail ``https://i.ytimg.com/vi/{id}/hqdefault.jpg``
  answers (404: it does not; the watch page answers 200 even for a deleted video); its title is
  oEmbed's, ``https://www.youtube.com/oembed?url=https://www.youtube.com/watch?v={id}&format=json``.
- An arXiv paper: ``https://export.arxiv.org/api/query?id_list={id}``, an Atom feed: an entry
  whose id is the paper's says it exists, with its title; none, that it does not.
- A DOI: ``https://doi.org/api/handles/{doi}`` (``responseCode`` 1: it exists, 100: it does
  not); its title from ``https://doi.org/{doi}`` asked for CSL JSON
  (``Accept: application/vnd.citationstyles.csl+json``).
- A copy in the Wayback Machine: ``https://archive.org/wayback/available?url={url}``.
- Any other URL: GET, redirects followed and recorded.

Each function here takes the ``Reply`` (or ``Failure``) of a request and returns a ``Verdict``;
none makes a request. Three outcomes, never a guess: EXISTS, MISSING, UNKNOWN.
"""
from __future__ import annotations

import json
import re
from collections import namedtuple
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

EXISTS, MISSING, UNKNOWN = "exists", "missing", "unknown"
CSL_JSON = "application/vnd.citationstyles.csl+json"
_ATOM = "{http://www.w3.org/2005/Atom}"
_VERSION = re.compile(r"v\d+$")
_HOME_PATHS = re.compile(r"/?(?:(?:index|default|home)(?:\.[a-z]+)?|home|[a-z]{2}(?:[-_][a-zA-Z]{2,4})?/?)?/?",
                         re.I)


class Verdict(namedtuple("Verdict", "state detail title redirects", defaults=(None, ()))):
    """What the network said of one thing asked: ``state`` (EXISTS, MISSING or UNKNOWN), a
    ``detail`` for people (`404 Not Found`, `timed out after 10 s`), the ``title`` of a work
    when the answer gave one, and the ``redirects`` followed (each URL after the first)."""

    __slots__ = ()


class Reply(namedtuple("Reply", "status headers body redirects")):
    """An HTTP answer: ``status``, ``headers`` (names in lower case), the ``body`` (bytes, at
    most what the client reads), and the URLs it was redirected to, in order."""

    __slots__ = ()


class Failure(namedtuple("Failure", "reason missing")):
    """No HTTP answer: why (`timed out after 10 s`, `TLS error`), and whether that proves the
    thing absent (``missing``: a host that does not resolve)."""

    __slots__ = ()


# -- the URLs asked -------------------------------------------------------------------------

# question kind -> (URL template, characters its key keeps unquoted)
_URLS = {
    "youtube": ("https://i.ytimg.com/vi/{}/hqdefault.jpg", ""),
    "youtube-title": ("https://www.youtube.com/oembed?url=https://www.youtube.com/watch?v={}&format=json", ""),
    "arxiv": ("https://export.arxiv.org/api/query?id_list={}", "/."),
    "doi": ("https://doi.org/api/handles/{}", "/:;()._-"),
    "doi-title": ("https://doi.org/{}", "/:;()._-"),
    "wayback": ("https://archive.org/wayback/available?url={}", ""),
}


def url_of(question: str, key: str) -> str:
    """The URL asked for a question (``youtube``, ``youtube-title``, ``arxiv``, ``doi``,
    ``doi-title``, ``wayback``) about ``key`` (a video, a paper, a DOI, a URL)."""
    template, safe = _URLS[question]
    return template.format(quote(key, safe=safe))


# -- what the answers mean ------------------------------------------------------------------

def status_text(reply: Reply) -> str:
    from http import HTTPStatus

    try:
        return f"{reply.status} {HTTPStatus(reply.status).phrase}"
    except ValueError:
        return str(reply.status)


def _unknown(answer: Reply | Failure) -> Verdict | None:
    """UNKNOWN for an answer that says nothing about the thing (a failure, 401/403/429, 5xx)."""
    if isinstance(answer, Failure):
        return Verdict(MISSING if answer.missing else UNKNOWN, answer.reason)
    if answer.status in (401, 403, 407, 429) or answer.status >= 500:
        return Verdict(UNKNOWN, status_text(answer), None, answer.redirects)
    return None


def page(answer: Reply | Failure) -> Verdict:
    """Any URL, asked by GET: 2xx exists; 404 and 410 (or a host that does not resolve) are
    missing; anything else is unknown."""
    unknown = _unknown(answer)
    if unknown is not None:
        return unknown
    assert isinstance(answer, Reply)
    if 200 <= answer.status < 300:
        return Verdict(EXISTS, status_text(answer), None, answer.redirects)
    if answer.status in (404, 410):
        return Verdict(MISSING, status_text(answer), None, answer.redirects)
    return Verdict(UNKNOWN, status_text(answer), None, answer.redirects)


def youtube_video(answer: Reply | Failure) -> Verdict:
    """The thumbnail: 200 the video exists, 404 it does not."""
    verdict = page(answer)
    return verdict._replace(redirects=())


def youtube_title(answer: Reply | Failure) -> str | None:
    return _json_field(answer, "title")


def arxiv_paper(answer: Reply | Failure, paper: str) -> Verdict:
    """The export API's feed: an entry whose id is the paper's (its version too, if the post
    names one) says it exists; a feed without one, that it does not."""
    unknown = _unknown(answer)
    if unknown is not None:
        return unknown._replace(state=UNKNOWN) if unknown.state == MISSING else unknown
    assert isinstance(answer, Reply)
    if answer.status != 200:
        return Verdict(UNKNOWN, status_text(answer))
    try:
        feed = ElementTree.fromstring(answer.body)
    except ElementTree.ParseError:
        return Verdict(UNKNOWN, "the arXiv API answered something that is not an Atom feed")
    if feed.tag != f"{_ATOM}feed":
        return Verdict(UNKNOWN, "the arXiv API answered something that is not an Atom feed")
    wanted = paper if _VERSION.search(paper) else None
    for entry in feed.iter(f"{_ATOM}entry"):
        entry_id = (entry.findtext(f"{_ATOM}id") or "").strip()
        found = entry_id.rsplit("/abs/", 1)[-1] if "/abs/" in entry_id else ""
        if found and (found == wanted or wanted is None and _VERSION.sub("", found) == paper):
            title = " ".join((entry.findtext(f"{_ATOM}title") or "").split())
            return Verdict(EXISTS, "in the arXiv API", title or None)
    return Verdict(MISSING, "the arXiv API has no such paper")


def doi_exists(answer: Reply | Failure) -> Verdict:
    """The handle API: ``responseCode`` 1, the DOI exists; 100, it does not."""
    unknown = _unknown(answer)
    if unknown is not None:
        return unknown._replace(state=UNKNOWN) if unknown.state == MISSING else unknown
    assert isinstance(answer, Reply)
    code = _json_field(answer, "responseCode", int)
    if code == 1:
        return Verdict(EXISTS, "registered (DOI handle API)")
    if code == 100:
        return Verdict(MISSING, "the DOI handle API does not know it")
    return Verdict(UNKNOWN, f"the DOI handle API answered {status_text(answer)}"
                            + (f" with responseCode {code}" if code is not None else ""))


def doi_title(answer: Reply | Failure) -> str | None:
    title = _json_field(answer, "title", (str, list))
    if isinstance(title, list):
        title = next((item for item in title if isinstance(item, str)), None)
    return " ".join(title.split()) if title else None


def archived_copy(answer: Reply | Failure) -> Verdict:
    """The Wayback Machine's availability API: EXISTS with the copy's URL as ``title``,
    MISSING when it has none, UNKNOWN when it could not be asked."""
    unknown = _unknown(answer)
    if unknown is not None:
        return unknown._replace(state=UNKNOWN)
    assert isinstance(answer, Reply)
    if answer.status != 200:
        return Verdict(UNKNOWN, status_text(answer))
    snapshots = _json_field(answer, "archived_snapshots", dict)
    if snapshots is None:
        return Verdict(UNKNOWN, "the Wayback Machine answered something else than its JSON")
    closest = snapshots.get("closest")
    if isinstance(closest, dict) and closest.get("available") and isinstance(closest.get("url"), str) \
            and str(closest.get("status", "200")).startswith(("2", "3")):
        return Verdict(EXISTS, "archived", closest["url"])
    return Verdict(MISSING, "never archived")


def _json_field(answer: Reply | Failure, name: str, kind=str):
    if not isinstance(answer, Reply) or not 200 <= answer.status < 300 and answer.status != 404:
        return None
    try:
        data = json.loads(answer.body)
    except (ValueError, RecursionError):
        return None
    value = data.get(name) if isinstance(data, dict) else None
    return value if isinstance(value, kind) and not isinstance(value, bool) else None


# -- soft 404s --------------------------------------------------------------------------------

def home_page_of(url: str, redirects: tuple[str, ...]) -> str | None:
    """The home page a deep link was redirected to (a soft 404), or None: the link has a path
    (or a query) and its last redirect leads to the root of the same site (`/`, `/index.html`,
    `/en/`)."""
    if not redirects:
        return None
    first, last = urlsplit(url), urlsplit(redirects[-1])
    if _HOME_PATHS.fullmatch(first.path or "/") and not first.query:
        return None  # a home page itself
    if not _HOME_PATHS.fullmatch(last.path or "/") or last.query:
        return None
    return redirects[-1] if _same_site(first.hostname or "", last.hostname or "") else None


def _same_site(one: str, other: str) -> bool:
    """The same host, with or without ``www.``, or one a subdomain of the other."""
    one, other = one.lower().removeprefix("www."), other.lower().removeprefix("www.")
    return one == other or one.endswith("." + other) or other.endswith("." + one)
