"""Asking the network about each distinct thing the posts cite, once per run, through the cache.

``Asker.settle(target)`` finds out what is true of one target (a URL, a video, a paper, a
DOI): the first question (does it exist?), and those that follow from its answer (the archived
copy of a missing page, the title of a work whose link's text must be compared). The same
question asked twice (one URL in a hundred posts) is asked once; answers the cache holds are
not asked at all.
"""
from __future__ import annotations

import asyncio

from . import endpoints
from .endpoints import EXISTS, MISSING, UNKNOWN, Verdict


class Asker:
    def __init__(self, client, cache, wanted: set[str], progress=None):
        """``wanted``: the online rules the run reports (a question only one of them needs is
        asked only then); ``progress(done, total)``, if given, after each target settled."""
        self.client, self.cache, self.wanted, self.progress = client, cache, wanted, progress
        self.verdicts: dict[str, Verdict] = {}
        self._pending: dict[str, asyncio.Future] = {}
        self.from_cache = 0
        self.asked = 0

    async def settle_all(self, targets: list[tuple[str, str, bool]]) -> None:
        """Settle each ``(kind, key, titled)``: ``titled``, whether some link's text must be
        compared with the work's title."""
        done = 0

        async def one(kind: str, key: str, titled: bool) -> None:
            nonlocal done
            await self.settle(kind, key, titled)
            done += 1
            if self.progress:
                self.progress(done, len(targets))

        await asyncio.gather(*(one(*target) for target in targets))

    async def settle(self, kind: str, key: str, titled: bool) -> None:
        if kind == "page":
            verdict = await self._ask(f"page {key}", self._page, key)
            if verdict.state == MISSING and "HAL501" in self.wanted:
                await self._ask(f"wayback {key}", self._wayback, key)
        elif kind == "youtube":
            verdict = await self._ask(f"youtube {key}", self._youtube, key)
            if verdict.state == EXISTS and titled:
                await self._ask(f"youtube-title {key}", self._youtube_title, key)
        elif kind == "arxiv":
            await self._ask(f"arxiv {key}", self._arxiv, key)
        elif kind == "doi":
            verdict = await self._ask(f"doi {key}", self._doi, key)
            if verdict.state == EXISTS and titled:
                await self._ask(f"doi-title {key}", self._doi_title, key)

    def verdict(self, question: str) -> Verdict | None:
        return self.verdicts.get(question)

    async def _ask(self, question: str, how, key: str) -> Verdict:
        known = self.verdicts.get(question)
        if known is not None:
            return known
        pending = self._pending.get(question)
        if pending is None:
            cached = self.cache.get(question) if self.cache is not None else None
            if cached is not None:
                self.from_cache += 1
                self.verdicts[question] = cached
                return cached
            pending = self._pending[question] = asyncio.ensure_future(how(key))
        verdict = await asyncio.shield(pending)
        if question not in self.verdicts:
            self.verdicts[question] = verdict
            self.asked += 1
            if self.cache is not None:
                self.cache.put(question, verdict)
        return verdict

    # -- one question each --------------------------------------------------------------------

    async def _page(self, url: str) -> Verdict:
        return endpoints.page(await self.client.get(url, body=False))

    async def _wayback(self, url: str) -> Verdict:
        return endpoints.archived_copy(await self.client.get(endpoints.url_of("wayback", url)))

    async def _youtube(self, video: str) -> Verdict:
        verdict = endpoints.youtube_video(await self.client.get(endpoints.url_of("youtube", video), body=False))
        if verdict.state == MISSING:
            return verdict._replace(detail=f"its thumbnail answers {verdict.detail}")
        return verdict

    async def _youtube_title(self, video: str) -> Verdict:
        return _title(endpoints.youtube_title(await self.client.get(endpoints.url_of("youtube-title", video))), "oEmbed")

    async def _arxiv(self, paper: str) -> Verdict:
        return endpoints.arxiv_paper(await self.client.get(endpoints.url_of("arxiv", paper)), paper)

    async def _doi(self, doi: str) -> Verdict:
        return endpoints.doi_exists(await self.client.get(endpoints.url_of("doi", doi)))

    async def _doi_title(self, doi: str) -> Verdict:
        answer = await self.client.get(endpoints.url_of("doi-title", doi), headers={"Accept": endpoints.CSL_JSON})
        return _title(endpoints.doi_title(answer), "CSL JSON")


def _title(title: str | None, source: str) -> Verdict:
    return Verdict(EXISTS, source, title) if title else Verdict(UNKNOWN, f"no title in the {source} answer")
