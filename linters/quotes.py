"""The quotes linter (QUO): unbalanced quotes, the wrong or mixed quote styles, French guillemet
spacing, and quotations repeated with different wording (drift).

The conventions of each language live in ``rules/quotes.yaml``. A post is read paragraph by
paragraph (a table row by row); a paragraph with a line that looks like code or terminal output
is skipped.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, namedtuple
from itertools import chain, compress, count, filterfalse, repeat
from operator import itemgetter

import regex

from . import languages
from .diagnostics import Edit, Fix
from .packs.sections import ListOf, MappingOf, Maybe, Record, Section, Text
from .patterns.characters import contains_all, required_characters
from .patterns.search import compile_pattern
from .patterns.sections import PATTERN, PATTERNS
from .registry import Linter

PACK = "rules/quotes.yaml"
STRAIGHT = '""'
_SINGLE_OPEN, _SINGLE_CLOSE = "‘", "’"
_OPENER_BEFORE = set(" \t\n\u00a0\u202f([{—–-/") | {""}
_CLOSER_AFTER = set(" \t\n\u00a0\u202f)]}.,;:!?…—–-/*_") | {""}
_WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|\w+(?:['’]\w+)*")
_NOT_CJK = regex.compile(r"[^\p{Han}\p{Hiragana}\p{Katakana}]+")
# From a letter or digit that is not CJK, as far as a word it starts can go.
_FROM_OTHER_LETTER = regex.compile(r"[^\W\p{Han}\p{Hiragana}\p{Katakana}][\w'’]*")
# _WORD tries its CJK alternative at each position: text with no character from U+2E80 on (where
# CJK starts) is read with the other alternative alone, and Latin-1 text, faster still, is split
# at the bytes that are neither a word character nor an apostrophe (the tests check both).
_BEYOND_LATIN_1 = regex.compile(r"[^\x00-\xff]")
_WIDE = regex.compile(r"[^\x00-\u2e7f]")
_NARROW_WORD = regex.compile(r"\w+(?:['’]\w+)*")
_LATIN_1_SEPARATORS = bytes(code if code == 0x27 or _NARROW_WORD.fullmatch(chr(code)) else 0x20 for code in range(256))
# Quote drift: how long a quotation must be to be compared, and how different it may be.
_MIN_WORDS, _MIN_CHARACTERS, _MIN_CJK_CHARACTERS = 3, 12, 10
_MAX_TOKENS = 150           # longer quotations are not compared (rare, and costly)
_MAX_WORDS = 60000          # per post: each word is encoded as one of 65,534 private-use characters
_MAX_CANDIDATES = 6         # earlier quotations verified for each quotation
_MAX_BUCKET = 32            # a word pair shared by more quotations says nothing
_MAX_ERRORS = 4
_MAX_COMPARISONS = 3000     # per post: a hostile post of similar quotations stays fast
_SMALL_ALIGNMENT = 400      # word pairs below which two quotations are aligned directly


class Convention(namedtuple("Convention", "code name primary nested also preferred space spaces script")):
    """How one language quotes: its quotation pairs (``primary``, ``nested``, and ``also``
    accepted), the ``preferred`` one, the ``space`` it puts inside « » and the ``spaces`` it
    accepts there, and ``script``, a compiled pattern of its letters (or None). Named tuples and
    plain classes here, not dataclasses: importing those costs every run start-up."""

    __slots__ = ()

    @property
    def pairs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.primary + self.nested + self.also))

    def accepts(self, quotation: "Quotation") -> bool:
        return quotation.style in (self.primary + self.also if quotation.depth == 0 else self.pairs)

    def preferred_for(self, depth: int) -> str:
        return self.preferred if depth == 0 or not self.nested else self.nested[0]


class Quotation:
    """A quotation's marks (offsets), its ``style`` (the pair), whether ``fixable`` (the pairing
    is unambiguous, so --fix may change the marks), and its nesting ``depth``."""

    __slots__ = ("open", "close", "style", "fixable", "depth")

    def __init__(self, open: int, close: int, style: str, fixable: bool, depth: int = 0):
        self.open, self.close, self.style, self.fixable, self.depth = open, close, style, fixable, depth


class Stray(namedtuple("Stray", "offset mark partner opening misused", defaults=(False,))):
    """A mark with no partner in its paragraph; ``misused``: an opening mark where the closing
    one belongs (“…“)."""

    __slots__ = ()


_STYLES = ListOf(Text("a two-character style (opening and closing mark; straight single quotes are apostrophes, "
                      "not a style)", lambda style: len(style) == 2 and "'" not in style))
_CONVENTION = Record(
    {"name": Text(), "primary": ListOf(_STYLES.item, minimum=1), "nested": _STYLES, "also": _STYLES,
     "preferred": Text(), "space": Maybe(Text("one space character", lambda space: len(space) == 1 and space.isspace())),
     "spaces": ListOf(Text("a character")), "script": PATTERN},
    required=("primary",),
    test=lambda spec: (("preferred", "must be one of the primary styles")
                       if spec.get("preferred", spec["primary"][0]) not in spec["primary"] else None))


class QuotesLinter(Linter):
    name = "quotes"
    pack = "quotes"
    sections = (Section("languages", MappingOf(_CONVENTION, wanted="a mapping of language codes"), required=True),
                Section("unknown-language-pairs", _STYLES, required=True),
                Section("code-like-lines", PATTERNS, required=True))

    def setup(self) -> None:
        self.conventions = {str(code): _convention(str(code), spec) for code, spec in self.data["languages"].items()}
        self.unknown_pairs = tuple(self.data["unknown-language-pairs"])
        self.code_like = [(compile_pattern(source, f"{PACK}: code-like-lines[{index}]", regex.M),
                           required_characters(source)) for index, source in enumerate(self.data["code-like-lines"])]
        self._marks: dict[str | None, _Marks] = {}

    # -- the post's language ---------------------------------------------------------------

    def _language(self, document) -> tuple[str | None, str]:
        language, source = languages.of_post(document)
        if language is None:
            return None, source
        return language, {"front matter": "from `lang`", "script": "guessed from the script"}.get(
            source, f"from the {source}")

    def _convention(self, language: str | None) -> Convention | None:
        if language is None:
            return None
        return self.conventions.get(language) or self.conventions.get(languages.primary(language))

    def _marks_for(self, convention: Convention | None) -> "_Marks":
        code = convention.code if convention else None
        if code not in self._marks:
            self._marks[code] = _Marks(_scanned_pairs(convention, self.unknown_pairs))
        return self._marks[code]

    # -- check -------------------------------------------------------------------------------

    def check(self, document):
        prose = document.prose
        if not any(mark in prose for mark in '"«»“”„「」『』‘‚›‹'):
            return
        language, source = self._language(document)
        convention = self._convention(language)
        marks = self._marks_for(convention)
        offsets = marks.offsets(prose)
        units = self._units(document)
        quoting = _units_with_marks(units, offsets)
        code_like = self._code_like(prose, [units[index] for index, _, _ in quoting])
        quotations, strays = [], []
        for position, (index, first, last) in enumerate(quoting):
            if position in code_like:
                continue  # a command, or a terminal session pasted without a code fence
            start, end = units[index]
            following = units[index + 1][0] if index + 1 < len(units) else None
            self._scan_unit(document, offsets[first:last], start, end, marks, quotations, strays, following)
        for stray in strays:
            yield self._stray(document, stray)
        quotations.sort(key=lambda q: q.open)
        _set_depths(quotations)
        if convention is not None:
            own = _in_own_script(prose, quotations, convention)
            wrong = [q for q in own if not convention.accepts(q)]
            if wrong:
                yield self._wrong_style(document, wrong, convention, source)
            mixed_candidates = [q for q in own if q.depth == 0 and q.style in convention.primary]
            if convention.space is not None:
                yield from self._guillemet_spaces(document, quotations, convention)
        else:
            mixed_candidates = [q for q in quotations if q.depth == 0]
        mixed = self._mixed_styles(document, mixed_candidates)
        if mixed:
            yield mixed
        yield from self._drift(document, quotations)

    def _units(self, document) -> list[tuple[int, int]]:
        """Paragraph-like spans in which quotes must balance: a block, or a table's row."""
        text = document.text
        units = []  # a list, not a generator: posts have dozens of blocks
        for block in document.blocks:
            if block.kind != "table":
                units.append((block.start, block.end))
                continue
            position = block.start
            while position < block.end:
                newline = text.find("\n", position, block.end)
                end = block.end if newline < 0 else newline
                units.append((position, end))
                position = end + 1
        return units

    # -- scanning one paragraph --------------------------------------------------------------

    def _scan_unit(self, document, offsets, start, end, marks, quotations, strays, following):
        """Pair the marks at ``offsets``, those of the paragraph ``start``-``end``."""
        text = document.text
        closers_of, openers_of = marks.closers_of, marks.openers_of
        stack: list[tuple[int, str]] = []
        waiting = dict.fromkeys(marks.closing, 0)  # closing marks the open quotations wait for
        straight: list[int] = []
        unit_strays: list[Stray] = []
        for offset in offsets:
            mark = text[offset]
            if mark == '"':
                straight.append(offset)
            else:
                self._directional(text, offset, mark, closers_of, openers_of, marks.singles,
                                  stack, waiting, quotations, unit_strays)
        if stack:
            unit_strays.extend(self._unclosed(document, stack, start, end, closers_of, following))
        strays.extend(unit_strays)
        if straight:
            self._pair_straight(text, straight, quotations, strays)

    def _unclosed(self, document, stack, start, end, closers_of, following):
        """Strays among the quotations left open at the end of a paragraph."""
        prose, text = document.prose, document.text
        last_single_close = prose.rfind(_SINGLE_CLOSE, start, end)
        index = 0
        while index < len(stack):
            offset, mark = stack[index]
            partner = "/".join(sorted(closers_of[mark]))
            following_mark = stack[index + 1] if index + 1 < len(stack) else None
            if following_mark and following_mark[1] == mark and _closes(text, following_mark[0]):
                # “…“: no language nests a mark in itself, so the second one meant to close.
                yield Stray(following_mark[0], mark, partner, True, misused=True)
                index += 2
                continue
            index += 1
            if mark == _SINGLE_OPEN and last_single_close > offset:
                continue  # not sure: that ’ may close it, or be an apostrophe
            if len(stack) == 1 and following is not None and _starts_with(prose, following, mark):
                continue  # a quotation running over paragraphs reopens each one
            yield Stray(offset, mark, partner, True)

    def _directional(self, text, offset, mark, closers_of, openers_of, singles, stack, waiting,
                     quotations, strays):
        if singles and mark in "‘’":
            if mark == _SINGLE_CLOSE:
                if stack and stack[-1][1] == _SINGLE_OPEN and not _between_letters(text, offset):
                    opened, _ = stack.pop()
                    waiting[_SINGLE_CLOSE] -= 1
                    quotations.append(Quotation(opened, offset, "‘’", True))
                return  # otherwise an apostrophe
            if _is_apostrophe_open(text, offset):
                return
        if stack and mark in closers_of.get(stack[-1][1], ()):
            opened, opener = stack.pop()
            for closer in closers_of[opener]:
                waiting[closer] -= 1
            quotations.append(Quotation(opened, offset, opener + mark, True))
        elif mark in closers_of:
            stack.append((offset, mark))
            for closer in closers_of[mark]:
                waiting[closer] += 1
        elif waiting[mark] > 0:
            while stack and mark not in closers_of[stack[-1][1]]:
                inner, opener = stack.pop()
                for closer in closers_of[opener]:
                    waiting[closer] -= 1
                if opener != _SINGLE_OPEN:
                    strays.append(Stray(inner, opener, "/".join(sorted(closers_of[opener])), True))
            opened, opener = stack.pop()
            for closer in closers_of[opener]:
                waiting[closer] -= 1
            quotations.append(Quotation(opened, offset, opener + mark, True))
        elif mark not in "‘’":  # a lone single closing mark is an apostrophe more often than not
            strays.append(Stray(offset, mark, "/".join(sorted(openers_of[mark])), False))

    def _pair_straight(self, text, offsets, quotations, strays):
        """Pair straight quotes in order; a quote after a digit with none open is an inch mark."""
        pairs, opened = [], None
        for offset in offsets:
            if opened is None:
                if offset > 0 and text[offset - 1].isdigit():
                    continue  # 27" or 5'10": inches, seconds
                opened = offset
            else:
                pairs.append((opened, offset))
                opened = None
        if opened is not None:
            strays.append(Stray(opened, '"', '"', True))
        fixable = opened is None and all(_opens(text, a) and _closes(text, b) for a, b in pairs)
        quotations.extend(Quotation(a, b, STRAIGHT, fixable) for a, b in pairs)

    def _code_like(self, prose: str, units: list[tuple[int, int]]) -> set[int]:
        """The indexes of the ``units`` with a line that looks like code or terminal output.

        The units are whole lines: joined by newlines, each pattern is searched once in all of
        them, as a search has a fixed cost that would dominate on short paragraphs one by one.
        """
        if not units:
            return set()
        joined = "\n".join(prose[start:end] for start, end in units)
        starts, position = [], 0
        for start, end in units:
            starts.append(position)
            position += end - start + 1
        found = set()
        for pattern, required in self.code_like:
            if not contains_all(joined, required):
                continue  # a substring test is many times faster than a pass of the pattern
            for match in self.finditer(pattern, joined, "QUO002"):
                found.add(bisect_right(starts, match.start()) - 1)
        return found

    # -- QUO001 --------------------------------------------------------------------------------

    def _stray(self, document, stray: Stray):
        if stray.mark == '"':
            message = 'straight quote " with no partner in its paragraph'
        elif stray.misused:
            message = f"{stray.mark} closes this quotation; the closing mark is {stray.partner}"
        elif stray.opening:
            message = f"opening {stray.mark} with no closing {stray.partner} in its paragraph"
        else:
            message = f"closing {stray.mark} with no opening {stray.partner} in its paragraph"
        return self.diagnostic(document, "QUO001", stray.offset, stray.offset + 1, message)

    # -- QUO002 --------------------------------------------------------------------------------

    def _wrong_style(self, document, wrong, convention, source):
        text = document.text
        edits = []
        for quotation in wrong:
            if quotation.fixable:
                edits.extend(_restyle(text, quotation, convention.preferred_for(quotation.depth), convention))
        first = wrong[0]
        styles = Counter(q.style for q in wrong)
        used = ", ".join(f"{_show(style)} ×{count}" for style, count in styles.most_common())
        accepted = " or ".join(_show(style) for style in convention.primary)
        lines = sorted({document.position(q.open)[0] for q in wrong})
        where = ", ".join(map(str, lines[:6])) + ("…" if len(lines) > 6 else "")
        message = (f"{convention.name} quotes with {accepted} (language {convention.code}, {source}); "
                   f"this post uses {used} (lines {where})")
        return self.diagnostic(document, "QUO002", first.open, first.open + 1, message,
                               Fix(tuple(edits)) if edits else None)

    # -- QUO003, QUO004 ------------------------------------------------------------------------

    def _guillemet_spaces(self, document, quotations, convention):
        text = document.text
        breaking = []
        glued = f"no space inside « » ({convention.name} puts {_space_name(convention.space)} after « and before »)"
        for quotation in quotations:
            if quotation.style != "«»" or quotation.close - quotation.open < 2:
                continue
            after_open, before_close = quotation.open + 1, quotation.close - 1
            if after_open == before_close and text[after_open].isspace():
                continue  # « »: nothing quoted
            missing = [at for at, char_at in ((after_open, after_open), (quotation.close, before_close))
                       if not text[char_at].isspace()]
            if missing:
                fix = Fix(tuple(Edit(at, at, convention.space) for at in missing))
                yield self.diagnostic(document, "QUO003", quotation.open, _end_on_line(document, quotation),
                                      glued, fix)
            breaking.extend(at for at in (after_open, before_close)
                            if text[at] not in convention.spaces and text[at] in " \t\u2009\u2002\u2003")
        if breaking:
            fix = Fix(tuple(Edit(at, at + 1, convention.space) for at in breaking))
            yield self.diagnostic(document, "QUO004", breaking[0], breaking[0] + 1,
                                  f"{len(breaking)} normal space(s) inside « » in this post; {convention.name} uses "
                                  f"{_space_name(convention.space)} so that a line never breaks there", fix)

    # -- QUO006 --------------------------------------------------------------------------------

    def _mixed_styles(self, document, quotations):
        styles = Counter(q.style for q in quotations)
        if len(styles) < 2:
            return None
        (main, main_count), *others = styles.most_common()
        minority = others[-1][0]
        first = next(q for q in quotations if q.style == minority)
        counts = ", ".join(f"{_show(style)} ×{count}" for style, count in others)
        return self.diagnostic(document, "QUO006", first.open, first.open + 1,
                               f"this post quotes with {_show(main)} ×{main_count} and also {counts}; "
                               f"use one style throughout")

    # -- QUO005 --------------------------------------------------------------------------------

    def _drift(self, document, quotations):
        """QUO005, near-linear: quotations are bucketed by their word pairs, and each one is
        compared only with the few earlier ones that share most of its pairs."""
        comparable = _comparable(document.prose, quotations)
        repeated = _repeated_pairs(comparable)
        index: dict[tuple[str, str], list[int]] = {}
        seen: list[_Said] = []
        budget = _MAX_COMPARISONS
        for said in comparable:
            # A pair in no other quotation neither finds an earlier one nor is found by a later one.
            pairs = list(filter(repeated.__contains__, said.pairs))
            if not pairs:
                continue
            shared = Counter(chain.from_iterable(map(index.get, pairs, repeat(()))))
            budget -= min(len(shared), _MAX_CANDIDATES)
            if budget < 0:
                break
            drift = _earlier_version(said, shared, seen)
            if drift is not None:
                yield self._drift_diagnostic(document, said, *drift)
            position = len(seen)
            for pair in pairs:
                bucket = index.get(pair)
                if bucket is None:
                    index[pair] = [position]
                elif len(bucket) < _MAX_BUCKET:
                    bucket.append(position)
            seen.append(said)

    def _drift_diagnostic(self, document, said, earlier, span):
        text = document.text
        line = document.position(earlier.quotation.open)[0]
        if span is None:
            version = _excerpt(text, earlier.quotation)
        else:
            spans = earlier.spans(document.prose)
            start, end = spans[span[0]][0], spans[span[1] - 1][1]
            inner = " ".join(text[start:end].split())
            opener, closer = earlier.quotation.style
            version = (f"{opener}{'…' if span[0] > 0 else ''}{inner}"
                       f"{'…' if span[1] < len(earlier.tokens) else ''}{closer}")
        return self.diagnostic(
            document, "QUO005", said.quotation.open, _end_on_line(document, said.quotation),
            f"{_excerpt(text, said.quotation)} repeats the quotation on line {line} with different "
            f"wording: {version}")


