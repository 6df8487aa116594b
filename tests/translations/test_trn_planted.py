"""Translations: defects planted in a post written for these tests, one group each (``planted/``)."""
from __future__ import annotations

import shutil
from pathlib import Path

from trn_support import check

PLANTED = Path(__file__).parent / "planted"


def test_each_planted_defect_is_one_finding_where_it_is_and_the_clean_group_has_none(tmp_path):
    shutil.copytree(PLANTED / "_posts", tmp_path / "_posts")
    expected = [tuple(line.split("\t")) for line in (PLANTED / "expected.tsv").read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")]
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], str(d["line"]), str(d["column"]), d["code"]) for d in found] == expected
    assert len({path.split("/")[-1].rsplit("-", 1)[0] for path, *_ in expected}) == len(expected)  # one per group
