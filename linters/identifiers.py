"""Identifiers that links carry (YouTube, arXiv, X/Twitter, DOI, ISBN): one table for every linter.

- ``hosts()``: the hosts whose addresses carry each kind of identifier (data:
  ``rules/identifiers.yaml``), and ``kind_of_host(host)``.
- ``in_url(host, path, query)``: the ``(kind label, id)`` of a link to a well-formed identifier,
  the same whatever the link's form (``youtu.be/ID`` and ``youtube.com/watch?v=ID``), for
  comparing links (translations).
- ``*_problem(identifier)``: shape checks (also ``gtin_problem``, a product number's check
  digit). Each takes the identifier as written and returns why it cannot exist, or None when
  its shape is possible. Offline: a possible shape is not proof that
  the thing exists.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from urllib.parse import parse_qsl, unquote

from .patterns.deferred import deferred

# Deferred: each serves the links of one kind, which most posts hold none of
_YOUTUBE_ID = deferred(r"[A-Za-z0-9_-]{11}")
# An id is 64 bits in base64url: 10 characters carry 60 bits, the 11th only 4, so its low
# two bits are zero and it is one of these 16 characters.
_YOUTUBE_LAST = frozenset("AEIMQUYcgkosw048")
_ARXIV_NEW = deferred(r"(\d\d)(\d\d)\.(\d{4,5})(?:v\d+)?")
_ARXIV_OLD = deferred(r"[a-z-]+(?:\.[A-Z]{2})?/(\d\d)(\d\d)(\d{3})(?:v\d+)?")
_STATUS_ID = deferred(r"\d{1,19}")
_DOI = deferred(r"10\.\d{4,9}(?:\.\d+)*/\S+")
# A well-formed identifier in a link's path, by kind.
_YOUTUBE_PATH = deferred(r"/(?:embed|shorts|live|v)/([A-Za-z0-9_-]{6,})")
_ARXIV_PATH = deferred(r"/(?:abs|pdf|html)/([a-z-]*/?\d{4}\.?\d{3,5})(?:v\d+)?(?:\.pdf)?$")
_STATUS_PATH = deferred(r"/status(?:es)?/(\d+)")
_DOI_PATH = deferred(r"^/(10\.\d{4,9}/.+)$")
LABELS = {"youtube": "YouTube video", "youtube-short": "YouTube video", "arxiv": "arXiv paper", "status": "X post",
          "doi": "DOI"}


@lru_cache(maxsize=1)
def hosts() -> dict[str, frozenset[str]]:
    """The hosts of each kind of identifier (``youtube``, ``youtube-short``, ``arxiv``,
    ``status``, ``doi``), in lower case."""
    from .packs.loading import load_builtin

    table = load_builtin("identifiers")["hosts"]
    return {kind: frozenset(host.lower().rstrip(".") for host in names) for kind, names in table.items()}


@lru_cache(maxsize=64)
def kind_of_host(host: str) -> str | None:
    """The kind of identifier that addresses on ``host`` (lower case) carry, or None."""
    for kind, names in hosts().items():
        if host in names:
            return kind
    return None


def in_url(host: str, path: str, query: str) -> tuple[str, str] | None:
    """``(kind label, id)`` for a link to a YouTube video, an arXiv paper (without its version),
    an X post or a DOI (in lower case) on ``host`` (lower case), or None."""
    kind = kind_of_host(host)
    if kind == "youtube-short":
        video = path.strip("/").split("/")[0]
        return (LABELS[kind], video) if video else None
    if kind == "youtube":
        if path.rstrip("/") == "/watch":
            watched = dict(parse_qsl(query)).get("v")
            return (LABELS[kind], watched) if watched else None
        embedded = _YOUTUBE_PATH.match(path)
        return (LABELS[kind], embedded.group(1)) if embedded else None
    if kind == "arxiv":
        paper = _ARXIV_PATH.search(path)
        return (LABELS[kind], paper.group(1)) if paper else None
    if kind == "status":
        status = _STATUS_PATH.search(path)
        return (LABELS[kind], status.group(1)) if status else None
    if kind == "doi":
        doi = _DOI_PATH.match(unquote(path))
        return (LABELS[kind], doi.group(1).lower()) if doi else None
    return None


def youtube_id_problem(video_id: str) -> str | None:
    if not _YOUTUBE_ID.fullmatch(video_id):
        return (f"YouTube video id {video_id!r} is {len(video_id)} characters; "
                "ids are exactly 11 of A-Z a-z 0-9 _ -")
    if video_id[-1] not in _YOUTUBE_LAST:
        return f"YouTube video id {video_id!r} cannot end in {video_id[-1]!r}"
    return None


def arxiv_id_problem(arxiv_id: str, today: date | None = None) -> str | None:
    today = today or date.today()
    new = _ARXIV_NEW.fullmatch(arxiv_id)
    if new:
        year, month, number = 2000 + int(new.group(1)), int(new.group(2)), new.group(3)
        if not 1 <= month <= 12:
            return f"arXiv id {arxiv_id!r} has month {month:02d}"
        if (year, month) < (2007, 4):
            return f"arXiv id {arxiv_id!r} is new-style, but those start in April 2007"
        if (year, month) > (today.year, today.month):
            return f"arXiv id {arxiv_id!r} is dated {year}-{month:02d}, in the future"
        digits = 4 if year < 2015 else 5
        if len(number) != digits:
            return f"arXiv ids of {year} have a {digits}-digit number, not {number!r}"
        if int(number) == 0:
            return f"arXiv id {arxiv_id!r} has number 0"
        return None
    old = _ARXIV_OLD.fullmatch(arxiv_id)
    if old:
        two_digit, month = int(old.group(1)), int(old.group(2))
        year = 1900 + two_digit if two_digit >= 91 else 2000 + two_digit
        if not 1 <= month <= 12:
            return f"arXiv id {arxiv_id!r} has month {month:02d}"
        if not (1991, 8) <= (year, month) <= (2007, 3):
            return f"arXiv id {arxiv_id!r} is old-style, but those run from 1991 to March 2007"
        return None
    return f"{arxiv_id!r} is not an arXiv identifier (YYMM.NNNNN or archive/YYMMNNN)"


def status_id_problem(status_id: str) -> str | None:
    if _STATUS_ID.fullmatch(status_id):
        return None
    return f"status id {status_id!r} is not a number"


def doi_problem(doi: str) -> str | None:
    if _DOI.fullmatch(doi):
        return None
    if re.fullmatch(r"10\.\d{4,9}(?:\.\d+)*/?", doi):
        return f"DOI {doi!r} has a prefix but no suffix"
    return f"{doi!r} is not a DOI (10.NNNN/suffix)"


def isbn_problem(isbn: str) -> str | None:
    digits = re.sub(r"[\s-]", "", isbn).upper()
    if len(digits) == 10 and re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return None if total % 11 == 0 else f"ISBN-10 {isbn!r} has a wrong check digit"
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(digits))
        return None if total % 10 == 0 else f"ISBN-13 {isbn!r} has a wrong check digit"
    return f"ISBN {isbn!r} has {len(digits)} digits; an ISBN has 10 or 13"


def gtin_problem(gtin: str) -> str | None:
    """A product number (EAN-8, UPC-A, EAN-13, GTIN-14) whose check digit is wrong."""
    digits = re.sub(r"[\s-]", "", gtin)
    if len(digits) not in (8, 12, 13, 14) or not digits.isdigit():
        return f"product number {gtin!r} has {len(digits)} digits; a GTIN has 8, 12, 13 or 14"
    weights = (3, 1) * 7
    total = sum(int(digit) * weight for digit, weight in zip(reversed(digits[:-1]), weights))
    return None if (total + int(digits[-1])) % 10 == 0 else f"product number {gtin!r} has a wrong check digit"
