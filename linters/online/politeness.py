"""Asking politely: requests at once per host and in all, a pause between two requests to one
host, and how long to wait before trying again after a 429 or a 5xx answer."""
from __future__ import annotations

import asyncio
import random
import time
from email.utils import parsedate_to_datetime

# Hosts that ask for more than the configured pause, and for one request at a time: the arXiv
# API asks for "no more than one request every three seconds".
SLOW_HOSTS = {"export.arxiv.org": 3.0}
FIRST_BACKOFF = 1.0  # seconds before the first retry when the server does not say


class HostGate:
    """One host's turn: at most ``slots`` requests at once, and ``interval`` seconds between
    the starts of two of them."""

    def __init__(self, slots: int, interval: float):
        self._slots = asyncio.Semaphore(slots)
        self._turn = asyncio.Lock()
        self._interval = interval
        self._next_start = 0.0

    async def __aenter__(self) -> "HostGate":
        await self._slots.acquire()
        try:
            async with self._turn:
                now = time.monotonic()
                if self._next_start > now:
                    await asyncio.sleep(self._next_start - now)
                    now = time.monotonic()
                self._next_start = now + self._interval
        except BaseException:
            self._slots.release()
            raise
        return self

    async def __aexit__(self, *exception) -> None:
        self._slots.release()


class Politeness:
    """The gates of every host a run asks, and the run's limit on requests at once."""

    def __init__(self, per_host: int, interval: float, concurrency: int):
        self.per_host, self.interval = per_host, interval
        self.total = asyncio.Semaphore(concurrency)
        self._gates: dict[str, HostGate] = {}

    def gate(self, host: str) -> HostGate:
        gate = self._gates.get(host)
        if gate is None:
            slow = SLOW_HOSTS.get(host)
            gate = self._gates[host] = HostGate(1, max(slow, self.interval)) if slow else \
                HostGate(self.per_host, self.interval)
        return gate


def retry_delay(attempt: int, retry_after: str | None, cap: float) -> float:
    """Seconds to wait before try ``attempt + 1`` (``attempt`` counts from 0): what the server
    asked (``Retry-After``: seconds or an HTTP date), else an exponential backoff with jitter;
    never more than ``cap``."""
    asked = parse_retry_after(retry_after)
    if asked is None:
        asked = FIRST_BACKOFF * 2 ** attempt * (1 + random.random() / 4)
    return max(0.0, min(asked, cap))


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None or moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - time.time())
