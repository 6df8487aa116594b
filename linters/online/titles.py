"""Whether a link's text names the work it links to: its title compared with the real one.

Tolerant: case, punctuation, accents and spacing do not count; a subtitle may be left out or
added (`BERT` for `BERT: Pre-training of …`); a title shortened or lengthened by a few words
still names its work. Only a text that shares almost nothing with the title names another
work. A text and a title in different scripts are not compared (a translation): never a guess.
"""
from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")
_SUBTITLE = re.compile(r"\s*(?::|\||\s[-–—]\s|[–—]|\(|\)|\[|\]|\.\s)\s*")
_SIGNIFICANT = 4  # letters: shorter words (of, the, is, on, a) say little about a title
_AGREEMENT = 0.5  # of the significant words of the shorter one


def same_work(text: str, title: str) -> bool:
    """Whether ``text`` (a link's text that reads as a title) names the work titled ``title``."""
    text, title = _plain(text), _plain(title)
    if not text or not title or _scripts(text) != _scripts(title):
        return True  # nothing to compare, or a translation: not judged
    if text in title or title in text:
        return True
    text_parts, title_parts = _parts(text), _parts(title)
    if any(part and (part == other or len(part) >= 12 and part in other)
           for part in text_parts for other in title_parts):
        return True
    ours, theirs = _significant(text), _significant(title)
    if not ours or not theirs:
        return True
    return len(ours & theirs) >= _AGREEMENT * min(len(ours), len(theirs))


def _plain(text: str) -> str:
    """Lower case, without accents, one space between words; subtitle marks kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in decomposed if not unicodedata.combining(char))
    text = re.sub(r"[\"“”«»„'‘’`*_]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _parts(text: str) -> list[str]:
    """The title and its subtitles, each as words."""
    return [" ".join(_WORD.findall(part)) for part in _SUBTITLE.split(text) if _WORD.search(part)]


def _significant(text: str) -> set[str]:
    """Words that tell titles apart: four letters or more, or with a digit (GPT-4, 2017),
    without a plural s."""
    return {word[:-1] if word.endswith("s") and len(word) > _SIGNIFICANT else word
            for word in _WORD.findall(text) if len(word) >= _SIGNIFICANT or any(c.isdigit() for c in word)}


def _scripts(text: str) -> frozenset[str]:
    """The scripts of a text's letters (the first word of each letter's Unicode name)."""
    return frozenset(unicodedata.name(char, "?").split()[0] for char in text if char.isalpha())
