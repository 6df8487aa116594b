"""The online step of a run (``check --online``): after the offline checks, every post's
citations asked about through ``linters.online``, once each, and the answers reported as
HAL501-HAL504 on the posts that cite them.

What a post cites is read by the hallucinations linter's ``OnlineCitations`` group from the text
the run ends with (the fixed text, with ``--fix``). With ``--fix --unsafe-fixes``, a dead link
the Wayback Machine holds is pointed at the archived copy.
"""
from __future__ import annotations

import asyncio
from collections import namedtuple

from ..diagnostics import Diagnostic, Fix
from ..document import Document
from ..online import client_problem
from ..online.endpoints import EXISTS, MISSING, UNKNOWN, home_page_of
from ..online.titles import same_work
from ..output import Progress
from . import sources
from .fixing import apply_edits
from .results import Rewrite

_LABELS = {"youtube": "YouTube video", "arxiv": "arXiv paper", "doi": "DOI"}
_CITES = ("http", "arxiv", "doi")  # a post without any of these cites nothing to ask about


class OnlineError(Exception):
    """The run cannot go online (the extra is not installed); the message says what to do."""


class Unknown(namedtuple("Unknown", "question detail where")):
    """A question the network did not settle: what was asked, why, and where it is cited first."""

    __slots__ = ()


class OnlineReport:
    """What an online run found out: its findings, and counts for the summary (``targets``:
    distinct things asked about; ``exists``, ``missing``, ``unknown``: how they turned out;
    ``from_cache``, ``asked``: questions answered by the cache or the network); ``unknowns`` and
    ``redirects`` (pages that answer from another address) for ``--verbose``."""

    __slots__ = ("findings", "targets", "exists", "missing", "unknowns", "redirects", "from_cache", "asked")

    def __init__(self) -> None:
        self.findings: list[Diagnostic] = []
        self.targets = self.exists = self.missing = self.from_cache = self.asked = 0
        self.unknowns: list[Unknown] = []
        self.redirects: list[Unknown] = []  # pages that exist elsewhere: (URL, where it ends, where cited)

    @property
    def unknown(self) -> int:
        return len(self.unknowns)

    def summary(self) -> str:
        things = "link or identifier" if self.targets == 1 else "links and identifiers"
        text = f"Online: {self.targets} {things} verified: {self.exists} exist, {self.missing} missing, " \
               f"{self.unknown} unknown"
        if self.unknown:
            text += " (not findings; --verbose lists them)"
        if self.from_cache:
            text += f"; {self.from_cache} answers from the cache"
        return text + "."


def verify(engine, paths: list[str], results: list, options, show_progress: bool = False) -> OnlineReport:
    """Ask about what the posts of ``results`` (read from ``paths``) cite; the findings and the
    counts. With ``options.fix`` or ``options.diff`` and unsafe fixes on, dead links the
    Wayback Machine holds are pointed at their copy in each post's ``rewrite``."""
    report = OnlineReport()
    group = _group(engine)
    wanted = set(engine.online_rules & engine.enabled)
    if group is None or not wanted:
        return report
    problem = client_problem()
    if problem:
        raise OnlineError(problem)
    settings = engine.config.online_settings
    excluded = _exclusion(settings.exclude if settings else ())
    posts = [post for post in (_post(engine, group, path, result, excluded) for path, result in zip(paths, results))
             if post]
    questions: dict[tuple[str, str], bool] = {}
    for _, _, document, targets, titles in posts:
        for target, title in zip(targets, titles):
            key = (target.kind, target.key)
            questions[key] = questions.get(key, False) or title is not None
    report.targets = len(questions)
    asker = _ask(engine, wanted, questions, show_progress)
    seen = set()
    for path, result, document, targets, titles in posts:
        found = []
        for target, title in zip(targets, titles):
            finding, state, detail = _finding(group, asker, document, target, title, wanted)
            if finding is not None:
                found.append(finding)
            if (target.kind, target.key) in seen:
                continue
            seen.add((target.kind, target.key))
            where = f"{document.path}:{document.position(target.start)[0]}"
            if state == UNKNOWN:
                report.unknowns.append(Unknown(_shown(target), detail, where))
            elif target.kind == "page" and state == EXISTS:
                verdict = asker.verdict(f"page {target.key}")
                if verdict is not None and verdict.redirects and home_page_of(target.key, verdict.redirects) is None:
                    report.redirects.append(Unknown(target.key, verdict.redirects[-1], where))
        kept = engine.filter(found, result.suppressions, result.path)
        report.findings.extend(_fixed(engine, path, result, document, kept, options))
    states = [_state(asker, kind, key) for kind, key in questions]
    report.exists, report.missing = states.count(EXISTS), states.count(MISSING)
    report.from_cache, report.asked = asker.from_cache, asker.asked
    return report


def _group(engine):
    from ..hallucinations.online import OnlineCitations

    for linter in engine.linters:
        for group in getattr(linter, "groups", ()):
            if isinstance(group, OnlineCitations):
                return group
    return None


def _exclusion(patterns: tuple[str, ...]):
    """A test of whether a target's URL is one the configuration's ``exclude`` keeps unasked."""
    if not patterns:
        return lambda target: False
    import re

    compiled = re.compile("|".join(f"(?:{pattern})" for pattern in patterns))
    return lambda target: compiled.search(target.url or target.key) is not None


