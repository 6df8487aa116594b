"""The HTTP client: the one module that imports httpx (the ``online`` extra) and opens sockets.

Every URL is remapped before it is asked (``Remap``), redirects included: they are followed
here, one hop at a time (at most ``MAX_REDIRECTS``), each hop's ``Location`` read against the URL
as the site knows it and recorded. A host that does not resolve is told from a resolver that
answers nothing (an offline machine: every name fails) by asking it the Wayback Machine's
host too. Bodies are read only when wanted, and at most ``MAX_BODY`` bytes.
"""
from __future__ import annotations

import asyncio
import socket
import ssl
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies, proxy_bypass

import httpx

from .._version import __version__
from .endpoints import Failure, Reply
from .politeness import Politeness, retry_delay

PROJECT_URL = "https://pypi.org/project/copydesk/"
USER_AGENT = f"copydesk/{__version__} (+{PROJECT_URL})"
MAX_REDIRECTS = 10
MAX_BODY = 4_000_000
_REDIRECTS = (301, 302, 303, 307, 308)
_NO_SUCH_NAME = {getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, name)}
_CANARY = "https://archive.org/"  # a name that resolves wherever the network is reachable


class Client:
    """Asks URLs politely (see ``politeness``), remapped; ``close`` when done."""

    def __init__(self, settings, remap) -> None:
        self.settings, self.remap = settings, remap
        self.politeness = Politeness(settings.per_host, settings.interval, settings.concurrency)
        self.http = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.timeout), follow_redirects=False, headers={"User-Agent": USER_AGENT},
            limits=httpx.Limits(max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency))
        self._resolved: dict[str, asyncio.Future] = {}
        self._resolver_works: asyncio.Future | None = None
        self._proxies = getproxies()

    async def close(self) -> None:
        await self.http.aclose()

    async def get(self, url: str, headers: dict | None = None, body: bool = True) -> Reply | Failure:
        """The answer to ``GET url`` once redirects are followed (``Reply.redirects``: each URL
        after the first, as the site named it), or why there is none."""
        redirects: list[str] = []
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            answer = await self._ask(current, headers, body)
            if isinstance(answer, Failure):
                return answer
            status, answer_headers, content = answer
            location = answer_headers.get("location")
            if status in _REDIRECTS and location:
                current = urljoin(current, location.strip())
                redirects.append(current)
                continue
            return Reply(status, answer_headers, content, tuple(redirects))
        return Failure(f"more than {MAX_REDIRECTS} redirects", False)

    async def _ask(self, url: str, headers: dict | None, body: bool):
        """One request (no redirect followed), tried again after a 429 or a 5xx answer."""
        requested = self.remap(url)
        try:
            parts = urlsplit(requested)
            host = (parts.hostname or "").lower()
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return Failure(f"not a URL copydesk can ask: {requested}", False)
        if parts.scheme not in ("http", "https") or not host:
            return Failure(f"not an http(s) URL: {requested}", False)
        settings = self.settings
        for attempt in range(settings.retries + 1):
            async with self.politeness.gate(host), self.politeness.total:
                failure = await self._resolves(parts.scheme, host, port)
                if failure is not None:
                    return failure
                answer = await self._request(requested, headers, body)
            if isinstance(answer, Failure):
                return answer
            status, answer_headers, _ = answer
            if (status == 429 or status >= 500) and attempt < settings.retries:
                await asyncio.sleep(retry_delay(attempt, answer_headers.get("retry-after"), settings.max_retry_wait))
                continue
            return answer
        return answer

    async def _request(self, url: str, headers: dict | None, body: bool):
        """One exchange, within the timeout as a whole (httpx's bounds each phase: a server
        that sends its answer a byte at a time would pass them)."""
        async def exchange():
            async with self.http.stream("GET", url, headers=headers) as response:
                content = await _read(response, MAX_BODY) if body and response.status_code not in _REDIRECTS else b""
                return response.status_code, {name.lower(): value for name, value in response.headers.items()}, content

        try:
            return await asyncio.wait_for(exchange(), self.settings.timeout)
        except (httpx.TimeoutException, asyncio.TimeoutError):
            return Failure(f"no answer within {self.settings.timeout:g} s", False)
        except httpx.ConnectError as error:
            if _is_tls(error):
                return Failure(f"TLS error: {_cause(error)}", False)
            return Failure(f"could not connect: {_cause(error)}", False)
        except (httpx.HTTPError, httpx.InvalidURL, ssl.SSLError, OSError) as error:
            return Failure(f"{'TLS error' if _is_tls(error) else 'the connection failed'}: {_cause(error)}", False)

    async def _resolves(self, scheme: str, host: str, port: int) -> Failure | None:
        """None when ``host`` resolves (or a proxy resolves names); a Failure otherwise: MISSING
        when the name does not exist and the resolver answers for other names, else UNKNOWN."""
        if scheme in self._proxies and not proxy_bypass(host):
            return None
        pending = self._resolved.get(host)
        if pending is None:
            pending = self._resolved[host] = asyncio.ensure_future(_lookup(host, port))
        problem = await asyncio.shield(pending)
        if problem is None:
            return None
        if problem != "no such name":
            return Failure(f"the host's name could not be resolved ({problem})", False)
        if not await self._resolver_answers():
            return Failure("no name resolves: is the network reachable?", False)
        return Failure("the host does not resolve", True)

    async def _resolver_answers(self) -> bool:
        if self._resolver_works is None:
            canary = urlsplit(self.remap(_CANARY))
            self._resolver_works = asyncio.ensure_future(_lookup(canary.hostname or "", canary.port or 443))
        return await asyncio.shield(self._resolver_works) is None


async def _lookup(host: str, port: int) -> str | None:
    """None when ``host`` resolves; "no such name", or what else went wrong."""
    try:
        await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        return "no such name" if error.errno in _NO_SUCH_NAME else str(error.strerror or error)
    except (OSError, UnicodeError) as error:
        return str(error)
    return None


async def _read(response, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]


def _is_tls(error: BaseException) -> bool:
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, ssl.SSLError) or "SSL" in type(error).__name__ or "CERTIFICATE" in str(error):
            return True
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
        seen += 1
    return False


def _cause(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