class _Said:
    """A quotation's words for drift: casefolded tokens, and their ``pairs`` (the distinct pairs of
    consecutive words, in order); ``vocabulary`` is the post's, one character per word, for
    fuzzy matching."""

    __slots__ = ("quotation", "tokens", "cjk", "pairs", "vocabulary", "_joined", "_encoded", "_fuzzy")

    def __init__(self, quotation: Quotation, tokens: list[str], cjk: bool, pairs: dict[tuple[str, str], None],
                 vocabulary: dict[str, str]):
        self.quotation, self.tokens, self.cjk, self.pairs, self.vocabulary = quotation, tokens, cjk, pairs, vocabulary
        self._joined: str | None = None
        self._encoded: str | None = None
        self._fuzzy = None

    @property
    def bigrams(self) -> int:
        return len(self.pairs)

    def within(self, other: "_Said") -> bool:
        """Whether these words are, in order, some of the other quotation's."""
        return self.joined in other.joined

    @property
    def joined(self) -> str:
        if self._joined is None:
            self._joined = "\0" + "\0".join(self.tokens) + "\0"  # no word has a NUL
        return self._joined

    @property
    def encoded(self) -> str:
        """One character per word: the words of a post get characters in the order they are needed."""
        if self._encoded is None:
            vocabulary = self.vocabulary
            new_words = dict.fromkeys(filterfalse(vocabulary.__contains__, self.tokens))
            vocabulary.update(zip(new_words, map(chr, count(0xF0000 + len(vocabulary)))))
            self._encoded = "".join(map(vocabulary.__getitem__, self.tokens))
        return self._encoded

    def spans(self, prose: str) -> list[tuple[int, int]]:
        """Where the words are (found again: only a finding needs them)."""
        return [match.span() for match in _WORD.finditer(prose, self.quotation.open + 1, self.quotation.close)]

    def fuzzy(self, errors: int):
        """A pattern matching these words with up to ``errors`` changes (compiled once)."""
        if self._fuzzy is None or self._fuzzy[0] != errors:
            self._fuzzy = (errors, regex.compile(f"(?:{regex.escape(self.encoded)}){{e<={errors}}}"))
        return self._fuzzy[1]


