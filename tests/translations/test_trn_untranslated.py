"""Translations: passages left in the source language (TRN010)."""
from __future__ import annotations

from trn_support import check, group

ENGLISH = "The garden opens at nine on Saturdays, and the volunteers water the beds before lunch every week."
FRENCH = "Le jardin ouvre à neuf heures le samedi, et les bénévoles arrosent les parcelles avant le déjeuner chaque semaine."
GERMAN = "Der Garten öffnet samstags um neun, und die Freiwilligen gießen die Beete jede Woche vor dem Mittagessen."


def post(language: str, paragraph: str, translated: bool = True) -> str:
    return (f"---\nlang: {language}\ntitle: T\ntranslated: {'true' if translated else 'false'}\n---\n\n## One\n\n{paragraph}\n\n"
            f"## Two\n\nA [link](https://example.org).\n")


def test_a_paragraph_left_in_the_original_language(tmp_path):
    group(tmp_path, {"en": post("en", ENGLISH, False), "fr": post("fr", FRENCH), "de": post("de", ENGLISH)})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"], d["message"]) for d in found] == [
        ("_posts/de/2024-11-11-talent-de.md", 9, "TRN010",
         "this block (line 9) left untranslated: the same words as _posts/en/2024-11-11-talent-en.md line 9, in English")]


def test_a_passage_most_translations_keep_as_is_is_no_finding(tmp_path):
    # A quotation or a licence kept in the original's words by every translation is meant so.
    group(tmp_path, {"en": post("en", ENGLISH, False), "fr": post("fr", ENGLISH), "de": post("de", ENGLISH),
                     "es": post("es", ENGLISH)})
    assert check("_posts", cwd=tmp_path) == []


def test_without_a_declared_original_shared_text_is_no_finding(tmp_path):
    # Which version copied the other cannot be told: the original may show its own text.
    group(tmp_path, {"en": post("en", ENGLISH), "fr": post("fr", FRENCH), "de": post("de", ENGLISH)})
    assert check("_posts", cwd=tmp_path) == []


def test_a_translated_paragraph_is_no_finding(tmp_path):
    group(tmp_path, {"en": post("en", ENGLISH, False), "fr": post("fr", FRENCH), "de": post("de", GERMAN)})
    assert check("_posts", cwd=tmp_path) == []
