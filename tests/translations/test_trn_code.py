"""Translations: code blocks compared as code (TRN006, TRN007)."""
from __future__ import annotations

from trn_support import ENGLISH, FRENCH, GERMAN, check, group


def test_a_dropped_code_block_and_changed_code(tmp_path):
    without_code = FRENCH[:FRENCH.index("```bash")]
    localised = GERMAN.replace("cd ~/Documents", "cd ~/Dokumente  # in den Ordner")
    group(tmp_path, {"en": ENGLISH, "fr": without_code, "de": localised})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [
        ("_posts/de/2024-11-11-talent-de.md", 14, "TRN007"),
        ("_posts/fr/2024-11-11-talent-fr.md", 11, "TRN006"),  # missing at the end: the last paragraph
    ]
    assert "`cd ~/Dokumente` here, `cd ~/Documents` there" in found[0]["message"]
    assert found[1]["message"] == ("a code block of _posts/en/2024-11-11-talent-en.md (and 1 other version) "
                                   "missing here (line 13 there)")


def test_a_translated_comment_is_not_a_change(tmp_path):
    commented = ENGLISH.replace("cd ~/Documents", "cd ~/Documents  # go there")
    group(tmp_path, {"en": commented, "fr": FRENCH.replace("cd ~/Documents", "cd ~/Documents  # aller là")})
    assert check("_posts", cwd=tmp_path) == []