def _post(engine, group, path: str, result, excluded):
    """``(path, result, document, targets, titles)`` of a post that cites something, else None."""
    if result.rewrite is not None:
        text = result.rewrite.text
    else:
        try:
            text = sources.read(path, engine.config.max_file_size).text
        except sources.SourceError:
            return None
    lowered = text.lower()
    if not any(word in lowered for word in _CITES):
        return None
    document = engine.document(text, result.path)  # as the run read it: its site, its front matter
    try:
        targets = [target for target in group.targets(document) if not excluded(target)]
    except Exception:  # a pattern that timed out: this post's citations are not asked about
        return None
    if not targets:
        return None
    titled = "HAL503" in engine.enabled
    titles = [group.title_of(target, document.language) if titled and target.kind != "page" else None
              for target in targets]
    return path, result, document, targets, titles


def _ask(engine, wanted: set[str], questions: dict, show_progress: bool):
    """The answers to every question, asked concurrently; the cache saved even when the run is
    interrupted (Ctrl-C), with what was settled by then."""
    from ..online.asking import Asker
    from ..online.cache import UrlCache
    from ..online.client import Client
    from ..online.settings import DEFAULT, Remap

    config = engine.config
    settings = config.online_settings or DEFAULT
    cache = UrlCache(config.cache_dir, settings.remap, settings.cache_days) if config.cache else None
    # on a terminal, from the first answer: asking the network is slow from the start
    progress = Progress("links and identifiers verified", delay=0) if show_progress else None
    asker = None

    async def main():
        nonlocal asker
        client = Client(settings, Remap(settings.remap))
        asker = Asker(client, cache, wanted, progress)
        try:
            await asker.settle_all([(kind, key, titled) for (kind, key), titled in questions.items()])
        finally:
            await client.close()

    try:
        asyncio.run(main())
    finally:
        if progress:
            progress.clear()
        if cache is not None:
            cache.save()
    return asker


def _state(asker, kind: str, key: str) -> str:
    verdict = asker.verdict(f"{'page' if kind == 'page' else kind} {key}")
    return verdict.state if verdict is not None else UNKNOWN


def _finding(group, asker, document: Document, target, title: str | None, wanted: set[str]):
    """The finding on one target (or None), its state, and the reason of an unknown one."""
    verdict = asker.verdict(f"{target.kind} {target.key}")
    if verdict is None:
        return None, UNKNOWN, "not asked"
    if verdict.state == UNKNOWN:
        return None, UNKNOWN, verdict.detail
    if target.kind == "page":
        return _page_finding(group, asker, document, target, verdict, wanted), verdict.state, verdict.detail
    label = f"{_LABELS[target.kind]} {target.key}"
    if verdict.state == MISSING:
        if "HAL502" not in wanted:
            return None, MISSING, verdict.detail
        message = f"{label} does not exist: {verdict.detail}"
        return group.diagnostic(document, "HAL502", target.start, target.end, message), MISSING, verdict.detail
    known = verdict.title
    if target.kind != "arxiv":
        titled = asker.verdict(f"{target.kind}-title {target.key}")
        known = titled.title if titled is not None else None
    if title and known and "HAL503" in wanted and not same_work(title, known):
        message = f"the link's text {title!r} names another work: {label} is {known!r}"
        return group.diagnostic(document, "HAL503", target.start, target.end, message), EXISTS, verdict.detail
    return None, EXISTS, verdict.detail


def _page_finding(group, asker, document: Document, target, verdict, wanted: set[str]):
    if verdict.state == MISSING:
        if "HAL501" not in wanted:
            return None
        archived = asker.verdict(f"wayback {target.key}")
        fix = None
        if archived is None or archived.state == UNKNOWN:
            why = "the Wayback Machine could not be asked" + (f" ({archived.detail})" if archived else "")
        elif archived.state == EXISTS:
            from ..hallucinations.online import archived_link

            copy = archived_link(archived.title)
            why = f"the Wayback Machine holds a copy, {copy} (link rot)"
            if target.url is not None:
                fix = Fix.replace(target.start, target.end, copy, safe=False)
        else:
            why = "the Wayback Machine never saw it: likely invented"
        message = f"dead link ({verdict.detail}): {why}"
        return group.diagnostic(document, "HAL501", target.start, target.end, message, fix)
    home = home_page_of(target.key, verdict.redirects)
    if home is not None and "HAL504" in wanted:
        message = f"the site redirects this deep link to its home page, {home}: the page is gone (a soft 404)"
        return group.diagnostic(document, "HAL504", target.start, target.end, message)
    return None


def _shown(target) -> str:
    return target.key if target.kind == "page" else f"{_LABELS[target.kind]} {target.key}"


def _fixed(engine, path: str, result, document: Document, found: list[Diagnostic], options) -> list[Diagnostic]:
    """The findings to report on a post; with ``--fix``/``--diff`` and ``--unsafe-fixes``, the
    fixes of the others applied to the post's rewrite (made if it had none)."""
    if not (options.fix or options.diff) or not found:
        return found
    chosen = engine.fixes_to_apply(document, found)
    if not chosen:
        return found
    rewrite = result.rewrite
    if rewrite is None:
        try:
            source = sources.read(path, engine.config.max_file_size)
        except sources.SourceError:
            return found
        if source.text != document.raw:
            return found  # changed since it was read: nothing is written over it
        rewrite = Rewrite(path, source.text, source.text if options.diff else None, source.encoding, source.bom,
                          sources.digest(source.data), list(result.diagnostics))
    rewrite.text = apply_edits(document, [edit for d in chosen for edit in d.fix.edits])
    result.rewrite = rewrite
    result.fixed += len(chosen)
    applied = set(map(id, chosen))
    return [d for d in found if id(d) not in applied]
