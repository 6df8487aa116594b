"""The translations linter (TRN): versions of one post that disagree on what is not translated.

The one cross-file linter. Posts are versions of one another when their paths differ only by
language (``_posts/fr/2024-11-11-talent-fr.md`` and ``_posts/en/2024-11-11-talent-en.md``, or
``notes/2024-11-11-talent-fr.md`` beside ``…-en.md``); the path templates are data in
``rules/translations.yaml`` and the ``path-patterns`` option. Each post is summarised once (URLs,
timestamps, numbers, inline code, code blocks, block structure, some front matter values, each
with its position); a group's summaries are then compared, and the version that disagrees is
reported at its line: disagrees with the original when one version's front matter says
``translated: false``, else with the majority, else with the version in ``original-language``.
"""
from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import regex

from . import identifiers, languages
from .packs.loading import RulePackError
from .packs.sections import ListOf, MappingOf, Scalar, Section, Text, Where
from .patterns.search import compile_pattern
from .patterns.sections import PATTERN
from .registry import CrossFileLinter, Location, Option, PatternTimeout

PACK = "rules/translations.yaml"
MAX_ITEMS = 1000  # per kind and post: summaries stay small, comparisons stay fast on hostile posts
MAX_CODE_LINES = 2000
MAX_FINDINGS = 10  # per rule and version: beyond that, a count
MAX_PAIRED = 300  # replaced values paired per version: pairing costs the product of the counts
SHOWN = 80  # characters of a value quoted in a message
MAX_PARSED_URLS = 10_000  # URLs whose language-free parse is kept for the other posts that link them
MAX_LEARNT_ENDS = 10_000  # pairs of characters after digits remembered: a hostile post may hold every one

_TEMPLATE_TOKEN = re.compile(r"\{lang\}|\{date\}|\{ext\}|\*\*/|\*|[^{*]+|\{")
_LANGUAGE_TEXT = r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{2,8})?"

# Two-part ``38:25`` only in brackets: ``at 7:45`` is a time of day, written 7時45分 elsewhere.
# What may come before a timestamp is checked on each match (``_TIMESTAMP_NOT_AFTER``): a
# lookbehind at the start of the pattern would make the scan try every position.
_TIMESTAMP = re.compile(  # the lookahead lets the scan skip to digits: six times faster
    r"(?=\d)(?:(?P<hms>\d{1,2}):([0-5]\d):([0-5]\d)(?!\d|[:.,]\d)"
    r"|(?P<ms>[0-5]?\d):([0-5]\d)(?=[)\]])"
    r"|(?P<cjk>\d{1,2})\s?(?:時間|小时|小時|시간)\s?(\d{1,2})\s?分(?:钟|鐘)?\s?(\d{1,2})\s?秒"
    r"|(?P<cjk_ms>\d{1,2})\s?分(?:钟|鐘)?\s?(\d{1,2})\s?秒)")
# Every timestamp has one of these within its first four characters, after a digit: found with
# ``str.find``, they are where the pattern is tried, instead of its scan of the whole prose.
_TIMESTAMP_ANCHORS = (":", "時", "小", "시", "分")
_TIMESTAMP_NOT_AFTER = {"hms": "0123456789:.,", "cjk": "0123456789", "cjk_ms": "0123456789"}
# Digits with their group and decimal separators: 1,000 · 1 000 · 1.000 · 2,68 · 1 000 000.
_NUMBER = r"(?P<number>\d+(?:[.,]\d+|[\u00a0\u202f\u2009 '’]\d{3}(?!\d))*)"
# What may come right after a number's digits and continue it: its separators, the space before a unit.
_NUMBER_GOES_ON = ".,\u00a0\u202f\u2009 '’"
_NOT_DIGIT = re.compile(r"\D")
# Where digits are: ``regex`` finds them three times faster than ``re``, whose patterns then match there.
_DIGIT_RUN = regex.compile(r"\d+")
_DECIMALS = re.compile(r"[.,](\d{1,2}|\d{4,})$")
_LIST_ITEM_TEXT = r"[ \t]*(?:>[ \t]*)*(?:[-+*]|\d{1,9}[.)])[ \t]+(?=\S)"  # at the start of a line
_FIRST_LIST_ITEM = re.compile(_LIST_ITEM_TEXT)
# After the first line, each starts after a newline: as a literal prefix, ``re`` finds it fast.
_LATER_LIST_ITEM = re.compile(r"\n(" + _LIST_ITEM_TEXT + ")")
_LIST_MARKER = re.compile(r"[ \t]*(?:>[ \t]*)*(?:\d{1,9}[.)])")
_CODE_COMMENT_LINE = re.compile(r"(?:#(?![!#]|include|define|if|else|end)|//|--(?!-)|;|%|<!--|/\*|\*/|\*(?!\*))")
_TRAILING_COMMENT = re.compile(r"\s+(?:#|//)\s.*$")
_SPACES = re.compile(r"\s+")
_SPACE_BY_PUNCTUATION = re.compile(r"\s*([=,:;+()<>|])\s*")


_TEMPLATES = ListOf(Text("a path template"), minimum=1, wanted="a non-empty list of path templates")


