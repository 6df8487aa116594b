"""One table of identifier hosts for every linter: what HAL checks, TRN compares."""
from __future__ import annotations

import pytest
from conftest import copydesk, write

from linters import identifiers, lint_text

POST = "---\ntitle: T\nlang: {lang}\n---\n\nSee [the post]({url}) for more.\n"


@pytest.mark.parametrize("host", sorted(identifiers.hosts()["status"]))
def test_every_x_host_carries_an_x_post_for_both_linters(tmp_path, host):
    # HAL003 checks the status id on every X host...
    found = lint_text(POST.format(lang="en", url=f"https://{host}/someone/status/abc"), path="2025-01-01-a-en.md")
    assert [d.code for d in found] == ["HAL003"]
    # ...and TRN002 reads the same post id there, whatever the host of each version.
    for language, other in (("en", host), ("fr", "x.com")):
        write(tmp_path / "_posts" / language / f"2025-01-01-a-{language}.md",
              POST.format(lang=language, url=f"https://{other}/someone/status/123"))
    run = copydesk("check", "_posts", "--select", "TRN", "--no-cache", cwd=tmp_path)
    assert run.code == 0, run
    write(tmp_path / "_posts" / "fr" / "2025-01-01-a-fr.md", POST.format(lang="fr", url="https://x.com/someone/status/124"))
    run = copydesk("check", "_posts", "--select", "TRN", "--no-cache", "--format", "json", cwd=tmp_path)
    assert [item["code"] for item in run.json()] == ["TRN002"] and "X post" in run.json()[0]["message"], run


def test_the_table_is_the_rule_packs_data():
    assert identifiers.kind_of_host("mobile.x.com") == "status" and identifiers.kind_of_host("youtu.be") == "youtube-short"
    assert identifiers.kind_of_host("example.org") is None
    assert identifiers.in_url("www.youtube.com", "/watch", "v=9bZkp7q19f0") == ("YouTube video", "9bZkp7q19f0")
    assert identifiers.in_url("doi.org", "/10.1000/ABC", "") == ("DOI", "10.1000/abc")
