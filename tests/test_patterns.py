"""The pattern machinery every linter calls: the literal prefilter (required literals, the one-pass
literal index, haystacks) and the required characters of a pattern. Each fast path must find
exactly what the plain search finds."""
from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings, strategies as st

from linters import lint_text
from linters.patterns import literals
from linters.patterns.characters import required_characters
from linters.patterns.literals import ASCII_LETTER_VARIANTS, LiteralIndex, contains_any, required_literals
from linters.patterns.literals import haystack as haystack_of


@pytest.mark.parametrize("source, literal", [
    (r"\blet me know if you(?:['’]d like| need)\b", "let me know if you"),
    (r"\bif I['’]ve misunderstood\b", "ve misunderstood"),  # the longest run, not the first
    (r"(?r)\bgiven the current date is\b", "given the current date is"),  # read as a forward pattern
    (r"\bKommentare?n?\b", "kommentar"),  # a character a quantifier follows is left out
    (r"¿queda claro\?", "¿queda claro?"),  # an escaped character is plain
    (r"\p{Han}ab\pLcd", "ab"),
    (r"(?<=^[ \t]*)here is the translation\b", "here is the translation"),  # not what a lookbehind holds
    (r"[\]x]yz", "yz"),
    (r"a{2}bc", "bc"),
    (r"ab|c", None),  # alternatives have no common literal, and one has no run of two
    (r"(?i)let me know", None),  # inline flags may change how the pattern reads
    (r"(?x) let me know", None),
    (r"x(?:(?x) a b)let me know", None),
    (r"\x41bc", None),
    (r"\L<names>", None),
    (r"[[:alpha:]]abc", None),
    (r"ab{c", None),
    (r"ab\p{Han", None),  # does not compile: reported when compiled, not here
    (r"a.", None),  # one character is not worth a test
])
def test_required_literal(source, literal):
    assert required_literals(source) == ((literal.encode(),) if literal else ())


def test_alternatives_with_runs_of_their_own_make_several_literals():
    assert required_literals(r"ab|cd") == (b"ab", b"cd")
    assert required_literals(r"\p{Han}(?:告诉我|让我知道)") == ("告诉我".encode(), "让我知道".encode())
    assert required_literals(r"\blet me know (?:if|[Ww]hen) you") == (b"let me know ",)  # long enough alone
    assert required_literals(r"\b(?:hope|wish)\b") == (b"hope", b"wish")
    assert required_literals(r"xy(?:ab|\wc)") == (b"xy",)  # an alternative without a run of two


def test_plain_text_around_groups_of_plain_alternatives_spells_several_literals():
    assert required_literals("请(?:告诉我|让我知道)") == ("请告诉我".encode(), "请让我知道".encode())
    assert required_literals(r"\bsi (?:vous avez|tu as) besoin\b") == (b"si vous avez besoin", b"si tu as besoin")
    assert required_literals(r"(?r)\b(?:given|since) the current (?:date|time) is\b") == (
        b"given the current date is", b"given the current time is", b"since the current date is", b"since the current time is")
    # a choice that is not plain text ends the stretch with the text it starts with
    assert required_literals(r"\blet me know if (?:you(?:'d| would) like|you need)") == (b"let me know if you",)
    assert required_literals(r"(?<=^[ \t]*)here(?:'s| is) (?:the|a) translation\b") == (
        b"here's the translation", b"here's a translation", b"here is the translation", b"here is a translation")
    # more texts than a stretch may spell: it ends before the group, and the group's texts start another
    many = [f"w{number:02}" for number in range(20)]
    assert required_literals(rf"ab(?:c|d)(?:{'|'.join(many)})xyz") == tuple(f"{text}xyz".encode() for text in many)


def test_a_short_class_after_a_short_run_makes_several_literals():
    assert required_literals(r"Sure[!.,]\s+(?:here|below)\b") == (b"sure!", b"sure.", b"sure,")
    assert required_literals(r"Certainly[!.,]\s+here") == (b"certainly",)  # long enough alone
    assert required_literals(r"Sure[!.,]?") == (b"sure",)  # the class is optional


