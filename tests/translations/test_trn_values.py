"""Translations: numbers and timestamps read however a language writes them."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st
from linters.translations.values import LIST_ITEM_TEXT, components, list_item_lines, timestamp_value
from trn_support import check, group, paragraph_post, translations_linter

# Pieces of hostile prose for the scans that try their pattern only where it may match: every
# kind of digit, separator, unit, timestamp anchor and list marker, side by side.
_PIECES = ["1", "12", "123", "2024", "1,000", "1.5", "1 000", "1\u00a0000", "1\u202f000", "1'000", "1’000", "２０", "١٢٣",
           "５.", ":", "：", "38:25", "1:38:25", "(38:25)", "[1:02]", "1時間38分25秒", "38分 25秒", "3分钟5秒", "시간", "万", "億",
           " million", " Million", " MILLION", " thousand", "\u00a0lakh", "ſ", "K", " ", "\t", "\n", "\n- ", "\n1. ", "\n> * ",
           "\n  12) ", ".", ",", "(", ")", "x", "mot", "日本", "人", "만", "억", "लाख", "مليون", "\u2009", "ü", "İ", "µ", "ｍ",
           " min", "min ", " s", "h ", " Std.", "例：", "/"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_scans_find_what_finditer_finds(text):
    summarizer = translations_linter().summarizer
    numbers, times = summarizer.numbers, summarizer.times
    assert [(written, start, end) for written, start, end, _ in numbers.matches(text)] == \
        [(match.group(), *match.span()) for match in numbers.pattern.finditer(text)]
    # Timestamps: the pattern tried at each run of digits that nothing before joins to a number.
    expected, end = [], 0
    for run in re.finditer(r"\d+", text):
        if run.start() < end or run.start() and text[run.start() - 1] in "0123456789.,/" \
                or run.start() and text[run.start() - 1] in ":：" and text[run.start() - 2:run.start() - 1].isdigit():
            continue
        match = times.pattern.match(text, run.start())
        if match and (text[run.end():run.end() + 1] in ":：" or match.end() > run.end()):
            expected.append(match.span())
            end = match.end()
    assert [match.span() for match in times.matches(text)] == expected
    assert list_item_lines(text) == [match.span() for match in re.finditer("^" + LIST_ITEM_TEXT, text, re.M)]


@pytest.mark.parametrize("written", ["38:25", "(38:25)", "38分25秒", "38 min 25 s", "38 Min. 25 Sek.", "0:38:25", "38：25"])
def test_timestamps_of_one_moment_are_one_value_in_every_language(written):
    times = translations_linter().summarizer.times
    [match] = list(times.matches(f"at {written} here"))
    assert timestamp_value(match) == (38, 25)


@pytest.mark.parametrize("written", ["1:38:25", "01:38:25", "1時間38分25秒", "1 h 38 min 25 s", "1小时38分25秒"])
def test_three_part_timestamps_too(written):
    [match] = list(translations_linter().summarizer.times.matches(f"({written})"))
    assert timestamp_value(match) == (1, 38, 25)


def test_a_ratio_a_date_or_a_long_number_is_no_timestamp():
    times = translations_linter().summarizer.times
    assert [m.group() for m in times.matches("16:9, 2024-10-31 12:300, 1234:56, 12.10:30 and 例：1時間5分")] == ["1時間5分"]


@pytest.mark.parametrize("written, values", [
    ("1,200", ["1200"]), ("1.200", ["1200"]), ("1 200", ["1200"]), ("007", ["7"]),
    ("12024.10.31", ["12024", "10", "31"]), ("31.10.12024", ["31", "10", "12024"]), ("3,14", ["3", "14"]),
])
def test_numbers_are_their_values_and_dates_their_parts(written, values):
    assert components(written) == values


def test_multiplied_numbers_keep_their_digits_for_languages_the_pack_lacks():
    summarizer = translations_linter().summarizer
    from linters.document import Document
    units = summarizer.summarize(Document("---\nlang: en\n---\n\n2.5 million and 30万 and 1万3 and 14 milionů.\n",
                                          "a.md"))["units"]
    assert [(item[0], item[4]) for item in units[0].numbers] == [
        ("2500000", ("2", "5")), ("300000", ("30",)), ("13000", ("1",)), ("14", None)]


def test_an_hour_after_noon_is_the_same_on_either_clock(tmp_path):
    group(tmp_path, {"en": paragraph_post("en", "The course starts on Friday at 8pm, and ends at 6 PM KST."),
                     "fr": paragraph_post("fr", "La formation commence vendredi à 20h et finit à 18:00 KST."),
                     "ja": paragraph_post("ja", "講座は金曜日の午後8時に始まり、午後6時に終わります。")})
    assert check("_posts", cwd=tmp_path) == []
    group(tmp_path, {"en": paragraph_post("en", "The course starts on Friday at 8pm."), "fr": paragraph_post("fr", "La formation commence vendredi à 21h.")})
    assert [d["code"] for d in check("_posts", cwd=tmp_path)] == ["TRN003"]


def test_a_date_written_in_digits_is_the_date_with_its_month_named(tmp_path):
    group(tmp_path, {"en": paragraph_post("en", "Since around 6 PM on October 31, 12024, it fails."),
                     "cs": paragraph_post("cs", "Od 12024.10.31. kolem 18:00 to selhává.")})
    assert check("_posts", cwd=tmp_path) == []


def test_a_time_after_noon_is_the_same_on_either_clock(tmp_path):
    group(tmp_path, {"en": paragraph_post("en", "Trains run every 3 minutes between 4:01:25 PM and 4:19:25 PM."),
                     "fr": paragraph_post("fr", "Les trains passent toutes les 3 minutes entre 16 h 01 min 25 s et 16 h 19 min 25 s."),
                     "ja": paragraph_post("ja", "列車は午後4:01:25から午後4:19:25まで3分ごとに運行します。"),
                     "es": paragraph_post("es", "Los trenes pasan cada 3 minutos entre las 4:01:25 p.m.y las 4:19:25 p.m.")})
    assert check("_posts", cwd=tmp_path) == []


def test_the_number_of_a_cross_reference_in_the_page_is_its_label_not_a_value(tmp_path):
    # `[Figure 6](#fig-lockin)`: the anchor says what is referred to; the number is how this
    # version labels it (a translation numbers its figures its own way). Other numbers still count.
    group(tmp_path, {"en": paragraph_post("en", "As [Figure 6](#fig-lockin) shows, parks cover 17.08% of the country."),
                     "fr": paragraph_post("fr", "Comme le montre la [Figure 1](#fig-lockin), les parcs couvrent 17,08% du pays.")})
    assert check("_posts", cwd=tmp_path) == []
    group(tmp_path, {"en": paragraph_post("en", "As [Figure 6](#fig-lockin) shows, parks cover 17.08% of the country."),
                     "fr": paragraph_post("fr", "Comme le montre la [Figure 6](#fig-lockin), les parcs couvrent 18,08% du pays.")})
    assert [d["code"] for d in check("_posts", cwd=tmp_path)] == ["TRN003"]
