"""Translations: URLs and identifiers as every version must have them (TRN001, TRN002)."""
from __future__ import annotations

import pytest
from trn_support import translations_linter


@pytest.mark.parametrize("url, keys", [
    ("https://fr.wikipedia.org/wiki/Chat", {"fr": "wikipedia.org/<localised page>", "en": "fr.wikipedia.org/wiki/Chat",
                                            None: "fr.wikipedia.org/wiki/Chat"}),
    ("https://www.example.org/fr/docs/?utm_source=x&hl=fr&q=1", {"fr": "example.org/<lang>/docs?q=1", "de": "example.org/fr/docs?q=1"}),
    ("HTTPS://WWW.Example.ORG/De-DE/", {"de": "example.org/<lang>", "fr": "example.org/De-DE"}),
    ("https://youtu.be/dQw4w9WgXcA", {"fr": "YouTube video:dQw4w9WgXcA", "en": "YouTube video:dQw4w9WgXcA"}),
    ("#intro", {"fr": "", "en": ""}), ("mailto:a@example.org", {"fr": ""}), ("http://[::1", {"fr": "http://[::1", "en": "http://[::1"}),
])
def test_url_keys_in_each_language_from_one_parse(url, keys):
    linter = translations_linter()
    for _ in range(2):  # the second time from the parse kept for the run
        assert {language: linter.summarizer.urls.key(url, language) for language in keys} == keys
