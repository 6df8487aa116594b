"""Translations: numbers, timestamps and inline code read however a language writes them (TRN003-TRN005)."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st
from linters.translations.values import LIST_ITEM_TEXT, TIMESTAMP, list_item_lines, timestamp_matches
from trn_support import check, group, translations_linter


def test_inline_code_translated_is_reported_but_not_interface_labels_or_key_names(tmp_path):
    def post(language: str, menu: str, keys: str, command: str) -> str:
        return (f"---\nlang: {language}\ntitle: T\n---\n\nOpen `{menu}`, press `{keys}`.\n\n"
                f"Then run `{command}` and wait.\n")

    group(tmp_path, {"en": post("en", "File > Preferences", "Ctrl + Shift + P", "ls ~/Documents"),
                     "de": post("de", "Datei > Einstellungen", "Strg + Umschalt + P", "ls ~/Dokumente")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["line"], d["code"], d["message"]) for d in found] == [
        (8, "TRN005", "inline code `ls ~/Dokumente` here but `ls ~/Documents` in _posts/en/2024-11-11-talent-en.md")]


# Pieces of hostile prose for the scans that try their pattern only where it may match: every
# kind of digit, separator, unit, timestamp anchor and list marker, side by side.
_PIECES = ["1", "12", "123", "2024", "1,000", "1.5", "1 000", "1\u00a0000", "1\u202f000", "1'000", "1’000", "２０", "١٢٣",
           "５.", ":", "38:25", "1:38:25", "(38:25)", "[1:02]", "1時間38分25秒", "38分 25秒", "3分钟5秒", "시간", "万", "億",
           " million", " Million", " MILLION", " thousand", "\u00a0lakh", "ſ", "K", " ", "\t", "\n", "\n- ", "\n1. ", "\n> * ",
           "\n  12) ", ".", ",", "(", ")", "x", "mot", "日本", "人", "만", "억", "लाख", "مليون", "\u2009", "ü", "İ", "µ", "ｍ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_scans_find_what_finditer_finds(text):
    linter = translations_linter()
    assert [(written, start, end) for written, start, end, _ in linter.summarizer.numbers.matches(text)] == \
        [(match.group(), *match.span()) for match in linter.summarizer.numbers.pattern.finditer(text)]
    assert [match.span() for match in timestamp_matches(text)] == \
        [match.span() for match in TIMESTAMP.finditer(text)]
    assert list_item_lines(text) == \
        [match.span() for match in re.finditer("^" + LIST_ITEM_TEXT, text, re.M)]
