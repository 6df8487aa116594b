"""The quotes linter: balance, the language's style, guillemet spacing, mixed styles, drift."""
from __future__ import annotations

import shutil
from collections import Counter

import pytest
import regex
from hypothesis import given, settings, strategies as st

from conftest import copydesk, seed_path, write
from linters import config, lint_text

NBSP = "\u00a0"


def findings(text: str, *, language: str | None = None, path: str = "post.md") -> list:
    raw = {"select": ["QUO"], **({"language": language} if language else {})}
    return list(lint_text(text, path=path, config=config.from_mapping(raw)))


def codes(text: str, **options) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in findings(text, **options)]


def post(language: str, body: str) -> str:
    return f"---\nlang: {language}\n---\n\n{body}"


def fixed(tmp_path, text: str, name: str = "post.md") -> str:
    path = write(tmp_path / name, text)
    copydesk("check", name, "--select", "QUO", "--fix", "--no-cache", cwd=tmp_path)
    return path.read_text(encoding="utf-8")


# -- QUO001 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    (post("fr", f"Il a dit :{NBSP}«{NBSP}jamais.\n"), [(5, 12, "QUO001")]),
    (post("fr", f"Une fin{NBSP}» sans début.\n"), [(5, 9, "QUO001")]),
    (post("en", "She said “never and left.\n"), [(5, 10, "QUO001")]),
    (post("de", "Er sagte „nie und ging.\n"), [(5, 10, "QUO001")]),
    (post("ja", "彼は「決してと言った。\n"), [(5, 3, "QUO001")]),
    (post("en", 'She said "never and left.\n'), [(5, 10, "QUO001")]),
    (post("zh", "“他在谷歌工作。“\n"), [(5, 9, "QUO001")]),  # one finding, at the mark that should close
    (post("zh", "“很多朋友去美国了。“因为有练习。\n"), [(5, 11, "QUO001")]),
    (post("en", "> She said “never.\n> Then left.\n"), [(5, 12, "QUO001")]),  # a blockquote is prose
])
def test_unbalanced(text, expected):
    assert codes(text) == expected


def test_a_misused_closing_mark_says_which_mark_belongs():
    [finding] = findings(post("zh", "“他在谷歌工作。“\n"))
    assert "closing mark is ”" in finding.message


