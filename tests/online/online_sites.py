"""A local HTTP server on 127.0.0.1 that answers as the sites ``copydesk check --online`` asks
do (YouTube's thumbnails and oEmbed, the arXiv API, the DOI handle API and CSL JSON, the
Wayback Machine, ordinary sites), reached through ``--remap``: every ``https://HOST/PATH`` is
asked as ``http://127.0.0.1:PORT/HOST/PATH``. Real sockets, real HTTP: nothing of the client is
mocked, and nothing leaves the machine.

What it knows is written here (the works, titles and pages are ours); every request is recorded
(``Sites.requests``) for the tests to count.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

VIDEOS = {"dQw4w9WgXcQ": "Never Gonna Give You Up (Official Video)",
          "aircAruvnKk": "But what is a neural network? | Deep learning chapter 1"}
PAPERS = {"1706.03762": "Attention Is All You\n      Need",
          "1512.03385": "Deep Residual Learning for Image Recognition",
          "hep-th/9711200": "The Large N Limit of Superconformal Field Theories and Supergravity"}
DOIS = {"10.1038/nature14539": "Deep learning",
        "10.48550/arxiv.1706.03762": "Attention Is All You Need"}
PAGES = {  # host/path -> (status, headers)
    "www.acme-news.org/2020/05/launch": (200, {}),
    "www.acme-news.org/": (200, {}),
    "www.acme-news.org/2019/03/old-story": (404, {}),
    "research.acme-labs.org/blog/2021/launching-atlas-v2": (404, {}),
    "www.acme-news.org/archive/removed": (410, {}),
    "www.acme-cloud.com/products/compute/pricing-2019": (301, {"Location": "https://www.acme-cloud.com/"}),
    "www.acme-cloud.com/": (200, {}),
    "www.acme-cloud.com/docs/start": (302, {"Location": "/docs/getting-started"}),
    "www.acme-cloud.com/docs/getting-started": (200, {}),
    "www.acme-cloud.com/members/report": (403, {}),
    "www.acme-cloud.com/outage": (503, {}),
    "status.acme-cloud.com/always-busy": (429, {"Retry-After": "1"}),
}
ARCHIVED = {"https://www.acme-news.org/2019/03/old-story"}
DEAD_HOST = "gone.acme-defunct.org"  # remapped to a name that does not resolve
_ATOM = "http://www.w3.org/2005/Atom"


class Sites:
    """The server, started by ``start`` and stopped by ``stop``; ``remap`` is the ``--remap``
    argument that sends every request to it."""

    def __init__(self, slow_seconds: float = 3.0):
        self.requests: list[tuple[str, dict, float]] = []
        self.busy_once: set[str] = set()
        self.slow_seconds = slow_seconds
        sites = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (the name http.server calls)
                sites.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
                try:
                    status, headers, body = sites.answer(self.path, self.headers)
                except BrokenPipeError:
                    return
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def remap(self) -> list[str]:
        """``--remap`` arguments: every http(s) URL to this server; the dead host to a name
        that does not resolve (``.invalid`` never does)."""
        return [rf"^https?://([^/:]+)(?::\d+)?/? http://127.0.0.1:{self.port}/\1/",
                rf"^http://127\.0\.0\.1:{self.port}/{DEAD_HOST.replace('.', chr(92) + '.')}/ http://nothing-here.invalid/"]

    def start(self) -> "Sites":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def asked(self, fragment: str) -> int:
        return sum(fragment in path for path, _, _ in self.requests)

    # -- the sites ------------------------------------------------------------------------------

    def answer(self, path: str, headers) -> tuple[int, dict, bytes]:
        parts = urlsplit(path)
        host, _, rest = parts.path.lstrip("/").partition("/")
        query = parse_qs(parts.query)
        if host == "i.ytimg.com":
            video = rest.split("/")[1] if rest.startswith("vi/") else ""
            return (200, {"Content-Type": "image/jpeg"}, b"\xff\xd8jpeg") if video in VIDEOS else _text(404)
        if host == "www.youtube.com" and rest == "oembed":
            video = parse_qs(urlsplit(query.get("url", [""])[0]).query).get("v", [""])[0]
            if video not in VIDEOS:
                return _text(404)
            return _json({"title": VIDEOS[video], "author_name": "A channel", "type": "video"})
        if host == "export.arxiv.org" and rest == "api/query":
            return 200, {"Content-Type": "application/atom+xml"}, _feed(query.get("id_list", [""])[0])
        if host == "doi.org" and rest.startswith("api/handles/"):
            doi = unquote(rest[len("api/handles/"):]).lower()
            if doi in DOIS:
                return _json({"responseCode": 1, "handle": doi, "values": [{"index": 1, "type": "URL"}]})
            return _json({"responseCode": 100, "handle": doi}, 404)
        if host == "doi.org":
            doi = unquote(rest).lower()
            if "citationstyles.csl+json" not in headers.get("Accept", ""):
                return _text(406)
            return 302, {"Location": f"https://api.crossref.org/v1/works/{doi}/transform"}, b""
        if host == "api.crossref.org":
            doi = unquote(rest[len("v1/works/"):-len("/transform")]).lower()
            if "citationstyles.csl+json" not in headers.get("Accept", ""):
                return _text(406)
            return _json({"title": DOIS[doi], "DOI": doi, "type": "article-journal"}) if doi in DOIS else _text(404)
        if host == "archive.org" and rest == "wayback/available":
            url = query.get("url", [""])[0]
            snapshots = {"closest": {"status": "200", "available": True, "timestamp": "20190101000000",
                                     "url": f"http://web.archive.org/web/20190101000000/{url}"}} if url in ARCHIVED else {}
            return _json({"url": url, "archived_snapshots": snapshots})
        if host == "www.acme-busy.org":  # 429 with Retry-After once, then the page
            if rest not in self.busy_once:
                self.busy_once.add(rest)
                return 429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"slow down"
            return _text(200)
        if host == "slow.acme-news.org":
            time.sleep(self.slow_seconds)
            return _text(200)
        status, extra = PAGES.get(f"{host}/{rest}", (404, {}))
        return status, {"Content-Type": "text/html", **extra}, b"<html><body>page</body></html>"


def _text(status: int) -> tuple[int, dict, bytes]:
    return status, {"Content-Type": "text/plain"}, str(status).encode()


def _json(data: dict, status: int = 200) -> tuple[int, dict, bytes]:
    return status, {"Content-Type": "application/json"}, json.dumps(data).encode()


def _feed(paper: str) -> bytes:
    """The arXiv API's Atom feed: an entry for a paper it has, none for one it has not."""
    entries = ""
    if paper in PAPERS:
        entries = (f"<entry><id>http://arxiv.org/abs/{paper}v7</id><title>{PAPERS[paper]}</title>"
                   f"<summary>An abstract.</summary></entry>")
    total = 1 if entries else 0
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="{_ATOM}" '
            f'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"><title>arXiv Query</title>'
            f"<opensearch:totalResults>{total}</opensearch:totalResults>{entries}</feed>").encode()


def require_client() -> None:
    """Skip a test that needs the ``online`` extra where it is not installed, unless
    ``COPYDESK_REQUIRE_ONLINE`` is set (CI installs the extra: a skip there would hide a failure)."""
    import os

    import pytest

    try:
        import httpx  # noqa: F401
    except ImportError:
        if os.environ.get("COPYDESK_REQUIRE_ONLINE"):
            raise
        pytest.skip("the online extra is not installed: pip install '.[online]'")


QUICK = """online:
  interval: 0
  timeout: 1
  retries: 1
  max-retry-wait: 2
"""  # a configuration that keeps the tests quick: no pause between requests, a 1 s timeout