def _comparable(prose: str, quotations: list[Quotation]) -> list[_Said]:
    """The words of the quotations long enough to compare, in order."""
    vocabulary: dict[str, str] = {}
    words: set[str] | None = None  # kept only once there can be too many
    found = []
    for quotation in quotations:
        said = _said(prose, quotation, vocabulary)
        if said is None:
            continue
        if (len(found) + 1) * _MAX_TOKENS > _MAX_WORDS:
            if words is None:
                words = set(chain.from_iterable(earlier.tokens for earlier in found))
            words.update(said.tokens)
            if len(words) > _MAX_WORDS:
                break  # the private-use plane that encodes words could fill up: a hostile post
        found.append(said)
    return found


def _repeated_pairs(comparable: list[_Said]) -> set[tuple[str, str]]:
    """The word pairs found in more than one quotation."""
    once: set[tuple[str, str]] = set()
    repeated: set[tuple[str, str]] = set()
    for said in comparable:
        repeated.update(once.intersection(said.pairs))
        once.update(said.pairs)
    return repeated


def _said(prose: str, quotation: Quotation, vocabulary: dict[str, str]) -> _Said | None:
    """The quotation's words, or None when it is too short (or too long) to compare."""
    if quotation.close - quotation.open > _MAX_TOKENS * 30:
        return None
    # Casefolded before it is read: one call, not one per word (the tests check that casefolding
    # leaves each character what it was to _WORD).
    tokens, wide = _words(prose[quotation.open + 1:quotation.close].casefold())
    if not tokens or len(tokens) > _MAX_TOKENS:
        return None
    cjk = wide and _mostly_cjk(tokens)
    if cjk:
        if len(tokens) < _MIN_CJK_CHARACTERS:
            return None
    elif len(tokens) < _MIN_WORDS or sum(map(len, tokens)) < _MIN_CHARACTERS:
        return None
    # In order of appearance (a set's order changes from run to run, and ties are taken in order).
    pairs = dict.fromkeys(zip(tokens, tokens[1:]))
    return _Said(quotation, tokens, cjk, pairs, vocabulary)