@pytest.mark.parametrize("source, literal", [
    (r"\bwie von Ihnen gewünscht\b", "wie von ihnen gew"),  # ü has cases: the haystack keeps them
    ("作为(?:一个)?(?:AI|人工智能)(?:语言)?模型", "作为"),  # CJK has no cases
    (r"\bISBN\b", "isbn"),
])
def test_required_literal_is_found_in_the_haystack(source, literal):
    assert required_literals(source) == (literal.encode(),)
    assert literal.encode() in haystack_of(source.replace("\\b", "").upper())


def test_ascii_letter_variants_are_the_characters_regex_matches_with_an_ascii_letter():
    letter = regex.compile("[a-z]", regex.I | regex.V0)
    assert {chr(code) for code in range(0x80, 0x110000) if letter.fullmatch(chr(code))} == set(ASCII_LETTER_VARIANTS)



_ATOMS = ["a", "b", "ab", "A", "é", "É", "ſ", "水", " ", "[.b]", "[aé]", r"\.", ".", "[ab]", r"[^a]", "(?:a|b)", "(?:ab)", "(b)", "(?:ab|bab)", "(?:a b|B)", "(?:aé|ba|b水)", "ab|ba", r"\b", r"\s", "(?<=a)", "(?=b)", "^"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_ATOMS), st.sampled_from(["", "?", "*", "+", "{2}", "{0,2}", "??"])),
                min_size=1, max_size=6),
       st.text(alphabet="aAbBéÉsSſ水. ", max_size=40))
def test_every_match_contains_the_required_literal(atoms, text):
    source = "".join(atom + (quantifier if atom not in (r"\b", "(?<=a)", "(?=b)", "^") else "")
                     for atom, quantifier in atoms)
    literals = required_literals(source)
    if not literals:
        return
    for match in regex.finditer(source, text, regex.I | regex.V0):
        assert any(literal in haystack_of(match.group()) for literal in literals)


LITERAL_PIECES = [b"let me know", b" if you", b"moi savoir", b"\xe3\x81\x8a\xe7\x9f\xa5", b"\xc3\xa9", b" ", b"\n",
                  b"x", b"sure!", b"hope", b"helps", b"ago", b"\xe2\x80\x99"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(LITERAL_PIECES), max_size=60).map(b"".join),
       st.sets(st.sampled_from(LITERAL_PIECES[:10] + [b"know if", b"e moi", b"\x81\x8a"]), min_size=1),
       st.lists(st.sampled_from(LITERAL_PIECES[:10] + [b"you", b"never there"]), min_size=1, max_size=3))
def test_the_one_pass_literal_index_answers_as_substring_tests_do(haystack, indexed, asked):

    index = LiteralIndex(indexed)  # literals it was not built with are tested directly
    assert index.contains_any(haystack, tuple(asked)) == contains_any(haystack, tuple(asked))
    assert index.contains_any(haystack, tuple(asked)) == contains_any(haystack, tuple(asked))  # remembered


def test_findings_are_the_same_without_the_literal_index(monkeypatch):
    """Where ahocorasick_rs has no wheel, each literal is tested on its own: the same findings."""
    filler = "Un paragraphe ordinaire sur la machine à café, assez long pour compter. " * 40
    text = ("---\nlang: fr\ntitle: Le café\n---\n\n" + filler + "\n\nN'hésitez pas, faites-le moi savoir !\n\n"
            + filler + "\n\nLet me know if you'd like a longer version.\n\nIl y a trois jours, " + filler + "\n")
    path = "_posts/fr/2025-01-01-cafe-fr.md"
    with_index = [(d.code, d.line, d.column) for d in lint_text(text, path)]
    monkeypatch.setattr(literals, "ahocorasick_rs", None)
    assert [(d.code, d.line, d.column) for d in lint_text(text, path)] == with_index
    assert [code for code, _, _ in with_index].count("HAL201") == 2


