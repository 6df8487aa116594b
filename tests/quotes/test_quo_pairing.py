"""The quotes linter's pairing: unbalanced marks (QUO001), and paragraphs that look like code."""
from __future__ import annotations

import pytest

from quotes_support import NBSP, codes, findings, post

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


def test_a_quotation_opened_curly_and_closed_straight_is_one_finding_at_the_straight_quote():
    [finding] = findings(post("de", 'Keine „Floating Tags" verwenden.\n'))
    assert (finding.column, finding.code) == (21, "QUO001")
    assert finding.message == '" closes this quotation; the closing mark is “'


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


def test_every_built_in_code_like_pattern_has_characters_to_look_for():
    from linters.quotes import QuotesLinter
    linter = QuotesLinter.__new__(QuotesLinter)
    linter.data = {"style-names": {}, "renderers": {}, **QuotesLinter.load_pack()}
    linter.settings = {}
    linter.setup()
    assert all(required for _, required in linter.code_like)