def _words(text: str) -> tuple[list[str], bool]:
    """The matches of ``_WORD`` in ``text`` (none if more than _MAX_TOKENS for sure), and
    whether the text may have CJK."""
    beyond = _BEYOND_LATIN_1.search(text)
    if beyond is None:
        words = _latin_1_words(text)
        return (_NARROW_WORD.findall(text) if words is None else words), False
    if _WIDE.search(text, beyond.start()) is None:
        return _NARROW_WORD.findall(text), False
    if len(text) > _MAX_TOKENS and _fewest_words(text) > _MAX_TOKENS:
        return [], True  # too long to compare, which costs less to count than to read
    return _WORD.findall(text), True


def _fewest_words(text: str) -> int:
    """At most the number of _WORD's matches in ``text``: each CJK character is a word, but for
    those that a word started by another letter takes in (3月 is one word)."""
    taken = len(text) - len(_FROM_OTHER_LETTER.sub("", text))
    return len(_NOT_CJK.sub("", text)) - taken


def _latin_1_words(text: str) -> list[str] | None:
    """The words of a Latin-1 text, split at what is neither a word character nor an apostrophe:
    those are _WORD's matches when each apostrophe joins two words (else None)."""
    kept = text.encode("latin-1").translate(_LATIN_1_SEPARATORS)
    if b"'" in kept and (b" '" in kept or b"' " in kept or b"''" in kept
                         or kept.startswith(b"'") or kept.endswith(b"'")):
        return None
    return kept.decode("latin-1").split()


