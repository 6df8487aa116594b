"""The quotes linter's drift (QUO005): a quotation repeated with different wording, and the words it compares."""
from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings, strategies as st

from pathlib import Path

import yaml

from quotes_support import NBSP, codes, findings, post

PLANTED = yaml.safe_load((Path(__file__).parent / "data" / "drift_planted.yaml").read_text(encoding="utf-8"))
HELD_OUT = yaml.safe_load((Path(__file__).parent / "data" / "drift_heldout.yaml").read_text(encoding="utf-8"))
FRESH = yaml.safe_load((Path(__file__).parent / "data" / "drift_fresh.yaml").read_text(encoding="utf-8"))


def planted_post(case: dict, templates: dict = PLANTED["templates"]) -> str:
    if "post" in case:
        return case["post"]
    return templates[case["language"]].format(
        speaker=case["speaker"], later=case.get("later", case["speaker"]), first=case["first"], second=case["second"])


@pytest.mark.parametrize("case", PLANTED["cases"], ids=[case["id"] for case in PLANTED["cases"]])
def test_planted_drift_is_found_and_the_controls_stay_silent(case):
    found = [(line, code) for line, _, code in codes(planted_post(case))]
    if case["drift"]:
        assert found == [(9, "QUO005")]  # the second telling, naming the first
    else:
        assert found == []


@pytest.mark.parametrize("case, templates", [(case, held["templates"]) for held in (HELD_OUT, FRESH)
                                             for case in held["cases"]],
                         ids=[case["id"] for held in (HELD_OUT, FRESH) for case in held["cases"]])
def test_held_out_drift_is_found_and_the_controls_stay_silent(case, templates):
    text = planted_post(case, templates)
    found = [(line, code) for line, _, code in codes(text)]
    if case["drift"] and "missed" not in case:
        second = next(number for number, line in enumerate(text.splitlines(), 1) if case["second"] in line)
        assert found == [(second, "QUO005")]
    else:
        assert found == []


def test_the_languages_of_the_planted_cases():
    for cases in (PLANTED["cases"], HELD_OUT["cases"], FRESH["cases"]):
        assert {"en", "fr", "de", "es", "ja"} <= {case["language"] for case in cases if case["drift"]}


@pytest.mark.parametrize("first, second, shown", [
    ("If the data is wrong, the model will be wrong, no matter how large it is",
     "No matter how large it is, the model will be wrong if the data is wrong",
     "“No matter how large it is, the model will be wrong if the data is wrong” repeats the quotation on line 5 "
     "with different wording: “If the data is wrong, the model will be wrong, no matter how large it is” "
     "(the same words in another order)"),
    ("信頼し合う小さなチームは、いつも大きな委員会より速く動ける", "信頼し合う小さなチームは、いつも大きな委員会より素早く動ける",
     "「信頼し合う小さなチームは、いつも大きな委員会より[素早]く動ける」 repeats the quotation on line 5 with different "
     "wording: 「信頼し合う小さなチームは、いつも大きな委員会より[速]く動ける」 (the words in [brackets] differ)"),
])
def test_the_message_shows_both_wordings_with_the_differences_marked(first, second, shown):
    language = "ja" if "チ" in first else "en"
    marks = "「」" if language == "ja" else "“”"
    [finding] = findings(post(language, f"{marks[0]}{first}{marks[1]}\n\nAgain: {marks[0]}{second}{marks[1]}\n"))
    assert finding.message == shown

# -- QUO005 ----------------------------------------------------------------------------------


def test_drift_names_the_earlier_line():
    text = post("fr", (
        f"Il a dit :{NBSP}«{NBSP}Cette idée devient plus vraie chaque mois.{NBSP}»\n\n"
        f"Plus tard, il répète que l'idée devient «{NBSP}plus vrai chaque mois{NBSP}».\n"))
    [finding] = findings(text)
    assert (finding.line, finding.code) == (7, "QUO005")
    assert finding.message == ("«plus [vrai] chaque mois» repeats the quotation on line 5 with different wording: "
                               "«Cette idée devient plus [vraie] chaque mois» (the words in [brackets] differ)")


@pytest.mark.parametrize("first, second", [
    ("the team of one hundred will beat the team of one thousand every single time",
     "the team of one hundred will beat a team of one thousand every single time"),
    ("これは毎月より真実味を増していく主張の一つです", "これは毎月より真実性を増していく主張の一つです"),
])
def test_drift_long_and_cjk(first, second):
    language = "ja" if "は" in first else "en"
    marks = "「」" if language == "ja" else "“”"
    text = post(language, f"{marks[0]}{first}{marks[1]}\n\nLater: {marks[0]}{second}{marks[1]}\n")
    assert [(line, code) for line, _, code in codes(text)] == [(7, "QUO005")]