@pytest.mark.parametrize("source, required", [
    (r"(?<=^[ \t]*)PS ?[A-Z]:\\[^>\n]*>[ \t]", "PS:\\>"), ("==>", "=>"), (r"\$(?:\{?\w|\()", "$"),
    ("ab?c", "ac"), ("a*?b", "b"), ("a{0,2}b", "b"), ("a{,2}b", "b"), ("a{2}b", "ab"), ("a+?b", "ab"),
    ("[]a]b", "b"), (r"\p{L}x", "x"), (r"\pLx", "x"), ("(a|b)c", "c"), ("x(?=y)", "x"),
    ("a|b", ""), ("(?i)abc", ""), (r"\x41b", ""), (r"a\nb", ""), ("[[:alpha:]]x", ""), ("ab{e<=1}", ""),
])
def test_a_code_like_pattern_is_searched_only_in_text_with_its_characters(source, required):
    assert required_characters(source) == required


_CODE_ATOMS = ["a", "b", "$", "\\$", " ", "[ab]", "[^a]", "[]a]", ".", "\\w", "\\s", "(?:a|b)", "(b)", "(?<=a)",
               "(?=b)", "^", "$", "|"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_CODE_ATOMS), st.sampled_from(["", "?", "*", "+", "{2}", "{0,2}", "*?", "++"])),
                min_size=1, max_size=6),
       st.text(alphabet="ab$] \n", max_size=30))
def test_every_match_of_a_code_like_pattern_has_its_characters(atoms, text):
    source = "".join(atom + (quantifier if atom not in ("(?<=a)", "(?=b)", "^", "$", "|") else "")
                     for atom, quantifier in atoms)
    try:
        pattern = regex.compile(source, regex.M | regex.V0)
    except regex.error:
        return
    required = required_characters(source)
    for match in pattern.finditer(text):
        assert all(character in match.group() for character in required), (source, match)


def test_a_composed_phrase_fills_its_slots_with_alternatives():
    from linters.patterns.phrases import compose

    words = {"you-want": ["you(?:'d| would) like", "you need"], "me": ["me"]}
    source = compose(r"\blet {me} know if {you-want}\b", words, "test")
    assert source == r"\blet me know if (?:you(?:'d| would) like|you need)\b"
    assert [regex.search(source, text) is not None for text in ("let me know if you'd like", "let me know if you need",
                                                                "let me know if you want")] == [True, True, False]
    assert required_literals(source) == (b"let me know if you",)


def test_an_unspaced_language_matches_white_space_or_none_where_its_phrase_has_a_space():
    from linters.patterns.phrases import compose

    source = compose("作为 {one} AI 模型", {"one": ["一个", ""]}, "test", unspaced=True)
    for text in ("作为一个AI模型", "作为 一个 AI 模型", "作为AI 模型"):
        assert regex.search(source, text), text


def test_a_phrase_naming_an_unknown_slot_is_an_error_naming_its_place():
    from linters.packs.loading import RulePackError
    from linters.patterns.phrases import compose

    with pytest.raises(RulePackError, match=r"pack\.yaml: section 'voice'.*\{you\}"):
        compose("let me know if {you}", {"me": ["me"]}, "rule pack pack.yaml: section 'voice'")


def test_a_composed_phrase_is_trusted_only_when_its_parts_are_built_in():
    from linters.packs.remembered import builtin_strings
    from linters.patterns.phrases import compose
    from linters.patterns.search import is_trusted

    built_in = sorted(string for string in builtin_strings() if "{" not in string and len(string) > 3)[:2]
    assert is_trusted(compose(built_in[0], {}, "test"))
    assert not is_trusted(compose("a user's {word}", {"word": [built_in[1]]}, "test"))
    assert not is_trusted(compose(built_in[0] + "{word}", {"word": ["a user's word"]}, "test"))


def test_a_deferred_pattern_is_compiled_on_first_use_and_answers_as_the_compiled_one():
    import pickle

    from linters.patterns.deferred import deferred

    compiled = []

    def compile(source, flags):
        compiled.append(source)
        return regex.compile(source, flags)

    pattern = deferred(r"^\p{Lu}\w+", regex.M, compile)
    assert compiled == []  # not at import: a one-post run compiles only what its post needs
    assert [match.group() for match in pattern.finditer("Ein Satz\nMit Namen")] == ["Ein", "Mit"]
    assert pattern.sub("X", "Ab cd\nEf") == "X cd\nX" and pattern.pattern == r"^\p{Lu}\w+"
    assert compiled == [r"^\p{Lu}\w+"]  # once
    assert pickle.loads(pickle.dumps(deferred(r"a+"))).search("baa").span() == (1, 3)