def _mostly_cjk(tokens: list[str]) -> bool:
    """Whether most tokens are a Chinese or Japanese character (one character is a word there)."""
    lengths = list(map(len, tokens))
    if lengths.count(1) * 2 <= len(tokens):
        return False
    characters = "".join(compress(tokens, map((1).__eq__, lengths)))  # the one-character tokens
    return len(_NOT_CJK.sub("", characters)) * 2 > len(tokens)


def _earlier_version(said: _Said, shared: Counter, seen: list[_Said]):
    """(earlier quotation, span of its words that this one rewords), or None.

    The span is None when the earlier quotation is the shorter one."""
    found = None
    # Counter.most_common, without the heap it builds in Python (the same order: ties stay in order).
    for position, pairs_shared in sorted(shared.items(), key=itemgetter(1), reverse=True)[:_MAX_CANDIDATES]:
        other = seen[position]
        short, long_ = (said, other) if len(said.tokens) <= len(other.tokens) else (other, said)
        if short.within(long_):
            return None  # it repeats an earlier quotation faithfully
        if found is not None:
            continue
        errors = _allowed_errors(len(short.tokens), said.cjk)
        if pairs_shared < short.bigrams - 2 * errors:
            continue
        span = _drifted_span(short, long_, errors)
        if span is not None:
            found = (other, span if long_ is other else None)
    return found