@pytest.mark.parametrize("first, second", [
    ("plus vraie chaque mois", "plus vraie chaque mois"),                        # identical: fine
    ("je pense que la sécurité compte", "je pense que la vitesse compte"),        # different words
    ("ce modèle est rapide", "ce modèle est lent"),
    ("C'est l'une de ces affirmations qui devient plus vraie", "plus vraie"),     # too short
    ("une idée qui devient plus vraie chaque mois", "devient plus vraie"),        # a faithful part
    ("nous faisons moins de promesses", "moins de promesses mais nous les tenons"),  # overlap
    ("pour interagir avec un milliard de lignes de code", "interagissant avec un milliard de lignes de code"),
])
def test_no_drift(first, second):
    text = post("fr", f"«{NBSP}{first}{NBSP}»\n\nPuis «{NBSP}{second}{NBSP}».\n")
    assert codes(text) == []


def test_drift_is_fast_on_a_long_post_of_similar_quotations():
    import random
    import time

    rng = random.Random(7)
    words = [f"mot{i}" for i in range(30)]
    body = "\n\n".join("Il dit «\u00a0" + " ".join(rng.choice(words) for _ in range(12)) + "\u00a0»."
                       for _ in range(3000))
    started = time.perf_counter()
    findings(post("fr", body))
    assert time.perf_counter() - started < 5


# -- tokens for drift: the faster readers find what _WORD finds ----------------------------------

CJK_CHARACTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")  # the first alternative of _WORD


def test_cjk_starts_at_u2e80_even_casefolded():
    assert CJK_CHARACTER.match("\u2e80")
    for code in range(0x2E80):
        assert not CJK_CHARACTER.search(chr(code).casefold()), hex(code)


def test_casefolding_leaves_each_character_what_it_was_to_the_tokens():
    def kind(character):
        return bool(CJK_CHARACTER.match(character)), bool(regex.match(r"\w", character)), character in "'’"

    for code in range(0x110000):
        character = chr(code)
        folded = character.casefold()
        if folded != character:
            assert all(kind(c) == kind(character) for c in folded), hex(code)
            assert not CJK_CHARACTER.match(character), hex(code)  # one CJK character stays one token


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZé ßİΣﬃµꭰ²½''’’-_.\u0301\u0915\u093e\u2013水か ア\u2e80\u00a0", max_size=40))
def test_the_words_of_any_text_are_those_of_the_full_pattern(text):
    from linters.quotes.words import WORD as _WORD, words as _words
    words, cjk = _words(text)
    assert words == _WORD.findall(text)
    assert cjk == (sum(1 for word in words if CJK_CHARACTER.fullmatch(word)) * 2 > len(words))
    assert _words(text.casefold())[0] == [word.casefold() for word in _WORD.findall(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZéß²½_0''' -.\n\t\u00a0", max_size=30))
def test_the_words_of_any_latin_1_text_are_those_of_the_full_pattern(text):
    from linters.quotes.words import WORD as _WORD, words as _words
    assert _words(text) == (_WORD.findall(text), False)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZéß²½_0''’ -.?\n\t\u00a0\u2013\u2014“”ł\u0301", max_size=30))
def test_the_words_of_a_text_with_separators_beyond_latin_1_are_those_of_the_full_pattern(text):
    from linters.quotes.words import WORD as _WORD, words as _words
    assert _words(text) == (_WORD.findall(text), False)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="a1_'’ .、水か\u2e80アー々", max_size=40))
def test_the_fewest_words_of_a_cjk_text_are_at_most_its_words(text):
    from linters.quotes.words import WORD as _WORD, fewest_words as _fewest_words
    assert _fewest_words(text) <= len(_WORD.findall(text))


def test_a_cjk_quotation_too_long_to_compare_is_not_read():
    from linters.quotes.words import MAX_TOKENS as _MAX_TOKENS, WORD as _WORD, words as _words
    assert _words("これは" * _MAX_TOKENS) == ([], True)
    text = "3" + "、これ" * (_MAX_TOKENS // 3)  # longer than _MAX_TOKENS, but fewer words
    assert _words(text) == (_WORD.findall(text), True)
    assert _WORD.findall("10億行のコード") == ["10", "億", "行", "の", "コ", "ー", "ド"]  # digits stop at Han


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZéß²½ªµ_0'’ -.?\n\t\u00a0\u2013\u201c\u0301łİ水", max_size=40))
def test_the_words_a_language_is_told_by_are_those_of_the_full_pattern(text):
    from linters.quotes.tongues import _WORD as _FUNCTION_WORD, _words as _function_words
    assert _function_words(text) == _FUNCTION_WORD.findall(text)


def test_every_latin_1_character_is_told_apart_as_the_full_pattern_tells_it():
    from linters.quotes.tongues import _WORD as _FUNCTION_WORD, _words as _function_words
    for code in range(256):
        for text in (chr(code), f"a{chr(code)}b", f"a–{chr(code)}", f"x {chr(code)} y’"):
            assert _function_words(text) == _FUNCTION_WORD.findall(text), (hex(code), text)


def test_every_latin_1_character_is_read_as_the_full_pattern_reads_it():
    from linters.quotes.words import WORD as _WORD, words as _words
    for code in range(256):
        for text in (chr(code), f"a{chr(code)}b", f"a'{chr(code)}", f"{chr(code)}'b", f"x {chr(code)} y"):
            assert _words(text)[0] == _WORD.findall(text), (hex(code), text)