@pytest.mark.parametrize("text", [
    post("fr", "Il dit l'IA et aujourd’hui, puis « d'accord »\u00a0?\n".replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»")),
    post("en", "Don't say the dogs’ bowls were ‘90s style.\n"),
    post("en", "A 27\" screen and 5'10\" tall.\n"),
    post("en", "The ‘quoted’ word and rock ’n’ roll.\n"),
    post("en", "An ‘open single with an apostrophe’s help.\n"),  # not sure: no finding
    post("fr", f"«{NBSP}Un discours sur deux paragraphes.\n\n«{NBSP}Et la suite.{NBSP}»\n"),
    post("en", "```\necho \"unclosed\n```\n\nText `say \"x` here.\n"),
    post("en", "Run this:\n$ echo \"hello\nand see.\n"),
    post("de", "Das Verzeichnis \"examples\" wurde installiert unter:\n  /opt/homebrew/share/awscli/examples\n"),
])
def test_not_unbalanced(text):
    assert [c for c in codes(text) if c[2] == "QUO001"] == []


# -- QUO002 ----------------------------------------------------------------------------------


def test_wrong_style_is_reported_once_per_post_with_the_language():
    text = post("de", 'Er sagte: "ja". Sie sagte: "nein".\n\nDann "vielleicht".\n')
    [finding] = findings(text)
    assert (finding.line, finding.column, finding.code) == (5, 11, "QUO002")
    assert "German" in finding.message and "language de, from `lang`" in finding.message
    assert '"…" ×3' in finding.message and "lines 5, 7" in finding.message


@pytest.mark.parametrize("text, expected", [
    (post("fr", "Il a dit “oui” hier.\n"), [(5, 10, "QUO002")]),
    (post("ja", "彼は“はい”と言った。\n"), [(5, 3, "QUO002")]),
    (post("en", 'She said "yes" and “no”.\n'), [(5, 20, "QUO006")]),
    (post("de", "Er sagte „ja“ und »nein« und „doch“.\n"), [(5, 19, "QUO006")]),
    (post("fr", "Il a dit « oui » et “non” aussi.\n".replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»")),
     [(5, 21, "QUO002")]),
])
def test_style_rules(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize("text", [
    post("en", 'She said "yes" and "no".\n'),
    post("de", "Er sagte „ja“ und ‚nein‘ in „er sagte ‚nein‘“.\n"),
    post("ja", "彼は「はい」と言い、『本の題』を読んだ。英語で \"yes\" と書いた。\n"),  # English inside Japanese
    post("fr", 'La commande :\n  PERL_MM_OPT="INSTALL_BASE=$HOME/perl5" cpan local::lib\n'),
    post("es", 'Set KEY="value" and run cmd("x").\n'),
    "A post in a language nobody configured, “quoted” throughout, “twice”.\n",
])
def test_no_style_finding(text):
    assert codes(text) == []


def test_language_guessed_from_the_script_is_named():
    [finding] = findings("彼は“はい”と言った。\n", path="notes/post.md")
    assert finding.code == "QUO002" and "guessed from the script" in finding.message


def test_language_from_the_configuration_and_from_the_folder():
    assert [c for _, _, c in codes('Il a dit "oui".\n', language="fr")] == ["QUO002"]
    assert [c for _, _, c in codes('Il a dit "oui".\n', path="_posts/fr/2024-01-01-post.md")] == ["QUO002"]
    assert codes('Il a dit "oui".\n') == []  # Latin script, no language: unknown


def test_straight_quotes_fix_to_the_language_pair(tmp_path):
    text = post("de", 'Er sagte: "ja, sicher". Sie: "nein".\n')
    assert fixed(tmp_path, text) == post("de", "Er sagte: „ja, sicher“. Sie: „nein“.\n")


def test_straight_quotes_fix_in_french_adds_the_spaces_and_nests(tmp_path):
    text = post("fr", f'Il a dit "oui" puis "non".\n\n«{NBSP}Il a dit "peut-être"{NBSP}»\n')
    assert fixed(tmp_path, text) == post(
        "fr", f"Il a dit «{NBSP}oui{NBSP}» puis «{NBSP}non{NBSP}».\n\n«{NBSP}Il a dit “peut-être”{NBSP}»\n")


def test_ambiguous_straight_quotes_are_reported_but_not_fixed(tmp_path):
    text = post("de", 'Er sagte"ja"dann.\n')
    assert [c for _, _, c in codes(text)] == ["QUO002"]
    assert fixed(tmp_path, text) == text


# -- QUO003, QUO004 --------------------------------------------------------------------------


def test_guillemets_without_space(tmp_path):
    text = post("fr", "Une «expérience de pensée» ici.\n")
    assert codes(text) == [(5, 5, "QUO003")]
    assert fixed(tmp_path, text) == post("fr", f"Une «{NBSP}expérience de pensée{NBSP}» ici.\n")


def test_breaking_spaces_are_one_info_finding_fixed_to_the_pack_space(tmp_path):
    text = post("fr", "Il dit « oui » et « non ».\n")
    [finding] = findings(text)
    assert (finding.code, finding.severity.name.lower(), finding.column) == ("QUO004", "info", 9)
    assert finding.message.startswith("4 normal space")
    result = fixed(tmp_path, text)
    assert result == post("fr", f"Il dit «{NBSP}oui{NBSP}» et «{NBSP}non{NBSP}».\n")
    assert fixed(tmp_path, result) == result  # idempotent


def test_narrow_space_from_a_user_pack(tmp_path):
    write(tmp_path / "packs.yaml", 'linter: quotes\nlanguages:\n  fr: {space: "\\u202f"}\n')
    write(tmp_path / ".copydesk.yaml", "rule-packs: [packs.yaml]\n")
    assert fixed(tmp_path, post("fr", "Il dit « oui ».\n")) == post("fr", "Il dit «\u202foui\u202f».\n")
    write(tmp_path / "post.md", post("fr", f"Il dit «{NBSP}oui\u202f».\n"))
    run = copydesk("check", "post.md", "--select", "QUO", "--no-cache", cwd=tmp_path)
    assert run.code == 0, run


def test_a_user_pack_adds_a_language(tmp_path):
    write(tmp_path / "packs.yaml", 'linter: quotes\nlanguages:\n  pl: {name: Polish, primary: ["„”"]}\n')
    write(tmp_path / ".copydesk.yaml", "rule-packs: [packs.yaml]\n")
    write(tmp_path / "post.md", post("pl", 'Powiedział "tak".\n'))
    run = copydesk("check", "post.md", "--select", "QUO", "--format", "json", "--no-cache", cwd=tmp_path)
    assert [d["code"] for d in run.json()] == ["QUO002"] and "Polish" in run.json()[0]["message"]


@pytest.mark.parametrize("pack, field", [
    ('languages:\n  fr: {primary: ["«"]}\n', "section 'languages', entry 'fr'.primary[0]: must be a two-character style"),
    ('languages:\n  fr: {space: "x"}\n', "section 'languages', entry 'fr'.space: must be one space character"),
    ("code-like-lines: ['(']\n", "section 'code-like-lines', entry [0]: invalid pattern"),
])
def test_a_broken_user_pack_is_a_clear_error(tmp_path, pack, field):
    write(tmp_path / "packs.yaml", "linter: quotes\n" + pack)
    write(tmp_path / ".copydesk.yaml", "rule-packs: [packs.yaml]\n")
    write(tmp_path / "post.md", post("fr", "Texte.\n"))
    run = copydesk("check", "post.md", "--no-cache", cwd=tmp_path)
    assert run.code == 2 and f"rule pack {tmp_path / 'packs.yaml'}: {field}" in run.err, run
    assert "Traceback" not in run.err


def test_a_french_list_item_ending_with_a_spaced_semicolon_is_prose():
    assert [c for _, _, c in codes(post("fr", "- la «sécurité» ;\n- la vitesse.\n"))] == ["QUO003"]


@pytest.mark.parametrize("line", [
    "$ brew install wget", "  % ls -la", ">>> print(1)", "PS C:\\Users> dir", "me@box:~/src$ make",
    'KEY="value"', '"key" = 1', '"key": 1', "see /opt/homebrew/bin/ then", "echo ${HOME}", "cd $(pwd)",
    "==> Pouring wget", "a \\t b", "if ready {", "}", "x = 1;", "call('x')",
])
def test_a_code_like_line_spares_only_its_own_paragraph(line):
    unbalanced = 'She said "never and left.'
    text = post("en", f"{unbalanced}\n\n{line}\n{unbalanced}\n\n{unbalanced}\n")
    assert codes(text) == [(5, 10, "QUO001"), (10, 10, "QUO001")]


def test_a_code_like_table_row_spares_only_itself():
    text = post("en", '| a | b |\n|---|---|\n| cd $(pwd) | "open |\n| y | "open |\n')
    assert codes(text) == [(8, 7, "QUO001")]


# -- QUO005 ----------------------------------------------------------------------------------


def test_drift_names_the_earlier_line():
    text = post("fr", (
        f"Il a dit :{NBSP}«{NBSP}Cette idée devient plus vraie chaque mois.{NBSP}»\n\n"
        f"Plus tard, il répète que l'idée devient «{NBSP}plus vrai chaque mois{NBSP}».\n"))
    [finding] = findings(text)
    assert (finding.line, finding.code) == (7, "QUO005")
    assert "line 5" in finding.message and "plus vraie chaque mois" in finding.message


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


# -- seeds and corpus ------------------------------------------------------------------------


def seed_findings(number: str) -> list[dict]:
    return copydesk("check", seed_path(number), "--select", "QUO", "--format", "json", "--no-cache").json()


def test_seed_german_style_is_found_at_its_first_quotation():
    [finding] = seed_findings("003")
    assert (finding["line"], finding["column"], finding["code"]) == (11, 234, "QUO002")
    assert '"…" ×12' in finding["message"] and finding["fixable"]


def test_seed_french_drift_names_the_earlier_line():
    found = seed_findings("000")
    drift = [d for d in found if d["code"] == "QUO005"]
    assert [(d["line"], d["column"]) for d in drift] == [(63, 283)]
    assert "line 11" in drift[0]["message"] and "plus vraie chaque mois" in drift[0]["message"]
    assert Counter(d["code"] for d in found) == Counter({"QUO005": 1, "QUO004": 1})


@pytest.mark.parametrize("number", ["001", "002", "004"])
def test_seeds_with_balanced_quotes_have_no_findings(number):
    assert seed_findings(number) == []


def test_fixing_the_seeds_is_idempotent(tmp_path, seeds):
    for seed in seeds.iterdir():
        shutil.copy(seed, tmp_path / seed.name)
    first = copydesk("check", *sorted(tmp_path.iterdir()), "--select", "QUO", "--fix", "--no-cache")
    german = next(tmp_path.glob("003_*")).read_text(encoding="utf-8")
    assert '"' not in german.split("---", 2)[2] and "plädiert für einen „Wettlauf nach oben“, bei" in german
    assert f"Il a déclaré : «{NBSP}C'est" in next(tmp_path.glob("000_*")).read_text(encoding="utf-8")
    assert "Fixed 2 problems" in first.out, first
    again = copydesk("check", *sorted(tmp_path.iterdir()), "--select", "QUO", "--fix", "--no-cache")
    assert "Fixed 0 problems" in again.out


def test_corpus_findings_stay_few_and_known(corpus):
    found = copydesk("check", corpus, "--select", "QUO", "--format", "json", "--no-cache").json()
    by_code = Counter(d["code"] for d in found)
    assert by_code["QUO005"] <= 2 and by_code["QUO001"] <= 10 and len(found) <= 70, by_code
    where = {(d["path"].split("_posts/")[-1], d["line"], d["code"]) for d in found}
    assert {("zh/2016-03-04-usa-visa-zh.md", 28, "QUO001"),       # “他在谷歌工作。“
            ("fr/2011-01-26-disk-c-fr.md", 15, "QUO001"),         # « that never closes
            ("fr/2025-02-24-vscode-java-issue-fr.md", 38, "QUO002"),  # “…” in French
            ("de/2011-01-26-bee-de.md", 19, "QUO002")} <= where
    terminal_logs = [d for d in found if "brew-upgrade" in d["path"] and d["code"] != "QUO004"]
    assert terminal_logs == []


def test_explain_quote_drift():
    run = copydesk("explain", "QUO005")
    assert run.code == 0 and "quote-drift" in run.out and "different wording" in run.out


def test_every_built_in_code_like_pattern_has_characters_to_look_for():
    from linters.quotes import QuotesLinter
    linter = QuotesLinter.__new__(QuotesLinter)
    linter.data = {**QuotesLinter.load_pack()}
    linter.setup()
    assert all(required for _, required in linter.code_like)


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
    from linters.quotes import _WORD, _words
    words, wide = _words(text)
    assert words == _WORD.findall(text) and (wide or not any(ord(c) >= 0x2E80 for c in text))
    assert _words(text.casefold())[0] == [word.casefold() for word in _WORD.findall(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZéß²½_0''' -.\n\t\u00a0", max_size=30))
def test_the_words_of_any_latin_1_text_are_those_of_the_full_pattern(text):
    from linters.quotes import _WORD, _words
    assert _words(text) == (_WORD.findall(text), False)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="a1_'’ .、水か\u2e80アー々", max_size=40))
def test_the_fewest_words_of_a_cjk_text_are_at_most_its_words(text):
    from linters.quotes import _WORD, _fewest_words
    assert _fewest_words(text) <= len(_WORD.findall(text))


def test_a_cjk_quotation_too_long_to_compare_is_not_read():
    from linters.quotes import _MAX_TOKENS, _WORD, _words
    assert _words("これは" * _MAX_TOKENS) == ([], True)
    text = "3月" + "、これ" * (_MAX_TOKENS // 3)  # longer than _MAX_TOKENS, but fewer words
    assert _words(text) == (_WORD.findall(text), True)


def test_every_latin_1_character_is_read_as_the_full_pattern_reads_it():
    from linters.quotes import _WORD, _words
    for code in range(256):
        for text in (chr(code), f"a{chr(code)}b", f"a'{chr(code)}", f"{chr(code)}'b", f"x {chr(code)} y"):
            assert _words(text)[0] == _WORD.findall(text), (hex(code), text)


def test_an_english_file_name_ending_in_a_language_code_keeps_english_quotes(tmp_path):
    """`let-it-be.md` is not Italian: --fix leaves its English quotes alone."""
    text = '---\ntitle: Let it be\n---\n\nShe said "let it be" and left.\n'
    assert fixed(tmp_path, text, "2025-01-01-let-it-be.md") == text
    italian = '---\ntitle: Ciao\n---\n\nLui ha detto "questo è il gatto" e anche il cane.\n'
    assert fixed(tmp_path, italian, "2025-01-01-ciao-it.md") != italian
