"""The quotes linter's conventions: the language's style as the reader sees it (QUO002), straight
quotes turned the wrong way round (QUO007), guillemet spacing (QUO003, QUO004), mixed styles (QUO006)."""
from __future__ import annotations

import pytest

from conftest import copydesk, write
from quotes_support import NBSP, codes, findings, fixed, post

# -- QUO002 ----------------------------------------------------------------------------------


def test_each_wrong_quotation_is_its_own_finding_with_its_own_fix():
    text = post("de", 'Er sagte: "ja". Sie sagte: "nein".\n\nDann "vielleicht".\n')
    found = findings(text, smart=False)
    assert [(f.line, f.column, f.code) for f in found] == [(5, 11, "QUO002"), (5, 28, "QUO002"), (7, 6, "QUO002")]
    assert all(f.fix and len(f.fix.edits) == 2 for f in found)
    assert found[0].end_column == 15  # the finding spans the quotation
    assert found[0].message == ('the reader sees "…" (straight quotes); German uses „…“ or »…« '
                                "(language de, from `lang`)")


def test_the_text_report_summarises_by_rule(tmp_path):
    write(tmp_path / "post.md", post("de", 'Er sagte: "ja". Sie sagte: "nein".\n'))
    run = copydesk("check", "post.md", "--select", "QUO", "--no-cache", "--statistics", cwd=tmp_path)
    assert run.out.count("QUO002 the reader sees") == 2 and "2  QUO002" in run.out, run


