"""The quotes linter's conventions: the language's style (QUO002), guillemet spacing (QUO003, QUO004), mixed styles (QUO006)."""
from __future__ import annotations

import pytest

from conftest import copydesk, write
from quotes_support import NBSP, codes, findings, fixed, post

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


def test_an_english_file_name_ending_in_a_language_code_keeps_english_quotes(tmp_path):
    """`let-it-be.md` is not Italian: --fix leaves its English quotes alone."""
    text = '---\ntitle: Let it be\n---\n\nShe said "let it be" and left.\n'
    assert fixed(tmp_path, text, "2025-01-01-let-it-be.md") == text
    italian = '---\ntitle: Ciao\n---\n\nLui ha detto "questo è il gatto" e anche il cane.\n'
    assert fixed(tmp_path, italian, "2025-01-01-ciao-it.md") != italian
