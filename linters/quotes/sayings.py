"""What drift (QUO005) reads of a post's quotations: each one's words (``Said``), for the
quotations long enough to compare (``comparable_quotations``); and, only for the few it compares,
what surrounds them (``Context``): who said them, whether they are displayed lines, and where a
chat transcript starts.
"""
from __future__ import annotations

from collections import Counter

import regex

from ..patterns.deferred import deferred
from .records import Post, Quotation
from .words import MAX_TOKENS, words

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Iterator

_MIN_WORDS, _MIN_CHARACTERS, _MIN_CJK_CHARACTERS = 3, 12, 8
# Deferred: only a post with quotations long enough to compare needs them
_KANA = deferred(r"[\u3040-\u30ff]")
# `regex`: `re` compiles a class of wide ranges one code point at a time (3 ms at every start)
_HAN = deferred(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", compile=regex.compile)
# A speaker's label opening a line of a transcript: "User: …", "**ChatGPT**: …", "- Zhiwei："
_TURN = deferred(r"[ \t]*(?:[-*>+][ \t]*)*\**([^\W\d][\w .'’-]{0,23}?)\**[ \t\u00a0\u202f]*[:：](?!//)")
# A line with a colon near its start. Lines after the first are found by their newline: a search
# for a literal character skips ahead, where ``^`` with re.M is tried at every position (three
# times the cost, as is an alternation of \A and \n)
_LABELLED_FIRST_LINE = deferred(r"[^\n:：]{1,40}[:：]")
_LABELLED_LINE = deferred(r"\n([^\n:：]{1,40}[:：])")
_SENTENCE_END = deferred(r"[.!?。！？\n]")
# The rest of a quotation's line, then an attribution line: "— Name", "> – Name, 2019", "-- Name"
_ATTRIBUTION = deferred(r"[\s*_.,!?…]*\n(?:[ \t]*>)*[ \t]*\n?(?:[ \t]*>)*[ \t]*(?:[—–―]|--)[ \t]*([^\n]{1,80})")
_CAPITALISED = deferred(r"\b[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]{2,}")


class Said:
    """A quotation's words as drift compares them: casefolded ``tokens``, their ``stems``, which
    are ``content`` words, the index ``keys``, its ``language`` (when its words tell), its
    ``speaker`` (capitalised names around it), and whether it is ``displayed`` (a line of verse,
    a list item or a transcript's turn)."""

    __slots__ = ("quotation", "tokens", "cjk", "keys", "language", "speaker", "displayed", "transcript", "detailed",
                 "_content", "_stems", "_content_stems", "_function_words")

    def __init__(self, quotation: Quotation, tokens: list[str], cjk: bool, keys: frozenset[str],
                 language: str | None, function_words: frozenset[str], content: list[bool] | None = None):
        self.quotation, self.tokens, self.cjk, self.keys, self.language = quotation, tokens, cjk, keys, language
        self._function_words = function_words
        self._content = content
        self._stems: list[str] | None = None
        self._content_stems: frozenset[str] | None = None
        self.speaker: frozenset[str] | None = None  # read when first needed
        self.displayed = self.transcript = False
        self.detailed = False  # language (of other scripts), speaker, displayed: read when first compared

    # Computed for the few quotations compared, not for every quotation of the post:
    @property
    def content(self) -> list[bool]:
        """Whether each token is a content word (not a function word, nor one letter)."""
        if self._content is None:
            function_words = self._function_words
            self._content = [len(token) > 1 and token not in function_words for token in self.tokens]
        return self._content

    @property
    def stems(self) -> list[str]:
        """The tokens, content words stemmed."""
        if self._stems is None:
            self._stems = (self.tokens if self.cjk else
                           [_stem(token) if is_content else token for token, is_content in zip(self.tokens, self.content)])
        return self._stems

    @property
    def content_stems(self) -> frozenset[str]:
        if self._content_stems is None:
            self._content_stems = frozenset(stem for stem, is_content in zip(self.stems, self.content) if is_content)
        return self._content_stems


class Context:
    """What drift reads of the post only when two quotations are compared: the blocks' kinds and
    where a chat transcript starts."""

    def __init__(self, post: Post):
        self.post = post
        self._kinds: dict[int, str] | None = None
        self._transcript: int | None = -1

    def speaker(self, said: Said) -> frozenset[str]:
        if said.speaker is None:
            said.speaker = (frozenset() if said.cjk else
                            _speaker(self.post.text, said.quotation, self.post.linter.function_words.every_word))
        return said.speaker

    def detail(self, said: Said) -> None:
        """Fill in what telling a rewording from unrelated quotations needs of ``said``, once."""
        if said.detailed:
            return
        said.detailed = True
        post, quotation = self.post, said.quotation
        self.speaker(said)
        if not said.cjk:
            said.language = post.linter.function_words.language_of_words(said.tokens)
        if self._kinds is None:
            self._kinds = {block.start: block.kind for block in post.document.blocks}
            self._transcript = _transcript_start(post.text)
        said.displayed = _displayed(post, quotation, self._kinds)
        said.transcript = self._transcript is not None and quotation.open > self._transcript


# -- the words of a quotation ----------------------------------------------------------------


def comparable_quotations(post: Post) -> list[Said]:
    """The quotations long enough to compare, in order."""
    linter, prose = post.linter, post.prose
    function_words, function_characters = linter.function_words.every_word, linter.function_characters
    wordings: dict[str, _Wording | None] = {}  # a quotation repeated word for word is read once
    found = []
    for quotation in post.quotations:
        if not _MIN_CJK_CHARACTERS < quotation.close - quotation.open <= MAX_TOKENS * 30:
            continue  # too long to compare, or too short to hold the words or characters compared
        inner = prose[quotation.open + 1:quotation.close]
        if inner in wordings:
            wording = wordings[inner]
        else:
            wording = wordings[inner] = _wording(inner, function_words, function_characters)
        if wording is not None:
            tokens, cjk, keys, language, content = wording
            found.append(Said(quotation, tokens, cjk, keys, language, function_words, content))
    return found


# A quotation's words as ``Said`` holds them: tokens, whether CJK, index keys, language, content flags
_Wording = tuple[list[str], bool, frozenset[str], str | None, list[bool] | None]


def _wording(inner: str, function_words: frozenset[str], function_characters: frozenset[str]) -> _Wording | None:
    """The words of a quotation's text ``inner``, or None when it has too few or too many to compare."""
    tokens, cjk = words(inner.casefold())
    if not tokens or len(tokens) > MAX_TOKENS:
        return None
    if cjk:
        if len(tokens) < _MIN_CJK_CHARACTERS:
            return None
        content = [token not in function_characters and not "\u3040" <= token <= "\u309f" for token in tokens]
        # Character pairs with a content character: 的 and の join everything to everything.
        keys = frozenset(a + b for a, b, ca, cb in zip(tokens, tokens[1:], content, content[1:]) if ca or cb)
        language = "ja" if _KANA.search(inner) else ("zh" if _HAN.search(inner) else None)
        return tokens, True, keys, language, content
    if len(tokens) < _MIN_WORDS or sum(map(len, tokens)) < _MIN_CHARACTERS:
        return None
    # Indexed by its words but function words, as they are: set operations, no loop in Python.
    return tokens, False, frozenset(tokens).difference(function_words), None, None


def _stem(token: str) -> str:
    """A crude stem that joins the inflections of a word (vrai, vraie; talent, talents;
    curiosa, curiosas; distinguish, distinguishes) and rarely two words: two letters fewer than
    the word but a plural s, at least four and at most six."""
    if len(token) <= 4 or not token.isalpha():
        return token
    base = token[:-1] if token[-1] == "s" else token  # curiosas, curiosa
    return base[:6 if len(base) >= 8 else max(4, len(base) - 2)]


# -- what surrounds a quotation --------------------------------------------------------------


def _speaker(text: str, quotation: Quotation, function_words: frozenset[str]) -> frozenset[str]:
    """Capitalised words of the quotation's sentence, outside it and within reach of it: the
    names of who said it, as far as the text tells (not a sentence's first word, a function word
    or an acronym)."""
    start = max(0, quotation.open - 80)
    before = text[start:quotation.open]
    cut = [match.end() for match in _SENTENCE_END.finditer(before)]
    before = before[cut[-1]:] if cut else before
    after = text[quotation.close + 1:quotation.close + 81]
    end = _SENTENCE_END.search(after)
    after = after[:end.start()] if end else after
    attribution = _ATTRIBUTION.match(text, quotation.close + 1)
    if attribution:  # a displayed quotation signed on the next line: "> — Name, in a podcast"
        after = attribution.group(1)
    names = set()
    for part, skip_first in ((before, True), (after, False)):
        for match in _CAPITALISED.finditer(part):
            name = match.group()
            if skip_first and not part[:match.start()].strip(" \t«“„\"'(*"):
                continue  # the sentence's first word
            if name.isupper() or name.casefold() in function_words:
                continue
            names.add(name.casefold())
    return frozenset(names)


def _transcript_start(text: str) -> int | None:
    """Where a chat transcript starts in the post: two speakers' labels, each opening two lines
    or more ("User: …", "ChatGPT: …"); None when the post has none."""
    turns: Counter[str] = Counter()
    first: dict[str, int] = {}
    for line_start, label_end in _labelled_lines(text):
        match = _TURN.match(text, line_start, label_end)
        if match:
            name = match.group(1).strip().casefold()
            turns[name] += 1
            first.setdefault(name, line_start)
    speakers = [name for name, count in turns.items() if count >= 2]
    return min(first[name] for name in speakers) if len(speakers) >= 2 else None


def _labelled_lines(text: str) -> Iterator[tuple[int, int]]:
    """Where each line with a colon among its first 41 characters starts, and where that colon ends."""
    first = _LABELLED_FIRST_LINE.match(text)
    if first:
        yield first.span()
    for labelled in _LABELLED_LINE.finditer(text):
        yield labelled.span(1)


def _displayed(post: Post, quotation: Quotation, kinds: dict[int, str]) -> bool:
    """Whether the quotation is displayed: a line of verse, or most of a list item or a table row."""
    text = post.text
    start, end = quotation.paragraph
    lines = text.count("\n", start, end) + 1
    if lines >= 3 and (end - start) / lines < 70:
        return True  # verse
    if kinds.get(start, "table") not in ("list_item", "table"):
        return False
    line_start = text.rfind("\n", 0, quotation.open) + 1
    line_end = text.find("\n", quotation.close)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    return quotation.close - quotation.open + 1 >= 0.6 * len(line.strip(" \t>-*+0123456789.|"))