# -- pack data -------------------------------------------------------------------------------


def _convention(code: str, spec: dict) -> Convention:
    """A language's entry of the pack (checked by its declared section) as a ``Convention``."""
    primary = tuple(spec["primary"])
    space = spec.get("space")
    spaces = spec.get("spaces", [space] if space else [])
    script = spec.get("script")
    return Convention(code=code, name=str(spec.get("name", code)), primary=primary, nested=tuple(spec.get("nested", [])),
                      also=tuple(spec.get("also", [])), preferred=spec.get("preferred", primary[0]), space=space,
                      spaces=frozenset(spaces) | ({space} if space else set()),
                      script=compile_pattern(script, f"{PACK}: languages.{code}.script") if script is not None else None)


class _Marks:
    """The quotation marks a post is scanned for, and what each one opens or closes."""

    def __init__(self, pairs: tuple[str, ...]):
        self.closers_of: dict[str, set[str]] = {}
        self.openers_of: dict[str, set[str]] = {}
        for pair in pairs:
            if pair != STRAIGHT:
                self.closers_of.setdefault(pair[0], set()).add(pair[1])
                self.openers_of.setdefault(pair[1], set()).add(pair[0])
        self.singles = "‘’" in pairs
        self.closing = "".join(self.openers_of)
        self.characters = "".join(sorted(set(self.closers_of) | set(self.openers_of) | {'"'}))

    def offsets(self, prose: str) -> list[int]:
        """Where the marks are, in order: ``str.find`` for each mark is many times faster than
        a pattern of all of them, which is tried at every position."""
        found = []
        for mark in self.characters:
            offset = prose.find(mark)
            while offset >= 0:
                found.append(offset)
                offset = prose.find(mark, offset + 1)
        found.sort()
        return found