class TranslationsLinter(CrossFileLinter):
    name = "translations"
    pack = "translations"
    options = {
        "path-patterns": Option(list, [], "path templates of translation groups, replacing the rule "
                                          "pack's: {lang}, {date}, {ext}, * (within a folder), **/"),
        "original-language": Option(str, "en", "the language of the original when the front matter "
                                               "does not say which version is (translated: false)"),
    }

    sections = (Section("path-patterns", _TEMPLATES, required=True),
                Section("matching-front-matter", ListOf(Text())), Section("tracking-parameters", ListOf(Text())),
                Section("language-parameters", ListOf(Text())),
                Section("key-names", MappingOf(Text(), keys=Text(), wanted="a mapping of key names to their English names")),
                Section("interface-label", PATTERN, required=True),
                Section("number-multipliers", MappingOf(Scalar((int,), "a positive integer", (0).__lt__), keys=Text(),
                                                        wanted="a mapping of words to positive integers")))

    def setup(self) -> None:
        templates = self.settings["path-patterns"]
        if templates:
            _TEMPLATES.check(templates, Where.labelled("'linters.translations.path-patterns'"), whole=True)
        else:
            templates = self.data["path-patterns"]
        self.patterns = [_compile_template(template) for template in templates]
        self.matching_keys = {key: re.compile(rf"^{re.escape(key)}[ \t]*:.*$", re.M)  # the key's line
                              for key in self.data["matching-front-matter"]}
        self.tracking = tuple(self.data["tracking-parameters"])
        self.language_parameters = set(self.data["language-parameters"])
        names = self.data["key-names"]
        self.key_name_table = {name.casefold(): english for name, english in names.items()}
        self.key_names = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b",
                                    re.I) if names else None
        self.interface_label = compile_pattern(self.data["interface-label"], f"{PACK}: interface-label")
        self.number = _number_pattern(self.data["number-multipliers"])
        self.multipliers = {word.casefold(): value for word, value in self.data["number-multipliers"].items()}
        self.unit_start = _unit_start(self.data["number-multipliers"])  # a multiplier's first character
        self.number_ends: dict[str, bool] = {}  # by the two characters after digits: see _ends_number
        self.original_language = languages.normalize(self.settings["original-language"]) or self.settings["original-language"]
        self.start_run()

    # -- grouping ------------------------------------------------------------------------------

    def start_run(self) -> None:
        self._entries: dict[str, frozenset[str]] = {}
        self._folder_groups: dict[str, dict] = {}
        self._folder_languages: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self._parsed_urls: dict[str, object] = {}
        self._matches: dict[str, tuple | None] = {}  # a run asks for the key, then the siblings, of each post
        self._cwd = os.getcwd()  # abspath() asks the system for it once per path
        self._folders: dict[str, str] = {}

    def _match(self, path: str):
        """For the first template that matches ``path`` with a real language code: the absolute
        path, the spans of the language in it, the code, and the pieces of the path around the
        spans (joined with another code, they name that version); None when no template matches."""
        try:
            return self._matches[path]
        except KeyError:
            matched = self._matches[path] = self._first_match(path)
            return matched

    def _first_match(self, path: str):
        folder, file_name = os.path.split(path)
        posix = self._absolute_folder(folder) + file_name
        for pattern in self.patterns:
            match = pattern.search(posix)
            if match is None:
                continue
            spans = [match.span(name) for name in pattern.groupindex if name.startswith("lang") and match.start(name) >= 0]
            code = languages.normalize(match.group("lang"))
            if code:
                return posix, spans, code, _pieces_around(posix, spans)
        return None

    def _absolute_folder(self, folder: str) -> str:
        """A folder as an absolute POSIX path ending in ``/``: worked out once per folder."""
        absolute = self._folders.get(folder)
        if absolute is None:
            absolute = os.path.normpath(os.path.join(self._cwd, folder)).replace("\\", "/")
            absolute = self._folders[folder] = absolute if absolute.endswith("/") else absolute + "/"
        return absolute

    def group_key(self, path: str):
        matched = self._match(path)
        if matched is None:
            return None
        return "\0".join(matched[3])

    def sibling_paths(self, path: str):
        matched = self._match(path)
        if matched is None:
            return
        posix, spans, _, pieces = matched
        start, end = spans[0]
        segment_start = posix.rfind("/", 0, start) + 1
        segment_end = posix.find("/", end)
        if segment_end < 0:  # the language is in the file name: the folder's other versions
            key = "\0".join(pieces)
            for candidate in self._groups_in(posix[:segment_start - 1]).get(key, ()):
                if candidate != posix:
                    yield candidate
            return
        # The language names a folder (``_posts/fr/``): its sibling folders are the other languages.
        parent = posix[:segment_start - 1]
        prefix, suffix = posix[segment_start:start], posix[end:segment_end]
        own = posix[start:end]
        for text in self._languages_in(parent, prefix, suffix):
            if text == own:
                continue
            candidate = text.join(pieces)
            folder, _, name = candidate.rpartition("/")
            if name in self._entries_of(folder):
                yield candidate

    def _languages_in(self, parent: str, prefix: str, suffix: str) -> tuple[str, ...]:
        """The language codes that name entries of ``parent`` as ``prefix + code + suffix``, in the
        entries' order: worked out once per folder, not once per post."""
        found = self._folder_languages.get((parent, prefix, suffix))
        if found is None:
            texts = (entry[len(prefix):len(entry) - len(suffix)] for entry in sorted(self._entries_of(parent))
                     if entry.startswith(prefix) and entry.endswith(suffix) and len(entry) > len(prefix) + len(suffix))
            found = self._folder_languages[parent, prefix, suffix] = tuple(filter(languages.normalize, texts))
        return found

    def _entries_of(self, folder: str) -> frozenset[str]:
        entries = self._entries.get(folder)
        if entries is None:
            try:
                entries = frozenset(os.listdir(folder or "/"))
            except OSError:
                entries = frozenset()
            self._entries[folder] = entries
        return entries

    def _groups_in(self, folder: str) -> dict:
        """The files of a folder by group key, indexed once per run (a folder may hold 10,000 posts)."""
        groups = self._folder_groups.get(folder)
        if groups is None:
            groups = {}
            for entry in self._entries_of(folder):
                path = f"{folder}/{entry}"
                key = self.group_key(path)
                if key is not None:
                    groups.setdefault(key, []).append(path)
            self._folder_groups[folder] = groups
        return groups

    # -- summaries -----------------------------------------------------------------------------

    def summarize(self, document):
        """Items as ``(value, shown, start, end, …)``: offsets, with the line starts that turn an
        offset into a line and column; only the few items that end up in findings are located,
        in ``check_group``. Flat tuples: fewer objects to pickle and unpickle."""
        translated = document.metadata.get("translated")
        timestamps, timestamp_spans = self._timestamps(document)
        return {
            "language": document.language,
            "translated": translated if isinstance(translated, bool) else None,
            "line_starts": tuple(document.line_starts),
            "body": self._body_span(document),
            "blocks": self._blocks(document),
            "front": self._front_values(document),
            "urls": self._urls(document),
            "timestamps": timestamps,
            "numbers": self._numbers(document, timestamp_spans),
            "inline_code": self._inline_code(document),
            "code_blocks": self._code_blocks(document),
            "structure": self._structure(document),
        }

    def _blocks(self, document) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The first line of every block, prose or code (where a missing item is reported): starts, ends."""
        starts = sorted([block.start for block in document.blocks] + [block.start for block in document.code_blocks])[:MAX_ITEMS]
        text, ends = document.text, []
        for start in starts:
            end = text.find("\n", start)
            ends.append(len(text) if end < 0 else end)
        return tuple(starts), tuple(ends)

    def _body_span(self, document) -> tuple[int, int]:
        text, start = document.text, document.body_start
        while start < len(text) and text[start] in " \t\n":
            start += 1
        end = text.find("\n", start)
        return start, len(text) if end < 0 else end

    def _front_values(self, document) -> dict:
        front, metadata = document.front_matter, document.metadata
        if front is None or not metadata:
            return {}
        values = {}
        for key, key_line in self.matching_keys.items():
            value = metadata.get(key)
            if value is None or isinstance(value, (dict, list)):
                continue
            line = key_line.search(front.source)
            start = front.content_start + (line.start() if line else 0)
            end = front.content_start + (line.end() if line else 0)
            values[key] = (_show_value(value), start, end)
        return values

    def _urls(self, document) -> list:
        found, seen = [], {}  # a URL linked again: its key, and one string for both (pickled once)
        for url in sorted(document.urls, key=lambda url: url.start)[:MAX_ITEMS]:
            if url.url not in seen:
                seen[url.url] = (self._url_key(url.url, document.language), url.url)
            key, same_url = seen[url.url]
            if key:
                found.append((key, same_url, url.start, url.end))
        return found

    def _url_key(self, url: str, language: str | None) -> str:
        """What must be equal in every version: no scheme, ``www.``, tracking or language parameters."""
        parsed = self._parsed_urls.get(url)
        if parsed is None:
            parsed = self._parse_url(url)
            if len(self._parsed_urls) < MAX_PARSED_URLS:
                self._parsed_urls[url] = parsed
        if isinstance(parsed, str):
            return parsed
        host, host_language, path_parts, query = parsed
        own = languages.primary(language) if language else None
        if own is not None and host_language == own:
            return f"{host.partition('.')[2]}/<localised page>"  # fr.wikipedia.org/wiki/Chat ≈ en…/Cat
        path = "/".join("<lang>" if own is not None and part_language == own else part for part, part_language in path_parts)
        return f"{host}{path.rstrip('/')}{query}"

    def _parse_url(self, url: str):
        """What ``_url_key`` reads from a URL whatever the post's language, once per run: the key
        itself, or ``(host, its first label's language, ((path part, its language), …), query)``."""
        if url.startswith("#") or url.startswith("mailto:"):
            return ""  # an anchor is the slug of a translated heading
        try:
            parts = urlsplit(url.strip())
            host = (parts.hostname or "").lower()
        except ValueError:
            return url
        host = host[4:] if host.startswith("www.") else host
        identifier = identifiers.in_url(host, parts.path, parts.query)
        if identifier:
            return f"{identifier[0]}:{identifier[1]}"
        labels = host.split(".")
        host_language = languages.of_url_part(labels[0]) if len(labels) > 2 else None
        path_parts = tuple((part, languages.of_url_part(part)) for part in unquote(parts.path).split("/"))
        query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
                 if not name.lower().startswith(self.tracking) and name.lower() not in self.language_parameters]
        return host, host_language, path_parts, "?" + urlencode(query) if query else ""

    def _timestamps(self, document):
        prose, found = document.prose, []
        spans = []
        for match in _timestamp_matches(prose):
            before = prose[match.start() - 1] if match.start() else ""
            form = next(name for name in ("hms", "ms", "cjk", "cjk_ms") if match.group(name) is not None)
            if (form == "ms" and before not in ("(", "[")) or (before and before.isdigit()) or \
                    (before and before in _TIMESTAMP_NOT_AFTER.get(form, "")):
                continue
            start, end = match.span()
            spans.append((start, end))
            found.append((_seconds(match), match.group(), start, end))
            if len(found) >= MAX_ITEMS:
                break
        return found, spans

    def _numbers(self, document, timestamp_spans) -> list:
        prose = document.prose
        masked = _blank(prose, timestamp_spans + self._list_markers(document))
        found, multipliers = [], self.multipliers
        for written, start, end, match in self._number_matches(masked):
            if match is None:  # most numbers: digits alone, their value
                digits = shown = written
            else:
                number, *units = match.groups()  # the unit, or the word, that multiplies it: when the pack has some
                unit = (units[0] or units[-1]) if units else None
                digits = _number_value(number, multipliers.get(unit.casefold(), 1) if unit else 1)
                shown = written.strip()
            if len(digits) < 3:
                continue  # small numbers are spelled out in one language and written in another
            found.append((digits, shown, start, end))
            if len(found) >= MAX_ITEMS:
                break
        return found

    def _number_matches(self, text: str):
        """``(written, start, end, match)`` for each match of ``self.number`` in ``text``, as ``finditer`` finds them.

        The pattern is tried only where ``_DIGIT_RUN`` finds digits, and not even there when
        nothing can continue them (``2024.``, ``12 mai``, ``38)``): ASCII digits then are the
        whole match, given with ``match`` None. ``_DIGIT_RUN``'s ``\\d`` is at least ``re``'s
        (``regex``'s Unicode is not older than Python's, and Unicode adds digits, never removes
        any); a digit ``re`` does not know is searched past.
        """
        end, number_ends = 0, self.number_ends
        for run in _DIGIT_RUN.finditer(text):
            start, run_end = run.span()
            if run_end <= end:
                continue
            digits = run.group()
            if start >= end and digits.isascii() and (number_ends.get(text[run_end:run_end + 2]) or self._ends_number(text[run_end:run_end + 2])):
                end = run_end
                yield digits, start, run_end, None
                continue
            match = self.number.match(text, max(start, end)) or self.number.search(text, max(start, end))
            if match is None:
                return
            end = match.end()
            yield match.group(), match.start(), end, match

    def _ends_number(self, following: str) -> bool:
        """Whether digits end before ``following``, the two characters after them (fewer at the
        text's end), whatever comes next: worked out once for each pair that turns up."""
        ends = self.number_ends.get(following)
        if ends is None:
            ends = self._ends_before(following[:1], following[1:])
            if len(self.number_ends) < MAX_LEARNT_ENDS:
                self.number_ends[following] = ends
        return ends

    def _ends_before(self, first: str, second: str) -> bool:
        """Whether no separator, digit group or unit can follow digits before ``first`` and ``second``."""
        if not first:
            return True
        if first.isdecimal() or self._starts_unit(first):
            return False
        if first not in _NUMBER_GOES_ON:
            return True  # ``:``, ``)``, ``人``, a letter no unit starts with
        # A separator, or the space before a unit: what comes next decides.
        return not second or not second.isdecimal() and (first not in " \u00a0" or not self._starts_unit(second))

    def _starts_unit(self, character: str) -> bool:
        return self.unit_start is not None and self.unit_start.match(character) is not None

    def _list_markers(self, document) -> list[tuple[int, int]]:
        markers = []
        for block in document.blocks:
            if block.kind == "list_item":
                marker = _LIST_MARKER.match(document.text, block.start, block.end)
                if marker:
                    markers.append(marker.span())
        return markers

    def _inline_code(self, document) -> list:
        text, found = document.text, []
        for span in document.inline_code[:MAX_ITEMS]:
            code = _SPACES.sub(" ", text[span.start:span.end].strip("`")).strip()
            if code:
                found.append((self._code_key(code), code, span.start, span.end))
        return found

    def _code_key(self, code: str) -> str:
        """Code as compared: keyboard keys in one language (``Strg`` is ``Ctrl``), no space by punctuation."""
        if self.key_names is not None:
            code = self.key_names.sub(lambda match: self.key_name_table[match.group().casefold()], code)
        return _SPACE_BY_PUNCTUATION.sub(r"\1", code)

    def _code_blocks(self, document) -> list:
        text, found, budget = document.text, [], MAX_CODE_LINES
        for block in document.code_blocks[:MAX_ITEMS]:
            lines = []
            position = block.content_start
            while position < block.content_end and budget > 0:
                line_end = text.find("\n", position, block.content_end)
                line_end = block.content_end if line_end < 0 else line_end
                code = _code_line(text[position:line_end])
                if code:
                    lines.append((code, position, line_end))
                    budget -= 1
                position = line_end + 1
            key = "\n".join(code for code, _, _ in lines)
            opening_end = text.find("\n", block.start, block.end)
            found.append((key, block.info or "code", block.start, block.end if opening_end < 0 else opening_end, tuple(lines)))
        return found

    def _structure(self, document) -> list:
        """Headings, quotations and tables as parsed; list items by their marker lines.

        Nested list items are counted line by line: how deep a translation indents them
        changes how a parser groups them, not how many there are.
        """
        found = []
        text = document.text
        for block in document.blocks:
            if block.kind in ("heading", "blockquote", "table"):
                kind = _heading_kind(block.level) if block.kind == "heading" else _STRUCTURE_KINDS[block.kind]
                line_end = text.find("\n", block.start, block.end)
                found.append((kind, kind, block.start, block.end if line_end < 0 else line_end))
        found.extend(("list item", "list item", start, end) for start, end in _list_item_lines(document.prose))
        found.sort(key=lambda item: item[2])
        return found[:MAX_ITEMS]

    # -- comparing a group ---------------------------------------------------------------------

    def check_group(self, members):
        versions = [_Version(path, summary) for path, summary in members if isinstance(summary, dict)]
        if len(versions) < 2:
            return
        original, declared = self._original(versions)
        comparisons = (
            self._compare_front_matter(versions, original, declared),
            self._compare_sequence(versions, original, declared, "urls", self._url_findings),
            self._compare_sequence(versions, original, declared, "timestamps", self._timestamp_findings),
            self._compare_sequence(versions, original, declared, "code_blocks", self._code_findings),
            self._compare_sequence(versions, original, declared, "structure", self._structure_findings),
            self._compare_values(versions, original, declared, "numbers", "TRN003", "number"),
            self._compare_values(versions, original, declared, "inline_code", "TRN005", "inline code"),
        )
        for findings in comparisons:
            yield from _at_most(findings, MAX_FINDINGS)

    def _original(self, versions) -> tuple[int | None, bool]:
        """The version the others were translated from, and whether its front matter says so.

        The one with ``translated: false``; else the one in ``original-language``.
        """
        declared = [i for i, version in enumerate(versions) if version.summary.get("translated") is False]
        if len(declared) == 1:
            return declared[0], True
        by_language = [i for i, version in enumerate(versions) if version.summary.get("language") == self.original_language]
        return (by_language[0] if len(by_language) == 1 else None), False

    @staticmethod
    def _reference(values: list, original: int | None, declared: bool):
        """The value every version should have: a declared original's, else the majority's, else the original's."""
        if original is not None and declared:
            return values[original]
        value, count = Counter(values).most_common(1)[0]
        if count * 2 > len(values):
            return value
        return values[original] if original is not None else None

    def _holder(self, values: list, reference, original: int | None, exclude: int) -> tuple[int, int]:
        """A version holding the reference value (the original if it does), and how many others do."""
        holders = [i for i, value in enumerate(values) if value == reference and i != exclude]
        chosen = original if original in holders else holders[0]
        return chosen, len(holders) - 1

    def _compare_sequence(self, versions, original, declared: bool, kind: str, findings):
        """Sequences that must be equal: the majority's length, then each position's majority.

        Versions of the agreed length are compared position by position with the value most of
        them have there; a longer or shorter one is aligned with that consensus, so a dropped
        item is reported where it is missing, not as a shift of everything after it. The items
        handed to ``findings`` are located: their offsets are one ``Location``.
        """
        sequences = [version.summary.get(kind, []) for version in versions]
        lengths = [len(sequence) for sequence in sequences]
        length = self._reference(lengths, original, declared)
        if length is None:
            return
        full = [i for i, size in enumerate(lengths) if size == length]
        base = original if original in full else full[0]
        consensus = [self._consensus_at(sequences, full, base, original, declared, position) for position in range(length)]
        for index, version in enumerate(versions):
            mine = sequences[index]
            if lengths[index] == length:
                for position, (value, holder, others) in enumerate(consensus):
                    if mine[position][0] != value:
                        where = f"{versions[holder].path}{_and_others(others)}"
                        yield from findings(version, "changed", version.located(mine[position]),
                                            versions[holder].located(sequences[holder][position]), where, position)
                continue
            holders = [versions[holder] for _, holder, _ in consensus]
            theirs = [sequences[holder][position] for position, (_, holder, _) in enumerate(consensus)]
            where = f"{versions[base].path}{_and_others(len(full) - 1)}"
            import difflib  # imported only when versions are compared, not by every run
            matcher = difflib.SequenceMatcher(None, [item[0] for item in mine], [value for value, _, _ in consensus],
                                              autojunk=False)
            for operation, i1, i2, j1, j2 in matcher.get_opcodes():
                if operation == "equal":
                    continue
                paired = min(i2 - i1, j2 - j1)
                for offset in range(paired):
                    yield from findings(version, "changed", version.located(mine[i1 + offset]),
                                        holders[j1 + offset].located(theirs[j1 + offset]), where, i1 + offset)
                for position in range(i1 + paired, i2):
                    yield from findings(version, "extra", version.located(mine[position]), None, where, position)
                if j1 + paired < j2:
                    missing = [holders[j].located(theirs[j]) for j in range(j1 + paired, j2)]
                    holder = holders[j1 + paired].summary
                    near = _missing_at(version.summary, holder, missing[0][2].start) or _near(mine, i2, version.summary)
                    yield from findings(version, "missing", version.location(*near), missing, where, i2)

    def _consensus_at(self, sequences, full: list[int], base: int, original: int | None, declared: bool, position: int):
        """The value at ``position`` of most versions of the agreed length, who holds it, how many others."""
        values = [sequences[i][position][0] for i in full]
        if values.count(values[0]) == len(values):  # the usual case, and the answer of the general one
            return values[0], base, len(full) - 1
        value = self._reference(values, full.index(original) if original in full else None, declared)
        if value is None:
            value = sequences[base][position][0]
        holders = [i for i in full if sequences[i][position][0] == value]
        holder = base if base in holders else holders[0]
        return value, holder, len(holders) - 1

    def _url_findings(self, version, operation, item, other, where, index):
        if operation == "changed":
            mine, theirs = _split_identifier(item[0]), _split_identifier(other[0])
            if mine and theirs and mine[0] == theirs[0]:
                yield self.diagnostic_at(version.path, "TRN002", item[2],
                                         f"{mine[0]} {mine[1]} here but {theirs[1]} in {where}")
            else:
                yield self.diagnostic_at(version.path, "TRN001", item[2],
                                         f"URL {index + 1} is {_short(item[1])} here but {_short(other[1])} in {where}")
        elif operation == "extra":
            yield self.diagnostic_at(version.path, "TRN001", item[2],
                                     f"URL {index + 1} ({_short(item[1])}) is not in {where}")
        else:
            yield self.diagnostic_at(version.path, "TRN001", item,
                                     f"{_count(len(other), 'URL')} of {where} missing here: "
                                     f"{_listing([url for _, url, _ in other])} (line {other[0][2].line} there)")

    def _timestamp_findings(self, version, operation, item, other, where, index):
        if operation == "changed":
            message = f"timestamp {item[1]} here but {other[1]} in {where}"
        elif operation == "extra":
            message = f"timestamp {item[1]} is not in {where}"
        else:
            message = (f"{_count(len(other), 'timestamp')} of {where} missing here: "
                       f"{_listing([shown for _, shown, _ in other])} (line {other[0][2].line} there)")
            item = (None, None, item)
        yield self.diagnostic_at(version.path, "TRN004", item[2], message)

    def _code_findings(self, version, operation, item, other, where, index):
        if operation == "changed":
            yield from self._code_change(version, item, other, where, index)
        elif operation == "extra":
            yield self.diagnostic_at(version.path, "TRN006", item[2],
                                     f"code block {index + 1} ({item[1]}) is not in {where}")
        else:
            lines = ", ".join(str(block[2].line) for block in other[:5])
            yield self.diagnostic_at(version.path, "TRN006", item,
                                     f"{_count(len(other), 'code block')} of {where} missing here "
                                     f"(line{'s' if len(other) > 1 else ''} {lines}{', …' if len(other) > 5 else ''} there)")

    def _code_change(self, version, item, other, where, index):
        mine, theirs = item[3], other[3]
        import difflib
        matcher = difflib.SequenceMatcher(None, [line[0] for line in mine], [line[0] for line in theirs], autojunk=False)
        for operation, i1, i2, j1, j2 in matcher.get_opcodes():
            if operation == "equal":
                continue
            if operation == "replace":
                location, detail = version.location(*mine[i1][1:]), f"`{_short(mine[i1][0])}` here, `{_short(theirs[j1][0])}` there"
            elif operation == "delete":
                location, detail = version.location(*mine[i1][1:]), f"`{_short(mine[i1][0])}` is not there"
            else:
                location = version.location(*(mine[i1] if i1 < len(mine) else mine[-1])[1:]) if mine else item[2]
                detail = f"`{_short(theirs[j1][0])}` is missing here"
            yield self.diagnostic_at(version.path, "TRN007", location,
                                     f"code block {index + 1} differs from {where}: {detail}")
            return  # the first difference locates the change; the rest usually follow from it

    def _structure_findings(self, version, operation, item, other, where, index):
        if operation == "changed":
            message = f"a {item[1]} here where {where} has a {other[1]} (line {other[2].line} there)"
        elif operation == "extra":
            message = f"this {item[1]} is not in {where}"
        else:
            kinds = Counter(kind for kind, _, _ in other)
            listed = ", ".join(_count(count, kind) for kind, count in kinds.items())
            message = f"{listed} of {where} missing here (from line {other[0][2].line} there)"
            item = (None, None, item)
        yield self.diagnostic_at(version.path, "TRN008", item[2], message)

    def _compare_values(self, versions, original, declared: bool, kind: str, code: str, label: str):
        """Values in no other version, in a version that lacks a value the others agree on.

        Numbers and inline code are compared as sets: translations reorder sentences and spell
        small numbers out, so only a value that was replaced (one of its own, none of theirs)
        is a divergence worth a finding.
        """
        present = [{item[0] for item in version.summary.get(kind, ())} for version in versions]
        support = Counter(value for values in present for value in values)
        count = len(versions)

        def agreed(value) -> bool:
            if original is not None and declared:
                return value in present[original]
            held = support[value]
            if held * 2 == count and original is not None:
                return value in present[original]
            return held * 2 > count

        for index, version in enumerate(versions):
            items = version.summary.get(kind, ())
            own = [item for item in items if support[item[0]] == 1]
            if not own:
                continue
            missing = [value for value in support if agreed(value) and value not in present[index]
                       and not (kind == "inline_code" and self._is_interface_label(value))]
            if not missing:
                continue
            sources = {}
            for other_index in ([original] if original is not None else []) + list(range(count)):
                if other_index == index:
                    continue
                for item in versions[other_index].summary.get(kind, ()):
                    sources.setdefault(item[0], (other_index, item))
            missing.sort(key=lambda value: sources[value][1][2])
            first_item = {}
            for item in own:
                first_item.setdefault(item[0], item)
            for item, wanted in _pair_by_position([(item, version.place(item[2])) for item in list(first_item.values())[:MAX_PAIRED]],
                                                  [(value, versions[sources[value][0]].place(sources[value][1][2]))
                                                   for value in missing[:MAX_PAIRED]]):
                holder, other = sources[wanted]
                where = f"{versions[holder].path}{_and_others(support[wanted] - 1)}"
                yield self.diagnostic_at(version.path, code, version.location(item[2], item[3]),
                                         f"{label} {_quote(item[1], kind)} here but {_quote(other[1], kind)} in {where}")

    def _is_interface_label(self, code: str) -> bool:
        """``File > Preferences``: a label of a program's interface, translated with the interface."""
        try:
            return self.interface_label.fullmatch(code, timeout=self.timeout) is not None
        except TimeoutError:
            raise PatternTimeout(self.name, "TRN005", self.interface_label.pattern[:80]) from None

    def _compare_front_matter(self, versions, original, declared: bool):
        keys = {key for version in versions for key in version.summary.get("front", {})}
        for key in sorted(keys):
            holding = [i for i, version in enumerate(versions) if key in version.summary.get("front", {})]
            if len(holding) < 2:
                continue
            values = [versions[i].summary["front"][key][0] for i in holding]
            reference = self._reference(values, holding.index(original) if original in holding else None, declared)
            if reference is None:
                continue
            for position, index in enumerate(holding):
                if values[position] == reference:
                    continue
                holder, others = self._holder(values, reference, holding.index(original) if original in holding else None, position)
                where = f"{versions[holding[holder]].path}{_and_others(others)}"
                yield self.diagnostic_at(versions[index].path, "TRN009", versions[index].location(*versions[index].summary["front"][key][1:]),
                                         f"front matter '{key}' is {values[position]} here but {reference} in {where}")


