"""Passages left in the source language (TRN010): a paragraph or list item of a translation
whose text is that of the same block in the original, where most other translations did
translate it. Only where a version declares itself the original (``translated: false``):
otherwise the text shared by two versions may be the original's own (a Korean post that shows
its examples in English), and which one copied cannot be told."""
from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from .comparison import Group
from .messages import count, lines_of

_LANGUAGE_NAMES = {"en": "English", "ja": "Japanese", "ko": "Korean", "zh": "Chinese", "fr": "French", "de": "German",
                   "es": "Spanish"}


def compare(group: Group) -> Iterator[Diagnostic]:
    if not group.declared:
        return
    runs: dict[int, list[tuple[int, int]]] = {}  # version -> [(column, source version)]
    for column in range(len(group.columns)):
        present = group.present(column)
        texts = {}
        for v in present:
            units = group.units(column, v)
            if len(units) == 1 and units[0].text is not None:
                texts[v] = units[0].text
        if len(texts) < 2:
            continue
        for version, source in _copies(group, texts):
            runs.setdefault(version, []).append((column, source))
    for version, copies in runs.items():
        if version not in group.apart:
            yield from _report(group, version, copies)


def _copies(group: Group, texts: dict[int, tuple]) -> Iterator[tuple[int, int]]:
    """(version, the version it copied) for each block left as in another language's version."""
    versions = group.versions
    by_text: dict[int, list[int]] = {}
    for v, (fingerprint, _) in texts.items():
        by_text.setdefault(fingerprint, []).append(v)
    for holders in by_text.values():
        languages = {versions[v].language for v in holders}
        if len(holders) < 2 or len(languages) < 2:
            continue
        if group.original not in holders:
            continue
        source = group.original
        copies = [v for v in holders if versions[v].language != versions[source].language]
        translations = [v for v in texts if versions[v].language != versions[source].language]
        translated = len(translations) - len(copies)
        for copy in copies:  # most of the other translations translated it (or there is no other)
            others = len(translations) - 1
            if not others or translated * 2 > others:
                yield copy, source


def _report(group: Group, version: int, copies: list[tuple[int, int]]) -> Iterator[Diagnostic]:
    """One finding per run of consecutive blocks copied from one version."""
    run: list[tuple[int, int]] = []
    for copy in copies + [(-2, -1)]:
        if run and (copy[0] != run[-1][0] + 1 or copy[1] != run[-1][1]):
            mine, source = group.versions[version], group.versions[run[0][1]]
            first = group.units(run[0][0], version)[0]
            last = group.units(run[-1][0], version)[0]
            theirs = group.units(run[0][0], run[0][1])[0]
            blocks = count(len(run), "block") if len(run) > 1 else "this block"
            language = _LANGUAGE_NAMES.get(source.language or "", f"the language of {source.path}")
            yield group.report(version, "TRN010", mine.at(first),
                               f"{blocks} ({lines_of(mine, first.start, last.end)}) left untranslated: "
                               f"the same words as {source.path} line {source.line(theirs.start)}, in {language}")
            run = []
        run.append(copy)