def _units_with_marks(units: list[tuple[int, int]], offsets: list[int]) -> list[tuple[int, int, int]]:
    """(index of the unit, first, last): the units with a mark, and their slice of ``offsets``."""
    starts = [start for start, _ in units]
    found, first = [], 0
    while first < len(offsets):
        index = bisect_right(starts, offsets[first]) - 1
        end = units[index][1] if index >= 0 else 0
        if offsets[first] >= end:
            first += 1  # a mark on a line of no block
            continue
        last = bisect_left(offsets, end, first)
        found.append((index, first, last))
        first = last
    return found


def _scanned_pairs(convention: Convention | None, others: tuple[str, ...]) -> tuple[str, ...]:
    """The language's pairs, then the other known pairs that do not contradict them.

    Foreign quotations must be found to be reported as the wrong style, but a mark that opens
    in one pair and closes in another (“ in German „…“ and English “…”) keeps the language's role.
    """
    if convention is None:
        return others
    pairs = list(convention.pairs)
    for pair in others:
        openers = {p[0] for p in pairs}
        closers = {p[1] for p in pairs}
        if pair[0] not in closers and pair[1] not in openers and pair not in pairs:
            pairs.append(pair)
    return tuple(pairs)


# -- marks in context ------------------------------------------------------------------------


def _char(text: str, offset: int) -> str:
    return text[offset] if 0 <= offset < len(text) else ""


def _between_letters(text: str, offset: int) -> bool:
    return _char(text, offset - 1).isalpha() and _char(text, offset + 1).isalpha()


def _is_apostrophe_open(text: str, offset: int) -> bool:
    """‘ used as an apostrophe: ‘90s, or inside a word."""
    return _char(text, offset + 1).isdigit() or _between_letters(text, offset)


def _opens(text: str, offset: int) -> bool:
    """Whether a mark stands where a quotation opens: after a space (or CJK text), before a word."""
    before, after = _char(text, offset - 1), _char(text, offset + 1)
    return (before in _OPENER_BEFORE or before in "«“„「『*" or _wide(before)) and not _blank(after)


def _closes(text: str, offset: int) -> bool:
    """Whether a mark stands where a quotation closes: after a word, before a space or punctuation."""
    before, after = _char(text, offset - 1), _char(text, offset + 1)
    return not _blank(before) and (after in _CLOSER_AFTER or after in "»”“」』" or _wide(after))


def _blank(char: str) -> bool:
    return char == "" or char.isspace()


def _wide(char: str) -> bool:
    """CJK text and punctuation, written without spaces around quotation marks."""
    return char != "" and ord(char) >= 0x2E80


def _starts_with(prose: str, offset: int, mark: str) -> bool:
    stripped = prose[offset:offset + 12].lstrip(" \t>-*0123456789.")
    return stripped.startswith(mark)


def _in_own_script(prose: str, quotations: list[Quotation], convention: Convention) -> list[Quotation]:
    """The quotations with a letter of the language's script: the others quote foreign text."""
    if convention.script is None:
        return quotations
    # Searched in each quotation: a post in its own script has thousands of letters.
    search = convention.script.search
    return [quotation for quotation in quotations if search(prose, quotation.open, quotation.close)]


def _set_depths(quotations: list[Quotation]) -> None:
    """How many quotations enclose each one (they are sorted by their opening mark)."""
    enclosing: list[int] = []
    for quotation in quotations:
        while enclosing and enclosing[-1] < quotation.open:
            enclosing.pop()
        quotation.depth = len(enclosing)
        enclosing.append(quotation.close)


def _restyle(text: str, quotation: Quotation, style: str, convention: Convention) -> list[Edit]:
    """Edits that give a quotation the marks of ``style`` (with the spaces inside, in French)."""
    opener, closer = style
    if style == "«»" and convention.space:
        start, end = quotation.open, quotation.open + 1
        if _char(text, end).isspace():
            end += 1
        close_start, close_end = quotation.close, quotation.close + 1
        if _char(text, close_start - 1).isspace() and close_start - 1 >= end:
            close_start -= 1
        return [Edit(start, end, opener + convention.space), Edit(close_start, close_end, convention.space + closer)]
    return [Edit(quotation.open, quotation.open + 1, opener), Edit(quotation.close, quotation.close + 1, closer)]


# -- drift -----------------------------------------------------------------------------------


