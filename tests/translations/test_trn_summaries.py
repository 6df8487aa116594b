"""Translations: summaries, the cache, suppressions and the API around the comparison."""
from __future__ import annotations

import pickle
from collections import Counter

from conftest import copydesk, write
from linters import config, lint_text
from linters.document import Document
from linters.engine.groups import pack_summary, unpack_summary
from trn_support import ENGLISH, FRENCH, SPANISH, check, group, translations_linter


def test_summaries_are_small_plain_data():
    linter = translations_linter()
    summary = linter.summarize(Document(ENGLISH, "_posts/en/2024-11-11-talent-en.md"))
    assert pickle.loads(pickle.dumps(summary)) == summary
    assert unpack_summary(pack_summary(summary)) == summary
    assert len(pack_summary(summary)) < 1500  # what the engine keeps per file until groups are checked


def test_a_warm_cache_gives_the_same_findings(tmp_path):
    group(tmp_path, {"en": ENGLISH, "fr": FRENCH, "es": SPANISH})
    cold = copydesk("check", "_posts", "--select", "TRN", "--format", "json", cwd=tmp_path)
    warm = copydesk("check", "_posts", "--select", "TRN", "--format", "json", cwd=tmp_path)
    assert (tmp_path / ".copydesk_cache").is_dir()
    assert [d["code"] for d in cold.json()] == ["TRN002", "TRN001", "TRN003"]
    assert warm.json() == cold.json()
    # A sibling edited on disk is read again: the cached summary of the unchanged post is compared with it.
    write(tmp_path / "_posts" / "en" / "2024-11-11-talent-en.md", ENGLISH.replace("ugvHCXCOmm4", "ugvHCXCOmm8"))
    assert "TRN002" not in [d["code"] for d in copydesk(
        "check", "_posts/es", "--select", "TRN", "--format", "json", cwd=tmp_path).json()]


def test_suppressions_apply_to_cross_file_findings_and_cd100_sees_them(tmp_path):
    spanish = SPANISH.replace("En [el episodio", "<!-- copydesk-disable-next-line TRN002 -->\nEn [el episodio")
    spanish = spanish.replace("```bash", "<!-- copydesk-disable-next-line TRN005 -->\n```bash")
    group(tmp_path, {"en": ENGLISH, "fr": FRENCH, "es": spanish})
    found = check("_posts", cwd=tmp_path, extra=("--extend-select", "CD100"))
    codes = Counter(d["code"] for d in found)
    assert codes == Counter({"TRN001": 1, "TRN003": 1, "CD100": 1})  # the TRN005 suppression is unused


def test_lint_text_has_no_group_and_no_finding():
    settings = config.from_mapping({"select": ["TRN"]})
    assert lint_text(SPANISH, path="_posts/es/2024-11-11-talent-es.md", config=settings) == []
