"""Translations: front matter values that are the same by nature in every version (TRN009)."""
from __future__ import annotations

from trn_support import check, group


def post(language: str, **keys) -> str:
    front = "".join(f"{key}: {value}\n" for key, value in keys.items())
    return f"---\nlang: {language}\ntitle: T\n{front}---\n\nText with [a link](https://example.org).\n"


def test_a_per_language_key_is_not_compared(tmp_path):
    # Each language has its own recording, or none: `audio` differs by nature.
    group(tmp_path, {"en": post("en", audio="true", translated="false"), "fr": post("fr", audio="false"),
                     "de": post("de", audio="false")})
    assert check("_posts", cwd=tmp_path) == []


def test_the_version_that_disagrees_is_reported_by_majority(tmp_path):
    group(tmp_path, {"en": post("en", generated="true", translated="false"), "fr": post("fr", generated="true"),
                     "de": post("de", generated="false")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"], d["message"]) for d in found] == [
        ("_posts/de/2024-11-11-talent-de.md", 4, "TRN009",
         "front matter 'generated' is false here but true in _posts/en/2024-11-11-talent-en.md line 4 (and 1 other version)")]