@pytest.mark.parametrize("text, expected", [
    (post("fr", "Il a dit “oui” hier.\n"), [(5, 10, "QUO002")]),
    (post("ja", "彼は“はい”と言った。\n"), [(5, 3, "QUO002")]),
    (post("en", 'She said "yes" and “no”.\n'), [(5, 20, "QUO006")]),  # straight quotes published as typed
    (post("de", "Er sagte „ja“ und »nein« und „doch“.\n"), [(5, 19, "QUO006")]),
    (post("fr", "Il a dit « oui » et “non” aussi.\n".replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»")),
     [(5, 21, "QUO002")]),
    (post("de", "Er sagte „ja“, dann “nein” und „doch“.\n"), [(5, 21, "QUO002")]),  # English quotes, not a stray “
])
def test_style_rules(text, expected):
    assert codes(text, smart=False) == expected


@pytest.mark.parametrize("language, good, bad", [
    ("sv", "Han sa ”ja” och ”nej” till det.", "Han sa “ja” till det."),
    ("fi", "Hän sanoi »kyllä» ja »ei» siihen.", "Hän sanoi “kyllä” siihen."),
    ("da", "Han sagde »ja« og »nej« til det.", "Han sagde ›nej‹ til det."),
    ("nb", "Han sa «ja» og ‘nei’ til det.", "Han sa „ja“ til det."),
    ("pl", "Powiedział „tak” i ‘to’ znaczy.", "Powiedział “tak” wczoraj."),
    ("cs", "Řekl „ano“ a ‚ne‘ včera.", "Řekl “ano” včera."),
    ("sk", "Povedal „áno“ včera.", "Povedal “áno” včera."),
    ("ru", "Он сказал «да» и «нет».", "Он сказал “да” вчера."),
    ("uk", "Він сказав «так» і «ні».", 'Він сказав "так" учора.'),
    ("nl", "Hij zei “ja” en ‘nee’.", "Hij zei «ja» gisteren."),
    ("it", "Disse «sì» e «no».", 'Disse "sì" ieri.'),
    ("pt-BR", "Ele disse “sim” ontem.", "Ele disse «sim» ontem."),
    ("pt-PT", "Ele disse «sim» ontem.", 'Ele disse "sim" ontem.'),
    ("de-CH", "Er sagte «ja» und ‹nein›.", "Er sagte “ja” gestern."),
    ("tr", 'O "evet" dedi ve "hayır" da.', "O «evet» dedi."),
    ("he", 'הוא אמר ”כן” ואז ”לא”.', "הוא אמר «כן» אתמול."),
    ("ar", "قال «نعم» ثم «لا».", "قال ‘نعم’ أمس."),
    ("hi", "उसने “हाँ” कहा।", "उसने «हाँ» कहा।"),
    ("ko", "그는 “네”라고 말했고 「책」을 읽었다.", "그는 «네»라고 말했다."),
    ("zh", "他说“好”，还读了「书」。", "他说«好»。"),  # 「」 is accepted, and not a second style
    ("zh-TW", "他說「好」，還讀了『書』。", "他說“好”。"),
])
def test_the_conventions_of_each_language(language, good, bad):
    assert codes(post(language, good + "\n")) == []
    assert "QUO002" in [code for _, _, code in codes(post(language, bad + "\n"), smart=False)]


def test_a_paragraph_in_another_language_of_the_same_script_keeps_its_quotes():
    czech = post("cs", "Řekl „ano“ a pak poslal tuto zprávu:\n\n"
                       "> Please include the name of the recipient (let's call her “Alice”) and the date.\n")
    assert codes(czech) == []
    assert codes(post("cs", "Jak řekla “Alice”, to je pravda a je to tak.\n")) != []


# -- what the reader sees ----------------------------------------------------------------------


def test_smart_quotes_are_judged_as_the_reader_sees_them():
    spanish = post("es", 'Dijo "sí" y luego "no".\n')
    assert [c for _, _, c in codes(spanish, smart=False)] == ["QUO002", "QUO002"]
    assert codes(spanish, smart=True) == []  # read “sí”: a Spanish style
    [first, _] = findings(post("de", 'Er sagte "ja" und "nein".\n'), smart=True)
    assert first.message.startswith("the reader sees “…” (English quotes); German uses „…“ or »…«")


def test_smart_quotes_per_language_and_a_renderer_that_writes_other_marks():
    german = post("de", 'Er sagte "ja" und "nein".\n')
    assert codes(german, smart={"de": "„“"}) == []
    assert len(codes(german, smart={"es": True})) == 2
    assert codes(post("es", 'Dijo "sí".\n'), smart={"es": True, "default": False}) == []


def test_fix_writes_the_languages_marks_whatever_the_renderer(tmp_path):
    write(tmp_path / ".copydesk.yaml", "linters:\n  quotes:\n    smart-quotes: true\n")
    assert fixed(tmp_path, post("de", 'Er sagte "ja".\n')) == post("de", "Er sagte „ja“.\n")


def test_a_straight_quote_glued_to_a_han_character_is_read_the_wrong_way_round(tmp_path):
    text = post("zh", '他说这是一个"机器人"，不是"人"。也有 "空格" 的写法。\n')
    assert [c for _, _, c in codes(text, smart=False)] == ["QUO002", "QUO002", "QUO002"]  # published as typed
    found = findings(text, smart=True)
    assert [(f.column, f.code) for f in found] == [(7, "QUO007"), (15, "QUO007")]  # “空格” is read right
    assert found[0].message == ('this opening " is glued to 个: the renderer makes it a closing ”, so the reader '
                                "sees ”…”; Chinese uses “…”")
    write(tmp_path / ".copydesk.yaml", "linters:\n  quotes:\n    smart-quotes: true\n")
    assert fixed(tmp_path, text) == post("zh", '他说这是一个“机器人”，不是“人”。也有 "空格" 的写法。\n')


def test_swedish_closing_marks_at_both_ends_are_no_reversal():
    assert codes(post("sv", 'Han sa:"ja" och gick.\n'), smart=True) == []


@pytest.mark.parametrize("value", ["yes please", 3, {"de": {"x": 1}}, {"de": "„"}])
def test_a_malformed_smart_quotes_setting_is_a_clear_error(tmp_path, value):
    import yaml
    write(tmp_path / ".copydesk.yaml", yaml.safe_dump({"linters": {"quotes": {"smart-quotes": value}}}))
    write(tmp_path / "post.md", post("de", "Text.\n"))
    run = copydesk("check", "post.md", "--no-cache", cwd=tmp_path)
    assert run.code == 2 and "smart-quotes" in run.err and "Traceback" not in run.err, run


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
    write(tmp_path / ".copydesk.yaml", "linters:\n  quotes:\n    smart-quotes: false\n")  # "peut-être" stays straight
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


def test_breaking_spaces_are_one_info_finding_per_quotation_fixed_to_the_pack_space(tmp_path):
    text = post("fr", "Il dit « oui » et « non ».\n")
    found = findings(text)
    assert [(f.code, f.severity.name.lower(), f.column) for f in found] == [("QUO004", "info", 9), ("QUO004", "info", 20)]
    assert found[0].message.startswith("a normal space inside « »") and len(found[0].fix.edits) == 2
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
    write(tmp_path / "packs.yaml", 'linter: quotes\nlanguages:\n  ro: {name: Romanian, primary: ["„”"]}\n')
    write(tmp_path / ".copydesk.yaml", "rule-packs: [packs.yaml]\n")
    write(tmp_path / "post.md", post("ro", 'El a spus "da".\n'))
    run = copydesk("check", "post.md", "--select", "QUO", "--format", "json", "--no-cache", cwd=tmp_path)
    assert [d["code"] for d in run.json()] == ["QUO002"] and "Romanian" in run.json()[0]["message"]


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
    write(tmp_path / ".copydesk.yaml", "linters:\n  quotes:\n    smart-quotes: false\n")
    text = '---\ntitle: Let it be\n---\n\nShe said "let it be" and left.\n'
    assert fixed(tmp_path, text, "2025-01-01-let-it-be.md") == text
    italian = '---\ntitle: Ciao\n---\n\nLui ha detto "questo è il gatto" e anche il cane.\n'
    assert fixed(tmp_path, italian, "2025-01-01-ciao-it.md") != italian


# -- QUO006 and what is not prose --------------------------------------------------------------


def test_each_quotation_of_a_minority_style_is_a_finding_and_single_quotes_are_no_style():
    text = "A post, “one” and “two” and “three”, then \"four\" and \"five\", and a ‘word’.\n"
    assert [c for _, _, c in codes(text, smart=False)] == ["QUO006", "QUO006"]
    assert codes("Quoted “one” and a ‘word’ and ‘another’.\n") == []


def test_smart_quotes_make_straight_and_curly_one_style():
    assert codes(post("en", 'She said "yes" and “no”.\n'), smart=True) == []


def test_where_nothing_says_whether_straight_quotes_are_made_curly_only_quotes_wrong_both_ways_are_reported():
    """No setting and no known generator (a folder of posts, the API): "sí" may reach the reader
    as “sí”, right in Spanish, and "yes" beside “no” may be one style; "ja" is wrong either way."""
    assert codes(post("es", 'Dijo "sí" y luego "no".\n')) == []
    assert codes(post("zh", '他们用 "食神" 这个模型做饭。\n')) == []
    assert codes(post("en", 'She said "yes" and “no”.\n')) == []
    [finding] = findings(post("de", 'Er sagte "ja".\n'))
    assert finding.message == ('the reader sees "…" (straight quotes), or “…” (English quotes) if the site\'s '
                               'renderer makes them curly; German uses „…“ or »…« (language de, from `lang`)')
    # No renderer makes “食神” of a quote glued to the character before it: straight, or ”食神”.
    [finding] = findings(post("zh", '他们用"食神"这个模型做饭。\n'))
    assert finding.message == ('the reader sees "…" (straight quotes), or ”…” if the site\'s renderer makes them '
                               'curly; Chinese uses “…” (language zh, from `lang`)')


@pytest.mark.parametrize("text", [
    post("fr", '!!! note "Un titre"\n    Le contenu.\n'),
    post("fr", 'Voir {{< ref "docs/guide" >}} et {% include note.html text="x" %}.\n'),
])
def test_generator_syntax_is_not_quoted_prose(text):
    assert codes(text) == []


def test_a_straight_opening_quote_closed_by_a_curly_one_reads_as_one_quotation_when_rendered():
    text = post("id", 'Baca panduan ["Menyesuaikan Starlight”](/id/guides/).\n')
    assert [c for _, _, c in codes(text)] == ["QUO001", "QUO001"]  # read as typed: two strays
    assert codes(text, smart=True) == []  # read “Menyesuaikan Starlight”


def test_an_english_paragraph_of_a_post_in_another_script_keeps_its_quotes():
    text = post("zh", '厨房里的人工智能。\n\nAI models like "食神" offer cooking advice. These models adjust to the kitchen and its users.\n')
    assert codes(text, smart=False) == []
    assert [c for _, _, c in codes(post("zh", '他们用"食神"这个模型做饭。\n'), smart=False)] == ["QUO002"]
