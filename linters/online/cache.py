"""The URL cache: what the network said, kept per thing asked, in the cache folder.

An answer that something exists is kept ``online.cache-days`` (7 by default), that it does not
one day, and an unknown one not at all: a second run asks nothing the first one settled. The
file (``urls.json``, or ``urls-HASH.json`` when URLs are remapped: another server's answers)
is a header line, ``copydesk-urls FORMAT sha256=HEX``, then JSON; a file that fails its
checksum, is not a regular file, is too large or is of another format is ignored as if absent,
an entry of another shape skipped. Never pickle: JSON's loader builds only data.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time

from .. import files
from .endpoints import EXISTS, MISSING, Verdict

FORMAT = 1
MAX_SIZE = 64_000_000
MISSING_DAYS = 1.0
_HEADER = re.compile(rb"copydesk-urls (\d+) sha256=([0-9a-f]{64})\n")
_DAY = 86_400.0


class UrlCache:
    """Verdicts by key (``"page https://…"``, ``"arxiv 1706.03762"``), with their expiry."""

    def __init__(self, folder: str, remap_rules: tuple, exists_days: float, now: float | None = None):
        suffix = "" if not remap_rules else "-" + hashlib.sha256(repr(remap_rules).encode()).hexdigest()[:12]
        self.path = os.path.join(folder, f"urls{suffix}.json")
        self.exists_days = exists_days
        self.now = time.time() if now is None else now
        self.entries: dict[str, list] = _read(self.path, self.now)
        self.changed = False

    def get(self, key: str) -> Verdict | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        state, _, detail, title, redirects = entry
        return Verdict(state, detail, title, tuple(redirects))

    def put(self, key: str, verdict: Verdict) -> None:
        """Keep a verdict of EXISTS or MISSING (an unknown one is asked again next time)."""
        if verdict.state not in (EXISTS, MISSING):
            return
        days = self.exists_days if verdict.state == EXISTS else min(MISSING_DAYS, self.exists_days)
        self.entries[key] = [verdict.state, self.now + days * _DAY, verdict.detail, verdict.title,
                             list(verdict.redirects)]
        self.changed = True

    def save(self) -> None:
        """Write the entries still valid (with those another run wrote meanwhile), atomically;
        a cache that cannot be written is only a slower next run."""
        if not self.changed:
            return
        entries = {**_read(self.path, self.now), **self.entries}
        payload = json.dumps({"entries": entries}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        data = f"copydesk-urls {FORMAT} sha256={hashlib.sha256(payload).hexdigest()}\n".encode() + payload
        try:
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            files.replace_atomically(self.path, data)
        except OSError:
            return
        self.changed = False


def _read(path: str, now: float) -> dict[str, list]:
    """The valid, unexpired entries of the cache file; none when it is damaged or absent."""
    try:
        data = files.read_bytes(path, MAX_SIZE)
    except (OSError, files.RefusedFile):
        return {}
    header = _HEADER.match(data)
    if header is None or int(header[1]) != FORMAT:
        return {}
    if hashlib.sha256(memoryview(data)[header.end():]).hexdigest().encode() != header[2]:
        return {}
    try:
        payload = json.loads(data[header.end():].decode("utf-8"))
    except (ValueError, RecursionError):
        return {}
    entries = payload.get("entries") if isinstance(payload, dict) else None
    if not isinstance(entries, dict):
        return {}
    return {key: entry for key, entry in entries.items() if _valid(entry) and entry[1] > now}


def _valid(entry) -> bool:
    return (isinstance(entry, list) and len(entry) == 5 and entry[0] in (EXISTS, MISSING)
            and isinstance(entry[1], (int, float)) and not isinstance(entry[1], bool)
            and isinstance(entry[2], str) and (entry[3] is None or isinstance(entry[3], str))
            and isinstance(entry[4], list) and all(isinstance(url, str) for url in entry[4]))