def _at_most(findings, limit: int):
    """The first ``limit`` findings of each rule in each version; the last says how many more.

    Two versions that have nothing in common would otherwise get a finding per link.
    """
    counts: Counter = Counter()
    held = {}  # the limit-th finding of a (path, code), given last with the count beyond it
    for diagnostic in findings:
        key = (diagnostic.path, diagnostic.code)
        counts[key] += 1
        if counts[key] < limit:
            yield diagnostic
        elif counts[key] == limit:
            held[key] = diagnostic
    for key, diagnostic in held.items():
        more = counts[key] - limit
        yield diagnostic.with_message(f"{diagnostic.message} (and {more} more like this here)") if more else diagnostic


class _Version:
    """A version's path and summary, and the line and column of an offset in it."""

    __slots__ = ("path", "summary", "line_starts")

    def __init__(self, path: str, summary: dict):
        self.path, self.summary = path, summary
        self.line_starts = summary.get("line_starts", (0,))

    def line(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def place(self, offset: int) -> float:
        """How far into the post an offset is, by lines: where a replaced value is looked for."""
        return self.line(offset) / max(len(self.line_starts), 1)

    def location(self, start: int, end: int) -> Location:
        """The ``Location`` of offsets of the summary, as ``CrossFileLinter.location`` gives it."""
        end = max(end, start)
        line, end_line = self.line(start), self.line(end)
        return Location(line, start - self.line_starts[line - 1] + 1,
                        end_line, end - self.line_starts[end_line - 1] + 1, start, end)

    def located(self, item: tuple) -> tuple:
        """A summary item with its offsets (always third and fourth) as one ``Location``."""
        return (*item[:2], self.location(item[2], item[3]), *item[4:])


_STRUCTURE_KINDS = {"blockquote": "quotation", "table": "table"}


@lru_cache(maxsize=None)
def _heading_kind(level: int) -> str:
    return f"level-{level} heading"  # one string per level: a summary pickles it once


def _compile_template(template: str):
    """A path template (``_posts/{lang}/{date}-*-{lang}.{ext}``) as a regex matched at a path's end."""
    parts, languages_seen = [], 0
    for token in _TEMPLATE_TOKEN.findall(template.replace("\\", "/")):
        if token == "{lang}":
            parts.append(f"(?P<lang>{_LANGUAGE_TEXT})" if not languages_seen else f"(?P<lang{languages_seen}>(?P=lang))")
            languages_seen += 1
        elif token == "{date}":
            parts.append(r"\d{4}-\d{2}-\d{2}")
        elif token == "{ext}":
            parts.append(r"(?:md|markdown)")
        elif token == "**/":
            parts.append(r"(?:[^/]+/)*")
        elif token == "*":
            parts.append(r"[^/]*")
        else:
            parts.append(re.escape(token))
    if not languages_seen:
        raise RulePackError(f"translations: path pattern {template!r} has no {{lang}}")
    return re.compile(r"(?:^|/)" + "".join(parts) + r"$")


def _pieces_around(text: str, spans) -> tuple[str, ...]:
    """``text`` cut at ``spans``, without them: ``replacement.join(pieces)`` replaces each span."""
    pieces, position = [], 0
    for start, end in sorted(spans):
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    return tuple(pieces)


def _split_identifier(key: str):
    for kind in dict.fromkeys(identifiers.LABELS.values()):
        if key.startswith(kind + ":"):
            return kind, key[len(kind) + 1:]
    return None


def _seconds(match) -> int:
    """A timestamp in seconds, whichever way it is written (``1:38:25``, ``1時間38分25秒``)."""
    total = 0
    for value in (group for group in match.groups() if group is not None):
        total = total * 60 + int(value)
    return total


def _number_pattern(multipliers):
    """Numbers, with the word or character that multiplies them (``30万``, ``2.5 million``)."""
    words = sorted(multipliers, key=len, reverse=True)
    glued = [re.escape(word) for word in words if not word[0].isascii()]
    spaced = [re.escape(word) for word in words if word[0].isascii()]
    units = []
    if glued:
        units.append(r"[ \u00a0]?(?P<unit>" + "|".join(glued) + ")")
    if spaced:
        units.append(r"[ \u00a0](?P<word>" + "|".join(spaced) + r")\b")
    unit = "(?:" + "|".join(units) + ")?" if units else ""
    return re.compile(_NUMBER + unit, re.I)


def _number_value(written: str, multiplier: int) -> str:
    """A number's digits, the same however it is written: separators dropped, multiplier applied."""
    if multiplier == 1:
        return _digits(written)
    decimals = _DECIMALS.search(written)
    fraction = decimals.group(1) if decimals else ""
    whole = written[:decimals.start()] if decimals else written
    value = int(_digits(whole + fraction)) * multiplier
    scale = 10 ** len(fraction)
    return str(value // scale) if value % scale == 0 else f"{value / scale:g}"


def _digits(written: str) -> str:
    """The ASCII digits of a number, whatever script its digits are in (``１２``, ``١٢``)."""
    if written.isascii():
        return _NOT_DIGIT.sub("", written)
    return "".join(str(unicodedata.digit(c)) for c in written if c.isdigit())


def _unit_start(words) -> re.Pattern | None:
    """What matches a character that may begin one of ``words`` in ``_number_pattern`` (case-insensitive, as ``re`` has it)."""
    return re.compile("|".join(re.escape(word[0]) for word in words), re.I) if words else None


def _timestamp_matches(prose: str):
    """``_TIMESTAMP.finditer(prose)``, trying the pattern only before its anchors."""
    candidates = set()
    for anchor in _TIMESTAMP_ANCHORS:
        position = prose.find(anchor, 1)
        while position > 0:
            before = prose[position - 1]  # a digit; before a CJK unit, maybe a space
            if before.isdecimal() or (anchor != ":" and before.isspace()):
                candidates.update(range(max(position - 3, 0), position))
            position = prose.find(anchor, position + 1)
    end = 0
    for start in sorted(candidates):
        if start < end or not prose[start].isdecimal():
            continue
        match = _TIMESTAMP.match(prose, start)
        if match:
            end = match.end()
            yield match


def _list_item_lines(prose: str) -> list[tuple[int, int]]:
    """The spans of the list item markers that start a line of ``prose`` (one spans no newline)."""
    first = _FIRST_LIST_ITEM.match(prose)
    return ([first.span()] if first else []) + [match.span(1) for match in _LATER_LIST_ITEM.finditer(prose)]


def _code_line(line: str) -> str:
    """A line of code as every version must have it: comments (often translated) and spacing dropped."""
    stripped = line.strip()
    if not stripped or _CODE_COMMENT_LINE.match(stripped):
        return ""
    return _SPACES.sub(" ", _TRAILING_COMMENT.sub("", stripped))


def _blank(text: str, spans) -> str:
    if not spans:
        return text
    pieces, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _show_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)


def _and_others(count: int) -> str:
    return f" (and {count} other version{'s' if count > 1 else ''})" if count > 0 else ""


PAIRING_DISTANCE = 0.1  # of a post's length: how far apart a replaced value and its replacement may be


def _pair_by_position(own: list, wanted: list):
    """Pair each value of one version with a missing value at about the same place in the post.

    ``own`` holds ``(item, place)``, ``wanted`` holds ``(value, place)``. Versions of one post
    keep its order, so a changed number sits where the original one stood; a value with
    nothing missing near it was rephrased, not replaced.
    """
    free = list(wanted)
    for item, place in own:
        best = None
        for candidate in free:
            distance = abs(candidate[1] - place)
            if distance <= PAIRING_DISTANCE and (best is None or distance < best[0]):
                best = (distance, candidate)
        if best is not None:
            free.remove(best[1])
            yield item, best[1][0]


def _missing_at(summary: dict, holder: dict, offset: int) -> tuple[int, int] | None:
    """The block of this version where an item of the holder's would be: same block structure, same place."""
    (starts, ends), theirs = summary.get("blocks", ((), ())), holder.get("blocks", ((), ()))[0]
    if not theirs or len(starts) != len(theirs):
        return None
    index = bisect_right(theirs, offset) - 1
    return (starts[index], ends[index]) if index >= 0 else None


def _near(items, index: int, summary: dict) -> tuple[int, int]:
    """Where something missing before ``items[index]`` is reported: at that item, else at the last block."""
    if index < len(items):
        return items[index][2], items[index][3]
    starts, ends = summary.get("blocks", ((), ()))
    return (starts[-1], ends[-1]) if starts else summary["body"]


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}s" if count > 1 else f"an {noun}" if noun[0] in "aeio" else f"a {noun}"


def _listing(values: list[str]) -> str:
    shown = ", ".join(_short(value) for value in values[:3])
    return shown + (f" and {len(values) - 3} more" if len(values) > 3 else "")


def _quote(value: str, kind: str) -> str:
    return f"`{_short(value)}`" if kind == "inline_code" else _short(value)


def _short(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"


LINTER = TranslationsLinter