def _allowed_errors(length: int, cjk: bool) -> int:
    return max(1, min(_MAX_ERRORS, length // (10 if cjk else 8)))


def _drifted_span(short: _Said, long_: _Said, errors: int) -> tuple[int, int] | None:
    """The words of ``long_`` that ``short`` repeats with a few changes, or None.

    Word by word (character by character in Chinese and Japanese). In a long quotation, the
    ``regex`` module first finds a fuzzy match of the shorter one; an alignment then says what
    changed.
    """
    window_start, window = 0, long_.tokens
    if len(short.tokens) * len(long_.tokens) > _SMALL_ALIGNMENT:
        match = short.fuzzy(errors).search(long_.encoded)
        if match is None:
            return None
        window_start = max(0, match.start() - errors)
        window = long_.tokens[window_start:match.end() + errors]
    changes, start, end = _changes(short.tokens, window, window_start == 0,
                                   window_start + len(window) >= len(long_.tokens))
    if not changes or len(changes) > errors:
        return None
    last = len(short.tokens) - 1
    if all(change[3] in (0, last) or (change[0] == "delete" and change[3] == last + 1) for change in changes):
        return None  # only the first or last word differs: a quotation cut and fitted to its sentence
    span = (window_start + start, window_start + end)
    if short.cjk or len(short.tokens) >= 8:
        return span
    # A short quotation may differ only by a spelling variant: vrai / vraie, talent / talents.
    if len(changes) == 1 and changes[0][0] == "substitute" and _variant(changes[0][1], changes[0][2]):
        return span
    return None


def _changes(short: list[str], window: list[str], at_start: bool, at_end: bool):
    """The edits of the best alignment of all of ``short`` with ``window[start:end]``, and
    ``start``, ``end``.

    Words of ``short`` beyond the start or the end of the longer quotation are not changes:
    the two quotations overlap there, they do not disagree.
    """
    rows, columns = len(short), len(window)
    # cost[i][j]: aligning short[:i] with window[k:j] for the best k.
    cost = [[0] * (columns + 1)] + [[0] * (columns + 1) for _ in range(rows)]
    for i in range(1, rows + 1):
        cost[i][0] = i
        for j in range(1, columns + 1):
            same = short[i - 1] == window[j - 1]
            cost[i][j] = min(cost[i - 1][j - 1] + (0 if same else 1), cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    end = min(range(columns + 1), key=lambda j: (cost[rows][j], -j))
    changes, i, j = [], rows, end
    while i > 0:
        if j > 0 and cost[i][j] == cost[i - 1][j - 1] + (0 if short[i - 1] == window[j - 1] else 1):
            if short[i - 1] != window[j - 1]:
                changes.append(("substitute", short[i - 1], window[j - 1], i - 1))
            i, j = i - 1, j - 1
        elif cost[i][j] == cost[i - 1][j] + 1:
            changes.append(("insert", short[i - 1], None, i - 1))
            i -= 1
        else:
            changes.append(("delete", None, window[j - 1], i))
            j -= 1
    changes.reverse()
    if at_start and j == 0:
        leading = 0
        while leading < len(changes) and changes[leading][0] == "insert" and changes[leading][3] == leading:
            leading += 1
        del changes[:leading]
    if at_end and end == columns:
        tail = rows - 1
        while changes and changes[-1][0] == "insert" and changes[-1][3] == tail:
            changes.pop()
            tail -= 1
    return changes, j, end


def _variant(word: str, other: str) -> bool:
    """Two spellings of one word: an agreement or plural ending, an accent, a typo."""
    if min(len(word), len(other)) < 3 or word.isdigit() or other.isdigit():
        return False
    prefix = 0
    for a, b in zip(word, other):
        if a != b:
            break
        prefix += 1
    return prefix >= 3 and max(len(word), len(other)) - prefix <= 2


# -- messages --------------------------------------------------------------------------------


def _show(style: str) -> str:
    return f"{style[0]}…{style[1]}"


def _space_name(space: str) -> str:
    return {"\u00a0": "a non-breaking space (U+00A0)", "\u202f": "a narrow non-breaking space (U+202F)"}.get(
        space, f"U+{ord(space):04X}")


def _end_on_line(document, quotation: Quotation) -> int:
    """The end of a finding on a quotation: its closing mark, or its opening one when the
    quotation runs over several lines."""
    same_line = document.position(quotation.open)[0] == document.position(quotation.close)[0]
    return quotation.close + 1 if same_line else quotation.open + 1


def _excerpt(text: str, quotation: Quotation) -> str:
    inner = " ".join(text[quotation.open + 1:min(quotation.close, quotation.open + 200)].split())
    if quotation.close - quotation.open > 200 or len(inner) > 70:
        tail = " ".join(text[max(quotation.open + 1, quotation.close - 100):quotation.close].split())
        inner = inner[:33] + "…" + tail[-33:]
    return f"{quotation.style[0]}{inner}{quotation.style[1]}"


LINTER = QuotesLinter
