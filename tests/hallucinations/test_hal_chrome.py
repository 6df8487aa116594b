"""Page chrome (HAL301-HAL304), as a user sees it: findings and fixes.

Fixture posts here are invented."""
from __future__ import annotations

from conftest import copydesk, write
from hal_support import FRONT, findings


# -- HAL301-HAL304: scraped page chrome --------------------------------------------------------

SCRAPED = ("NewsBotNewsBot\nBack to Headlines\n\nRobots learn to fold laundry\n\n2 days ago\n\n"
           "A lab showed a robot folding shirts.\n\nRelated Links\n\n"
           "Robots learn to fold laundry | Headlines | NewsBot\n")


def test_scraped_page_chrome():
    assert findings(SCRAPED, path="scraped.md") == {
        (1, "HAL302"), (2, "HAL301"), (6, "HAL304"), (10, "HAL301"), (12, "HAL303")}


def test_fix_deletes_scraped_chrome_lines(tmp_path):
    post = write(tmp_path / "scraped.md", SCRAPED)
    run = copydesk("check", "--no-cache", "--select", "HAL30", "--fix", post)
    assert run.code == 1, run  # the timestamp needs a human: it stays reported
    assert post.read_text(encoding="utf-8") == (
        "Robots learn to fold laundry\n\n2 days ago\n\nA lab showed a robot folding shirts.\n")


def test_fix_keeps_paragraphs_apart(tmp_path):
    post = write(tmp_path / "post.md", FRONT + "Para one.\nRead more\n\nPara two.\n\nRelated Links\n\nPara three.\n")
    copydesk("check", "--no-cache", "--select", "HAL301", "--fix", post)
    assert post.read_text(encoding="utf-8") == FRONT + "Para one.\n\nPara two.\n\nPara three.\n"


def test_chrome_near_misses():
    text = FRONT + ("## Related Links\n\n- [Back to Headlines](https://news.test/)\n\n"
                    "Ha Ha is not a brand. BlogBlog appears mid-sentence.\n\n"
                    "| Name | Role | Team |\n|---|---|---|\n| A Test Post | lead | core |\n")
    assert findings(text) == set()


def test_last_line_with_pipes_that_is_not_the_title():
    assert findings(FRONT + "Intro.\n\nCPU | GPU | TPU\n") == set()


def test_relative_dates_need_an_undated_post():
    undated = "Robots\n\nThe lab announced it yesterday, two days ago it was a rumour.\n"
    assert findings(undated, path="notes/robots.md") == {(3, "HAL304")}
    assert findings(undated, path="_posts/en/2024-03-05-robots-en.md") == set()
    dated = "---\ndate: 2024-03-05\n---\n" + undated
    assert findings(dated, path="notes/robots.md") == set()


def test_diaries_may_say_yesterday():
    diary = "---\ntype: diary\n---\n\n3 days ago\n\nYesterday I went hiking.\n"
    assert findings(diary, path="notes/hike.md") == set()


def test_section_named_yesterday_is_not_a_timestamp():
    assert findings(FRONT + "Yesterday\n\nThe city in 1860.\n\nToday\n\nThe city now.\n") == set()
